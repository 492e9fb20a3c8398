use super::{Contact, ContactFilter};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::contacts::{self as uc, ListContacts};
use scrutiny_app::Ctx;

/// List contacts, by name.
#[utoipa::path(
    tag = "contacts",
    params(ContactFilter, PageParams),
    responses((status = 200, description = "A page of contacts", body = Page<Contact>), ListErrors),
    security(("bearer" = []))
)]
#[get("/contacts")]
pub async fn list_contacts(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<ContactFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let cmd = ListContacts {
        organisation_id: filter.organisation_id,
        has_user: filter.has_user,
        page: page.request()?,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let page: Page<Contact> = uc::list(&mut ctx, cmd).await?;
    Ok(HttpResponse::Ok().json(page))
}
