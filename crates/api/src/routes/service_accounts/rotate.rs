use super::{credentials_response, ServiceAccountCredentials};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::IfMatch;
use crate::openapi::UpdateErrors;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::service_accounts as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Replace a service account's client secret. The old secret stops working at once; the answer
/// holds the new one, shown this once.
#[utoipa::path(
    tag = "service-accounts",
    params(("id" = Uuid, Path, description = "Service account id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 201, description = "Rotated; the new client secret is shown this once", body = ServiceAccountCredentials),
        UpdateErrors
    ),
    security(("bearer" = []))
)]
#[post("/service-accounts/{id}/secret")]
pub async fn rotate_secret(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let cmd = uc::RotateSecret {
        id: id.into_inner(),
        precondition: if_match.precondition(),
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let credentials: ServiceAccountCredentials = uc::rotate_secret(&mut ctx, cmd).await?;
    Ok(credentials_response(&credentials))
}
