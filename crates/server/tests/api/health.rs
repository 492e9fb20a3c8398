use crate::helpers::{problem, TestApp};
use reqwest::StatusCode;

#[tokio::test]
async fn live_and_ready_answer() {
    let app = TestApp::spawn().await;
    let live = app
        .client
        .get(app.url("/health/live"))
        .send()
        .await
        .unwrap();
    assert_eq!(live.status(), StatusCode::OK);
    assert!(live.headers().contains_key("x-request-id"));
    let ready = app
        .client
        .get(app.url("/health/ready"))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_callers_request_id_is_echoed() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(app.url("/health/live"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "abc-123");
}

#[tokio::test]
async fn ready_is_503_when_migrations_are_missing() {
    let app = TestApp::spawn().await;
    let mut conn = scrutiny_db::pool::unbound(&app.pool).await.unwrap();
    use diesel_async::RunQueryDsl;
    diesel::sql_query("DELETE FROM __diesel_schema_migrations")
        .execute(&mut conn)
        .await
        .unwrap();
    let response = app
        .client
        .get(app.url("/health/ready"))
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::SERVICE_UNAVAILABLE).await;
}

#[tokio::test]
async fn an_unreachable_database_is_503_not_500() {
    let app = TestApp::spawn_with(|s| {
        s.database_url =
            secrecy::SecretString::from("postgres://postgres@127.0.0.1:1/nowhere".to_owned());
        s.database_wait_timeout_ms = 500;
    })
    .await;
    let ready = app
        .client
        .get(app.url("/health/ready"))
        .send()
        .await
        .unwrap();
    let body = problem(ready, StatusCode::SERVICE_UNAVAILABLE).await;
    assert!(
        !body.to_string().contains("127.0.0.1:1"),
        "no internals in {body}"
    );
    let me = app.get("/api/v1/me", "any-token").await;
    // The token is checked before the database is asked.
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn openapi_and_docs_are_served() {
    let app = TestApp::spawn().await;
    let spec = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(spec.status(), StatusCode::OK);
    let body: serde_json::Value = spec.json().await.unwrap();
    assert_eq!(body["openapi"], "3.1.0");
    let bare = app.client.get(app.url("/api/docs")).send().await.unwrap();
    assert!(bare.status().is_redirection());
    assert_eq!(bare.headers()["location"], "/api/docs/");
    let docs = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    let html = docs.text().await.unwrap();
    assert!(html.contains("swagger"), "swagger UI page");
    let script = app
        .client
        .get(app.url("/api/docs/swagger-ui-bundle.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        script.status(),
        StatusCode::OK,
        "swagger UI assets are vendored"
    );
}

/// Every pooled connection carries the statement timeout: a statement that runs longer is
/// cancelled by PostgreSQL and the connection is usable again.
#[tokio::test]
async fn a_runaway_statement_is_cancelled_by_the_pools_statement_timeout() {
    use diesel_async::RunQueryDsl;
    let db = crate::helpers::TestDb::new().await;
    let pool = scrutiny_db::pool::build_pool(
        &db.url,
        &scrutiny_db::pool::PoolOptions {
            statement_timeout: std::time::Duration::from_millis(200),
            ..scrutiny_db::pool::PoolOptions::new(1)
        },
    )
    .unwrap();
    let mut conn = scrutiny_db::pool::unbound(&pool).await.unwrap();
    let started = std::time::Instant::now();
    let e = diesel::sql_query("SELECT pg_sleep(5)")
        .execute(&mut conn)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("statement timeout"), "{e}");
    assert!(started.elapsed() < std::time::Duration::from_secs(4));
    diesel::sql_query("SELECT 1")
        .execute(&mut conn)
        .await
        .expect("the connection is usable after the cancel");
}

/// Every response carries the browser security headers; HSTS only when the request came over
/// HTTPS (here as a proxy reports it).
#[tokio::test]
async fn responses_carry_security_headers_and_hsts_over_https() {
    let app = TestApp::spawn().await;
    for path in [
        "/health/live",
        "/api/v1/me",
        "/api/docs/",
        "/api/openapi.json",
    ] {
        let r = app.client.get(app.url(path)).send().await.unwrap();
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self';") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        // Inline styles only where Swagger UI needs them, never inline script.
        assert_eq!(
            csp.contains("'unsafe-inline'"),
            path.starts_with("/api/docs"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("script-src 'self' 'unsafe"), "{path}: {csp}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert!(h.contains_key("permissions-policy"), "{path}");
        assert!(
            !h.contains_key("strict-transport-security"),
            "{path}: plain HTTP"
        );
    }
    let r = app
        .client
        .get(app.url("/health/live"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert!(r.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
}

/// When every pooled connection is busy, a request waits at most the pool's wait timeout and is
/// answered 503 with Retry-After, never left hanging; once the connections are free again, the
/// server answers as before without a restart.
#[tokio::test]
async fn an_exhausted_pool_answers_503_with_retry_after_then_recovers() {
    use diesel_async::RunQueryDsl;
    let app = TestApp::spawn_with(|s| {
        s.database_pool_size = 2;
        s.database_wait_timeout_ms = 300;
        s.jobs.enabled = false;
    })
    .await;
    // Hold every server connection: two requests wait on a table locked by this test.
    let mut lock = scrutiny_db::pool::unbound(&app.pool).await.unwrap();
    diesel::sql_query("BEGIN").execute(&mut lock).await.unwrap();
    diesel::sql_query("LOCK TABLE users IN ACCESS EXCLUSIVE MODE")
        .execute(&mut lock)
        .await
        .unwrap();
    let mut held = Vec::new();
    for _ in 0..2 {
        let request = app.request(reqwest::Method::GET, "/api/v1/me", Some(&app.admin));
        held.push(tokio::spawn(async move {
            request.send().await.unwrap().status()
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;

    let started = std::time::Instant::now();
    let response = app.get("/api/v1/me", &app.admin).await;
    let waited = started.elapsed();
    assert_eq!(response.headers()["retry-after"], "5");
    problem(response, StatusCode::SERVICE_UNAVAILABLE).await;
    assert!(waited < std::time::Duration::from_secs(5), "{waited:?}");

    diesel::sql_query("ROLLBACK")
        .execute(&mut lock)
        .await
        .unwrap();
    for request in held {
        assert_eq!(request.await.unwrap(), StatusCode::OK);
    }
    assert_eq!(
        app.get("/api/v1/me", &app.admin).await.status(),
        StatusCode::OK
    );
}
