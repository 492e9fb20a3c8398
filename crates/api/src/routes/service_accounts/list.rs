use super::{ServiceAccount, ServiceAccountFilter};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::service_accounts as uc;
use scrutiny_app::Ctx;

/// List service accounts, by name.
#[utoipa::path(
    tag = "service-accounts",
    params(ServiceAccountFilter, PageParams),
    responses((status = 200, description = "A page of service accounts", body = Page<ServiceAccount>), ListErrors),
    security(("bearer" = []))
)]
#[get("/service-accounts")]
pub async fn list_service_accounts(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<ServiceAccountFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let cmd = uc::ListServiceAccounts {
        organisation_id: filter.organisation_id,
        active: filter.active,
        page: page.request()?,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let page: Page<ServiceAccount> = uc::list(&mut ctx, cmd).await?;
    Ok(HttpResponse::Ok().json(page))
}
