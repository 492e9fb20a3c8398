use super::{Committee, CommitteeFilter};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::committees as uc;
use scrutiny_app::Ctx;

/// List select committees, by name. Committees are public bodies: everyone signed in reads them.
#[utoipa::path(
    tag = "committees",
    params(CommitteeFilter, PageParams),
    responses((status = 200, description = "A page of committees", body = Page<Committee>), ListErrors),
    security(("bearer" = []))
)]
#[get("/committees")]
pub async fn list_committees(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<CommitteeFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let cmd = uc::ListCommittees {
        council_id: filter.council_id,
        replaced: filter.replaced,
        page: page.request()?,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let page: Page<Committee> = uc::list(&mut ctx, cmd).await?;
    Ok(HttpResponse::Ok().json(page))
}
