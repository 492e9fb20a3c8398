use super::{Committee, ReplaceCommittee};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::ActionErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::committees as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Rename or replace a committee: creates its successor and links the two. Reviews stay with the
/// committee that ran them.
#[utoipa::path(
    tag = "committees",
    params(("id" = Uuid, Path, description = "Committee id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = ReplaceCommittee,
    responses((status = 201, description = "The successor", body = Committee), (status = 412, description = "Stale If-Match", body = crate::error::Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match required", body = crate::error::Problem, content_type = "application/problem+json"), ActionErrors),
    security(("bearer" = []))
)]
#[post("/committees/{id}/successor")]
pub async fn replace_committee(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<ReplaceCommittee>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cmd = uc::ReplaceCommittee {
        id: id.into_inner(),
        precondition: if_match.precondition(),
        name: body.name,
        description: body.description,
        replaced_on: body.replaced_on,
        update_interval_months: body.update_interval_months,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let successor: Committee = uc::replace(&mut ctx, cmd).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        successor.version,
        &successor,
    ))
}
