//! `POST /reviews`.
use super::{CreateReview, Review};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::CreateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};

/// Start a review in the caller's council.
#[utoipa::path(
    tag = "reviews",
    request_body = CreateReview,
    responses((status = 201, description = "Created", body = Review), CreateErrors),
    security(("bearer" = []))
)]
#[post("/reviews")]
pub async fn create_review(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateReview>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let created = scrutiny_app::reviews::create(&mut ctx, body.into_inner().into()).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}
