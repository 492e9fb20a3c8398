use super::{credentials_response, CreateServiceAccount, ServiceAccountCredentials};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::CreateErrors;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::service_accounts as uc;
use scrutiny_app::Ctx;

/// Create a service account. The answer holds the client secret, shown this once.
#[utoipa::path(
    tag = "service-accounts",
    request_body = CreateServiceAccount,
    responses(
        (status = 201, description = "Created; the client secret is shown this once", body = ServiceAccountCredentials),
        CreateErrors
    ),
    security(("bearer" = []))
)]
#[post("/service-accounts")]
pub async fn create_service_account(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateServiceAccount>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let credentials: ServiceAccountCredentials =
        uc::create(&mut ctx, body.into_inner().into()).await?;
    Ok(credentials_response(&credentials))
}
