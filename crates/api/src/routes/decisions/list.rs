//! `GET /decisions` and `GET /reviews/{review_id}/decisions`.
use super::{Decision, DecisionFilter};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use uuid::Uuid;

/// List the decisions the caller may see, latest meeting first.
#[utoipa::path(
    tag = "decisions",
    params(DecisionFilter, PageParams),
    responses((status = 200, description = "A page of decisions", body = Page<Decision>), ListErrors),
    security(("bearer" = []))
)]
#[get("/decisions")]
pub async fn list_decisions(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<DecisionFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let filter = filter.into_inner().into();
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let page = scrutiny_app::decisions::list(&mut ctx, &filter, &page).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// List a review's decisions, latest meeting first.
#[utoipa::path(
    tag = "decisions",
    params(("review_id" = Uuid, Path, description = "The review"), DecisionFilter, PageParams),
    responses((status = 200, description = "A page of the review's decisions", body = Page<Decision>), ListErrors, (status = 404, description = "No such review, or not visible to the caller", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/decisions")]
pub async fn list_review_decisions(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    filter: web::Query<DecisionFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let filter = filter.into_inner().into();
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let page =
        scrutiny_app::decisions::list_for_review(&mut ctx, review_id.into_inner(), &filter, &page)
            .await?;
    Ok(HttpResponse::Ok().json(page))
}
