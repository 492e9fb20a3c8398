//! Imports over HTTP: the seed action plan text into a fresh review (dry run, commit, the same
//! file again), the export read back, the seed progress update into a round, a CSV with a bad
//! row (all rejected with the report; skip_invalid imports the rest), and bad files.
use crate::fixtures::{
    conn, get_json, insert_action, insert_action_plan, insert_review, post_with, seed_review,
    signed_in, NewAction,
};
use crate::helpers::{problem, TestApp};
use crate::support::json_of;
use chrono::NaiveDate;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

const PLAN: &str = include_str!("../fixtures/seeds/action-plan-police-communications.txt");
const UPDATE: &str = include_str!("../fixtures/seeds/progress-update-police-communications.txt");

async fn upload(
    app: &TestApp,
    path: &str,
    token: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.request(Method::POST, path, Some(token))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

/// A fresh review with no recommendations, and the organisations the seed names.
async fn fresh_review(app: &TestApp) -> (Uuid, String) {
    let mut c = conn(app).await;
    let (_, review_id) = insert_review(
        &mut c,
        app.council_id,
        "Crime and Disorder Select Committee",
        "Police Communications in Stockton-on-Tees",
        "decided_by_cabinet",
    )
    .await;
    drop(c);
    app.create_organisation("Cleveland Police", "police").await;
    app.create_organisation("Stockton-on-Tees Borough Council", "council")
        .await;
    let officer = signed_in(app, "officer@council.example", "officer", app.council_id).await;
    (review_id, officer)
}

fn rows(plan: &Value) -> Vec<(String, usize, usize)> {
    plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["recommendation_number"].as_str().unwrap().to_owned(),
                a["owners"].as_array().unwrap().len(),
                a["milestones"].as_array().unwrap().len(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_seed_action_plan_is_imported_once_and_exported_back() {
    let app = TestApp::spawn().await;
    let (review, officer) = fresh_review(&app).await;
    let path = format!("/api/v1/reviews/{review}/imports/action-plan");

    // Dry run (the default): what was read and the report; nothing created.
    let dry = json_of(
        upload(&app, &path, &officer, "text/plain", PLAN.into()).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(dry["import"]["state"], "dry_run");
    assert_eq!(dry["import"]["format"], "text");
    assert_eq!(dry["already_imported"], false);
    let recs = dry["parsed"]["recommendations"].as_array().unwrap();
    assert_eq!(recs.len(), 4);
    assert_eq!(recs[1]["parts"].as_array().unwrap().len(), 6);
    assert_eq!(
        recs[1]["actions"][0]["milestones"][1]["text"],
        "September 2022 (Assessment of protocol)"
    );
    assert_eq!(dry["report"]["rows_rejected"], 0);
    assert_eq!(dry["report"]["rows_read"], 8);
    let list = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/recommendations"),
        &officer,
    )
    .await;
    assert!(
        list["items"].as_array().unwrap().is_empty(),
        "a dry run creates nothing"
    );
    let plan = app
        .get(&format!("/api/v1/reviews/{review}/action-plan"), &officer)
        .await;
    assert_eq!(plan.status(), StatusCode::NOT_FOUND);

    // Commit: the recommendations, parts, plan and actions, as the API would create them.
    let committed = json_of(
        upload(
            &app,
            &format!("{path}?dry_run=false"),
            &officer,
            "text/plain",
            PLAN.into(),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(committed["import"]["state"], "committed");
    let result = &committed["import"]["result"];
    assert_eq!(
        result["recommendations_created"].as_array().unwrap().len(),
        4
    );
    assert_eq!(result["parts_created"].as_array().unwrap().len(), 8);
    assert_eq!(result["actions_created"].as_array().unwrap().len(), 4);
    let list = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/recommendations"),
        &officer,
    )
    .await;
    let items = list["items"].as_array().unwrap();
    let numbers: Vec<&str> = items
        .iter()
        .map(|r| r["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
    assert_eq!(items[1]["text"], "As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:");
    let labels: Vec<&str> = items[1]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["a", "b", "c", "d", "e", "f"]);
    let plan = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/action-plan"),
        &officer,
    )
    .await;
    assert_eq!(
        plan["title"],
        "ACTION PLAN: Review of Police Communications in Stockton-on-Tees (Task & Finish)"
    );
    assert_eq!(plan["status"], "draft");
    assert_eq!(
        rows(&plan),
        vec![
            ("1".into(), 1, 1),
            ("2".into(), 1, 2),
            ("3".into(), 1, 1),
            ("4".into(), 1, 1)
        ]
    );
    let a2 = &plan["actions"][1];
    assert_eq!(a2["milestones"][0]["date"], "2022-05");
    assert_eq!(a2["milestones"][0]["precision"], "month");
    assert_eq!(a2["milestones"][0]["label"], "Development of protocol");
    assert_eq!(a2["owners"][0]["organisation_name"], "Cleveland Police");
    assert_eq!(
        plan["actions"][3]["responsibility_text"],
        "Stockton on Tees Borough Council"
    );
    assert_eq!(
        plan["actions"][3]["owners"][0]["organisation_name"],
        "Stockton-on-Tees Borough Council"
    );
    // Audited like the API's own creates.
    assert_eq!(app.audit_count("recommendation.created").await, 4);
    assert_eq!(app.audit_count("recommendation_part.created").await, 8);
    assert_eq!(app.audit_count("action.created").await, 4);
    assert_eq!(app.audit_count("action_plan.created").await, 1);
    assert_eq!(app.audit_count("import.committed").await, 1);
    assert_eq!(app.audit_count("import.dry_run").await, 1);

    // The same file again changes nothing.
    let again = json_of(
        upload(
            &app,
            &format!("{path}?dry_run=false"),
            &officer,
            "text/plain",
            PLAN.into(),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(again["already_imported"], true);
    assert_eq!(again["import"]["id"], committed["import"]["id"]);
    let plan_after = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/action-plan"),
        &officer,
    )
    .await;
    assert_eq!(plan_after["actions"].as_array().unwrap().len(), 4);
    assert_eq!(plan_after["version"], plan["version"]);
    assert_eq!(app.audit_count("action.created").await, 4);
    assert_eq!(app.audit_count("import.committed").await, 1);

    // The export gives the same content, and reads back without a change.
    let csv = app
        .get(
            &format!("/api/v1/reviews/{review}/action-plan/export.csv"),
            &officer,
        )
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv_bytes = csv.bytes().await.unwrap().to_vec();
    let exported = scrutiny_import::parse_action_plan_csv(&csv_bytes)
        .unwrap()
        .value;
    let imported = scrutiny_import::parse_action_plan_text(PLAN).unwrap().value;
    assert_eq!(exported.without_rows(), imported.without_rows());
    let xlsx = app
        .get(
            &format!("/api/v1/reviews/{review}/action-plan/export.xlsx"),
            &officer,
        )
        .await;
    assert_eq!(xlsx.status(), StatusCode::OK);
    let xlsx_bytes = xlsx.bytes().await.unwrap().to_vec();
    let from_xlsx = scrutiny_import::parse_action_plan_xlsx(&xlsx_bytes)
        .unwrap()
        .value;
    assert_eq!(from_xlsx.without_rows(), imported.without_rows());
    // The CSV export imported into the same review: every action is already there.
    let csv_again = json_of(
        upload(
            &app,
            &format!("{path}?dry_run=false"),
            &officer,
            "text/csv",
            csv_bytes,
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        csv_again["import"]["result"]["actions_created"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let skipped = csv_again["report"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| {
            i["reason"]
                .as_str()
                .unwrap()
                .contains("already has this action")
        })
        .count();
    assert_eq!(skipped, 4);
    let unknown = app
        .get(
            &format!("/api/v1/reviews/{review}/action-plan/export.pdf"),
            &officer,
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_csv_with_a_bad_row_imports_nothing_unless_bad_rows_are_skipped() {
    let app = TestApp::spawn().await;
    let (review, officer) = fresh_review(&app).await;
    let path = format!("/api/v1/reviews/{review}/imports/action-plan");
    let csv = "No.,Part,Recommendation,Proposed Actions,Success Measures,Responsibility,Date,Status notes\n\
1,,The council reviews its CCTV policy.,Review the policy,Policy published,Cleveland Police,June 2023,\n\
2,,Partners share data monthly.,Sign an agreement,Agreement signed,Cleveland Police,31 February 2023,\n\
3,,The survey is repeated.,Repeat the survey,Survey done,Acme Widgets Ltd,,\n";
    let response = upload(
        &app,
        &format!("{path}?dry_run=false"),
        &officer,
        "text/csv",
        csv.into(),
    )
    .await;
    let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["type"], "/problems/import-rejected");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["row 3: Date", "row 4: Responsibility"]);
    assert!(body["errors"][1]["message"]
        .as_str()
        .unwrap()
        .contains("\"Acme Widgets Ltd\""));
    assert_eq!(body["report"]["rows_rejected"], 2);
    let rejected: Vec<&Value> = body["report"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["severity"] == "rejected")
        .collect();
    assert_eq!(rejected[0]["row"], 3);
    assert_eq!(rejected[0]["column"], "Date");
    assert_eq!(rejected[0]["value"], "31 February 2023");
    let list = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/recommendations"),
        &officer,
    )
    .await;
    assert!(
        list["items"].as_array().unwrap().is_empty(),
        "all or nothing"
    );
    assert_eq!(app.audit_count("import.committed").await, 0);

    // skip_invalid imports the rest: the recommendations, and the one good action.
    let done = json_of(
        upload(
            &app,
            &format!("{path}?dry_run=false&skip_invalid=true"),
            &officer,
            "text/csv",
            csv.into(),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(done["import"]["skip_invalid"], true);
    assert_eq!(done["report"]["rows_rejected"], 2);
    let plan = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/action-plan"),
        &officer,
    )
    .await;
    assert_eq!(rows(&plan), vec![("1".into(), 1, 1)]);
    let list = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/recommendations"),
        &officer,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn bad_files_are_422_and_change_nothing() {
    let app = TestApp::spawn_with(|s| s.import_max_bytes = 2_000).await;
    let (review, officer) = fresh_review(&app).await;
    let path = format!("/api/v1/reviews/{review}/imports/action-plan?dry_run=false");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "application/pdf",
            b"%PDF-1.7 ...".to_vec(),
            "cannot be imported",
        ),
        (
            "image/png",
            b"\x89PNG\r\n\x1a\n".to_vec(),
            "cannot be imported",
        ),
        (
            "text/plain",
            b"Some notes\nabout the plan\n".to_vec(),
            "no recognisable header",
        ),
        (
            "text/csv",
            b"No.,Recommendation\x00\x01".to_vec(),
            "unreadable encoding",
        ),
        (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            b"not a zip".to_vec(),
            "Excel workbook",
        ),
        (
            "text/plain",
            vec![b'x'; 3_000],
            "larger than the 2000 bytes",
        ),
        ("text/plain", Vec::new(), "is empty"),
    ];
    for (content_type, bytes, says) in cases {
        let body = problem(
            upload(&app, &path, &officer, content_type, bytes).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "file", "{content_type}");
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(says), "{content_type}: {message}");
    }
    // A multipart form with the file works like the body.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"No.\tRecommendation\tAction\tSuccess Measures\tResponsibility\tDate\n1\tA rec.\tAn action\tMeasured\tCleveland Police\tMay 2022\n".to_vec())
            .file_name("plan.txt")
            .mime_str("text/plain")
            .unwrap(),
    );
    let response = app
        .request(
            Method::POST,
            &format!("/api/v1/reviews/{review}/imports/action-plan"),
            Some(&officer),
        )
        .multipart(form)
        .send()
        .await
        .unwrap();
    let body = json_of(response, StatusCode::OK).await;
    assert_eq!(body["import"]["file_name"], "plan.txt");
    assert_eq!(
        body["parsed"]["recommendations"][0]["actions"][0]["milestones"][0]["display"],
        "May 2022"
    );
    let list = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/recommendations"),
        &officer,
    )
    .await;
    assert!(list["items"].as_array().unwrap().is_empty());
    assert_eq!(app.audit_count("import.committed").await, 0);
}

#[tokio::test]
async fn the_seed_progress_update_fills_the_rounds_entries() {
    let app = TestApp::spawn().await;
    let seed = seed_review(
        &app,
        app.council_id,
        "Police Communications",
        "action_plan_agreed",
    )
    .await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let mut c = conn(&app).await;
    let plan = insert_action_plan(
        &mut c,
        seed.council_id,
        seed.review_id,
        NaiveDate::from_ymd_opt(2022, 3, 1),
    )
    .await;
    drop(c);
    for (i, rec) in seed.recs.iter().enumerate() {
        let mut action = NewAction::new(*rec, "Agreed action");
        action.owners = vec![(Some(if i < 3 { police } else { seed.council_id }), None)];
        insert_action(&app, seed.review_id, plan, action).await;
    }
    let officer = signed_in(&app, "officer@council.example", "officer", app.council_id).await;
    let round = json_of(
        post_with(
            &app,
            &format!("/api/v1/reviews/{}/progress-rounds", seed.review_id),
            &officer,
            None,
            &json!({"deadline": "2022-11-01"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let round_id = round["id"].as_str().unwrap();
    let path = format!("/api/v1/progress-rounds/{round_id}/imports/progress-update");

    let dry = json_of(
        upload(&app, &path, &officer, "text/plain", UPDATE.into()).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(dry["parsed"]["round_label"], "November 2022");
    assert_eq!(
        dry["parsed"]["recommendations"].as_array().unwrap().len(),
        4
    );
    assert_eq!(dry["report"]["rows_rejected"], 0);

    let done = json_of(
        upload(
            &app,
            &format!("{path}?dry_run=false"),
            &officer,
            "text/plain",
            UPDATE.into(),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        done["import"]["result"]["entries_filled"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let entries = get_json(
        &app,
        &format!("/api/v1/progress-rounds/{round_id}/entries"),
        &officer,
    )
    .await;
    let entry = |n: &str| -> Value {
        entries
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["recommendation"]["number"] == n && e["part"].is_null())
            .cloned()
            .unwrap()
    };
    let e1 = entry("1");
    assert_eq!(e1["grades"]["proposed"]["code"], "1");
    assert_eq!(e1["impact"]["kind"], "none_undertaken");
    assert!(e1["progress"].as_str().unwrap().starts_with(
        "The current Cleveland Police Community Strategy is not due for review until 2025."
    ));
    let e2 = entry("2");
    assert_eq!(e2["grades"]["proposed"]["code"], "3");
    assert!(e2["proposed_explanation"]
        .as_str()
        .unwrap()
        .starts_with("Although some progress has been made"));
    assert_eq!(e2["impact"]["kind"], "not_recorded");
    let e3 = entry("3");
    assert_eq!(
        e3["proposed_explanation"],
        "Ongoing compliance is reviewed."
    );
    let figures: Vec<&str> = e3["key_figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].as_str().unwrap())
        .collect();
    assert_eq!(figures, ["95.2", "100"]);
    let e4 = entry("4");
    assert_eq!(e4["impact"]["kind"], "evidence");
    assert_eq!(e4["impact"]["text"], "Feedback demonstrates that there are still very mixed feelings about the level of communications with Cleveland Police.");
    assert_eq!(app.audit_count("progress_entry.updated").await, 4);

    // Again: nothing changes.
    let again = json_of(
        upload(
            &app,
            &format!("{path}?dry_run=false"),
            &officer,
            "text/plain",
            UPDATE.into(),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(again["already_imported"], true);
    assert_eq!(app.audit_count("progress_entry.updated").await, 4);

    // A progress update is text: a CSV is refused.
    let body = problem(
        upload(&app, &path, &officer, "text/csv", b"a,b\n".to_vec()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "file");
    // A contributor may not import.
    let pc = signed_in(&app, "pc@police.example", "contributor", police).await;
    assert_eq!(
        upload(&app, &path, &pc, "text/plain", UPDATE.into())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn an_agreed_plan_is_amended_by_an_import_with_a_reason() {
    let app = TestApp::spawn().await;
    let (review, officer) = fresh_review(&app).await;
    let put = crate::fixtures::put_with(
        &app,
        &format!("/api/v1/reviews/{review}/action-plan"),
        &officer,
        None,
        &json!({"title": "Action plan", "agreed_on": "March 2022", "status": "agreed"}),
    )
    .await;
    assert_eq!(put.status(), StatusCode::CREATED);
    let path = format!("/api/v1/reviews/{review}/imports/action-plan");
    let csv = "No.,Recommendation,Proposed Actions,Success Measures,Responsibility,Date\n\
1,The council reviews its CCTV policy.,Review the policy,Policy published,All,Ongoing\n";

    // The dry run says what the commit needs.
    let dry = json_of(
        upload(&app, &path, &officer, "text/csv", csv.into()).await,
        StatusCode::OK,
    )
    .await;
    assert!(dry["report"]["issues"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("amendment_reason"));
    let body = problem(
        upload(
            &app,
            &format!("{path}?dry_run=false"),
            &officer,
            "text/csv",
            csv.into(),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "amendment_reason");
    let list = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/recommendations"),
        &officer,
    )
    .await;
    assert!(
        list["items"].as_array().unwrap().is_empty(),
        "nothing created"
    );

    let done = json_of(
        upload(
            &app,
            &format!("{path}?dry_run=false&amendment_reason=Imported%20from%20the%20spreadsheet"),
            &officer,
            "text/csv",
            csv.into(),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(done["import"]["format"], "csv");
    let plan = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/action-plan"),
        &officer,
    )
    .await;
    assert_eq!(plan["amendment_count"], 1);
    let action = &plan["actions"][0];
    assert_eq!(action["responsible_all"], true);
    assert_eq!(action["milestones"][0]["date"], Value::Null);
    assert_eq!(action["milestones"][0]["label"], "Ongoing");
    let amendments = get_json(
        &app,
        &format!(
            "/api/v1/action-plans/{}/amendments",
            plan["id"].as_str().unwrap()
        ),
        &officer,
    )
    .await;
    assert_eq!(
        amendments["items"][0]["reason"],
        "Imported from the spreadsheet"
    );
}

/// Hostile workbooks that once stopped the process (a value in the last cell, a zip bomb of
/// 72 MiB in about 70 KB) are a 422 against the file, and the server goes on answering.
#[tokio::test]
async fn hostile_workbooks_are_422_and_the_server_stays_up() {
    use std::io::Write;
    // The files are made first: deflating the bomb takes a while in a debug build, longer than
    // the server keeps an idle connection open.
    let mut dense = rust_xlsxwriter::Workbook::new();
    let sheet = dense.add_worksheet();
    sheet.write_string(0, 0, "No.").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let dense = dense.save_to_buffer().unwrap();

    let mut plain = rust_xlsxwriter::Workbook::new();
    plain.add_worksheet().write_string(0, 0, "No.").unwrap();
    let plain = plain.save_to_buffer().unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&plain[..])).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        out.raw_copy_file(archive.by_index_raw(i).unwrap()).unwrap();
    }
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    out.start_file("xl/media/padding.bin", options).unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..72 {
        out.write_all(&zeros).unwrap();
    }
    let bomb = out.finish().unwrap().into_inner();

    let app = TestApp::spawn().await;
    let (review, officer) = fresh_review(&app).await;
    let path = format!("/api/v1/reviews/{review}/imports/action-plan?dry_run=true");

    const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    for (name, bytes, says) in [
        ("dense range", dense, "XFD1048576"),
        ("zip bomb", bomb, "unpacks to more than"),
    ] {
        let body = problem(
            upload(&app, &path, &officer, XLSX, bytes).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "file", "{name}");
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(says), "{name}: {message}");
    }
    assert!(app.is_live().await, "the server is still up");
}

#[tokio::test]
async fn an_over_long_evidence_of_progress_is_rejected_as_a_patch_would_be() {
    use scrutiny_domain::progress::limits::PROGRESS_MAX;
    let app = TestApp::spawn().await;
    let seed = seed_review(
        &app,
        app.council_id,
        "Police Communications",
        "action_plan_agreed",
    )
    .await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let mut c = conn(&app).await;
    let plan = insert_action_plan(
        &mut c,
        seed.council_id,
        seed.review_id,
        NaiveDate::from_ymd_opt(2022, 3, 1),
    )
    .await;
    drop(c);
    for rec in &seed.recs {
        let mut action = NewAction::new(*rec, "Agreed action");
        action.owners = vec![(Some(police), None)];
        insert_action(&app, seed.review_id, plan, action).await;
    }
    let officer = signed_in(&app, "officer@council.example", "officer", app.council_id).await;
    let round = json_of(
        post_with(
            &app,
            &format!("/api/v1/reviews/{}/progress-rounds", seed.review_id),
            &officer,
            None,
            &json!({"deadline": "2022-11-01"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let round_id = round["id"].as_str().unwrap();
    let path = format!("/api/v1/progress-rounds/{round_id}/imports/progress-update");
    // Recommendation 1's evidence of progress, one character over the API's limit.
    let first = "The current Cleveland Police Community Strategy is not due for review until 2025.";
    assert!(UPDATE.contains(first));
    let long = "x".repeat(PROGRESS_MAX + 1);
    let update = UPDATE.replacen(first, &long, 1);

    let dry = json_of(
        upload(&app, &path, &officer, "text/plain", update.clone().into()).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(dry["report"]["rows_rejected"], 1, "{}", dry["report"]);
    let rejected: Vec<&Value> = dry["report"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["severity"] == "rejected")
        .collect();
    assert_eq!(rejected.len(), 1);
    assert!(rejected[0]["row"].as_u64().is_some());
    assert_eq!(rejected[0]["column"], "Evidence of Progress");
    let reason = rejected[0]["reason"].as_str().unwrap();
    assert!(reason.contains("recommendation 1"), "{reason}");
    assert!(
        reason.contains(&format!("at most {PROGRESS_MAX} characters")),
        "{reason}"
    );

    // A commit without skip_invalid is refused whole, and changes nothing.
    let body = problem(
        upload(
            &app,
            &format!("{path}?dry_run=false"),
            &officer,
            "text/plain",
            update.clone().into(),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["type"], "/problems/import-rejected");
    let field = body["errors"][0]["field"].as_str().unwrap();
    assert!(field.ends_with(": Evidence of Progress"), "{field}");
    assert_eq!(app.audit_count("progress_entry.updated").await, 0);
    assert_eq!(app.audit_count("import.committed").await, 0);
    let entries = get_json(
        &app,
        &format!("/api/v1/progress-rounds/{round_id}/entries"),
        &officer,
    )
    .await;
    let entry = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["recommendation"]["number"] == "1" && e["part"].is_null())
        .cloned()
        .unwrap();
    assert!(entry["progress"].is_null(), "nothing changed");

    // The entry's own PATCH refuses the same text, with the same message.
    let entry_path = format!("/api/v1/progress-entries/{}", entry["id"].as_str().unwrap());
    let tag = crate::fixtures::etag_of(&app, &entry_path, &officer).await;
    let body = problem(
        app.patch(&entry_path, &officer, &tag, &json!({ "progress": long }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "progress");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(reason.contains(message), "{reason} / {message}");

    // skip_invalid fills the other three.
    let done = json_of(
        upload(
            &app,
            &format!("{path}?dry_run=false&skip_invalid=true"),
            &officer,
            "text/plain",
            update.into(),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        done["import"]["result"]["entries_filled"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(app.audit_count("progress_entry.updated").await, 3);
}

#[tokio::test]
async fn an_over_long_recommendation_is_rejected_as_the_api_would_reject_it() {
    use scrutiny_domain::records::limits::RECOMMENDATION_TEXT_MAX;
    let app = TestApp::spawn().await;
    let (review, officer) = fresh_review(&app).await;
    let path = format!("/api/v1/reviews/{review}/imports/action-plan");
    let long = "x".repeat(RECOMMENDATION_TEXT_MAX + 1);
    let csv = format!(
        "No.,Part,Recommendation,Proposed Actions,Success Measures,Responsibility,Date,Status notes\n\
1,,The council reviews its CCTV policy.,Review the policy,Policy published,Cleveland Police,June 2023,\n\
2,,{long},Sign an agreement,Agreement signed,Cleveland Police,June 2023,\n"
    );
    let dry = json_of(
        upload(&app, &path, &officer, "text/csv", csv.clone().into()).await,
        StatusCode::OK,
    )
    .await;
    let rejected: Vec<&Value> = dry["report"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["severity"] == "rejected")
        .collect();
    assert!(!rejected.is_empty(), "{}", dry["report"]);
    assert_eq!(rejected[0]["row"], 3);
    assert_eq!(rejected[0]["column"], "Recommendation");
    assert!(rejected[0]["reason"]
        .as_str()
        .unwrap()
        .contains(&format!("at most {RECOMMENDATION_TEXT_MAX} characters")));

    // A commit without skip_invalid is refused whole, and changes nothing.
    let body = problem(
        upload(
            &app,
            &format!("{path}?dry_run=false"),
            &officer,
            "text/csv",
            csv.into(),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["type"], "/problems/import-rejected");
    assert_eq!(body["errors"][0]["field"], "row 3: Recommendation");
    let list = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/recommendations"),
        &officer,
    )
    .await;
    assert!(list["items"].as_array().unwrap().is_empty());
    assert_eq!(app.audit_count("import.committed").await, 0);

    // The API refuses the same text.
    let body = problem(
        app.post(
            &format!("/api/v1/reviews/{review}/recommendations"),
            &officer,
            &json!({"number": "2", "text": long}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "text");
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains(&format!("at most {RECOMMENDATION_TEXT_MAX} characters")));
}

/// An older plan pasted from Word: recommendations made only of lettered parts, and a completed
/// action with no success measure, are imported whole; the dry run says what it read.
#[tokio::test]
async fn recommendations_of_parts_only_and_actions_without_measures_are_imported() {
    let app = TestApp::spawn().await;
    let (review, officer) = fresh_review(&app).await;
    let path = format!("/api/v1/reviews/{review}/imports/action-plan");
    let text = "Rec No.\tRecommendation\tProposed Action\tSuccess Measure\tResponsibility\tTarget Date\tProgress\n\
1\ta) That a single point of contact for ASB is published;\tPublish the contact details\t\tCleveland Police\tMarch 2019\tComplete\n\
\tb) That residents are told the outcome of their reports.\tIntroduce outcome letters\tLetters sent\tCleveland Police\tJune 2019\tComplete\n\
2\tThat ward councillors receive monthly ASB data.\tMonthly data pack\tPack issued monthly\tStockton-on-Tees Borough Council\tApril 2019\tOngoing\n";
    let dry = json_of(
        upload(&app, &path, &officer, "text/plain", text.into()).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(dry["report"]["rows_rejected"], 0, "{dry}");
    assert!(dry["report"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["row"] == 2 && i["reason"].as_str().unwrap().contains("no success measure")));
    json_of(
        upload(
            &app,
            &format!("{path}?dry_run=false"),
            &officer,
            "text/plain",
            text.into(),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let list = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/recommendations"),
        &officer,
    )
    .await;
    let first = &list["items"][0];
    assert_eq!(first["number"], "1");
    assert_eq!(first["text"], "");
    let labels: Vec<&str> = first["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["a", "b"]);
    let actions = get_json(
        &app,
        &format!("/api/v1/actions?review_id={review}&limit=50"),
        &officer,
    )
    .await;
    let items = actions["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{actions}");
    assert!(items
        .iter()
        .any(|a| a["success_measures"].as_array().unwrap().is_empty()));

    // A recommendation of parts may have no text of its own; one without parts may not.
    let id = first["id"].as_str().unwrap();
    let etag = crate::support::current_etag(&app, &format!("/api/v1/recommendations/{id}")).await;
    let r = app
        .patch(
            &format!("/api/v1/recommendations/{id}"),
            &officer,
            &etag,
            &json!({"text": "  "}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let second = list["items"][1]["id"].as_str().unwrap();
    let etag =
        crate::support::current_etag(&app, &format!("/api/v1/recommendations/{second}")).await;
    let r = app
        .patch(
            &format!("/api/v1/recommendations/{second}"),
            &officer,
            &etag,
            &json!({"text": ""}),
        )
        .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["errors"][0]["field"], "text");
}

/// People named as responsible (a police rank and surname, a councillor, two people in one cell
/// with no separator) are proposed as new contacts, at the organisation their title points to,
/// with the contacts they resemble; the commit creates those asked for, in the same
/// transaction, and the actions are theirs.
#[tokio::test]
async fn people_the_council_does_not_know_are_proposed_as_contacts_and_created_on_commit() {
    let app = TestApp::spawn().await;
    let (review, officer) = fresh_review(&app).await;
    let organisations = get_json(&app, "/api/v1/organisations?kind=police", &officer).await;
    let police = organisations["items"][0]["id"].as_str().unwrap().to_owned();
    let existing = json_of(
        app.post(
            "/api/v1/contacts",
            &officer,
            &json!({"name": "Sarah Smith", "organisation_id": police}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let path = format!("/api/v1/reviews/{review}/imports/action-plan");
    let text = "Rec No.\tRecommendation\tProposed Action\tSuccess Measure\tResponsibility\tTarget Date\tProgress\n\
1\ta) That a single point of contact for ASB is published;\tPublish the contact details\t\tInsp Smith\tMarch 2019\tComplete\n\
\tb) That residents are told the outcome of their reports.\tIntroduce outcome letters\tLetters sent\tC/Supt Lang Steve Hume\tJune 2019\tComplete\n\
2\tThat ward councillors receive monthly ASB data.\tMonthly data pack\tPack issued monthly\tCllr Jones\tApril 2019\tOngoing\n\
3\tThat the police publish hotspot maps.\tPublish maps\tMaps published\tCleveland Police and Insp Smith\tMay 2019\t\n";
    let dry = json_of(
        upload(&app, &path, &officer, "text/plain", text.into()).await,
        StatusCode::OK,
    )
    .await;
    let proposed = dry["proposed_contacts"].as_array().unwrap();
    let names: Vec<&str> = proposed
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Insp Smith", "C/Supt Lang", "Steve Hume", "Cllr Jones"],
        "{dry}"
    );
    let smith = &proposed[0];
    assert_eq!(smith["organisation_id"], police.as_str());
    assert_eq!(smith["because"], "a police rank");
    assert_eq!(smith["rows"], json!([2, 5]));
    assert_eq!(smith["candidates"][0]["id"], existing["id"]);
    assert_eq!(smith["accepted"], false);
    assert_eq!(proposed[3]["organisation_id"], app.council_id.to_string());
    let issues = dry["report"]["issues"].as_array().unwrap();
    assert!(issues.iter().any(|i| i["row"] == 3
        && i["reason"]
            .as_str()
            .unwrap()
            .contains("read as 2 people: \"C/Supt Lang\", \"Steve Hume\"")));
    assert!(issues.iter().any(|i| i["severity"] == "rejected"
        && i["reason"]
            .as_str()
            .unwrap()
            .contains("proposed as new contacts")));

    // Only some accepted: the actions naming the others are still rejected, nothing is made.
    let partial = upload(
        &app,
        &format!("{path}?dry_run=false&create_contacts=Insp%20Smith"),
        &officer,
        "text/plain",
        text.into(),
    )
    .await;
    problem(partial, StatusCode::UNPROCESSABLE_ENTITY).await;
    let contacts = get_json(&app, "/api/v1/contacts?limit=200", &officer).await;
    assert_eq!(contacts["items"].as_array().unwrap().len(), 1);

    // All accepted: every recommendation, part and action, with the people made as contacts.
    let done = json_of(
        upload(
            &app,
            &format!("{path}?dry_run=false&create_contacts=all"),
            &officer,
            "text/plain",
            text.into(),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(done["report"]["rows_rejected"], 0, "{done}");
    assert_eq!(
        done["import"]["result"]["contacts_created"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        done["import"]["result"]["actions_created"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let contacts = get_json(&app, "/api/v1/contacts?limit=200", &officer).await;
    let made: Vec<(&str, &str)> = contacts["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap(),
                c["organisation_id"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(made.contains(&("Insp Smith", police.as_str())), "{made:?}");
    assert!(made.contains(&("Steve Hume", police.as_str())), "{made:?}");
    assert_eq!(app.audit_count("contact.created").await, 5);
    let actions = get_json(
        &app,
        &format!("/api/v1/actions?review_id={review}&limit=50"),
        &officer,
    )
    .await;
    let two_people = actions["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["proposed_actions"] == "Introduce outcome letters")
        .unwrap();
    assert_eq!(
        two_people["owners"].as_array().unwrap().len(),
        2,
        "{two_people}"
    );
}
