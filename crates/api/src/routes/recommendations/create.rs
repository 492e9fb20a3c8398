//! `POST /reviews/{review_id}/recommendations`: add a recommendation with its parts.
use super::CreateRecommendation;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::{CreateErrors, ReadErrors};
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::recommendations as uc;
use scrutiny_app::views::recommendations::Recommendation;
use uuid::Uuid;

/// Add a recommendation to a review, after its last one. Its parts may be given, or split from a
/// text that lists them ("… : a) …; b) …").
#[utoipa::path(
    tag = "recommendations",
    params(("review_id" = Uuid, Path, description = "Review id")),
    request_body = CreateRecommendation,
    responses((status = 201, description = "Created", body = Recommendation), CreateErrors, ReadErrors),
    security(("bearer" = []))
)]
#[post("/reviews/{review_id}/recommendations")]
pub async fn create_recommendation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    body: ValidJson<CreateRecommendation>,
) -> Result<HttpResponse, ApiError> {
    let cmd = body.into_inner().command(review_id.into_inner());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let created: Recommendation = uc::create(&mut ctx, cmd).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}
