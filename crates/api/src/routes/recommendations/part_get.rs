//! `GET /recommendation-parts/{id}`: one part.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::recommendations as uc;
use scrutiny_app::views::recommendations::RecommendationPart;
use uuid::Uuid;

/// Read one part of a recommendation.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation part id")),
    responses((status = 200, description = "The part, with its ETag", body = RecommendationPart), ReadErrors),
    security(("bearer" = []))
)]
#[get("/recommendation-parts/{id}")]
pub async fn get_recommendation_part(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let view: RecommendationPart = uc::get_part(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), view.version, &view))
}
