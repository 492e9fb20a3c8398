use super::{update_command, Contact, UpdateContact};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::contacts as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Change a contact; `null` clears a nullable field.
#[utoipa::path(
    tag = "contacts",
    params(("id" = Uuid, Path, description = "Contact id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateContact,
    responses((status = 200, description = "Updated", body = Contact), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/contacts/{id}")]
pub async fn update_contact(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateContact>,
) -> Result<HttpResponse, ApiError> {
    let cmd = update_command(id.into_inner(), if_match.precondition(), body.into_inner());
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let updated: Contact = uc::update(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
