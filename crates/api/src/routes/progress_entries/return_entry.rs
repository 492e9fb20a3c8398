//! Returning an entry to its partner.
use super::ReturnEntry;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::ActionErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::progress::entries as uc;
use scrutiny_app::views::progress::ProgressEntry;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Return a submitted (or validated) entry to its partner with comments; it becomes editable
/// for them again.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    request_body = ReturnEntry,
    responses((status = 200, description = "Returned", body = ProgressEntry), ActionErrors),
    security(("bearer" = []))
)]
#[post("/progress-entries/{id}/return")]
pub async fn return_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<ReturnEntry>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let command = body.into_inner().command(id.into_inner());
    let entry = uc::return_entry(&mut ctx, command).await?;
    Ok(with_etag(HttpResponse::Ok(), entry.version, &entry))
}
