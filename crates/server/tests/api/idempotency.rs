//! `Idempotency-Key` on POSTs: a retry gets the first response and writes nothing again; the same
//! key for another request is 422; a request still in flight is 409; server errors release the
//! key; requests without a key behave as before.
use crate::attachments::{form, partner_entry, pdf, upload};
use crate::fixtures::{conn, signed_in};
use crate::helpers::{fields, problem, TestApp};
use crate::support::{audit, json_of};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use reqwest::{Method, Response, StatusCode};
use scrutiny_db::schema::idempotency_keys;
use serde_json::{json, Value};
use uuid::Uuid;

async fn post_keyed(app: &TestApp, path: &str, token: &str, key: &str, body: &Value) -> Response {
    app.request(Method::POST, path, Some(token))
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

fn replayed(response: &Response) -> bool {
    response
        .headers()
        .get("idempotency-replayed")
        .is_some_and(|v| v == "true")
}

async fn keys_stored(app: &TestApp) -> i64 {
    let mut c = conn(app).await;
    idempotency_keys::table
        .count()
        .get_result(&mut c)
        .await
        .unwrap()
}

async fn committees_named(app: &TestApp, name: &str) -> usize {
    let list = json_of(
        app.get("/api/v1/committees?limit=200", &app.admin).await,
        StatusCode::OK,
    )
    .await;
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["name"] == name)
        .count()
}

#[tokio::test]
async fn a_retried_create_gets_the_first_response_and_writes_once() {
    let app = TestApp::spawn().await;
    let key = Uuid::new_v4().to_string();
    let body = json!({"name": "Crime and Disorder Select Committee"});
    let first = post_keyed(&app, "/api/v1/committees", &app.admin, &key, &body).await;
    assert!(!replayed(&first));
    let first = json_of(first, StatusCode::CREATED).await;
    let retry = post_keyed(&app, "/api/v1/committees", &app.admin, &key, &body).await;
    assert!(replayed(&retry));
    assert_eq!(
        retry.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    let retry = json_of(retry, StatusCode::CREATED).await;
    assert_eq!(retry, first, "the same record, as first answered");
    assert_eq!(
        committees_named(&app, "Crime and Disorder Select Committee").await,
        1
    );
    assert_eq!(audit(&app, "action=committee.created").await.len(), 1);
    assert_eq!(keys_stored(&app).await, 1);
}

#[tokio::test]
async fn without_a_key_a_repeat_is_a_new_request() {
    let app = TestApp::spawn().await;
    let body = json!({"name": "Crime and Disorder Select Committee"});
    json_of(
        app.post("/api/v1/committees", &app.admin, &body).await,
        StatusCode::CREATED,
    )
    .await;
    let again = app.post("/api/v1/committees", &app.admin, &body).await;
    assert!(!replayed(&again));
    problem(again, StatusCode::CONFLICT).await;
    assert_eq!(keys_stored(&app).await, 0);
}

#[tokio::test]
async fn a_key_reused_for_another_request_is_refused() {
    let app = TestApp::spawn().await;
    let key = "partner-system-retry-0001";
    json_of(
        post_keyed(
            &app,
            "/api/v1/committees",
            &app.admin,
            key,
            &json!({"name": "Adult Social Care"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    // Another body.
    let body = problem(
        post_keyed(
            &app,
            "/api/v1/committees",
            &app.admin,
            key,
            &json!({"name": "Children and Young People"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&body), ["Idempotency-Key"]);
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("POST /api/v1/committees"));
    // Another path.
    let body = problem(
        post_keyed(
            &app,
            "/api/v1/calendars",
            &app.admin,
            key,
            &json!({"name": "Adult Social Care"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&body), ["Idempotency-Key"]);
    assert_eq!(committees_named(&app, "Children and Young People").await, 0);
    // Keys belong to their caller: another officer's same key is theirs alone.
    let officer = signed_in(&app, "officer@test.example", "officer", app.council_id).await;
    let theirs = post_keyed(
        &app,
        "/api/v1/committees",
        &officer,
        key,
        &json!({"name": "Children and Young People"}),
    )
    .await;
    assert!(!replayed(&theirs));
    json_of(theirs, StatusCode::CREATED).await;
    assert_eq!(keys_stored(&app).await, 2);
}

#[tokio::test]
async fn bad_keys_are_refused_and_anonymous_requests_pass_through() {
    let app = TestApp::spawn().await;
    let body = json!({"name": "Economic Growth"});
    for key in ["k".repeat(256), "has space".to_owned()] {
        let response = post_keyed(&app, "/api/v1/committees", &app.admin, &key, &body).await;
        let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(fields(&problem), ["Idempotency-Key"]);
    }
    let two = app
        .request(Method::POST, "/api/v1/committees", Some(&app.admin))
        .header("idempotency-key", "one")
        .header("idempotency-key", "two")
        .json(&body)
        .send()
        .await
        .unwrap();
    problem(two, StatusCode::UNPROCESSABLE_ENTITY).await;
    // The longest key is fine.
    let longest = "k".repeat(255);
    json_of(
        post_keyed(&app, "/api/v1/committees", &app.admin, &longest, &body).await,
        StatusCode::CREATED,
    )
    .await;
    // Without a valid token the handler answers, as without a key.
    let anonymous = app
        .request(Method::POST, "/api/v1/committees", None)
        .header("idempotency-key", "anonymous-1")
        .json(&body)
        .send()
        .await
        .unwrap();
    problem(anonymous, StatusCode::UNAUTHORIZED).await;
    let forged = app
        .request(Method::POST, "/api/v1/committees", Some("not-a-token"))
        .header("idempotency-key", "anonymous-1")
        .json(&body)
        .send()
        .await
        .unwrap();
    problem(forged, StatusCode::UNAUTHORIZED).await;
    assert_eq!(keys_stored(&app).await, 1);
}

#[tokio::test]
async fn client_errors_are_kept_and_replayed() {
    let app = TestApp::spawn().await;
    let key = "bad-body-1";
    let body = json!({"name": " "});
    let first = post_keyed(&app, "/api/v1/committees", &app.admin, key, &body).await;
    let first = problem(first, StatusCode::UNPROCESSABLE_ENTITY).await;
    let retry = post_keyed(&app, "/api/v1/committees", &app.admin, key, &body).await;
    assert!(replayed(&retry));
    let retry = problem(retry, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(retry, first);
}

#[tokio::test]
async fn in_flight_expired_and_abandoned_keys() {
    let app = TestApp::spawn().await;
    let key = "in-flight-1";
    let body = json!({"name": "Place Select Committee"});
    json_of(
        post_keyed(&app, "/api/v1/committees", &app.admin, key, &body).await,
        StatusCode::CREATED,
    )
    .await;
    let mut c = conn(&app).await;
    let row = idempotency_keys::table.filter(idempotency_keys::key.eq(key));
    // While the first request is still being handled, a retry is told to wait.
    diesel::update(row)
        .set((
            idempotency_keys::status.eq(None::<i32>),
            idempotency_keys::completed_at.eq(None::<chrono::DateTime<chrono::Utc>>),
        ))
        .execute(&mut c)
        .await
        .unwrap();
    let retry = post_keyed(&app, "/api/v1/committees", &app.admin, key, &body).await;
    let conflict = problem(retry, StatusCode::CONFLICT).await;
    assert!(conflict["detail"]
        .as_str()
        .unwrap()
        .contains("still being handled"));
    // A claim left for more than ten minutes was cut off (the server stopped): the retry runs
    // again, and meets the committee the first request made.
    diesel::sql_query(
        "UPDATE idempotency_keys SET created_at = now() - interval '11 minutes' WHERE key = $1",
    )
    .bind::<diesel::sql_types::Text, _>(key)
    .execute(&mut c)
    .await
    .unwrap();
    let retry = post_keyed(&app, "/api/v1/committees", &app.admin, key, &body).await;
    assert!(!replayed(&retry));
    let conflict = problem(retry, StatusCode::CONFLICT).await;
    assert!(conflict["detail"]
        .as_str()
        .unwrap()
        .contains("committee of that name"));
    // That answer is kept now …
    let retry = post_keyed(&app, "/api/v1/committees", &app.admin, key, &body).await;
    assert!(replayed(&retry));
    // … for a day.
    diesel::sql_query(
        "UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1",
    )
    .bind::<diesel::sql_types::Text, _>(key)
    .execute(&mut c)
    .await
    .unwrap();
    let other = json!({"name": "People Select Committee"});
    let after_a_day = post_keyed(&app, "/api/v1/committees", &app.admin, key, &other).await;
    assert!(!replayed(&after_a_day));
    json_of(after_a_day, StatusCode::CREATED).await;
    // Expired keys are purged by the server's housekeeping.
    diesel::sql_query("UPDATE idempotency_keys SET created_at = now() - interval '25 hours'")
        .execute(&mut c)
        .await
        .unwrap();
    let purged = scrutiny_api::idempotency::purge_expired(&app.pool)
        .await
        .unwrap();
    assert_eq!(purged, 1);
    assert_eq!(keys_stored(&app).await, 0);
}

#[tokio::test]
async fn uploads_are_replayed_whatever_boundary_the_retry_draws() {
    let app = TestApp::spawn().await;
    let fx = partner_entry(&app, "Cleveland Police").await;
    let key = Uuid::new_v4().to_string();
    let path = format!("/api/v1/progress-entries/{}/attachments", fx.entry);
    let send = async |bytes: Vec<u8>, title: &str| {
        // Each form draws its own multipart boundary.
        app.request(Method::POST, &path, Some(&fx.contributor))
            .header("idempotency-key", key.as_str())
            .multipart(form("Appendix 2.pdf", &bytes, Some(title)))
            .send()
            .await
            .unwrap()
    };
    let first = send(pdf(), "Appendix 2").await;
    let first = json_of(first, StatusCode::CREATED).await;
    let retry = send(pdf(), "Appendix 2").await;
    assert!(replayed(&retry));
    assert_eq!(json_of(retry, StatusCode::CREATED).await, first);
    // Another file or title under the same key is another request.
    let mut other = pdf();
    other.extend_from_slice(b"% revised\n");
    let body = problem(
        send(other, "Appendix 2").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&body), ["Idempotency-Key"]);
    let body = problem(
        send(pdf(), "Appendix 3").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&body), ["Idempotency-Key"]);
    let list = json_of(app.get(&path, &fx.officer).await, StatusCode::OK).await;
    assert_eq!(list["items"], json!([first]));
    assert_eq!(audit(&app, "action=attachment.uploaded").await.len(), 1);
    // Without a key, the same upload is a second attachment.
    json_of(
        upload(
            &app,
            &fx.contributor,
            fx.entry,
            form("Appendix 2.pdf", &pdf(), Some("Appendix 2")),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let list = json_of(app.get(&path, &fx.officer).await, StatusCode::OK).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn server_errors_release_the_key() {
    // Attachments go to a "directory" that is a file: every upload fails with a 500.
    let blocker =
        std::env::temp_dir().join(format!("scrutiny-not-a-dir-{}", Uuid::new_v4().simple()));
    std::fs::write(&blocker, b"in the way").unwrap();
    let configured = blocker.clone();
    let app = TestApp::spawn_with(move |s| {
        s.attachments_storage = scrutiny_server::settings::AttachmentStorage::Disk;
        s.attachments_directory = Some(configured.to_string_lossy().into_owned());
    })
    .await;
    let fx = partner_entry(&app, "Cleveland Police").await;
    let path = format!("/api/v1/progress-entries/{}/attachments", fx.entry);
    for _ in 0..2 {
        let response = app
            .request(Method::POST, &path, Some(&fx.contributor))
            .header("idempotency-key", "upload-1")
            .multipart(form("a.pdf", &pdf(), None))
            .send()
            .await
            .unwrap();
        assert!(!replayed(&response), "a server error is never replayed");
        problem(response, StatusCode::INTERNAL_SERVER_ERROR).await;
        assert_eq!(keys_stored(&app).await, 0, "the key is released");
    }
    let list = json_of(app.get(&path, &fx.officer).await, StatusCode::OK).await;
    assert_eq!(list["items"], json!([]), "the failed upload left no record");
    std::fs::remove_file(&blocker).unwrap();
}

/// A response that carries a secret (a service account's client secret) is never kept: the
/// store holds a hash of the request and a note, and a retry is told the first request succeeded.
#[tokio::test]
async fn a_response_with_a_secret_is_not_kept() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let key = Uuid::new_v4().to_string();
    let body =
        json!({"name": "Police records system", "role": "contributor", "organisation_id": police});
    let first = post_keyed(&app, "/api/v1/service-accounts", &app.admin, &key, &body).await;
    let first = json_of(first, StatusCode::CREATED).await;
    let secret = first["client_secret"].as_str().unwrap().to_owned();
    assert!(!secret.is_empty());

    let mut c = conn(&app).await;
    let bodies: Vec<Option<Vec<u8>>> = idempotency_keys::table
        .select(idempotency_keys::body)
        .load(&mut c)
        .await
        .unwrap();
    assert_eq!(bodies.len(), 1);
    let kept = String::from_utf8(bodies[0].clone().unwrap_or_default()).unwrap();
    assert!(!kept.contains(&secret), "the secret is stored: {kept}");

    let retry = post_keyed(&app, "/api/v1/service-accounts", &app.admin, &key, &body).await;
    assert!(replayed(&retry));
    let p = problem(retry, StatusCode::CONFLICT).await;
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.contains("succeeded (201)"), "{detail}");
    assert!(!p.to_string().contains(&secret));
    let accounts = json_of(
        app.get("/api/v1/service-accounts?limit=200", &app.admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        accounts["items"].as_array().unwrap().len(),
        1,
        "created once"
    );
}
