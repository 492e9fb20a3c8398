//! `POST /decisions/{id}/call-in-transitions`.
use super::{CallInTransition, Decision};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::decisions::TransitionCallIn;
use uuid::Uuid;

/// Move the call-in on: open → expired (only once the computed deadline has passed) or
/// called_in; called_in → upheld, referred_back or referred_to_council (full council then
/// upholds it or refers it back). An illegal move is 409 with the states allowed.
#[utoipa::path(
    tag = "decisions",
    params(("id" = Uuid, Path, description = "Decision id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = CallInTransition,
    responses((status = 200, description = "Moved", body = Decision), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/decisions/{id}/call-in-transitions")]
pub async fn transition_call_in(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<CallInTransition>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cmd = TransitionCallIn {
        id: id.into_inner(),
        precondition: if_match.precondition(),
        to: body.to,
        note: body.note,
    };
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let updated = scrutiny_app::decisions::transition_call_in(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
