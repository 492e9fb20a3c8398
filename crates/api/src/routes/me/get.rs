use super::Me;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use actix_web::{get, HttpResponse};

/// Who the access token belongs to.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "The signed-in user or service account", body = Me), ReadErrors),
    security(("bearer" = []))
)]
#[get("/me")]
pub async fn get_me(Auth(principal): Auth) -> Result<HttpResponse, ApiError> {
    let me: Me = scrutiny_app::me::get(&principal)?;
    Ok(HttpResponse::Ok().json(me))
}
