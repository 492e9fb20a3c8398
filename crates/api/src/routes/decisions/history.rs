//! `GET /decisions/{id}/history`.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ReadErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::views::audit::AuditEvent;
use uuid::Uuid;

/// A decision's changes, newest first.
#[utoipa::path(
    tag = "decisions",
    params(("id" = Uuid, Path, description = "Decision id"), PageParams),
    responses((status = 200, description = "The decision's changes, newest first", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/decisions/{id}/history")]
pub async fn decision_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let page = scrutiny_app::decisions::history(&mut ctx, id.into_inner(), &page).await?;
    Ok(HttpResponse::Ok().json(page))
}
