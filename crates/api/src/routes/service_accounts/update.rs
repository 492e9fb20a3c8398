use super::{ServiceAccount, UpdateServiceAccount};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::service_accounts as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Rename a service account, change its role, or revoke it (`active: false`).
#[utoipa::path(
    tag = "service-accounts",
    params(("id" = Uuid, Path, description = "Service account id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateServiceAccount,
    responses((status = 200, description = "Updated", body = ServiceAccount), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/service-accounts/{id}")]
pub async fn update_service_account(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateServiceAccount>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cmd = uc::UpdateServiceAccount {
        id: id.into_inner(),
        precondition: if_match.precondition(),
        name: body.name,
        role: body.role,
        active: body.active,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let updated: ServiceAccount = uc::update(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
