//! `PATCH /recommendation-parts/{id}`: change a part's label, text or position.
use super::UpdateRecommendationPart;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::recommendations as uc;
use scrutiny_app::views::recommendations::RecommendationPart;
use uuid::Uuid;

/// Change a part's label, text or position.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation part id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateRecommendationPart,
    responses((status = 200, description = "Updated", body = RecommendationPart), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/recommendation-parts/{id}")]
pub async fn update_recommendation_part(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateRecommendationPart>,
) -> Result<HttpResponse, ApiError> {
    let cmd = body
        .into_inner()
        .command(id.into_inner(), if_match.precondition());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let updated: RecommendationPart = uc::update_part(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
