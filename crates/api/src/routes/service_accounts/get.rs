use super::ServiceAccount;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::service_accounts as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Read one service account (never its secret).
#[utoipa::path(
    tag = "service-accounts",
    params(("id" = Uuid, Path, description = "Service account id")),
    responses((status = 200, description = "The service account, with its ETag", body = ServiceAccount), ReadErrors),
    security(("bearer" = []))
)]
#[get("/service-accounts/{id}")]
pub async fn get_service_account(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let dto: ServiceAccount = uc::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}
