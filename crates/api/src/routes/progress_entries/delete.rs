//! Removing an untouched draft entry.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{delete, web, HttpResponse};
use scrutiny_app::progress::entries as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Remove an untouched draft entry from its round (a recommendation added by mistake). An entry
/// anyone has written in, or that has moved on, is kept.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    responses((status = 204, description = "Removed"), ReadErrors, (status = 409, description = "The entry has content or has moved on")),
    security(("bearer" = []))
)]
#[delete("/progress-entries/{id}")]
pub async fn delete_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    uc::delete(&mut ctx, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
