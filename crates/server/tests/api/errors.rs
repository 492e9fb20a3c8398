//! Bad input of each kind gets its status and a problem+json body, and nothing is half-written.
use crate::helpers::{fields, problem, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn malformed_json_is_400() {
    let app = TestApp::spawn().await;
    let r = app
        .request(Method::POST, "/api/v1/organisations", Some(&app.admin))
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn wrong_media_type_is_415() {
    let app = TestApp::spawn().await;
    let r = app
        .request(Method::POST, "/api/v1/organisations", Some(&app.admin))
        .header("content-type", "text/plain")
        .body("name=x")
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
}

#[tokio::test]
async fn too_large_bodies_are_413() {
    let app = TestApp::spawn_with(|s| s.json_limit_bytes = 1024).await;
    let big = json!({"name": "x".repeat(5000), "kind": "police"});
    let r = app.post("/api/v1/organisations", &app.admin, &big).await;
    problem(r, StatusCode::PAYLOAD_TOO_LARGE).await;
}

#[tokio::test]
async fn validation_names_every_field_and_unknown_fields_are_rejected() {
    let app = TestApp::spawn().await;
    let r = app
        .post(
            "/api/v1/organisations",
            &app.admin,
            &json!({"name": " ", "kind": "army"}),
        )
        .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&body), ["name", "kind"]);
    let r = app
        .post(
            "/api/v1/organisations",
            &app.admin,
            &json!({"name": "X", "kind": "police", "colour": "blue"}),
        )
        .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&body), ["colour"]);
    let r = app
        .post(
            "/api/v1/organisations",
            &app.admin,
            &json!({"name": 7, "kind": "police"}),
        )
        .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&body), ["name"]);
}

#[tokio::test]
async fn missing_and_bad_tokens_are_401() {
    let app = TestApp::spawn().await;
    let r = app
        .request(Method::GET, "/api/v1/organisations", None)
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    problem(r, StatusCode::UNAUTHORIZED).await;
    problem(
        app.get("/api/v1/organisations", "not.a.jwt").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[tokio::test]
async fn unknown_records_and_routes_are_404() {
    let app = TestApp::spawn().await;
    let r = app
        .get(
            &format!("/api/v1/organisations/{}", uuid::Uuid::new_v4()),
            &app.admin,
        )
        .await;
    problem(r, StatusCode::NOT_FOUND).await;
    problem(
        app.get("/api/v1/organisations/not-a-uuid", &app.admin)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(
        app.get("/api/v1/no-such-thing", &app.admin).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn duplicates_are_409_and_write_nothing() {
    let app = TestApp::spawn().await;
    app.create_organisation("Cleveland Police", "police").await;
    let r = app
        .post(
            "/api/v1/organisations",
            &app.admin,
            &json!({"name": "cleveland police", "kind": "police"}),
        )
        .await;
    problem(r, StatusCode::CONFLICT).await;
    let list: serde_json::Value = app
        .get("/api/v1/organisations?kind=police", &app.admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.audit_count("organisation.created").await,
        2,
        "Test Council and Cleveland Police only"
    );
}

#[tokio::test]
async fn updates_need_a_current_if_match() {
    let app = TestApp::spawn().await;
    let id = app
        .create_organisation("Durham Constabulary", "police")
        .await;
    let path = format!("/api/v1/organisations/{id}");
    let read = app.get(&path, &app.admin).await;
    let etag = crate::helpers::etag(&read);
    let without = app
        .request(Method::PATCH, &path, Some(&app.admin))
        .json(&json!({"name": "Durham Police"}))
        .send()
        .await
        .unwrap();
    problem(without, StatusCode::PRECONDITION_REQUIRED).await;
    let first = app
        .patch(&path, &app.admin, &etag, &json!({"name": "Durham Police"}))
        .await;
    assert_eq!(first.status(), StatusCode::OK);
    let stale = app
        .patch(&path, &app.admin, &etag, &json!({"name": "Something Else"}))
        .await;
    problem(stale, StatusCode::PRECONDITION_FAILED).await;
    let now: serde_json::Value = app.get(&path, &app.admin).await.json().await.unwrap();
    assert_eq!(now["name"], "Durham Police");
    assert_eq!(now["version"], 2);
}

#[tokio::test]
async fn internal_errors_do_not_leak_their_cause() {
    let app = TestApp::spawn().await;
    // Break the audit table so that a write fails inside its transaction.
    let mut conn = scrutiny_db::pool::unbound(&app.pool).await.unwrap();
    use diesel_async::RunQueryDsl;
    // The application's role owns no table: act as the connecting (owner) user for this.
    diesel::sql_query("RESET ROLE")
        .execute(&mut conn)
        .await
        .unwrap();
    diesel::sql_query("ALTER TABLE audit_events RENAME TO must_be_set")
        .execute(&mut conn)
        .await
        .unwrap();
    let r = app
        .post(
            "/api/v1/organisations",
            &app.admin,
            &json!({"name": "Half Written", "kind": "fire"}),
        )
        .await;
    let body = problem(r, StatusCode::INTERNAL_SERVER_ERROR).await;
    assert!(body.get("detail").is_none());
    assert!(body["request_id"].is_string());
    assert!(!body.to_string().contains("must_be_set"));
    // The organisation was not written either: the audit record and the write share a transaction.
    let list: serde_json::Value = app
        .get("/api/v1/organisations?kind=fire", &app.admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
}

/// Statuses are fixed sets, declared as enums in the document: a value outside its set, in a
/// filter or in a body, is a 422 naming the field.
#[tokio::test]
async fn statuses_outside_their_set_are_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    for (path, field) in [
        ("/api/v1/recommendations?status=ok", "status"),
        ("/api/v1/reviews?status=ok", "status"),
        ("/api/v1/actions?status=ok", "status"),
        ("/api/v1/progress-rounds?status=ok", "status"),
        ("/api/v1/decisions?call_in_state=ok", "call_in_state"),
        ("/api/v1/progress-entries?state=submitted,ok", "state"),
    ] {
        let body = problem(
            app.get(path, &officer).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&body), [field], "{path}: {body}");
    }
    let r = app
        .post(
            "/api/v1/reviews",
            &officer,
            &json!({"committee_id": uuid::Uuid::nil(), "title": "T", "review_type": "other",
                    "status": "ok"}),
        )
        .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&body), ["status"], "{body}");

    let doc: serde_json::Value = app
        .request(Method::GET, "/api/openapi.json", None)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["RecommendationStatus"]["enum"],
        json!(["open", "closed", "withdrawn"])
    );
    assert_eq!(
        schemas["Recommendation"]["properties"]["status"]["$ref"],
        "#/components/schemas/RecommendationStatus"
    );
    assert_eq!(
        schemas["ProgressEntry"]["properties"]["allowed_transitions"]["items"]["$ref"],
        "#/components/schemas/SubmissionState"
    );
}

#[tokio::test]
async fn a_method_the_path_does_not_answer_is_405_with_allow() {
    let app = TestApp::spawn().await;
    let id = uuid::Uuid::now_v7();
    for (method, path, allow) in [
        ("TRACE", "/api/v1/reviews".to_owned(), "GET, POST"),
        ("DELETE", format!("/api/v1/reviews/{id}"), "GET, PATCH"),
        ("PUT", "/health/live".to_owned(), "GET"),
        ("POST", "/api/v1/calendar-feeds/cal_x.ics".to_owned(), "GET"),
    ] {
        let r = app
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                &path,
                Some(&app.admin),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["allow"], allow, "{method} {path}");
        let body = problem(r, StatusCode::METHOD_NOT_ALLOWED).await;
        assert_eq!(body["status"], 405);
    }
    // A path that does not exist is still 404, whatever the method.
    let r = app
        .request(Method::TRACE, "/api/v1/no-such-thing", Some(&app.admin))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

/// With the web app served beside the API, a method the API's or health's paths do not answer is
/// still 405 with `Allow` (the web app's files answer reads of other paths only).
#[tokio::test]
async fn beside_the_web_app_a_method_not_answered_is_still_405_with_allow() {
    let dir = std::env::temp_dir().join(format!("scrutiny-web-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    let static_dir = dir.to_str().unwrap().to_owned();
    let app = TestApp::spawn_with(|s| s.static_dir = Some(static_dir)).await;
    for (method, path, allow) in [
        ("TRACE", "/health/live", "GET"),
        ("PUT", "/health/ready", "GET"),
        ("TRACE", "/api/v1/reviews", "GET, POST"),
    ] {
        let r = app
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                path,
                Some(&app.admin),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["allow"], allow, "{method} {path}");
        assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    }
    // The web app's own pages are still served.
    let page = app
        .request(Method::GET, "/reviews", None)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("<title>app</title>"));
    std::fs::remove_dir_all(&dir).ok();
}
