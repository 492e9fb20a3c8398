//! `GET /recommendations` and `GET /reviews/{review_id}/recommendations`: lists with filters.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::{ListErrors, ReadErrors};
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::recommendations::{self as uc, RecommendationFilter};
use scrutiny_app::views::recommendations::Recommendation;
use uuid::Uuid;

/// List recommendations across reviews, with their parts and actions.
#[utoipa::path(
    tag = "recommendations",
    params(RecommendationFilter, PageParams),
    responses((status = 200, description = "A page of recommendations", body = Page<Recommendation>), ListErrors),
    security(("bearer" = []))
)]
#[get("/recommendations")]
pub async fn list_recommendations(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<RecommendationFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let list = uc::list(&mut ctx, &filter, &page).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// List a review's recommendations in order, with their parts and actions.
#[utoipa::path(
    tag = "recommendations",
    params(("review_id" = Uuid, Path, description = "Review id"), RecommendationFilter, PageParams),
    responses((status = 200, description = "A page of the review's recommendations", body = Page<Recommendation>), ListErrors, ReadErrors),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/recommendations")]
pub async fn list_review_recommendations(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    filter: web::Query<RecommendationFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let list = uc::list_for_review(&mut ctx, review_id.into_inner(), &filter, &page).await?;
    Ok(HttpResponse::Ok().json(list))
}
