//! The audit trail: who changed what, and when. Admins only; newest first.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::audit_events::{self as uc, ListAuditEvents};
use scrutiny_app::Ctx;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

pub use scrutiny_app::views::audit::{AuditActor, AuditEvent};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditEventFilter {
    /// Only events about records of this type, e.g. `organisation`.
    pub entity_type: Option<String>,
    /// Only events about this record.
    pub entity_id: Option<Uuid>,
    /// Only events by this user or service account.
    pub actor_id: Option<Uuid>,
    /// Only events of this action, e.g. `organisation.updated`.
    pub action: Option<String>,
    /// Only events at or after this RFC 3339 date-time (percent-encode a `+` offset as `%2B`).
    #[param(value_type = Option<DateTime<Utc>>, example = "2026-01-01T00:00:00Z")]
    pub from: Option<String>,
    /// Only events before this RFC 3339 date-time.
    #[param(value_type = Option<DateTime<Utc>>, example = "2026-02-01T00:00:00Z")]
    pub to: Option<String>,
}

/// List audit events, newest first.
#[utoipa::path(
    tag = "audit",
    params(AuditEventFilter, PageParams),
    responses((status = 200, description = "A page of audit events", body = Page<AuditEvent>), ListErrors),
    security(("bearer" = []))
)]
#[get("/audit-events")]
pub async fn list_audit_events(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<AuditEventFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let filter = filter.into_inner();
    let cmd = ListAuditEvents {
        entity_type: filter.entity_type,
        entity_id: filter.entity_id,
        actor_id: filter.actor_id,
        action: filter.action,
        from: filter.from,
        to: filter.to,
        page: page.request()?,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let events: Page<AuditEvent> = uc::list(&mut ctx, cmd).await?;
    Ok(HttpResponse::Ok().json(events))
}
