//! `Idempotency-Key`: the first response to a POST, kept per (principal, key) and replayed for a
//! retry. A row without a status is a request still being handled.
use crate::prepared::KeepDsl;
use crate::schema::idempotency_keys::dsl as k;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel::sql_types::{Integer, Text, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

/// How long a key is remembered.
pub const RETENTION_HOURS: i32 = 24;
/// A request still "in flight" after this long was cut off (the server stopped while handling
/// it); its key may be claimed again.
pub const ABANDONED_AFTER_MINUTES: i32 = 10;

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = crate::schema::idempotency_keys, check_for_backend(diesel::pg::Pg))]
pub struct IdempotencyKey {
    pub principal_id: Uuid,
    pub key: String,
    pub method: String,
    pub path: String,
    pub request_hash: String,
    pub status: Option<i32>,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub body: Option<Vec<u8>>,
    pub created_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
}

/// What claiming a key found.
#[derive(Debug)]
pub enum Claim {
    /// The key is new (or its earlier use has expired or was abandoned): handle the request.
    Claimed,
    /// The key is in use: its row, completed or still in flight.
    Existing(Box<IdempotencyKey>),
}

/// Claims `key` for a request, or returns the row that already holds it. An expired row (older
/// than [`RETENTION_HOURS`]) or an abandoned one is taken over in the same statement, so that
/// two concurrent requests never both claim a key.
pub async fn claim(
    conn: &mut AsyncPgConnection,
    principal_id: Uuid,
    key: &str,
    method: &str,
    path: &str,
    request_hash: &str,
) -> Result<Claim, Error> {
    // A row released between the two statements is claimed afresh, once.
    for _ in 0..2 {
        let claimed: Option<IdempotencyKey> = diesel::sql_query(
            "INSERT INTO idempotency_keys (principal_id, key, method, path, request_hash) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (principal_id, key) DO UPDATE SET \
                 method = EXCLUDED.method, path = EXCLUDED.path, \
                 request_hash = EXCLUDED.request_hash, status = NULL, content_type = NULL, \
                 location = NULL, body = NULL, created_at = now(), completed_at = NULL \
             WHERE idempotency_keys.created_at < now() - make_interval(hours => $6) \
                OR (idempotency_keys.status IS NULL \
                    AND idempotency_keys.created_at < now() - make_interval(mins => $7)) \
             RETURNING *",
        )
        .bind::<SqlUuid, _>(principal_id)
        .bind::<Text, _>(key)
        .bind::<Text, _>(method)
        .bind::<Text, _>(path)
        .bind::<Text, _>(request_hash)
        .bind::<Integer, _>(RETENTION_HOURS)
        .bind::<Integer, _>(ABANDONED_AFTER_MINUTES)
        .kept()
        .get_result(conn)
        .await
        .optional()?;
        if claimed.is_some() {
            return Ok(Claim::Claimed);
        }
        let existing = k::idempotency_keys
            .find((principal_id, key))
            .select(IdempotencyKey::as_select())
            .first(conn)
            .await
            .optional()?;
        if let Some(row) = existing {
            return Ok(Claim::Existing(Box::new(row)));
        }
    }
    Err(Error::QueryBuilderError(
        "the idempotency key was claimed and released concurrently, twice".into(),
    ))
}

/// The response to keep for the key.
#[derive(Debug)]
pub struct Completion<'a> {
    pub status: i32,
    pub content_type: Option<&'a str>,
    pub location: Option<&'a str>,
    pub body: &'a [u8],
}

/// Stores the first response under the key.
pub async fn complete(
    conn: &mut AsyncPgConnection,
    principal_id: Uuid,
    key: &str,
    response: &Completion<'_>,
) -> Result<(), Error> {
    diesel::update(k::idempotency_keys.find((principal_id, key)))
        .filter(k::status.is_null())
        .set((
            k::status.eq(response.status),
            k::content_type.eq(response.content_type),
            k::location.eq(response.location),
            k::body.eq(response.body),
            k::completed_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await
        .map(drop)
}

/// Gives up a claim whose request did not complete (a server error, or the client went away),
/// so that a retry runs again.
pub async fn release(
    conn: &mut AsyncPgConnection,
    principal_id: Uuid,
    key: &str,
) -> Result<(), Error> {
    diesel::delete(
        k::idempotency_keys
            .find((principal_id, key))
            .filter(k::status.is_null()),
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Forgets keys older than [`RETENTION_HOURS`]; returns how many.
pub async fn purge_expired(conn: &mut AsyncPgConnection) -> Result<usize, Error> {
    diesel::sql_query(
        "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)",
    )
    .bind::<Integer, _>(RETENTION_HOURS)
    .kept()
    .execute(conn)
    .await
}
