//! Webhook subscriptions and their deliveries (see the migration `webhooks`).
use crate::page::fetch_size;
use crate::queries::jobs::Backoff;
use crate::schema::{webhook_deliveries as wd, webhook_subscriptions as ws};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

pub const ACTIVE: &str = "active";
pub const DISABLED: &str = "disabled";
pub const PENDING: &str = "pending";
pub const DELIVERED: &str = "delivered";
pub const FAILED: &str = "failed";

/// How long a delivery is retried before it is given up (and its subscription disabled).
pub const GIVE_UP_AFTER_HOURS: i64 = 72;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ws, check_for_backend(diesel::pg::Pg))]
pub struct Subscription {
    pub id: Uuid,
    pub council_id: Option<Uuid>,
    pub service_account_id: Option<Uuid>,
    pub organisation_id: Uuid,
    pub description: Option<String>,
    pub url: String,
    pub event_types: Vec<String>,
    pub secret: String,
    pub previous_secret: Option<String>,
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
    pub status: String,
    pub disabled_reason: Option<String>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub owner_email: String,
    pub cursor_xid: String,
    pub cursor_seq: i64,
    pub created_by_kind: String,
    pub created_by_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// What an edit of a subscription writes.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = ws, treat_none_as_null = true)]
pub struct SubscriptionValues {
    pub description: Option<String>,
    pub url: String,
    pub event_types: Vec<String>,
    pub status: String,
    pub disabled_reason: Option<String>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub owner_email: String,
}

impl From<&Subscription> for SubscriptionValues {
    fn from(s: &Subscription) -> Self {
        Self {
            description: s.description.clone(),
            url: s.url.clone(),
            event_types: s.event_types.clone(),
            status: s.status.clone(),
            disabled_reason: s.disabled_reason.clone(),
            disabled_at: s.disabled_at,
            owner_email: s.owner_email.clone(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = wd, check_for_backend(diesel::pg::Pg))]
pub struct Delivery {
    pub id: Uuid,
    pub subscription_id: Uuid,
    pub council_id: Option<Uuid>,
    pub event_id: Uuid,
    pub event_type: String,
    pub payload: serde_json::Value,
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub give_up_at: DateTime<Utc>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_status: Option<i32>,
    pub last_latency_ms: Option<i32>,
    pub last_error: Option<String>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// Whose subscriptions a list shows.
#[derive(Debug, Clone, Copy)]
pub enum Owner {
    /// Every subscription (operators).
    All,
    /// A council's: its own and those of the service accounts it manages.
    Council(Uuid),
    /// One service account's own.
    ServiceAccount(Uuid),
}

pub async fn insert(conn: &mut AsyncPgConnection, s: &Subscription) -> Result<(), Error> {
    diesel::insert_into(ws::table)
        .values(s)
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Subscription>, Error> {
    ws::table
        .find(id)
        .select(Subscription::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<Subscription>, Error> {
    ws::table
        .find(id)
        .select(Subscription::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// A page of subscriptions, oldest first.
pub async fn list(
    conn: &mut AsyncPgConnection,
    owner: Owner,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: u32,
) -> Result<Vec<Subscription>, Error> {
    let mut query = ws::table.select(Subscription::as_select()).into_boxed();
    query = match owner {
        Owner::All => query,
        Owner::Council(c) => query.filter(ws::council_id.eq(c)),
        Owner::ServiceAccount(a) => query.filter(ws::service_account_id.eq(a)),
    };
    if let Some((at, id)) = after {
        query = query.filter(
            ws::created_at
                .gt(at)
                .or(ws::created_at.eq(at).and(ws::id.gt(id))),
        );
    }
    query
        .order((ws::created_at.asc(), ws::id.asc()))
        .limit(fetch_size(limit))
        .load(conn)
        .await
}

pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    values: &SubscriptionValues,
) -> Result<Subscription, Error> {
    diesel::update(ws::table.find(id))
        .set((
            values,
            ws::updated_at.eq(diesel::dsl::now),
            ws::version.eq(ws::version + 1),
        ))
        .returning(Subscription::as_returning())
        .get_result(conn)
        .await
}

/// Replaces the secret; the old one stays valid until `previous_until`.
pub async fn rotate_secret(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    secret: &str,
    previous_until: DateTime<Utc>,
) -> Result<Subscription, Error> {
    diesel::update(ws::table.find(id))
        .set((
            ws::previous_secret.eq(ws::secret.nullable()),
            ws::previous_secret_expires_at.eq(Some(previous_until)),
            ws::secret.eq(secret),
            ws::updated_at.eq(diesel::dsl::now),
            ws::version.eq(ws::version + 1),
        ))
        .returning(Subscription::as_returning())
        .get_result(conn)
        .await
}

pub async fn delete(conn: &mut AsyncPgConnection, id: Uuid) -> Result<usize, Error> {
    diesel::delete(ws::table.find(id)).execute(conn).await
}

// ---- the dispatcher and the sender ---------------------------------------------------------

/// The active subscriptions, each locked for dispatching (others skip it), at most `limit`.
pub async fn lock_active(
    conn: &mut AsyncPgConnection,
    limit: i64,
) -> Result<Vec<Subscription>, Error> {
    ws::table
        .filter(ws::status.eq(ACTIVE))
        .select(Subscription::as_select())
        .order(ws::id.asc())
        .limit(limit)
        .for_update()
        .skip_locked()
        .load(conn)
        .await
}

/// Moves a subscription's feed position on.
pub async fn advance(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    xid: &str,
    seq: i64,
) -> Result<(), Error> {
    diesel::update(ws::table.find(id))
        .set((ws::cursor_xid.eq(xid), ws::cursor_seq.eq(seq)))
        .execute(conn)
        .await
        .map(|_| ())
}

/// Queues a delivery unless the subscription has one of the event already.
pub async fn enqueue(conn: &mut AsyncPgConnection, d: &Delivery) -> Result<bool, Error> {
    diesel::insert_into(wd::table)
        .values(d)
        .on_conflict_do_nothing()
        .execute(conn)
        .await
        .map(|n| n > 0)
}

/// Locks the next due delivery of an active subscription (others skip it), with its subscription.
pub async fn lock_next_due(
    conn: &mut AsyncPgConnection,
) -> Result<Option<(Delivery, Subscription)>, Error> {
    let delivery = wd::table
        .filter(wd::state.eq(PENDING))
        .filter(wd::next_attempt_at.le(diesel::dsl::now))
        .filter(diesel::dsl::exists(
            ws::table
                .filter(ws::id.eq(wd::subscription_id))
                .filter(ws::status.eq(ACTIVE)),
        ))
        .order(wd::next_attempt_at.asc())
        .select(Delivery::as_select())
        .for_update()
        .skip_locked()
        .first(conn)
        .await
        .optional()?;
    let Some(delivery) = delivery else {
        return Ok(None);
    };
    let subscription = find(conn, delivery.subscription_id).await?;
    Ok(subscription.map(|s| (delivery, s)))
}

/// The outcome of one attempt.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub at: DateTime<Utc>,
    pub status: Option<i32>,
    pub latency_ms: i32,
    pub error: Option<String>,
    pub delivered: bool,
}

/// What became of a delivery after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Delivered,
    Retry(DateTime<Utc>),
    /// Failing past its give-up time.
    GaveUp,
}

/// Records an attempt: delivered, or retried after the backoff of its attempt count, or given up
/// when the next try would come after `give_up_at`.
pub async fn record_attempt(
    conn: &mut AsyncPgConnection,
    d: &Delivery,
    attempt: &Attempt,
    backoff: &Backoff,
) -> Result<Outcome, Error> {
    let attempts = d.attempts + 1;
    let outcome = if attempt.delivered {
        Outcome::Delivered
    } else {
        let delay = backoff.delay(attempts);
        let next = attempt.at + chrono::Duration::from_std(delay).unwrap_or_default();
        if next > d.give_up_at {
            Outcome::GaveUp
        } else {
            Outcome::Retry(next)
        }
    };
    let (state, next, delivered_at) = match outcome {
        Outcome::Delivered => (DELIVERED, attempt.at, Some(attempt.at)),
        Outcome::Retry(next) => (PENDING, next, None),
        Outcome::GaveUp => (FAILED, attempt.at, None),
    };
    diesel::update(wd::table.find(d.id))
        .set((
            wd::state.eq(state),
            wd::attempts.eq(attempts),
            wd::next_attempt_at.eq(next),
            wd::last_attempt_at.eq(Some(attempt.at)),
            wd::last_status.eq(attempt.status),
            wd::last_latency_ms.eq(Some(attempt.latency_ms)),
            wd::last_error.eq(attempt.error.as_deref()),
            wd::delivered_at.eq(delivered_at),
        ))
        .execute(conn)
        .await?;
    Ok(outcome)
}

/// Disables a subscription after persistent failure (unless already disabled); returns it when
/// this call disabled it.
pub async fn disable(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    reason: &str,
) -> Result<Option<Subscription>, Error> {
    diesel::update(ws::table.find(id).filter(ws::status.eq(ACTIVE)))
        .set((
            ws::status.eq(DISABLED),
            ws::disabled_reason.eq(Some(reason)),
            ws::disabled_at.eq(Some(Utc::now())),
            ws::updated_at.eq(diesel::dsl::now),
            ws::version.eq(ws::version + 1),
        ))
        .returning(Subscription::as_returning())
        .get_result(conn)
        .await
        .optional()
}

pub async fn find_delivery(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<Delivery>, Error> {
    wd::table
        .find(id)
        .select(Delivery::as_select())
        .first(conn)
        .await
        .optional()
}

/// A subscription's deliveries, newest first.
pub async fn deliveries(
    conn: &mut AsyncPgConnection,
    subscription_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: u32,
) -> Result<Vec<Delivery>, Error> {
    let mut query = wd::table
        .filter(wd::subscription_id.eq(subscription_id))
        .select(Delivery::as_select())
        .into_boxed();
    if let Some((at, id)) = after {
        query = query.filter(
            wd::created_at
                .lt(at)
                .or(wd::created_at.eq(at).and(wd::id.lt(id))),
        );
    }
    query
        .order((wd::created_at.desc(), wd::id.desc()))
        .limit(fetch_size(limit))
        .load(conn)
        .await
}

/// Queues a delivery again now (a manual redelivery), with a fresh give-up time.
pub async fn redeliver(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    give_up_at: DateTime<Utc>,
) -> Result<Delivery, Error> {
    diesel::update(wd::table.find(id))
        .set((
            wd::state.eq(PENDING),
            wd::next_attempt_at.eq(diesel::dsl::now),
            wd::give_up_at.eq(give_up_at),
        ))
        .returning(Delivery::as_returning())
        .get_result(conn)
        .await
}
