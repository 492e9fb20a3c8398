//! One entry.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::progress::entries as uc;
use scrutiny_app::views::progress::ProgressEntry;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// One progress entry.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    responses((status = 200, description = "The entry, with its ETag", body = ProgressEntry), ReadErrors),
    security(("bearer" = []))
)]
#[get("/progress-entries/{id}")]
pub async fn get_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let entry = uc::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), entry.version, &entry))
}
