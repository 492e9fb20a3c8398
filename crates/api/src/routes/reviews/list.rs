//! `GET /reviews`.
use super::{Review, ReviewFilter};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};

/// List reviews, by title.
#[utoipa::path(
    tag = "reviews",
    params(ReviewFilter, PageParams),
    responses((status = 200, description = "A page of reviews", body = Page<Review>), ListErrors),
    security(("bearer" = []))
)]
#[get("/reviews")]
pub async fn list_reviews(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<ReviewFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let filter = filter.into_inner().into();
    let page = scrutiny_app::reviews::list(&mut ctx, &filter, &page).await?;
    Ok(HttpResponse::Ok().json(page))
}
