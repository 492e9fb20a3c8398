//! A review's next round as the rules propose it.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::progress::rounds;
use scrutiny_app::views::progress::RoundProposal;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// The next round of a review as the rules propose it: the first about 12 months (a council
/// setting) after the action plan was agreed; later ones at the committee's interval after the
/// previous round's meeting.
#[utoipa::path(
    tag = "progress",
    params(("review_id" = Uuid, Path, description = "Review id")),
    responses((status = 200, description = "The proposal", body = RoundProposal), ReadErrors, (status = 409, description = "No agreed plan or nothing outstanding")),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/progress-rounds/next")]
pub async fn propose_progress_round(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let proposal = rounds::propose(&mut ctx, review_id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(proposal))
}
