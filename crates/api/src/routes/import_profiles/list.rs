//! `GET /import-profiles`.
use super::{ImportProfile, ImportProfileFilter};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::import_profiles as uc;
use scrutiny_app::Ctx;
use scrutiny_import::ImportKind;

/// The council's import profiles, of one kind or all.
#[utoipa::path(
    tag = "imports",
    params(ImportProfileFilter, PageParams),
    responses((status = 200, description = "A page of import profiles", body = Page<ImportProfile>), ListErrors),
    security(("bearer" = []))
)]
#[get("/import-profiles")]
pub async fn list_import_profiles(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<ImportProfileFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let kind = match filter.kind.as_deref() {
        None => None,
        Some("tracker") => Some(ImportKind::Tracker),
        Some("action_plan") => Some(ImportKind::ActionPlan),
        Some(_) => return Err(ApiError::invalid("kind", "must be tracker or action_plan")),
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    Ok(HttpResponse::Ok().json(uc::list(&mut ctx, kind, page).await?))
}
