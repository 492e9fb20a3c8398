//! `GET /actions`: the actions the caller may read, filtered.
use super::ActionFilter;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::actions::ActionQuery;
use scrutiny_app::views::actions::Action;
use scrutiny_app::Page;

/// List actions, by plan and position.
#[utoipa::path(
    tag = "actions",
    params(ActionFilter, PageParams),
    responses((status = 200, description = "A page of actions", body = Page<Action>), ListErrors),
    security(("bearer" = []))
)]
#[get("/actions")]
pub async fn list_actions(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<ActionFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let query = ActionQuery::from(&*filter);
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let actions = scrutiny_app::actions::list(&mut ctx, &query, page).await?;
    Ok(HttpResponse::Ok().json(actions))
}
