use super::{UpdateUser, User};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::users as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Change a user's details or role, move them to another organisation, or (de)activate them.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "User id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateUser,
    responses((status = 200, description = "Updated", body = User), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateUser>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cmd = uc::UpdateUser {
        id: id.into_inner(),
        precondition: if_match.precondition(),
        email: body.email,
        name: body.name,
        role: body.role,
        organisation_id: body.organisation_id,
        active: body.active,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let updated: User = uc::update(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
