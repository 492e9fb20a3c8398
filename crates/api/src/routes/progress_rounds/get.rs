//! One round.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::progress::rounds;
use scrutiny_app::views::progress::ProgressRound;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// One round.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Round id")),
    responses((status = 200, description = "The round, with its ETag", body = ProgressRound), ReadErrors),
    security(("bearer" = []))
)]
#[get("/progress-rounds/{id}")]
pub async fn get_progress_round(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let round = rounds::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), round.version, &round))
}
