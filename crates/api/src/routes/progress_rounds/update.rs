//! Changing a round.
use super::UpdateProgressRound;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::progress::rounds;
use scrutiny_app::views::progress::ProgressRound;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Change a round's label, deadline, meeting date or minute reference.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Round id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateProgressRound,
    responses((status = 200, description = "Changed", body = ProgressRound), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/progress-rounds/{id}")]
pub async fn update_progress_round(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateProgressRound>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let command = body
        .into_inner()
        .command(id.into_inner(), if_match.precondition());
    let round = rounds::update(&mut ctx, command).await?;
    Ok(with_etag(HttpResponse::Ok(), round.version, &round))
}
