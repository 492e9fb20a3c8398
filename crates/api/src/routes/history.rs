//! `GET …/{id}/history`: a record's changes from the audit trail (who, when, what changed).
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::routes::types::Page;
use scrutiny_app::views::audit::AuditEvent;
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
    Ok(
        scrutiny_app::views::audit::history(conn, entity_type, entity_id, &params.request()?)
            .await?,
    )
}
