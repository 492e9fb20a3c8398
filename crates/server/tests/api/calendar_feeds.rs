//! Calendar feeds read back with an independent iCalendar parser (the `icalendar` crate): the demo
//! review's milestones ("May 2022", "September 2022", on each month's last working day) and its
//! call-in deadline (23:59 on 28 January 2022), with stable UIDs; a revoked feed answers 404.
use crate::fixtures::{conn, get_json, officer_of_another_council};
use crate::helpers::{fields, problem, TestApp};
use crate::support::{json_of, text};
use reqwest::{Method, StatusCode};
use scrutiny_server::accounts::{load_demo, DEMO_PASSWORD};
use scrutiny_server::demo::police_communications;
use scrutiny_server::demo_progress::load_progress;
use serde_json::json;

/// One event as the parser read it: (UID, DTSTART with its parameters, SUMMARY, DESCRIPTION).
#[derive(Debug, Clone)]
struct Parsed {
    uid: String,
    start: String,
    all_day: bool,
    summary: String,
    description: String,
}

fn parse(ics: &str) -> Vec<Parsed> {
    assert!(ics.contains("\r\n"), "CRLF line ends");
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a valid iCalendar");
    assert!(calendar
        .properties
        .iter()
        .any(|p| p.name == "VERSION" && p.val == "2.0"));
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            let prop = |name: &str| {
                c.find_prop(name)
                    .map(|p| p.val.clone().unescape_text().as_str().to_owned())
                    .unwrap_or_default()
            };
            let start = c.find_prop("DTSTART").expect("DTSTART");
            Parsed {
                uid: prop("UID"),
                start: start.val.as_str().to_owned(),
                all_day: start
                    .params
                    .iter()
                    .any(|p| p.key == "VALUE" && p.val.as_ref().is_some_and(|v| *v == "DATE")),
                summary: prop("SUMMARY"),
                description: prop("DESCRIPTION"),
            }
        })
        .collect()
}

#[tokio::test]
async fn a_feed_holds_the_seed_milestones_and_call_in_deadline_and_can_be_revoked() {
    let app = TestApp::spawn().await;
    let mut c = conn(&app).await;
    load_demo(&mut c).await.expect("the demo data loads");
    load_progress(&mut c, &police_communications())
        .await
        .expect("the demo progress loads");
    drop(c);
    let officer = app.login("officer@stockton.example", DEMO_PASSWORD).await;
    let created = json_of(
        app.post("/api/v1/calendar-feeds", &officer, &json!({"kind": "user"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let path = created["path"].as_str().unwrap().to_owned();
    assert!(path.starts_with("/api/v1/calendar-feeds/cal_") && path.ends_with(".ics"));
    // No token: the address is the credential.
    let response = app.request(Method::GET, &path, None).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let ics = text(response).await;
    let events = parse(&ics);
    let find = |needle: &str| {
        events
            .iter()
            .find(|e| e.summary.contains(needle))
            .unwrap_or_else(|| panic!("no event {needle:?} in {events:#?}"))
            .clone()
    };
    let may = find("(May 2022)");
    assert!(may.all_day);
    assert_eq!(may.start, "20220531", "the last working day of May 2022");
    assert!(
        may.description.contains("Due by the end of May 2022"),
        "{may:?}"
    );
    let september = find("(September 2022)");
    assert_eq!(september.start, "20220930");
    let call_in = find("Call-in deadline");
    assert!(!call_in.all_day);
    assert_eq!(
        call_in.start, "20220128T235900Z",
        "23:59 on 28 January 2022 (GMT)"
    );
    let mut uids: Vec<&str> = events.iter().map(|e| e.uid.as_str()).collect();
    let count = uids.len();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), count, "UIDs are unique");
    // The same UIDs on the next read, so clients replace events.
    let again = parse(&text(app.request(Method::GET, &path, None).send().await.unwrap()).await);
    let mut again_uids: Vec<String> = again.iter().map(|e| e.uid.clone()).collect();
    again_uids.sort();
    assert_eq!(again_uids, uids);

    // Listed without its address; revoked, it answers 404.
    let list = get_json(&app, "/api/v1/calendar-feeds", &officer).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert!(
        !list.to_string().contains("cal_"),
        "the token is not shown again"
    );
    let id = created["feed"]["id"].as_str().unwrap();
    json_of(
        app.post(
            &format!("/api/v1/calendar-feeds/{id}/revocation"),
            &officer,
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    problem(
        app.request(Method::GET, &path, None).send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(
        app.request(Method::GET, "/api/v1/calendar-feeds/cal_guessed.ics", None)
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;

    // A partner's feed holds what its organisation is responsible for; another council's officer
    // cannot make a feed of this council.
    let police = app
        .login("contributor@cleveland-police.example", DEMO_PASSWORD)
        .await;
    let created = json_of(
        app.post("/api/v1/calendar-feeds", &police, &json!({"kind": "user"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let police_events = parse(
        &text(
            app.request(Method::GET, created["path"].as_str().unwrap(), None)
                .send()
                .await
                .unwrap(),
        )
        .await,
    );
    assert!(!police_events.is_empty());
    assert!(police_events.len() <= events.len());
    let council_id = get_json(&app, "/api/v1/me", &officer).await["organisation_id"].clone();
    let (other, _) =
        officer_of_another_council(&app, "Hartlepool Borough Council", "o@hartlepool.example")
            .await;
    let p = problem(
        app.post(
            "/api/v1/calendar-feeds",
            &other,
            &json!({"kind": "organisation", "organisation_id": council_id}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&p), ["organisation_id"]);
}
