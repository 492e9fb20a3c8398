//! `PATCH /action-plans/{id}`: a plan's title, agreed date or status.
use super::UpdateActionPlan;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::views::plans::ActionPlan;
use uuid::Uuid;

/// Change a plan's title, agreed date or status. Once the plan is agreed, give
/// `amendment_reason`: the plan as it stood is kept as an amendment.
#[utoipa::path(
    tag = "action-plans",
    params(("id" = Uuid, Path, description = "Action plan id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateActionPlan,
    responses((status = 200, description = "Updated", body = ActionPlan), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/action-plans/{id}")]
pub async fn update_action_plan(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateActionPlan>,
) -> Result<HttpResponse, ApiError> {
    let command = body
        .into_inner()
        .command(id.into_inner(), if_match.precondition());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let plan = scrutiny_app::plans::update(&mut ctx, command).await?;
    Ok(with_etag(HttpResponse::Ok(), plan.version, &plan))
}
