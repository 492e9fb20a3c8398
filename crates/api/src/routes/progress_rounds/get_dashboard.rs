//! The dashboard.
use super::DashboardQuery;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ListErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::progress::dashboard as use_case;
use scrutiny_app::views::progress::Dashboard;
use scrutiny_app::Ctx;

/// Counts by grade and state per committee, review and organisation; what is overdue and what
/// falls due in the next 45 days, in the caller's scope.
#[utoipa::path(
    tag = "progress",
    params(DashboardQuery),
    responses((status = 200, description = "The dashboard", body = Dashboard), ListErrors),
    security(("bearer" = []))
)]
#[get("/dashboard")]
pub async fn dashboard(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    query: web::Query<DashboardQuery>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let body = use_case::dashboard(&mut ctx, query.on).await?;
    Ok(HttpResponse::Ok().json(body))
}
