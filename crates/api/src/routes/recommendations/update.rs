//! `PATCH /recommendations/{id}`: change a recommendation's number, text or position.
use super::UpdateRecommendation;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::recommendations as uc;
use scrutiny_app::views::recommendations::Recommendation;
use uuid::Uuid;

/// Change a recommendation's number, text or position.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateRecommendation,
    responses((status = 200, description = "Updated", body = Recommendation), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/recommendations/{id}")]
pub async fn update_recommendation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateRecommendation>,
) -> Result<HttpResponse, ApiError> {
    let cmd = body
        .into_inner()
        .command(id.into_inner(), if_match.precondition());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let updated: Recommendation = uc::update(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
