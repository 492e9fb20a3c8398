//! The event feed: typed events written in the transaction of the change they describe, read in
//! commit order behind the oldest running transaction (see the migration `events`).
use crate::prepared::KeepDsl;
use crate::scope::Scope;
use chrono::{DateTime, Utc};
use diesel::result::Error;
use diesel::sql_types::{Array, BigInt, Bool, Integer, Jsonb, Nullable, Text, Timestamptz};
use diesel::OptionalExtension;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

type SqlUuid = diesel::sql_types::Uuid;

/// An event to write.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub id: Uuid,
    pub event_type: &'a str,
    pub council_id: Option<Uuid>,
    pub review_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub public: bool,
    pub subject_type: &'a str,
    pub subject_id: Uuid,
    pub actor_kind: &'a str,
    pub actor_name: &'a str,
    pub data: &'a serde_json::Value,
}

/// Writes an event in the caller's transaction.
pub async fn insert(conn: &mut AsyncPgConnection, e: &NewEvent<'_>) -> Result<(), Error> {
    diesel::sql_query(
        "INSERT INTO events (id, type, council_id, review_id, organisation_id, public, \
                             subject_type, subject_id, actor_kind, actor_name, data) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind::<SqlUuid, _>(e.id)
    .bind::<Text, _>(e.event_type)
    .bind::<Nullable<SqlUuid>, _>(e.council_id)
    .bind::<Nullable<SqlUuid>, _>(e.review_id)
    .bind::<Nullable<SqlUuid>, _>(e.organisation_id)
    .bind::<Bool, _>(e.public)
    .bind::<Text, _>(e.subject_type)
    .bind::<SqlUuid, _>(e.subject_id)
    .bind::<Text, _>(e.actor_kind)
    .bind::<Text, _>(e.actor_name)
    .bind::<Jsonb, _>(e.data)
    .kept()
    .execute(conn)
    .await
    .map(|_| ())
}

/// An event as the feed reads it.
#[derive(Debug, Clone, diesel::QueryableByName)]
pub struct EventRow {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    /// The writing transaction's id, as text (xid8).
    #[diesel(sql_type = Text)]
    pub xid: String,
    #[diesel(sql_type = BigInt)]
    pub seq: i64,
    #[diesel(sql_type = Text)]
    pub event_type: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub council_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub review_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub organisation_id: Option<Uuid>,
    #[diesel(sql_type = Text)]
    pub subject_type: String,
    #[diesel(sql_type = SqlUuid)]
    pub subject_id: Uuid,
    #[diesel(sql_type = Timestamptz)]
    pub time: DateTime<Utc>,
    #[diesel(sql_type = Text)]
    pub actor_kind: String,
    #[diesel(sql_type = Text)]
    pub actor_name: String,
    #[diesel(sql_type = Jsonb)]
    pub data: serde_json::Value,
}

/// Where a feed reader is: after the event of (transaction, sequence number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedKey {
    /// A transaction id (xid8), in decimal.
    pub xid: u64,
    pub seq: i64,
}

/// What a reader may see: its scope, and whether it reads only public events (viewers).
#[derive(Debug, Clone, Copy)]
pub struct Audience {
    pub scope: Scope,
    pub public_only: bool,
}

/// Up to `limit` events after `after` (from the start when `None`) of `types` (every type when
/// empty) that `audience` may see, in commit order, among those whose transaction finished before
/// the oldest one still running.
pub async fn feed(
    conn: &mut AsyncPgConnection,
    audience: Audience,
    types: &[String],
    after: Option<&FeedKey>,
    limit: u32,
) -> Result<Vec<EventRow>, Error> {
    let (scope_sql, key) = match audience.scope {
        Scope::All => ("$5::uuid IS NULL", None),
        Scope::Council(c) => ("e.council_id = $5", Some(c)),
        // A partner: its own organisation's events, and the public ones of the reviews in which
        // it owns an action.
        Scope::Responsible(o) => (
            "(e.organisation_id = $5 OR (e.public AND e.review_id IS NOT NULL AND EXISTS ( \
                 SELECT 1 FROM responsibilities x \
                 WHERE x.organisation_id = $5 AND x.review_id = e.review_id)))",
            Some(o),
        ),
    };
    let (after_xid, after_seq) = match after {
        Some(k) => (k.xid.to_string(), k.seq),
        None => ("0".to_owned(), 0),
    };
    let sql = format!(
        "SELECT e.id, e.xid::text AS xid, e.seq, e.type AS event_type, e.council_id, e.review_id, \
                e.organisation_id, e.subject_type, e.subject_id, e.time, e.actor_kind, \
                e.actor_name, e.data \
         FROM events e \
         WHERE (e.xid, e.seq) > ($1::xid8, $2) \
           AND e.xid < pg_snapshot_xmin(pg_current_snapshot()) \
           AND (cardinality($3::text[]) = 0 OR e.type = ANY($3)) \
           AND (NOT $4 OR e.public) \
           AND {scope_sql} \
         ORDER BY e.xid, e.seq \
         LIMIT $6"
    );
    diesel::sql_query(sql)
        .bind::<Text, _>(after_xid)
        .bind::<BigInt, _>(after_seq)
        .bind::<Array<Text>, _>(types)
        .bind::<Bool, _>(audience.public_only)
        .bind::<Nullable<SqlUuid>, _>(key)
        .bind::<Integer, _>(i32::try_from(limit).unwrap_or(i32::MAX))
        .kept()
        .load(conn)
        .await
}

/// The feed's head as the caller sees it: the last event behind the oldest running transaction
/// ("0", 0 when there is none). A reader starting there gets what commits from now on.
pub async fn head(conn: &mut AsyncPgConnection) -> Result<(String, i64), Error> {
    #[derive(diesel::QueryableByName)]
    struct Head {
        #[diesel(sql_type = Text)]
        xid: String,
        #[diesel(sql_type = BigInt)]
        seq: i64,
    }
    let row: Option<Head> = diesel::sql_query(
        "SELECT xid::text AS xid, seq FROM events \
         WHERE xid < pg_snapshot_xmin(pg_current_snapshot()) \
         ORDER BY xid DESC, seq DESC LIMIT 1",
    )
    .kept()
    .get_result(conn)
    .await
    .optional()?;
    Ok(row.map_or(("0".to_owned(), 0), |h| (h.xid, h.seq)))
}
