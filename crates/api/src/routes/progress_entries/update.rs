//! Changing an entry's content.
use super::UpdateProgressEntry;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::progress::entries as uc;
use scrutiny_app::views::progress::ProgressEntry;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Change a draft's evidence, proposed grade, impact or key figures (its organisation's
/// contributors and the council's officers, while it is a draft or returned). Officers may also
/// change the reporting organisation.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateProgressEntry,
    responses((status = 200, description = "Changed", body = ProgressEntry), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/progress-entries/{id}")]
pub async fn update_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateProgressEntry>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let command = body
        .into_inner()
        .command(id.into_inner(), if_match.precondition());
    let entry = uc::update(&mut ctx, command).await?;
    Ok(with_etag(HttpResponse::Ok(), entry.version, &entry))
}
