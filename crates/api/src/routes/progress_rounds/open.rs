//! Opening a progress round.
use super::NewProgressRound;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::{CreateErrors, ReadErrors};
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::progress::rounds;
use scrutiny_app::views::progress::ProgressRound;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Open a progress round for a review: one draft entry for each covered recommendation, for the
/// organisation its actions name first (the council itself when none). Only one round of a review
/// is open at a time; the action plan must be agreed. The review moves to "monitoring".
#[utoipa::path(
    tag = "progress",
    params(("review_id" = Uuid, Path, description = "Review id")),
    request_body = NewProgressRound,
    responses((status = 201, description = "Opened", body = ProgressRound), CreateErrors, ReadErrors),
    security(("bearer" = []))
)]
#[post("/reviews/{review_id}/progress-rounds")]
pub async fn open_progress_round(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    body: ValidJson<NewProgressRound>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let command = body.into_inner().command(review_id.into_inner());
    let round = rounds::open(&mut ctx, command).await?;
    Ok(with_etag(HttpResponse::Created(), round.version, &round))
}
