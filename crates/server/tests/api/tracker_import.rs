//! A tracker (another council's spreadsheet: one row per recommendation across reviews, its own
//! reference codes, committee acronyms, leads as slash-separated initials, the executive's
//! decision date, free-text progress and its own status words) imported over HTTP through a saved
//! column mapping profile: the columns proposed, the profile saved, the dry run's report, the
//! commit, the same tracker again (the same file, and the same rows saved differently) changing
//! nothing, the history marked as imported in the audit trail; and an action plan with headings
//! the import does not know read through an action plan profile.
use crate::fixtures::{get_json, signed_in};
use crate::helpers::{problem, TestApp};
use crate::support::json_of;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

const TRACKER: &str = "\
Scrutiny Recommendation Tracker 2025/26,,,,,,,,,,,
Ref,Review,Origin,Rec,Recommendation,Lead(s),Cabinet decision,Target,RAG,Progress update,Last updated,Updated by
2024/25-01,Home to School Transport,CYPSC,1,That the council publishes its transport policy each spring.,JS/AB,01/02/25,Jun 2025,Complete,\"Published in March 2025, ahead of time.\",Feb 2026,Jane Officer
2024/25-01,Home to School Transport,CYPSC,2,\"That routes are reviewed with parents, schools and operators.\",AB,01/02/25,Sept 2025,Ongoing,\"Two of five routes reviewed;
the rest follow in spring.\",Feb 2026,Jane Officer
2024/25-01,Home to School Transport,CYPSC,2,\"That routes are reviewed with parents, schools and operators.\",AB,01/02/25,Sept 2025,Ongoing,Route reviews started.,Nov 2025,Sam Clerk
2024/25-02,Adult Day Services,ASC,1,That day centres open on Saturdays.,Cleveland Police/Redcar and Cleveland Borough Council,14/03/25,Dec 2025,Paused,Paused while the budget is set.,Jan 2026,
2025/26-01,Street Lighting,CSC,1,That faulty lights are fixed within ten working days.,JS,20/11/25,March 2026,Ongoing,On track.,Feb 2026,
";

async fn upload(
    app: &TestApp,
    path: &str,
    token: &str,
    content_type: &str,
    body: &[u8],
) -> reqwest::Response {
    app.request(Method::POST, path, Some(token))
        .header("content-type", content_type)
        .body(body.to_vec())
        .send()
        .await
        .unwrap()
}

async fn created(app: &TestApp, token: &str, path: &str, body: Value) -> Uuid {
    let v = json_of(app.post(path, token, &body).await, StatusCode::CREATED).await;
    v["id"].as_str().unwrap().parse().unwrap()
}

struct Setup {
    officer: String,
    lighting_committee: Uuid,
}

async fn setup(app: &TestApp) -> Setup {
    let officer = signed_in(app, "officer@council.example", "officer", app.council_id).await;
    created(
        app,
        &officer,
        "/api/v1/committees",
        json!({"name": "Children and Young People Select Committee"}),
    )
    .await;
    created(
        app,
        &officer,
        "/api/v1/committees",
        json!({"name": "Adult Social Care Select Committee"}),
    )
    .await;
    // "CSC" names this one only through the profile.
    let lighting_committee = created(
        app,
        &officer,
        "/api/v1/committees",
        json!({"name": "Place Select Committee"}),
    )
    .await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let admin = app.admin.clone();
    created(
        app,
        &admin,
        "/api/v1/contacts",
        json!({"name": "John Smith", "organisation_id": app.council_id}),
    )
    .await;
    created(
        app,
        &admin,
        "/api/v1/contacts",
        json!({"name": "Alice Brown", "organisation_id": app.council_id}),
    )
    .await;
    let _ = police;
    app.create_organisation("Redcar and Cleveland Borough Council", "council")
        .await;
    Setup {
        officer,
        lighting_committee,
    }
}

fn field_of<'a>(columns: &'a Value, heading: &str) -> &'a str {
    columns["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["heading"] == heading)
        .unwrap_or_else(|| panic!("no column {heading}: {columns}"))["proposed"]
        .as_str()
        .unwrap()
}

#[tokio::test]
async fn a_tracker_imports_through_a_profile_once_and_again_changes_nothing() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;

    // The columns, with samples and what each seems to be.
    let columns = json_of(
        upload(
            &app,
            "/api/v1/imports/columns?kind=tracker",
            &s.officer,
            "text/csv",
            TRACKER.as_bytes(),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(columns["header_row"], 2, "{columns}");
    for (heading, field) in [
        ("Ref", "review_reference"),
        ("Review", "review_title"),
        ("Origin", "committee"),
        ("Rec", "number"),
        ("Recommendation", "recommendation"),
        ("Lead(s)", "lead"),
        ("Cabinet decision", "decision_date"),
        ("Target", "due_date"),
        ("RAG", "status"),
        ("Progress update", "progress"),
        ("Last updated", "updated_on"),
        ("Updated by", "updated_by"),
    ] {
        assert_eq!(field_of(&columns, heading), field, "{heading}");
    }
    let rag = columns["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["heading"] == "RAG")
        .unwrap();
    assert_eq!(
        rag["distinct_values"],
        json!(["Complete", "Ongoing", "Paused"])
    );

    // The mapping saved as the council's profile, with the status words' grades and "CSC".
    let mapping: Vec<Value> = columns["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| json!({"heading": c["heading"], "field": c["proposed"]}))
        .collect();
    let profile = json_of(
        app.post(
            "/api/v1/import-profiles",
            &s.officer,
            &json!({"kind": "tracker", "name": "Corporate tracker", "columns": mapping,
                    "statuses": [{"value": "Complete", "grade": "1"}, {"value": "Ongoing", "grade": "2"}],
                    "committees": [{"value": "CSC", "committee_id": s.lighting_committee}]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let profile_id = profile["id"].as_str().unwrap().to_owned();
    // A second profile of the same name is refused.
    let again = app
        .post("/api/v1/import-profiles", &s.officer, &json!({"kind": "tracker", "name": "corporate tracker ", "columns": [{"heading": "Ref", "field": "review_reference"}, {"heading": "Recommendation", "field": "recommendation"}]}))
        .await;
    assert_eq!(
        problem(again, StatusCode::UNPROCESSABLE_ENTITY).await["errors"][0]["field"],
        "name"
    );
    // A grade not on the council's scale is refused.
    let bad = app
        .post("/api/v1/import-profiles", &s.officer, &json!({"kind": "tracker", "name": "Other", "columns": mapping, "statuses": [{"value": "Done", "grade": "9"}]}))
        .await;
    assert_eq!(
        problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await["errors"][0]["field"],
        "statuses[0].grade"
    );

    let path = format!("/api/v1/imports/tracker?profile_id={profile_id}");
    // The dry run: "Paused" is not mapped yet, so its row is rejected, and says so.
    let dry = json_of(
        upload(&app, &path, &s.officer, "text/csv", TRACKER.as_bytes()).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(dry["import"]["state"], "dry_run");
    assert_eq!(dry["import"]["kind"], "tracker");
    let issues = dry["report"]["issues"].as_array().unwrap();
    let rejected: Vec<&Value> = issues
        .iter()
        .filter(|i| i["severity"] == "rejected")
        .collect();
    assert_eq!(rejected.len(), 1, "{issues:#?}");
    assert!(
        rejected[0]["reason"]
            .as_str()
            .unwrap()
            .contains("\"Paused\""),
        "{rejected:?}"
    );
    let paused = dry["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["value"] == "Paused")
        .unwrap();
    assert_eq!(paused["grade"], Value::Null);
    // Initials read as the council's contacts, and the split of "JS/AB" reported.
    let reasons: Vec<&str> = issues
        .iter()
        .map(|i| i["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("John Smith")),
        "{reasons:#?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("Alice Brown")),
        "{reasons:#?}"
    );
    // The committees: by initials, and by the profile.
    let committees = dry["committees"].as_array().unwrap();
    assert!(
        committees.iter().all(|c| !c["committee_id"].is_null()),
        "{committees:?}"
    );
    // A commit with a rejected row is refused whole.
    let refused = upload(
        &app,
        &format!("{path}&dry_run=false"),
        &s.officer,
        "text/csv",
        TRACKER.as_bytes(),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // "Paused" mapped once, in the profile.
    let etag =
        crate::support::current_etag(&app, &format!("/api/v1/import-profiles/{profile_id}")).await;
    let updated = app
        .patch(
            &format!("/api/v1/import-profiles/{profile_id}"),
            &s.officer,
            &etag,
            &json!({"statuses": [{"value": "Complete", "grade": "1"}, {"value": "Ongoing", "grade": "2"}, {"value": "Paused", "grade": "3"}]}),
        )
        .await;
    assert_eq!(updated.status(), StatusCode::OK);

    let commit = json_of(
        upload(
            &app,
            &format!("{path}&dry_run=false"),
            &s.officer,
            "text/csv",
            TRACKER.as_bytes(),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        commit["report"]["rows_rejected"], 0,
        "{:#?}",
        commit["report"]
    );
    let result = &commit["import"]["result"];
    assert_eq!(
        result["recommendations_created"].as_array().unwrap().len(),
        4,
        "{result}"
    );
    assert_eq!(
        result["reviews_created"].as_array().unwrap().len(),
        3,
        "{result}"
    );
    assert_eq!(
        result["progress_entries_created"].as_array().unwrap().len(),
        5,
        "{result}"
    );

    // The reviews by reference, in their committees.
    let transport = get_json(&app, "/api/v1/reviews?reference=2024%2F25-01", &s.officer).await;
    let transport = &transport["items"][0];
    assert_eq!(transport["title"], "Home to School Transport");
    assert_eq!(transport["reference"], "2024/25-01");
    let lighting = get_json(&app, "/api/v1/reviews?reference=2025%2F26-01", &s.officer).await;
    assert_eq!(
        lighting["items"][0]["committee_id"],
        json!(s.lighting_committee)
    );
    let review_id = transport["id"].as_str().unwrap();
    let recs = get_json(
        &app,
        &format!("/api/v1/recommendations?review_id={review_id}"),
        &s.officer,
    )
    .await;
    let recs = recs["items"].as_array().unwrap();
    assert_eq!(recs.len(), 2);
    // Graded 1 (Complete) closes the recommendation.
    let first = recs.iter().find(|r| r["number"] == "1").unwrap();
    assert_eq!(first["status"], "closed", "{first}");
    // The plan: agreed on the executive's decision date, the leads owning the actions.
    let plan = get_json(
        &app,
        &format!("/api/v1/reviews/{review_id}/action-plan"),
        &s.officer,
    )
    .await;
    assert_eq!(plan["status"], "agreed", "{plan}");
    assert_eq!(plan["agreed_on"], "2025-02-01");
    let owners: Vec<String> = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| {
            a["owners"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| {
                    o["contact_name"]
                        .as_str()
                        .or(o["organisation_name"].as_str())
                        .unwrap_or("")
                        .to_owned()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        owners.contains(&"John Smith".to_owned()) && owners.contains(&"Alice Brown".to_owned()),
        "{owners:?}"
    );
    // A lead whose name has "and" in it is one lead.
    let day = get_json(&app, "/api/v1/reviews?reference=2024%2F25-02", &s.officer).await;
    let day_plan = get_json(
        &app,
        &format!(
            "/api/v1/reviews/{}/action-plan",
            day["items"][0]["id"].as_str().unwrap()
        ),
        &s.officer,
    )
    .await;
    let day_owners: Vec<&str> = day_plan["actions"][0]["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["organisation_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        day_owners,
        ["Cleveland Police", "Redcar and Cleveland Borough Council"]
    );
    // The progress: accepted entries, written by and when the file says, month precision kept.
    let entries = get_json(
        &app,
        &format!("/api/v1/progress-entries?review_id={review_id}"),
        &s.officer,
    )
    .await;
    let entries = entries["items"].as_array().unwrap();
    // Rec 2's history: a round for each month the file has.
    assert_eq!(entries.len(), 3, "{entries:#?}");
    let earlier = entries
        .iter()
        .find(|e| e["progress"] == "Route reviews started.")
        .unwrap();
    assert_eq!(earlier["round"]["label"], "Tracker, November 2025");
    assert_eq!(earlier["written_by"], "Sam Clerk");
    let second = entries
        .iter()
        .find(|e| {
            e["progress"]
                .as_str()
                .unwrap_or("")
                .starts_with("Two of five")
        })
        .unwrap();
    assert_eq!(second["state"], "accepted");
    assert_eq!(second["grades"]["accepted"]["code"], "2", "{second}");
    assert_eq!(second["written_by"], "Jane Officer");
    assert!(
        second["written_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-02-28"),
        "{second}"
    );
    // Marked as imported in the audit trail.
    let trail = get_json(
        &app,
        "/api/v1/audit-events?action=progress_entry.imported",
        &app.admin,
    )
    .await;
    let trail = trail["items"].as_array().unwrap();
    assert_eq!(trail.len(), 5);
    assert!(
        trail
            .iter()
            .all(|e| e["after"]["imported_from"]["row"].is_number()),
        "{trail:#?}"
    );
    let audit_before = app.audit_count("review.created").await;

    // The same file again: nothing changed.
    let again = json_of(
        upload(
            &app,
            &format!("{path}&dry_run=false"),
            &s.officer,
            "text/csv",
            TRACKER.as_bytes(),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(again["already_imported"], true);
    // The same rows saved again by a spreadsheet (other line endings: another file): a commit
    // that finds everything already there.
    let resaved = TRACKER.replace('\n', "\r\n");
    let second_commit = json_of(
        upload(
            &app,
            &format!("{path}&dry_run=false"),
            &s.officer,
            "text/csv",
            resaved.as_bytes(),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let result = &second_commit["import"]["result"];
    assert_eq!(result["reviews_created"], json!([]), "{result}");
    assert_eq!(result["progress_entries_created"], json!([]), "{result}");
    assert_eq!(result["progress_entries_updated"], json!([]), "{result}");
    assert_eq!(result["recommendations_created"], json!([]), "{result}");
    assert_eq!(result["actions_created"], json!([]), "{result}");
    for plan in result["plans"].as_array().unwrap() {
        assert_eq!(plan["recommendations_created"], json!([]), "{plan}");
        assert_eq!(plan["actions_created"], json!([]), "{plan}");
    }
    assert_eq!(app.audit_count("review.created").await, audit_before);
    let entries = get_json(
        &app,
        &format!("/api/v1/progress-entries?review_id={review_id}"),
        &s.officer,
    )
    .await;
    assert_eq!(entries["items"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn an_action_plan_with_unknown_headings_imports_through_a_profile() {
    let app = TestApp::spawn().await;
    let officer = signed_in(&app, "officer@council.example", "officer", app.council_id).await;
    let mut c = crate::fixtures::conn(&app).await;
    let (_, review) = crate::fixtures::insert_review(
        &mut c,
        app.council_id,
        "Crime and Disorder Select Committee",
        "Police Communications",
        "decided_by_cabinet",
    )
    .await;
    drop(c);
    app.create_organisation("Cleveland Police", "police").await;
    let csv = "Item,What we were asked,What we will do,Who,By\n\
               1,That the police publish their priorities.,Publish priorities online,Cleveland Police,May 2022\n";
    let path = format!("/api/v1/reviews/{review}/imports/action-plan");
    // Without a profile: no recognisable header.
    let refused = upload(&app, &path, &officer, "text/csv", csv.as_bytes()).await;
    assert_eq!(
        problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await["errors"][0]["field"],
        "file"
    );
    // The columns proposed for an action plan, then a profile.
    let columns = json_of(
        upload(
            &app,
            "/api/v1/imports/columns?kind=action_plan",
            &officer,
            "text/csv",
            csv.as_bytes(),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(columns["columns"].as_array().unwrap().len(), 5);
    let profile = json_of(
        app.post(
            "/api/v1/import-profiles",
            &officer,
            &json!({"kind": "action_plan", "name": "Old plans", "columns": [
                {"heading": "Item", "field": "number"},
                {"heading": "What we were asked", "field": "recommendation"},
                {"heading": "What we will do", "field": "action"},
                {"heading": "Who", "field": "lead"},
                {"heading": "By", "field": "due_date"}]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    // A tracker's field is refused in an action plan's profile.
    let bad = app
        .post(
            "/api/v1/import-profiles",
            &officer,
            &json!({"kind": "action_plan", "name": "Bad", "columns": [
            {"heading": "Item", "field": "number"}, {"heading": "Asked", "field": "recommendation"},
            {"heading": "Do", "field": "action"}, {"heading": "RAG", "field": "status"}]}),
        )
        .await;
    assert_eq!(
        problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await["errors"][0]["field"],
        "columns[3].field"
    );
    let with_profile = format!(
        "{path}?profile_id={}&dry_run=false",
        profile["id"].as_str().unwrap()
    );
    let commit = json_of(
        upload(&app, &with_profile, &officer, "text/csv", csv.as_bytes()).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(commit["import"]["profile_id"], profile["id"]);
    let plan = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/action-plan"),
        &officer,
    )
    .await;
    let action = &plan["actions"][0];
    assert_eq!(action["proposed_actions"], "Publish priorities online");
    assert_eq!(action["milestones"][0]["date"], "2022-05");
}
