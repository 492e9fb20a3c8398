//! `GET /action-plans/{id}/history`: a plan's changes from the audit trail.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::views::audit::AuditEvent;
use scrutiny_app::Page;
use uuid::Uuid;

/// A plan's changes, newest first.
#[utoipa::path(
    tag = "action-plans",
    params(("id" = Uuid, Path, description = "Action plan id"), PageParams),
    responses((status = 200, description = "Audit events of the plan", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/action-plans/{id}/history")]
pub async fn action_plan_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let events = scrutiny_app::plans::history(&mut ctx, id.into_inner(), page).await?;
    Ok(HttpResponse::Ok().json(events))
}
