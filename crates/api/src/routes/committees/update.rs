use super::{Committee, UpdateCommittee};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::committees as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Correct a committee's name or description, or change its update interval.
#[utoipa::path(
    tag = "committees",
    params(("id" = Uuid, Path, description = "Committee id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateCommittee,
    responses((status = 200, description = "Updated", body = Committee), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/committees/{id}")]
pub async fn update_committee(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateCommittee>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cmd = uc::UpdateCommittee {
        id: id.into_inner(),
        precondition: if_match.precondition(),
        name: body.name,
        description: body.description,
        update_interval_months: body.update_interval_months,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let updated: Committee = uc::update(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
