//! Committee papers and spreadsheet exports over HTTP, on the demo data (the seed review, its
//! decision, action plan and November 2022 progress update): the files come with the right type
//! and name, hold the records' values in order, and show each caller what the lists show them.
use crate::fixtures::{conn, get_json, officer_of_another_council};
use crate::helpers::{fields, problem, TestApp};
use crate::support::{assert_in_order, xml_text, zip_part};
use reqwest::{Response, StatusCode};
use scrutiny_server::accounts::{load_demo, DEMO_PASSWORD};
use scrutiny_server::demo::{police_communications, DemoReview};
use scrutiny_server::demo_progress::load_progress;
use serde_json::Value;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

struct Demo {
    app: TestApp,
    data: DemoReview,
    officer: String,
    review: String,
    decision: String,
    round: String,
}

/// The demo data with its progress round, and the ids of its records.
async fn demo() -> Demo {
    let app = TestApp::spawn().await;
    let mut c = conn(&app).await;
    load_demo(&mut c).await.expect("the demo data loads");
    let data = police_communications();
    load_progress(&mut c, &data)
        .await
        .expect("the demo progress loads");
    drop(c);
    let officer = app.login("officer@stockton.example", DEMO_PASSWORD).await;
    let reviews = get_json(&app, "/api/v1/reviews", &officer).await;
    let review = reviews["items"][0]["id"].as_str().unwrap().to_owned();
    let decisions = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/decisions"),
        &officer,
    )
    .await;
    let decision = decisions["items"][0]["id"].as_str().unwrap().to_owned();
    let rounds = get_json(
        &app,
        &format!("/api/v1/reviews/{review}/progress-rounds"),
        &officer,
    )
    .await;
    let list = rounds.get("items").unwrap_or(&rounds);
    let round = list[0]["id"].as_str().unwrap().to_owned();
    Demo {
        app,
        data,
        officer,
        review,
        decision,
        round,
    }
}

fn header(response: &Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// The body of a 200 response of `content_type`, named `file_name` in Content-Disposition.
async fn file(
    response: Response,
    content_type: &str,
    disposition: &str,
    file_name: &str,
) -> Vec<u8> {
    let status = response.status();
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        header(&response, "content-type")
    );
    assert!(
        header(&response, "content-type").starts_with(content_type),
        "{}",
        header(&response, "content-type")
    );
    let cd = header(&response, "content-disposition");
    assert!(
        cd.starts_with(&format!(
            "{disposition}; filename=\"{file_name}\"; filename*=UTF-8''"
        )),
        "{cd}"
    );
    assert_eq!(header(&response, "cache-control"), "private, no-store");
    response.bytes().await.unwrap().to_vec()
}

/// The lines of a Markdown text without their list markers: what a paper must show.
fn markdown_lines(md: &str) -> Vec<String> {
    md.lines()
        .map(|l| {
            let t = l.trim();
            t.strip_prefix("- ")
                .or_else(|| t.strip_prefix("* "))
                .unwrap_or(t)
                .to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

fn action_plan_values(data: &DemoReview) -> Vec<String> {
    let mut values: Vec<String> = [
        "No.",
        "Recommendation",
        "Proposed Actions / Progress",
        "Success Measures",
        "Responsibility",
        "Date",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for rec in &data.recommendations {
        values.push(rec.number.clone());
        values.push(rec.text.clone());
        for part in &rec.parts {
            values.push(format!("{}) {}", part.label, part.text));
        }
        for action in data
            .action_plan
            .actions
            .iter()
            .filter(|a| a.recommendation == rec.number)
        {
            values.push(action.proposed_actions.clone());
            values.extend(action.success_measures.iter().cloned());
            values.push(action.responsibility_text.clone());
            values.push(action.date_text.clone());
        }
    }
    values
}

#[tokio::test]
async fn the_action_plan_paper_holds_the_plan_in_the_seed_layout() {
    let d = demo().await;
    let path = format!("/api/v1/reviews/{}/papers/action-plan", d.review);
    let name = "Action plan - Police Communications in Stockton-on-Tees - March 2022";

    let docx = file(
        d.app
            .get(&format!("{path}.docx?appendix=1"), &d.officer)
            .await,
        DOCX,
        "attachment",
        &format!("{name}.docx"),
    )
    .await;
    let document = zip_part(&docx, "word/document.xml");
    assert!(document.contains("w:orient=\"landscape\""));
    assert!(
        document.contains("<w:tblHeader/>"),
        "the header row repeats"
    );
    let header = xml_text(&zip_part(&docx, "word/header1.xml"));
    assert_in_order(
        &header,
        &["APPENDIX 1", &d.data.action_plan.title],
        "page header",
    );
    assert_in_order(&xml_text(&document), &action_plan_values(&d.data), "DOCX");
    assert!(zip_part(&docx, "word/fontTable.xml").contains("w:embedRegular"));

    let pdf = file(
        d.app.get(&format!("{path}.pdf"), &d.officer).await,
        "application/pdf",
        "attachment",
        &format!("{name}.pdf"),
    )
    .await;
    assert!(pdf.starts_with(b"%PDF-"));

    let response = d.app.get(&format!("{path}.html"), &d.officer).await;
    assert!(header_of(&response, "content-security-policy").contains("default-src 'none'"));
    let html = file(response, "text/html", "inline", &format!("{name}.html")).await;
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("<thead>"));
    assert!(html.contains("Police Communications in Stockton-on-Tees (Task &amp; Finish)"));
    assert_in_order(&xml_text(&html), &action_plan_values(&d.data), "HTML");

    // Other formats are not resources; a bad option is a 422 naming it.
    problem(
        d.app.get(&format!("{path}.odt"), &d.officer).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let p = problem(
        d.app
            .get(&format!("{path}.pdf?appendix=%3Cb%3E"), &d.officer)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&p), ["appendix"]);
}

fn header_of(response: &Response, name: &str) -> String {
    header(response, name)
}

#[tokio::test]
async fn the_decision_record_paper_holds_every_value_of_the_decision() {
    let d = demo().await;
    let path = format!("/api/v1/decisions/{}/papers/decision-record", d.decision);
    let name = "Cabinet decision - Police Communications in Stockton-on-Tees - 20 January 2022";
    let decision = &d.data.decision;
    let mut values: Vec<String> = vec![
        "STOCKTON-ON-TEES BOROUGH COUNCIL".into(),
        "CABINET RECOMMENDATIONS".into(),
        "Cabinet Meeting".into(),
        "20th January 2022".into(),
        decision.item_title.clone(),
        decision.decision_text.clone(),
        "RESOLVED that:".into(),
    ];
    for r in &decision.resolutions {
        values.push(format!("{}) {}", r.number, r.text));
        for p in &r.parts {
            values.push(format!("{}) {}", p.label, p.text));
        }
    }
    values.extend([
        decision.reasons.clone(),
        decision.alternatives.clone(),
        decision.conflicts.clone(),
        decision.dispensations.clone(),
        "7. Date and Time by which Call In must be executed".into(),
        decision.stated_call_in_text.clone(),
        "Proper Officer".into(),
        "24 January 2022".into(),
    ]);
    let docx = file(
        d.app.get(&format!("{path}.docx"), &d.officer).await,
        DOCX,
        "attachment",
        &format!("{name}.docx"),
    )
    .await;
    assert_in_order(
        &xml_text(&zip_part(&docx, "word/document.xml")),
        &values,
        "DOCX",
    );
    let pdf = file(
        d.app.get(&format!("{path}.pdf"), &d.officer).await,
        "application/pdf",
        "attachment",
        &format!("{name}.pdf"),
    )
    .await;
    assert!(pdf.starts_with(b"%PDF-"));
    // A partner responsible for the review reads it; one that is not, and another council's
    // officer, do not learn it exists.
    let police = d
        .app
        .login("contributor@cleveland-police.example", DEMO_PASSWORD)
        .await;
    assert_eq!(
        d.app.get(&format!("{path}.html"), &police).await.status(),
        StatusCode::OK
    );
    let (other_partner, _) = d.app.user_with_role("contributor").await;
    let (other_officer, _) =
        officer_of_another_council(&d.app, "Hartlepool Borough Council", "o@hartlepool.example")
            .await;
    for token in [&other_partner, &other_officer] {
        problem(
            d.app.get(&format!("{path}.pdf"), token).await,
            StatusCode::NOT_FOUND,
        )
        .await;
    }
}

#[tokio::test]
async fn the_progress_update_paper_holds_the_round_and_shows_each_caller_their_own() {
    let d = demo().await;
    let path = format!("/api/v1/progress-rounds/{}/papers/progress-update", d.round);
    let name = "Progress update - Police Communications in Stockton-on-Tees - November 2022";
    let round = &d.data.progress.rounds[0];
    let mut values: Vec<String> = vec![
        "SCRUTINY MONITORING – PROGRESS UPDATE".into(),
        "Police Communications in Stockton-on-Tees (Task & Finish)".into(),
        "Marc Stephenson".into(),
        "March 2022".into(),
    ];
    for rec in &d.data.recommendations {
        values.push(format!("Recommendation {}:", rec.number));
        values.push(rec.text.clone());
        let entry = round
            .entries
            .iter()
            .find(|e| e.recommendation == rec.number)
            .expect("an entry per recommendation");
        values.push("Evidence of Progress (November 2022):".into());
        values.extend(markdown_lines(&entry.progress));
        values.push(entry.grade.clone());
        values.push(entry.impact.clone());
    }
    values.extend(
        [
            "Summary of Assessments (November 2022)",
            "1 (Fully Achieved)",
            "3",
            "3 (Slipped)",
            "1",
            "Total",
            "4",
            "Assessment of Progress Gradings:",
            "Fully Achieved",
            "On-Track",
            "Slipped",
            "Not Achieved",
        ]
        .map(String::from),
    );
    let docx = file(
        d.app.get(&format!("{path}.docx"), &d.officer).await,
        DOCX,
        "attachment",
        &format!("{name}.docx"),
    )
    .await;
    let text = xml_text(&zip_part(&docx, "word/document.xml"));
    assert_in_order(&text, &values, "DOCX");
    let pdf = file(
        d.app.get(&format!("{path}.pdf"), &d.officer).await,
        "application/pdf",
        "attachment",
        &format!("{name}.pdf"),
    )
    .await;
    assert!(pdf.starts_with(b"%PDF-"));

    // The police see their three recommendations' entries, not the council's own (4).
    let police = d
        .app
        .login("contributor@cleveland-police.example", DEMO_PASSWORD)
        .await;
    let html = file(
        d.app.get(&format!("{path}.html"), &police).await,
        "text/html",
        "inline",
        &format!("{name}.html"),
    )
    .await;
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("Recommendation 1:") && html.contains("Recommendation 3:"));
    assert!(!html.contains("Recommendation 4:"), "not the police's");
    // A partner with no entry in the round, and another council's officer: 404.
    let (other_partner, _) = d.app.user_with_role("contributor").await;
    let (other_officer, _) =
        officer_of_another_council(&d.app, "Hartlepool Borough Council", "o@hartlepool.example")
            .await;
    for token in [&other_partner, &other_officer] {
        problem(
            d.app.get(&format!("{path}.pdf"), token).await,
            StatusCode::NOT_FOUND,
        )
        .await;
    }
}

#[tokio::test]
async fn exports_take_the_lists_filters_and_are_safe_in_a_spreadsheet() {
    let d = demo().await;
    let review = &d.review;
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();

    // Recommendations as CSV: BOM, header, one record per recommendation in order, RFC 4180.
    let csv = file(
        d.app
            .get(
                &format!("/api/v1/recommendations/export.csv?review_id={review}"),
                &d.officer,
            )
            .await,
        "text/csv",
        "attachment",
        &format!("Recommendations - {today}.csv"),
    )
    .await;
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with a BOM");
    let csv = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(csv.starts_with("Review,No.,Recommendation,Parts,Status,"));
    assert!(csv.ends_with("\r\n"));
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), 5, "header and four recommendations");
    for (row, rec) in rows[1..].iter().zip(&d.data.recommendations) {
        assert_eq!(row[0], "Police Communications in Stockton-on-Tees");
        assert_eq!(row[1], rec.number);
        assert_eq!(row[2], rec.text);
        let parts: Vec<String> = rec
            .parts
            .iter()
            .map(|p| format!("{}) {}", p.label, p.text))
            .collect();
        assert_eq!(row[3], parts.join("\n"));
    }
    assert_eq!(
        rows[2][9],
        "May 2022 (Development of protocol); September 2022 (Assessment of protocol)"
    );

    // The filters are the list's: accepting grade 1 closed recommendations 1, 3 and 4; a filter
    // that matches nothing gives the header alone; a bad filter is the list's 422.
    let closed = d
        .app
        .get(
            "/api/v1/recommendations/export.csv?status=closed",
            &d.officer,
        )
        .await;
    let closed = String::from_utf8(closed.bytes().await.unwrap().to_vec()).unwrap();
    let numbers: Vec<String> = parse_csv(&closed[3..])[1..]
        .iter()
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(numbers, ["1", "3", "4"]);
    let empty = d
        .app
        .get(
            "/api/v1/recommendations/export.csv?status=withdrawn",
            &d.officer,
        )
        .await;
    let empty = String::from_utf8(empty.bytes().await.unwrap().to_vec()).unwrap();
    assert_eq!(parse_csv(&empty[3..]).len(), 1);
    let p = problem(
        d.app
            .get(
                "/api/v1/recommendations/export.csv?status=bogus",
                &d.officer,
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&p), ["status"]);
    // More rows than asked for: refused before anything is sent.
    let p = problem(
        d.app
            .get("/api/v1/recommendations/export.xlsx?max_rows=3", &d.officer)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&p), ["max_rows"]);
    assert!(p["detail"].as_str().unwrap().contains("more than 3 rows"));
    problem(
        d.app
            .get("/api/v1/recommendations/export.csv?max_rows=0", &d.officer)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    problem(
        d.app
            .get("/api/v1/recommendations/export.xls", &d.officer)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;

    // Actions as XLSX: the text cells as given.
    let xlsx = file(
        d.app
            .get(
                &format!("/api/v1/actions/export.xlsx?review_id={review}"),
                &d.officer,
            )
            .await,
        XLSX,
        "attachment",
        &format!("Actions - {today}.xlsx"),
    )
    .await;
    let sheet = xml_text(&zip_part(&xlsx, "xl/worksheets/sheet1.xml"));
    let mut values = vec!["Review".to_owned(), "Proposed actions".to_owned()];
    for a in &d.data.action_plan.actions {
        values.push(a.recommendation.clone());
        values.push(a.proposed_actions.clone());
        values.push(a.success_measures.join("\n"));
        values.push(a.responsibility_text.clone());
    }
    assert_in_order(&sheet, &values, "XLSX actions");

    // Progress entries, filtered by state like the list.
    let csv = file(
        d.app
            .get(
                &format!("/api/v1/progress-entries/export.csv?review_id={review}&state=accepted"),
                &d.officer,
            )
            .await,
        "text/csv",
        "attachment",
        &format!("Progress entries - {today}.csv"),
    )
    .await;
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), 5, "header and the four accepted entries");
    let grades: Vec<&str> = rows[1..].iter().map(|r| r[12].as_str()).collect();
    assert_eq!(
        grades,
        [
            "1 (Fully Achieved)",
            "3 (Slipped)",
            "1 (Fully Achieved)",
            "1 (Fully Achieved)"
        ]
    );
    let p = problem(
        d.app
            .get("/api/v1/progress-entries/export.csv?state=done", &d.officer)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&p), ["state"]);

    // A partner exports what its lists show it (the police: recommendations 1-3 and their own
    // entries, those of the second round included); another partner nothing.
    let police = d
        .app
        .login("contributor@cleveland-police.example", DEMO_PASSWORD)
        .await;
    let (other, _) = d.app.user_with_role("contributor").await;
    for token in [&police, &other] {
        for list in ["recommendations", "progress-entries"] {
            let listed = get_json(&d.app, &format!("/api/v1/{list}?limit=200"), token).await;
            let listed: Vec<String> = listed["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_owned())
                .collect();
            let body = d
                .app
                .get(&format!("/api/v1/{list}/export.csv"), token)
                .await
                .bytes()
                .await
                .unwrap();
            let rows = csv_rows(&body);
            let id_header = if list == "progress-entries" {
                "Entry ID"
            } else {
                "Recommendation ID"
            };
            let id_column = rows[0].iter().position(|h| h == id_header).unwrap();
            let mut exported: Vec<String> =
                rows[1..].iter().map(|r| r[id_column].clone()).collect();
            let mut listed = listed;
            exported.sort();
            listed.sort();
            assert_eq!(exported, listed, "{list}");
            if token == &police {
                assert!(!exported.is_empty(), "{list}");
                if list == "recommendations" {
                    assert_eq!(exported.len(), 3, "recommendations 1-3 are the police's");
                } else {
                    assert!(rows[1..].iter().all(|r| r[4] == "Cleveland Police"));
                }
            } else {
                assert!(exported.is_empty(), "{list}");
            }
        }
    }

    // Formula injection: a cell that a spreadsheet would run is defused in the CSV.
    let created = d
        .app
        .post(
            &format!("/api/v1/reviews/{review}/recommendations"),
            &d.officer,
            &serde_json::json!({"number": "5", "text": "=HYPERLINK(\"http://evil.example\",\"x\")"}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let body = d
        .app
        .get(
            &format!("/api/v1/recommendations/export.csv?review_id={review}&q=HYPERLINK"),
            &d.officer,
        )
        .await
        .bytes()
        .await
        .unwrap();
    let rows = csv_rows(&body);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][2], "'=HYPERLINK(\"http://evil.example\",\"x\")");
}

/// The records of a CSV export, after its byte order mark.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    parse_csv(text.strip_prefix('\u{FEFF}').expect("a byte order mark"))
}

/// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF records, line breaks in quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(
        field.is_empty() && row.is_empty(),
        "the last record ends with CRLF"
    );
    rows
}

#[tokio::test]
async fn a_viewer_gets_the_accepted_entries_and_no_one_gets_papers_without_signing_in() {
    let d = demo().await;
    let viewer = d
        .app
        .login("councillor@stockton.example", DEMO_PASSWORD)
        .await;
    let path = format!(
        "/api/v1/progress-rounds/{}/papers/progress-update.html",
        d.round
    );
    let response = d.app.get(&path, &viewer).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    // The demo's entries are all accepted: the viewer's paper has all four.
    for n in 1..=4 {
        assert!(html.contains(&format!("Recommendation {n}:")), "{n}");
    }
    let anonymous = d
        .app
        .request(reqwest::Method::GET, &path, None)
        .send()
        .await
        .unwrap();
    problem(anonymous, StatusCode::UNAUTHORIZED).await;
    let _: Value = get_json(&d.app, "/api/v1/me", &viewer).await;
}
