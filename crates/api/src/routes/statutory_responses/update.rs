//! `PATCH /statutory-responses/{id}`.
use super::{StatutoryResponse, UpdateStatutoryResponse};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::responses as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Write a response: the responder's summary and answers (autosaved like a progress entry) while
/// it is awaited; the council's staff may also correct a received one, the responder's name, the
/// day the report was received (which moves the due day) and the due day.
#[utoipa::path(
    tag = "responses",
    params(("id" = Uuid, Path, description = "Statutory response id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateStatutoryResponse,
    responses((status = 200, description = "Updated", body = StatutoryResponse), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/statutory-responses/{id}")]
pub async fn update_statutory_response(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateStatutoryResponse>,
) -> Result<HttpResponse, ApiError> {
    let cmd = body
        .into_inner()
        .command(id.into_inner(), if_match.precondition());
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let updated = uc::update(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
