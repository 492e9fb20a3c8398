//! The event feed for other council systems (docs/architecture.md, "Events").
//!
//! Every write is audited in its use case's transaction ([`crate::audit::record`]); the writes
//! another system cares about also become a typed event in the same transaction, so an event is
//! there exactly when its change committed. Readers take them in commit order with a stable
//! cursor (`GET /events?after=…`), CloudEvents-shaped, filtered by what they may see:
//! - council staff: their council's events;
//! - a partner: its organisation's own (its entries, its responses) and the public events of the
//!   reviews in which it owns an action;
//! - viewers: public events only (what the council publishes: reviews, recommendations, Cabinet's
//!   decisions, agreed plans, accepted grades, published responses).
use crate::access;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{decode_cursor, encode_cursor};
use crate::principal::ANY_ROLE;
use chrono::{DateTime, Utc};
use scrutiny_db::models::NewAuditEvent;
use scrutiny_db::queries::events::{self as q, Audience, FeedKey, NewEvent};
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::people::Role;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

/// Every event type, with whether viewers (and partners of the review) may read it.
pub const TYPES: &[(&str, bool)] = &[
    ("review.created", true),
    ("review.status_changed", true),
    ("recommendation.created", true),
    ("recommendation.closed", true),
    ("recommendation.withdrawn", true),
    ("decision.recorded", true),
    ("decision.call_in_changed", true),
    ("decision.call_in_expired", true),
    ("action_plan.agreed", true),
    ("action_plan.amended", true),
    ("action_plan.signed_off", true),
    ("action.completed", true),
    ("progress_round.opened", true),
    ("progress_round.closed", true),
    ("progress_entry.submitted", false),
    ("progress_entry.returned", false),
    ("progress_entry.validated", false),
    ("progress_entry.accepted", true),
    ("attachment.added", false),
    ("statutory_response.requested", false),
    ("statutory_response.received", false),
    ("statutory_response.published", true),
];

/// What an audited change says as an event: its type and whom it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    pub event_type: &'static str,
    pub council_id: Option<Uuid>,
    pub review_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub public: bool,
}

fn uuid_at(value: Option<&Value>, pointer: &str) -> Option<Uuid> {
    value?.pointer(pointer)?.as_str()?.parse().ok()
}

fn str_at<'a>(value: Option<&'a Value>, pointer: &str) -> Option<&'a str> {
    value?.pointer(pointer)?.as_str()
}

/// The event an audited action is, if any: `progress_entry.submitted` is itself; a plan moved to
/// agreed is `action_plan.agreed`; a call-in period ended is `decision.call_in_expired`.
pub fn describe(
    action: &str,
    entity_id: Uuid,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Option<Described> {
    let event_type: &'static str = match action {
        "review.created" => "review.created",
        "review.status_changed" => "review.status_changed",
        "recommendation.created" => "recommendation.created",
        "recommendation.closed" => "recommendation.closed",
        "recommendation.withdrawn" => "recommendation.withdrawn",
        "decision.created" => "decision.recorded",
        "decision.call_in_changed" => {
            if str_at(after, "/call_in/state") == Some("expired") {
                "decision.call_in_expired"
            } else {
                "decision.call_in_changed"
            }
        }
        "action_plan.created" | "action_plan.updated"
            if str_at(after, "/status") == Some("agreed")
                && str_at(before, "/status") != Some("agreed") =>
        {
            "action_plan.agreed"
        }
        "action_plan.amended" => "action_plan.amended",
        "action_plan.signed_off" => "action_plan.signed_off",
        "action.completed" => "action.completed",
        "progress_round.opened" => "progress_round.opened",
        "progress_round.closed" => "progress_round.closed",
        "progress_entry.submitted" => "progress_entry.submitted",
        "progress_entry.returned" => "progress_entry.returned",
        "progress_entry.validated" => "progress_entry.validated",
        "progress_entry.accepted" => "progress_entry.accepted",
        "attachment.uploaded" => "attachment.added",
        "statutory_response.created" => "statutory_response.requested",
        "statutory_response.received" => "statutory_response.received",
        "statutory_response.published" => "statutory_response.published",
        _ => return None,
    };
    let public = TYPES
        .iter()
        .find(|(t, _)| *t == event_type)
        .is_some_and(|(_, public)| *public);
    let record = after.or(before);
    let review_id = if action.starts_with("review.") {
        Some(entity_id)
    } else {
        uuid_at(record, "/review_id")
    };
    Some(Described {
        event_type,
        council_id: uuid_at(record, "/council_id"),
        review_id,
        organisation_id: uuid_at(record, "/organisation/id")
            .or_else(|| uuid_at(record, "/organisation_id"))
            .filter(|org| Some(*org) != uuid_at(record, "/council_id")),
        public,
    })
}

/// Writes the event an audited change is, if any, in the caller's transaction.
pub async fn emit_for(
    conn: &mut AsyncPgConnection,
    audit: &NewAuditEvent,
) -> Result<(), scrutiny_db::DbError> {
    let Some(d) = describe(
        &audit.action,
        audit.entity_id,
        audit.before.as_ref(),
        audit.after.as_ref(),
    ) else {
        return Ok(());
    };
    let data = audit.after.clone().unwrap_or(Value::Null);
    q::insert(
        conn,
        &NewEvent {
            id: Uuid::now_v7(),
            event_type: d.event_type,
            council_id: d.council_id,
            review_id: d.review_id,
            organisation_id: d.organisation_id,
            public: d.public,
            subject_type: &audit.entity_type,
            subject_id: audit.entity_id,
            actor_kind: &audit.actor_kind,
            actor_name: &audit.actor_name,
            data: &data,
        },
    )
    .await
}

/// One event, CloudEvents 1.0 in its JSON form.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CloudEvent {
    #[schema(example = "1.0")]
    pub specversion: &'static str,
    pub id: Uuid,
    /// The council the event belongs to: `/councils/{id}`.
    #[schema(example = "/councils/0193a4b2-7c1d-7000-8000-000000000001")]
    pub source: String,
    #[schema(example = "progress_entry.submitted")]
    #[serde(rename = "type")]
    pub event_type: String,
    /// The record: `progress-entries/{id}`.
    #[schema(example = "progress-entries/0193a4b2-7c1d-7000-8000-000000000002")]
    pub subject: String,
    pub time: DateTime<Utc>,
    #[schema(example = "application/json")]
    pub datacontenttype: &'static str,
    /// The record after the change, as the API shows it.
    #[schema(value_type = Object)]
    pub data: Value,
    /// Extension: who made the change (`user`, `service_account`, `system`) and their name.
    pub actorkind: String,
    pub actorname: String,
    /// Extension: the review the record belongs to.
    pub reviewid: Option<Uuid>,
    /// Extension: this event's position in the feed; pass it as `after` to read on from it.
    pub cursor: String,
}

/// A page of the feed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventPage {
    pub items: Vec<CloudEvent>,
    /// The position after the last event returned (the one given when none came): poll with it
    /// as `after`. Never absent, so a reader can always resume.
    pub next_cursor: Option<String>,
}

/// The cursor's content.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Position {
    x: u64,
    s: i64,
}

/// What `GET /events` asks for.
#[derive(Debug, Clone, Default)]
pub struct FeedQuery {
    pub after: Option<String>,
    /// Comma-separated event types; every type when absent.
    pub types: Option<String>,
    pub limit: u32,
}

fn collection(subject_type: &str) -> String {
    let plural = match subject_type {
        "progress_entry" => "progress-entries".to_owned(),
        "statutory_response" => "statutory-responses".to_owned(),
        other => format!("{}s", other.replace('_', "-")),
    };
    plural
}

/// An event row as CloudEvents JSON.
pub fn cloud_event(r: q::EventRow) -> Result<CloudEvent, AppError> {
    let position = Position {
        x: r.xid.parse().map_err(AppError::internal)?,
        s: r.seq,
    };
    Ok(CloudEvent {
        specversion: "1.0",
        id: r.id,
        source: match r.council_id {
            Some(c) => format!("/councils/{c}"),
            None => "/".to_owned(),
        },
        event_type: r.event_type,
        subject: format!("{}/{}", collection(&r.subject_type), r.subject_id),
        time: r.time,
        datacontenttype: "application/json",
        data: r.data,
        actorkind: r.actor_kind,
        actorname: r.actor_name,
        reviewid: r.review_id,
        cursor: encode_cursor(&position),
    })
}

/// Whether `t` is an event type.
pub fn is_type(t: &str) -> bool {
    TYPES.iter().any(|(known, _)| *known == t)
}

/// The events the caller may see after `after`, in commit order.
pub async fn feed(ctx: &mut Ctx<'_>, query: FeedQuery) -> Result<EventPage, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let mut types = Vec::new();
    for t in query
        .types
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !TYPES.iter().any(|(known, _)| *known == t) {
            return Err(AppError::invalid(
                "types",
                format!(
                    "{t} is not an event type; the types are {}",
                    TYPES.iter().map(|(t, _)| *t).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        types.push(t.to_owned());
    }
    let after = query
        .after
        .as_deref()
        .map(|raw| {
            decode_cursor::<Position>(raw)
                .map_err(|_| AppError::invalid("after", "is not a cursor returned by this feed"))
        })
        .transpose()?;
    let audience = Audience {
        scope: access::scope(&ctx.principal),
        public_only: ctx.principal.is(Role::Viewer),
    };
    let key = after.as_ref().map(|p| FeedKey { xid: p.x, seq: p.s });
    let rows = q::feed(ctx.db(), audience, &types, key.as_ref(), query.limit).await?;
    let items = rows
        .into_iter()
        .map(cloud_event)
        .collect::<Result<Vec<_>, _>>()?;
    let next_cursor = items
        .last()
        .map(|e| e.cursor.clone())
        .or(query.after)
        .or_else(|| Some(encode_cursor(&Position { x: 0, s: 0 })));
    Ok(EventPage { items, next_cursor })
}
