//! A round's entries.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::progress::rounds;
use scrutiny_app::views::progress::ProgressEntry;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// The round's entries the caller may see, in the review's order (recommendation, then part).
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Round id")),
    responses((status = 200, description = "The entries", body = Vec<ProgressEntry>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/progress-rounds/{id}/entries")]
pub async fn list_round_entries(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let entries = rounds::entries(&mut ctx, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(entries))
}
