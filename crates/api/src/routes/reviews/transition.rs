//! `POST /reviews/{id}/status-transitions`.
use super::{Review, ReviewTransition};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::reviews::TransitionReview;
use uuid::Uuid;

/// Move a review to its next status (or back one, to correct a mistake), or withdraw it with a reason.
/// An illegal move is 409 and names the allowed ones.
#[utoipa::path(
    tag = "reviews",
    params(("id" = Uuid, Path, description = "Review id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = ReviewTransition,
    responses((status = 200, description = "Moved", body = Review), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/reviews/{id}/status-transitions")]
pub async fn transition_review(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<ReviewTransition>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cmd = TransitionReview {
        id: id.into_inner(),
        precondition: if_match.precondition(),
        to: body.to,
        reason: body.reason,
    };
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let updated = scrutiny_app::reviews::transition(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
