use super::{User, UserFilter};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::users as uc;
use scrutiny_app::Ctx;

/// List users, by name.
#[utoipa::path(
    tag = "users",
    params(UserFilter, PageParams),
    responses((status = 200, description = "A page of users", body = Page<User>), ListErrors),
    security(("bearer" = []))
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<UserFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let filter = filter.into_inner();
    let cmd = uc::ListUsers {
        role: filter.role,
        organisation_id: filter.organisation_id,
        active: filter.active,
        page: page.request()?,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let page: Page<User> = uc::list(&mut ctx, cmd).await?;
    Ok(HttpResponse::Ok().json(page))
}
