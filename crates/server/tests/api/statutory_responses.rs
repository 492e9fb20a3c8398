//! Statutory responses to a review's report: who must respond (the executive; each responsible
//! partner the recommendations name), by when (the council's settings, with the legal defaults of
//! 2 months and 28 days), the answer to each recommendation, received and published; who sees and
//! writes what; and the response paper holding every value entered.
use crate::fixtures::{
    conn, make_responsible, officer_of_another_council, seed_review, settings, signed_in, Seed,
};
use crate::helpers::{fields, problem, TestApp};
use crate::support::{assert_in_order, json_of, text, xml_text, zip_part};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

const TITLE: &str = "Police Communications in Stockton-on-Tees";

struct World {
    app: TestApp,
    seed: Seed,
    officer: String,
    police: Uuid,
    fire: Uuid,
    police_contributor: String,
    fire_contributor: String,
    viewer: String,
}

/// The seed review (4 recommendations): Cleveland Police owns the action on recommendation 1;
/// recommendation 3's text names Cleveland Fire Brigade, which the council keeps a contact of.
async fn world() -> World {
    let app = TestApp::spawn().await;
    let seed = seed_review(&app, app.council_id, TITLE, "decided_by_cabinet").await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let fire = app
        .create_organisation("Cleveland Fire Brigade", "fire")
        .await;
    make_responsible(&app, &seed, police).await;
    let r = app
        .post(
            "/api/v1/contacts",
            &app.admin,
            &json!({"name": "Station Manager Hume", "organisation_id": fire}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let mut c = conn(&app).await;
    diesel_async::RunQueryDsl::execute(
        diesel::sql_query(
            "UPDATE recommendations SET text = 'That Cleveland Fire Brigade joins the ward walks.' \
             WHERE id = $1",
        )
        .bind::<diesel::sql_types::Uuid, _>(seed.recs[2]),
        &mut c,
    )
    .await
    .unwrap();
    drop(c);
    let officer = signed_in(&app, "officer@stockton.example", "officer", app.council_id).await;
    let police_contributor = signed_in(&app, "jo.lang@police.example", "contributor", police).await;
    let fire_contributor = signed_in(&app, "crew@fire.example", "contributor", fire).await;
    let viewer = signed_in(&app, "viewer@stockton.example", "viewer", app.council_id).await;
    World {
        app,
        seed,
        officer,
        police,
        fire,
        police_contributor,
        fire_contributor,
        viewer,
    }
}

fn tracker_path(w: &World) -> String {
    format!("/api/v1/reviews/{}/statutory-responses", w.seed.review_id)
}

async fn create(w: &World, body: Value) -> Value {
    json_of(
        w.app.post(&tracker_path(w), &w.officer, &body).await,
        StatusCode::CREATED,
    )
    .await
}

/// A POST with `If-Match` and an optional body.
async fn step(app: &TestApp, path: &str, token: &str, tag: &str, body: Option<Value>) -> Response {
    let mut request = app
        .request(Method::POST, path, Some(token))
        .header("if-match", tag);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

fn tag_of(record: &Value) -> String {
    format!("\"{}\"", record["version"])
}

#[tokio::test]
async fn the_law_sets_who_must_respond_and_by_when_and_the_council_may_set_other_periods() {
    let w = world().await;
    let tracker = json_of(
        w.app.get(&tracker_path(&w), &w.officer).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(tracker["items"], json!([]));
    let expected = tracker["expected"].as_array().unwrap();
    let names: Vec<&str> = expected
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Cabinet", "Cleveland Fire Brigade", "Cleveland Police"]
    );
    assert_eq!(expected[0]["responder_kind"], "executive");
    assert_eq!(expected[0]["period"], "2 months");
    assert_eq!(expected[0]["recommendation_ids"], json!(w.seed.recs));
    // The fire brigade is named in recommendation 3's text; the police own recommendation 1's
    // action.
    assert_eq!(expected[1]["recommendation_ids"], json!([w.seed.recs[2]]));
    assert_eq!(expected[2]["recommendation_ids"], json!([w.seed.recs[0]]));
    assert_eq!(expected[2]["period"], "28 days");

    // Two months from 31 December is the last day of February.
    let executive = create(
        &w,
        json!({"responder_kind": "executive", "report_received_on": "2021-12-31"}),
    )
    .await;
    assert_eq!(executive["due_on"], "2022-02-28");
    assert_eq!(executive["responder_name"], "Cabinet");
    assert_eq!(executive["state"], "awaited");
    assert_eq!(executive["overdue"], true);
    assert_eq!(executive["items"].as_array().unwrap().len(), 4);
    assert_eq!(executive["items"][2]["recommendation_number"], "3");
    // 28 days for a responsible partner; the recommendations that name it by default.
    let police = create(
        &w,
        json!({"responder_kind": "partner", "organisation_id": w.police,
               "report_received_on": "2022-01-20"}),
    )
    .await;
    assert_eq!(police["due_on"], "2022-02-17");
    assert_eq!(police["responder_name"], "Cleveland Police");
    assert_eq!(police["organisation_name"], "Cleveland Police");
    assert_eq!(police["review_title"], TITLE);
    let items = police["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["recommendation_id"], json!(w.seed.recs[0]));
    assert!(items[0]["verdict"].is_null());
    // One response per responder.
    let again = w
        .app
        .post(
            &tracker_path(&w),
            &w.officer,
            &json!({"responder_kind": "partner", "organisation_id": w.police,
                    "report_received_on": "2022-01-21"}),
        )
        .await;
    problem(again, StatusCode::CONFLICT).await;

    // Bad input names the field at fault.
    for (body, field) in [
        (
            json!({"responder_kind": "mayor", "report_received_on": "2022-01-20"}),
            "responder_kind",
        ),
        (
            json!({"responder_kind": "partner", "report_received_on": "2022-01-20"}),
            "organisation_id",
        ),
        (
            json!({"responder_kind": "executive", "report_received_on": "20/01/2022"}),
            "report_received_on",
        ),
        (
            json!({"responder_kind": "partner", "organisation_id": w.fire,
                   "report_received_on": "2099-01-01"}),
            "report_received_on",
        ),
        (
            json!({"responder_kind": "partner", "organisation_id": w.app.council_id,
                   "report_received_on": "2022-01-20"}),
            "organisation_id",
        ),
        (
            json!({"responder_kind": "partner", "organisation_id": w.fire,
                   "report_received_on": "2022-01-20", "recommendation_ids": [Uuid::now_v7()]}),
            "recommendation_ids",
        ),
    ] {
        let p = problem(
            w.app.post(&tracker_path(&w), &w.officer, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&p), [field], "{body}: {p}");
    }

    // The council sets other periods: a partner has a month; a period in weeks is refused.
    let calendars = json_of(
        w.app.get("/api/v1/calendars", &w.officer).await,
        StatusCode::OK,
    )
    .await;
    let calendar = calendars["items"][0]["id"].as_str().unwrap().to_owned();
    let settings_path = format!("/api/v1/councils/{}/settings", w.app.council_id);
    let mut body = settings(&calendar, 5);
    body["executive_response_period"] = json!({"amount": 6, "unit": "weeks"});
    body["partner_response_period"] = json!({"amount": 0, "unit": "days"});
    let r = w
        .app
        .request(Method::PUT, &settings_path, Some(&w.officer))
        .json(&body)
        .send()
        .await
        .unwrap();
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        fields(&p),
        ["executive_response_period", "partner_response_period"]
    );
    body["executive_response_period"] = json!({"amount": 2, "unit": "months"});
    body["partner_response_period"] = json!({"amount": 1, "unit": "months"});
    let r = w
        .app
        .request(Method::PUT, &settings_path, Some(&w.officer))
        .json(&body)
        .send()
        .await
        .unwrap();
    let saved = json_of(r, StatusCode::OK).await;
    assert_eq!(
        saved["partner_response_period"],
        json!({"amount": 1, "unit": "months"})
    );
    let fire = create(
        &w,
        json!({"responder_kind": "partner", "organisation_id": w.fire,
               "responder_name": "Cleveland Fire Brigade (Chief Fire Officer)",
               "report_received_on": "2022-01-20"}),
    )
    .await;
    assert_eq!(fire["due_on"], "2022-02-20");
    assert_eq!(
        fire["responder_name"],
        "Cleveland Fire Brigade (Chief Fire Officer)"
    );
    let tracker = json_of(
        w.app.get(&tracker_path(&w), &w.officer).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(tracker["expected"], json!([]), "everyone is asked");
    assert_eq!(tracker["items"].as_array().unwrap().len(), 3);
    // The officer extends the fire brigade's due day.
    let path = format!(
        "/api/v1/statutory-responses/{}",
        fire["id"].as_str().unwrap()
    );
    let r = w
        .app
        .patch(
            &path,
            &w.officer,
            &tag_of(&fire),
            &json!({"due_on": "2022-03-31"}),
        )
        .await;
    assert_eq!(json_of(r, StatusCode::OK).await["due_on"], "2022-03-31");
    // The overdue ones on the dashboard and in the list, by the council's local date.
    let dashboard = json_of(
        w.app.get("/api/v1/dashboard", &w.officer).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(dashboard["overdue_responses"], 3);
    let overdue = json_of(
        w.app
            .get(
                "/api/v1/statutory-responses?overdue=true&limit=2",
                &w.officer,
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(overdue["items"].as_array().unwrap().len(), 2);
    assert_eq!(overdue["items"][0]["due_on"], "2022-02-17", "soonest first");
    let next = overdue["next_cursor"].as_str().unwrap();
    let rest = json_of(
        w.app
            .get(
                &format!("/api/v1/statutory-responses?overdue=true&limit=2&cursor={next}"),
                &w.officer,
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(rest["items"][0]["due_on"], "2022-03-31");
    assert!(rest["next_cursor"].is_null());
    let p = problem(
        w.app
            .get("/api/v1/statutory-responses?state=lost", &w.officer)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&p), ["state"]);
    // Removed while awaited (recorded by mistake), with its history kept.
    let fire = json_of(w.app.get(&path, &w.officer).await, StatusCode::OK).await;
    let r = w
        .app
        .request(Method::DELETE, &path, Some(&w.officer))
        .header("if-match", tag_of(&fire))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    problem(w.app.get(&path, &w.officer).await, StatusCode::NOT_FOUND).await;
    assert_eq!(w.app.audit_count("statutory_response.deleted").await, 1);
}

#[tokio::test]
async fn a_partner_answers_and_submits_its_response_and_the_council_publishes_it() {
    let w = world().await;
    let police = create(
        &w,
        json!({"responder_kind": "partner", "organisation_id": w.police,
               "report_received_on": "2022-01-20"}),
    )
    .await;
    let executive = create(
        &w,
        json!({"responder_kind": "executive", "report_received_on": "2022-01-20",
               "recommendation_ids": [w.seed.recs[1], w.seed.recs[0]]}),
    )
    .await;
    let exec_items: Vec<&Value> = executive["items"].as_array().unwrap().iter().collect();
    assert_eq!(
        exec_items
            .iter()
            .map(|i| i["recommendation_number"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["1", "2"],
        "in the report's order"
    );
    let path = format!(
        "/api/v1/statutory-responses/{}",
        police["id"].as_str().unwrap()
    );

    // The police see their own response only; the fire brigade and the council's viewer do not
    // see it while it is awaited.
    let mine = json_of(
        w.app
            .get("/api/v1/statutory-responses", &w.police_contributor)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine["items"].as_array().unwrap().len(), 1);
    assert_eq!(mine["items"][0]["id"], police["id"]);
    for token in [&w.fire_contributor, &w.viewer] {
        problem(w.app.get(&path, token).await, StatusCode::NOT_FOUND).await;
    }
    let r = w
        .app
        .patch(
            &path,
            &w.fire_contributor,
            &tag_of(&police),
            &json!({"summary": "x"}),
        )
        .await;
    problem(r, StatusCode::NOT_FOUND).await;
    // The police may not move their own due day.
    let r = w
        .app
        .patch(
            &path,
            &w.police_contributor,
            &tag_of(&police),
            &json!({"due_on": "2023-01-01"}),
        )
        .await;
    problem(r, StatusCode::FORBIDDEN).await;
    // Nor answer a recommendation not put to them, or with a verdict of their own.
    let r = w
        .app
        .patch(
            &path,
            &w.police_contributor,
            &tag_of(&police),
            &json!({"items": [{"recommendation_id": w.seed.recs[3], "verdict": "accepted"}]}),
        )
        .await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&p), ["items[0].recommendation_id"]);
    let r = w
        .app
        .patch(
            &path,
            &w.police_contributor,
            &tag_of(&police),
            &json!({"items": [{"recommendation_id": w.seed.recs[0], "verdict": "maybe"}]}),
        )
        .await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&p), ["items[0].verdict"]);

    // A draft: not accepted, reasons still to come.
    let summary =
        "Cleveland Police welcomes the review.\n\n- We will brief ward councillors monthly.";
    let r = w
        .app
        .patch(
            &path,
            &w.police_contributor,
            &tag_of(&police),
            &json!({"summary": summary,
                    "items": [{"recommendation_id": w.seed.recs[0], "verdict": "Partly accepted",
                               "proposed_action": "Neighbourhood inspectors attend ward surgeries quarterly."}]}),
        )
        .await;
    let draft = json_of(r, StatusCode::OK).await;
    assert_eq!(draft["items"][0]["verdict"], "partly_accepted");
    // A stale version is refused.
    let r = w
        .app
        .patch(
            &path,
            &w.police_contributor,
            &tag_of(&police),
            &json!({"summary": "old"}),
        )
        .await;
    problem(r, StatusCode::PRECONDITION_FAILED).await;
    // Submitting it incomplete names what is missing.
    let r = step(
        &w.app,
        &format!("{path}/receipt"),
        &w.police_contributor,
        &tag_of(&draft),
        None,
    )
    .await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&p), ["items[0].reasons"]);
    let reasons =
        "Monthly briefings are not possible within current resources; quarterly ones are.";
    let r = w
        .app
        .patch(
            &path,
            &w.police_contributor,
            &tag_of(&draft),
            &json!({"items": [{"recommendation_id": w.seed.recs[0], "reasons": reasons}]}),
        )
        .await;
    let draft = json_of(r, StatusCode::OK).await;
    // A partner does not choose the day it is received.
    let r = step(
        &w.app,
        &format!("{path}/receipt"),
        &w.police_contributor,
        &tag_of(&draft),
        Some(json!({"received_on": "2022-01-25"})),
    )
    .await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&p), ["received_on"]);
    let r = step(
        &w.app,
        &format!("{path}/receipt"),
        &w.police_contributor,
        &tag_of(&draft),
        None,
    )
    .await;
    let received = json_of(r, StatusCode::OK).await;
    assert_eq!(received["state"], "received");
    assert!(received["received_on"].is_string());
    assert_eq!(received["overdue"], false);
    // Received: the police can no longer change it; the council's officer can correct it.
    let r = w
        .app
        .patch(
            &path,
            &w.police_contributor,
            &tag_of(&received),
            &json!({"summary": "More"}),
        )
        .await;
    problem(r, StatusCode::CONFLICT).await;
    let r = w
        .app
        .patch(
            &path,
            &w.officer,
            &tag_of(&received),
            &json!({"items": [{"recommendation_id": w.seed.recs[0], "reasons": null}]}),
        )
        .await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        fields(&p),
        ["items[0].reasons"],
        "a received response stays complete"
    );

    // The officer publishes it; the viewer reads it from then on.
    let r = step(
        &w.app,
        &format!("{path}/publication"),
        &w.police_contributor,
        &tag_of(&received),
        None,
    )
    .await;
    problem(r, StatusCode::FORBIDDEN).await;
    let r = step(
        &w.app,
        &format!("{path}/publication"),
        &w.officer,
        &tag_of(&received),
        Some(json!({"published_on": "2021-01-01"})),
    )
    .await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&p), ["published_on"]);
    let r = step(
        &w.app,
        &format!("{path}/publication"),
        &w.officer,
        &tag_of(&received),
        None,
    )
    .await;
    let published = json_of(r, StatusCode::OK).await;
    assert_eq!(published["state"], "published");
    let seen = json_of(w.app.get(&path, &w.viewer).await, StatusCode::OK).await;
    assert_eq!(seen["items"][0]["reasons"], reasons);
    let listed = json_of(
        w.app.get("/api/v1/statutory-responses", &w.viewer).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        listed["items"].as_array().unwrap().len(),
        1,
        "not the awaited executive's"
    );
    let r = w
        .app
        .patch(
            &path,
            &w.officer,
            &tag_of(&published),
            &json!({"summary": "Later"}),
        )
        .await;
    problem(r, StatusCode::CONFLICT).await;
    let r = w
        .app
        .request(Method::DELETE, &path, Some(&w.officer))
        .header("if-match", tag_of(&published))
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::CONFLICT).await;

    // Its history: every step, by whom; the viewer reads its publication only.
    let history = json_of(
        w.app.get(&format!("{path}/history"), &w.officer).await,
        StatusCode::OK,
    )
    .await;
    let actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "statutory_response.published",
            "statutory_response.received",
            "statutory_response.updated",
            "statutory_response.updated",
            "statutory_response.created"
        ]
    );
    let seen = json_of(
        w.app.get(&format!("{path}/history"), &w.viewer).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(seen["items"].as_array().unwrap().len(), 1);

    // Another council's officer learns nothing of it, nor of the review's tracker.
    let (other, _) =
        officer_of_another_council(&w.app, "Hartlepool Borough Council", "o@hartlepool.example")
            .await;
    problem(w.app.get(&path, &other).await, StatusCode::NOT_FOUND).await;
    problem(
        w.app.get(&tracker_path(&w), &other).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let r = w
        .app
        .post(
            &tracker_path(&w),
            &other,
            &json!({"responder_kind": "executive", "report_received_on": "2022-01-20"}),
        )
        .await;
    problem(r, StatusCode::NOT_FOUND).await;
    let listed = json_of(
        w.app.get("/api/v1/statutory-responses", &other).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(listed["items"], json!([]));

    // The officer records the executive's response, received on paper on a given day.
    let exec_path = format!(
        "/api/v1/statutory-responses/{}",
        executive["id"].as_str().unwrap()
    );
    let r = w
        .app
        .patch(
            &exec_path,
            &w.officer,
            &tag_of(&executive),
            &json!({"items": [
                {"recommendation_id": w.seed.recs[0], "verdict": "accepted",
                 "proposed_action": "The Cabinet Member will report progress in six months."},
                {"recommendation_id": w.seed.recs[1], "verdict": "not_accepted",
                 "reasons": "Covered by the existing protocol."}]}),
        )
        .await;
    let answered = json_of(r, StatusCode::OK).await;
    let r = step(
        &w.app,
        &format!("{exec_path}/receipt"),
        &w.officer,
        &tag_of(&answered),
        Some(json!({"received_on": "2022-03-14"})),
    )
    .await;
    let received = json_of(r, StatusCode::OK).await;
    assert_eq!(received["received_on"], "2022-03-14");
}

#[tokio::test]
async fn the_response_paper_holds_every_value_entered() {
    let w = world().await;
    let response = create(
        &w,
        json!({"responder_kind": "executive", "report_received_on": "2022-01-20",
               "recommendation_ids": [w.seed.recs[0], w.seed.recs[2]]}),
    )
    .await;
    let path = format!(
        "/api/v1/statutory-responses/{}",
        response["id"].as_str().unwrap()
    );
    let summary = "The Cabinet thanks the Committee for its work & accepts its findings.";
    let r = w
        .app
        .patch(
            &path,
            &w.officer,
            &tag_of(&response),
            &json!({"summary": summary, "items": [
                {"recommendation_id": w.seed.recs[0], "verdict": "accepted",
                 "proposed_action": "A protocol agreed with Cleveland Police by March 2022."},
                {"recommendation_id": w.seed.recs[2], "verdict": "not_accepted",
                 "reasons": "The fire brigade already walks every ward <twice> a year.",
                 "proposed_action": "None."}]}),
        )
        .await;
    let answered = json_of(r, StatusCode::OK).await;
    let r = step(
        &w.app,
        &format!("{path}/receipt"),
        &w.officer,
        &tag_of(&answered),
        Some(json!({"received_on": "2022-03-14"})),
    )
    .await;
    let received = json_of(r, StatusCode::OK).await;
    let r = step(
        &w.app,
        &format!("{path}/publication"),
        &w.officer,
        &tag_of(&received),
        Some(json!({"published_on": "2022-03-24"})),
    )
    .await;
    json_of(r, StatusCode::OK).await;
    let values = [
        "TEST COUNCIL",
        "RESPONSE TO THE REVIEW OF POLICE COMMUNICATIONS IN STOCKTON-ON-TEES",
        "Crime and Disorder Select Committee",
        TITLE,
        "Cabinet (the executive)",
        "20th January 2022",
        "20th March 2022",
        "14th March 2022",
        "24th March 2022",
        summary,
        "Recommendation 1",
        "Accepted",
        "A protocol agreed with Cleveland Police by March 2022.",
        "That Cleveland Fire Brigade joins the ward walks.",
        "Not accepted",
        "The fire brigade already walks every ward <twice> a year.",
        "None.",
    ];
    let docx = w
        .app
        .get(&format!("{path}/papers/response.docx"), &w.officer)
        .await;
    assert_eq!(docx.status(), StatusCode::OK);
    let disposition = docx
        .headers()
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.contains(
            "filename=\"Response of Cabinet - Police Communications in Stockton-on-Tees.docx\""
        ),
        "{disposition}"
    );
    let docx = docx.bytes().await.unwrap();
    assert_in_order(
        &xml_text(&zip_part(&docx, "word/document.xml")),
        &values,
        "DOCX",
    );
    let html = text(
        w.app
            .get(&format!("{path}/papers/response.html"), &w.officer)
            .await,
    )
    .await;
    assert!(html.contains("&lt;twice&gt;"), "escaped");
    // Markup stripped first, then the text unescaped: a value's "<" was escaped, not markup.
    let mut stripped = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                stripped.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => stripped.push(c),
            _ => {}
        }
    }
    let stripped = stripped
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    assert_in_order(&stripped, &values, "HTML");
    let pdf = w
        .app
        .get(&format!("{path}/papers/response.pdf"), &w.officer)
        .await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    // Read as the response is: the council's viewer once published, no other partner.
    assert_eq!(
        w.app
            .get(&format!("{path}/papers/response.html"), &w.viewer)
            .await
            .status(),
        StatusCode::OK
    );
    problem(
        w.app
            .get(
                &format!("{path}/papers/response.html"),
                &w.police_contributor,
            )
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}
