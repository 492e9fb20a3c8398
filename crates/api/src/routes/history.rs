//! `GET …/{id}/history`: a record's changes from the audit trail (who, when, what changed).
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, PageParams};
use crate::routes::audit_events::AuditEvent;
use crate::routes::types::Page;
use chrono::{DateTime, Utc};
use scrutiny_db::page::TimeKey;
use scrutiny_db::queries::audit;
use scrutiny_db::AsyncPgConnection;
use uuid::Uuid;

/// One page of a record's history, newest first. The caller has already checked that the record
/// is visible.
pub async fn page(
    conn: &mut AsyncPgConnection,
    entity_type: &str,
    entity_id: Uuid,
    params: &PageParams,
) -> Result<Page<AuditEvent>, ApiError> {
    let limit = params.limit()?;
    let after = params
        .decode_cursor::<(DateTime<Utc>, Uuid)>()?
        .map(|(at, id)| TimeKey { at, id });
    let filter = audit::Filter {
        entity_type: Some(entity_type.to_owned()),
        entity_id: Some(entity_id),
        ..Default::default()
    };
    let rows = audit::list(conn, &filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(r.occurred_at, r.id)));
    Ok(Page {
        items: rows.into_iter().map(AuditEvent::from).collect(),
        next_cursor,
    })
}
