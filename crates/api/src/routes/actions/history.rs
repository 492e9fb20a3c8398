//! `GET /actions/{id}/history`: an action's changes from the audit trail.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::views::audit::AuditEvent;
use scrutiny_app::Page;
use uuid::Uuid;

/// An action's changes, newest first.
#[utoipa::path(
    tag = "actions",
    params(("id" = Uuid, Path, description = "Action id"), PageParams),
    responses((status = 200, description = "Audit events of the action", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/actions/{id}/history")]
pub async fn action_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let events = scrutiny_app::actions::history(&mut ctx, id.into_inner(), page).await?;
    Ok(HttpResponse::Ok().json(events))
}
