//! Recommendations and their parts: create (with parts given or split from the text), read with
//! actions, owners and milestones, edit under If-Match, withdraw and close (kept, with reasons),
//! search, filters, keyset paging, a bounded number of queries per page, and who sees what.
use crate::fixtures::{
    conn, event_actions, get_json, insert_action, insert_action_plan, insert_parts,
    insert_recommendation, insert_review, month, officer_of_another_council, post_with, NewAction,
};
use crate::helpers::{etag, fields, problem, TestApp};
use crate::support::{all_pages, json_of};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel_async::{AsyncConnection, RunQueryDsl};
use reqwest::{Method, StatusCode};
use scrutiny_db::queries::recommendations as q;
use scrutiny_db::schema::contacts;
use scrutiny_db::scope::Scope;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use uuid::Uuid;

const REC_1: &str = "Any scheduled reviews of Cleveland Police's 'Community Engagement Strategy 2020-2025' document factors in the key findings and recommendations from this review.";
const REC_2: &str = "As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors: a) Cleveland Police promotes the need for regular and Ward-specific engagement with SBC Ward Councillors amongst its internal workforce (including the provision of information to Elected Members which is relevant to their particular Ward); b) Cleveland Police and SBC use their various public-facing communication platforms to raise the profile of Force-Councillor partnership-working (highlighting examples of positive engagement leading to direct action and good outcomes); c) Expectations around the physical visibility of police officers (i.e. Ward Surgeries, partnership-meetings, resident meetings) be re-established between Cleveland Police and all SBC Ward Councillors; d) PCSO contacts for each Ward be reinforced to all SBC Ward Councillors, along with relevant escalation points if a PCSO is unavailable for any reason; e) Consideration be given to using available platforms to raise the profile of PCSOs and their crucial part in the policing function (providing clarity on what they can and cannot do, including their use of social media as a communication tool); f) Cleveland Police provides a response to concerns raised within the SBC Ward Councillor survey (undertaken as part of this review), with specific reference to what it is doing to promote better engagement in those Wards where Councillors have expressed dissatisfaction with existing communications arrangements.";
const REC_2_LEAD: &str = "As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:";

// ---------------------------------------------------------------------------------------------
// Set-up straight into the database (committees, reviews and actions have their own endpoints,
// tested elsewhere).

struct Review {
    committee_id: Uuid,
    review_id: Uuid,
    plan_id: Uuid,
}

/// A committee, a review of it in `council_id` and the review's action plan, agreed in March 2022.
async fn review_in(app: &TestApp, council_id: Uuid, title: &str) -> Review {
    let mut c = conn(app).await;
    let committee = format!("Crime and Disorder Select Committee {title}");
    let (committee_id, review_id) =
        insert_review(&mut c, council_id, &committee, title, "monitoring").await;
    let agreed_on = NaiveDate::from_ymd_opt(2022, 3, 1).unwrap();
    let plan_id = insert_action_plan(&mut c, council_id, review_id, Some(agreed_on)).await;
    Review {
        committee_id,
        review_id,
        plan_id,
    }
}

async fn review(app: &TestApp) -> Review {
    review_in(
        app,
        app.council_id,
        "Police Communications in Stockton-on-Tees",
    )
    .await
}

async fn insert_contact(app: &TestApp, name: &str, organisation_id: Uuid) -> Uuid {
    let mut c = conn(app).await;
    let id = Uuid::now_v7();
    diesel::insert_into(contacts::table)
        .values((
            contacts::id.eq(id),
            contacts::name.eq(name),
            contacts::organisation_id.eq(organisation_id),
            contacts::council_id.eq(app.council_id),
        ))
        .execute(&mut c)
        .await
        .unwrap();
    id
}

// ---------------------------------------------------------------------------------------------
// Request helpers

fn recs_of(review: &Review) -> String {
    format!("/api/v1/reviews/{}/recommendations", review.review_id)
}

async fn create(app: &TestApp, token: &str, review: &Review, body: Value) -> Value {
    json_of(
        app.post(&recs_of(review), token, &body).await,
        StatusCode::CREATED,
    )
    .await
}

/// Recommendation 2 as Cabinet's record gives it, split into its lead-in and parts a) to f).
async fn create_two(app: &TestApp, token: &str, review: &Review) -> Value {
    let body = json!({"number": "2", "text": REC_2, "split_parts": true});
    create(app, token, review, body).await
}

async fn create_simple(app: &TestApp, review: &Review, number: &str, text: &str) -> Uuid {
    let body = create(
        app,
        &app.admin,
        review,
        json!({"number": number, "text": text}),
    )
    .await;
    body["id"].as_str().unwrap().parse().unwrap()
}

async fn read(app: &TestApp, path: &str, token: &str) -> (Value, String) {
    let response = app.get(path, token).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    let tag = etag(&response);
    (response.json().await.unwrap(), tag)
}

async fn list(app: &TestApp, path: &str, token: &str) -> Vec<Value> {
    all_pages(app, path, token, 200).await.0
}

fn numbers(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|r| r["number"].as_str().unwrap().to_owned())
        .collect()
}

async fn history_actions(app: &TestApp, path: &str) -> Vec<String> {
    let body = get_json(app, path, &app.admin).await;
    event_actions(&body)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Tests

#[tokio::test]
async fn recommendations_hold_the_seed_with_parts_split_or_given() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let review = review(&app).await;

    let one = create(
        &app,
        &officer,
        &review,
        json!({"number": "1", "text": REC_1}),
    )
    .await;
    assert_eq!(one["number"], "1");
    assert_eq!(one["text"], REC_1);
    assert_eq!(one["status"], "open");
    assert_eq!(one["position"], 1);
    assert_eq!(one["council_id"], app.council_id.to_string());
    assert_eq!(one["review_id"], review.review_id.to_string());
    assert_eq!(one["parts"], json!([]));
    assert_eq!(one["actions"], json!([]));
    assert_eq!(one["version"], 1);

    // Recommendation 2 as Cabinet's record gives it, split into its lead-in and parts a) to f).
    let response = app
        .post(
            &recs_of(&review),
            &officer,
            &json!({"number": "2)", "text": REC_2, "split_parts": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(etag(&response), "\"1\"");
    let two: Value = response.json().await.unwrap();
    assert_eq!(two["number"], "2", "numbering punctuation is dropped");
    assert_eq!(two["text"], REC_2_LEAD);
    assert_eq!(two["position"], 2);
    let parts = two["parts"].as_array().unwrap();
    let labels: Vec<_> = parts.iter().map(|p| p["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["a", "b", "c", "d", "e", "f"]);
    assert!(parts[0]["text"].as_str().unwrap().starts_with(
        "Cleveland Police promotes the need for regular and Ward-specific engagement"
    ));
    assert!(parts[5]["text"]
        .as_str()
        .unwrap()
        .ends_with("dissatisfaction with existing communications arrangements."));
    let positions: Vec<_> = parts
        .iter()
        .map(|p| p["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, [1, 2, 3, 4, 5, 6]);

    // Recommendation 3 with its parts given.
    let three = create(
        &app,
        &officer,
        &review,
        json!({
            "number": "3",
            "text": "Cleveland Police ensures robust mechanisms are in place for victims of crime / ASB which:",
            "parts": [
                {"label": "a)", "text": "provides clarity on the expected communication process between Force and victim;"},
                {"label": "(B)", "text": "ensures updates are provided (as regularly as agreed with each individual victim) regarding the progression of investigations, even when there have been no developments."}
            ]
        }),
    )
    .await;
    let labels: Vec<_> = three["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["a", "b"]);

    // split_parts on a text without parts keeps the text whole.
    let four_text = "The SBC Ward Councillor survey is repeated in approximately 12 months to gauge developments around Cleveland Police-SBC Ward Councillor communications arrangements.";
    let four = create(
        &app,
        &officer,
        &review,
        json!({"number": "4", "text": four_text, "split_parts": true}),
    )
    .await;
    assert_eq!(four["text"], four_text);
    assert_eq!(four["parts"], json!([]));

    let items = list(&app, &recs_of(&review), &officer).await;
    assert_eq!(numbers(&items), ["1", "2", "3", "4"]);
    assert_eq!(items[1]["parts"].as_array().unwrap().len(), 6);

    let (read_two, tag) = read(
        &app,
        &format!("/api/v1/recommendations/{}", two["id"].as_str().unwrap()),
        &officer,
    )
    .await;
    assert_eq!(tag, "\"1\"");
    assert_eq!(read_two["parts"], two["parts"]);

    assert_eq!(app.audit_count("recommendation.created").await, 4);
    assert_eq!(app.audit_count("recommendation_part.created").await, 8);
}

#[tokio::test]
async fn invalid_input_names_every_field_and_duplicates_conflict() {
    let app = TestApp::spawn().await;
    let review = review(&app).await;
    let path = recs_of(&review);

    let bad = app
        .post(
            &path,
            &app.admin,
            &json!({"number": "  ", "text": " ", "parts": [
                {"label": "1", "text": "x"},
                {"label": "b", "text": "  "},
                {"label": "b)", "text": "again"}
            ]}),
        )
        .await;
    let body = problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    let mut found = fields(&body);
    found.sort();
    // (A blank text is allowed with parts: the recommendation is made only of them.)
    assert_eq!(
        found,
        [
            "number",
            "parts[0].label",
            "parts[1].text",
            "parts[2].label",
        ]
    );
    let bad = app
        .post(
            &path,
            &app.admin,
            &json!({"number": "1 and 2", "text": "x"}),
        )
        .await;
    assert_eq!(
        fields(&problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["number"]
    );
    let missing = app.post(&path, &app.admin, &json!({"number": "1"})).await;
    assert_eq!(
        fields(&problem(missing, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["text"]
    );
    let blank = app
        .post(&path, &app.admin, &json!({"number": "1", "text": "  "}))
        .await;
    assert_eq!(
        fields(&problem(blank, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["text"]
    );
    let unknown = app
        .post(
            &path,
            &app.admin,
            &json!({"number": "1", "text": "x", "colour": "red"}),
        )
        .await;
    assert_eq!(
        fields(&problem(unknown, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["colour"]
    );

    let first = create_simple(&app, &review, "1", REC_1).await;
    let duplicate = app
        .post(
            &path,
            &app.admin,
            &json!({"number": "(1)", "text": "Again"}),
        )
        .await;
    problem(duplicate, StatusCode::CONFLICT).await;
    // The same number in another review is fine.
    let other = review_in(&app, app.council_id, "Another review").await;
    create_simple(&app, &other, "1", "Another review's first").await;

    // Renumbering onto a taken number conflicts too.
    let second = create_simple(&app, &review, "2", "Second").await;
    let (_, tag) = read(
        &app,
        &format!("/api/v1/recommendations/{second}"),
        &app.admin,
    )
    .await;
    let clash = app
        .patch(
            &format!("/api/v1/recommendations/{second}"),
            &app.admin,
            &tag,
            &json!({"number": "1"}),
        )
        .await;
    problem(clash, StatusCode::CONFLICT).await;
    let bad_patch = app
        .patch(
            &format!("/api/v1/recommendations/{second}"),
            &app.admin,
            &tag,
            &json!({"number": "", "text": "", "position": 0}),
        )
        .await;
    let mut found = fields(&problem(bad_patch, StatusCode::UNPROCESSABLE_ENTITY).await);
    found.sort();
    assert_eq!(found, ["number", "position"]);
    // A blank text is refused once the fields are right, for a recommendation without parts.
    let blank = app
        .patch(
            &format!("/api/v1/recommendations/{second}"),
            &app.admin,
            &tag,
            &json!({"text": ""}),
        )
        .await;
    assert_eq!(
        fields(&problem(blank, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["text"]
    );

    // Parts: a label taken in the recommendation conflicts; a bad one is 422.
    let parts = format!("/api/v1/recommendations/{first}/parts");
    let a = app
        .post(&parts, &app.admin, &json!({"label": "a", "text": "Part a"}))
        .await;
    assert_eq!(a.status(), StatusCode::CREATED);
    let again = app
        .post(
            &parts,
            &app.admin,
            &json!({"label": "A)", "text": "Part a again"}),
        )
        .await;
    problem(again, StatusCode::CONFLICT).await;
    let bad = app
        .post(&parts, &app.admin, &json!({"label": "a-1", "text": ""}))
        .await;
    let mut found = fields(&problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await);
    found.sort();
    assert_eq!(found, ["label", "text"]);

    // An unknown review or recommendation is 404.
    let nowhere = app
        .post(
            &format!("/api/v1/reviews/{}/recommendations", Uuid::now_v7()),
            &app.admin,
            &json!({"number": "1", "text": "x"}),
        )
        .await;
    problem(nowhere, StatusCode::NOT_FOUND).await;
    let nothing = app
        .get(
            &format!("/api/v1/recommendations/{}", Uuid::now_v7()),
            &app.admin,
        )
        .await;
    problem(nothing, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn updates_need_the_current_etag() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let review = review(&app).await;
    let id = create_simple(&app, &review, "1", "Draft text").await;
    let path = format!("/api/v1/recommendations/{id}");

    let no_tag = app
        .request(Method::PATCH, &path, Some(&officer))
        .json(&json!({"text": REC_1}))
        .send()
        .await
        .unwrap();
    problem(no_tag, StatusCode::PRECONDITION_REQUIRED).await;

    let (_, tag) = read(&app, &path, &officer).await;
    let updated = app
        .patch(
            &path,
            &officer,
            &tag,
            &json!({"text": REC_1, "number": "R1", "position": 7}),
        )
        .await;
    assert_eq!(updated.status(), StatusCode::OK);
    assert_eq!(etag(&updated), "\"2\"");
    let body: Value = updated.json().await.unwrap();
    assert_eq!(body["text"], REC_1);
    assert_eq!(body["number"], "R1");
    assert_eq!(body["position"], 7);
    assert_eq!(body["version"], 2);

    let stale = app
        .patch(&path, &officer, &tag, &json!({"text": "Lost"}))
        .await;
    problem(stale, StatusCode::PRECONDITION_FAILED).await;

    let no_tag = post_with(
        &app,
        &format!("{path}/withdrawal"),
        &officer,
        None,
        &json!({"reason": "x"}),
    )
    .await;
    problem(no_tag, StatusCode::PRECONDITION_REQUIRED).await;
    let stale = post_with(
        &app,
        &format!("{path}/withdrawal"),
        &officer,
        Some(&tag),
        &json!({"reason": "x"}),
    )
    .await;
    problem(stale, StatusCode::PRECONDITION_FAILED).await;
    let stale = post_with(
        &app,
        &format!("{path}/closure"),
        &officer,
        Some(&tag),
        &json!({"reason": "x"}),
    )
    .await;
    problem(stale, StatusCode::PRECONDITION_FAILED).await;

    // Parts too.
    let part = json_of(
        app.post(
            &format!("{path}/parts"),
            &officer,
            &json!({"label": "a", "text": "First part"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let part_path = format!(
        "/api/v1/recommendation-parts/{}",
        part["id"].as_str().unwrap()
    );
    let (_, part_tag) = read(&app, &part_path, &officer).await;
    assert_eq!(part_tag, "\"1\"");
    let no_tag = app
        .request(Method::PATCH, &part_path, Some(&officer))
        .json(&json!({"text": "Changed"}))
        .send()
        .await
        .unwrap();
    problem(no_tag, StatusCode::PRECONDITION_REQUIRED).await;
    let changed = app
        .patch(
            &part_path,
            &officer,
            &part_tag,
            &json!({"text": "Changed", "label": "(b)"}),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["label"], "b");
    assert_eq!(changed["text"], "Changed");
    let stale = app
        .patch(&part_path, &officer, &part_tag, &json!({"text": "Lost"}))
        .await;
    problem(stale, StatusCode::PRECONDITION_FAILED).await;
    let stale = post_with(
        &app,
        &format!("{part_path}/withdrawal"),
        &officer,
        Some(&part_tag),
        &json!({"reason": "x"}),
    )
    .await;
    problem(stale, StatusCode::PRECONDITION_FAILED).await;

    assert_eq!(
        history_actions(&app, &format!("{path}/history")).await,
        ["recommendation.updated", "recommendation.created"]
    );
    assert_eq!(
        history_actions(&app, &format!("{part_path}/history")).await,
        ["recommendation_part.updated", "recommendation_part.created"]
    );
}

#[tokio::test]
async fn withdrawing_and_closing_keep_the_record_with_its_reason() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let review = review(&app).await;
    let one = create_simple(&app, &review, "1", REC_1).await;
    let two = create_two(&app, &officer, &review).await;
    let two_id = two["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/recommendations/{one}");

    let (_, tag) = read(&app, &path, &officer).await;
    let blank = post_with(
        &app,
        &format!("{path}/withdrawal"),
        &officer,
        Some(&tag),
        &json!({"reason": "  "}),
    )
    .await;
    assert_eq!(
        fields(&problem(blank, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["reason"]
    );
    let withdrawn = post_with(
        &app,
        &format!("{path}/withdrawal"),
        &officer,
        Some(&tag),
        &json!({"reason": "Superseded by the 2025 strategy review"}),
    )
    .await;
    let withdrawn = json_of(withdrawn, StatusCode::OK).await;
    assert_eq!(withdrawn["status"], "withdrawn");
    assert_eq!(
        withdrawn["withdrawn_reason"],
        "Superseded by the 2025 strategy review"
    );
    assert_eq!(withdrawn["text"], REC_1);

    // Still there, and listed with its status.
    let (again, tag) = read(&app, &path, &officer).await;
    assert_eq!(again["status"], "withdrawn");
    assert_eq!(
        numbers(&list(&app, &recs_of(&review), &officer).await),
        ["1", "2"]
    );
    let only = list(
        &app,
        &format!(
            "/api/v1/recommendations?status=withdrawn&review_id={}",
            review.review_id
        ),
        &officer,
    )
    .await;
    assert_eq!(numbers(&only), ["1"]);
    // A withdrawn recommendation is kept as it was.
    let twice = post_with(
        &app,
        &format!("{path}/withdrawal"),
        &officer,
        Some(&tag),
        &json!({"reason": "again"}),
    )
    .await;
    problem(twice, StatusCode::CONFLICT).await;
    let edit = app
        .patch(&path, &officer, &tag, &json!({"text": "Changed"}))
        .await;
    problem(edit, StatusCode::CONFLICT).await;
    let close = post_with(
        &app,
        &format!("{path}/closure"),
        &officer,
        Some(&tag),
        &json!({"reason": "x"}),
    )
    .await;
    problem(close, StatusCode::CONFLICT).await;
    let part = app
        .post(
            &format!("{path}/parts"),
            &officer,
            &json!({"label": "a", "text": "x"}),
        )
        .await;
    problem(part, StatusCode::CONFLICT).await;

    // The committee closes recommendation 2 with its reason.
    let two_path = format!("/api/v1/recommendations/{two_id}");
    let (_, tag) = read(&app, &two_path, &officer).await;
    let closed = post_with(
        &app,
        &format!("{two_path}/closure"),
        &officer,
        Some(&tag),
        &json!({"reason": "Closed by the committee on 24 November 2022: the protocol is now business as usual."}),
    )
    .await;
    let closed = json_of(closed, StatusCode::OK).await;
    assert_eq!(closed["status"], "closed");
    assert!(closed["closed_reason"]
        .as_str()
        .unwrap()
        .starts_with("Closed by the committee"));
    let tag = format!("\"{}\"", closed["version"]);
    let again = post_with(
        &app,
        &format!("{two_path}/closure"),
        &officer,
        Some(&tag),
        &json!({"reason": "x"}),
    )
    .await;
    problem(again, StatusCode::CONFLICT).await;

    // A part is withdrawn and kept.
    let part_id = two["parts"][2]["id"].as_str().unwrap();
    let part_path = format!("/api/v1/recommendation-parts/{part_id}");
    let (_, part_tag) = read(&app, &part_path, &officer).await;
    let withdrawn_part = post_with(
        &app,
        &format!("{part_path}/withdrawal"),
        &officer,
        Some(&part_tag),
        &json!({"reason": "Merged into part d"}),
    )
    .await;
    let withdrawn_part = json_of(withdrawn_part, StatusCode::OK).await;
    assert_eq!(withdrawn_part["withdrawn_reason"], "Merged into part d");
    assert_eq!(withdrawn_part["label"], "c");
    let (two_now, _) = read(&app, &two_path, &officer).await;
    assert_eq!(two_now["parts"].as_array().unwrap().len(), 6);
    assert_eq!(
        two_now["parts"][2]["withdrawn_reason"],
        "Merged into part d"
    );
    let tag = format!("\"{}\"", withdrawn_part["version"]);
    let twice = post_with(
        &app,
        &format!("{part_path}/withdrawal"),
        &officer,
        Some(&tag),
        &json!({"reason": "x"}),
    )
    .await;
    problem(twice, StatusCode::CONFLICT).await;

    assert_eq!(
        history_actions(&app, &format!("{path}/history")).await,
        ["recommendation.withdrawn", "recommendation.created"]
    );
    assert_eq!(
        history_actions(&app, &format!("{two_path}/history")).await,
        ["recommendation.closed", "recommendation.created"]
    );
    assert_eq!(
        history_actions(&app, &format!("{part_path}/history")).await,
        [
            "recommendation_part.withdrawn",
            "recommendation_part.created"
        ]
    );
    let events = crate::support::audit(&app, "action=recommendation.withdrawn").await;
    assert_eq!(events[0]["before"]["status"], "open");
    assert_eq!(events[0]["after"]["status"], "withdrawn");
}

#[tokio::test]
async fn recommendations_show_their_actions_owners_and_milestones() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let lang = insert_contact(&app, "C/Supt Lang", police).await;
    let review = review(&app).await;
    let two = create_two(&app, &app.admin, &review).await;
    let two_id: Uuid = two["id"].as_str().unwrap().parse().unwrap();
    let part_f: Uuid = two["parts"][5]["id"].as_str().unwrap().parse().unwrap();
    let mut protocol = NewAction::new(two_id, "A comprehensive written and agreed communication protocol is developed between Cleveland Police and Ward Councillors that looks to demonstrably achieve recommendations a) – f)");
    protocol.responsibility_text = Some("Cleveland Police");
    protocol.owners = vec![(Some(police), None), (Some(police), Some(lang))];
    let (may_first, may_p, may_last, _, _) = month(2022, 5);
    let (sep_first, sep_p, sep_last, _, _) = month(2022, 9);
    protocol.milestones = vec![
        (
            may_first,
            may_p,
            may_last,
            Some("Development of protocol"),
            None,
        ),
        (
            sep_first,
            sep_p,
            sep_last,
            Some("Assessment of protocol"),
            None,
        ),
        (
            Some(NaiveDate::from_ymd_opt(2022, 10, 14).unwrap()),
            Some("day"),
            Some(NaiveDate::from_ymd_opt(2022, 10, 14).unwrap()),
            None,
            None,
        ),
        (None, None, None, Some("Ongoing"), None),
    ];
    let protocol_id = insert_action(&app, review.review_id, review.plan_id, protocol).await;
    let mut survey = NewAction::new(two_id, "Respond to the survey's concerns");
    survey.part_id = Some(part_f);
    survey.responsible_all = true;
    survey.responsibility_text = Some("All");
    insert_action(&app, review.review_id, review.plan_id, survey).await;

    let (body, _) = read(
        &app,
        &format!("/api/v1/recommendations/{two_id}"),
        &app.admin,
    )
    .await;
    let actions = body["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 2);
    let protocol = actions
        .iter()
        .find(|a| a["id"] == protocol_id.to_string())
        .unwrap();
    assert_eq!(protocol["status"], "open");
    assert_eq!(protocol["responsibility_text"], "Cleveland Police");
    assert_eq!(protocol["responsible_all"], false);
    assert_eq!(protocol["part_id"], Value::Null);
    assert_eq!(
        protocol["owners"],
        json!([
            {"organisation_id": police, "organisation_name": "Cleveland Police", "contact_id": null, "contact_name": null},
            {"organisation_id": police, "organisation_name": "Cleveland Police", "contact_id": lang, "contact_name": "C/Supt Lang"}
        ])
    );
    assert_eq!(
        protocol["milestones"],
        json!([
            {"date": "2022-05", "display": "May 2022", "label": "Development of protocol"},
            {"date": "2022-09", "display": "September 2022", "label": "Assessment of protocol"},
            {"date": "2022-10-14", "display": "14 October 2022", "label": null},
            {"date": null, "display": null, "label": "Ongoing"}
        ])
    );
    let survey = actions
        .iter()
        .find(|a| a["id"] != protocol_id.to_string())
        .unwrap();
    assert_eq!(survey["part_id"], part_f.to_string());
    assert_eq!(survey["responsible_all"], true);
    assert_eq!(survey["owners"], json!([]));
    assert_eq!(survey["milestones"], json!([]));

    // The list shows the same.
    let items = list(&app, &recs_of(&review), &app.admin).await;
    assert_eq!(items[0]["actions"], body["actions"]);
}

#[tokio::test]
async fn search_and_filters_find_the_right_recommendations() {
    let app = TestApp::spawn().await;
    let (viewer, _) = app.user_with_role("viewer").await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let sbc = app
        .create_organisation("Stockton-on-Tees Borough Council Partners", "other")
        .await;
    let review = review(&app).await;
    let other = review_in(&app, app.council_id, "Town Centre Safety").await;

    let one = create_simple(&app, &review, "1", REC_1).await;
    let two_body = create_two(&app, &app.admin, &review).await;
    let two: Uuid = two_body["id"].as_str().unwrap().parse().unwrap();
    let three = create_simple(
        &app,
        &review,
        "3",
        "Cleveland Police ensures robust mechanisms are in place for victims of crime / ASB.",
    )
    .await;
    let four = create_simple(
        &app,
        &review,
        "4",
        "The SBC Ward Councillor survey is repeated in approximately 12 months.",
    )
    .await;
    let elsewhere = create_simple(&app, &other, "1", "Town centre lighting is improved.").await;

    let today = chrono::Utc::now().date_naive();
    let long_ago = today - chrono::Days::new(400);
    let next_year = today + chrono::Days::new(365);

    // 1: Cleveland Police, April 2022, open and past due.
    let mut a1 = NewAction::new(one, "Cleveland Police commit to incorporating the key findings into any future engagement strategy.");
    a1.owners = vec![(Some(police), None)];
    a1.milestones = vec![(Some(long_ago), Some("day"), Some(long_ago), None, None)];
    insert_action(&app, review.review_id, review.plan_id, a1).await;
    // 2: Cleveland Police, due next year.
    let mut a2 = NewAction::new(two, "A comprehensive written protocol is developed.");
    a2.owners = vec![(Some(police), None)];
    a2.milestones = vec![(Some(next_year), Some("day"), Some(next_year), None, None)];
    insert_action(&app, review.review_id, review.plan_id, a2).await;
    // 3: past due but completed.
    let mut a3 = NewAction::new(
        three,
        "Reporting of existing measures that monitor victim support.",
    );
    a3.owners = vec![(Some(police), None)];
    a3.milestones = vec![(
        Some(long_ago),
        Some("day"),
        Some(long_ago),
        None,
        Some(long_ago),
    )];
    insert_action(&app, review.review_id, review.plan_id, a3).await;
    // 4: the council's own, past due but the action is complete.
    let mut a4 = NewAction::new(four, "A councillor questionnaire is conducted.");
    a4.owners = vec![(Some(sbc), None)];
    a4.status = "complete";
    a4.milestones = vec![(Some(long_ago), Some("day"), Some(long_ago), None, None)];
    let action_four = insert_action(&app, review.review_id, review.plan_id, a4).await;

    let find = |query: &str| {
        let app = &app;
        let viewer = viewer.clone();
        let path = format!("/api/v1/recommendations?{query}");
        async move {
            let mut ids: Vec<Uuid> = list(app, &path, &viewer)
                .await
                .iter()
                .map(|r| r["id"].as_str().unwrap().parse().unwrap())
                .collect();
            ids.sort();
            ids
        }
    };
    let sorted = |mut ids: Vec<Uuid>| {
        ids.sort();
        ids
    };

    // A word in the recommendation, in a part only, in an action only.
    assert_eq!(find("q=lighting").await, [elsewhere]);
    assert_eq!(find("q=PCSO").await, [two], "a word of part d");
    assert_eq!(find("q=questionnaire").await, [four], "a word of an action");
    assert_eq!(find("q=victims").await, [three]);
    assert_eq!(
        find("q=%22engagement%20strategy%22").await,
        [one],
        "a phrase"
    );
    assert_eq!(
        find("q=Cleveland%20-victims").await,
        sorted(vec![one, two]),
        "web search syntax"
    );
    assert_eq!(find("q=").await.len(), 5, "a blank query filters nothing");

    assert_eq!(
        find(&format!("review_id={}", other.review_id)).await,
        [elsewhere]
    );
    assert_eq!(
        find(&format!("committee_id={}", review.committee_id)).await,
        sorted(vec![one, two, three, four])
    );
    assert_eq!(
        find(&format!("responsible_organisation_id={sbc}")).await,
        [four]
    );
    assert_eq!(
        find(&format!("responsible_organisation_id={police}")).await,
        sorted(vec![one, two, three])
    );
    assert_eq!(find(&format!("due_from={next_year}")).await, [two]);
    assert_eq!(
        find(&format!("due_to={long_ago}")).await,
        sorted(vec![one, three, four])
    );
    assert_eq!(
        find(&format!(
            "due_from={long_ago}&due_to={long_ago}&responsible_organisation_id={police}"
        ))
        .await,
        sorted(vec![one, three])
    );
    assert_eq!(find("overdue=true").await, [one]);
    assert_eq!(find("overdue=false").await.len(), 5);
    assert_eq!(
        find("status=open&q=Cleveland").await,
        sorted(vec![one, two, three])
    );

    // Within one review, the filters apply too.
    let in_review = list(&app, &format!("{}?q=PCSO", recs_of(&review)), &viewer).await;
    assert_eq!(numbers(&in_review), ["2"]);

    // What an action says is found as soon as it is changed, and what it said no longer is.
    let path = format!("/api/v1/actions/{action_four}");
    let etag = crate::support::current_etag(&app, &path).await;
    let changed = app
        .patch(
            &path,
            &app.admin,
            &etag,
            &json!({"proposed_actions": "A doorstep poll is run.", "amendment_reason": "The survey became a poll."}),
        )
        .await;
    assert_eq!(
        changed.status(),
        StatusCode::OK,
        "{}",
        changed.text().await.unwrap()
    );
    assert_eq!(find("q=doorstep").await, [four]);
    assert!(find("q=questionnaire").await.is_empty());

    let bad = app
        .get("/api/v1/recommendations?status=pending&sort=size&due_from=May%202022&due_to=2022-13-01", &viewer)
        .await;
    let mut found = fields(&problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await);
    found.sort();
    assert_eq!(found, ["due_from", "due_to", "sort", "status"]);
    let backwards = app
        .get(
            "/api/v1/recommendations?due_from=2022-09-01&due_to=2022-05-01",
            &viewer,
        )
        .await;
    assert_eq!(
        fields(&problem(backwards, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["due_to"]
    );
}

/// The cursor of `first` (a page in one order) is refused by the list in the order `other` asks
/// for.
async fn cursor_is_refused(app: &TestApp, first: &str, other: &str) {
    let page: Value = app.get(first, &app.admin).await.json().await.unwrap();
    let cursor = page["next_cursor"].as_str().unwrap();
    let mixed = app
        .get(
            &format!("/api/v1/recommendations?{other}&cursor={cursor}"),
            &app.admin,
        )
        .await;
    assert_eq!(
        fields(&problem(mixed, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["cursor"]
    );
}

/// The words marked in each passage of an excerpt, and the passage's source.
fn marked(item: &Value) -> Vec<(String, Vec<String>)> {
    item["matches"]
        .as_array()
        .unwrap_or_else(|| panic!("matches in {item}"))
        .iter()
        .map(|m| {
            let words = m["segments"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["matched"] == true)
                .map(|s| s["text"].as_str().unwrap().to_lowercase())
                .collect();
            (m["source"].as_str().unwrap().to_owned(), words)
        })
        .collect()
}

#[tokio::test]
async fn searches_are_ranked_with_the_words_found_marked() {
    let app = TestApp::spawn().await;
    let (partner, partner_org) = app.user_with_role("contributor").await;
    let review = review(&app).await;
    // The word in an action only, in a part only, in the recommendation itself, and nowhere.
    let in_action = create_simple(&app, &review, "1", "Parks are kept clean and safe.").await;
    let in_part = create(
        &app,
        &app.admin,
        &review,
        json!({"number": "2", "split_parts": true,
               "text": "Paths through parks are improved: a) benches are repaired; b) lighting is installed along the paths."}),
    )
    .await;
    let in_part: Uuid = in_part["id"].as_str().unwrap().parse().unwrap();
    let in_text = create_simple(
        &app,
        &review,
        "3",
        "Street lighting in the town centre is improved, and lighting is kept on all night.",
    )
    .await;
    create_simple(&app, &review, "4", "The library opens on Sundays.").await;
    let mut action = NewAction::new(in_action, "Lighting surveys are carried out in every park.");
    action.owners = vec![(Some(partner_org), None)];
    let action_id = insert_action(&app, review.review_id, review.plan_id, action).await;

    let ids = |items: &[Value]| -> Vec<Uuid> {
        items
            .iter()
            .map(|r| r["id"].as_str().unwrap().parse().unwrap())
            .collect()
    };

    // Best match first by default: the recommendation's own words, then a part's, then an
    // action's; the same order a page at a time.
    let (items, pages) = all_pages(&app, "/api/v1/recommendations?q=lighting", &app.admin, 1).await;
    assert_eq!(pages, 3);
    assert_eq!(ids(&items), [in_text, in_part, in_action]);
    assert_eq!(
        marked(&items[0]),
        [(
            "recommendation".to_owned(),
            vec!["lighting".to_owned(), "lighting".to_owned()]
        )]
    );
    assert_eq!(
        marked(&items[1]),
        [("part".to_owned(), vec!["lighting".to_owned()])]
    );
    assert_eq!(
        marked(&items[2]),
        [("action".to_owned(), vec!["lighting".to_owned()])]
    );
    assert_eq!(items[2]["matches"][0]["source_id"], action_id.to_string());
    // The passage is a piece of the text, word for word.
    let text: String = items[0]["matches"][0]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(
        text.contains("Street lighting in the town centre is improved, and lighting is kept"),
        "{text}"
    );
    assert!(
        items[0]["text"].as_str().unwrap().contains(text.trim()),
        "{text}"
    );

    // Every word counts where it is; a word left out with `-` is not marked.
    let both = list(
        &app,
        "/api/v1/recommendations?q=lighting%20parks",
        &app.admin,
    )
    .await;
    let mut found = ids(&both);
    found.sort();
    let mut wanted = vec![in_part, in_action];
    wanted.sort();
    assert_eq!(found, wanted);
    let action_match = both
        .iter()
        .find(|r| r["id"] == in_action.to_string())
        .unwrap();
    assert_eq!(
        marked(action_match),
        [
            ("recommendation".to_owned(), vec!["parks".to_owned()]),
            (
                "action".to_owned(),
                vec!["lighting".to_owned(), "park".to_owned()]
            ),
        ]
    );
    let without = list(
        &app,
        "/api/v1/recommendations?q=lighting%20-parks",
        &app.admin,
    )
    .await;
    assert_eq!(ids(&without), [in_text]);
    assert_eq!(
        marked(&without[0]),
        [(
            "recommendation".to_owned(),
            vec!["lighting".to_owned(), "lighting".to_owned()]
        )]
    );

    // In the review's order when asked, still marked; no marks without a search.
    let ordered = list(
        &app,
        "/api/v1/recommendations?q=lighting&sort=position",
        &app.admin,
    )
    .await;
    assert_eq!(ids(&ordered), [in_action, in_part, in_text]);
    assert_eq!(marked(&ordered[0]).len(), 1);
    let plain = list(&app, "/api/v1/recommendations", &app.admin).await;
    assert!(plain.iter().all(|r| r.get("matches").is_none()));

    // A partner searches what it is responsible for, ranked too.
    let theirs = list(&app, "/api/v1/recommendations?q=lighting", &partner).await;
    assert_eq!(ids(&theirs), [in_action]);

    // Without words there is nothing to rank: the review's order. A cursor of another order is
    // refused.
    let wordless = list(&app, "/api/v1/recommendations?sort=relevance", &app.admin).await;
    assert_eq!(
        ids(&wordless),
        ids(&list(&app, "/api/v1/recommendations", &app.admin).await)
    );
    cursor_is_refused(&app, "/api/v1/recommendations?limit=1", "q=lighting").await;
}

#[tokio::test]
async fn lists_page_by_keyset_in_either_order() {
    let app = TestApp::spawn().await;
    let first = review(&app).await;
    let second = review_in(&app, app.council_id, "Second review").await;
    for n in 1..=12 {
        create_simple(
            &app,
            &first,
            &n.to_string(),
            &format!("First review, recommendation {n}"),
        )
        .await;
    }
    for n in 1..=11 {
        create_simple(
            &app,
            &second,
            &n.to_string(),
            &format!("Second review, recommendation {n}"),
        )
        .await;
    }

    // One review, in position order, five a page.
    let (items, pages) = all_pages(&app, &recs_of(&first), &app.admin, 5).await;
    assert_eq!(pages, 3);
    let expected: Vec<String> = (1..=12).map(|n| n.to_string()).collect();
    assert_eq!(numbers(&items), expected);

    // Across reviews: each review's in position order, 23 in all.
    let (items, pages) = all_pages(&app, "/api/v1/recommendations", &app.admin, 4).await;
    assert_eq!(pages, 6);
    assert_eq!(items.len(), 23);
    for pair in items.windows(2) {
        if pair[0]["review_id"] == pair[1]["review_id"] {
            assert!(pair[0]["position"].as_i64() < pair[1]["position"].as_i64());
        }
    }

    // Latest change first: touch recommendation 3 of the first review, and it leads.
    let three = items
        .iter()
        .find(|r| r["review_id"] == first.review_id.to_string() && r["number"] == "3")
        .unwrap();
    let path = format!("/api/v1/recommendations/{}", three["id"].as_str().unwrap());
    let (_, tag) = read(&app, &path, &app.admin).await;
    let touched = app
        .patch(&path, &app.admin, &tag, &json!({"text": "Touched"}))
        .await;
    assert_eq!(touched.status(), StatusCode::OK);
    let (items, pages) =
        all_pages(&app, "/api/v1/recommendations?sort=updated", &app.admin, 5).await;
    assert_eq!(pages, 5);
    assert_eq!(items.len(), 23);
    assert_eq!(items[0]["text"], "Touched");
    let at = |item: &Value| {
        chrono::DateTime::parse_from_rfc3339(item["updated_at"].as_str().unwrap()).unwrap()
    };
    for pair in items.windows(2) {
        assert!(at(&pair[0]) >= at(&pair[1]));
    }

    // A cursor of one order is refused by the other.
    cursor_is_refused(&app, "/api/v1/recommendations?limit=2", "sort=updated").await;
    let garbage = app
        .get("/api/v1/recommendations?cursor=nonsense", &app.admin)
        .await;
    assert_eq!(
        fields(&problem(garbage, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["cursor"]
    );
}

/// Counts the queries a connection starts.
fn count_queries(conn: &mut scrutiny_db::AsyncPgConnection) -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&count);
    conn.set_instrumentation(move |event: diesel::connection::InstrumentationEvent<'_>| {
        if matches!(
            event,
            diesel::connection::InstrumentationEvent::StartQuery { .. }
        ) {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });
    count
}

#[tokio::test]
async fn a_page_costs_the_same_few_queries_whatever_its_size() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let lang = insert_contact(&app, "C/Supt Lang", police).await;
    let review = review(&app).await;
    {
        let mut c = conn(&app).await;
        for n in 1..=55 {
            let id = insert_recommendation(&mut c, app.council_id, review.review_id, n).await;
            insert_parts(&mut c, id, &["a"]).await;
            let mut action = NewAction::new(id, "Do it");
            action.owners = vec![(Some(police), None), (Some(police), Some(lang))];
            action.milestones = vec![month(2022, 5), month(2022, 9)];
            insert_action(&app, review.review_id, review.plan_id, action).await;
        }
    }

    let mut conn = scrutiny_db::pool::connect(&app.db.url).await.unwrap();
    let count = count_queries(&mut conn);
    let filter = q::Filter {
        review_id: Some(review.review_id),
        ..Default::default()
    };
    let mut cost = Vec::new();
    for (scope, limit) in [
        (Scope::All, 50),
        (Scope::All, 5),
        (Scope::Council(app.council_id), 50),
        (Scope::Responsible(police), 50),
        (Scope::Responsible(police), 5),
    ] {
        count.store(0, Ordering::SeqCst);
        let (page, more) = q::load_page(&mut conn, scope, &filter, None, limit)
            .await
            .unwrap();
        cost.push(AtomicUsize::load(&count, Ordering::SeqCst));
        assert_eq!(page.len(), limit as usize);
        assert!(more);
        for detail in &page {
            assert_eq!(detail.parts.len(), 1);
            assert_eq!(detail.actions.len(), 1);
            assert_eq!(detail.actions[0].owners.len(), 2);
            assert_eq!(detail.actions[0].milestones.len(), 2);
        }
    }
    assert!(
        cost.iter().all(|&n| n == cost[0]),
        "queries per page: {cost:?}"
    );
    assert!(cost[0] <= 5, "queries per page: {cost:?}");
    assert_eq!(
        cost[0], 4,
        "the page, its parts, actions with owners, milestones"
    );

    // Filters and search cost nothing extra.
    let searched = q::Filter {
        q: Some("Recommendation".into()),
        overdue_on: Some(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()),
        responsible_organisation_id: Some(police),
        ..Default::default()
    };
    count.store(0, Ordering::SeqCst);
    let (page, _) = q::load_page(&mut conn, Scope::All, &searched, None, 50)
        .await
        .unwrap();
    assert_eq!(page.len(), 50);
    assert_eq!(AtomicUsize::load(&count, Ordering::SeqCst), 4);
}

#[tokio::test]
async fn partners_see_only_what_they_are_responsible_for() {
    let app = TestApp::spawn().await;
    let review = review(&app).await;
    let one = create_simple(&app, &review, "1", REC_1).await;
    let two = create_two(&app, &app.admin, &review).await;
    let two_id: Uuid = two["id"].as_str().unwrap().parse().unwrap();
    let part_a = two["parts"][0]["id"].as_str().unwrap().to_owned();
    let three = create_simple(&app, &review, "3", "Third").await;
    let (contributor, police) = app.user_with_role("contributor").await;
    let (stranger, stranger_org) = app.user_with_role("contributor").await;

    let rec_paths = |id: Uuid| {
        vec![
            format!("/api/v1/recommendations/{id}"),
            format!("/api/v1/recommendations/{id}/history"),
        ]
    };
    let not_found_everywhere = |token: String, id: Uuid, part: String| {
        let app = &app;
        let review = &review;
        async move {
            for path in rec_paths(id) {
                problem(app.get(&path, &token).await, StatusCode::NOT_FOUND).await;
            }
            problem(
                app.get(&recs_of(review), &token).await,
                StatusCode::NOT_FOUND,
            )
            .await;
            let rec = format!("/api/v1/recommendations/{id}");
            let part_path = format!("/api/v1/recommendation-parts/{part}");
            problem(app.get(&part_path, &token).await, StatusCode::NOT_FOUND).await;
            problem(
                app.get(&format!("{part_path}/history"), &token).await,
                StatusCode::NOT_FOUND,
            )
            .await;
            problem(
                app.patch(&rec, &token, "\"1\"", &json!({"text": "x"}))
                    .await,
                StatusCode::NOT_FOUND,
            )
            .await;
            for action in ["withdrawal", "closure"] {
                let r = post_with(
                    app,
                    &format!("{rec}/{action}"),
                    &token,
                    Some("\"1\""),
                    &json!({"reason": "x"}),
                )
                .await;
                problem(r, StatusCode::NOT_FOUND).await;
            }
            problem(
                app.post(
                    &format!("{rec}/parts"),
                    &token,
                    &json!({"label": "z", "text": "x"}),
                )
                .await,
                StatusCode::NOT_FOUND,
            )
            .await;
            problem(
                app.patch(&part_path, &token, "\"1\"", &json!({"text": "x"}))
                    .await,
                StatusCode::NOT_FOUND,
            )
            .await;
            let r = post_with(
                app,
                &format!("{part_path}/withdrawal"),
                &token,
                Some("\"1\""),
                &json!({"reason": "x"}),
            )
            .await;
            problem(r, StatusCode::NOT_FOUND).await;
            let r = app
                .post(
                    &recs_of(review),
                    &token,
                    &json!({"number": "9", "text": "x"}),
                )
                .await;
            problem(r, StatusCode::NOT_FOUND).await;
        }
    };

    // Before any action names them, partners see nothing.
    not_found_everywhere(contributor.clone(), two_id, part_a.clone()).await;
    assert!(list(&app, "/api/v1/recommendations", &contributor)
        .await
        .is_empty());

    // An action of recommendation 2 owned by Cleveland Police (through a named officer of theirs).
    let lang = insert_contact(&app, "C/Supt Lang", police).await;
    let mut owned = NewAction::new(two_id, "A comprehensive written protocol is developed.");
    owned.owners = vec![(Some(police), Some(lang))];
    insert_action(&app, review.review_id, review.plan_id, owned).await;
    // Recommendation 3 has an action for "All": every partner of the review shares it.
    let mut all = NewAction::new(three, "Every partner reports quarterly.");
    all.responsible_all = true;
    insert_action(&app, review.review_id, review.plan_id, all).await;

    let (body, _) = read(
        &app,
        &format!("/api/v1/recommendations/{two_id}"),
        &contributor,
    )
    .await;
    assert_eq!(body["number"], "2");
    json_of(
        app.get(
            &format!("/api/v1/recommendations/{two_id}/history"),
            &contributor,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    read(
        &app,
        &format!("/api/v1/recommendation-parts/{part_a}"),
        &contributor,
    )
    .await;
    let seen = list(&app, "/api/v1/recommendations", &contributor).await;
    assert_eq!(numbers(&seen), ["2", "3"]);
    let seen = list(&app, &recs_of(&review), &contributor).await;
    assert_eq!(numbers(&seen), ["2", "3"]);
    problem(
        app.get(&format!("/api/v1/recommendations/{one}"), &contributor)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;

    // Seeing is not writing.
    let rec = format!("/api/v1/recommendations/{two_id}");
    problem(
        app.patch(&rec, &contributor, "\"1\"", &json!({"text": "x"}))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let r = post_with(
        &app,
        &format!("{rec}/withdrawal"),
        &contributor,
        Some("\"1\""),
        &json!({"reason": "x"}),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN).await;
    problem(
        app.post(
            &format!("{rec}/parts"),
            &contributor,
            &json!({"label": "z", "text": "x"}),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let r = app
        .post(
            &recs_of(&review),
            &contributor,
            &json!({"number": "9", "text": "x"}),
        )
        .await;
    problem(r, StatusCode::FORBIDDEN).await;

    // Another partner still sees nothing.
    not_found_everywhere(stranger.clone(), two_id, part_a.clone()).await;
    assert!(list(&app, "/api/v1/recommendations", &stranger)
        .await
        .is_empty());
    let _ = stranger_org;

    // An officer of another council sees none of ours...
    let email = format!("officer-{}@hartlepool.example", Uuid::new_v4().simple());
    let (outsider, other_council) =
        officer_of_another_council(&app, "Hartlepool Borough Council", &email).await;
    not_found_everywhere(outsider.clone(), two_id, part_a.clone()).await;
    assert!(list(&app, "/api/v1/recommendations", &outsider)
        .await
        .is_empty());
    // ...and their own council's recommendations stay theirs.
    let theirs = review_in(&app, other_council, "Hartlepool review").await;
    let created = app
        .post(
            &recs_of(&theirs),
            &outsider,
            &json!({"number": "1", "text": "Hartlepool's first"}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let (officer, _) = app.user_with_role("officer").await;
    let ours = list(&app, "/api/v1/recommendations", &officer).await;
    assert_eq!(numbers(&ours), ["1", "2", "3"]);
    // The council's admin sees its own council's too; only the deployment's operator sees both.
    let admins = list(&app, "/api/v1/recommendations", &app.admin).await;
    assert_eq!(numbers(&admins), ["1", "2", "3"]);
    let operator = app.operator().await.to_owned();
    let all = list(&app, "/api/v1/recommendations", &operator).await;
    assert_eq!(all.len(), 4);
}

#[tokio::test]
async fn viewers_read_but_do_not_write() {
    let app = TestApp::spawn().await;
    let (viewer, _) = app.user_with_role("viewer").await;
    let review = review(&app).await;
    let two = create_two(&app, &app.admin, &review).await;
    let id = two["id"].as_str().unwrap();
    let part = two["parts"][0]["id"].as_str().unwrap();
    let rec = format!("/api/v1/recommendations/{id}");
    let part_path = format!("/api/v1/recommendation-parts/{part}");

    let (_, tag) = read(&app, &rec, &viewer).await;
    json_of(
        app.get(&format!("{rec}/history"), &viewer).await,
        StatusCode::OK,
    )
    .await;
    let (_, part_tag) = read(&app, &part_path, &viewer).await;
    assert_eq!(
        numbers(&list(&app, &recs_of(&review), &viewer).await),
        ["2"]
    );
    assert_eq!(
        numbers(&list(&app, "/api/v1/recommendations", &viewer).await),
        ["2"]
    );

    let r = app
        .post(
            &recs_of(&review),
            &viewer,
            &json!({"number": "3", "text": "x"}),
        )
        .await;
    problem(r, StatusCode::FORBIDDEN).await;
    problem(
        app.patch(&rec, &viewer, &tag, &json!({"text": "x"})).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    for action in ["withdrawal", "closure"] {
        let r = post_with(
            &app,
            &format!("{rec}/{action}"),
            &viewer,
            Some(&tag),
            &json!({"reason": "x"}),
        )
        .await;
        problem(r, StatusCode::FORBIDDEN).await;
    }
    problem(
        app.post(
            &format!("{rec}/parts"),
            &viewer,
            &json!({"label": "g", "text": "x"}),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    problem(
        app.patch(&part_path, &viewer, &part_tag, &json!({"text": "x"}))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let r = post_with(
        &app,
        &format!("{part_path}/withdrawal"),
        &viewer,
        Some(&part_tag),
        &json!({"reason": "x"}),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN).await;

    // Nothing changed.
    let (after, _) = read(&app, &rec, &viewer).await;
    assert_eq!(after["version"], 1);
    assert_eq!(after["parts"], two["parts"]);
    assert_eq!(app.audit_count("recommendation.updated").await, 0);
}
