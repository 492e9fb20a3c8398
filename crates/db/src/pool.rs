//! The async connection pool, database creation and embedded migrations.
use diesel::migration::MigrationSource;
use diesel::pg::Pg;
use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
use diesel_async::pooled_connection::deadpool::{Object, Pool};
use diesel_async::pooled_connection::PoolableConnection;
use diesel_async::pooled_connection::{AsyncDieselConnectionManager, ManagerConfig};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;
use uuid::Uuid;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations");

pub type DbPool = Pool<AsyncPgConnection>;
pub type PooledConnection = Object<AsyncPgConnection>;
pub type PoolError = diesel_async::pooled_connection::deadpool::PoolError;

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("cannot connect to PostgreSQL at {target}: {source}")]
    Connect {
        target: String,
        source: diesel::ConnectionError,
    },
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("migrations failed: {0}")]
    Migrate(String),
    #[error("cannot build the connection pool: {0}")]
    Pool(String),
    #[error("invalid database URL: {0}")]
    Url(String),
}

/// The role the application works as (migrations aside): not a superuser, no BYPASSRLS, so the
/// row-level security policies apply to it (migration `row_level_security`).
pub const APP_ROLE: &str = "scrutiny_app";

/// How the pool's connections are made and handed out.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    pub max_size: usize,
    /// How long a request waits for a free connection before it is answered 503.
    pub wait_timeout: Duration,
    /// How long one statement may run (none when zero).
    pub statement_timeout: Duration,
    /// `SET ROLE` to this on every connection (none: work as the connecting user, which must
    /// then be the non-superuser role itself).
    pub role: Option<String>,
}

impl PoolOptions {
    pub fn new(max_size: usize) -> Self {
        PoolOptions {
            max_size,
            wait_timeout: Duration::from_secs(3),
            statement_timeout: Duration::from_secs(30),
            role: Some(APP_ROLE.to_owned()),
        }
    }
}

/// What a connection checked out works for, as row-level security reads it (the policies are in
/// the migrations `row_level_security` and `council_partners`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    /// Every council's rows: operators, the system, authentication.
    Unbound,
    /// One council's rows: its admins, officers and viewers.
    Council(Uuid),
    /// The rows of the councils this partner organisation works with (`council_partners`).
    Partner(Uuid),
}

/// A connection from the pool, bound as `binding` whatever it was bound to before, with the
/// council's time zone when bound to a council that has settings of its own. One statement
/// (`scrutiny_bind`, migration `bind_in_one_statement`), which also shows that the connection
/// still works: a connection found closed is discarded and another taken, so that a restart of
/// PostgreSQL costs no request an error once it is back.
pub async fn checkout(
    pool: &DbPool,
    binding: Binding,
) -> Result<(PooledConnection, Option<String>), PoolError> {
    let (council, partner) = match binding {
        Binding::Unbound => (None, None),
        Binding::Council(council) => (Some(council), None),
        Binding::Partner(partner) => (None, Some(partner)),
    };
    // As long as the pool used to give a connection to answer its check.
    let patience = pool.timeouts().recycle.unwrap_or(Duration::from_secs(2));
    let mut attempts = pool.status().max_size + 1;
    loop {
        #[allow(clippy::disallowed_methods)] // the one place connections are taken unbound
        let mut conn = pool.get().await?;
        match tokio::time::timeout(patience, bind(&mut conn, council, partner)).await {
            Ok(Ok(zone)) => return Ok((conn, zone)),
            Ok(Err(e)) if attempts > 1 && conn.is_broken() => {
                log::warn!("discarding a closed database connection: {e}");
                let _ = Object::take(conn);
            }
            Ok(Err(e)) => {
                return Err(PoolError::Backend(
                    diesel_async::pooled_connection::PoolError::QueryError(e),
                ))
            }
            // No answer (a half-open connection, or one whose I/O runs on a runtime that is
            // busy): it is in an unknown state, so it goes.
            Err(_) if attempts > 1 => {
                log::warn!("discarding a database connection that did not answer in {patience:?}");
                let _ = Object::take(conn);
            }
            Err(_) => return Err(PoolError::Timeout(deadpool::managed::TimeoutType::Recycle)),
        }
        attempts -= 1;
    }
}

/// A connection from the pool bound to no council: [`checkout`] with [`Binding::Unbound`].
pub async fn unbound(pool: &DbPool) -> Result<PooledConnection, PoolError> {
    checkout(pool, Binding::Unbound).await.map(|(conn, _)| conn)
}

diesel::define_sql_function!(
    /// `scrutiny_bind(council, partner)` (migration `bind_in_one_statement`): binds the connection
    /// and returns the council's time zone.
    fn scrutiny_bind(
        council: diesel::sql_types::Nullable<diesel::sql_types::Uuid>,
        partner: diesel::sql_types::Nullable<diesel::sql_types::Uuid>,
    ) -> diesel::sql_types::Nullable<diesel::sql_types::Text>
);

/// Binds a connection (see [`Binding`]) in one statement and returns the council's time zone.
/// The statement is built with the query builder, not as SQL text, so that each connection
/// prepares it once and every later checkout sends it in one round trip (a statement given as
/// text is prepared again each time: two round trips).
pub async fn bind(
    conn: &mut AsyncPgConnection,
    council: Option<Uuid>,
    partner: Option<Uuid>,
) -> Result<Option<String>, diesel::result::Error> {
    diesel::select(scrutiny_bind(council, partner))
        .get_result(conn)
        .await
}

/// Builds the pool. Connections are made lazily; `wait_timeout` bounds how long a request waits
/// for a free connection before it is answered 503. Every connection gets `statement_timeout`
/// (none when zero), so one runaway query cannot hold a connection, and its locks, for ever, and
/// works as `role`, so that row-level security applies to every query of the application.
pub fn build_pool(url: &str, options: &PoolOptions) -> Result<DbPool, SetupError> {
    let mut config = ManagerConfig::<AsyncPgConnection>::default();
    let millis = options.statement_timeout.as_millis();
    let role = options.role.clone();
    config.custom_setup = Box::new(move |url| {
        let url = url.to_owned();
        let role = role.clone();
        Box::pin(async move {
            let mut conn = AsyncPgConnection::establish(&url).await?;
            let mut setup = String::new();
            if millis > 0 {
                setup.push_str(&format!("SET statement_timeout = {millis};"));
            }
            if let Some(role) = role.filter(|r| !r.is_empty()) {
                setup.push_str(&format!("SET ROLE {};", quote_ident(&role)));
            }
            if !setup.is_empty() {
                conn.batch_execute(&setup)
                    .await
                    .map_err(|e| diesel::ConnectionError::BadConnection(e.to_string()))?;
            }
            Ok(conn)
        })
    });
    // No statement when a connection is handed out again (a closed one is still discarded): the
    // first statement of every checkout binds it afresh and so shows whether it works ([`checkout`]).
    config.recycling_method = diesel_async::pooled_connection::RecyclingMethod::Fast;
    let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new_with_config(url, config);
    let wait_timeout = options.wait_timeout;
    Pool::builder(manager)
        .max_size(options.max_size)
        .wait_timeout(Some(wait_timeout))
        .create_timeout(Some(wait_timeout))
        .recycle_timeout(Some(Duration::from_secs(2)))
        .runtime(deadpool::Runtime::Tokio1)
        .build()
        .map_err(|e| SetupError::Pool(e.to_string()))
}

/// Splits `postgres://user@host:port/dbname?params` into (the URL of the `postgres` maintenance
/// database, the database name).
pub fn maintenance_url(url: &str) -> Result<(String, String), SetupError> {
    let scheme_end = url
        .find("://")
        .ok_or_else(|| SetupError::Url("expected postgres://…".into()))?
        + 3;
    let (without_query, query) = match url.find('?') {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let slash = without_query[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .ok_or_else(|| SetupError::Url("the URL names no database".into()))?;
    let name = &without_query[slash + 1..];
    if name.is_empty() {
        return Err(SetupError::Url("the URL names no database".into()));
    }
    Ok((
        format!("{}/postgres{}", &without_query[..slash], query),
        name.to_owned(),
    ))
}

/// Where a URL points, without its password, for messages.
pub fn redacted_target(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.rsplit_once('@').map(|(_, h)| h).unwrap_or(rest);
    host.split('?').next().unwrap_or(host).to_owned()
}

pub async fn connect(url: &str) -> Result<AsyncPgConnection, SetupError> {
    AsyncPgConnection::establish(url)
        .await
        .map_err(|source| SetupError::Connect {
            target: redacted_target(url),
            source,
        })
}

/// A connection of its own (not the pool's) listening on `channel`: its
/// `notifications_stream()` yields what is announced there.
pub async fn listening(url: &str, channel: &str) -> Result<AsyncPgConnection, SetupError> {
    let mut conn = connect(url).await?;
    conn.batch_execute(&format!("LISTEN {}", quote_ident(channel)))
        .await?;
    Ok(conn)
}

/// Quotes an SQL identifier.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[derive(diesel::QueryableByName)]
struct Exists {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    exists: bool,
}

/// Creates the database named in `url` when it does not exist yet.
pub async fn ensure_database(url: &str) -> Result<bool, SetupError> {
    let (admin_url, name) = maintenance_url(url)?;
    let mut conn = connect(&admin_url).await?;
    let found: Exists =
        diesel::sql_query("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS exists")
            .bind::<diesel::sql_types::Text, _>(&name)
            .get_result(&mut conn)
            .await?;
    if found.exists {
        return Ok(false);
    }
    let create = format!("CREATE DATABASE {}", quote_ident(&name));
    match diesel::sql_query(create).execute(&mut conn).await {
        Ok(_) => Ok(true),
        // Another process created it in between.
        Err(diesel::result::Error::DatabaseError(_, info))
            if info.message().contains("already exists") =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// A blocking connection for the migration harness (run inside `spawn_blocking`).
fn migration_connection(
    url: &str,
) -> Result<AsyncConnectionWrapper<AsyncPgConnection>, SetupError> {
    use diesel::Connection;
    <AsyncConnectionWrapper<AsyncPgConnection> as Connection>::establish(url).map_err(|source| {
        SetupError::Connect {
            target: redacted_target(url),
            source,
        }
    })
}

/// Applies pending migrations on a dedicated connection (off the async executor).
pub async fn run_migrations(url: &str) -> Result<Vec<String>, SetupError> {
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut conn = migration_connection(&url)?;
        let applied = conn
            .run_pending_migrations(MIGRATIONS)
            .map_err(|e| SetupError::Migrate(e.to_string()))?;
        Ok(applied.iter().map(|v| v.to_string()).collect())
    })
    .await
    .map_err(|e| SetupError::Migrate(e.to_string()))?
}

/// Reverts every applied migration from version `from` on (newest first), then applies them
/// again: the check that their down and up steps, backfills included, work over a database that
/// holds data. Returns the versions applied again.
pub async fn redo_migrations_from(url: &str, from: &str) -> Result<Vec<String>, SetupError> {
    let url = url.to_owned();
    let from = from.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut conn = migration_connection(&url)?;
        let migrate =
            |e: Box<dyn std::error::Error + Send + Sync>| SetupError::Migrate(e.to_string());
        loop {
            let applied = conn.applied_migrations().map_err(migrate)?;
            let newest = applied.iter().map(|v| v.to_string()).max();
            match newest {
                Some(version) if version.as_str() >= from.as_str() => {
                    conn.revert_last_migration(MIGRATIONS).map_err(migrate)?;
                }
                _ => break,
            }
        }
        let applied = conn.run_pending_migrations(MIGRATIONS).map_err(migrate)?;
        Ok(applied.iter().map(|v| v.to_string()).collect())
    })
    .await
    .map_err(|e| SetupError::Migrate(e.to_string()))?
}

/// The versions of the migrations compiled into this binary.
pub fn embedded_migration_versions() -> Vec<String> {
    MigrationSource::<Pg>::migrations(&MIGRATIONS)
        .map(|list| {
            list.iter()
                .map(|m| m.name().version().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[derive(diesel::QueryableByName)]
struct AppliedVersion {
    #[diesel(sql_type = diesel::sql_types::Text)]
    version: String,
}

/// The embedded migrations that the database has not applied yet (empty when current).
pub async fn missing_migrations(
    conn: &mut AsyncPgConnection,
    expected: &[String],
) -> Result<Vec<String>, diesel::result::Error> {
    let applied: Vec<AppliedVersion> =
        diesel::sql_query("SELECT version FROM __diesel_schema_migrations")
            .load(conn)
            .await?;
    Ok(expected
        .iter()
        .filter(|v| !applied.iter().any(|a| &a.version == *v))
        .cloned()
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maintenance_url_swaps_the_database() {
        assert_eq!(
            maintenance_url("postgres://postgres@127.0.0.1:5432/scrutiny").unwrap(),
            (
                "postgres://postgres@127.0.0.1:5432/postgres".to_owned(),
                "scrutiny".to_owned()
            )
        );
        assert_eq!(
            maintenance_url("postgres://u:p@db/x?sslmode=disable").unwrap(),
            (
                "postgres://u:p@db/postgres?sslmode=disable".to_owned(),
                "x".to_owned()
            )
        );
        assert!(maintenance_url("postgres://host").is_err());
        assert!(maintenance_url("nonsense").is_err());
    }

    #[test]
    fn redaction_hides_credentials() {
        assert_eq!(
            redacted_target("postgres://u:secret@db:5432/x?a=b"),
            "db:5432/x"
        );
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn migrations_are_embedded() {
        assert!(!embedded_migration_versions().is_empty());
    }
}
