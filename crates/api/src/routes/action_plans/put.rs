//! `PUT /reviews/{review_id}/action-plan`: the review's plan, created unless it has one.
use super::PutActionPlan;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{put, web, HttpResponse};
use scrutiny_app::views::plans::ActionPlan;
use uuid::Uuid;

/// Create the review's action plan, unless it has one already.
///
/// Answers 201 with the new plan, or 200 with the review's plan as it is when it already has one
/// (change that with `PATCH /action-plans/{id}`).
#[utoipa::path(
    tag = "action-plans",
    params(("review_id" = Uuid, Path, description = "Review id")),
    request_body = PutActionPlan,
    responses(
        (status = 201, description = "Created", body = ActionPlan),
        (status = 200, description = "The review already had this plan", body = ActionPlan),
        UpdateErrors
    ),
    security(("bearer" = []))
)]
#[put("/reviews/{review_id}/action-plan")]
pub async fn put_review_action_plan(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    body: ValidJson<PutActionPlan>,
) -> Result<HttpResponse, ApiError> {
    let command = body.into_inner().command(review_id.into_inner());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let outcome = scrutiny_app::plans::put(&mut ctx, command).await?;
    let builder = if outcome.created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(with_etag(builder, outcome.plan.version, &outcome.plan))
}
