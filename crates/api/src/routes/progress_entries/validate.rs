//! Validating an entry with the officer's grade.
use super::ValidateEntry;
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

/// Validate a submitted entry with the officer's grade: a reason is required when it differs from
/// the proposed grade, and an override reason when it differs from the worst of the parts'
/// grades.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    request_body = ValidateEntry,
    responses((status = 200, description = "Validated", body = ProgressEntry), ActionErrors),
    security(("bearer" = []))
)]
#[post("/progress-entries/{id}/validate")]
pub async fn validate_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<ValidateEntry>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let command = body.into_inner().command(id.into_inner());
    let entry = uc::validate(&mut ctx, command).await?;
    Ok(with_etag(HttpResponse::Ok(), entry.version, &entry))
}
