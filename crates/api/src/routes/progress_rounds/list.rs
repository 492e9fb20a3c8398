//! The rounds the caller may see.
use super::RoundQuery;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::progress::rounds;
use scrutiny_app::views::progress::ProgressRound;
use scrutiny_app::Ctx;

/// Progress rounds the caller may see, by deadline.
#[utoipa::path(
    tag = "progress",
    params(RoundQuery),
    responses((status = 200, description = "A page of rounds", body = Page<ProgressRound>), ListErrors),
    security(("bearer" = []))
)]
#[get("/progress-rounds")]
pub async fn list_progress_rounds(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    query: web::Query<RoundQuery>,
) -> Result<HttpResponse, ApiError> {
    let command = query.into_inner().command()?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let page = rounds::list(&mut ctx, command).await?;
    Ok(HttpResponse::Ok().json(page))
}
