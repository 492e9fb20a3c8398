//! `GET /reviews/{id}/history`.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ReadErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::views::audit::AuditEvent;
use uuid::Uuid;

/// A review's changes, newest first.
#[utoipa::path(
    tag = "reviews",
    params(("id" = Uuid, Path, description = "Review id"), PageParams),
    responses((status = 200, description = "Audit events of the review", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/reviews/{id}/history")]
pub async fn review_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let page = scrutiny_app::reviews::history(&mut ctx, id.into_inner(), &page).await?;
    Ok(HttpResponse::Ok().json(page))
}
