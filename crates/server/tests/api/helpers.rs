//! Black-box test support: the real server on port 0, over HTTP, against its own PostgreSQL
//! database cloned from one migrated template.
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use scrutiny_db::pool::{self, quote_ident};
use scrutiny_server::settings::Settings;
use scrutiny_server::{accounts, startup};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::net::TcpListener;
use std::path::Path;
use tokio::sync::OnceCell;
use uuid::Uuid;

use diesel_async::RunQueryDsl;

pub const PASSWORD: &str = "a-test-password-123";

/// The server to test against: `TEST_DATABASE_URL` names the PostgreSQL server (any database on it).
fn server_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn database_url(name: &str) -> String {
    let base = server_url();
    let (maintenance, _) =
        pool::maintenance_url(&base).expect("TEST_DATABASE_URL names a database");
    let (without_query, query) = maintenance
        .split_once('?')
        .map_or((maintenance.as_str(), String::new()), |(a, q)| {
            (a, format!("?{q}"))
        });
    let base = without_query
        .rsplit_once('/')
        .map(|(base, _)| base)
        .unwrap_or(without_query);
    format!("{base}/{name}{query}")
}

fn migrations_digest() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let mut files: Vec<_> = walk(&dir);
    files.sort();
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(
            file.strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .as_bytes(),
        );
        hasher.update(std::fs::read(&file).unwrap());
    }
    hex::encode(&hasher.finalize()[..8])
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

static TEMPLATE: OnceCell<String> = OnceCell::const_new();

#[derive(diesel::QueryableByName)]
struct Found {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    found: bool,
}

/// The migrated template database, made once per migrations digest and guarded by an advisory
/// lock so that concurrent test processes make it once.
async fn template() -> &'static str {
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("scrutiny_tmpl_{}", migrations_digest());
            let mut conn = pool::connect(&database_url("postgres"))
                .await
                .expect("PostgreSQL is reachable for tests");
            diesel::sql_query("SELECT pg_advisory_lock(hashtext($1))::text AS x")
                .bind::<diesel::sql_types::Text, _>(&name)
                .execute(&mut conn)
                .await
                .unwrap();
            let exists: Found = diesel::sql_query(
                "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS found",
            )
            .bind::<diesel::sql_types::Text, _>(&name)
            .get_result(&mut conn)
            .await
            .unwrap();
            if !exists.found {
                let building = format!("{name}_building");
                diesel::sql_query(format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    quote_ident(&building)
                ))
                .execute(&mut conn)
                .await
                .unwrap();
                diesel::sql_query(format!("CREATE DATABASE {}", quote_ident(&building)))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                pool::run_migrations(&database_url(&building))
                    .await
                    .expect("migrations apply");
                diesel::sql_query(format!(
                    "ALTER DATABASE {} RENAME TO {}",
                    quote_ident(&building),
                    quote_ident(&name)
                ))
                .execute(&mut conn)
                .await
                .unwrap();
            }
            diesel::sql_query("SELECT pg_advisory_unlock(hashtext($1))::text AS x")
                .bind::<diesel::sql_types::Text, _>(&name)
                .execute(&mut conn)
                .await
                .unwrap();
            name
        })
        .await
}

/// A database of its own, cloned from the template; dropped when the test ends.
pub struct TestDb {
    pub name: String,
    pub url: String,
}

impl TestDb {
    pub async fn new() -> Self {
        let template = template().await;
        let name = format!("t_{}", Uuid::new_v4().simple());
        let mut conn = pool::connect(&database_url("postgres")).await.unwrap();
        diesel::sql_query(format!(
            "CREATE DATABASE {} TEMPLATE {}",
            quote_ident(&name),
            quote_ident(template)
        ))
        .execute(&mut conn)
        .await
        .expect("the test database is cloned");
        let url = database_url(&name);
        TestDb { name, url }
    }
}

impl TestDb {
    /// A database of its own with the demo data set and the police's progress reports, loaded
    /// through the application (no server).
    pub async fn with_demo_data() -> Self {
        let db = TestDb::new().await;
        let pool = startup::prepare_database(&Settings::for_database(&db.url))
            .await
            .unwrap();
        let mut conn = pool::unbound(&pool).await.unwrap();
        accounts::load_demo(&mut conn).await.unwrap();
        scrutiny_server::demo_progress::load_progress(
            &mut conn,
            &scrutiny_server::demo::police_communications(),
        )
        .await
        .unwrap();
        db
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                if let Ok(mut conn) = pool::connect(&database_url("postgres")).await {
                    let _ = diesel::sql_query(format!(
                        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                        quote_ident(&name)
                    ))
                    .execute(&mut conn)
                    .await;
                }
            });
        })
        .join();
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// Kept so that the database lives as long as the app and is dropped with it.
    #[allow(dead_code)]
    pub db: TestDb,
    pub pool: scrutiny_db::DbPool,
    /// An admin's access token (the first admin, of the council "Test Council").
    pub admin: String,
    /// A deployment operator's access token, made on first use ([`TestApp::operator`]).
    operator: tokio::sync::OnceCell<String>,
    pub council_id: Uuid,
    /// The running server, so that a test can stop it and start it again on the same database.
    pub server: actix_web::dev::ServerHandle,
    /// The background jobs worker, when the settings enable it (`Settings::for_database` does not).
    pub jobs: Option<scrutiny_server::jobs::WorkerHandle>,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Starts the server with adjusted settings.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Settings)) -> Self {
        let db = TestDb::new().await;
        let pool = startup::prepare_database(&Settings::for_database(&db.url))
            .await
            .expect("database ready");
        let mut conn = scrutiny_db::pool::unbound(&pool).await.unwrap();
        let (admin_user, _) = accounts::create_admin(
            &mut conn,
            "admin@test.example",
            "Test Admin",
            PASSWORD,
            "Test Council",
        )
        .await
        .expect("first admin");
        drop(conn);
        let (address, server, jobs) = Self::start_server(&db.url, adjust).await;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mut app = TestApp {
            address,
            client,
            db,
            pool,
            admin: String::new(),
            operator: tokio::sync::OnceCell::new(),
            council_id: admin_user.organisation_id,
            server,
            jobs,
        };
        if app.get("/health/ready", "").await.status().is_success() {
            app.admin = app.login("admin@test.example", PASSWORD).await;
        }
        app
    }

    /// Starts the server (and the jobs worker when enabled) on the database at `url`.
    async fn start_server(
        url: &str,
        adjust: impl FnOnce(&mut Settings),
    ) -> (
        String,
        actix_web::dev::ServerHandle,
        Option<scrutiny_server::jobs::WorkerHandle>,
    ) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let mut settings = Settings::for_database(url);
        // Links and the identity providers' redirect URI name the server as the tests reach it.
        settings.jobs.app_public_url = address.clone();
        adjust(&mut settings);
        let server_pool = startup::prepare_database(&settings)
            .await
            .expect("server pool");
        let jobs =
            scrutiny_server::jobs::start(&settings, server_pool.clone()).expect("jobs start");
        let jwt_secret = startup::jwt_secret(&settings, &server_pool)
            .await
            .expect("a signing secret");
        let state = startup::build_state(&settings, server_pool, &jwt_secret);
        let server = startup::run(listener, state, &settings).expect("server starts");
        let handle = server.handle();
        tokio::spawn(server);
        (address, handle, jobs)
    }

    /// Stops the server and its jobs worker as `serve` does on SIGTERM; the database stays.
    pub async fn stop(&mut self) {
        self.server.stop(true).await;
        if let Some(jobs) = self.jobs.take() {
            jobs.stop(std::time::Duration::from_secs(30)).await;
        }
    }

    /// Stops the server and starts it again on the same database with `adjust`ed settings (a
    /// new port; the tokens issued before stay valid).
    pub async fn restart_with(&mut self, adjust: impl FnOnce(&mut Settings)) {
        self.stop().await;
        let (address, server, jobs) = Self::start_server(&self.db.url, adjust).await;
        self.address = address;
        self.server = server;
        self.jobs = jobs;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Whether the server still answers its liveness check.
    pub async fn is_live(&self) -> bool {
        self.request(Method::GET, "/health/live", None)
            .send()
            .await
            .is_ok_and(|r| r.status() == StatusCode::OK)
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let mut builder = self.client.request(method, self.url(path));
        if let Some(token) = token {
            builder = builder.bearer_auth(token);
        }
        builder
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token))
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::POST, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn patch(&self, path: &str, token: &str, etag: &str, body: &Value) -> Response {
        self.request(Method::PATCH, path, Some(token))
            .header("if-match", etag)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn token_response(&self, body: &Value) -> Response {
        self.request(Method::POST, "/api/v1/auth/token", None)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// Signs in and returns the access token.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let response = self
            .token_response(
                &json!({"grant_type": "password", "email": email, "password": password}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "sign-in of {email}");
        let body: Value = response.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// A deployment operator's access token (adds councils, manages every council's accounts),
    /// made with `scrutiny create-operator`'s function on first use.
    pub async fn operator(&self) -> &str {
        self.operator
            .get_or_init(|| async {
                let mut conn = scrutiny_db::pool::unbound(&self.pool).await.unwrap();
                accounts::create_operator(
                    &mut conn,
                    "operator@test.example",
                    "Test Operator",
                    PASSWORD,
                )
                .await
                .expect("an operator");
                drop(conn);
                self.login("operator@test.example", PASSWORD).await
            })
            .await
    }

    /// Creates an organisation: a partner as the council's admin, another council as the operator.
    pub async fn create_organisation(&self, name: &str, kind: &str) -> Uuid {
        let token = if kind == "council" {
            self.operator().await
        } else {
            self.admin.as_str()
        };
        let response = self
            .post(
                "/api/v1/organisations",
                token,
                &json!({"name": name, "kind": kind}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        id_of(response).await
    }

    /// Creates a user with `PASSWORD` and returns their id: as the council's admin in its council or
    /// a partner organisation, as the operator in another council.
    pub async fn create_user(&self, email: &str, role: &str, organisation_id: Uuid) -> Uuid {
        let organisation: Value = self
            .get(
                &format!("/api/v1/organisations/{organisation_id}"),
                &self.admin,
            )
            .await
            .json()
            .await
            .unwrap();
        let token = if organisation["kind"] == "council" && organisation_id != self.council_id {
            self.operator().await
        } else {
            self.admin.as_str()
        };
        let response = self
            .post(
                "/api/v1/users",
                token,
                &json!({"email": email, "name": format!("User {email}"), "role": role,
                        "organisation_id": organisation_id, "password": PASSWORD}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED, "create {email}");
        id_of(response).await
    }

    /// A signed-in user of `role` in a fresh organisation of the right kind; returns (token, org).
    pub async fn user_with_role(&self, role: &str) -> (String, Uuid) {
        let org = if role == "admin" || role == "officer" || role == "viewer" {
            self.council_id
        } else {
            self.create_organisation(&format!("Partner {}", Uuid::new_v4().simple()), "police")
                .await
        };
        let email = format!("{role}-{}@test.example", Uuid::new_v4().simple());
        self.create_user(&email, role, org).await;
        (self.login(&email, PASSWORD).await, org)
    }

    pub async fn audit_count(&self, action: &str) -> usize {
        let body: Value = self
            .get(
                &format!("/api/v1/audit-events?action={action}&limit=200"),
                &self.admin,
            )
            .await
            .json()
            .await
            .unwrap();
        body["items"].as_array().map(Vec::len).unwrap_or(0)
    }
}

pub async fn id_of(response: Response) -> Uuid {
    let body: Value = response.json().await.unwrap();
    body["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("an id in the body")
}

pub fn etag(response: &Response) -> String {
    response
        .headers()
        .get("etag")
        .expect("an ETag header")
        .to_str()
        .unwrap()
        .to_owned()
}

/// Asserts a problem+json response of `status` and returns its body.
pub async fn problem(response: Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status.as_u16());
    assert!(body["title"].is_string());
    body
}

/// The fields named in a 422 problem.
pub fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|e| e["field"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[derive(diesel::QueryableByName)]
struct Counted {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// The number a query answers as its column `n` (`SELECT count(*) AS n …`).
pub async fn count(conn: &mut scrutiny_db::AsyncPgConnection, sql: &str) -> i64 {
    diesel::sql_query(sql)
        .get_result::<Counted>(conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .n
}
