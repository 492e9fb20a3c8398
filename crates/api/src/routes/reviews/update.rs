//! `PATCH /reviews/{id}`.
use super::{update_command, Review, UpdateReview};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use uuid::Uuid;

/// Change a review's details.
#[utoipa::path(
    tag = "reviews",
    params(("id" = Uuid, Path, description = "Review id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateReview,
    responses((status = 200, description = "Updated", body = Review), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/reviews/{id}")]
pub async fn update_review(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateReview>,
) -> Result<HttpResponse, ApiError> {
    let cmd = update_command(id.into_inner(), if_match.precondition(), body.into_inner());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let updated = scrutiny_app::reviews::update(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
