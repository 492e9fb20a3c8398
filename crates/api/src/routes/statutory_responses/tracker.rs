//! `GET /reviews/{review_id}/statutory-responses`.
use super::ResponseTracker;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::responses as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// A review's responses tracker: the responses to its report the caller may see, and, for the
/// council's staff, who else must respond (the executive, and each partner the recommendations
/// name: owners of their actions, partners reporting on them, partners named in their text) with
/// the period the council's settings give each.
#[utoipa::path(
    tag = "responses",
    params(("review_id" = Uuid, Path, description = "Review id")),
    responses((status = 200, description = "The review's responses", body = ResponseTracker), ReadErrors),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/statutory-responses")]
pub async fn review_statutory_responses(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let tracker = uc::tracker(&mut ctx, review_id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(tracker))
}
