//! `GET /progress-entries/{id}/attachments`: an entry's attachments.
use super::Attachment;
use crate::auth::Auth;
use crate::error::{ApiError, Problem};
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::attachments as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// The attachments of a progress entry, oldest first, withdrawn ones included (with their
/// reason).
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id"), PageParams),
    responses((status = 200, description = "A page of attachments", body = Page<Attachment>), ListErrors,
        (status = 404, description = "No such entry, or not visible to the caller", body = Problem,
            content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/progress-entries/{id}/attachments")]
pub async fn list_attachments(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let attachments = uc::list(&mut ctx, id.into_inner(), page).await?;
    Ok(HttpResponse::Ok().json(attachments))
}
