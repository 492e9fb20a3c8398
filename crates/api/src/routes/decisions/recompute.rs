//! `POST /decisions/{id}/call-in-deadline/recomputation`.
use super::Decision;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::IfMatch;
use crate::openapi::ActionErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::decisions::RecomputeDeadline;
use uuid::Uuid;

/// Recompute a decision's call-in deadline with the council's current settings and calendar
/// (after a setting changed or a holiday was added). An If-Match, if sent, is checked.
#[utoipa::path(
    tag = "decisions",
    params(("id" = Uuid, Path, description = "Decision id"), ("If-Match" = Option<String>, Header, description = "The ETag last read (optional)")),
    responses((status = 200, description = "The decision with its deadline recomputed (unchanged if it already agreed)", body = Decision), ActionErrors, (status = 412, description = "The record changed since it was read (stale If-Match)", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/decisions/{id}/call-in-deadline/recomputation")]
pub async fn recompute_call_in_deadline(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: Option<IfMatch>,
) -> Result<HttpResponse, ApiError> {
    let cmd = RecomputeDeadline {
        id: id.into_inner(),
        precondition: if_match.map(|m| m.precondition()),
    };
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let updated = scrutiny_app::decisions::recompute_deadline(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
