//! Working-day calendars, their holidays, and council settings.
use crate::fixtures::{
    event_actions, officer_of_another_council, put_with, settings, signed_in, ENGLAND_AND_WALES,
};
use crate::helpers::{etag, fields, problem, TestApp};
use crate::support::{audit, json_of};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

async fn delete(app: &TestApp, path: &str, token: &str) -> Response {
    app.request(Method::DELETE, path, Some(token))
        .send()
        .await
        .unwrap()
}

/// Reads a list of holidays (which have no ids: the date is the key) to its end.
async fn all_holidays(app: &TestApp, path: &str, token: &str, limit: u32) -> (Vec<Value>, usize) {
    let separator = if path.contains('?') { '&' } else { '?' };
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut request = app.request(
            Method::GET,
            &format!("{path}{separator}limit={limit}"),
            Some(token),
        );
        if let Some(cursor) = &cursor {
            request = request.query(&[("cursor", cursor)]);
        }
        let page = json_of(request.send().await.unwrap(), StatusCode::OK).await;
        pages += 1;
        assert!(pages < 100, "paging does not end");
        let page_items = page["items"].as_array().unwrap().clone();
        assert!(page_items.len() <= limit as usize);
        items.extend(page_items);
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    (items, pages)
}

#[tokio::test]
async fn the_england_and_wales_calendar_is_seeded_and_readable_by_everyone() {
    let app = TestApp::spawn().await;
    let (contributor, _) = app.user_with_role("contributor").await;
    let list = json_of(
        app.get("/api/v1/calendars", &contributor).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"][0]["id"], ENGLAND_AND_WALES);
    assert_eq!(list["items"][0]["name"], "England and Wales");

    let path = format!("/api/v1/calendars/{ENGLAND_AND_WALES}/holidays");
    let (year, pages) = all_holidays(
        &app,
        &format!("{path}?from=2022-01-01&to=2022-12-31"),
        &contributor,
        4,
    )
    .await;
    let days: Vec<&str> = year.iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert_eq!(
        days,
        [
            "2022-01-03",
            "2022-04-15",
            "2022-04-18",
            "2022-05-02",
            "2022-06-02",
            "2022-06-03",
            "2022-08-29",
            "2022-09-19",
            "2022-12-26",
            "2022-12-27"
        ]
    );
    assert_eq!(year[7]["title"], "State Funeral of Queen Elizabeth II");
    assert_eq!(pages, 3);
    let (all, _) = all_holidays(&app, &path, &contributor, 200).await;
    assert_eq!(all.len(), 131);
    assert_eq!(all[0]["date"], "2015-01-01");
    assert_eq!(all[130]["date"], "2030-12-26");

    let r = app
        .get(&format!("{path}?from=2022&to=soon"), &contributor)
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["from", "to"]
    );
    let r = app
        .get(
            &format!("/api/v1/calendars/{}/holidays", Uuid::now_v7()),
            &contributor,
        )
        .await;
    problem(r, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn admins_keep_calendars_and_every_change_is_recorded() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let r = app
        .post(
            "/api/v1/calendars",
            &officer,
            &json!({"name": "Closure days"}),
        )
        .await;
    problem(r, StatusCode::FORBIDDEN).await;
    let r = app
        .post(
            "/api/v1/calendars",
            &app.admin,
            &json!({"name": "Closure days"}),
        )
        .await;
    assert_eq!(etag(&r), "\"1\"");
    let calendar = json_of(r, StatusCode::CREATED).await;
    let id = calendar["id"].as_str().unwrap();
    let r = app
        .post(
            "/api/v1/calendars",
            &app.admin,
            &json!({"name": "Closure days"}),
        )
        .await;
    problem(r, StatusCode::CONFLICT).await;
    let r = app
        .post("/api/v1/calendars", &app.admin, &json!({"name": " "}))
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["name"]
    );

    let holidays = format!("/api/v1/calendars/{id}/holidays");
    let holiday = json!({"date": "2022-01-26", "title": "Council closure day"});
    problem(
        app.post(&holidays, &officer, &holiday).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let added = json_of(
        app.post(&holidays, &app.admin, &holiday).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(added["date"], "2022-01-26");
    assert_eq!(added["title"], "Council closure day");
    assert_eq!(added["calendar_id"], json!(id));
    let p = problem(
        app.post(&holidays, &app.admin, &holiday).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("2022-01-26"));
    let r = app
        .post(
            &holidays,
            &app.admin,
            &json!({"date": "26 January 2022", "title": ""}),
        )
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["date", "title"]
    );
    let read = app.get(&format!("/api/v1/calendars/{id}"), &officer).await;
    assert_eq!(etag(&read), "\"2\"");

    // Removing is allowed for admins, and recorded with the removed day.
    problem(
        delete(&app, &format!("{holidays}/2022-01-26"), &officer).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let r = delete(&app, &format!("{holidays}/2022-01-26"), &app.admin).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    problem(
        delete(&app, &format!("{holidays}/2022-01-26"), &app.admin).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(
        delete(&app, &format!("{holidays}/someday"), &app.admin).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let list = json_of(app.get(&holidays, &officer).await, StatusCode::OK).await;
    assert_eq!(list["items"], json!([]));

    let removed = audit(&app, "action=holiday.removed").await;
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0]["before"]["date"], "2022-01-26");
    assert_eq!(removed[0]["before"]["title"], "Council closure day");
    assert!(removed[0]["after"].is_null());
    assert_eq!(audit(&app, "action=holiday.added").await.len(), 1);
    assert_eq!(audit(&app, "action=calendar.created").await.len(), 1);
    let history = json_of(
        app.get(&format!("/api/v1/calendars/{id}/history"), &officer)
            .await,
        StatusCode::OK,
    )
    .await;
    let actions = event_actions(&history);
    assert_eq!(
        actions,
        ["holiday.removed", "holiday.added", "calendar.created"]
    );
}

#[tokio::test]
async fn council_settings_default_then_saved_with_if_match() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let path = format!("/api/v1/councils/{}/settings", app.council_id);

    let r = app.get(&path, &officer).await;
    assert_eq!(etag(&r), "\"0\"");
    let defaults = json_of(r, StatusCode::OK).await;
    assert_eq!(defaults["calendar_id"], ENGLAND_AND_WALES);
    assert_eq!(defaults["call_in_working_days"], 5);
    assert_eq!(defaults["call_in_end_time"], "23:59");
    assert_eq!(defaults["time_zone"], "Europe/London");
    assert_eq!(defaults["first_update_months"], 12);
    assert_eq!(defaults["is_default"], true);

    // Every field at fault is named.
    let r = put_with(
        &app,
        &path,
        &officer,
        None,
        &json!({"calendar_id": Uuid::now_v7(), "call_in_working_days": 61, "call_in_end_time": "24:00",
                "time_zone": "Europe/Stockton", "first_update_months": 0}),
    )
    .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        [
            "call_in_working_days",
            "call_in_end_time",
            "first_update_months",
            "time_zone",
            "calendar_id"
        ]
    );

    // The first save needs no If-Match (or the defaults' "0").
    let mut body = settings(ENGLAND_AND_WALES, 10);
    body["call_in_end_time"] = json!("17:00");
    body["time_zone"] = json!("Europe/Dublin");
    let r = put_with(&app, &path, &officer, None, &body).await;
    assert_eq!(etag(&r), "\"1\"");
    let saved = json_of(r, StatusCode::OK).await;
    assert_eq!(saved["call_in_working_days"], 10);
    assert_eq!(saved["call_in_end_time"], "17:00");
    assert_eq!(saved["time_zone"], "Europe/Dublin");
    assert_eq!(saved["is_default"], false);
    // Then it does.
    let r = put_with(&app, &path, &officer, None, &settings(ENGLAND_AND_WALES, 5)).await;
    problem(r, StatusCode::PRECONDITION_REQUIRED).await;
    let r = put_with(
        &app,
        &path,
        &officer,
        Some("\"0\""),
        &settings(ENGLAND_AND_WALES, 5),
    )
    .await;
    problem(r, StatusCode::PRECONDITION_FAILED).await;
    let r = put_with(
        &app,
        &path,
        &app.admin,
        Some("\"1\""),
        &settings(ENGLAND_AND_WALES, 6),
    )
    .await;
    assert_eq!(etag(&r), "\"2\"");
    let read = json_of(app.get(&path, &officer).await, StatusCode::OK).await;
    assert_eq!(read["call_in_working_days"], 6);
    assert_eq!(read["call_in_end_time"], "23:59");

    let events = audit(&app, "action=council_settings.updated").await;
    assert_eq!(events.len(), 2);
    assert_eq!(events[1]["before"]["is_default"], true);
    assert_eq!(events[1]["after"]["call_in_working_days"], 10);
    assert_eq!(events[0]["before"]["call_in_working_days"], 10);
    let history = json_of(
        app.get(&format!("{path}/history"), &officer).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(history["items"].as_array().unwrap().len(), 2);

    // Viewers read but do not write; other councils' officers see neither; partners read.
    let (viewer, _) = app.user_with_role("viewer").await;
    json_of(app.get(&path, &viewer).await, StatusCode::OK).await;
    let r = put_with(
        &app,
        &path,
        &viewer,
        Some("\"2\""),
        &settings(ENGLAND_AND_WALES, 5),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN).await;
    let (outsider, _) = officer_of_another_council(
        &app,
        "Middlesbrough Council",
        "officer@middlesbrough.example",
    )
    .await;
    problem(app.get(&path, &outsider).await, StatusCode::NOT_FOUND).await;
    let r = put_with(
        &app,
        &path,
        &outsider,
        Some("\"2\""),
        &settings(ENGLAND_AND_WALES, 5),
    )
    .await;
    problem(r, StatusCode::NOT_FOUND).await;
    let (contributor, partner) = app.user_with_role("contributor").await;
    json_of(app.get(&path, &contributor).await, StatusCode::OK).await;
    // A partner organisation has no council settings.
    let r = app
        .get(&format!("/api/v1/councils/{partner}/settings"), &app.admin)
        .await;
    problem(r, StatusCode::NOT_FOUND).await;
}

/// The national calendars are every council's and kept by the operator; a council's admins keep
/// local calendars for their own closure days, which another council's people never see.
#[tokio::test]
async fn national_calendars_are_the_operators_and_local_ones_their_councils() {
    let app = TestApp::spawn().await;
    let national = format!("/api/v1/calendars/{ENGLAND_AND_WALES}/holidays");
    let boxing_day = json!({"date": "2031-12-26", "title": "Boxing Day"});
    problem(
        app.post(&national, &app.admin, &boxing_day).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let operator = app.operator().await.to_owned();
    json_of(
        app.post(&national, &operator, &boxing_day).await,
        StatusCode::CREATED,
    )
    .await;
    let scotland = json_of(
        app.post("/api/v1/calendars", &operator, &json!({"name": "Scotland"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert!(scotland["council_id"].is_null());

    // Each council's "Closure days" is its own, under the same name.
    let local = json_of(
        app.post(
            "/api/v1/calendars",
            &app.admin,
            &json!({"name": "Closure days"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(local["council_id"], json!(app.council_id));
    let local_id = local["id"].as_str().unwrap().to_owned();
    let other = app
        .create_organisation("Hartlepool Borough Council", "council")
        .await;
    let admin_b = signed_in(&app, "admin@hartlepool.example", "admin", other).await;
    let officer_b = signed_in(&app, "officer@hartlepool.example", "officer", other).await;
    let theirs = json_of(
        app.post(
            "/api/v1/calendars",
            &admin_b,
            &json!({"name": "Closure days"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(theirs["council_id"], json!(other));

    let listed = |token: String| {
        let app = &app;
        async move {
            let page = json_of(app.get("/api/v1/calendars", &token).await, StatusCode::OK).await;
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    let seen_by_b = listed(officer_b.clone()).await;
    assert!(seen_by_b.contains(&ENGLAND_AND_WALES.to_owned()));
    assert!(seen_by_b.contains(&theirs["id"].as_str().unwrap().to_owned()));
    assert!(!seen_by_b.contains(&local_id));
    for path in [
        format!("/api/v1/calendars/{local_id}"),
        format!("/api/v1/calendars/{local_id}/holidays"),
        format!("/api/v1/calendars/{local_id}/history"),
    ] {
        problem(app.get(&path, &officer_b).await, StatusCode::NOT_FOUND).await;
    }
    let closure = json!({"date": "2031-12-29", "title": "Council closure day"});
    let local_holidays = format!("/api/v1/calendars/{local_id}/holidays");
    problem(
        app.post(&local_holidays, &admin_b, &closure).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    json_of(
        app.post(&local_holidays, &app.admin, &closure).await,
        StatusCode::CREATED,
    )
    .await;
    // The partners who work with the council count its working days too.
    let (contributor, _) = app.user_with_role("contributor").await;
    assert!(listed(contributor).await.contains(&local_id));

    // A council's settings name a national calendar or one of its own.
    let current = app
        .get(&format!("/api/v1/councils/{other}/settings"), &admin_b)
        .await;
    let tag = etag(&current);
    let r = put_with(
        &app,
        &format!("/api/v1/councils/{other}/settings"),
        &admin_b,
        Some(&tag),
        &settings(&local_id, 5),
    )
    .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["calendar_id"]
    );
    let r = put_with(
        &app,
        &format!("/api/v1/councils/{other}/settings"),
        &admin_b,
        Some(&tag),
        &settings(theirs["id"].as_str().unwrap(), 5),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
}
