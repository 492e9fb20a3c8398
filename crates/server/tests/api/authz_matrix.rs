//! The authorisation matrix: every endpoint of `configure_v1` and `configure_health`, called by
//! every kind of caller, with the exact status each must get.
//!
//! The rules the table encodes:
//! - `/health/*`, `POST /auth/token` and `POST /auth/revoke` are public: everyone gets the same
//!   answer, with or without a token.
//! - Everything else needs an access token: anonymous callers get 401.
//! - Admins may do everything.
//! - Officers read organisations and contacts and write contacts; users, service accounts and
//!   the audit trail are 403 to them, as are organisation writes.
//! - Contributors read organisations, and only their own organisation's contacts: the list shows
//!   only those, and another organisation's contact is 404 (not 403: its existence is not told).
//!   Every write but their own password is 403.
//! - Viewers read organisations and contacts and write nothing (but their own password).
//! - A contributor service account (client-credentials grant) is a contributor, except that it
//!   has no password: `PUT /me/password` is 403.
//!
//! Writes send a valid body, so that an allowed caller gets its success status and a refused one
//! gets 403 for its role, not 422; updates send a fresh `If-Match`, so that 412/428 do not mask the
//! role check; names and emails are unique per call, so that repeated creates do not meet 409.
use crate::helpers::{id_of, problem, TestApp, PASSWORD};
use crate::support::{current_etag, json, json_of, text};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use uuid::Uuid;

/// The callers, in the order of the `expect` columns.
const CALLERS: [&str; 6] = [
    "anonymous",
    "admin",
    "officer",
    "contributor",
    "viewer",
    "contributor service account",
];
const ANONYMOUS: usize = 0;
const ADMIN: usize = 1;

const OK: u16 = 200;
const CREATED: u16 = 201;
const GONE: u16 = 204; // No Content
const UNAUTH: u16 = 401;
const DENIED: u16 = 403;
const HIDDEN: u16 = 404;

/// The records the path placeholders name, made by the admin before the walk.
struct Ids {
    council: Uuid,
    /// The organisation of the contributor and of the contributor service account.
    partner: Uuid,
    /// `{organisation}`: an organisation read and renamed.
    organisation: Uuid,
    /// `{user}`: a user read, renamed and given a new password.
    user: Uuid,
    /// `{contact}`: a contact of the council (not visible to contributors).
    contact: Uuid,
    /// `{partner_contact}`: a contact of the contributors' own organisation.
    partner_contact: Uuid,
    /// `{service_account}`: a service account read, renamed and given a new secret.
    service_account: Uuid,
    /// The credentials sent to `POST /auth/token`.
    client_id: String,
    client_secret: String,
}

impl Ids {
    fn fill(&self, template: &str) -> String {
        template
            .replace("{organisation}", &self.organisation.to_string())
            .replace("{user}", &self.user.to_string())
            .replace("{contact}", &self.contact.to_string())
            .replace("{partner_contact}", &self.partner_contact.to_string())
            .replace("{service_account}", &self.service_account.to_string())
    }
}

/// A valid body for one call; `tag` is unique to the call.
type BodyFn = fn(&Ids, &str) -> Value;

struct Row {
    method: &'static str,
    path: &'static str,
    body: Option<BodyFn>,
    /// The record whose current ETag is sent as `If-Match` (read as admin just before the call).
    if_match: Option<&'static str>,
    /// The status for each of `CALLERS`.
    expect: [u16; 6],
}

#[rustfmt::skip]
static MATRIX: &[Row] = &[
    // method, path, body, If-Match of,
    //   [anonymous, admin, officer, contributor, viewer, contributor service account]
    Row { method: "GET", path: "/health/live", body: None, if_match: None,
        expect: [OK, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/health/ready", body: None, if_match: None,
        expect: [OK, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/auth/token",
        body: Some(|ids, _| json!({"grant_type": "client_credentials",
            "client_id": ids.client_id, "client_secret": ids.client_secret})),
        if_match: None,
        expect: [OK, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/auth/revoke",
        body: Some(|_, tag| json!({"refresh_token": format!("rt_{tag}")})),
        if_match: None,
        expect: [GONE, GONE, GONE, GONE, GONE, GONE] },
    Row { method: "GET", path: "/api/v1/me", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/organisations", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/organisations",
        body: Some(|_, tag| json!({"name": format!("Org {tag}"), "kind": "health"})),
        if_match: None,
        expect: [UNAUTH, CREATED, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/organisations/{organisation}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "PATCH", path: "/api/v1/organisations/{organisation}",
        body: Some(|_, tag| json!({"name": format!("Org {tag}")})),
        if_match: Some("/api/v1/organisations/{organisation}"),
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/users", body: None, if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/users",
        body: Some(|ids, tag| json!({"email": format!("{tag}@matrix.example"),
            "name": format!("User {tag}"), "role": "viewer",
            "organisation_id": ids.council, "password": PASSWORD})),
        if_match: None,
        expect: [UNAUTH, CREATED, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/users/{user}", body: None, if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "PATCH", path: "/api/v1/users/{user}",
        body: Some(|_, tag| json!({"name": format!("User {tag}")})),
        if_match: Some("/api/v1/users/{user}"),
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "PUT", path: "/api/v1/users/{user}/password",
        body: Some(|_, tag| json!({"password": format!("new password {tag}")})),
        if_match: None,
        expect: [UNAUTH, GONE, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/contacts", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/contacts",
        body: Some(|ids, tag| json!({"name": format!("Contact {tag}"),
            "job_title": "Link officer", "email": format!("{tag}@contact.example"),
            "phone": "01642 526000", "organisation_id": ids.council})),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/contacts/{contact}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "GET", path: "/api/v1/contacts/{partner_contact}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "PATCH", path: "/api/v1/contacts/{contact}",
        body: Some(|_, tag| json!({"job_title": format!("Title {tag}")})),
        if_match: Some("/api/v1/contacts/{contact}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    // Contributors may not write even their own organisation's contacts.
    Row { method: "PATCH", path: "/api/v1/contacts/{partner_contact}",
        body: Some(|_, tag| json!({"job_title": format!("Title {tag}")})),
        if_match: Some("/api/v1/contacts/{partner_contact}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/service-accounts", body: None, if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/service-accounts",
        body: Some(|ids, tag| json!({"name": format!("System {tag}"), "role": "viewer",
            "organisation_id": ids.partner})),
        if_match: None,
        expect: [UNAUTH, CREATED, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/service-accounts/{service_account}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "PATCH", path: "/api/v1/service-accounts/{service_account}",
        body: Some(|_, tag| json!({"name": format!("System {tag}")})),
        if_match: Some("/api/v1/service-accounts/{service_account}"),
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/service-accounts/{service_account}/secret", body: None,
        if_match: Some("/api/v1/service-accounts/{service_account}"),
        expect: [UNAUTH, CREATED, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/audit-events", body: None, if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    // Last: changing one's own password ends one's earlier tokens (the answer carries new ones).
    Row { method: "PUT", path: "/api/v1/me/password",
        body: Some(|_, _| json!({"current_password": PASSWORD, "new_password": PASSWORD})),
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, DENIED] },
];

/// Creates a service account as admin; returns (id, client_id, client_secret).
async fn create_service_account(
    app: &TestApp,
    name: &str,
    role: &str,
    organisation: Uuid,
) -> (Uuid, String, String) {
    let created = app
        .post(
            "/api/v1/service-accounts",
            &app.admin,
            &json!({"name": name, "role": role, "organisation_id": organisation}),
        )
        .await;
    let body = json_of(created, StatusCode::CREATED).await;
    (
        body["account"]["id"].as_str().unwrap().parse().unwrap(),
        body["account"]["client_id"].as_str().unwrap().to_owned(),
        body["client_secret"].as_str().unwrap().to_owned(),
    )
}

/// An access token through the client-credentials grant.
async fn client_token(app: &TestApp, client_id: &str, client_secret: &str) -> String {
    let response = app
        .token_response(&json!({"grant_type": "client_credentials",
            "client_id": client_id, "client_secret": client_secret}))
        .await;
    let body = json_of(response, StatusCode::OK).await;
    body["access_token"].as_str().unwrap().to_owned()
}

async fn create_contact(app: &TestApp, name: &str, organisation: Uuid) -> Uuid {
    let response = app
        .post(
            "/api/v1/contacts",
            &app.admin,
            &json!({"name": name, "organisation_id": organisation}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    id_of(response).await
}

/// The records every placeholder names; `partner` is the contributors' organisation.
async fn fixtures(app: &TestApp, partner: Uuid) -> Ids {
    let organisation = app.create_organisation("Matrix Fire Service", "fire").await;
    let user = app
        .create_user("matrix-target@test.example", "viewer", app.council_id)
        .await;
    let contact = create_contact(app, "Council Contact", app.council_id).await;
    let partner_contact = create_contact(app, "Partner Contact", partner).await;
    let (service_account, _, _) =
        create_service_account(app, "Matrix Target System", "viewer", organisation).await;
    let (_, client_id, client_secret) =
        create_service_account(app, "Matrix Token System", "viewer", organisation).await;
    Ids {
        council: app.council_id,
        partner,
        organisation,
        user,
        contact,
        partner_contact,
        service_account,
        client_id,
        client_secret,
    }
}

/// Calls one cell of the matrix and returns its status.
async fn call(app: &TestApp, ids: &Ids, row: &Row, token: Option<&str>, tag: &str) -> u16 {
    let method = Method::from_bytes(row.method.as_bytes()).unwrap();
    let mut request = app.request(method, &ids.fill(row.path), token);
    if let Some(source) = row.if_match {
        request = request.header("if-match", current_etag(app, &ids.fill(source)).await);
    }
    if let Some(body) = row.body {
        request = request.json(&body(ids, tag));
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    if status.is_client_error() {
        // Refusals are problems, like every other error.
        let body = problem(response, status).await;
        assert!(
            !body.to_string().contains("$argon2"),
            "no hash in a problem"
        );
    } else {
        text(response).await;
    }
    status.as_u16()
}

fn unexpected(row: &Row, caller: usize, got: u16) -> Option<String> {
    let want = row.expect[caller];
    (got != want).then(|| {
        format!(
            "{} {} as {}: expected {want}, got {got}",
            row.method, row.path, CALLERS[caller]
        )
    })
}

#[tokio::test]
async fn every_endpoint_answers_every_caller_as_the_rules_say() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let (contributor, partner) = app.user_with_role("contributor").await;
    let (viewer, _) = app.user_with_role("viewer").await;
    let (_, client_id, secret) =
        create_service_account(&app, "Partner Case System", "contributor", partner).await;
    let service = client_token(&app, &client_id, &secret).await;
    let me = json(app.get("/api/v1/me", &service).await).await;
    assert_eq!(me["kind"], "service_account");
    assert_eq!(me["role"], "contributor");
    let ids = fixtures(&app, partner).await;
    let tokens: [Option<&str>; 6] = [
        None,
        Some(&app.admin),
        Some(&officer),
        Some(&contributor),
        Some(&viewer),
        Some(&service),
    ];
    assert_eq!(tokens.len(), CALLERS.len());
    let contributor_id = json(app.get("/api/v1/me", &contributor).await).await["id"].clone();
    let mut failures = Vec::new();
    let mut cells = 0;
    for (r, row) in MATRIX.iter().enumerate() {
        for (caller, token) in tokens.iter().enumerate() {
            let tag = format!("m{r}c{caller}-{}", Uuid::new_v4().simple());
            let got = call(&app, &ids, row, *token, &tag).await;
            cells += 1;
            failures.extend(unexpected(row, caller, got));
        }
    }
    assert_eq!(cells, MATRIX.len() * CALLERS.len());
    assert!(
        failures.is_empty(),
        "{} of {cells} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The refused writes wrote nothing: only the admin's and the officer's creations are there.
    // (The admin's earlier token ended with its own password change, the last row.)
    let admin = app.login("admin@test.example", PASSWORD).await;
    let orgs = json(
        app.get("/api/v1/organisations?kind=health&limit=200", &admin)
            .await,
    )
    .await;
    assert_eq!(orgs["items"].as_array().unwrap().len(), 1);
    let by_contributor = json(
        app.get(
            &format!(
                "/api/v1/audit-events?actor_id={}&limit=200",
                contributor_id.as_str().unwrap()
            ),
            &admin,
        )
        .await,
    )
    .await;
    let actions: BTreeSet<_> = by_contributor["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        actions,
        BTreeSet::from([
            "auth.signed_in".to_owned(),
            "user.password_changed".to_owned()
        ]),
        "a contributor's only writes are signing in and their own password"
    );
}

/// `/api/v1/users/{id}` and `/api/v1/users/{user}` name the same endpoint.
fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

#[tokio::test]
async fn every_documented_endpoint_has_a_row_in_the_matrix() {
    let app = TestApp::spawn().await;
    let response = app
        .request(Method::GET, "/api/openapi.json", None)
        .send()
        .await
        .unwrap();
    let document = json_of(response, StatusCode::OK).await;
    let mut documented = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in item.as_object().unwrap().keys() {
            if [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ]
            .contains(&method.as_str())
            {
                documented.insert((method.to_uppercase(), shape(path)));
            }
        }
    }
    let tabled: BTreeSet<_> = MATRIX
        .iter()
        .map(|row| (row.method.to_owned(), shape(row.path)))
        .collect();
    assert!(
        documented.len() >= 25,
        "the document lists the API: {documented:?}"
    );
    let missing: Vec<_> = documented.difference(&tabled).collect();
    assert!(
        missing.is_empty(),
        "endpoints without a row in the authorisation matrix: {missing:?}"
    );
    let stale: Vec<_> = tabled.difference(&documented).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for endpoints the API does not have: {stale:?}"
    );
    // Every row is well formed: public rows answer anonymous callers, the others refuse them.
    for row in MATRIX {
        let public = row.path.starts_with("/health/") || row.path.starts_with("/api/v1/auth/");
        assert_eq!(
            row.expect[ANONYMOUS] == UNAUTH,
            !public,
            "{} {}",
            row.method,
            row.path
        );
        assert!(
            (200..300).contains(&row.expect[ADMIN]),
            "admins may do everything: {} {}",
            row.method,
            row.path
        );
        assert_eq!(
            row.if_match.is_some(),
            row.method == "PATCH" || row.path.ends_with("/secret"),
            "updates send If-Match: {} {}",
            row.method,
            row.path
        );
    }
}

/// Endpoints only admins may call: the rows that refuse every other signed-in caller.
fn admin_only() -> Vec<&'static Row> {
    MATRIX
        .iter()
        .filter(|row| {
            (200..300).contains(&row.expect[ADMIN])
                && row.expect[ADMIN + 1..].iter().all(|&s| s == DENIED)
        })
        .collect()
}

#[tokio::test]
async fn a_new_contributor_is_refused_every_admin_endpoint() {
    // The first admin exists (TestApp makes it); they create an organisation and a contributor.
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let created = app
        .post(
            "/api/v1/users",
            &app.admin,
            &json!({"email": "pc.jones@cleveland.example", "name": "PC Jones",
                    "role": "contributor", "organisation_id": police, "password": PASSWORD}),
        )
        .await;
    let contributor_id = json_of(created, StatusCode::CREATED).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = app.login("pc.jones@cleveland.example", PASSWORD).await;
    let mut ids = fixtures(&app, police).await;
    // The contributor tries to change their own account too.
    ids.user = contributor_id.parse().unwrap();
    let rows = admin_only();
    let endpoints: BTreeSet<_> = rows.iter().map(|r| (r.method, r.path)).collect();
    assert_eq!(
        endpoints,
        BTreeSet::from([
            ("GET", "/api/v1/audit-events"),
            ("GET", "/api/v1/service-accounts"),
            ("GET", "/api/v1/service-accounts/{service_account}"),
            ("GET", "/api/v1/users"),
            ("GET", "/api/v1/users/{user}"),
            ("PATCH", "/api/v1/organisations/{organisation}"),
            ("PATCH", "/api/v1/service-accounts/{service_account}"),
            ("PATCH", "/api/v1/users/{user}"),
            ("POST", "/api/v1/organisations"),
            ("POST", "/api/v1/service-accounts"),
            ("POST", "/api/v1/service-accounts/{service_account}/secret"),
            ("POST", "/api/v1/users"),
            ("PUT", "/api/v1/users/{user}/password"),
        ])
    );
    let mut failures = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let tag = format!("a{r}-{}", Uuid::new_v4().simple());
        let got = call(&app, &ids, row, Some(&token), &tag).await;
        if got != DENIED {
            failures.push(format!("{} {}: got {got}", row.method, row.path));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Still a contributor, and nothing was written in their name but the sign-in.
    let me = json(app.get("/api/v1/me", &token).await).await;
    assert_eq!(me["role"], "contributor");
    let events = json(
        app.get(
            &format!("/api/v1/audit-events?actor_id={contributor_id}"),
            &app.admin,
        )
        .await,
    )
    .await;
    let actions: Vec<_> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["auth.signed_in"]);
}
