//! `DELETE /import-profiles/{id}`.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::IfMatch;
use crate::openapi::UpdateErrors;
use crate::state::AppState;
use actix_web::{delete, web, HttpResponse};
use scrutiny_app::import_profiles as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Remove an import profile. Imports made with it keep their record.
#[utoipa::path(
    tag = "imports",
    params(("id" = Uuid, Path, description = "Import profile id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses((status = 204, description = "Removed"), UpdateErrors),
    security(("bearer" = []))
)]
#[delete("/import-profiles/{id}")]
pub async fn delete_import_profile(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    uc::delete(&mut ctx, id.into_inner(), if_match.precondition()).await?;
    Ok(HttpResponse::NoContent().finish())
}
