//! Progress monitoring over HTTP: rounds, entries and their workflow, grades, carry forward,
//! sign-off, work lists and the dashboard.
use crate::fixtures::{
    conn, execute_for, get_json, insert_action, insert_action_plan, post_with, seed_review, send,
    signed_in, NewAction, Seed,
};
use crate::helpers::{etag, problem, TestApp};
use crate::support::json_of;
use chrono::NaiveDate;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

/// The seed review at "action plan agreed" (March 2022): recommendations 1–3 for the police,
/// 4 for the council itself; a police contributor, an officer and a fire service contributor.
struct World {
    seed: Seed,
    officer: String,
    police: String,
    police_id: Uuid,
    fire: String,
    viewer: String,
}

async fn world(app: &TestApp) -> World {
    let seed = seed_review(
        app,
        app.council_id,
        "Police Communications",
        "action_plan_agreed",
    )
    .await;
    let police_id = app.create_organisation("Cleveland Police", "police").await;
    let fire_id = app
        .create_organisation("Cleveland Fire Brigade", "fire")
        .await;
    let mut c = conn(app).await;
    let plan = insert_action_plan(
        &mut c,
        seed.council_id,
        seed.review_id,
        Some(NaiveDate::from_ymd_opt(2022, 3, 1).unwrap()),
    )
    .await;
    drop(c);
    for (i, rec) in seed.recs.iter().enumerate() {
        let owner = if i < 3 { police_id } else { seed.council_id };
        let mut action = NewAction::new(*rec, "Agreed action");
        action.owners = vec![(Some(owner), None)];
        insert_action(app, seed.review_id, plan, action).await;
    }
    World {
        officer: signed_in(app, "officer@council.example", "officer", app.council_id).await,
        police: signed_in(app, "pc@police.example", "contributor", police_id).await,
        fire: signed_in(app, "ff@fire.example", "contributor", fire_id).await,
        viewer: signed_in(app, "cllr@council.example", "viewer", app.council_id).await,
        police_id,
        seed,
    }
}

async fn open_round(app: &TestApp, w: &World, body: Value) -> Value {
    let path = format!("/api/v1/reviews/{}/progress-rounds", w.seed.review_id);
    json_of(
        post_with(app, &path, &w.officer, None, &body).await,
        StatusCode::CREATED,
    )
    .await
}

async fn round_entries(app: &TestApp, round: &Value, token: &str) -> Vec<Value> {
    let path = format!(
        "/api/v1/progress-rounds/{}/entries",
        round["id"].as_str().unwrap()
    );
    get_json(app, &path, token)
        .await
        .as_array()
        .unwrap()
        .clone()
}

fn entry_of<'a>(entries: &'a [Value], number: &str) -> &'a Value {
    entries
        .iter()
        .find(|e| e["recommendation"]["number"] == number && e["part"].is_null())
        .unwrap_or_else(|| panic!("no entry for recommendation {number}"))
}

fn path_of(entry: &Value) -> String {
    format!("/api/v1/progress-entries/{}", entry["id"].as_str().unwrap())
}

/// PATCH of an entry with a fresh If-Match.
async fn write(app: &TestApp, entry: &Value, token: &str, body: Value) -> reqwest::Response {
    let path = path_of(entry);
    let tag = etag(&app.get(&path, token).await);
    send(app, Method::PATCH, &path, token, Some(&tag), Some(&body)).await
}

async fn act(
    app: &TestApp,
    entry: &Value,
    token: &str,
    step: &str,
    body: Value,
) -> reqwest::Response {
    post_with(
        app,
        &format!("{}/{step}", path_of(entry)),
        token,
        None,
        &body,
    )
    .await
}

async fn draft_and_submit(app: &TestApp, entry: &Value, token: &str, grade: &str) -> Value {
    let r = write(
        app,
        entry,
        token,
        json!({"progress": "Done as agreed.", "proposed_grade": grade,
               "impact": {"kind": "none_undertaken"}}),
    )
    .await;
    json_of(r, StatusCode::OK).await;
    json_of(
        act(app, entry, token, "submit", json!({})).await,
        StatusCode::OK,
    )
    .await
}

#[tokio::test]
async fn the_whole_cycle_runs_through_the_api() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;

    // The officer opens the first round: every recommendation, each for its organisation.
    let round = open_round(
        &app,
        &w,
        json!({"deadline": "2022-11-01", "meeting_date": "2022-11-24"}),
    )
    .await;
    assert_eq!(round["label"], "November 2022");
    assert_eq!(round["sequence"], 1);
    assert_eq!(round["entries"]["total"], 4);
    assert_eq!(round["entries"]["draft"], 4);
    let review = get_json(
        &app,
        &format!("/api/v1/reviews/{}", w.seed.review_id),
        &w.officer,
    )
    .await;
    assert_eq!(review["status"], "monitoring");
    let all = round_entries(&app, &round, &w.officer).await;
    assert_eq!(all.len(), 4);
    let police_entries = round_entries(&app, &round, &w.police).await;
    assert_eq!(
        police_entries.len(),
        3,
        "the police see their three entries only"
    );
    assert!(police_entries
        .iter()
        .all(|e| e["organisation"]["name"] == "Cleveland Police"));
    assert_eq!(
        entry_of(&all, "4")["organisation"]["id"],
        json!(w.seed.council_id)
    );
    // A second round cannot open while this one is.
    let path = format!("/api/v1/reviews/{}/progress-rounds", w.seed.review_id);
    let r = post_with(
        &app,
        &path,
        &w.officer,
        None,
        &json!({"deadline": "2023-05-01"}),
    )
    .await;
    problem(r, StatusCode::CONFLICT).await;

    // The contributor drafts recommendation 2 and submits it.
    let rec2 = entry_of(&all, "2").clone();
    assert_eq!(rec2["allowed_transitions"], json!(["submitted"]));
    let r = write(
        &app,
        &rec2,
        &w.police,
        json!({
            "progress": "- Ward pledge\n- Monthly contact <script>alert(1)</script>",
            "proposed_grade": "3 (Slipped) Although some progress has been made this area is still not to the desired standard.",
            "impact": {"kind": "evidence", "text": "Feedback is mixed."},
            "key_figures": [{"label": "VCOP compliance", "value": "95.2", "unit": "%", "scope": "Northside officers"}]
        }),
    )
    .await;
    let drafted = json_of(r, StatusCode::OK).await;
    assert_eq!(drafted["grades"]["proposed"]["code"], "3");
    assert_eq!(drafted["grades"]["proposed"]["display"], "3 (Slipped)");
    assert_eq!(
        drafted["proposed_explanation"],
        "Although some progress has been made this area is still not to the desired standard."
    );
    let html = drafted["progress_html"].as_str().unwrap();
    assert!(
        html.contains("<li>Ward pledge</li>") && !html.contains("<script>"),
        "{html}"
    );
    assert_eq!(drafted["key_figures"][0]["value"], "95.2");
    assert!(drafted["written_by"]
        .as_str()
        .unwrap()
        .contains("pc@police.example"));
    let submitted = json_of(
        act(&app, &rec2, &w.police, "submit", json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(submitted["state"], "submitted");
    assert_eq!(submitted["editable"], false);

    // Read-only to the contributor now; the officer may not submit it again.
    let r = write(&app, &rec2, &w.police, json!({"progress": "changed"})).await;
    problem(r, StatusCode::CONFLICT).await;
    let r = act(&app, &rec2, &w.police, "submit", json!({})).await;
    let p = problem(r, StatusCode::CONFLICT).await;
    assert_eq!(p["allowed"], json!(["validated", "returned"]));
    // A contributor cannot validate (a step for officers).
    let r = act(&app, &rec2, &w.police, "validate", json!({"grade": "3"})).await;
    problem(r, StatusCode::FORBIDDEN).await;

    // The officer returns it; the contributor changes it and resubmits.
    let r = act(&app, &rec2, &w.officer, "return", json!({"comments": "  "})).await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    let returned = json_of(
        act(
            &app,
            &rec2,
            &w.officer,
            "return",
            json!({"comments": "Please add the Southside figures."}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(returned["state"], "returned");
    let seen = get_json(&app, &path_of(&rec2), &w.police).await;
    assert_eq!(seen["return_comments"], "Please add the Southside figures.");
    assert_eq!(seen["editable"], true);
    let r = write(
        &app,
        &rec2,
        &w.police,
        json!({"progress": "- Ward pledge\n- Southside: 91%"}),
    )
    .await;
    json_of(r, StatusCode::OK).await;
    let resubmitted = json_of(
        act(&app, &rec2, &w.police, "submit", json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(resubmitted["state"], "submitted");

    // The officer validates: a different grade needs a reason.
    let r = act(&app, &rec2, &w.officer, "validate", json!({"grade": "2"})).await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(p["errors"][0]["field"], "reason");
    let validated = json_of(
        act(&app, &rec2, &w.officer, "validate", json!({"grade": "3"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(validated["state"], "validated");
    assert_eq!(validated["grades"]["officer"]["code"], "3");
    assert_eq!(validated["grades"]["proposed_differs_from_officer"], false);

    // The other three: recommendations 1 and 3 by the police, 4 by the council's officer.
    for (number, token) in [("1", &w.police), ("3", &w.police), ("4", &w.officer)] {
        let entry = entry_of(&all, number).clone();
        draft_and_submit(&app, &entry, token, "1").await;
        json_of(
            act(&app, &entry, &w.officer, "validate", json!({"grade": "1"})).await,
            StatusCode::OK,
        )
        .await;
    }

    // The committee accepts them all (recorded by the officer).
    for number in ["1", "2", "3", "4"] {
        let entry = entry_of(&all, number).clone();
        let accepted = json_of(
            act(
                &app,
                &entry,
                &w.officer,
                "accept",
                json!({"minute_reference": "CDSC 24/11/22 minute 7"}),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(accepted["state"], "accepted");
        assert_eq!(accepted["accepted_meeting_date"], "2022-11-24");
        let closed = number != "2";
        assert_eq!(
            accepted["recommendation"]["status"],
            if closed { "closed" } else { "open" },
            "recommendation {number}"
        );
    }
    let round_now = get_json(
        &app,
        &format!("/api/v1/progress-rounds/{}", round["id"].as_str().unwrap()),
        &w.officer,
    )
    .await;
    assert_eq!(round_now["status"], "closed");
    assert_eq!(round_now["entries"]["accepted"], 4);

    // The entry's history shows every step.
    let history = get_json(
        &app,
        &format!("{}/history?limit=50", path_of(&rec2)),
        &w.officer,
    )
    .await;
    let mut actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    actions.reverse();
    assert_eq!(
        actions,
        [
            "progress_entry.created",
            "progress_entry.updated",
            "progress_entry.submitted",
            "progress_entry.returned",
            "progress_entry.updated",
            "progress_entry.resubmitted",
            "progress_entry.validated",
            "progress_entry.accepted"
        ]
    );

    // The next round holds only the outstanding recommendation.
    let proposal = get_json(
        &app,
        &format!("/api/v1/reviews/{}/progress-rounds/next", w.seed.review_id),
        &w.officer,
    )
    .await;
    assert_eq!(proposal["sequence"], 2);
    assert_eq!(proposal["recommendation_ids"], json!([w.seed.recs[1]]));
    let second = open_round(
        &app,
        &w,
        json!({"deadline": "2023-05-01", "meeting_date": "2023-05-25"}),
    )
    .await;
    assert_eq!(second["sequence"], 2);
    let entries = round_entries(&app, &second, &w.officer).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["recommendation"]["number"], "2");

    // Accepting it at grade 1 closes the last one: the plan is signed off, and the review.
    let only = entries[0].clone();
    draft_and_submit(&app, &only, &w.police, "1").await;
    json_of(
        act(&app, &only, &w.officer, "validate", json!({"grade": "1"})).await,
        StatusCode::OK,
    )
    .await;
    json_of(
        act(&app, &only, &w.officer, "accept", json!({})).await,
        StatusCode::OK,
    )
    .await;
    let review = get_json(
        &app,
        &format!("/api/v1/reviews/{}", w.seed.review_id),
        &w.officer,
    )
    .await;
    assert_eq!(review["status"], "signed_off");
    let plan = get_json(
        &app,
        &format!("/api/v1/reviews/{}/action-plan", w.seed.review_id),
        &w.officer,
    )
    .await;
    assert_eq!(plan["status"], "signed_off");
    assert_eq!(plan["signed_off_on"], "2023-05-25");
    let r = post_with(
        &app,
        &path,
        &w.officer,
        None,
        &json!({"deadline": "2023-11-01"}),
    )
    .await;
    problem(r, StatusCode::CONFLICT).await;
}

#[tokio::test]
async fn another_organisation_sees_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let round = open_round(
        &app,
        &w,
        json!({"deadline": "2022-11-01", "meeting_date": "2022-11-24"}),
    )
    .await;
    let all = round_entries(&app, &round, &w.officer).await;
    let rec1 = entry_of(&all, "1").clone();
    let round_path = format!("/api/v1/progress-rounds/{}", round["id"].as_str().unwrap());

    // Reads: 404 for the one thing, nothing in the lists.
    for path in [
        path_of(&rec1),
        format!("{}/history", path_of(&rec1)),
        round_path.clone(),
        format!("{round_path}/entries"),
    ] {
        let r = app.get(&path, &w.fire).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
    for path in [
        "/api/v1/progress-entries".to_owned(),
        format!(
            "/api/v1/progress-entries?round_id={}",
            round["id"].as_str().unwrap()
        ),
        "/api/v1/me/inbox".to_owned(),
        "/api/v1/progress-rounds".to_owned(),
    ] {
        let page = get_json(&app, &path, &w.fire).await;
        assert_eq!(page["items"], json!([]), "{path}");
    }
    let rounds = get_json(
        &app,
        &format!("/api/v1/reviews/{}/progress-rounds", w.seed.review_id),
        &w.fire,
    )
    .await;
    assert_eq!(
        rounds.get("status").and_then(Value::as_u64),
        Some(404),
        "{rounds}"
    );

    // Writes: not found, and nothing changed.
    let r = send(
        &app,
        Method::PATCH,
        &path_of(&rec1),
        &w.fire,
        Some("*"),
        Some(&json!({"progress": "x"})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = act(&app, &rec1, &w.fire, "submit", json!({})).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // The officers' steps are refused to any partner by role first.
    for (step, body) in [
        ("return", json!({"comments": "x"})),
        ("validate", json!({"grade": "1"})),
        ("accept", json!({})),
    ] {
        let r = act(&app, &rec1, &w.fire, step, body).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{step}");
    }
    let r = post_with(
        &app,
        &format!("/api/v1/reviews/{}/progress-rounds", w.seed.review_id),
        &w.fire,
        None,
        &json!({"deadline": "2023-01-01"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let same = get_json(&app, &path_of(&rec1), &w.officer).await;
    assert_eq!(same["version"], rec1["version"]);
    assert_eq!(same["state"], "draft");

    // The police's own contributor reads and writes theirs, but not the council's entry.
    let rec4 = entry_of(&all, "4").clone();
    assert_eq!(
        app.get(&path_of(&rec4), &w.police).await.status(),
        StatusCode::NOT_FOUND
    );

    // A viewer sees accepted entries only.
    assert_eq!(
        app.get(&path_of(&rec1), &w.viewer).await.status(),
        StatusCode::NOT_FOUND
    );
    let page = get_json(&app, "/api/v1/progress-entries", &w.viewer).await;
    assert_eq!(page["items"], json!([]));
    let r = send(
        &app,
        Method::PATCH,
        &path_of(&rec1),
        &w.viewer,
        Some("*"),
        Some(&json!({"progress": "x"})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let _ = w.police_id;
}

#[tokio::test]
async fn submissions_are_checked_against_the_rules() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let round = open_round(
        &app,
        &w,
        json!({"deadline": "2022-11-01", "meeting_date": "2022-11-24"}),
    )
    .await;
    let all = round_entries(&app, &round, &w.officer).await;
    let rec1 = entry_of(&all, "1").clone();

    // Nothing written: every missing field named.
    let p = problem(
        act(&app, &rec1, &w.police, "submit", json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["progress", "proposed_grade", "impact"]);

    // Grade 3 needs an explanation; impact must be stated.
    json_of(
        write(
            &app,
            &rec1,
            &w.police,
            json!({"progress": "Some", "proposed_grade": "3"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let p = problem(
        act(&app, &rec1, &w.police, "submit", json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["proposed_explanation", "impact"]);

    // Bad values are refused with the field at fault, and nothing is written.
    for (body, field) in [
        (json!({"proposed_grade": "7"}), "proposed_grade"),
        (json!({"impact": {"kind": "evidence"}}), "impact.text"),
        (json!({"impact": {"kind": "maybe"}}), "impact.kind"),
        (
            json!({"key_figures": [{"label": "VCOP", "value": "lots"}]}),
            "key_figures[0].value",
        ),
        (json!({"organisation_id": w.police_id}), "organisation_id"),
    ] {
        let p = problem(
            write(&app, &rec1, &w.police, body.clone()).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(p["errors"][0]["field"], field, "{body}");
    }
    // "No assessment of impact undertaken." typed as evidence is the statement.
    let r = write(
        &app,
        &rec1,
        &w.police,
        json!({"proposed_explanation": "Staff turnover.", "impact": {"kind": "evidence", "text": "No assessment of impact undertaken."}}),
    )
    .await;
    let e = json_of(r, StatusCode::OK).await;
    assert_eq!(e["impact"]["kind"], "none_undertaken");
    assert_eq!(e["impact_text"], "No assessment of impact undertaken.");
    json_of(
        act(&app, &rec1, &w.police, "submit", json!({})).await,
        StatusCode::OK,
    )
    .await;

    // Accepting needs a validated entry: 409 with what is allowed.
    let p = problem(
        act(&app, &rec1, &w.officer, "accept", json!({})).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(p["allowed"], json!(["validated", "returned"]));
}

#[tokio::test]
async fn parts_suggest_the_worst_grade_and_overrides_need_a_reason() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let round = open_round(
        &app,
        &w,
        json!({"deadline": "2022-11-01", "meeting_date": "2022-11-24", "recommendation_ids": [w.seed.recs[2]], "include_parts": true}),
    )
    .await;
    let all = round_entries(&app, &round, &w.officer).await;
    assert_eq!(all.len(), 3, "recommendation 3 and its parts a and b");
    let parts: Vec<&Value> = all.iter().filter(|e| !e["part"].is_null()).collect();
    assert_eq!(parts[0]["part"]["label"], "a");
    assert_eq!(parts[1]["part"]["label"], "b");
    draft_and_submit(&app, parts[0], &w.police, "1").await;
    let r = write(
        &app,
        parts[1],
        &w.police,
        json!({"progress": "Partly", "proposed_grade": "2", "impact": {"kind": "none_undertaken"}}),
    )
    .await;
    json_of(r, StatusCode::OK).await;
    json_of(
        act(&app, parts[1], &w.police, "submit", json!({})).await,
        StatusCode::OK,
    )
    .await;
    let rec3 = entry_of(&all, "3").clone();
    draft_and_submit(&app, &rec3, &w.police, "1").await;
    let seen = get_json(&app, &path_of(&rec3), &w.officer).await;
    assert_eq!(seen["grades"]["suggested"]["code"], "2");
    // Grade 1 differs from the suggested 2: an override reason is needed.
    let p = problem(
        act(&app, &rec3, &w.officer, "validate", json!({"grade": "1"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "override_reason");
    let v = json_of(
        act(
            &app,
            &rec3,
            &w.officer,
            "validate",
            json!({"grade": "1", "override_reason": "Part b is complete since."}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(v["override_reason"], "Part b is complete since.");
    // Grades that differ show in lists.
    json_of(
        act(
            &app,
            parts[1],
            &w.officer,
            "validate",
            json!({"grade": "3", "reason": "Not on track."}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let differ = get_json(
        &app,
        "/api/v1/progress-entries?grades_differ=true",
        &w.officer,
    )
    .await;
    let items = differ["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["part"]["label"], "b");
    assert_eq!(items[0]["officer_reason"], "Not on track.");
}

#[tokio::test]
async fn work_lists_and_dashboard_show_what_is_owed_and_due() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let round = open_round(
        &app,
        &w,
        json!({"deadline": "2022-11-01", "meeting_date": "2022-11-24"}),
    )
    .await;
    let all = round_entries(&app, &round, &w.officer).await;

    let inbox = get_json(&app, "/api/v1/me/inbox", &w.police).await;
    assert_eq!(inbox["items"].as_array().unwrap().len(), 3);
    assert!(
        inbox["items"][0]["overdue"].as_bool().unwrap(),
        "the 2022 deadline has passed"
    );
    draft_and_submit(&app, entry_of(&all, "1"), &w.police, "1").await;
    let inbox = get_json(&app, "/api/v1/me/inbox", &w.police).await;
    assert_eq!(inbox["items"].as_array().unwrap().len(), 2);
    let queue = get_json(&app, "/api/v1/me/assessments", &w.officer).await;
    assert_eq!(queue["items"].as_array().unwrap().len(), 1);
    assert_eq!(queue["items"][0]["recommendation"]["number"], "1");
    assert_eq!(
        app.get("/api/v1/me/assessments", &w.police).await.status(),
        StatusCode::FORBIDDEN
    );

    let d = get_json(&app, "/api/v1/dashboard?on=2022-10-20", &w.officer).await;
    assert_eq!(d["recommendations"]["open"], 4);
    assert_eq!(d["due_soon_rounds"][0]["owed"], 3);
    assert_eq!(d["due_soon_rounds"][0]["to_assess"], 1);
    assert_eq!(d["due_soon_rounds_total"], 1);
    assert_eq!(d["overdue_rounds"], json!([]));
    assert_eq!(d["overdue_rounds_total"], 0);
    let d = get_json(&app, "/api/v1/dashboard?on=2022-11-02", &w.officer).await;
    assert_eq!(d["overdue_rounds"][0]["label"], "November 2022");
    assert_eq!(d["overdue_rounds_total"], 1);
    assert_eq!(d["due_soon_rounds_total"], 0);
    let by_org = d["by_organisation"].as_array().unwrap();
    let police = by_org
        .iter()
        .find(|g| g["name"] == "Cleveland Police")
        .unwrap();
    let total: i64 = police["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 3);
    // The police's dashboard counts only what they report.
    let d = get_json(&app, "/api/v1/dashboard?on=2022-11-02", &w.police).await;
    assert_eq!(d["by_organisation"].as_array().unwrap().len(), 1);
    assert_eq!(d["overdue_rounds"][0]["owed"], 2);
    assert_eq!(d["overdue_rounds"][0]["to_assess"], 1);
    assert_eq!(d["overdue_rounds_total"], 1);

    // The deadline moved: the police's rounds (read from their counts in deadline order) follow.
    let path = format!("/api/v1/progress-rounds/{}", round["id"].as_str().unwrap());
    let tag = etag(&app.get(&path, &w.officer).await);
    let moved = app
        .patch(&path, &w.officer, &tag, &json!({"deadline": "2022-11-20"}))
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let d = get_json(&app, "/api/v1/dashboard?on=2022-11-02", &w.police).await;
    assert_eq!(d["overdue_rounds"], json!([]));
    assert_eq!(d["overdue_rounds_total"], 0);
    assert_eq!(d["due_soon_rounds"][0]["deadline"], "2022-11-20");
    assert_eq!(d["due_soon_rounds"][0]["owed"], 2);
    assert_eq!(d["due_soon_rounds_total"], 1);
    let d = get_json(&app, "/api/v1/dashboard?on=2022-11-21", &w.police).await;
    assert_eq!(d["overdue_rounds"][0]["deadline"], "2022-11-20");
    assert_eq!(d["due_soon_rounds"], json!([]));

    // The council's rounds (read from its partners' counts by council, with the entries it
    // reports itself) follow too, the entry no organisation reports included.
    let d = get_json(&app, "/api/v1/dashboard?on=2022-11-02", &w.officer).await;
    assert_eq!(d["overdue_rounds_total"], 0);
    assert_eq!(d["due_soon_rounds"][0]["deadline"], "2022-11-20");
    assert_eq!(d["due_soon_rounds"][0]["owed"], 3);
    assert_eq!(d["due_soon_rounds"][0]["to_assess"], 1);
    let own = entry_of(&all, "4")["id"]
        .as_str()
        .unwrap()
        .parse::<Uuid>()
        .unwrap();
    let sql = "UPDATE progress_entries SET organisation_id = NULL WHERE id = $1";
    execute_for(&app, sql, own).await;
    let d = get_json(&app, "/api/v1/dashboard?on=2022-11-02", &w.officer).await;
    assert_eq!(d["due_soon_rounds"][0]["owed"], 3);
    assert_eq!(d["due_soon_rounds_total"], 1);
    let d = get_json(&app, "/api/v1/dashboard?on=2022-11-21", &w.officer).await;
    assert_eq!(d["overdue_rounds"][0]["owed"], 3);
    assert_eq!(d["overdue_rounds_total"], 1);
    // Accepted, it is no longer work: owed by no one, awaiting no one.
    let sql = "UPDATE progress_entries SET state = 'accepted', accepted_grade = '2' WHERE id = $1";
    execute_for(&app, sql, own).await;
    let d = get_json(&app, "/api/v1/dashboard?on=2022-11-21", &w.officer).await;
    assert_eq!(d["overdue_rounds"][0]["owed"], 2);
    assert_eq!(d["overdue_rounds"][0]["to_accept"], 0);
    // Every entry accepted: the round has no work left, and is not listed as due.
    let sql = "UPDATE progress_entries SET state = 'accepted', accepted_grade = '2'
                WHERE round_id = (SELECT round_id FROM progress_entries WHERE id = $1)";
    execute_for(&app, sql, own).await;
    let d = get_json(&app, "/api/v1/dashboard?on=2022-11-02", &w.officer).await;
    assert_eq!(d["due_soon_rounds"], json!([]));
    assert_eq!(d["due_soon_rounds_total"], 0);
}

/// The actions with milestones overdue and due soon: a council's counts every open action of
/// its own, a partner's those it owns; milestones met and actions closed count for neither.
#[tokio::test]
async fn the_dashboard_counts_actions_with_milestones_overdue_and_due_soon() {
    use crate::fixtures::month;
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let plan: Uuid = {
        use diesel::{ExpressionMethods, QueryDsl};
        use scrutiny_db::schema::action_plans;
        diesel_async::RunQueryDsl::get_result(
            action_plans::table
                .filter(action_plans::review_id.eq(w.seed.review_id))
                .select(action_plans::id),
            &mut conn(&app).await,
        )
        .await
        .unwrap()
    };
    let met = {
        let mut due = month(2022, 10);
        due.4 = NaiveDate::from_ymd_opt(2022, 10, 3);
        due
    };
    let actions: [(usize, Uuid, &str, Vec<_>); 4] = [
        // The police's: one milestone overdue on 2 November 2022, one due within 45 days.
        (
            0,
            w.police_id,
            "open",
            vec![month(2022, 10), month(2022, 11)],
        ),
        // The council's own: overdue, and one already met.
        (3, w.seed.council_id, "open", vec![month(2022, 9), met]),
        // Closed: counts for no one.
        (1, w.police_id, "complete", vec![month(2022, 10)]),
        // Due after the 45 days.
        (2, w.police_id, "open", vec![month(2023, 6)]),
    ];
    for (rec, owner, status, milestones) in actions {
        let mut action = NewAction::new(w.seed.recs[rec], "Milestones");
        action.owners = vec![(Some(owner), None)];
        action.status = status;
        action.milestones = milestones;
        insert_action(&app, w.seed.review_id, plan, action).await;
    }
    let counts = |d: &Value| (d["overdue_actions"].clone(), d["due_soon_actions"].clone());
    let d = get_json(&app, "/api/v1/dashboard?on=2022-11-02", &w.officer).await;
    assert_eq!(counts(&d), (json!(2), json!(1)));
    let d = get_json(&app, "/api/v1/dashboard?on=2022-11-02", &w.police).await;
    assert_eq!(counts(&d), (json!(1), json!(1)));
    let d = get_json(&app, "/api/v1/dashboard?on=2023-05-20", &w.officer).await;
    assert_eq!(counts(&d), (json!(2), json!(1)));

    // The council's overdue milestone met: its action counts no more.
    let sql = "UPDATE milestones SET completed_on = date '2022-11-01'
                WHERE due_by = date '2022-09-30' AND action_id IN
                      (SELECT id FROM actions WHERE review_id = $1)";
    execute_for(&app, sql, w.seed.review_id).await;
    let d = get_json(&app, "/api/v1/dashboard?on=2022-11-02", &w.officer).await;
    assert_eq!(counts(&d), (json!(1), json!(1)));
}

#[tokio::test]
async fn a_council_grades_on_its_own_scale() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let path = format!("/api/v1/councils/{}/settings", app.council_id);
    let rag = json!({"name": "RAG", "levels": [
        {"code": "green", "label": "Green", "description": "Achieved", "order": 1, "closes": true},
        {"code": "amber", "label": "Amber", "description": "Acceptable progress", "order": 2},
        {"code": "red", "label": "Red", "description": "Unacceptable progress", "order": 3, "explanation_required": true}
    ]});
    let mut body = crate::fixtures::settings(crate::fixtures::ENGLAND_AND_WALES, 5);
    // A scale that no level closes is refused, naming the field.
    body["grade_scale"] =
        json!({"name": "Bad", "levels": [{"code": "x", "label": "X", "order": 1}]});
    let r = crate::fixtures::put_with(&app, &path, &app.admin, None, &body).await;
    assert_eq!(
        problem(r, StatusCode::UNPROCESSABLE_ENTITY).await["errors"][0]["field"],
        "grade_scale"
    );
    body["grade_scale"] = rag;
    body["reminder_days_before"] = json!(10);
    let saved = json_of(
        crate::fixtures::put_with(&app, &path, &app.admin, None, &body).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(saved["grade_scale"]["levels"][1]["label"], "Amber");
    assert_eq!(saved["reminder_days_before"], 10);

    let round = open_round(
        &app,
        &w,
        json!({"deadline": "2022-11-01", "meeting_date": "2022-11-24"}),
    )
    .await;
    let all = round_entries(&app, &round, &w.officer).await;
    let rec1 = entry_of(&all, "1").clone();
    let e = json_of(
        write(&app, &rec1, &w.police, json!({"progress": "Done", "proposed_grade": "Amber (acceptable progress)", "impact": {"kind": "none_undertaken"}})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(e["grades"]["proposed"]["code"], "amber");
    let p = problem(
        write(&app, &rec1, &w.police, json!({"proposed_grade": "2"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "proposed_grade");
    json_of(
        act(&app, &rec1, &w.police, "submit", json!({})).await,
        StatusCode::OK,
    )
    .await;
    // Green closes on this scale.
    json_of(
        act(
            &app,
            &rec1,
            &w.officer,
            "validate",
            json!({"grade": "Green", "reason": "Complete since."}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let accepted = json_of(
        act(&app, &rec1, &w.officer, "accept", json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(accepted["grades"]["accepted"]["label"], "Green");
    assert_eq!(accepted["recommendation"]["status"], "closed");

    // The scale cannot drop a grade the council's entries carry.
    let tag = crate::helpers::etag(&app.get(&path, &app.admin).await);
    let mut body = crate::fixtures::settings(crate::fixtures::ENGLAND_AND_WALES, 5);
    body["grade_scale"] = json!(null);
    let r = crate::fixtures::put_with(&app, &path, &app.admin, Some(&tag), &body).await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(p["errors"][0]["field"], "grade_scale");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("amber"),
        "{p}"
    );
}
