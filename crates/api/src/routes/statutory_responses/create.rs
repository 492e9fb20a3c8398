//! `POST /reviews/{review_id}/statutory-responses`.
use super::{CreateStatutoryResponse, StatutoryResponse};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::CreateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::responses as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Record who must respond to a review's report, from the day they received it. The due day
/// follows from the council's setting for the kind of responder (legal defaults: 2 months for
/// the executive, 28 days for a responsible partner). 409 when the responder already has one.
#[utoipa::path(
    tag = "responses",
    params(("review_id" = Uuid, Path, description = "The review whose report is responded to")),
    request_body = CreateStatutoryResponse,
    responses((status = 201, description = "Created", body = StatutoryResponse), CreateErrors, (status = 404, description = "No such review, or not visible to the caller", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/reviews/{review_id}/statutory-responses")]
pub async fn create_statutory_response(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    body: ValidJson<CreateStatutoryResponse>,
) -> Result<HttpResponse, ApiError> {
    let cmd = body.into_inner().command(review_id.into_inner());
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let created = uc::create(&mut ctx, cmd).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}
