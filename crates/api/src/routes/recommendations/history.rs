//! `GET /recommendations/{id}/history`: a recommendation's changes.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ReadErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::recommendations as uc;
use scrutiny_app::views::audit::AuditEvent;
use uuid::Uuid;

/// A recommendation's changes, newest first.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation id"), PageParams),
    responses((status = 200, description = "Audit events of the recommendation", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/recommendations/{id}/history")]
pub async fn recommendation_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let events: Page<AuditEvent> = uc::history(&mut ctx, id.into_inner(), &page).await?;
    Ok(HttpResponse::Ok().json(events))
}
