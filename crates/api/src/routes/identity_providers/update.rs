//! `PATCH /identity-providers/{id}`.
use super::{IdentityProvider, UpdateIdentityProvider};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::identity_providers as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Change an identity provider: its button, issuer, client, scopes, role rules, whether it makes
/// accounts, its domains, or turn it off.
#[utoipa::path(
    tag = "identity-providers",
    params(("id" = Uuid, Path, description = "Identity provider id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateIdentityProvider,
    responses((status = 200, description = "Updated", body = IdentityProvider), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/identity-providers/{id}")]
pub async fn update_identity_provider(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateIdentityProvider>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let p = uc::update(
        &mut ctx,
        state.issuer_policy,
        id.into_inner(),
        if_match.precondition(),
        body.into_inner().into_input(),
    )
    .await?;
    // What was cached of the provider may be another issuer's now.
    state.oidc.forget(&p.issuer);
    Ok(with_etag(HttpResponse::Ok(), p.version, &p))
}
