//! The entries the caller may see.
use super::EntryQuery;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::progress::entries as uc;
use scrutiny_app::views::progress::ProgressEntry;
use scrutiny_app::Ctx;

/// Progress entries the caller may see, oldest first: partners see their organisation's,
/// council staff their council's, viewers only accepted ones.
#[utoipa::path(
    tag = "progress",
    params(EntryQuery),
    responses((status = 200, description = "A page of entries", body = Page<ProgressEntry>), ListErrors),
    security(("bearer" = []))
)]
#[get("/progress-entries")]
pub async fn list_progress_entries(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    query: web::Query<EntryQuery>,
) -> Result<HttpResponse, ApiError> {
    let command = query.into_inner().command()?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let page = uc::list(&mut ctx, command).await?;
    Ok(HttpResponse::Ok().json(page))
}
