//! A review's rounds.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::progress::rounds;
use scrutiny_app::views::progress::ProgressRound;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// A review's rounds, first first, with their entry counts: all of them on one page (a review has
/// a handful), in the envelope every list has.
#[utoipa::path(
    tag = "progress",
    params(("review_id" = Uuid, Path, description = "Review id")),
    responses((status = 200, description = "The review's rounds", body = Page<ProgressRound>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/progress-rounds")]
pub async fn list_review_progress_rounds(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let items = rounds::list_of_review(&mut ctx, review_id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items,
        next_cursor: None,
    }))
}
