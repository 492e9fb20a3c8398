//! Cabinet decision records: the seed decision of 20 January 2022 and its call-in deadline
//! (computed, stated, compared), council settings and holidays moving the deadline, call-in
//! transitions, validation, If-Match and who sees what.
use crate::fixtures::{
    etag_of, make_responsible, officer_of_another_council, post_with, put_with, seed_review, send,
    settings, Seed, ENGLAND_AND_WALES, PARTS_2,
};
use crate::helpers::{etag, fields, problem, TestApp};
use crate::support::{all_pages, audit, json_of};
use chrono::{Days, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

/// The seed reviews: the committee has approved the report, Cabinet is to decide.
const REVIEW_TITLE: &str = "Police Communications in Stockton-on-Tees";
const APPROVED: &str = "approved_by_committee";

const ITEM_TITLE: &str = "Crime and Disorder Select Committee - Scrutiny Review of Police Communications in Stockton-on-Tees (Task & Finish)";
const DECISION_TEXT: &str = "Consideration was given to the final report that presented the outcome of the Crime & Disorder Select Committee Scrutiny Review of Police Communications in Stockton-on-Tees (Task & Finish).";
const REASONS: &str = "This topic was included on the Scrutiny Work Programme for 2021-2022. The review is now complete, and the recommendations have been endorsed by the Crime and Disorder Select Committee for submission to Cabinet.";
const SEED_CALL_IN: &str = "Midnight - Friday 28th January 2022";

/// The seed decision record, resolutions mapped to the review's recommendations.
fn seed_body(seed: &Seed) -> Value {
    let parts_2: Vec<Value> = PARTS_2
        .iter()
        .zip(&seed.parts_2)
        .map(|(l, id)| json!({"label": l, "text": format!("Resolution 2 part {l};"), "recommendation_part_id": id}))
        .collect();
    json!({
        "body": "Cabinet",
        "meeting_date": "2022-01-20",
        "item_title": ITEM_TITLE,
        "decision_text": DECISION_TEXT,
        "resolutions": [
            {"number": "1", "recommendation_id": seed.recs[0],
             "text": "Any scheduled reviews of Cleveland Police's 'Community Engagement Strategy 2020-2025' document factors in the key findings and recommendations from this review;"},
            {"number": "2", "recommendation_id": seed.recs[1],
             "text": "As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:",
             "parts": parts_2},
            {"number": "3", "recommendation_id": seed.recs[2],
             "text": "Cleveland Police ensures robust mechanisms are in place for victims of crime / ASB which:",
             "parts": [
                {"label": "a", "text": "provides clarity on the expected communication process between Force and victim;", "recommendation_part_id": seed.parts_3[0]},
                {"label": "b", "text": "ensures updates are provided (as regularly as agreed with each individual victim) regarding the progression of investigations, even when there have been no developments;", "recommendation_part_id": seed.parts_3[1]}
             ]},
            {"number": "4", "recommendation_id": seed.recs[3],
             "text": "The SBC Ward Councillor survey is repeated in approximately 12 months to gauge developments around Cleveland Police-SBC Ward Councillor communications arrangements."}
        ],
        "reasons": REASONS,
        "alternatives": "None",
        "conflicts": "None",
        "dispensations": "N/A",
        "published_on": "2022-01-24",
        "stated_call_in": {"text": SEED_CALL_IN}
    })
}

fn decisions_path(seed: &Seed) -> String {
    format!("/api/v1/reviews/{}/decisions", seed.review_id)
}

async fn create(app: &TestApp, token: &str, seed: &Seed, body: &Value) -> Value {
    let r = app.post(&decisions_path(seed), token, body).await;
    json_of(r, StatusCode::CREATED).await
}

/// A minimal decision published on `published_on` (meeting the same day).
fn simple_body(meeting: &str, published: Option<&str>) -> Value {
    let mut body = json!({"body": "Cabinet", "meeting_date": meeting, "item_title": "An item"});
    if let Some(p) = published {
        body["published_on"] = json!(p);
    }
    body
}

#[tokio::test]
async fn the_seed_decision_is_held_whole_and_its_stated_deadline_agrees() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let seed = seed_review(&app, app.council_id, REVIEW_TITLE, APPROVED).await;
    let r = app
        .post(&decisions_path(&seed), &officer, &seed_body(&seed))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let tag = etag(&r);
    let created: Value = r.json().await.unwrap();
    assert_eq!(tag, "\"1\"");
    assert_eq!(created["body"], "Cabinet");
    assert_eq!(created["meeting_date"], "2022-01-20");
    assert_eq!(created["item_title"], ITEM_TITLE);
    assert_eq!(created["decision_text"], DECISION_TEXT);
    assert_eq!(created["reasons"], REASONS);
    assert_eq!(created["alternatives"], "None");
    assert_eq!(created["conflicts"], "None");
    assert_eq!(created["dispensations"], "N/A");
    assert_eq!(created["key_decision"], false);
    assert_eq!(created["published_on"], "2022-01-24");
    let resolutions = created["resolutions"].as_array().unwrap();
    let numbers: Vec<&str> = resolutions
        .iter()
        .map(|r| r["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
    assert_eq!(resolutions[0]["recommendation_id"], json!(seed.recs[0]));
    let labels: Vec<&str> = resolutions[1]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["a", "b", "c", "d", "e", "f"]);
    assert_eq!(
        resolutions[2]["parts"][1]["recommendation_part_id"],
        json!(seed.parts_3[1])
    );
    assert_eq!(resolutions[3]["parts"], json!([]));

    // Published Monday 24 January 2022: day five is Friday 28th, ending 23:59 London time (GMT).
    let call_in = &created["call_in"];
    assert_eq!(call_in["published_on"], "2022-01-24");
    assert_eq!(call_in["computed_deadline"], "2022-01-28T23:59:00+00:00");
    assert_eq!(call_in["computed_deadline_local"], "2022-01-28T23:59");
    assert_eq!(call_in["time_zone"], "Europe/London");
    assert_eq!(call_in["stated_text"], SEED_CALL_IN);
    assert_eq!(call_in["stated_deadline"], "2022-01-28T23:59:00+00:00");
    assert_eq!(call_in["agreement"], "agrees");
    assert!(call_in["difference_minutes"].is_null());
    // Expiry on read: the state stays open, but the period is over.
    assert_eq!(call_in["state"], "open");
    assert_eq!(call_in["deadline_passed"], true);
    assert_eq!(call_in["implementable"], true);

    let id = created["id"].as_str().unwrap();
    let r = app.get(&format!("/api/v1/decisions/{id}"), &officer).await;
    assert_eq!(etag(&r), "\"1\"");
    let read = json_of(r, StatusCode::OK).await;
    assert_eq!(read, created);
    // Reading wrote nothing.
    assert_eq!(read["version"], 1);

    let events = audit(&app, "action=decision.created").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["entity_id"], json!(id));
    assert_eq!(events[0]["after"]["call_in"]["agreement"], "agrees");
    let history = json_of(
        app.get(&format!("/api/v1/decisions/{id}/history"), &officer)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(history["items"].as_array().unwrap().len(), 1);
    assert_eq!(history["items"][0]["action"], "decision.created");

    let list = json_of(
        app.get(&decisions_path(&seed), &officer).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["items"][0], created);
}

#[tokio::test]
async fn stated_deadlines_that_disagree_or_cannot_be_read_are_kept_and_flagged() {
    let app = TestApp::spawn().await;
    let seed = seed_review(&app, app.council_id, REVIEW_TITLE, APPROVED).await;
    let mut body = simple_body("2022-01-20", Some("2022-01-24"));

    // A day early: Thursday 27th.
    body["stated_call_in"] = json!({"text": "Midnight - Thursday 27th January 2022"});
    let d = create(&app, &app.admin, &seed, &body).await;
    assert_eq!(
        d["call_in"]["stated_text"],
        "Midnight - Thursday 27th January 2022"
    );
    assert_eq!(d["call_in"]["stated_deadline"], "2022-01-27T23:59:00+00:00");
    assert_eq!(d["call_in"]["agreement"], "disagrees");
    assert_eq!(d["call_in"]["difference_minutes"], -24 * 60);

    // An instant given outright: office hours on the Friday.
    body["stated_call_in"] =
        json!({"text": "5pm Friday 28 January 2022", "deadline": "2022-01-28T17:00:00Z"});
    let d = create(&app, &app.admin, &seed, &body).await;
    assert_eq!(d["call_in"]["stated_deadline"], "2022-01-28T17:00:00+00:00");
    assert_eq!(d["call_in"]["agreement"], "disagrees");
    assert_eq!(d["call_in"]["difference_minutes"], -419);

    // Words that name the wrong day of the week: kept as text, no instant.
    body["stated_call_in"] = json!({"text": "Midnight - Thursday 28th January 2022"});
    let d = create(&app, &app.admin, &seed, &body).await;
    assert_eq!(
        d["call_in"]["stated_text"],
        "Midnight - Thursday 28th January 2022"
    );
    assert!(d["call_in"]["stated_deadline"].is_null());
    assert_eq!(d["call_in"]["agreement"], "not_stated");

    // No publication date: nothing computed.
    let mut unpublished = simple_body("2022-01-20", None);
    unpublished["stated_call_in"] = json!({"text": SEED_CALL_IN});
    let d = create(&app, &app.admin, &seed, &unpublished).await;
    assert!(d["call_in"]["computed_deadline"].is_null());
    assert_eq!(d["call_in"]["stated_deadline"], "2022-01-28T23:59:00+00:00");
    assert_eq!(d["call_in"]["agreement"], "not_published");
    assert_eq!(d["call_in"]["deadline_passed"], false);
    assert_eq!(d["call_in"]["implementable"], false);
}

#[tokio::test]
async fn council_settings_and_holidays_move_the_deadline_only_when_recomputed() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let seed = seed_review(&app, app.council_id, REVIEW_TITLE, APPROVED).await;
    let mut body = simple_body("2022-01-20", Some("2022-01-24"));
    body["stated_call_in"] = json!({"text": SEED_CALL_IN});
    let d = create(&app, &officer, &seed, &body).await;
    let id = d["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/decisions/{id}");
    let recompute = format!("{path}/call-in-deadline/recomputation");
    let settings_path = format!("/api/v1/councils/{}/settings", app.council_id);

    // Ten working days: the setting alone does not rewrite the decision.
    let ten_days = settings(ENGLAND_AND_WALES, 10);
    let r = put_with(&app, &settings_path, &officer, None, &ten_days).await;
    let saved = json_of(r, StatusCode::OK).await;
    assert_eq!(saved["call_in_working_days"], 10);
    let read = json_of(app.get(&path, &officer).await, StatusCode::OK).await;
    assert_eq!(
        read["call_in"]["computed_deadline"],
        "2022-01-28T23:59:00+00:00"
    );
    assert_eq!(read["version"], 1);

    // Recomputed: Mon 24 Jan .. Fri 4 Feb is ten working days.
    let r = send(&app, Method::POST, &recompute, &officer, None, None).await;
    assert_eq!(etag(&r), "\"2\"");
    let d = json_of(r, StatusCode::OK).await;
    assert_eq!(
        d["call_in"]["computed_deadline"],
        "2022-02-04T23:59:00+00:00"
    );
    assert_eq!(d["call_in"]["computed_deadline_local"], "2022-02-04T23:59");
    assert_eq!(d["call_in"]["agreement"], "disagrees");
    assert_eq!(d["call_in"]["difference_minutes"], -7 * 24 * 60);
    let events = audit(&app, "action=decision.deadline_recomputed").await;
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0]["before"]["call_in"]["computed_deadline"],
        "2022-01-28T23:59:00+00:00"
    );
    assert_eq!(
        events[0]["after"]["call_in"]["computed_deadline"],
        "2022-02-04T23:59:00+00:00"
    );
    // Recomputing again changes nothing and records nothing.
    let r = send(
        &app,
        Method::POST,
        &recompute,
        &officer,
        Some("\"2\""),
        None,
    )
    .await;
    assert_eq!(json_of(r, StatusCode::OK).await["version"], 2);
    assert_eq!(
        audit(&app, "action=decision.deadline_recomputed")
            .await
            .len(),
        1
    );
    // A stale If-Match, if sent, is refused.
    let r = send(
        &app,
        Method::POST,
        &recompute,
        &officer,
        Some("\"1\""),
        None,
    )
    .await;
    problem(r, StatusCode::PRECONDITION_FAILED).await;

    // A custom calendar with a holiday on Wednesday 26 January, five working days.
    let calendar = json_of(
        app.post(
            "/api/v1/calendars",
            &app.admin,
            &json!({"name": "Stockton closure days"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let calendar_id = calendar["id"].as_str().unwrap();
    let tag = etag_of(&app, &settings_path, &officer).await;
    let five_days = settings(calendar_id, 5);
    let r = put_with(&app, &settings_path, &officer, Some(&tag), &five_days).await;
    json_of(r, StatusCode::OK).await;
    let r = send(&app, Method::POST, &recompute, &officer, None, None).await;
    let d = json_of(r, StatusCode::OK).await;
    assert_eq!(
        d["call_in"]["computed_deadline"],
        "2022-01-28T23:59:00+00:00"
    );
    assert_eq!(d["call_in"]["agreement"], "agrees");

    let r = app
        .post(
            &format!("/api/v1/calendars/{calendar_id}/holidays"),
            &app.admin,
            &json!({"date": "2022-01-26", "title": "Council closure day"}),
        )
        .await;
    json_of(r, StatusCode::CREATED).await;
    let read = json_of(app.get(&path, &officer).await, StatusCode::OK).await;
    assert_eq!(
        read["call_in"]["computed_deadline"],
        "2022-01-28T23:59:00+00:00"
    );
    // Mon 24 (1), Tue 25 (2), [Wed 26], Thu 27 (3), Fri 28 (4), Mon 31 (5).
    let r = send(&app, Method::POST, &recompute, &officer, None, None).await;
    let d = json_of(r, StatusCode::OK).await;
    assert_eq!(
        d["call_in"]["computed_deadline"],
        "2022-01-31T23:59:00+00:00"
    );
    assert_eq!(d["call_in"]["agreement"], "disagrees");
    assert_eq!(d["call_in"]["difference_minutes"], -3 * 24 * 60);
    assert_eq!(
        audit(&app, "action=decision.deadline_recomputed")
            .await
            .len(),
        3
    );

    // A new decision is computed with the settings in effect.
    let d = create(&app, &officer, &seed, &body).await;
    assert_eq!(
        d["call_in"]["computed_deadline"],
        "2022-01-31T23:59:00+00:00"
    );

    // Nothing to compute without a publication date.
    let unpublished = create(&app, &officer, &seed, &simple_body("2022-01-20", None)).await;
    let r = send(
        &app,
        Method::POST,
        &format!(
            "/api/v1/decisions/{}/call-in-deadline/recomputation",
            unpublished["id"].as_str().unwrap()
        ),
        &officer,
        None,
        None,
    )
    .await;
    problem(r, StatusCode::CONFLICT).await;
    // Viewers do not recompute.
    let (viewer, _) = app.user_with_role("viewer").await;
    let r = send(&app, Method::POST, &recompute, &viewer, None, None).await;
    problem(r, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn call_in_transitions_follow_the_lifecycle() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let seed = seed_review(&app, app.council_id, REVIEW_TITLE, APPROVED).await;
    let soon = (Utc::now().date_naive() + Days::new(20))
        .format("%Y-%m-%d")
        .to_string();
    let future = create(&app, &officer, &seed, &simple_body(&soon, Some(&soon))).await;
    assert_eq!(future["call_in"]["deadline_passed"], false);
    assert_eq!(future["call_in"]["implementable"], false);
    let path = format!(
        "/api/v1/decisions/{}/call-in-transitions",
        future["id"].as_str().unwrap()
    );

    // If-Match is required, and must be current.
    let to = |state: &str| json!({"to": state});
    let r = post_with(&app, &path, &officer, None, &to("called_in")).await;
    problem(r, StatusCode::PRECONDITION_REQUIRED).await;
    let r = post_with(&app, &path, &officer, Some("\"7\""), &to("called_in")).await;
    problem(r, StatusCode::PRECONDITION_FAILED).await;
    // Unknown states name the field.
    let r = post_with(&app, &path, &officer, Some("\"1\""), &to("rejected")).await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["to"]
    );

    // Expired is refused while the period runs.
    let r = post_with(&app, &path, &officer, Some("\"1\""), &to("expired")).await;
    let p = problem(r, StatusCode::CONFLICT).await;
    assert!(p["detail"].as_str().unwrap().contains("not ended"), "{p}");
    // open → upheld is not a step.
    let r = post_with(&app, &path, &officer, Some("\"1\""), &to("upheld")).await;
    let p = problem(r, StatusCode::CONFLICT).await;
    assert_eq!(p["allowed"], json!(["expired", "called_in"]));

    let r = post_with(
        &app,
        &path,
        &officer,
        Some("\"1\""),
        &json!({"to": "called_in", "note": "Called in by five councillors"}),
    )
    .await;
    assert_eq!(etag(&r), "\"2\"");
    let d = json_of(r, StatusCode::OK).await;
    assert_eq!(d["call_in"]["state"], "called_in");
    assert_eq!(d["call_in"]["note"], "Called in by five councillors");
    assert!(d["call_in"]["state_changed_at"].is_string());
    assert_eq!(d["call_in"]["implementable"], false);

    let r = post_with(&app, &path, &officer, Some("\"2\""), &to("expired")).await;
    let p = problem(r, StatusCode::CONFLICT).await;
    assert_eq!(
        p["allowed"],
        json!(["upheld", "referred_back", "referred_to_council"])
    );
    let r = post_with(&app, &path, &officer, Some("\"2\""), &to("upheld")).await;
    let d = json_of(r, StatusCode::OK).await;
    assert_eq!(d["call_in"]["state"], "upheld");
    assert_eq!(d["call_in"]["implementable"], true);
    // Upheld is final.
    let r = post_with(&app, &path, &officer, Some("\"3\""), &to("referred_back")).await;
    let p = problem(r, StatusCode::CONFLICT).await;
    assert!(p["detail"].as_str().unwrap().contains("final"), "{p}");
    assert!(p.get("allowed").is_none(), "nothing follows upheld: {p}");

    let events = audit(&app, "action=decision.call_in_changed").await;
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["before"]["call_in"]["state"], "called_in");
    assert_eq!(events[0]["after"]["call_in"]["state"], "upheld");

    // Referred to full council: not implementable until council's outcome is recorded.
    let referred = create(&app, &officer, &seed, &simple_body(&soon, Some(&soon))).await;
    let path = format!(
        "/api/v1/decisions/{}/call-in-transitions",
        referred["id"].as_str().unwrap()
    );
    for (version, state, implementable) in [
        ("\"1\"", "called_in", false),
        ("\"2\"", "referred_to_council", false),
        ("\"3\"", "referred_back", false),
    ] {
        let r = post_with(&app, &path, &officer, Some(version), &to(state)).await;
        let d = json_of(r, StatusCode::OK).await;
        assert_eq!(d["call_in"]["state"], state);
        assert_eq!(d["call_in"]["implementable"], implementable, "{state}");
    }

    // A period that has ended may be recorded as expired.
    let past = create(
        &app,
        &officer,
        &seed,
        &simple_body("2022-01-20", Some("2022-01-24")),
    )
    .await;
    let path = format!(
        "/api/v1/decisions/{}/call-in-transitions",
        past["id"].as_str().unwrap()
    );
    let r = post_with(&app, &path, &officer, Some("\"1\""), &to("expired")).await;
    let d = json_of(r, StatusCode::OK).await;
    assert_eq!(d["call_in"]["state"], "expired");
    assert_eq!(d["call_in"]["implementable"], true);
    // Filter by state.
    let list = json_of(
        app.get("/api/v1/decisions?call_in_state=expired", &officer)
            .await,
        StatusCode::OK,
    )
    .await;
    let ids: Vec<&Value> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["id"])
        .collect();
    assert_eq!(ids, [&past["id"]]);
    let r = app
        .get("/api/v1/decisions?call_in_state=closed", &officer)
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["call_in_state"]
    );
    // A decision with no publication date cannot expire.
    let unpublished = create(&app, &officer, &seed, &simple_body("2022-01-20", None)).await;
    let r = post_with(
        &app,
        &format!(
            "/api/v1/decisions/{}/call-in-transitions",
            unpublished["id"].as_str().unwrap()
        ),
        &officer,
        Some("\"1\""),
        &to("expired"),
    )
    .await;
    problem(r, StatusCode::CONFLICT).await;
}

#[tokio::test]
async fn invalid_decisions_name_every_field_at_fault() {
    let app = TestApp::spawn().await;
    let seed = seed_review(&app, app.council_id, REVIEW_TITLE, APPROVED).await;
    let other = seed_review(&app, app.council_id, REVIEW_TITLE, APPROVED).await;
    let path = decisions_path(&seed);

    let r = app
        .post(
            &path,
            &app.admin,
            &json!({
                "body": " ", "meeting_date": "20/01/2022", "item_title": "",
                "published_on": "2022-02-30",
                "resolutions": [
                    {"number": "1", "text": "A"},
                    {"number": "1", "text": " ", "parts": [{"label": "a)", "text": "x"}, {"label": "(a)", "text": "y"}, {"label": "7", "text": "z"}]},
                    {"number": "2", "text": " "}
                ],
                "stated_call_in": {"text": "Midnight", "deadline": "Friday"}
            }),
        )
        .await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        fields(&p),
        [
            "body",
            "meeting_date",
            "item_title",
            "published_on",
            "resolutions[1].number",
            // (A blank text with parts is a resolution made only of them.)
            "resolutions[1].parts[1].label",
            "resolutions[1].parts[2].label",
            "resolutions[2].text",
            "stated_call_in.deadline",
        ]
    );

    // Published before the meeting.
    let r = app
        .post(
            &path,
            &app.admin,
            &simple_body("2022-01-20", Some("2022-01-19")),
        )
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["published_on"]
    );

    // Recommendations and parts of another review, or of another recommendation.
    let mut body = simple_body("2022-01-20", Some("2022-01-24"));
    body["resolutions"] = json!([
        {"number": "1", "text": "One", "recommendation_id": seed.recs[0]},
        {"number": "2", "text": "Two", "recommendation_id": other.recs[1]},
        {"number": "3", "text": "Three", "recommendation_id": seed.recs[2], "parts": [
            {"label": "a", "text": "a", "recommendation_part_id": seed.parts_3[0]},
            {"label": "b", "text": "b", "recommendation_part_id": seed.parts_2[1]},
            {"label": "c", "text": "c", "recommendation_part_id": other.parts_3[0]}
        ]}
    ]);
    let r = app.post(&path, &app.admin, &body).await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        fields(&p),
        [
            "resolutions[1].recommendation_id",
            "resolutions[2].parts[1].recommendation_part_id",
            "resolutions[2].parts[2].recommendation_part_id",
        ]
    );
    // A malformed id names its place too.
    body["resolutions"] = json!([{"number": "1", "text": "One", "recommendation_id": "nope"}]);
    let r = app.post(&path, &app.admin, &body).await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["resolutions[0].recommendation_id"]
    );
    // Unknown fields are refused.
    let mut body = simple_body("2022-01-20", None);
    body["call_in_deadline"] = json!("tomorrow");
    let r = app.post(&path, &app.admin, &body).await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["call_in_deadline"]
    );
    // Nothing was written.
    assert_eq!(audit(&app, "action=decision.created").await.len(), 0);
    // An unknown review is 404.
    let r = app
        .post(
            &format!("/api/v1/reviews/{}/decisions", Uuid::now_v7()),
            &app.admin,
            &simple_body("2022-01-20", None),
        )
        .await;
    problem(r, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn updates_need_if_match_and_replace_resolutions_wholesale() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let seed = seed_review(&app, app.council_id, REVIEW_TITLE, APPROVED).await;
    let d = create(&app, &officer, &seed, &seed_body(&seed)).await;
    let path = format!("/api/v1/decisions/{}", d["id"].as_str().unwrap());

    let r = app
        .request(Method::PATCH, &path, Some(&officer))
        .json(&json!({"reference": "CAB/2022/01"}))
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::PRECONDITION_REQUIRED).await;
    let r = app
        .patch(
            &path,
            &officer,
            "\"9\"",
            &json!({"reference": "CAB/2022/01"}),
        )
        .await;
    problem(r, StatusCode::PRECONDITION_FAILED).await;

    // Scalars only: resolutions and the deadline stay as they were.
    let r = app
        .patch(
            &path,
            &officer,
            "\"1\"",
            &json!({"reference": "CAB/2022/01", "key_decision": true, "reasons": null}),
        )
        .await;
    assert_eq!(etag(&r), "\"2\"");
    let u = json_of(r, StatusCode::OK).await;
    assert_eq!(u["reference"], "CAB/2022/01");
    assert_eq!(u["key_decision"], true);
    assert!(u["reasons"].is_null());
    assert_eq!(u["alternatives"], "None");
    assert_eq!(u["resolutions"], d["resolutions"]);
    assert_eq!(
        u["call_in"]["computed_deadline"],
        "2022-01-28T23:59:00+00:00"
    );

    // Resolutions replaced in one go; a new publication date recomputes the deadline.
    let r = app
        .patch(
            &path,
            &officer,
            "\"2\"",
            &json!({
                "published_on": "2022-01-25",
                "resolutions": [{"number": "1", "text": "Noted.", "recommendation_id": seed.recs[0]}]
            }),
        )
        .await;
    let u = json_of(r, StatusCode::OK).await;
    assert_eq!(u["resolutions"].as_array().unwrap().len(), 1);
    assert_eq!(u["resolutions"][0]["text"], "Noted.");
    // Tue 25 (1) .. Mon 31 (5).
    assert_eq!(
        u["call_in"]["computed_deadline"],
        "2022-01-31T23:59:00+00:00"
    );
    assert_eq!(u["call_in"]["agreement"], "disagrees");

    // A bad replacement writes nothing.
    let r = app
        .patch(
            &path,
            &officer,
            "\"3\"",
            &json!({"item_title": "Changed", "resolutions": [{"number": "1", "text": "x", "recommendation_id": Uuid::now_v7()}]}),
        )
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["resolutions[0].recommendation_id"]
    );
    let r = app
        .patch(
            &path,
            &officer,
            "\"3\"",
            &json!({"meeting_date": "2022-01-26"}),
        )
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["meeting_date"]
    );
    let now = json_of(app.get(&path, &officer).await, StatusCode::OK).await;
    assert_eq!(now["version"], 3);
    assert_eq!(now["item_title"], ITEM_TITLE);

    // Clearing the stated deadline.
    let r = app
        .patch(&path, &officer, "\"3\"", &json!({"stated_call_in": null}))
        .await;
    let u = json_of(r, StatusCode::OK).await;
    assert!(u["call_in"]["stated_text"].is_null());
    assert_eq!(u["call_in"]["agreement"], "not_stated");

    let events = audit(&app, "action=decision.updated").await;
    assert_eq!(events.len(), 3);
    let replaced = &events[1];
    assert_eq!(
        replaced["before"]["resolutions"].as_array().unwrap().len(),
        4
    );
    assert_eq!(
        replaced["after"]["resolutions"].as_array().unwrap().len(),
        1
    );
    let history = json_of(
        app.get(&format!("{path}/history"), &officer).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(history["items"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn who_sees_and_writes_decisions() {
    let app = TestApp::spawn().await;
    let seed = seed_review(&app, app.council_id, REVIEW_TITLE, APPROVED).await;
    let d = create(&app, &app.admin, &seed, &seed_body(&seed)).await;
    let id = d["id"].as_str().unwrap();
    let path = format!("/api/v1/decisions/{id}");

    // Viewers of the council read, and do not write.
    let (viewer, _) = app.user_with_role("viewer").await;
    json_of(app.get(&path, &viewer).await, StatusCode::OK).await;
    let r = app
        .post(
            &decisions_path(&seed),
            &viewer,
            &simple_body("2022-01-20", None),
        )
        .await;
    problem(r, StatusCode::FORBIDDEN).await;
    let r = app
        .patch(&path, &viewer, "\"1\"", &json!({"reference": "x"}))
        .await;
    problem(r, StatusCode::FORBIDDEN).await;

    // A contributor of an organisation with no part in the review sees nothing of it.
    let (contributor, partner) = app.user_with_role("contributor").await;
    problem(app.get(&path, &contributor).await, StatusCode::NOT_FOUND).await;
    problem(
        app.get(&format!("{path}/history"), &contributor).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(
        app.get(&decisions_path(&seed), &contributor).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let list = json_of(
        app.get("/api/v1/decisions", &contributor).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"], json!([]));

    // Once it owns an action of the review, it reads the decision (and only reads).
    make_responsible(&app, &seed, partner).await;
    let read = json_of(app.get(&path, &contributor).await, StatusCode::OK).await;
    assert_eq!(read["id"], json!(id));
    let list = json_of(
        app.get("/api/v1/decisions", &contributor).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let list = json_of(
        app.get(&decisions_path(&seed), &contributor).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let r = app
        .patch(&path, &contributor, "\"1\"", &json!({"reference": "x"}))
        .await;
    problem(r, StatusCode::FORBIDDEN).await;

    // Another council's officer: 404 for reading and writing alike.
    let (outsider, other_council) = officer_of_another_council(
        &app,
        "Hartlepool Borough Council",
        "officer@hartlepool.example",
    )
    .await;
    problem(app.get(&path, &outsider).await, StatusCode::NOT_FOUND).await;
    let r = app
        .patch(&path, &outsider, "\"1\"", &json!({"reference": "x"}))
        .await;
    problem(r, StatusCode::NOT_FOUND).await;
    let r = post_with(
        &app,
        &format!("{path}/call-in-transitions"),
        &outsider,
        Some("\"1\""),
        &json!({"to": "expired"}),
    )
    .await;
    problem(r, StatusCode::NOT_FOUND).await;
    let r = app
        .post(
            &decisions_path(&seed),
            &outsider,
            &simple_body("2022-01-20", None),
        )
        .await;
    problem(r, StatusCode::NOT_FOUND).await;
    let list = json_of(
        app.get("/api/v1/decisions", &outsider).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"], json!([]));
    // Its own council's decisions use its own settings.
    let own = seed_review(&app, other_council, REVIEW_TITLE, APPROVED).await;
    let theirs = create(
        &app,
        &outsider,
        &own,
        &simple_body("2022-01-20", Some("2022-01-24")),
    )
    .await;
    assert_eq!(theirs["council_id"], json!(other_council));
    let list = json_of(
        app.get("/api/v1/decisions", &outsider).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    // A council's admin sees its own council's only; the deployment's operator sees both.
    let list = json_of(
        app.get("/api/v1/decisions", &app.admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let list = json_of(
        app.get("/api/v1/decisions", app.operator().await).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn decisions_page_latest_meeting_first() {
    let app = TestApp::spawn().await;
    let seed = seed_review(&app, app.council_id, REVIEW_TITLE, APPROVED).await;
    let other = seed_review(&app, app.council_id, REVIEW_TITLE, APPROVED).await;
    for (s, meeting) in [
        (&seed, "2022-01-20"),
        (&seed, "2022-03-17"),
        (&other, "2022-03-17"),
        (&seed, "2021-11-04"),
        (&other, "2022-06-30"),
    ] {
        create(&app, &app.admin, s, &simple_body(meeting, None)).await;
    }
    let (items, pages) = all_pages(&app, "/api/v1/decisions", &app.admin, 2).await;
    assert_eq!(pages, 3);
    let dates: Vec<&str> = items
        .iter()
        .map(|d| d["meeting_date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2022-06-30",
            "2022-03-17",
            "2022-03-17",
            "2022-01-20",
            "2021-11-04"
        ]
    );
    let (items, _) = all_pages(
        &app,
        "/api/v1/decisions?meeting_from=2022-01-20&meeting_to=2022-03-17",
        &app.admin,
        1,
    )
    .await;
    assert_eq!(items.len(), 3);
    let (items, _) = all_pages(
        &app,
        &format!("/api/v1/decisions?review_id={}", other.review_id),
        &app.admin,
        1,
    )
    .await;
    assert_eq!(items.len(), 2);
    let (items, _) = all_pages(&app, &decisions_path(&seed), &app.admin, 2).await;
    assert_eq!(items.len(), 3);
    let r = app
        .get("/api/v1/decisions?meeting_from=March", &app.admin)
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["meeting_from"]
    );
}

/// The call-in period ends by itself: with the clock after 28 January 2022 23:59 (London) and two
/// workers running, the seed decision moves to "expired" (implementable) without anyone touching
/// it, once, by the system; a decision whose period has not ended stays open.
#[tokio::test]
async fn the_call_in_period_ends_by_itself_once_with_two_workers() {
    let after: chrono::DateTime<Utc> = "2022-01-29T00:30:00Z".parse().unwrap();
    let adjust = move |s: &mut scrutiny_server::settings::Settings| {
        s.jobs.enabled = true;
        s.jobs.now_override = Some(after);
        s.jobs.poll_interval_ms = 100;
        s.jobs.schedule_interval_ms = 200;
    };
    let app = TestApp::spawn_with(adjust).await;
    // A second server's worker on the same database.
    let mut settings = scrutiny_server::settings::Settings::for_database(&app.db.url);
    adjust(&mut settings);
    let pool = scrutiny_server::startup::prepare_database(&settings)
        .await
        .unwrap();
    let second = scrutiny_server::jobs::start(&settings, pool)
        .unwrap()
        .expect("a second worker");

    let (officer, _) = app.user_with_role("officer").await;
    let seed = seed_review(&app, app.council_id, REVIEW_TITLE, APPROVED).await;
    let decision = create(&app, &officer, &seed, &seed_body(&seed)).await;
    let later = seed_review(&app, app.council_id, "Fire Safety", APPROVED).await;
    let open = create(
        &app,
        &officer,
        &later,
        &simple_body("2022-01-27", Some("2022-01-27")),
    )
    .await;
    assert_eq!(
        open["call_in"]["computed_deadline"],
        "2022-02-02T23:59:00+00:00"
    );

    let path = format!("/api/v1/decisions/{}", decision["id"].as_str().unwrap());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let read = json_of(app.get(&path, &officer).await, StatusCode::OK).await;
        if read["call_in"]["state"] == "expired" {
            assert_eq!(read["call_in"]["implementable"], true);
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still {}",
            read["call_in"]
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Several more scheduler runs on both workers change nothing.
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    second.stop(std::time::Duration::from_secs(10)).await;
    let history = json_of(
        app.get(&format!("{path}/history"), &officer).await,
        StatusCode::OK,
    )
    .await;
    let moves: Vec<&Value> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "decision.call_in_changed")
        .collect();
    assert_eq!(moves.len(), 1, "{history}");
    assert_eq!(moves[0]["actor"]["kind"], "system");
    assert_eq!(moves[0]["before"]["call_in"]["state"], "open");
    assert_eq!(moves[0]["after"]["call_in"]["state"], "expired");
    let open_path = format!("/api/v1/decisions/{}", open["id"].as_str().unwrap());
    let still = json_of(app.get(&open_path, &officer).await, StatusCode::OK).await;
    assert_eq!(still["call_in"]["state"], "open");
    // Other systems hear of it once, as the system's, in the event feed.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let feed = json_of(
            app.get("/api/v1/events?types=decision.call_in_expired", &officer)
                .await,
            StatusCode::OK,
        )
        .await;
        let events = feed["items"].as_array().unwrap();
        if !events.is_empty() {
            assert_eq!(events.len(), 1, "{feed}");
            assert_eq!(
                events[0]["subject"],
                format!("decisions/{}", decision["id"].as_str().unwrap())
            );
            assert_eq!(events[0]["actorkind"], "system");
            assert_eq!(events[0]["data"]["call_in"]["state"], "expired");
            break;
        }
        // The feed waits for transactions still running elsewhere in the cluster.
        assert!(std::time::Instant::now() < deadline, "no event: {feed}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Agreeing an action plan waits for Cabinet's decision to be implementable: within the call-in
/// period (and once called in) it is a 409 that says why, unless the officer gives a reason to
/// agree it now, which is audited.
#[tokio::test]
async fn a_plan_is_agreed_only_once_the_decision_may_be_implemented() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let seed = seed_review(&app, app.council_id, REVIEW_TITLE, APPROVED).await;
    let today = Utc::now().date_naive().format("%Y-%m-%d").to_string();
    let decision = create(&app, &officer, &seed, &simple_body(&today, Some(&today))).await;
    assert_eq!(decision["call_in"]["implementable"], false);
    let plan_path = format!("/api/v1/reviews/{}/action-plan", seed.review_id);

    // Created agreed: refused, and nothing is kept.
    let r = put_with(
        &app,
        &plan_path,
        &officer,
        None,
        &json!({"status": "agreed"}),
    )
    .await;
    let p = problem(r, StatusCode::CONFLICT).await;
    let detail = p["detail"].as_str().unwrap();
    assert!(
        detail.contains("open for call-in") && detail.contains("call_in_override_reason"),
        "{detail}"
    );
    problem(app.get(&plan_path, &officer).await, StatusCode::NOT_FOUND).await;

    // Drafted, then agreed: refused while called in too.
    let draft = json_of(
        put_with(
            &app,
            &plan_path,
            &officer,
            None,
            &json!({"status": "draft"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let decision_id = decision["id"].as_str().unwrap();
    let r = post_with(
        &app,
        &format!("/api/v1/decisions/{decision_id}/call-in-transitions"),
        &officer,
        Some("\"1\""),
        &json!({"to": "called_in", "note": "Called in by five members"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let plan = format!("/api/v1/action-plans/{}", draft["id"].as_str().unwrap());
    let agree = json!({"status": "agreed"});
    let r = app.patch(&plan, &officer, "\"1\"", &agree).await;
    let p = problem(r, StatusCode::CONFLICT).await;
    assert!(p["detail"].as_str().unwrap().contains("called in"), "{p}");

    // With a reason, it is agreed and the reason is in the trail.
    let reason =
        "The committee agreed the plan at its meeting; the call-in concerns the budget only.";
    let agreed = json_of(
        app.patch(
            &plan,
            &officer,
            "\"1\"",
            &json!({"status": "agreed", "call_in_override_reason": reason}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(agreed["status"], "agreed");
    let events = audit(&app, "action=action_plan.agreed_before_implementable").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["after"]["reason"], reason);
    assert_eq!(events[0]["after"]["call_in_state"], "called_in");
}
