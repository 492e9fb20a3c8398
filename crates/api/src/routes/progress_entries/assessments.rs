//! An officer's queue.
use super::AssessmentQuery;
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

/// An officer's queue: submissions to assess and validated entries awaiting the committee, in
/// the officer's council.
#[utoipa::path(
    tag = "progress",
    params(AssessmentQuery),
    responses((status = 200, description = "Entries awaiting the council", body = Page<ProgressEntry>), ListErrors),
    security(("bearer" = []))
)]
#[get("/me/assessments")]
pub async fn my_assessments(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    query: web::Query<AssessmentQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let page = PageParams {
        limit: query.limit,
        cursor: query.cursor,
    }
    .request()?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let entries = uc::assessments(&mut ctx, query.state, page).await?;
    Ok(HttpResponse::Ok().json(entries))
}
