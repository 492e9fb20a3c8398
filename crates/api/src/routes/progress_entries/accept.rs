//! Recording the committee's acceptance (and all that follows from it, in one transaction).
use super::AcceptEntry;
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

/// Record the committee's acceptance of a validated entry with its final grade, meeting date and
/// minute reference. An accepted grade that closes (1 Fully Achieved by default) closes the
/// recommendation; any other leaves it outstanding for the next round. When every entry of the
/// round is accepted the round closes, and when every recommendation of the review is closed or
/// withdrawn the action plan is signed off and the review moves to "signed off".
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    request_body = AcceptEntry,
    responses((status = 200, description = "Accepted", body = ProgressEntry), ActionErrors),
    security(("bearer" = []))
)]
#[post("/progress-entries/{id}/accept")]
pub async fn accept_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<AcceptEntry>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let command = body.into_inner().command(id.into_inner());
    let entry = uc::accept(&mut ctx, command).await?;
    Ok(with_etag(HttpResponse::Ok(), entry.version, &entry))
}
