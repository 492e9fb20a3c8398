//! `POST /recommendation-parts/{id}/withdrawal`: withdraw a part, with the reason.
use super::RecommendationReason;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::recommendations as uc;
use scrutiny_app::views::recommendations::RecommendationPart;
use uuid::Uuid;

/// Withdraw a part. It is kept, with the reason.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation part id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = RecommendationReason,
    responses((status = 200, description = "Withdrawn", body = RecommendationPart), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/recommendation-parts/{id}/withdrawal")]
pub async fn withdraw_recommendation_part(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<RecommendationReason>,
) -> Result<HttpResponse, ApiError> {
    let cmd = body
        .into_inner()
        .part_command(id.into_inner(), if_match.precondition());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let updated: RecommendationPart = uc::withdraw_part(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
