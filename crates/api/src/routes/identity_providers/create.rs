//! `POST /identity-providers`.
use super::{CreateIdentityProvider, IdentityProvider};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::CreateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::identity_providers as uc;
use scrutiny_app::Ctx;

/// Register an identity provider for a council: its people then see a button on the sign-in page.
/// Register `{public address}/api/v1/auth/oidc/callback` as the redirect URI at the provider, and
/// `{public address}/sign-in` as the address to return to after signing out.
#[utoipa::path(
    tag = "identity-providers",
    request_body = CreateIdentityProvider,
    responses((status = 201, description = "Registered", body = IdentityProvider), CreateErrors),
    security(("bearer" = []))
)]
#[post("/identity-providers")]
pub async fn create_identity_provider(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateIdentityProvider>,
) -> Result<HttpResponse, ApiError> {
    let (council_id, input) = body.into_inner().into_input();
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let created = uc::create(&mut ctx, state.issuer_policy, council_id, input).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}
