use super::{Organisation, OrganisationFilter};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::organisations::{self as uc, ListOrganisations};
use scrutiny_app::Ctx;

/// List organisations, by name.
#[utoipa::path(
    tag = "organisations",
    params(OrganisationFilter, PageParams),
    responses((status = 200, description = "A page of organisations", body = Page<Organisation>), ListErrors),
    security(("bearer" = []))
)]
#[get("/organisations")]
pub async fn list_organisations(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<OrganisationFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let filter = filter.into_inner();
    let cmd = ListOrganisations {
        kind: filter.kind,
        responsible_authority: filter.responsible_authority,
        page: page.request()?,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let page: Page<Organisation> = uc::list(&mut ctx, cmd).await?;
    Ok(HttpResponse::Ok().json(page))
}
