//! Councils' identity providers (OpenID Connect), the sign-ins under way with them and the
//! finished ones waiting for the web app (see the migration `identity_providers`).
use crate::schema::{identity_providers as ip, oidc_handoffs as oh, oidc_logins as ol, users as u};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ip, check_for_backend(diesel::pg::Pg))]
pub struct Provider {
    pub id: Uuid,
    pub council_id: Uuid,
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub scopes: String,
    pub role_mappings: serde_json::Value,
    pub create_users: bool,
    pub email_domains: Vec<String>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// What an update may change.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = ip, treat_none_as_null = true)]
pub struct ProviderValues {
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub scopes: String,
    pub role_mappings: serde_json::Value,
    pub create_users: bool,
    pub email_domains: Vec<String>,
    pub enabled: bool,
}

impl From<&Provider> for ProviderValues {
    fn from(p: &Provider) -> Self {
        Self {
            name: p.name.clone(),
            issuer: p.issuer.clone(),
            client_id: p.client_id.clone(),
            client_secret: p.client_secret.clone(),
            scopes: p.scopes.clone(),
            role_mappings: p.role_mappings.clone(),
            create_users: p.create_users,
            email_domains: p.email_domains.clone(),
            enabled: p.enabled,
        }
    }
}

pub async fn insert(conn: &mut AsyncPgConnection, p: &Provider) -> Result<(), Error> {
    diesel::insert_into(ip::table)
        .values(p)
        .execute(conn)
        .await
        .map(|_| ())
}

/// A page of providers (of one council, or every one), oldest first, after a `(created_at, id)`.
pub async fn list(
    conn: &mut AsyncPgConnection,
    council: Option<Uuid>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> Result<Vec<Provider>, Error> {
    let mut query = ip::table.select(Provider::as_select()).into_boxed();
    if let Some(council) = council {
        query = query.filter(ip::council_id.eq(council));
    }
    if let Some((at, id)) = after {
        query = query.filter(
            ip::created_at
                .gt(at)
                .or(ip::created_at.eq(at).and(ip::id.gt(id))),
        );
    }
    query
        .order((ip::created_at.asc(), ip::id.asc()))
        .limit(limit + 1)
        .load(conn)
        .await
}

/// The enabled providers with their councils' names, by council name (the sign-in page).
pub async fn enabled_with_council(
    conn: &mut AsyncPgConnection,
    limit: i64,
) -> Result<Vec<(Provider, String)>, Error> {
    use crate::schema::organisations as o;
    ip::table
        .inner_join(o::table.on(o::id.eq(ip::council_id)))
        .filter(ip::enabled.eq(true))
        .order((o::name.asc(), ip::name.asc(), ip::id.asc()))
        .limit(limit)
        .select((Provider::as_select(), o::name))
        .load(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Provider>, Error> {
    ip::table
        .find(id)
        .select(Provider::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<Provider>, Error> {
    ip::table
        .find(id)
        .for_update()
        .select(Provider::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    values: &ProviderValues,
) -> Result<Provider, Error> {
    diesel::update(ip::table.find(id))
        .set((
            values,
            ip::version.eq(ip::version + 1),
            ip::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Provider::as_returning())
        .get_result(conn)
        .await
}

pub async fn delete(conn: &mut AsyncPgConnection, id: Uuid) -> Result<(), Error> {
    diesel::delete(ip::table.find(id))
        .execute(conn)
        .await
        .map(|_| ())
}

// ---------------------------------------------------------------------------------------------
// Sign-ins under way

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ol, check_for_backend(diesel::pg::Pg))]
pub struct Login {
    pub state_sha256: String,
    pub provider_id: Uuid,
    pub nonce: String,
    pub code_verifier: String,
    pub redirect_uri: String,
    pub return_to: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_login(conn: &mut AsyncPgConnection, l: &Login) -> Result<(), Error> {
    diesel::insert_into(ol::table)
        .values(l)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Removes and returns the sign-in of a state's hash, if it has not expired: each works once.
pub async fn take_login(
    conn: &mut AsyncPgConnection,
    state_sha256: &str,
    now: DateTime<Utc>,
) -> Result<Option<Login>, Error> {
    diesel::delete(ol::table.filter(ol::state_sha256.eq(state_sha256)))
        .returning(Login::as_returning())
        .get_result(conn)
        .await
        .optional()
        .map(|l| l.filter(|l| l.expires_at > now))
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = oh, check_for_backend(diesel::pg::Pg))]
pub struct Handoff {
    pub code_sha256: String,
    pub user_id: Uuid,
    pub provider_id: Uuid,
    pub logout_url: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_handoff(conn: &mut AsyncPgConnection, h: &Handoff) -> Result<(), Error> {
    diesel::insert_into(oh::table)
        .values(h)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Removes and returns the handoff of a code's hash, if it has not expired: each works once.
pub async fn take_handoff(
    conn: &mut AsyncPgConnection,
    code_sha256: &str,
    now: DateTime<Utc>,
) -> Result<Option<Handoff>, Error> {
    diesel::delete(oh::table.filter(oh::code_sha256.eq(code_sha256)))
        .returning(Handoff::as_returning())
        .get_result(conn)
        .await
        .optional()
        .map(|h| h.filter(|h| h.expires_at > now))
}

/// Forgets sign-ins and handoffs that expired before `now` (the worker's housekeeping).
pub async fn purge_expired(
    conn: &mut AsyncPgConnection,
    now: DateTime<Utc>,
) -> Result<usize, Error> {
    let logins = diesel::delete(ol::table.filter(ol::expires_at.le(now)))
        .execute(conn)
        .await?;
    let handoffs = diesel::delete(oh::table.filter(oh::expires_at.le(now)))
        .execute(conn)
        .await?;
    Ok(logins + handoffs)
}

// ---------------------------------------------------------------------------------------------
// Accounts linked to a provider

/// The user a provider's subject is linked to.
pub async fn user_by_subject(
    conn: &mut AsyncPgConnection,
    provider_id: Uuid,
    subject: &str,
) -> Result<Option<crate::models::User>, Error> {
    u::table
        .filter(u::identity_provider_id.eq(provider_id))
        .filter(u::external_subject.eq(subject))
        .select(crate::models::User::as_select())
        .first(conn)
        .await
        .optional()
}

/// Links a user to a provider's subject.
pub async fn link_user(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    provider_id: Uuid,
    subject: &str,
) -> Result<(), Error> {
    diesel::update(u::table.find(user_id))
        .set((
            u::identity_provider_id.eq(Some(provider_id)),
            u::external_subject.eq(Some(subject)),
            u::version.eq(u::version + 1),
            u::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await
        .map(|_| ())
}
