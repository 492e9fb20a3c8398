use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ReadErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::committees as uc;
use scrutiny_app::views::audit::AuditEvent;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// A committee's changes, newest first.
#[utoipa::path(
    tag = "committees",
    params(("id" = Uuid, Path, description = "Committee id"), PageParams),
    responses((status = 200, description = "Audit events of the committee", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/committees/{id}/history")]
pub async fn committee_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let events: Page<AuditEvent> = uc::history(&mut ctx, id.into_inner(), page).await?;
    Ok(HttpResponse::Ok().json(events))
}
