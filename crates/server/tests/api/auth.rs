use crate::helpers::{problem, TestApp, PASSWORD};
use crate::support::json_of;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn password_grant(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.token_response(&json!({"grant_type": "password", "email": email, "password": password}))
        .await
}

#[tokio::test]
async fn sign_in_gives_tokens_and_me() {
    let app = TestApp::spawn().await;
    let response = password_grant(&app, "ADMIN@test.example", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert!(body["refresh_token"].as_str().unwrap().starts_with("rt_"));
    let me: Value = app
        .get("/api/v1/me", body["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], "admin@test.example");
    assert_eq!(me["role"], "admin");
    assert_eq!(me["organisation"]["name"], "Test Council");
    assert_eq!(me["kind"], "user");
}

#[tokio::test]
async fn wrong_password_and_unknown_email_look_the_same() {
    let app = TestApp::spawn().await;
    let wrong = problem(
        password_grant(&app, "admin@test.example", "not-the-password").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let unknown = problem(
        password_grant(&app, "nobody@test.example", "not-the-password").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(wrong["detail"], unknown["detail"]);
    assert_eq!(wrong["type"], unknown["type"]);
}

#[tokio::test]
async fn missing_grant_fields_are_named() {
    let app = TestApp::spawn().await;
    let response = app.token_response(&json!({"grant_type": "password"})).await;
    let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(crate::helpers::fields(&body), ["email", "password"]);
    let response = app.token_response(&json!({"grant_type": "magic"})).await;
    let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(crate::helpers::fields(&body), ["grant_type"]);
}

#[tokio::test]
async fn sign_in_is_throttled_per_account_with_retry_after() {
    let app = TestApp::spawn_with(|s| s.login_per_account_burst = 3).await;
    for _ in 0..3 {
        let r = password_grant(&app, "victim@test.example", "guess-guess-guess").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = password_grant(&app, "Victim@test.example", "guess-guess-guess").await;
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1);
    problem(r, StatusCode::TOO_MANY_REQUESTS).await;
    // Other accounts are unaffected.
    assert_eq!(
        password_grant(&app, "admin@test.example", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn sign_in_is_throttled_per_address() {
    let app = TestApp::spawn_with(|s| {
        s.login_per_ip_burst = 2;
        s.login_per_ip_refill_ms = 60_000;
    })
    .await;
    // The admin's own sign-in at spawn used one attempt.
    assert_eq!(
        password_grant(&app, "a@test.example", "x-x-x-x-x-x")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let r = password_grant(&app, "b@test.example", "x-x-x-x-x-x").await;
    problem(r, StatusCode::TOO_MANY_REQUESTS).await;
}

#[tokio::test]
async fn refresh_tokens_rotate_and_reuse_revokes_the_family() {
    let app = TestApp::spawn().await;
    let first: Value = password_grant(&app, "admin@test.example", PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let rt1 = first["refresh_token"].as_str().unwrap().to_owned();
    let refreshed = app
        .token_response(&json!({"grant_type": "refresh_token", "refresh_token": rt1}))
        .await;
    assert_eq!(refreshed.status(), StatusCode::OK);
    let second: Value = refreshed.json().await.unwrap();
    let rt2 = second["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(rt1, rt2);
    // The rotated token comes back: theft is assumed, the whole family is revoked.
    let reuse = app
        .token_response(&json!({"grant_type": "refresh_token", "refresh_token": rt1}))
        .await;
    problem(reuse, StatusCode::UNAUTHORIZED).await;
    let after = app
        .token_response(&json!({"grant_type": "refresh_token", "refresh_token": rt2}))
        .await;
    problem(after, StatusCode::UNAUTHORIZED).await;
    assert_eq!(app.audit_count("auth.refresh_token_reused").await, 1);
}

#[tokio::test]
async fn sign_out_revokes_the_session() {
    let app = TestApp::spawn().await;
    let tokens: Value = password_grant(&app, "admin@test.example", PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let rt = tokens["refresh_token"].as_str().unwrap();
    let out = app
        .request(reqwest::Method::POST, "/api/v1/auth/revoke", None)
        .json(&json!({"refresh_token": rt}))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let again = app
        .token_response(&json!({"grant_type": "refresh_token", "refresh_token": rt}))
        .await;
    problem(again, StatusCode::UNAUTHORIZED).await;
    // Revoking an unknown token tells nothing.
    let unknown = app
        .request(reqwest::Method::POST, "/api/v1/auth/revoke", None)
        .json(&json!({"refresh_token": "rt_nope"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.audit_count("auth.signed_out").await, 1);
}

#[tokio::test]
async fn a_deactivated_user_loses_access_on_the_next_request() {
    let app = TestApp::spawn().await;
    let (token, _) = app.user_with_role("officer").await;
    assert_eq!(app.get("/api/v1/me", &token).await.status(), StatusCode::OK);
    let me: Value = app.get("/api/v1/me", &token).await.json().await.unwrap();
    let id = me["id"].as_str().unwrap();
    let user = app.get(&format!("/api/v1/users/{id}"), &app.admin).await;
    let etag = crate::helpers::etag(&user);
    let r = app
        .patch(
            &format!("/api/v1/users/{id}"),
            &app.admin,
            &etag,
            &json!({"active": false}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    problem(
        app.get("/api/v1/me", &token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[tokio::test]
async fn service_accounts_use_client_credentials() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let created = app
        .post(
            "/api/v1/service-accounts",
            &app.admin,
            &json!({"name": "Police RMS", "role": "contributor", "organisation_id": police}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let body: Value = created.json().await.unwrap();
    let client_id = body["account"]["client_id"].as_str().unwrap().to_owned();
    let secret = body["client_secret"].as_str().unwrap().to_owned();
    let token = app
        .token_response(&json!({"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}))
        .await;
    assert_eq!(token.status(), StatusCode::OK);
    let token: Value = token.json().await.unwrap();
    assert!(token.get("refresh_token").is_none());
    let me: Value = app
        .get("/api/v1/me", token["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["kind"], "service_account");
    assert_eq!(me["role"], "contributor");
    assert_eq!(me["organisation"]["id"], police.to_string());
    let bad = app
        .token_response(&json!({"grant_type": "client_credentials", "client_id": client_id, "client_secret": "cs_wrong"}))
        .await;
    problem(bad, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn changing_my_password_checks_the_current_one() {
    let app = TestApp::spawn().await;
    let (token, _) = app.user_with_role("viewer").await;
    let wrong = app
        .request(reqwest::Method::PUT, "/api/v1/me/password", Some(&token))
        .json(
            &json!({"current_password": "not-it-at-all", "new_password": "a brand new passphrase"}),
        )
        .send()
        .await
        .unwrap();
    let body = problem(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(crate::helpers::fields(&body), ["current_password"]);
    let ok = app
        .request(reqwest::Method::PUT, "/api/v1/me/password", Some(&token))
        .json(&json!({"current_password": PASSWORD, "new_password": "a brand new passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let tokens: Value = ok.json().await.unwrap();
    // The old token ended with the change; the new one works.
    problem(
        app.get("/api/v1/me", &token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let fresh = tokens["access_token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/me", fresh).await.status(), StatusCode::OK);
}

/// Behind the deployment's own proxy, the address that counts is the last `X-Forwarded-For`
/// entry (the one the proxy wrote): a client that makes up the entries before it still shares one
/// throttle bucket, and a different proxy-seen address gets its own.
#[tokio::test]
async fn forwarded_addresses_a_client_makes_up_do_not_escape_the_throttle() {
    let app = TestApp::spawn_with(|s| {
        s.trust_forwarded_for = true;
        s.login_per_ip_burst = 2;
        s.login_per_ip_refill_ms = 60_000;
    })
    .await;
    let attempt = |made_up: &'static str, proxy_saw: &'static str| {
        app.request(reqwest::Method::POST, "/api/v1/auth/token", None)
            .header("x-forwarded-for", format!("{made_up}, {proxy_saw}"))
            .json(&json!({"grant_type": "password", "email": "a@test.example", "password": "x-x-x-x-x-x"}))
            .send()
    };
    for made_up in ["10.0.0.1", "10.0.0.2"] {
        let r = attempt(made_up, "203.0.113.7").await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{made_up}");
    }
    let r = attempt("10.0.0.3", "203.0.113.7").await.unwrap();
    problem(r, StatusCode::TOO_MANY_REQUESTS).await;
    // Another address, as the proxy saw it, is throttled on its own.
    let r = attempt("10.0.0.3", "198.51.100.9").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

/// The secret earlier versions signed development tokens with, published in the repository's
/// history, and a few others anyone would guess.
const PUBLISHED_SECRETS: [&str; 4] = [
    "development-only-jwt-secret-do-not-use-in-production",
    "secret",
    "changeme",
    "scrutiny",
];

#[derive(diesel::QueryableByName)]
struct Kept {
    #[diesel(sql_type = diesel::sql_types::Text)]
    value: String,
}

/// No secret is in the source: a token with a real user's claims, signed with any published
/// value, is refused; the same claims signed with the key the server keeps are accepted (so the
/// forgery was well formed and only its key was wrong).
#[tokio::test]
async fn a_token_signed_with_a_published_secret_is_refused() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use diesel_async::RunQueryDsl;
    use scrutiny_api::auth::jwt::JwtKeys;
    use secrecy::SecretString;
    let app = TestApp::spawn().await;
    let payload = app.admin.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    let forge = |secret: &str| {
        JwtKeys::new(&SecretString::from(secret.to_owned()), 900)
            .issue(
                claims["sub"].as_str().unwrap().parse().unwrap(),
                claims["kind"].as_str().unwrap(),
                claims["role"].as_str().unwrap(),
                claims["org"].as_str().unwrap().parse().unwrap(),
                claims["cst"].as_str().unwrap(),
            )
            .unwrap()
    };
    for secret in PUBLISHED_SECRETS {
        let r = app.get("/api/v1/me", &forge(secret)).await;
        problem(r, StatusCode::UNAUTHORIZED).await;
    }
    let mut conn = scrutiny_db::pool::unbound(&app.pool).await.unwrap();
    let kept: Kept =
        diesel::sql_query("SELECT value FROM server_secrets WHERE name = 'jwt_signing'")
            .get_result(&mut conn)
            .await
            .unwrap();
    assert!(!PUBLISHED_SECRETS.contains(&kept.value.as_str()));
    let r = app.get("/api/v1/me", &forge(&kept.value)).await;
    assert_eq!(r.status(), StatusCode::OK);

    // With the kept key itself, a token is still refused unless it carries the account's
    // credential stamp, which nothing public tells: not the password's date, nor the id's time.
    let user: Value = json_of(app.get("/api/v1/me", &app.admin).await, StatusCode::OK).await;
    let id: uuid::Uuid = claims["sub"].as_str().unwrap().parse().unwrap();
    let (secs, nanos) = id.get_timestamp().unwrap().to_unix();
    let guesses = [
        (secs as i64 * 1000 + i64::from(nanos / 1_000_000)).to_string(),
        user["created_at"].as_str().unwrap_or_default().to_owned(),
        String::new(),
        "0".to_owned(),
    ];
    for guess in guesses {
        let token = JwtKeys::new(&SecretString::from(kept.value.clone()), 900)
            .issue(
                id,
                "user",
                claims["role"].as_str().unwrap(),
                claims["org"].as_str().unwrap().parse().unwrap(),
                &guess,
            )
            .unwrap();
        problem(
            app.get("/api/v1/me", &token).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
}

/// A session lasts at most its maximum lifetime from sign-in, however often it is refreshed; a
/// refresh near the end gets a token that expires at the end, not a full lifetime later.
#[tokio::test]
async fn a_session_ends_at_its_maximum_lifetime() {
    use diesel_async::RunQueryDsl;
    let app = TestApp::spawn_with(|s| {
        s.refresh_token_ttl_secs = 14 * 24 * 3600;
        s.session_max_secs = 12 * 3600;
    })
    .await;
    let first: Value = password_grant(&app, "admin@test.example", PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["refresh_expires_in"], 12 * 3600);
    let refresh = |token: Value| {
        let app = &app;
        async move {
            app.token_response(&json!({"grant_type": "refresh_token", "refresh_token": token}))
                .await
        }
    };
    // The session began eleven hours ago: the next token lives the hour that is left.
    let mut conn = scrutiny_db::pool::unbound(&app.pool).await.unwrap();
    diesel::sql_query("UPDATE refresh_tokens SET issued_at = issued_at - interval '11 hours'")
        .execute(&mut conn)
        .await
        .unwrap();
    let second: Value = json_of(
        refresh(first["refresh_token"].clone()).await,
        StatusCode::OK,
    )
    .await;
    let left = second["refresh_expires_in"].as_i64().unwrap();
    assert!((3590..=3600).contains(&left), "{left}");
    // Twelve hours on, the session is over.
    diesel::sql_query("UPDATE refresh_tokens SET issued_at = issued_at - interval '1 hour'")
        .execute(&mut conn)
        .await
        .unwrap();
    problem(
        refresh(second["refresh_token"].clone()).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

/// Junk refresh tokens do not share a throttle bucket with everyone's refresh: after many of
/// them, a real session still refreshes; one token tried again and again is throttled.
#[tokio::test]
async fn junk_refresh_tokens_do_not_block_anyone_elses_refresh() {
    let app = TestApp::spawn().await;
    let session: Value = password_grant(&app, "admin@test.example", PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    for i in 0..30 {
        let junk = app
            .token_response(
                &json!({"grant_type": "refresh_token", "refresh_token": format!("junk-{i}")}),
            )
            .await;
        problem(junk, StatusCode::UNAUTHORIZED).await;
    }
    let refreshed = app
        .token_response(&json!({"grant_type": "refresh_token",
                               "refresh_token": session["refresh_token"]}))
        .await;
    assert_eq!(refreshed.status(), StatusCode::OK);
    let mut throttled = false;
    for _ in 0..30 {
        let again = app
            .token_response(&json!({"grant_type": "refresh_token", "refresh_token": "junk-same"}))
            .await;
        if again.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(again.headers().contains_key("retry-after"));
            throttled = true;
            break;
        }
    }
    assert!(throttled, "one token tried 30 times is throttled");
    // Revocation is throttled the same way.
    let mut revoke_throttled = false;
    for _ in 0..30 {
        let r = app
            .request(reqwest::Method::POST, "/api/v1/auth/revoke", None)
            .json(&json!({"refresh_token": "junk-revoke"}))
            .send()
            .await
            .unwrap();
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            revoke_throttled = true;
            break;
        }
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
    assert!(revoke_throttled);
}

/// `/me` answers from the principal the request was authenticated as (no query), so it must be
/// forgotten whenever what it shows changes: here, at once, and from another process (a write
/// straight to the database), as soon as that commits.
#[tokio::test]
async fn me_follows_a_renamed_organisation_and_a_changed_email() {
    use diesel_async::{AsyncConnection, RunQueryDsl};
    let app = TestApp::spawn().await;
    let (token, org) = app.user_with_role("contributor").await;
    async fn me_of(app: &TestApp, token: &str) -> Value {
        json_of(app.get("/api/v1/me", token).await, StatusCode::OK).await
    }
    let before = me_of(&app, &token).await;
    assert_eq!(before["kind"], "user");
    assert_eq!(
        me_of(&app, &token).await,
        before,
        "kept and answered the same"
    );

    let path = format!("/api/v1/organisations/{org}");
    let etag = crate::helpers::etag(&app.get(&path, &app.admin).await);
    let renamed = app
        .patch(
            &path,
            &app.admin,
            &etag,
            &json!({"name": "Cleveland Police"}),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    assert_eq!(
        me_of(&app, &token).await["organisation"]["name"],
        "Cleveland Police"
    );

    // Another process renames it: the database announces it (to every server), and `/me`
    // follows.
    use futures_util::StreamExt;
    let mut listener = scrutiny_db::pool::listening(&app.db.url, "scrutiny_principals")
        .await
        .unwrap();
    let mut owner = diesel_async::AsyncPgConnection::establish(&app.db.url)
        .await
        .unwrap();
    diesel::sql_query(format!(
        "UPDATE organisations SET name = 'Cleveland Police Service' WHERE id = '{org}'"
    ))
    .execute(&mut owner)
    .await
    .unwrap();
    {
        let mut heard = std::pin::pin!(listener.notifications_stream());
        let first = tokio::time::timeout(std::time::Duration::from_secs(10), heard.next())
            .await
            .expect("a rename is announced")
            .unwrap()
            .unwrap();
        assert_eq!(first.payload, "*");
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while me_of(&app, &token).await["organisation"]["name"] != "Cleveland Police Service" {
        assert!(
            std::time::Instant::now() < deadline,
            "the rename was not heard"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    let id = before["id"].as_str().unwrap();
    diesel::sql_query(format!(
        "UPDATE users SET email = 'renamed-{id}@test.example' WHERE id = '{id}'"
    ))
    .execute(&mut owner)
    .await
    .unwrap();
    let wanted_email = format!("renamed-{id}@test.example");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let now = me_of(&app, &token).await;
        if now["email"] == wanted_email {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the announcement was not heard: {now}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
