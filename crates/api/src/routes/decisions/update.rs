//! `PATCH /decisions/{id}`.
use super::{update_command, Decision, UpdateDecision};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use uuid::Uuid;

/// Change a decision. `resolutions`, when given, replaces them all. Changing `published_on`
/// recomputes the call-in deadline; other changes leave it as it was computed.
#[utoipa::path(
    tag = "decisions",
    params(("id" = Uuid, Path, description = "Decision id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateDecision,
    responses((status = 200, description = "Updated", body = Decision), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/decisions/{id}")]
pub async fn update_decision(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateDecision>,
) -> Result<HttpResponse, ApiError> {
    let cmd = update_command(id.into_inner(), if_match.precondition(), body.into_inner());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let updated = scrutiny_app::decisions::update(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
