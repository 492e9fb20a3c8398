//! `POST /statutory-responses/{id}/publication`.
use super::{PublishStatutoryResponse, StatutoryResponse};
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

/// Publish a received response (council staff), on the day given or today. Viewers see it from
/// then on.
#[utoipa::path(
    tag = "responses",
    params(("id" = Uuid, Path, description = "Statutory response id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = Option<PublishStatutoryResponse>, description = "May be omitted"),
    responses((status = 200, description = "Published", body = StatutoryResponse), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/statutory-responses/{id}/publication")]
pub async fn publish_statutory_response(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    raw: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let body: PublishStatutoryResponse = crate::extract::parse_optional_json(&raw)?;
    let cmd = uc::PublishResponse {
        id: id.into_inner(),
        precondition: if_match.precondition(),
        published_on: body.published_on,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let published = uc::publish(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), published.version, &published))
}
