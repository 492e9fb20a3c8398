//! `GET /statutory-responses/{id}/history`.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ReadErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::responses as uc;
use scrutiny_app::views::audit::AuditEvent;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// A response's history: every change, its receipt and publication, newest first (viewers: its
/// publication).
#[utoipa::path(
    tag = "responses",
    params(("id" = Uuid, Path, description = "Statutory response id"), PageParams),
    responses((status = 200, description = "Audit events of the response", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/statutory-responses/{id}/history")]
pub async fn statutory_response_history(
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
