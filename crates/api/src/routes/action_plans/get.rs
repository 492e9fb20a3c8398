//! `GET /reviews/{review_id}/action-plan` and `GET /action-plans/{id}`: a plan, read whole.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::views::plans::ActionPlan;
use uuid::Uuid;

/// Read a review's action plan, with its actions in order.
#[utoipa::path(
    tag = "action-plans",
    params(("review_id" = Uuid, Path, description = "Review id")),
    responses((status = 200, description = "The plan, with its ETag", body = ActionPlan), ReadErrors),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/action-plan")]
pub async fn get_review_action_plan(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let plan = scrutiny_app::plans::get_for_review(&mut ctx, review_id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), plan.version, &plan))
}

/// Read an action plan, with its actions in order.
#[utoipa::path(
    tag = "action-plans",
    params(("id" = Uuid, Path, description = "Action plan id")),
    responses((status = 200, description = "The plan, with its ETag", body = ActionPlan), ReadErrors),
    security(("bearer" = []))
)]
#[get("/action-plans/{id}")]
pub async fn get_action_plan(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let plan = scrutiny_app::plans::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), plan.version, &plan))
}
