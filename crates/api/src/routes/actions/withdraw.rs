//! `POST /actions/{id}/withdrawal`: an action withdrawn, with the reason.
use super::Withdrawal;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::views::actions::Action;
use uuid::Uuid;

/// Withdraw an action: it stays, with the reason. Once the plan is agreed, give
/// `amendment_reason` too.
#[utoipa::path(
    tag = "actions",
    params(("id" = Uuid, Path, description = "Action id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = Withdrawal,
    responses((status = 200, description = "Withdrawn", body = Action), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/actions/{id}/withdrawal")]
pub async fn withdraw_action(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<Withdrawal>,
) -> Result<HttpResponse, ApiError> {
    let command = body
        .into_inner()
        .command(id.into_inner(), if_match.precondition());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let updated = scrutiny_app::actions::withdraw(&mut ctx, command).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
