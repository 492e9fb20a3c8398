//! Submitting an entry.
use super::SubmitEntry;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ActionErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::progress::entries as uc;
use scrutiny_app::views::progress::ProgressEntry;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Submit a draft, or resubmit a returned entry, for the council to assess. The entry must have
/// evidence of progress, a proposed grade (with its explanation where the grade needs one) and
/// evidence of impact or the statement that no assessment of impact was undertaken.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    request_body(content = Option<SubmitEntry>, description = "May be omitted"),
    responses((status = 200, description = "Submitted", body = ProgressEntry), ActionErrors),
    security(("bearer" = []))
)]
#[post("/progress-entries/{id}/submit")]
pub async fn submit_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    raw: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let options: SubmitEntry = crate::extract::parse_optional_json(&raw)?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let entry = uc::submit(&mut ctx, options.command(id.into_inner())).await?;
    Ok(with_etag(HttpResponse::Ok(), entry.version, &entry))
}
