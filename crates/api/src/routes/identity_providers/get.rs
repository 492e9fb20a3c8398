//! `GET /identity-providers/{id}`.
use super::IdentityProvider;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::identity_providers as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// One identity provider (never its client secret).
#[utoipa::path(
    tag = "identity-providers",
    params(("id" = Uuid, Path, description = "Identity provider id")),
    responses((status = 200, description = "The provider", body = IdentityProvider), ReadErrors),
    security(("bearer" = []))
)]
#[get("/identity-providers/{id}")]
pub async fn get_identity_provider(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let p = uc::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), p.version, &p))
}
