//! Service accounts: client credentials for partners' systems. The secret is shown once.
use crate::helpers::{etag, fields, problem, TestApp};
use crate::support::{all_pages, audit, json, json_of, text};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Creates a service account as admin; returns (account, client_secret).
async fn create(app: &TestApp, name: &str, role: &str, org: Uuid) -> (Value, String) {
    let response = app
        .post(
            "/api/v1/service-accounts",
            &app.admin,
            &json!({"name": name, "role": role, "organisation_id": org}),
        )
        .await;
    let body = json_of(response, StatusCode::CREATED).await;
    let secret = body["client_secret"].as_str().unwrap().to_owned();
    (body["account"].clone(), secret)
}

fn id(value: &Value) -> &str {
    value["id"].as_str().expect("an id")
}

fn client_id(account: &Value) -> &str {
    account["client_id"].as_str().expect("a client id")
}

async fn grant(app: &TestApp, client_id: &str, secret: &str) -> Response {
    app.token_response(&json!({"grant_type": "client_credentials",
        "client_id": client_id, "client_secret": secret}))
        .await
}

async fn token(app: &TestApp, client_id: &str, secret: &str) -> String {
    json_of(grant(app, client_id, secret).await, StatusCode::OK).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn current_etag(app: &TestApp, account: &str) -> String {
    etag(
        &app.get(&format!("/api/v1/service-accounts/{account}"), &app.admin)
            .await,
    )
}

/// PATCHes a service account as admin with a fresh ETag.
async fn update(app: &TestApp, account: &str, body: &Value) -> Response {
    let tag = current_etag(app, account).await;
    app.patch(
        &format!("/api/v1/service-accounts/{account}"),
        &app.admin,
        &tag,
        body,
    )
    .await
}

async fn rotate(app: &TestApp, account: &str, if_match: Option<&str>) -> Response {
    let mut request = app.request(
        Method::POST,
        &format!("/api/v1/service-accounts/{account}/secret"),
        Some(&app.admin),
    );
    if let Some(tag) = if_match {
        request = request.header("if-match", tag);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn the_client_secret_is_shown_once() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let response = app
        .post(
            "/api/v1/service-accounts",
            &app.admin,
            &json!({"name": "Police RMS", "role": "contributor", "organisation_id": police}),
        )
        .await;
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(etag(&response), "\"1\"");
    let created = json_of(response, StatusCode::CREATED).await;
    let secret = created["client_secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("cs_") && secret.len() > 40, "{secret}");
    let account = &created["account"];
    assert!(client_id(account).starts_with("sa_"));
    assert_eq!(account["name"], "Police RMS");
    assert_eq!(account["role"], "contributor");
    assert_eq!(account["organisation_id"], police.to_string());
    assert_eq!(account["active"], true);
    assert!(account["last_used_at"].is_null());
    assert_eq!(account["version"], 1);
    assert!(account.get("client_secret").is_none());

    // Reading it back never shows the secret again.
    let path = format!("/api/v1/service-accounts/{}", id(account));
    let mut bodies = Vec::new();
    for get in [
        path.clone(),
        "/api/v1/service-accounts".to_owned(),
        format!("/api/v1/service-accounts?organisation_id={police}&active=true"),
    ] {
        let r = app.get(&get, &app.admin).await;
        assert_eq!(r.status(), StatusCode::OK, "{get}");
        bodies.push(text(r).await);
    }
    let read: Value = serde_json::from_str(&bodies[0]).unwrap();
    assert_eq!(&read, account);
    let listed: Value = serde_json::from_str(&bodies[1]).unwrap();
    assert_eq!(
        listed["items"].as_array().unwrap(),
        std::slice::from_ref(account)
    );
    for body in &bodies {
        assert!(!body.contains(&secret), "the secret in {body}");
        assert!(!body.contains("client_secret"), "{body}");
    }
    // It works, and its use is recorded without changing its version.
    let access = token(&app, client_id(account), &secret).await;
    let me = json(app.get("/api/v1/me", &access).await).await;
    assert_eq!(me["id"], account["id"]);
    assert!(me["email"].is_null());
    let used = json(app.get(&path, &app.admin).await).await;
    assert!(used["last_used_at"].is_string());
    assert_eq!(used["version"], 1);
    assert!(!used.to_string().contains(&secret));
}

#[tokio::test]
async fn service_accounts_cannot_be_admins() {
    let app = TestApp::spawn().await;
    let invalid = |body: Value| {
        let app = &app;
        async move {
            let r = app
                .post("/api/v1/service-accounts", &app.admin, &body)
                .await;
            fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await)
        }
    };
    assert_eq!(
        invalid(json!({"name": "Root", "role": "admin", "organisation_id": app.council_id})).await,
        ["role"]
    );
    assert_eq!(
        invalid(json!({"name": " ", "role": "admin", "organisation_id": app.council_id})).await,
        ["name", "role"]
    );
    assert_eq!(
        invalid(json!({"name": "X", "role": "superuser", "organisation_id": app.council_id})).await,
        ["role"]
    );
    let (account, _) = create(&app, "Council BI", "viewer", app.council_id).await;
    let r = update(&app, id(&account), &json!({"role": "admin"})).await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&body), ["role"]);
    assert!(body["detail"].as_str().unwrap().contains("admin"));
    let now = json(
        app.get(
            &format!("/api/v1/service-accounts/{}", id(&account)),
            &app.admin,
        )
        .await,
    )
    .await;
    assert_eq!(now["role"], "viewer");
    let (items, _) = all_pages(&app, "/api/v1/service-accounts", &app.admin, 10).await;
    assert_eq!(items.len(), 1);
}

#[tokio::test]
async fn officer_service_accounts_need_a_council() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let r = app
        .post(
            "/api/v1/service-accounts",
            &app.admin,
            &json!({"name": "Police RMS", "role": "officer", "organisation_id": police}),
        )
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["role"]
    );
    let (council_system, _) = create(&app, "Council CRM", "officer", app.council_id).await;
    assert_eq!(council_system["role"], "officer");
    let (police_system, _) = create(&app, "Police RMS", "contributor", police).await;
    let r = update(&app, id(&police_system), &json!({"role": "officer"})).await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["role"]
    );
    let r = update(&app, id(&police_system), &json!({"role": "viewer"})).await;
    assert_eq!(json_of(r, StatusCode::OK).await["role"], "viewer");
    let r = app
        .post(
            "/api/v1/service-accounts",
            &app.admin,
            &json!({"name": "Nowhere", "role": "viewer", "organisation_id": Uuid::new_v4()}),
        )
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["organisation_id"]
    );
    assert_eq!(audit(&app, "action=service_account.created").await.len(), 2);
}

#[tokio::test]
async fn rotating_the_secret_needs_if_match_and_retires_the_old_one() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let (account, old) = create(&app, "Police RMS", "contributor", police).await;
    problem(
        rotate(&app, id(&account), None).await,
        StatusCode::PRECONDITION_REQUIRED,
    )
    .await;
    problem(
        rotate(&app, id(&account), Some("\"7\"")).await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    // Neither attempt changed anything.
    assert_eq!(
        grant(&app, client_id(&account), &old).await.status(),
        StatusCode::OK
    );
    let tag = current_etag(&app, id(&account)).await;
    assert_eq!(tag, "\"1\"");
    let response = rotate(&app, id(&account), Some(&tag)).await;
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(etag(&response), "\"2\"");
    let rotated = json_of(response, StatusCode::CREATED).await;
    let new = rotated["client_secret"].as_str().unwrap().to_owned();
    assert!(new.starts_with("cs_"));
    assert_ne!(new, old);
    assert_eq!(rotated["account"]["client_id"], account["client_id"]);
    assert_eq!(rotated["account"]["version"], 2);
    let at = |v: &Value| {
        chrono::DateTime::parse_from_rfc3339(v["secret_rotated_at"].as_str().unwrap()).unwrap()
    };
    assert!(at(&rotated["account"]) > at(&account));
    problem(
        grant(&app, client_id(&account), &old).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let access = token(&app, client_id(&account), &new).await;
    assert_eq!(
        app.get("/api/v1/me", &access).await.status(),
        StatusCode::OK
    );
    // The ETag it was rotated with is stale now.
    problem(
        rotate(&app, id(&account), Some(&tag)).await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    let events = audit(
        &app,
        &format!(
            "action=service_account.secret_rotated&entity_id={}",
            id(&account)
        ),
    )
    .await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["before"]["version"], 1);
    assert_eq!(events[0]["after"]["version"], 2);
    problem(
        rotate(&app, &Uuid::new_v4().to_string(), Some("\"1\"")).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn a_deactivated_account_loses_access_at_once() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let (account, secret) = create(&app, "Police RMS", "contributor", police).await;
    let (other, _) = create(&app, "Police Analytics", "viewer", police).await;
    let access = token(&app, client_id(&account), &secret).await;
    assert_eq!(
        app.get("/api/v1/me", &access).await.status(),
        StatusCode::OK
    );
    let r = update(&app, id(&account), &json!({"active": false})).await;
    let updated = json_of(r, StatusCode::OK).await;
    assert_eq!(updated["active"], false);
    assert_eq!(updated["version"], 2);
    problem(
        grant(&app, client_id(&account), &secret).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // The access token issued before is refused on its next request.
    let r = app.get("/api/v1/me", &access).await;
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    problem(r, StatusCode::UNAUTHORIZED).await;
    problem(
        app.get("/api/v1/organisations", &access).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // Lists tell active from revoked accounts.
    let revoked = json(
        app.get("/api/v1/service-accounts?active=false", &app.admin)
            .await,
    )
    .await;
    let ids: Vec<_> = revoked["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].clone())
        .collect();
    assert_eq!(ids, [account["id"].clone()]);
    let active = json(
        app.get("/api/v1/service-accounts?active=true", &app.admin)
            .await,
    )
    .await;
    assert_eq!(active["items"][0]["id"], other["id"]);
    let events = audit(
        &app,
        &format!("action=service_account.updated&entity_id={}", id(&account)),
    )
    .await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["before"]["active"], true);
    assert_eq!(events[0]["after"]["active"], false);
}

#[tokio::test]
async fn the_audit_trail_never_holds_the_secret() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let (account, first) = create(&app, "Police RMS", "contributor", police).await;
    token(&app, client_id(&account), &first).await;
    let tag = current_etag(&app, id(&account)).await;
    let rotated = json_of(
        rotate(&app, id(&account), Some(&tag)).await,
        StatusCode::CREATED,
    )
    .await;
    let second = rotated["client_secret"].as_str().unwrap().to_owned();
    token(&app, client_id(&account), &second).await;
    let r = update(&app, id(&account), &json!({"name": "Police RMS v2"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = update(&app, id(&account), &json!({"active": false})).await;
    assert_eq!(r.status(), StatusCode::OK);

    let events = audit(&app, &format!("entity_id={}", id(&account))).await;
    let actions: Vec<_> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "service_account.updated",
            "service_account.updated",
            "auth.client_token_issued",
            "service_account.secret_rotated",
            "auth.client_token_issued",
            "service_account.created",
        ]
    );
    let everything = json(app.get("/api/v1/audit-events?limit=200", &app.admin).await).await;
    let digests: Vec<String> = [&first, &second]
        .iter()
        .map(|s| hex::encode(Sha256::digest(s.as_bytes())))
        .collect();
    let serialised = everything.to_string();
    for needle in [first.as_str(), second.as_str(), &digests[0], &digests[1]] {
        assert!(!serialised.contains(needle), "{needle} in the audit trail");
    }
    assert!(!serialised.contains("client_secret"));
    assert!(!serialised.contains("secret_hash"));
    // The stored trail, not only the API's view of it.
    use diesel_async::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut conn = scrutiny_db::pool::unbound(&app.pool).await.unwrap();
    for needle in [&first, &second, &digests[0], &digests[1]] {
        let found: Count = diesel::sql_query(
            "SELECT count(*) AS n FROM audit_events e WHERE strpos(row_to_json(e)::text, $1) > 0",
        )
        .bind::<diesel::sql_types::Text, _>(needle)
        .get_result(&mut conn)
        .await
        .unwrap();
        assert_eq!(found.n, 0, "a secret in the stored audit trail");
    }
}

/// An officer service account needs a council, so its council may not become a police
/// organisation under it (as a council with officer or admin users may not).
#[tokio::test]
async fn an_officer_service_accounts_council_cannot_become_the_police() {
    let app = TestApp::spawn().await;
    let second = app
        .create_organisation("Hartlepool Borough Council", "council")
        .await;
    // Another council's accounts are the operator's to manage (its own admins aside).
    let operator = app.operator().await.to_owned();
    let body = json_of(
        app.post(
            "/api/v1/service-accounts",
            &operator,
            &json!({"name": "Council CRM", "role": "officer", "organisation_id": second}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let (account, secret) = (
        body["account"].clone(),
        body["client_secret"].as_str().unwrap().to_owned(),
    );
    let path = format!("/api/v1/organisations/{second}");
    let tag = etag(&app.get(&path, &operator).await);
    let r = app
        .patch(&path, &operator, &tag, &json!({"kind": "police"}))
        .await;
    problem(r, StatusCode::CONFLICT).await;
    let org = json(app.get(&path, &operator).await).await;
    assert_eq!(org["kind"], "council");
    let access = token(&app, client_id(&account), &secret).await;
    let me = json(app.get("/api/v1/me", &access).await).await;
    assert_eq!(me["role"], "officer");
    assert_eq!(me["organisation"]["kind"], "council");
}
