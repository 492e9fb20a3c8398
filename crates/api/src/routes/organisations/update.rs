use super::{Organisation, UpdateOrganisation};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::organisations as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Change an organisation's name, kind or responsible-authority flag.
#[utoipa::path(
    tag = "organisations",
    params(("id" = Uuid, Path, description = "Organisation id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateOrganisation,
    responses((status = 200, description = "Updated", body = Organisation), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/organisations/{id}")]
pub async fn update_organisation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateOrganisation>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cmd = uc::UpdateOrganisation {
        id: id.into_inner(),
        precondition: if_match.precondition(),
        name: body.name,
        kind: body.kind,
        responsible_authority: body.responsible_authority,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let updated: Organisation = uc::update(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
