//! `POST /reviews/{review_id}/decisions`.
use super::{create_command, CreateDecision, Decision};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::CreateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use uuid::Uuid;

/// Record Cabinet's decision on a review, with its resolutions mapped to the review's
/// recommendations. The call-in deadline is computed from the publication date with the
/// council's settings and calendar.
#[utoipa::path(
    tag = "decisions",
    params(("review_id" = Uuid, Path, description = "The review decided on")),
    request_body = CreateDecision,
    responses((status = 201, description = "Created", body = Decision), CreateErrors, (status = 404, description = "No such review, or not visible to the caller", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/reviews/{review_id}/decisions")]
pub async fn create_decision(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    body: ValidJson<CreateDecision>,
) -> Result<HttpResponse, ApiError> {
    let cmd = create_command(review_id.into_inner(), body.into_inner());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let created = scrutiny_app::decisions::create(&mut ctx, cmd).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}
