//! Committees (renamed and replaced with history kept) and reviews (status transitions, scoping).
use crate::fixtures::{
    etag_of, event_actions, get_json, officer_of_another_council, post_with, put_with,
};
use crate::helpers::{fields, id_of, problem, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

async fn committee(app: &TestApp, token: &str, name: &str) -> Uuid {
    let r = app
        .post("/api/v1/committees", token, &json!({"name": name}))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    id_of(r).await
}

async fn contact(app: &TestApp, name: &str) -> Uuid {
    let r = app
        .post(
            "/api/v1/contacts",
            &app.admin,
            &json!({"name": name, "organisation_id": app.council_id}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    id_of(r).await
}

#[tokio::test]
async fn committees_are_replaced_not_rewritten() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let old = committee(&app, &officer, "Crime and Disorder Select Committee").await;
    let dup = app
        .post(
            "/api/v1/committees",
            &officer,
            &json!({"name": "Crime and Disorder Select Committee"}),
        )
        .await;
    problem(dup, StatusCode::CONFLICT).await;
    let tag = etag_of(&app, &format!("/api/v1/committees/{old}"), &officer).await;
    let replaced = post_with(
        &app,
        &format!("/api/v1/committees/{old}/successor"),
        &officer,
        Some(&tag),
        &json!({"name": "Crime, Disorder and Community Safety Committee", "replaced_on": "2023-05-18"}),
    )
    .await;
    assert_eq!(replaced.status(), StatusCode::CREATED);
    let successor: Value = replaced.json().await.unwrap();
    let old_now = get_json(&app, &format!("/api/v1/committees/{old}"), &officer).await;
    assert_eq!(old_now["name"], "Crime and Disorder Select Committee");
    assert_eq!(old_now["successor_id"], successor["id"]);
    assert_eq!(old_now["replaced_on"], "2023-05-18");
    let successor_path = format!("/api/v1/committees/{}", successor["id"].as_str().unwrap());
    let new_now = get_json(&app, &successor_path, &officer).await;
    assert_eq!(new_now["predecessors"][0]["id"], old.to_string());
    let current = get_json(&app, "/api/v1/committees?replaced=false", &officer).await;
    let names: Vec<_> = current["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Crime, Disorder and Community Safety Committee"]);
    // Replacing it again is refused: its successor is the one to replace.
    let tag = etag_of(&app, &format!("/api/v1/committees/{old}"), &officer).await;
    let again = post_with(
        &app,
        &format!("/api/v1/committees/{old}/successor"),
        &officer,
        Some(&tag),
        &json!({"name": "Third"}),
    )
    .await;
    problem(again, StatusCode::CONFLICT).await;
    let history = get_json(&app, &format!("/api/v1/committees/{old}/history"), &officer).await;
    let actions = event_actions(&history);
    assert_eq!(actions, ["committee.replaced", "committee.created"]);
}

#[tokio::test]
async fn reviews_hold_the_seed_values_and_move_through_their_statuses() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let committee = committee(&app, &officer, "Crime and Disorder Select Committee").await;
    let marc = contact(&app, "Marc Stephenson").await;
    let created = app
        .post(
            "/api/v1/reviews",
            &officer,
            &json!({"committee_id": committee, "title": "Police Communications in Stockton-on-Tees",
                    "review_type": "Task & Finish", "work_programme_year": "2021/22", "link_officer_ids": [marc]}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let review: Value = created.json().await.unwrap();
    assert_eq!(review["review_type"], "task_and_finish");
    assert_eq!(review["review_type_label"], "Task & Finish");
    assert_eq!(review["work_programme_year"], "2021-2022");
    assert_eq!(review["status"], "proposed");
    assert_eq!(review["link_officers"][0]["name"], "Marc Stephenson");
    let id = review["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/reviews/{id}/status-transitions");

    let review_path = format!("/api/v1/reviews/{id}");
    let tag = etag_of(&app, &review_path, &officer).await;
    let skip = post_with(
        &app,
        &path,
        &officer,
        Some(&tag),
        &json!({"to": "signed_off"}),
    )
    .await;
    let body = problem(skip, StatusCode::CONFLICT).await;
    assert!(
        body["allowed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "scoping"),
        "{body}"
    );

    let tag = etag_of(&app, &review_path, &officer).await;
    let moved = post_with(&app, &path, &officer, Some(&tag), &json!({"to": "scoping"})).await;
    assert_eq!(moved.status(), StatusCode::OK);
    let moved: Value = moved.json().await.unwrap();
    assert_eq!(moved["status"], "scoping");

    let tag = etag_of(&app, &review_path, &officer).await;
    let no_reason = post_with(
        &app,
        &path,
        &officer,
        Some(&tag),
        &json!({"to": "withdrawn"}),
    )
    .await;
    assert_eq!(
        fields(&problem(no_reason, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["reason"]
    );
    let history = get_json(&app, &format!("{review_path}/history"), &officer).await;
    assert_eq!(history["items"][0]["action"], "review.status_changed");
    assert_eq!(history["items"][0]["before"]["status"], "proposed");
    assert_eq!(history["items"][0]["after"]["status"], "scoping");
}

#[tokio::test]
async fn review_validation_names_fields() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let r = app
        .post(
            "/api/v1/reviews",
            &officer,
            &json!({"committee_id": Uuid::new_v4(), "title": " ", "review_type": "inquiry", "work_programme_year": "2021-2023"}),
        )
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["title", "review_type", "work_programme_year"]
    );
    let r = app
        .post(
            "/api/v1/reviews",
            &officer,
            &json!({"committee_id": Uuid::new_v4(), "title": "X", "review_type": "in_depth"}),
        )
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["committee_id"]
    );
}

#[tokio::test]
async fn other_councils_and_uninvolved_partners_see_nothing() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let committee = committee(&app, &officer, "Adult Social Care Select Committee").await;
    let r = app
        .post("/api/v1/reviews", &officer, &json!({"committee_id": committee, "title": "Hospital Discharge", "review_type": "in_depth"}))
        .await;
    let id = id_of(r).await;
    // An officer of another council.
    let (other, _) = officer_of_another_council(
        &app,
        "Hartlepool Borough Council",
        "officer@hartlepool.example",
    )
    .await;
    problem(
        app.get(&format!("/api/v1/reviews/{id}"), &other).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let list = get_json(&app, "/api/v1/reviews", &other).await;
    assert!(list["items"].as_array().unwrap().is_empty());
    // A partner with no action in the review.
    let (contributor, _) = app.user_with_role("contributor").await;
    problem(
        app.get(&format!("/api/v1/reviews/{id}"), &contributor)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let list = get_json(&app, "/api/v1/reviews", &contributor).await;
    assert!(list["items"].as_array().unwrap().is_empty());
    // A viewer of the same council reads, and cannot write.
    let (viewer, _) = app.user_with_role("viewer").await;
    assert_eq!(
        app.get(&format!("/api/v1/reviews/{id}"), &viewer)
            .await
            .status(),
        StatusCode::OK
    );
    let write = app
        .post(
            "/api/v1/reviews",
            &viewer,
            &json!({"committee_id": committee, "title": "X", "review_type": "other"}),
        )
        .await;
    problem(write, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn reviews_page_by_title_and_filter() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let a = committee(&app, &officer, "A Committee").await;
    let b = committee(&app, &officer, "B Committee").await;
    for (i, c) in [a, b, a, b, a].iter().enumerate() {
        let r = app
            .post("/api/v1/reviews", &officer, &json!({"committee_id": c, "title": format!("Review {i}"), "review_type": "other", "work_programme_year": "2024-2025"}))
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let mut titles = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/reviews?limit=2&cursor={c}"),
            None => "/api/v1/reviews?limit=2".to_owned(),
        };
        let page = get_json(&app, &path, &officer).await;
        titles.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["title"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(
        titles,
        ["Review 0", "Review 1", "Review 2", "Review 3", "Review 4"]
    );
    let only_a = get_json(&app, &format!("/api/v1/reviews?committee_id={a}"), &officer).await;
    assert_eq!(only_a["items"].as_array().unwrap().len(), 3);
    let bad = app.get("/api/v1/reviews?status=finished", &officer).await;
    assert_eq!(
        fields(&problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["status"]
    );
}

#[tokio::test]
async fn a_recorded_decision_and_an_agreed_plan_move_the_review_forward_only() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let committee = committee(&app, &officer, "Crime and Disorder Select Committee").await;
    let create = |title: &'static str, status: &'static str| json!({"committee_id": committee, "title": title, "review_type": "task_and_finish", "status": status});
    let review = id_of(
        app.post(
            "/api/v1/reviews",
            &officer,
            &create("Knife Crime", "approved_by_committee"),
        )
        .await,
    )
    .await;
    let decision = app
        .post(
            &format!("/api/v1/reviews/{review}/decisions"),
            &officer,
            &json!({"body": "Cabinet", "meeting_date": "2024-03-14", "item_title": "Knife Crime review",
                    "resolutions": [{"number": "1", "text": "Do the thing.", "parts": []}], "published_on": "2024-03-18"}),
        )
        .await;
    assert_eq!(decision.status(), StatusCode::CREATED);
    let now = get_json(&app, &format!("/api/v1/reviews/{review}"), &officer).await;
    assert_eq!(now["status"], "decided_by_cabinet");
    let plan = put_with(
        &app,
        &format!("/api/v1/reviews/{review}/action-plan"),
        &officer,
        None,
        &json!({"agreed_on": "April 2024", "status": "agreed"}),
    )
    .await;
    assert_eq!(plan.status(), StatusCode::CREATED);
    let now = get_json(&app, &format!("/api/v1/reviews/{review}"), &officer).await;
    assert_eq!(now["status"], "action_plan_agreed");
    let history = get_json(&app, &format!("/api/v1/reviews/{review}/history"), &officer).await;
    assert_eq!(history["items"][0]["action"], "review.status_changed");

    // A review already further on is not moved back.
    let later = id_of(
        app.post(
            "/api/v1/reviews",
            &officer,
            &create("Night-time Economy", "monitoring"),
        )
        .await,
    )
    .await;
    let decision = app
        .post(
            &format!("/api/v1/reviews/{later}/decisions"),
            &officer,
            &json!({"body": "Cabinet", "meeting_date": "2024-03-14", "item_title": "Night-time Economy review",
                    "resolutions": [{"number": "1", "text": "Do the other thing.", "parts": []}]}),
        )
        .await;
    assert_eq!(decision.status(), StatusCode::CREATED);
    let now = get_json(&app, &format!("/api/v1/reviews/{later}"), &officer).await;
    assert_eq!(now["status"], "monitoring");
}
