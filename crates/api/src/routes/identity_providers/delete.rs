//! `DELETE /identity-providers/{id}`.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::IfMatch;
use crate::openapi::UpdateErrors;
use crate::state::AppState;
use actix_web::{delete, web, HttpResponse};
use scrutiny_app::identity_providers as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Remove an identity provider. Its people keep their accounts (with their passwords, if any).
#[utoipa::path(
    tag = "identity-providers",
    params(("id" = Uuid, Path, description = "Identity provider id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses((status = 204, description = "Removed"), UpdateErrors),
    security(("bearer" = []))
)]
#[delete("/identity-providers/{id}")]
pub async fn delete_identity_provider(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    uc::delete(&mut ctx, id.into_inner(), if_match.precondition()).await?;
    Ok(HttpResponse::NoContent().finish())
}
