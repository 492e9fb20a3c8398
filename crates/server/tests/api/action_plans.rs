//! Action plans, amendments and actions with owners and milestones: the seed plan of the review of
//! police communications, validation, If-Match, amendments of an agreed plan, withdrawal,
//! due/overdue filters and who sees what.
use crate::fixtures::{
    event_actions, officer_of_another_council, post_with, put_with, seed_review, signed_in, Seed,
};
use crate::helpers::{etag, fields, problem, TestApp};
use crate::support::{all_pages, json_of};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

/// The status of the seed reviews: Cabinet has decided, the plan is to be written.
const DECIDED: &str = "decided_by_cabinet";

const SEED_REC_3_ACTIONS: &str = "Demonstratable assurance is provided to the committee those robust mechanisms are in place to protect and support victims of crime and those suffering because of anti-social behaviour. This assurance will be provided through:\n\u{2022}\tReporting of existing measures in place that monitors engagement and victim support.\n\u{2022}\tA repeat report to the committee within 6 months.";

async fn create_plan(app: &TestApp, review_id: Uuid, body: &Value) -> Value {
    let response = put_with(
        app,
        &format!("/api/v1/reviews/{review_id}/action-plan"),
        &app.admin,
        None,
        body,
    )
    .await;
    json_of(response, StatusCode::CREATED).await
}

async fn create_action(app: &TestApp, plan_id: &str, body: &Value) -> Value {
    let response = app
        .post(
            &format!("/api/v1/action-plans/{plan_id}/actions"),
            &app.admin,
            body,
        )
        .await;
    json_of(response, StatusCode::CREATED).await
}

/// GET returning the body and its ETag.
async fn read(app: &TestApp, path: &str, token: &str) -> (Value, String) {
    let response = app.get(path, token).await;
    let tag = if response.headers().contains_key("etag") {
        etag(&response)
    } else {
        String::new()
    };
    (json_of(response, StatusCode::OK).await, tag)
}

fn simple_action(rec: Uuid, org: Uuid, text: &str, milestones: Value) -> Value {
    json!({
        "recommendation_id": rec,
        "proposed_actions": text,
        "success_measures": ["Measured"],
        "owners": [{"organisation_id": org}],
        "milestones": milestones,
    })
}

/// The seed action plan, entered through the API.
async fn seed_plan(app: &TestApp, seed: &Seed, police: Uuid) -> Value {
    let plan = create_plan(
        app,
        seed.review_id,
        &json!({"title": "ACTION PLAN: Review of Police Communications in Stockton-on-Tees (Task & Finish)",
                "agreed_on": "March 2022"}),
    )
    .await;
    let plan_id = plan["id"].as_str().unwrap().to_owned();
    create_action(app, &plan_id, &json!({
        "recommendation_id": seed.recs[0],
        "proposed_actions": "Cleveland Police commit to incorporating the key findings and recommendations from the review into any future communication engagement strategy for the period 2020 to 2025.",
        "success_measures": ["Any changes to the Cleveland Police Community Engagement Strategy are done in a way that reflects the key findings and recommendations of the task and finish review of police communications."],
        "owners": [{"organisation_id": police}],
        "milestones": [{"date": "April 2022"}],
    })).await;
    create_action(app, &plan_id, &json!({
        "recommendation_id": seed.recs[1],
        "proposed_actions": "A comprehensive written and agreed communication protocol is developed between Cleveland Police and Ward Councillors that looks to demonstrably achieve recommendations a) \u{2013} f) in a way that is beneficial to both organisations and clearly sets the expectations placed upon both Cleveland Police and Stockton Borough Council.",
        "success_measures": [
            "Development of a written communication protocol that is introduced and followed by both organisations accordingly.",
            "The success of the protocol will be reviewed as part of the Ward Councillor survey detailed in recommendation (4)."
        ],
        "owners": [{"organisation_id": police}],
        "milestones": [
            {"date": "May 2022", "label": "Development of protocol"},
            {"date": "September 2022", "label": "Assessment of protocol"}
        ],
    })).await;
    create_action(
        app,
        &plan_id,
        &json!({
            "recommendation_id": seed.recs[2],
            "proposed_actions": SEED_REC_3_ACTIONS,
            "success_measures": ["Clear and demonstratable evidence that victims of crime and anti-social behaviour are engaged and supported by the police evidence by improvements in key performance measures around this thematic objective."],
            "owners": [{"organisation_id": police}],
            "milestones": [{"date": "September 2022"}],
        }),
    )
    .await;
    create_action(app, &plan_id, &json!({
        "recommendation_id": seed.recs[3],
        "proposed_actions": "A Stockton Borough Council Councillor survey is conducted to establish if the findings and recommendations of the review have had any impact on the levels and quality of engagement at ward level.",
        "success_measures": ["A survey is completed within 12 months of the last survey by Councillor(s) in each of the borough's wards."],
        "owners": [{"organisation_id": app.council_id}],
        "responsibility_text": "Stockton on Tees Borough Council",
        "milestones": [{"date": "September 2022"}],
    })).await;
    plan
}

#[tokio::test]
async fn the_seed_plan_reads_back_as_written() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let seed = seed_review(&app, app.council_id, "Police Communications", DECIDED).await;
    let plan = seed_plan(&app, &seed, police).await;
    assert_eq!(plan["agreed_on"], "2022-03");
    assert_eq!(plan["agreed_on_precision"], "month");
    assert_eq!(plan["agreed_on_display"], "March 2022");
    assert_eq!(plan["status"], "draft");
    let plan_id = plan["id"].as_str().unwrap();

    // PUT again: the plan exists already and is answered as it is.
    let again = put_with(
        &app,
        &format!("/api/v1/reviews/{}/action-plan", seed.review_id),
        &app.admin,
        None,
        &json!({"title": "Another"}),
    )
    .await;
    let again = json_of(again, StatusCode::OK).await;
    assert_eq!(again["id"], plan["id"]);
    assert_eq!(again["actions"].as_array().unwrap().len(), 4);

    let (by_review, _) = read(
        &app,
        &format!("/api/v1/reviews/{}/action-plan", seed.review_id),
        &app.admin,
    )
    .await;
    let (by_id, tag) = read(&app, &format!("/api/v1/action-plans/{plan_id}"), &app.admin).await;
    assert_eq!(by_review, by_id);
    assert_eq!(tag, format!("\"{}\"", by_id["version"]));
    let actions = by_id["actions"].as_array().unwrap();
    let numbers: Vec<&str> = actions
        .iter()
        .map(|a| a["recommendation_number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
    let positions: Vec<i64> = actions
        .iter()
        .map(|a| a["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, [1, 2, 3, 4]);

    let rec2 = &actions[1];
    assert_eq!(rec2["responsibility_text"], "Cleveland Police");
    assert_eq!(rec2["responsible_all"], false);
    assert_eq!(
        rec2["owners"],
        json!([{"organisation_id": police, "organisation_name": "Cleveland Police",
                "contact_id": null, "contact_name": null}])
    );
    assert_eq!(rec2["success_measures"].as_array().unwrap().len(), 2);
    let milestones = rec2["milestones"].as_array().unwrap();
    assert_eq!(milestones.len(), 2);
    assert_eq!(milestones[0]["date"], "2022-05");
    assert_eq!(milestones[0]["precision"], "month");
    assert_eq!(milestones[0]["display"], "May 2022");
    assert_eq!(milestones[0]["label"], "Development of protocol");
    assert_eq!(milestones[0]["text"], "May 2022 (Development of protocol)");
    assert_eq!(milestones[0]["due_by"], "2022-05-31");
    assert_eq!(milestones[0]["completed_on"], Value::Null);
    assert_eq!(milestones[1]["display"], "September 2022");
    assert_eq!(milestones[1]["label"], "Assessment of protocol");
    assert_eq!(milestones[1]["due_by"], "2022-09-30");

    assert_eq!(actions[0]["milestones"][0]["display"], "April 2022");
    assert_eq!(actions[0]["milestones"][0]["label"], Value::Null);
    assert_eq!(actions[2]["proposed_actions"], SEED_REC_3_ACTIONS);
    assert_eq!(
        actions[3]["responsibility_text"],
        "Stockton on Tees Borough Council"
    );
    assert_eq!(app.audit_count("action.created").await, 4);
    assert_eq!(app.audit_count("action_plan.created").await, 1);

    // One action reads the same on its own.
    let id = rec2["id"].as_str().unwrap();
    let (alone, tag) = read(&app, &format!("/api/v1/actions/{id}"), &app.admin).await;
    assert_eq!(&alone, rec2);
    assert_eq!(tag, "\"1\"");
}

#[tokio::test]
async fn blank_dates_days_contacts_and_all_are_kept() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let seed = seed_review(&app, app.council_id, "Dates", DECIDED).await;
    let plan = create_plan(&app, seed.review_id, &json!({"agreed_on": "2022-03-15"})).await;
    assert_eq!(plan["agreed_on"], "2022-03-15");
    assert_eq!(plan["agreed_on_display"], "15 March 2022");
    let plan_id = plan["id"].as_str().unwrap();
    let contact = app
        .post(
            "/api/v1/contacts",
            &app.admin,
            &json!({"name": "C/Supt Lang", "organisation_id": police}),
        )
        .await;
    let contact = json_of(contact, StatusCode::CREATED).await;

    let action = create_action(
        &app,
        plan_id,
        &json!({
            "recommendation_id": seed.recs[1],
            "part_id": seed.parts_2[2],
            "proposed_actions": "Ward surgeries\n* re-established\n* published",
            "success_measures": ["Attendance"],
            "owners": [{"contact_id": contact["id"]}],
            "milestones": [
                {"date": null, "label": "Ongoing"},
                {"date": "", "label": "TBC"},
                {"date": "14 October 2022"},
                {"date": "2022-11-02", "label": "Report", "completed_on": "2022-11-01"}
            ],
            "status_notes": "Action complete",
        }),
    )
    .await;
    assert_eq!(action["part_label"], "c");
    assert_eq!(action["responsibility_text"], "C/Supt Lang");
    assert_eq!(
        action["owners"],
        json!([{"organisation_id": police, "organisation_name": "Cleveland Police",
                "contact_id": contact["id"], "contact_name": "C/Supt Lang"}])
    );
    let m = action["milestones"].as_array().unwrap();
    assert_eq!(m[0]["date"], Value::Null);
    assert_eq!(m[0]["precision"], Value::Null);
    assert_eq!(m[0]["display"], "Ongoing");
    assert_eq!(m[0]["due_by"], Value::Null);
    assert_eq!(m[1]["display"], "TBC");
    assert_eq!(m[2]["date"], "2022-10-14");
    assert_eq!(m[2]["precision"], "day");
    assert_eq!(m[2]["display"], "14 October 2022");
    assert_eq!(m[2]["due_by"], "2022-10-14");
    assert_eq!(m[3]["completed_on"], "2022-11-01");
    assert_eq!(action["status_notes"], "Action complete");
    assert_eq!(
        action["proposed_actions"],
        "Ward surgeries\n* re-established\n* published"
    );

    // No milestones at all is valid; "All" is responsible.
    let all = create_action(
        &app,
        plan_id,
        &json!({"recommendation_id": seed.recs[3], "proposed_actions": "Survey",
                "success_measures": ["Done"], "responsible_all": true}),
    )
    .await;
    assert_eq!(all["responsible_all"], true);
    assert_eq!(all["responsibility_text"], "All");
    assert_eq!(all["owners"], json!([]));
    assert_eq!(all["milestones"], json!([]));
    assert_eq!(all["position"], 2);
}

#[tokio::test]
async fn invalid_actions_name_each_field() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let seed = seed_review(&app, app.council_id, "Validation", DECIDED).await;
    let other = seed_review(&app, app.council_id, "Another review", DECIDED).await;
    let plan = create_plan(&app, seed.review_id, &json!({})).await;
    let path = format!(
        "/api/v1/action-plans/{}/actions",
        plan["id"].as_str().unwrap()
    );

    let bad = app
        .post(
            &path,
            &app.admin,
            &json!({
                "recommendation_id": seed.recs[0],
                "proposed_actions": "  ",
                "success_measures": ["", "fine"],
                "owners": [{}],
                "milestones": [{"date": "May 2022"}, {"date": "Maytember 2022"}, {"label": " "}],
                "position": 0,
            }),
        )
        .await;
    let body = problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    let mut named = fields(&body);
    named.sort();
    assert_eq!(
        named,
        [
            "milestones[1].date",
            "milestones[2].date",
            "owners[0]",
            "position",
            "proposed_actions",
            "success_measures[0]"
        ]
    );

    let cases = [
        (json!({"success_measures": [" "]}), "success_measures[0]"),
        (json!({"owners": []}), "owners"),
        (
            json!({"owners": [{"organisation_id": police}], "responsible_all": true}),
            "responsible_all",
        ),
        (
            json!({"owners": [{"organisation_id": Uuid::now_v7()}]}),
            "owners[0].organisation_id",
        ),
        (
            json!({"owners": [{"organisation_id": police}, {"contact_id": Uuid::now_v7()}]}),
            "owners[1].contact_id",
        ),
        (
            json!({"recommendation_id": other.recs[0]}),
            "recommendation_id",
        ),
        (json!({"part_id": seed.parts_3[0]}), "part_id"),
        (
            json!({"milestones": [{"date": "2022-13"}]}),
            "milestones[0].date",
        ),
        (json!({"milestones": [{"date": 5}]}), "milestones[0].date"),
        (json!({"colour": "red"}), "colour"),
    ];
    for (change, field) in cases {
        let mut body = json!({
            "recommendation_id": seed.recs[1],
            "part_id": seed.parts_2[0],
            "proposed_actions": "Protocol",
            "success_measures": ["Protocol"],
            "owners": [{"organisation_id": police}],
        });
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let response = app.post(&path, &app.admin, &body).await;
        let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(fields(&problem), [field], "{change}");
    }
    let plan_path = format!("/api/v1/action-plans/{}", plan["id"].as_str().unwrap());
    let (_, tag) = read(&app, &plan_path, &app.admin).await;
    for (body, field) in [
        (json!({"agreed_on": "Spring"}), "agreed_on"),
        (json!({"status": "signed_off"}), "status"),
    ] {
        let response = app.patch(&plan_path, &app.admin, &tag, &body).await;
        let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(fields(&problem), [field]);
    }
    // Nothing was written.
    let (plan, _) = read(&app, &plan_path, &app.admin).await;
    assert_eq!(plan["actions"], json!([]));
    assert_eq!(plan["version"], 1);
    // No plan for an unknown review.
    let response = put_with(
        &app,
        &format!("/api/v1/reviews/{}/action-plan", Uuid::now_v7()),
        &app.admin,
        None,
        &json!({}),
    )
    .await;
    problem(response, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn an_agreed_plan_is_amended_with_a_reason_and_keeps_what_it_was() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let seed = seed_review(&app, app.council_id, "Amendments", DECIDED).await;
    let plan = create_plan(&app, seed.review_id, &json!({"title": "Plan"})).await;
    let plan_id = plan["id"].as_str().unwrap().to_owned();
    let plan_path = format!("/api/v1/action-plans/{plan_id}");
    let action = create_action(
        &app,
        &plan_id,
        &simple_action(
            seed.recs[1],
            police,
            "Protocol",
            json!([{"date": "May 2022", "label": "Development of protocol"}]),
        ),
    )
    .await;
    let action_path = format!("/api/v1/actions/{}", action["id"].as_str().unwrap());

    // Agreeing a draft plan is not an amendment.
    let (_, tag) = read(&app, &plan_path, &app.admin).await;
    let agreed = app
        .patch(
            &plan_path,
            &app.admin,
            &tag,
            &json!({"status": "agreed", "agreed_on": "March 2022"}),
        )
        .await;
    let agreed = json_of(agreed, StatusCode::OK).await;
    assert_eq!(agreed["status"], "agreed");
    assert_eq!(agreed["amendment_count"], 0);
    assert_eq!(agreed["agreed_on_display"], "March 2022");

    // Every write to the agreed plan needs a reason.
    let (_, action_tag) = read(&app, &action_path, &app.admin).await;
    let change = json!({"milestones": [{"date": "July 2022", "label": "Development of protocol"}]});
    let response = app
        .patch(&action_path, &app.admin, &action_tag, &change)
        .await;
    let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&body), ["amendment_reason"]);
    let response = app
        .post(
            &format!("{plan_path}/actions"),
            &app.admin,
            &simple_action(seed.recs[0], police, "New", json!([])),
        )
        .await;
    assert_eq!(
        fields(&problem(response, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["amendment_reason"]
    );
    let response = post_with(
        &app,
        &format!("{action_path}/withdrawal"),
        &app.admin,
        Some(&action_tag),
        &json!({"reason": "Not needed"}),
    )
    .await;
    assert_eq!(
        fields(&problem(response, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["amendment_reason"]
    );
    let (_, tag) = read(&app, &plan_path, &app.admin).await;
    let response = app
        .patch(
            &plan_path,
            &app.admin,
            &tag,
            &json!({"title": "Renamed", "amendment_reason": "  "}),
        )
        .await;
    assert_eq!(
        fields(&problem(response, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["amendment_reason"]
    );

    // With a reason: amendment 1 keeps the plan as it was.
    let mut change = change;
    change["amendment_reason"] = json!("Protocol delayed");
    let response = app
        .patch(&action_path, &app.admin, &action_tag, &change)
        .await;
    let changed = json_of(response, StatusCode::OK).await;
    assert_eq!(changed["milestones"][0]["display"], "July 2022");
    assert_eq!(changed["milestones"][0]["due_by"], "2022-07-31");

    let (plan_now, tag) = read(&app, &plan_path, &app.admin).await;
    assert_eq!(plan_now["amendment_count"], 1);
    let response = app
        .patch(
            &plan_path,
            &app.admin,
            &tag,
            &json!({"title": "Renamed", "amendment_reason": "Committee asked for a clearer title"}),
        )
        .await;
    let renamed = json_of(response, StatusCode::OK).await;
    assert_eq!(renamed["title"], "Renamed");
    assert_eq!(renamed["amendment_count"], 2);
    assert_eq!(
        renamed["actions"][0]["milestones"][0]["display"],
        "July 2022"
    );

    let amendments = app
        .get(&format!("{plan_path}/amendments"), &app.admin)
        .await;
    let amendments = json_of(amendments, StatusCode::OK).await;
    let items = amendments["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["number"], 1);
    assert_eq!(items[0]["reason"], "Protocol delayed");
    assert_eq!(items[0]["created_by"], "Test Admin");
    assert!(items[0]["created_at"].is_string());
    let previous = &items[0]["previous"];
    assert_eq!(previous["id"], plan_id.as_str());
    assert_eq!(previous["title"], "Plan");
    assert_eq!(previous["amendment_count"], 0);
    assert_eq!(
        previous["actions"][0]["milestones"][0]["display"],
        "May 2022"
    );
    assert_eq!(
        previous["actions"][0]["milestones"][0]["label"],
        "Development of protocol"
    );
    assert_eq!(items[1]["number"], 2);
    assert_eq!(items[1]["previous"]["title"], "Plan");
    assert_eq!(items[1]["previous"]["amendment_count"], 1);
    assert_eq!(
        items[1]["previous"]["actions"][0]["milestones"][0]["display"],
        "July 2022"
    );
    // Paged one at a time.
    let (paged, pages) = all_pages(&app, &format!("{plan_path}/amendments"), &app.admin, 1).await;
    assert_eq!(paged.len(), 2);
    assert_eq!(pages, 2);

    // A new action with a reason is amendment 3.
    let mut new = simple_action(seed.recs[0], police, "New", json!([]));
    new["amendment_reason"] = json!("Added at committee");
    create_action(&app, &plan_id, &new).await;
    let (plan_now, _) = read(&app, &plan_path, &app.admin).await;
    assert_eq!(plan_now["amendment_count"], 3);
    assert_eq!(plan_now["actions"].as_array().unwrap().len(), 2);

    assert_eq!(app.audit_count("action_plan.amended").await, 3);
    let history = app.get(&format!("{plan_path}/history"), &app.admin).await;
    let history = json_of(history, StatusCode::OK).await;
    let actions = event_actions(&history);
    assert!(actions.contains(&"action_plan.amended"));
    assert!(actions.contains(&"action_plan.updated"));
    assert!(actions.contains(&"action_plan.created"));
}

#[tokio::test]
async fn updates_need_a_current_if_match() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let seed = seed_review(&app, app.council_id, "If-Match", DECIDED).await;
    let plan = create_plan(&app, seed.review_id, &json!({})).await;
    let plan_id = plan["id"].as_str().unwrap();
    let plan_path = format!("/api/v1/action-plans/{plan_id}");
    let action = create_action(
        &app,
        plan_id,
        &simple_action(seed.recs[0], police, "Strategy", json!([])),
    )
    .await;
    let action_path = format!("/api/v1/actions/{}", action["id"].as_str().unwrap());

    let response = app
        .request(Method::PATCH, &plan_path, Some(&app.admin))
        .json(&json!({"title": "x"}))
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::PRECONDITION_REQUIRED).await;
    let response = app
        .patch(&plan_path, &app.admin, "\"7\"", &json!({"title": "x"}))
        .await;
    problem(response, StatusCode::PRECONDITION_FAILED).await;

    let response = app
        .request(Method::PATCH, &action_path, Some(&app.admin))
        .json(&json!({"proposed_actions": "x"}))
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::PRECONDITION_REQUIRED).await;
    let response = post_with(
        &app,
        &format!("{action_path}/withdrawal"),
        &app.admin,
        None,
        &json!({"reason": "x"}),
    )
    .await;
    problem(response, StatusCode::PRECONDITION_REQUIRED).await;

    // The first writer wins; the second, holding the same ETag, is told to reload.
    let (_, tag) = read(&app, &action_path, &app.admin).await;
    let first = app
        .patch(
            &action_path,
            &app.admin,
            &tag,
            &json!({"proposed_actions": "First"}),
        )
        .await;
    let first = json_of(first, StatusCode::OK).await;
    assert_eq!(first["version"], 2);
    let second = app
        .patch(
            &action_path,
            &app.admin,
            &tag,
            &json!({"proposed_actions": "Second"}),
        )
        .await;
    problem(second, StatusCode::PRECONDITION_FAILED).await;
    let (now, _) = read(&app, &action_path, &app.admin).await;
    assert_eq!(now["proposed_actions"], "First");
}

#[tokio::test]
async fn patching_replaces_owners_and_milestones_wholesale() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let fire = app
        .create_organisation("Cleveland Fire Brigade", "fire")
        .await;
    let seed = seed_review(&app, app.council_id, "Patch", DECIDED).await;
    let plan = create_plan(&app, seed.review_id, &json!({})).await;
    let action = create_action(
        &app,
        plan["id"].as_str().unwrap(),
        &simple_action(
            seed.recs[1],
            police,
            "Protocol",
            json!([{"date": "May 2022"}, {"date": "June 2022"}]),
        ),
    )
    .await;
    let path = format!("/api/v1/actions/{}", action["id"].as_str().unwrap());
    let (_, tag) = read(&app, &path, &app.admin).await;
    let response = app
        .patch(
            &path,
            &app.admin,
            &tag,
            &json!({"owners": [{"organisation_id": fire}, {"organisation_id": police}],
                    "milestones": [{"date": "1 August 2022", "label": "Draft"}],
                    "part_id": seed.parts_2[5], "position": 9}),
        )
        .await;
    let changed = json_of(response, StatusCode::OK).await;
    assert_eq!(
        changed["responsibility_text"],
        "Cleveland Fire Brigade, Cleveland Police"
    );
    assert_eq!(changed["owners"].as_array().unwrap().len(), 2);
    assert_eq!(changed["milestones"].as_array().unwrap().len(), 1);
    assert_eq!(changed["milestones"][0]["display"], "1 August 2022");
    assert_eq!(changed["part_label"], "f");
    assert_eq!(changed["position"], 9);

    // A stated responsibility is kept; "All" alone clears the owners.
    let tag = format!("\"{}\"", changed["version"]);
    let response = app
        .patch(
            &path,
            &app.admin,
            &tag,
            &json!({"responsible_all": true, "responsibility_text": "All partners"}),
        )
        .await;
    let changed = json_of(response, StatusCode::OK).await;
    assert_eq!(changed["responsible_all"], true);
    assert_eq!(changed["owners"], json!([]));
    assert_eq!(changed["responsibility_text"], "All partners");
    // Back to named owners: the text follows them unless stated.
    let tag = format!("\"{}\"", changed["version"]);
    let response = app
        .patch(
            &path,
            &app.admin,
            &tag,
            &json!({"owners": [{"organisation_id": police}], "responsibility_text": null}),
        )
        .await;
    let changed = json_of(response, StatusCode::OK).await;
    assert_eq!(changed["responsible_all"], false);
    assert_eq!(changed["responsibility_text"], "Cleveland Police");
    // A part of another recommendation is refused.
    let tag = format!("\"{}\"", changed["version"]);
    let response = app
        .patch(
            &path,
            &app.admin,
            &tag,
            &json!({"part_id": seed.parts_3[1]}),
        )
        .await;
    assert_eq!(
        fields(&problem(response, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["part_id"]
    );
    let response = app
        .patch(
            &path,
            &app.admin,
            &tag,
            &json!({"responsible_all": false, "owners": []}),
        )
        .await;
    assert_eq!(
        fields(&problem(response, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["owners"]
    );
}

#[tokio::test]
async fn withdrawal_keeps_the_action_and_completion_records_notes() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let seed = seed_review(&app, app.council_id, "Withdrawal", DECIDED).await;
    let plan = create_plan(&app, seed.review_id, &json!({})).await;
    let plan_id = plan["id"].as_str().unwrap();
    let a = create_action(
        &app,
        plan_id,
        &simple_action(seed.recs[0], police, "Strategy", json!([])),
    )
    .await;
    let b = create_action(
        &app,
        plan_id,
        &simple_action(seed.recs[1], police, "Protocol", json!([])),
    )
    .await;
    let a_path = format!("/api/v1/actions/{}", a["id"].as_str().unwrap());
    let b_path = format!("/api/v1/actions/{}", b["id"].as_str().unwrap());

    let response = post_with(
        &app,
        &format!("{a_path}/withdrawal"),
        &app.admin,
        Some("\"1\""),
        &json!({"reason": " "}),
    )
    .await;
    assert_eq!(
        fields(&problem(response, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["reason"]
    );
    let response = post_with(
        &app,
        &format!("{a_path}/withdrawal"),
        &app.admin,
        Some("\"1\""),
        &json!({"reason": "Superseded by the force-wide plan"}),
    )
    .await;
    let withdrawn = json_of(response, StatusCode::OK).await;
    assert_eq!(withdrawn["status"], "withdrawn");
    assert_eq!(
        withdrawn["withdrawn_reason"],
        "Superseded by the force-wide plan"
    );
    let (still, _) = read(&app, &a_path, &app.admin).await;
    assert_eq!(still["status"], "withdrawn");
    let (plan, _) = read(&app, &format!("/api/v1/action-plans/{plan_id}"), &app.admin).await;
    assert_eq!(plan["actions"].as_array().unwrap().len(), 2);
    // A withdrawn action stays as it is.
    let response = post_with(
        &app,
        &format!("{a_path}/withdrawal"),
        &app.admin,
        Some("\"2\""),
        &json!({"reason": "again"}),
    )
    .await;
    problem(response, StatusCode::CONFLICT).await;
    let response = app
        .patch(
            &a_path,
            &app.admin,
            "\"2\"",
            &json!({"proposed_actions": "x"}),
        )
        .await;
    problem(response, StatusCode::CONFLICT).await;

    let response = post_with(
        &app,
        &format!("{b_path}/completion"),
        &app.admin,
        None,
        &json!({"status_notes": "Action complete"}),
    )
    .await;
    let done = json_of(response, StatusCode::OK).await;
    assert_eq!(done["status"], "complete");
    assert_eq!(done["status_notes"], "Action complete");
    let response = post_with(
        &app,
        &format!("{b_path}/completion"),
        &app.admin,
        None,
        &json!({}),
    )
    .await;
    problem(response, StatusCode::CONFLICT).await;

    let history = app.get(&format!("{a_path}/history"), &app.admin).await;
    let history = json_of(history, StatusCode::OK).await;
    let actions = event_actions(&history);
    assert_eq!(actions, ["action.withdrawn", "action.created"]);
    assert_eq!(history["items"][0]["before"]["status"], "open");
    assert_eq!(history["items"][0]["after"]["status"], "withdrawn");
    assert_eq!(app.audit_count("action.completed").await, 1);
}

#[tokio::test]
async fn lists_filter_by_due_dates_overdue_text_and_page() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let seed = seed_review(&app, app.council_id, "Filters", DECIDED).await;
    let plan = create_plan(&app, seed.review_id, &json!({})).await;
    let plan_id = plan["id"].as_str().unwrap();
    let mut created = Vec::new();
    for (rec, text, milestones) in [
        (
            0,
            "Write the engagement strategy",
            json!([{"date": "May 2022"}]),
        ),
        (1, "Assess the protocol", json!([{"date": "2099-01-14"}])),
        (
            2,
            "Report on victims",
            json!([{"date": "June 2022", "completed_on": "2022-06-10"}]),
        ),
        (3, "Repeat the survey", json!([{"date": "14 May 2022"}])),
        (3, "Keep talking", json!([{"label": "Ongoing"}])),
    ] {
        let body = simple_action(seed.recs[rec], police, text, milestones);
        created.push(create_action(&app, plan_id, &body).await);
    }
    let [past, future, met, done, undated]: [Value; 5] = created.try_into().unwrap();
    let response = post_with(
        &app,
        &format!(
            "/api/v1/actions/{}/completion",
            done["id"].as_str().unwrap()
        ),
        &app.admin,
        None,
        &json!({}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);

    let ids = |items: &[Value]| -> Vec<String> {
        items
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let id = |v: &Value| v["id"].as_str().unwrap().to_owned();
    let list = |query: String| list_all(&app, query);
    let all = list(format!("plan_id={plan_id}")).await;
    assert_eq!(
        ids(&all),
        [id(&past), id(&future), id(&met), id(&done), id(&undated)]
    );
    assert_eq!(all[0]["milestones"][0]["display"], "May 2022");
    assert_eq!(
        ids(&list(format!("plan_id={plan_id}&overdue=true")).await),
        [id(&past)]
    );
    assert_eq!(
        ids(&list(format!("plan_id={plan_id}&due_from=2022-05&due_to=2022-05")).await),
        [id(&past), id(&done)]
    );
    // A month-precision milestone is due at the end of its month.
    assert_eq!(
        ids(&list(format!("plan_id={plan_id}&due_to=2022-05-20")).await),
        [id(&done)]
    );
    assert_eq!(
        ids(&list(format!("plan_id={plan_id}&due_from=June%202022")).await),
        [id(&future)]
    );
    // A milestone already met is no longer due.
    assert!(
        list(format!("plan_id={plan_id}&due_from=2022-06&due_to=2022-06"))
            .await
            .is_empty()
    );
    assert_eq!(
        ids(&list(format!("plan_id={plan_id}&status=complete")).await),
        [id(&done)]
    );
    assert_eq!(
        ids(&list(format!("plan_id={plan_id}&q=protocol")).await),
        [id(&future)]
    );
    assert_eq!(
        ids(&list(format!("recommendation_id={}", seed.recs[3])).await),
        [id(&done), id(&undated)]
    );
    assert_eq!(list(format!("review_id={}", seed.review_id)).await.len(), 5);
    assert_eq!(
        list(format!("responsible_organisation_id={police}"))
            .await
            .len(),
        5
    );
    assert_eq!(
        list(format!("responsible_organisation_id={}", app.council_id))
            .await
            .len(),
        0
    );

    let response = app
        .get("/api/v1/actions?due_from=someday", &app.admin)
        .await;
    assert_eq!(
        fields(&problem(response, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["due_from"]
    );
    let response = app.get("/api/v1/actions?status=lost", &app.admin).await;
    assert_eq!(
        fields(&problem(response, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["status"]
    );
}

async fn list_all(app: &TestApp, query: String) -> Vec<Value> {
    all_pages(app, &format!("/api/v1/actions?{query}"), &app.admin, 2)
        .await
        .0
}

#[tokio::test]
async fn partners_see_plans_they_are_in_and_others_get_404() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let fire = app
        .create_organisation("Cleveland Fire Brigade", "fire")
        .await;
    let seed = seed_review(&app, app.council_id, "Access", DECIDED).await;
    let elsewhere = seed_review(&app, app.council_id, "Elsewhere", DECIDED).await;
    let plan = create_plan(&app, seed.review_id, &json!({})).await;
    let plan_id = plan["id"].as_str().unwrap();
    let other_plan = create_plan(&app, elsewhere.review_id, &json!({})).await;
    create_action(
        &app,
        other_plan["id"].as_str().unwrap(),
        &simple_action(elsewhere.recs[0], fire, "Fire only", json!([])),
    )
    .await;
    // The police own an action through a named contact of theirs.
    let contact = app
        .post(
            "/api/v1/contacts",
            &app.admin,
            &json!({"name": "Steve Hume", "organisation_id": police}),
        )
        .await;
    let contact = json_of(contact, StatusCode::CREATED).await;
    let owned = create_action(&app, plan_id, &json!({
        "recommendation_id": seed.recs[1], "proposed_actions": "Protocol", "success_measures": ["Agreed"],
        "owners": [{"contact_id": contact["id"]}]})).await;
    let theirs = create_action(
        &app,
        plan_id,
        &simple_action(seed.recs[3], app.council_id, "Survey", json!([])),
    )
    .await;
    let all = create_action(&app, plan_id, &json!({
        "recommendation_id": seed.recs[0], "proposed_actions": "Everyone", "success_measures": ["Done"],
        "responsible_all": true})).await;

    let police_email = format!("pc-{}@test.example", Uuid::now_v7().simple());
    let contributor = signed_in(&app, &police_email, "contributor", police).await;
    let (outsider, _) = app.user_with_role("contributor").await;
    let (viewer, _) = app.user_with_role("viewer").await;

    // The contributor reads the whole plan of the review they are involved in.
    let (seen, tag) = read(
        &app,
        &format!("/api/v1/action-plans/{plan_id}"),
        &contributor,
    )
    .await;
    assert_eq!(seen["actions"].as_array().unwrap().len(), 3);
    read(
        &app,
        &format!("/api/v1/reviews/{}/action-plan", seed.review_id),
        &contributor,
    )
    .await;
    read(
        &app,
        &format!("/api/v1/actions/{}", owned["id"].as_str().unwrap()),
        &contributor,
    )
    .await;
    read(
        &app,
        &format!("/api/v1/actions/{}", all["id"].as_str().unwrap()),
        &contributor,
    )
    .await;
    read(
        &app,
        &format!("/api/v1/action-plans/{plan_id}/amendments"),
        &contributor,
    )
    .await;
    // One rule: the plan shows the council's own action to the partner, so the action reads too
    // (it was 404 while the plan showed it); the other review's plan stays 404.
    read(
        &app,
        &format!("/api/v1/actions/{}", theirs["id"].as_str().unwrap()),
        &contributor,
    )
    .await;
    let response = app
        .get(
            &format!(
                "/api/v1/action-plans/{}",
                other_plan["id"].as_str().unwrap()
            ),
            &contributor,
        )
        .await;
    problem(response, StatusCode::NOT_FOUND).await;
    let (listed, _) = all_pages(&app, "/api/v1/actions", &contributor, 10).await;
    let mut listed: Vec<String> = listed
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    listed.sort();
    // The list holds what the plan shows: every action of the review...
    let mut expected = vec![
        owned["id"].as_str().unwrap().to_owned(),
        all["id"].as_str().unwrap().to_owned(),
        theirs["id"].as_str().unwrap().to_owned(),
    ];
    expected.sort();
    assert_eq!(listed, expected);
    // ...and narrows to the partner's own on request.
    let (own, _) = all_pages(
        &app,
        &format!("/api/v1/actions?responsible_organisation_id={police}"),
        &contributor,
        10,
    )
    .await;
    let own: Vec<&str> = own.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert!(own.contains(&owned["id"].as_str().unwrap()));
    assert!(!own.contains(&theirs["id"].as_str().unwrap()));
    // Read-only.
    let response = app
        .patch(
            &format!("/api/v1/action-plans/{plan_id}"),
            &contributor,
            &tag,
            &json!({"title": "x"}),
        )
        .await;
    problem(response, StatusCode::FORBIDDEN).await;
    let response = app
        .post(
            &format!("/api/v1/action-plans/{plan_id}/actions"),
            &contributor,
            &simple_action(seed.recs[0], police, "x", json!([])),
        )
        .await;
    problem(response, StatusCode::FORBIDDEN).await;

    // An unrelated partner sees nothing of it.
    for path in [
        format!("/api/v1/action-plans/{plan_id}"),
        format!("/api/v1/reviews/{}/action-plan", seed.review_id),
        format!("/api/v1/action-plans/{plan_id}/history"),
        format!("/api/v1/actions/{}", owned["id"].as_str().unwrap()),
        format!("/api/v1/actions/{}/history", all["id"].as_str().unwrap()),
    ] {
        let response = app.get(&path, &outsider).await;
        problem(response, StatusCode::NOT_FOUND).await;
    }
    let (listed, _) = all_pages(&app, "/api/v1/actions", &outsider, 10).await;
    assert!(listed.is_empty());

    // A council viewer reads everything of the council, writes nothing.
    let (seen, tag) = read(&app, &format!("/api/v1/action-plans/{plan_id}"), &viewer).await;
    assert_eq!(seen["actions"].as_array().unwrap().len(), 3);
    let response = app
        .patch(
            &format!("/api/v1/action-plans/{plan_id}"),
            &viewer,
            &tag,
            &json!({"title": "x"}),
        )
        .await;
    problem(response, StatusCode::FORBIDDEN).await;
    let response = put_with(
        &app,
        &format!("/api/v1/reviews/{}/action-plan", seed.review_id),
        &viewer,
        None,
        &json!({}),
    )
    .await;
    problem(response, StatusCode::FORBIDDEN).await;
    let action_path = format!("/api/v1/actions/{}", owned["id"].as_str().unwrap());
    let response = app
        .patch(
            &action_path,
            &viewer,
            "\"1\"",
            &json!({"proposed_actions": "x"}),
        )
        .await;
    problem(response, StatusCode::FORBIDDEN).await;
    let response = post_with(
        &app,
        &format!("{action_path}/withdrawal"),
        &viewer,
        Some("\"1\""),
        &json!({"reason": "x"}),
    )
    .await;
    problem(response, StatusCode::FORBIDDEN).await;
    let response = post_with(
        &app,
        &format!("{action_path}/completion"),
        &viewer,
        None,
        &json!({}),
    )
    .await;
    problem(response, StatusCode::FORBIDDEN).await;

    // Another council's officer: 404 on reads and writes.
    let email = format!("officer-b-{}@test.example", Uuid::now_v7().simple());
    let (officer_b, _) =
        officer_of_another_council(&app, "Hartlepool Borough Council", &email).await;
    let response = app
        .get(&format!("/api/v1/action-plans/{plan_id}"), &officer_b)
        .await;
    problem(response, StatusCode::NOT_FOUND).await;
    let response = app
        .patch(
            &action_path,
            &officer_b,
            "\"1\"",
            &json!({"proposed_actions": "x"}),
        )
        .await;
    problem(response, StatusCode::NOT_FOUND).await;
    let response = put_with(
        &app,
        &format!("/api/v1/reviews/{}/action-plan", elsewhere.review_id),
        &officer_b,
        None,
        &json!({}),
    )
    .await;
    problem(response, StatusCode::NOT_FOUND).await;
    let (listed, _) = all_pages(&app, "/api/v1/actions", &officer_b, 10).await;
    assert!(listed.is_empty());

    // The council's own officer writes.
    let (officer, _) = app.user_with_role("officer").await;
    let response = app
        .patch(
            &action_path,
            &officer,
            "\"1\"",
            &json!({"proposed_actions": "Protocol agreed"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}
