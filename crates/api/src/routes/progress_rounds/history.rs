//! A round's history.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ReadErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::progress::rounds;
use scrutiny_app::views::audit::AuditEvent;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// A round's changes, newest first. For council staff: the snapshots count every organisation's
/// entries.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Round id"), PageParams),
    responses((status = 200, description = "Audit events of the round", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/progress-rounds/{id}/history")]
pub async fn progress_round_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let events = rounds::history(&mut ctx, id.into_inner(), page).await?;
    Ok(HttpResponse::Ok().json(events))
}
