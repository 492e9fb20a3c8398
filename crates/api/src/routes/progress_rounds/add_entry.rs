//! Adding an entry to an open round.
use super::AddRoundEntry;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::{CreateErrors, ReadErrors};
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::progress::rounds;
use scrutiny_app::views::progress::ProgressEntry;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Add a recommendation (or one of its parts) to an open round.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Round id")),
    request_body = AddRoundEntry,
    responses((status = 201, description = "Added", body = ProgressEntry), CreateErrors, ReadErrors),
    security(("bearer" = []))
)]
#[post("/progress-rounds/{id}/entries")]
pub async fn add_round_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<AddRoundEntry>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let command = body.into_inner().command(id.into_inner());
    let entry = rounds::add_entry(&mut ctx, command).await?;
    Ok(with_etag(HttpResponse::Created(), entry.version, &entry))
}
