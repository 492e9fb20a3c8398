//! `DELETE /statutory-responses/{id}`.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::IfMatch;
use crate::openapi::UpdateErrors;
use crate::state::AppState;
use actix_web::{delete, web, HttpResponse};
use scrutiny_app::responses as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Remove a response recorded by mistake while it is still awaited (council staff); a received
/// one is part of the record (409).
#[utoipa::path(
    tag = "responses",
    params(("id" = Uuid, Path, description = "Statutory response id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses((status = 204, description = "Removed"), UpdateErrors),
    security(("bearer" = []))
)]
#[delete("/statutory-responses/{id}")]
pub async fn delete_statutory_response(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    uc::delete(&mut ctx, id.into_inner(), if_match.precondition()).await?;
    Ok(HttpResponse::NoContent().finish())
}
