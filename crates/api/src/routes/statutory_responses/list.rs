//! `GET /statutory-responses`.
use super::{StatutoryResponse, StatutoryResponseQuery};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::responses as uc;
use scrutiny_app::Ctx;

/// Statutory responses the caller may see, soonest due first: council staff their council's, a
/// partner its own organisation's, viewers the published ones. `overdue=true` lists the awaited
/// ones past their due day (the council's local date).
#[utoipa::path(
    tag = "responses",
    params(StatutoryResponseQuery),
    responses((status = 200, description = "A page of responses", body = Page<StatutoryResponse>), ListErrors),
    security(("bearer" = []))
)]
#[get("/statutory-responses")]
pub async fn list_statutory_responses(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    query: web::Query<StatutoryResponseQuery>,
) -> Result<HttpResponse, ApiError> {
    let command = query.into_inner().command()?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let page = uc::list(&mut ctx, command).await?;
    Ok(HttpResponse::Ok().json(page))
}
