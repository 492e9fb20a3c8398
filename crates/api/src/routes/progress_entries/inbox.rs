//! What the caller's organisation owes.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::progress::entries as uc;
use scrutiny_app::views::progress::ProgressEntry;
use scrutiny_app::Ctx;

/// What the caller's organisation owes: its entries of open rounds that are drafts or returned,
/// oldest first.
#[utoipa::path(
    tag = "progress",
    params(PageParams),
    responses((status = 200, description = "Entries the caller's organisation still owes", body = Page<ProgressEntry>), ListErrors),
    security(("bearer" = []))
)]
#[get("/me/inbox")]
pub async fn my_inbox(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let entries = uc::inbox(&mut ctx, page).await?;
    Ok(HttpResponse::Ok().json(entries))
}
