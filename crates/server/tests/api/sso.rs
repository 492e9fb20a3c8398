//! Sign-in with a council's identity provider, end to end against a real OpenID provider
//! (`oidc-provider` from npm, `frontend/e2e/oidc-provider.mjs`) started on loopback: the
//! authorization code flow with PKCE, matching people to accounts, role rules, refusals, the
//! one-time code, logout, and managing providers.
use crate::helpers::{id_of, TestApp};
use crate::support::{audit, json, json_of};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use uuid::Uuid;

const CLIENT_ID: &str = "scrutiny-tracker";
const CLIENT_SECRET: &str = "a-client-secret-for-the-tests";

/// The test provider, stopped when dropped.
struct Idp {
    issuer: String,
    child: Child,
}

impl Drop for Idp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn frontend_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../frontend")
}

/// Starts the provider with one client (redirecting to `app`) and `accounts`.
fn start_idp(app: &TestApp, accounts: Value) -> Idp {
    let dir = frontend_dir();
    assert!(
        dir.join("node_modules/oidc-provider").is_dir(),
        "the test OpenID provider needs the frontend's packages: cd frontend && npm ci"
    );
    let config = json!({
        "clients": [{
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [app.url("/api/v1/auth/oidc/callback")],
            "post_logout_redirect_uris": [app.url("/sign-in")],
        }],
        "accounts": accounts,
    });
    let mut child = Command::new("node")
        .arg("e2e/oidc-provider.mjs")
        .arg(config.to_string())
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node starts the test OpenID provider");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let issuer = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("the provider did not start: {line:?}"))
        .to_owned();
    Idp { issuer, child }
}

async fn spawn_app() -> TestApp {
    TestApp::spawn_with(|s| {
        s.oidc_allow_http = true;
        s.oidc_allow_private = true;
    })
    .await
}

/// A browser: keeps cookies, follows no redirects by itself.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn location(response: &reqwest::Response, base: &str) -> String {
    let raw = response
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("no Location in a {} answer", response.status()))
        .to_str()
        .unwrap();
    url::Url::parse(base)
        .unwrap()
        .join(raw)
        .unwrap()
        .to_string()
}

/// Signs `username` in through provider `provider_id` as a browser would, from the start
/// address to the web app's landing page; answers the landing page's fragment as pairs.
async fn browse_sign_in(app: &TestApp, provider_id: Uuid, username: &str) -> Vec<(String, String)> {
    let browser = browser();
    let start = app.url(&format!(
        "/api/v1/auth/oidc/{provider_id}/start?return_to=/reviews"
    ));
    let mut url = start;
    let mut posted = false;
    for _ in 0..20 {
        let response = browser.get(&url).send().await.unwrap();
        let status = response.status();
        if status.is_redirection() {
            url = location(&response, &url);
            if url.contains("/signin/sso#") {
                let fragment = url.split_once('#').unwrap().1.to_owned();
                return url::form_urlencoded::parse(fragment.as_bytes())
                    .into_owned()
                    .collect();
            }
            continue;
        }
        assert_eq!(status, StatusCode::OK, "{url}");
        let page = response.text().await.unwrap();
        assert!(!posted, "the sign-in page came back: {page}");
        assert!(page.contains("name=\"username\""), "{page}");
        // The interaction's form posts to /interaction/{uid}/login.
        let action = format!("{}/login", url.trim_end_matches('/'));
        let response = browser
            .post(&action)
            .form(&[("username", username)])
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_redirection(),
            "the sign-in page answered {}: {}",
            response.status(),
            response.text().await.unwrap_or_default()
        );
        url = location(&response, &action);
        posted = true;
    }
    panic!("the sign-in did not come back to the web app");
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

async fn exchange(app: &TestApp, code: &str) -> reqwest::Response {
    app.token_response(&json!({"grant_type": "authorization_code", "code": code}))
        .await
}

async fn register(app: &TestApp, issuer: &str, extra: Value) -> Uuid {
    let mut body = json!({
        "name": "Test Council staff",
        "issuer": issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scopes": "openid email profile groups",
        "role_mappings": [
            {"claim": "groups", "value": "scrutiny-officers", "role": "officer"},
            {"claim": "groups", "value": "scrutiny-admins", "role": "admin"}
        ],
        "create_users": true,
        "email_domains": ["council.example"],
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let response = app
        .post("/api/v1/identity-providers", &app.admin, &body)
        .await;
    let created = json_of(response, StatusCode::CREATED).await;
    assert_eq!(created["has_client_secret"], true);
    assert!(created.get("client_secret").is_none(), "{created}");
    created["id"].as_str().unwrap().parse().unwrap()
}

async fn me(app: &TestApp, token: &str) -> Value {
    json(app.get("/api/v1/me", token).await).await
}

#[tokio::test]
async fn council_staff_sign_in_through_their_councils_identity_provider() {
    let app = spawn_app().await;
    let partner = app.create_organisation("Cleveland Police", "police").await;
    let partner_person = app
        .create_user("partner.person@council.example", "contributor", partner)
        .await;
    let existing = app
        .create_user("existing.person@council.example", "viewer", app.council_id)
        .await;
    let idp = start_idp(
        &app,
        json!({
            "officer1": {"email": "New.Officer@council.example", "email_verified": true,
                         "name": "Nia Officer", "groups": ["everyone", "scrutiny-officers"]},
            "viewer1": {"email": "new.viewer@council.example", "email_verified": true,
                        "name": "Vic Viewer", "groups": ["everyone"]},
            "existing": {"email": "existing.person@council.example", "email_verified": true,
                         "name": "Existing Person", "groups": ["scrutiny-officers"]},
            "unverified": {"email": "unverified@council.example", "email_verified": false,
                           "name": "Una Verified"},
            "elsewhere": {"email": "someone@elsewhere.example", "email_verified": true,
                          "name": "Else Where"},
            "partner": {"email": "partner.person@council.example", "email_verified": true,
                        "name": "Partner Person", "groups": ["scrutiny-admins"]}
        }),
    );
    let provider = register(&app, &idp.issuer, json!({})).await;

    // The sign-in page offers it, without a token.
    let options = json(
        app.request(Method::GET, "/api/v1/auth/providers", None)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(options["items"][0]["id"], provider.to_string());
    assert_eq!(options["items"][0]["council_name"], "Test Council");

    // A new person whose group a rule maps: an officer of the council, signed in.
    let landing = browse_sign_in(&app, provider, "officer1").await;
    assert_eq!(field(&landing, "next"), Some("/reviews"), "{landing:?}");
    let code = field(&landing, "code").expect("a one-time code").to_owned();
    let response = exchange(&app, &code).await;
    let tokens = json_of(response, StatusCode::OK).await;
    let access = tokens["access_token"].as_str().unwrap();
    assert!(tokens["refresh_token"].as_str().is_some());
    let logout = tokens["logout_url"].as_str().expect("a logout address");
    assert!(logout.starts_with(&idp.issuer), "{logout}");
    assert!(logout.contains("id_token_hint="), "{logout}");
    let who = me(&app, access).await;
    assert_eq!(who["role"], "officer", "{who}");
    assert_eq!(who["email"], "new.officer@council.example");
    assert_eq!(who["name"], "Nia Officer");
    assert_eq!(
        who["organisation"]["id"],
        app.council_id.to_string(),
        "{who}"
    );
    // The code works once.
    assert_eq!(
        exchange(&app, &code).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // The account has no password: nothing typed signs it in (not even the phrase the server
    // checks unknown accounts against, to keep timing even).
    for password in ["x", "a password nobody has, to keep timing even", "!sso:"] {
        let response = app
            .token_response(&json!({"grant_type": "password",
                "email": "new.officer@council.example", "password": password}))
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{password:?}");
    }
    // The session is like any other: it refreshes.
    let refreshed = app
        .token_response(&json!({"grant_type": "refresh_token",
                                "refresh_token": tokens["refresh_token"]}))
        .await;
    assert_eq!(refreshed.status(), StatusCode::OK);
    let user_id = who["id"].as_str().unwrap();
    let trail = audit(&app, &format!("entity_type=user&entity_id={user_id}")).await;
    let actions: Vec<&str> = trail.iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"user.created"), "{actions:?}");
    assert!(actions.contains(&"auth.signed_in"), "{actions:?}");
    let created = trail
        .iter()
        .find(|e| e["action"] == "user.created")
        .unwrap();
    assert_eq!(created["actor"]["name"], "sign-in with Test Council staff");

    // Again: the same account, found by its subject.
    let again = browse_sign_in(&app, provider, "officer1").await;
    let tokens = json_of(
        exchange(&app, field(&again, "code").unwrap()).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        me(&app, tokens["access_token"].as_str().unwrap()).await["id"],
        user_id
    );

    // No rule matches: never more than a viewer.
    let landing = browse_sign_in(&app, provider, "viewer1").await;
    let tokens = json_of(
        exchange(&app, field(&landing, "code").unwrap()).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        me(&app, tokens["access_token"].as_str().unwrap()).await["role"],
        "viewer"
    );

    // An account the council made: linked by its verified email, its role set by the rule.
    let landing = browse_sign_in(&app, provider, "existing").await;
    let tokens = json_of(
        exchange(&app, field(&landing, "code").unwrap()).await,
        StatusCode::OK,
    )
    .await;
    let who = me(&app, tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(who["id"], existing.to_string());
    assert_eq!(who["role"], "officer");
    let trail = audit(&app, &format!("entity_type=user&entity_id={existing}")).await;
    let actions: Vec<&str> = trail.iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"user.identity_linked"), "{actions:?}");
    assert!(actions.contains(&"user.role_mapped"), "{actions:?}");

    // Refused, each with a reason for the person: an unverified address, a domain the provider
    // may not make accounts for, a partner's account (never linked across organisations).
    for (username, says) in [
        ("unverified", "verified email"),
        ("elsewhere", "no account for someone@elsewhere.example"),
        ("partner", "another organisation"),
    ] {
        let landing = browse_sign_in(&app, provider, username).await;
        assert!(field(&landing, "code").is_none(), "{username}: {landing:?}");
        let error = field(&landing, "error").unwrap_or_default();
        assert!(error.contains(says), "{username}: {error}");
    }
    let partner_user = json(
        app.get(&format!("/api/v1/users/{partner_person}"), &app.admin)
            .await,
    )
    .await;
    assert_eq!(partner_user["role"], "contributor", "{partner_user}");

    // Unknown people get no account when the provider may not make them.
    let response = app
        .patch(
            &format!("/api/v1/identity-providers/{provider}"),
            &app.admin,
            "\"1\"",
            &json!({"create_users": false}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let landing = browse_sign_in(&app, provider, "elsewhere").await;
    assert!(field(&landing, "error").unwrap().contains("no account"));
}

#[tokio::test]
async fn a_sign_in_works_once_and_only_from_its_own_start() {
    let app = spawn_app().await;
    let idp = start_idp(
        &app,
        json!({"officer1": {"email": "o@council.example", "email_verified": true,
                            "groups": ["scrutiny-officers"]}}),
    );
    let provider = register(&app, &idp.issuer, json!({})).await;
    // A callback whose state this server never issued, or none at all.
    for query in [
        "state=forged&code=x",
        "code=x",
        "state=&error=access_denied",
    ] {
        let response = app
            .request(
                Method::GET,
                &format!("/api/v1/auth/oidc/callback?{query}"),
                None,
            )
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{query}");
        let to = location(&response, &app.address);
        assert!(to.contains("/signin/sso#error="), "{query}: {to}");
    }
    // A callback replayed: the state was used.
    let browser = browser();
    let response = browser
        .get(app.url(&format!("/api/v1/auth/oidc/{provider}/start")))
        .send()
        .await
        .unwrap();
    let mut url = location(&response, &app.address);
    let authorization = url::Url::parse(&url).unwrap();
    let query: std::collections::HashMap<_, _> = authorization.query_pairs().into_owned().collect();
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["client_id"], CLIENT_ID);
    assert_eq!(query["redirect_uri"], app.url("/api/v1/auth/oidc/callback"));
    let callback = loop {
        let response = browser.get(&url).send().await.unwrap();
        if response.status() == StatusCode::OK {
            let action = format!("{}/login", url.trim_end_matches('/'));
            let response = browser
                .post(&action)
                .form(&[("username", "officer1")])
                .send()
                .await
                .unwrap();
            url = location(&response, &action);
            continue;
        }
        url = location(&response, &url);
        if url.starts_with(&app.url("/api/v1/auth/oidc/callback")) {
            break url;
        }
    };
    let first = browser.get(&callback).send().await.unwrap();
    assert!(location(&first, &app.address).contains("#code="));
    let replay = browser.get(&callback).send().await.unwrap();
    let to = location(&replay, &app.address);
    assert!(to.contains("#error=") && to.contains("already"), "{to}");

    // A provider turned off offers nothing and starts nothing.
    app.patch(
        &format!("/api/v1/identity-providers/{provider}"),
        &app.admin,
        "\"1\"",
        &json!({"enabled": false}),
    )
    .await;
    let options = json(
        app.request(Method::GET, "/api/v1/auth/providers", None)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(options["items"], json!([]));
    let response = browser
        .get(app.url(&format!("/api/v1/auth/oidc/{provider}/start")))
        .send()
        .await
        .unwrap();
    assert!(location(&response, &app.address).contains("/signin/sso#error="));
    // An unknown code gets the token endpoint's 401.
    assert_eq!(
        exchange(&app, "nonsense").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_unreachable_or_wrong_provider_says_so_and_signs_nobody_in() {
    let app = spawn_app().await;
    // Nothing listens there.
    let provider = register(&app, "http://127.0.0.1:9", json!({})).await;
    let response = app
        .request(
            Method::GET,
            &format!("/api/v1/auth/oidc/{provider}/start"),
            None,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let to = location(&response, &app.address);
    assert!(
        to.contains("#error=") && to.contains("cannot+be+reached"),
        "{to}"
    );

    // The deployment refuses private addresses unless allowed: the provider is not reached.
    let strict = TestApp::spawn_with(|s| s.oidc_allow_http = true).await;
    let idp = start_idp(&strict, json!({}));
    let response = strict
        .post(
            "/api/v1/identity-providers",
            &strict.admin,
            &json!({"name": "Staff", "issuer": idp.issuer, "client_id": CLIENT_ID}),
        )
        .await;
    let id = id_of(response).await;
    let response = strict
        .request(Method::GET, &format!("/api/v1/auth/oidc/{id}/start"), None)
        .send()
        .await
        .unwrap();
    assert!(location(&response, &strict.address).contains("cannot+be+reached"));
}

#[tokio::test]
async fn council_admins_manage_their_councils_identity_providers() {
    let app = TestApp::spawn().await;
    let valid = json!({"name": "Staff", "issuer": "https://login.council.example/realms/staff",
                       "client_id": "tracker", "client_secret": "s3cret"});
    // Only https, a real scope list with openid, rules with council roles, plausible domains.
    let response = app
        .post(
            "/api/v1/identity-providers",
            &app.admin,
            &json!({"name": " ", "issuer": "http://idp.council.example", "client_id": "x",
                    "scopes": "email profile",
                    "role_mappings": [{"claim": "groups", "value": "p", "role": "contributor"}],
                    "email_domains": ["not a domain"]}),
        )
        .await;
    let problem = json_of(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    for f in [
        "name",
        "issuer",
        "scopes",
        "role_mappings[0].role",
        "email_domains[0]",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let response = app
        .post("/api/v1/identity-providers", &app.admin, &valid)
        .await;
    let created = json_of(response, StatusCode::CREATED).await;
    let id = created["id"].as_str().unwrap();
    assert_eq!(created["scopes"], "openid email profile");
    assert_eq!(created["create_users"], false);
    // The secret is never read back, nor kept in the audit trail.
    let trail = audit(
        &app,
        &format!("entity_type=identity_provider&entity_id={id}"),
    )
    .await;
    assert_eq!(trail[0]["action"], "identity_provider.created");
    assert!(!trail[0].to_string().contains("s3cret"));
    let read = json(
        app.get(&format!("/api/v1/identity-providers/{id}"), &app.admin)
            .await,
    )
    .await;
    assert!(!read.to_string().contains("s3cret"));
    // Removing the secret makes a public client.
    let response = app
        .patch(
            &format!("/api/v1/identity-providers/{id}"),
            &app.admin,
            "\"1\"",
            &json!({"client_secret": null, "email_domains": ["@Council.Example"]}),
        )
        .await;
    let updated = json_of(response, StatusCode::OK).await;
    assert_eq!(updated["has_client_secret"], false);
    assert_eq!(updated["email_domains"], json!(["council.example"]));

    // Officers may not; another council's admin does not see it.
    let (officer, _) = app.user_with_role("officer").await;
    let response = app.get("/api/v1/identity-providers", &officer).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let other = app.create_organisation("Other Council", "council").await;
    app.create_user("admin@other.example", "admin", other).await;
    let stranger = app
        .login("admin@other.example", crate::helpers::PASSWORD)
        .await;
    let listed = json(app.get("/api/v1/identity-providers", &stranger).await).await;
    assert_eq!(listed["items"], json!([]));
    let response = app
        .get(&format!("/api/v1/identity-providers/{id}"), &stranger)
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // An operator registers one for a council, naming it.
    let operator = app.operator().await.to_owned();
    let response = app
        .post("/api/v1/identity-providers", &operator, &valid)
        .await;
    let problem = json_of(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["errors"][0]["field"], "council_id");
    let mut named = valid.clone();
    named["council_id"] = json!(other);
    let response = app
        .post("/api/v1/identity-providers", &operator, &named)
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let response = app
        .request(
            Method::DELETE,
            &format!("/api/v1/identity-providers/{id}"),
            Some(&app.admin),
        )
        .header("if-match", "\"2\"")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let trail = audit(
        &app,
        &format!("entity_type=identity_provider&entity_id={id}"),
    )
    .await;
    assert!(trail
        .iter()
        .any(|e| e["action"] == "identity_provider.deleted"));
}
