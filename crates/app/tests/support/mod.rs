//! Use-case test support: a PostgreSQL database per test, cloned from one migrated template (the
//! black-box tests' template, `scrutiny_tmpl_<digest of the migrations>`, made once under an
//! advisory lock), and records arranged through the public query functions.
#![allow(dead_code)]
use chrono::NaiveDate;
use diesel_async::RunQueryDsl;
use scrutiny_app::principal::{ActorKind, Principal};
use scrutiny_db::pool::{self, quote_ident};
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::people::{OrganisationKind, Role};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tokio::sync::OnceCell;
use uuid::Uuid;

/// `TEST_DATABASE_URL` names the PostgreSQL server (any database on it).
fn server_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The URL of database `name` on the test server.
fn database_url(name: &str) -> String {
    let (maintenance, _) =
        pool::maintenance_url(&server_url()).expect("TEST_DATABASE_URL names a database");
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
    let mut files = walk(&dir);
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

fn walk(dir: &Path) -> Vec<PathBuf> {
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

#[derive(diesel::QueryableByName)]
struct Found {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    found: bool,
}

async fn sql(conn: &mut AsyncPgConnection, statement: &str) {
    diesel::sql_query(statement)
        .execute(conn)
        .await
        .unwrap_or_else(|e| panic!("{statement}: {e}"));
}

static TEMPLATE: OnceCell<String> = OnceCell::const_new();

/// The migrated template, made once per migrations digest; the advisory lock keeps concurrent
/// test processes from making it twice.
async fn template() -> &'static str {
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("scrutiny_tmpl_{}", migrations_digest());
            let mut conn = pool::connect(&database_url("postgres"))
                .await
                .expect("PostgreSQL is reachable for tests");
            let lock = |f: &str| format!("SELECT {f}(hashtext('{name}'))::text AS x");
            sql(&mut conn, &lock("pg_advisory_lock")).await;
            let exists: Found = diesel::sql_query(
                "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS found",
            )
            .bind::<diesel::sql_types::Text, _>(&name)
            .get_result(&mut conn)
            .await
            .unwrap();
            if !exists.found {
                let building = quote_ident(&format!("{name}_building"));
                sql(
                    &mut conn,
                    &format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"),
                )
                .await;
                sql(&mut conn, &format!("CREATE DATABASE {building}")).await;
                pool::run_migrations(&database_url(&format!("{name}_building")))
                    .await
                    .expect("migrations apply");
                let target = quote_ident(&name);
                sql(
                    &mut conn,
                    &format!("ALTER DATABASE {building} RENAME TO {target}"),
                )
                .await;
            }
            sql(&mut conn, &lock("pg_advisory_unlock")).await;
            name
        })
        .await
}

/// A database of the test's own, cloned from the template; dropped with it.
pub struct TestDb {
    pub name: String,
    pub url: String,
}

impl TestDb {
    pub async fn new() -> Self {
        let template = template().await;
        let name = format!("t_{}", Uuid::new_v4().simple());
        let mut conn = pool::connect(&database_url("postgres")).await.unwrap();
        sql(
            &mut conn,
            &format!(
                "CREATE DATABASE {} TEMPLATE {}",
                quote_ident(&name),
                quote_ident(template)
            ),
        )
        .await;
        let url = database_url(&name);
        TestDb { name, url }
    }

    /// A new connection to the test's database.
    pub async fn connect(&self) -> AsyncPgConnection {
        pool::connect(&self.url).await.unwrap()
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
                    let statement = format!(
                        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                        quote_ident(&name)
                    );
                    let _ = diesel::sql_query(statement).execute(&mut conn).await;
                }
            });
        })
        .join();
    }
}

/// Runs a statement the test needs and no query function offers (a trigger that makes a step
/// fail).
pub async fn execute(conn: &mut AsyncPgConnection, statement: &str) {
    sql(conn, statement).await;
}

// ---------------------------------------------------------------------------------------------
// Records, through the public query functions

/// A council; returns its id.
pub async fn council(conn: &mut AsyncPgConnection, name: &str) -> Uuid {
    let row = scrutiny_db::queries::organisations::insert(
        conn,
        &scrutiny_db::models::NewOrganisation {
            id: Uuid::now_v7(),
            name,
            kind: "council",
            responsible_authority: false,
        },
    )
    .await
    .unwrap();
    row.id
}

/// An officer of `council_id`.
pub fn officer(council_id: Uuid) -> Principal {
    Principal {
        kind: ActorKind::User,
        id: Uuid::now_v7(),
        name: "Olive Officer".into(),
        role: Role::Officer,
        organisation_id: council_id.into(),
        organisation_kind: OrganisationKind::Council,
    }
}

/// A committee of the council and a task and finish review of it at `status`; returns the review.
pub async fn review(conn: &mut AsyncPgConnection, council_id: Uuid, status: &str) -> Uuid {
    use scrutiny_db::queries::{committees, reviews};
    let committee = committees::insert(
        conn,
        &committees::NewCommittee {
            id: Uuid::now_v7(),
            council_id,
            name: "Crime and Disorder Select Committee",
            description: None,
            update_interval_months: 6,
        },
    )
    .await
    .unwrap();
    reviews::insert(
        conn,
        &reviews::NewReview {
            id: Uuid::now_v7(),
            council_id,
            committee_id: committee.id,
            title: "Police Communications in Stockton-on-Tees",
            review_type: "task_and_finish",
            work_programme_year: Some("2021-2022"),
            status,
            scrutiny_officer_id: None,
            summary: None,
        },
    )
    .await
    .unwrap()
    .id
}

/// Recommendation `n` of a review.
pub async fn recommendation(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
    review_id: Uuid,
    n: i32,
) -> Uuid {
    scrutiny_db::queries::recommendations::insert(
        conn,
        &scrutiny_db::queries::recommendations::NewRecommendation {
            id: Uuid::now_v7(),
            council_id,
            review_id,
            number: &n.to_string(),
            position: n,
            text: &format!("Recommendation {n}"),
        },
    )
    .await
    .unwrap()
    .id
}

/// The review's action plan, agreed in the month of `agreed_on`.
pub async fn agreed_plan(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
    review_id: Uuid,
    agreed_on: NaiveDate,
) -> Uuid {
    scrutiny_db::queries::action_plans::insert(
        conn,
        &scrutiny_db::queries::action_plans::NewActionPlan {
            id: Uuid::now_v7(),
            council_id,
            review_id,
            title: None,
            agreed_on: Some(agreed_on),
            agreed_on_precision: Some("month"),
            status: "agreed",
        },
    )
    .await
    .unwrap()
    .expect("the review had no plan")
    .id
}
