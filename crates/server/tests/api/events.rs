//! The event feed: typed events written in the transaction of their change, read in commit order
//! with a stable cursor, filtered by what the reader may see.
use crate::fixtures::{
    conn, insert_action, insert_action_plan, officer_of_another_council, seed_review, signed_in,
    NewAction,
};
use crate::helpers::{fields, problem, TestApp};
use crate::support::{current_etag, json_of};
use diesel_async::RunQueryDsl;
use reqwest::StatusCode;
use scrutiny_db::queries::events::{self as q, NewEvent};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use uuid::Uuid;

async fn feed(app: &TestApp, token: &str, query: &str) -> Value {
    json_of(
        app.get(&format!("/api/v1/events?{query}"), token).await,
        StatusCode::OK,
    )
    .await
}

/// Reads from `after` until at least `n` events came (the feed waits for transactions still
/// running anywhere in the cluster, such as other tests').
async fn read_until(app: &TestApp, token: &str, query: &str, n: usize) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let page = feed(app, token, query).await;
        if page["items"].as_array().unwrap().len() >= n {
            return page;
        }
        assert!(Instant::now() < deadline, "{n} events did not come: {page}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn subjects(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["subject"].as_str().unwrap().to_owned())
        .collect()
}

async fn write_event(c: &mut scrutiny_db::AsyncPgConnection, council: Uuid, subject: Uuid) {
    let data = json!({"id": subject});
    q::insert(
        c,
        &NewEvent {
            id: Uuid::now_v7(),
            event_type: "recommendation.withdrawn",
            council_id: Some(council),
            review_id: None,
            organisation_id: None,
            public: true,
            subject_type: "recommendation",
            subject_id: subject,
            actor_kind: "user",
            actor_name: "Test",
            data: &data,
        },
    )
    .await
    .unwrap();
}

async fn sql(c: &mut scrutiny_db::AsyncPgConnection, statement: &str) {
    diesel::sql_query(statement).execute(c).await.unwrap();
}

/// Two transactions commit in the opposite order to their events' sequence: the feed holds the
/// later one back while the earlier is running, then returns both, each exactly once.
#[tokio::test]
async fn events_committed_out_of_order_are_each_read_exactly_once() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let types = "types=recommendation.withdrawn";
    let start = feed(&app, &officer, types).await;
    assert_eq!(start["items"], json!([]));
    let cursor = start["next_cursor"].as_str().unwrap().to_owned();

    let (first, second) = (Uuid::now_v7(), Uuid::now_v7());
    let mut t1 = conn(&app).await;
    let mut t2 = conn(&app).await;
    sql(&mut t1, "BEGIN").await;
    write_event(&mut t1, app.council_id, first).await;
    sql(&mut t2, "BEGIN").await;
    write_event(&mut t2, app.council_id, second).await;
    sql(&mut t2, "COMMIT").await;
    // The second is committed, but the first is still running: nothing may be read past it.
    for _ in 0..3 {
        let page = feed(&app, &officer, &format!("{types}&after={cursor}")).await;
        assert_eq!(page["items"], json!([]), "held back while the first runs");
        assert_eq!(
            page["next_cursor"],
            json!(cursor),
            "the reader keeps its place"
        );
    }
    sql(&mut t1, "COMMIT").await;
    // Both, once no transaction older than the second is running anywhere on the server (other
    // tests' transactions hold the feed back as the first did).
    let page = read_until(&app, &officer, &format!("{types}&after={cursor}"), 2).await;
    assert_eq!(
        subjects(&page),
        [
            format!("recommendations/{first}"),
            format!("recommendations/{second}")
        ]
    );
    let next = page["next_cursor"].as_str().unwrap();
    let again = feed(&app, &officer, &format!("{types}&after={next}")).await;
    assert_eq!(again["items"], json!([]), "nothing twice");
    // Page by page, the same events.
    let one = feed(&app, &officer, &format!("{types}&after={cursor}&limit=1")).await;
    assert_eq!(subjects(&one), [format!("recommendations/{first}")]);
    let two = feed(
        &app,
        &officer,
        &format!(
            "{types}&after={}&limit=1",
            one["next_cursor"].as_str().unwrap()
        ),
    )
    .await;
    assert_eq!(subjects(&two), [format!("recommendations/{second}")]);
    // A rolled-back transaction's event never appears.
    let mut t3 = conn(&app).await;
    sql(&mut t3, "BEGIN").await;
    write_event(&mut t3, app.council_id, Uuid::now_v7()).await;
    sql(&mut t3, "ROLLBACK").await;
    let mut t4 = conn(&app).await;
    let last = Uuid::now_v7();
    write_event(&mut t4, app.council_id, last).await;
    let page = read_until(&app, &officer, &format!("{types}&after={next}"), 1).await;
    assert_eq!(subjects(&page), [format!("recommendations/{last}")]);

    // Bad input names the parameter.
    for (query, field) in [
        ("types=progress_entry.lost", "types"),
        ("after=not-a-cursor", "after"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
    ] {
        let p = problem(
            app.get(&format!("/api/v1/events?{query}"), &officer).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&p), [field], "{query}");
    }
}

/// A contributor fills in and submits its entry.
async fn submit(app: &TestApp, token: &str, entry_id: &str) {
    let path = format!("/api/v1/progress-entries/{entry_id}");
    let tag = current_etag(app, &path).await;
    let body = json!({"progress": "Work is complete.", "proposed_grade": "1",
                      "impact": {"kind": "none_undertaken"}});
    json_of(app.patch(&path, token, &tag, &body).await, StatusCode::OK).await;
    json_of(
        app.post(&format!("{path}/submit"), token, &json!({})).await,
        StatusCode::OK,
    )
    .await;
}

/// Each reader sees what it may: the council's staff every event of the council, a partner its
/// own entries' events and the public events of its reviews, a viewer public events only, another
/// council nothing.
#[tokio::test]
async fn each_reader_hears_of_what_it_may_see() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let fire = app
        .create_organisation("Cleveland Fire Brigade", "fire")
        .await;
    let seed = seed_review(
        &app,
        app.council_id,
        "Police Communications",
        "action_plan_agreed",
    )
    .await;
    let mut c = conn(&app).await;
    let plan = insert_action_plan(
        &mut c,
        app.council_id,
        seed.review_id,
        Some(chrono::NaiveDate::from_ymd_opt(2022, 3, 1).unwrap()),
    )
    .await;
    drop(c);
    for (i, org) in [police, fire].into_iter().enumerate() {
        let mut action = NewAction::new(seed.recs[i], "Agreed action");
        action.owners = vec![(Some(org), None)];
        insert_action(&app, seed.review_id, plan, action).await;
    }
    let officer = signed_in(&app, "officer@stockton.example", "officer", app.council_id).await;
    let viewer = signed_in(&app, "viewer@stockton.example", "viewer", app.council_id).await;
    let police_token = signed_in(&app, "jo@police.example", "contributor", police).await;
    let fire_token = signed_in(&app, "crew@fire.example", "contributor", fire).await;
    let round = json_of(
        app.post(
            &format!("/api/v1/reviews/{}/progress-rounds", seed.review_id),
            &officer,
            &json!({"label": "November 2030", "deadline": "2030-11-14",
                    "meeting_date": "2030-11-24"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let entries = json_of(
        app.get(
            &format!(
                "/api/v1/progress-entries?round_id={}",
                round["id"].as_str().unwrap()
            ),
            &officer,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let entry_of = |org: Uuid| {
        entries["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["organisation"]["id"] == json!(org))
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .unwrap()
    };
    let (police_entry, fire_entry) = (entry_of(police), entry_of(fire));
    submit(&app, &police_token, &police_entry).await;
    submit(&app, &fire_token, &fire_entry).await;

    let types = "types=progress_entry.submitted,progress_round.opened";
    let all = read_until(&app, &officer, types, 3).await;
    let round_subject = format!("progress-rounds/{}", round["id"].as_str().unwrap());
    assert_eq!(
        subjects(&all),
        [
            round_subject.clone(),
            format!("progress-entries/{police_entry}"),
            format!("progress-entries/{fire_entry}")
        ]
    );
    let event = &all["items"][1];
    assert_eq!(event["specversion"], "1.0");
    assert_eq!(event["type"], "progress_entry.submitted");
    assert_eq!(event["source"], format!("/councils/{}", app.council_id));
    assert_eq!(event["datacontenttype"], "application/json");
    assert_eq!(event["data"]["state"], "submitted");
    assert_eq!(event["actorname"], "User jo@police.example");
    assert_eq!(event["reviewid"], json!(seed.review_id));

    let police_feed = feed(&app, &police_token, types).await;
    assert_eq!(
        subjects(&police_feed),
        [
            round_subject.clone(),
            format!("progress-entries/{police_entry}")
        ],
        "its own entry and its review's round, not the fire brigade's entry"
    );
    let fire_feed = feed(&app, &fire_token, types).await;
    assert_eq!(
        subjects(&fire_feed),
        [
            round_subject.clone(),
            format!("progress-entries/{fire_entry}")
        ]
    );
    let viewer_feed = feed(&app, &viewer, types).await;
    assert_eq!(
        subjects(&viewer_feed),
        [round_subject],
        "public events only"
    );
    let (other, _) =
        officer_of_another_council(&app, "Hartlepool Borough Council", "o@hartlepool.example")
            .await;
    assert_eq!(feed(&app, &other, "").await["items"], json!([]));
}
