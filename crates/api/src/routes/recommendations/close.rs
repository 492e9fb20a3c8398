//! `POST /recommendations/{id}/closure`: the committee closed a recommendation, with its reason.
use super::RecommendationReason;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::recommendations as uc;
use scrutiny_app::views::recommendations::Recommendation;
use uuid::Uuid;

/// Record that the committee closed a recommendation, with its reason (for example when it was
/// overtaken by events rather than achieved).
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = RecommendationReason,
    responses((status = 200, description = "Closed", body = Recommendation), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/recommendations/{id}/closure")]
pub async fn close_recommendation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<RecommendationReason>,
) -> Result<HttpResponse, ApiError> {
    let cmd = body
        .into_inner()
        .command(id.into_inner(), if_match.precondition());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let updated = uc::close(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
