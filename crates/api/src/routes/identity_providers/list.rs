//! `GET /identity-providers`.
use super::IdentityProvider;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::identity_providers as uc;
use scrutiny_app::Ctx;

/// The identity providers the caller manages: a council admin its council's, an operator every
/// council's.
#[utoipa::path(
    tag = "identity-providers",
    params(PageParams),
    responses((status = 200, description = "A page of identity providers", body = Page<IdentityProvider>), ListErrors),
    security(("bearer" = []))
)]
#[get("/identity-providers")]
pub async fn list_identity_providers(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    Ok(HttpResponse::Ok().json(uc::list(&mut ctx, page).await?))
}
