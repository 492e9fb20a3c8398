//! An entry's history.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ReadErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::progress::entries as uc;
use scrutiny_app::views::audit::AuditEvent;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// An entry's history: every change and workflow step, newest first.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id"), PageParams),
    responses((status = 200, description = "Audit events of the entry", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/progress-entries/{id}/history")]
pub async fn progress_entry_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let events = uc::history(&mut ctx, id.into_inner(), page).await?;
    Ok(HttpResponse::Ok().json(events))
}
