use super::{Contact, CreateContact};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::CreateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::contacts as uc;
use scrutiny_app::Ctx;

/// Create a contact.
#[utoipa::path(
    tag = "contacts",
    request_body = CreateContact,
    responses((status = 201, description = "Created", body = Contact), CreateErrors),
    security(("bearer" = []))
)]
#[post("/contacts")]
pub async fn create_contact(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateContact>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let created = uc::create(&mut ctx, body.into_inner().into()).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}
