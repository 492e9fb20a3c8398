//! The audit trail as the API shows it, and a record's history read from it.
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use chrono::{DateTime, Utc};
use scrutiny_db::models;
use scrutiny_db::page::TimeKey;
use scrutiny_db::queries::audit;
use scrutiny_db::AsyncPgConnection;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// Who made a change.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditActor {
    /// user, service_account or system.
    #[schema(example = "user")]
    pub kind: String,
    /// The user or service account; absent for the system.
    pub id: Option<Uuid>,
    /// The actor's name at the time.
    #[schema(example = "Marc Stephenson")]
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEvent {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub actor: AuditActor,
    #[schema(example = "organisation.updated")]
    pub action: String,
    #[schema(example = "organisation")]
    pub entity_type: String,
    pub entity_id: Uuid,
    /// The record as the API showed it before the change (absent for a creation).
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    /// The record as the API showed it after the change.
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    /// The id of the request that made the change.
    pub request_id: Option<String>,
    /// The council whose trail the event is in; absent for an operator's or the system's change
    /// to records councils share (partner organisations, calendars), which only operators see.
    pub council_id: Option<Uuid>,
}

impl From<models::AuditEvent> for AuditEvent {
    fn from(row: models::AuditEvent) -> Self {
        Self {
            id: row.id,
            occurred_at: row.occurred_at,
            actor: AuditActor {
                kind: row.actor_kind,
                id: row.actor_id,
                name: row.actor_name,
            },
            action: row.action,
            entity_type: row.entity_type,
            entity_id: row.entity_id,
            before: row.before,
            after: row.after,
            request_id: row.request_id,
            council_id: row.council_id,
        }
    }
}

/// One page of a record's history, newest first. The caller has already checked that the record
/// is visible.
pub async fn history(
    conn: &mut AsyncPgConnection,
    entity_type: &str,
    entity_id: Uuid,
    page: &PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    history_page(conn, entity_type, entity_id, None, page).await
}

/// The published part of a record's history: only the events of `action` (a progress entry's
/// acceptance, for readers who see accepted entries only), each without the record as it was
/// before (a draft, an officer's comments), which such readers may not see.
pub async fn published_history(
    conn: &mut AsyncPgConnection,
    entity_type: &str,
    entity_id: Uuid,
    action: &str,
    page: &PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    let mut page = history_page(conn, entity_type, entity_id, Some(action), page).await?;
    for event in &mut page.items {
        event.before = None;
    }
    Ok(page)
}

async fn history_page(
    conn: &mut AsyncPgConnection,
    entity_type: &str,
    entity_id: Uuid,
    action: Option<&str>,
    page: &PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    let limit = page.limit;
    let after = page
        .decode::<(DateTime<Utc>, Uuid)>()?
        .map(|(at, id)| TimeKey { at, id });
    let filter = audit::Filter {
        entity_type: Some(entity_type.to_owned()),
        entity_id: Some(entity_id),
        action: action.map(str::to_owned),
        ..Default::default()
    };
    let rows = audit::list(conn, &filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(r.occurred_at, r.id)));
    Ok(Page {
        items: rows.into_iter().map(AuditEvent::from).collect(),
        next_cursor,
    })
}
