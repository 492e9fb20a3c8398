use super::Contact;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::contacts as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Read one contact.
#[utoipa::path(
    tag = "contacts",
    params(("id" = Uuid, Path, description = "Contact id")),
    responses((status = 200, description = "The contact, with its ETag", body = Contact), ReadErrors),
    security(("bearer" = []))
)]
#[get("/contacts/{id}")]
pub async fn get_contact(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let dto: Contact = uc::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}
