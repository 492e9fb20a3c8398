//! `POST /statutory-responses/{id}/receipt`.
use super::{ReceiveStatutoryResponse, StatutoryResponse};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::IfMatch;
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::responses as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Submit the response (a partner's contributor) or record it as received (an officer, with the
/// day it arrived). Every recommendation must be answered, with reasons where it is not fully
/// accepted; each one missing is named in the problem's `errors`.
#[utoipa::path(
    tag = "responses",
    params(("id" = Uuid, Path, description = "Statutory response id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = Option<ReceiveStatutoryResponse>, description = "May be omitted"),
    responses((status = 200, description = "Received", body = StatutoryResponse), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/statutory-responses/{id}/receipt")]
pub async fn receive_statutory_response(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    raw: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let body: ReceiveStatutoryResponse = crate::extract::parse_optional_json(&raw)?;
    let cmd = uc::ReceiveResponse {
        id: id.into_inner(),
        precondition: if_match.precondition(),
        received_on: body.received_on,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let received = uc::receive(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), received.version, &received))
}
