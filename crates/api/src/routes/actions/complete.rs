//! `POST /actions/{id}/completion`: an action marked complete.
use super::Completion;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::ActionErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::views::actions::Action;
use uuid::Uuid;

/// Mark an action complete, optionally with progress notes ("Action complete"). If-Match is
/// checked when sent.
#[utoipa::path(
    tag = "actions",
    params(("id" = Uuid, Path, description = "Action id"), ("If-Match" = Option<String>, Header, description = "The ETag last read (optional)")),
    request_body = Completion,
    responses((status = 200, description = "Completed", body = Action), ActionErrors),
    security(("bearer" = []))
)]
#[post("/actions/{id}/completion")]
pub async fn complete_action(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: Option<IfMatch>,
    body: ValidJson<Completion>,
) -> Result<HttpResponse, ApiError> {
    let command = body
        .into_inner()
        .command(id.into_inner(), if_match.map(|m| m.precondition()));
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let updated = scrutiny_app::actions::complete(&mut ctx, command).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
