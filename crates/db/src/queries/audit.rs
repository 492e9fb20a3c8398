use crate::models::{AuditEvent, NewAuditEvent};
use crate::page::{fetch_size, TimeKey};
use crate::schema::audit_events::dsl as a;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

pub async fn record(conn: &mut AsyncPgConnection, event: &NewAuditEvent) -> Result<(), Error> {
    diesel::insert_into(a::audit_events)
        .values(event)
        .execute(conn)
        .await
        .map(|_| ())
}

#[derive(Debug, Default)]
pub struct Filter {
    /// Only this council's trail.
    pub council_id: Option<Uuid>,
    pub entity_type: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Newest first.
pub async fn list(
    conn: &mut AsyncPgConnection,
    filter: &Filter,
    after: Option<&TimeKey>,
    limit: u32,
) -> Result<Vec<AuditEvent>, Error> {
    let mut query = a::audit_events.select(AuditEvent::as_select()).into_boxed();
    if let Some(council) = filter.council_id {
        query = query.filter(a::council_id.eq(council));
    }
    if let Some(t) = &filter.entity_type {
        query = query.filter(a::entity_type.eq(t.clone()));
    }
    if let Some(id) = filter.entity_id {
        query = query.filter(a::entity_id.eq(id));
    }
    if let Some(id) = filter.actor_id {
        query = query.filter(a::actor_id.eq(id));
    }
    if let Some(action) = &filter.action {
        query = query.filter(a::action.eq(action.clone()));
    }
    if let Some(from) = filter.from {
        query = query.filter(a::occurred_at.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(a::occurred_at.lt(to));
    }
    if let Some(k) = after {
        query = query.filter(
            a::occurred_at
                .lt(k.at)
                .or(a::occurred_at.eq(k.at).and(a::id.lt(k.id))),
        );
    }
    query
        .order((a::occurred_at.desc(), a::id.desc()))
        .limit(fetch_size(limit))
        .load(conn)
        .await
}
