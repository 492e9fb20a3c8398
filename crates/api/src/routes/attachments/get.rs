//! `GET /attachments/{id}`: an attachment's details.
use super::Attachment;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::attachments as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Read an attachment's details (not its bytes).
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses((status = 200, description = "The attachment", body = Attachment), ReadErrors),
    security(("bearer" = []))
)]
#[get("/attachments/{id}")]
pub async fn get_attachment(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let attachment = uc::get(&mut ctx, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(attachment))
}
