//! `PATCH /actions/{id}`: a change of an action.
use super::UpdateAction;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::views::actions::Action;
use uuid::Uuid;

/// Change an action; `owners` and `milestones`, when given, replace the action's. Once the plan
/// is agreed, give `amendment_reason`.
#[utoipa::path(
    tag = "actions",
    params(("id" = Uuid, Path, description = "Action id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateAction,
    responses((status = 200, description = "Updated", body = Action), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/actions/{id}")]
pub async fn update_action(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateAction>,
) -> Result<HttpResponse, ApiError> {
    let command = body
        .into_inner()
        .command(id.into_inner(), if_match.precondition());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let updated = scrutiny_app::actions::update(&mut ctx, command).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
