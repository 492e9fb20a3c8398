use super::Me;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::Ctx;

/// Who the access token belongs to.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "The signed-in user or service account", body = Me), ReadErrors),
    security(("bearer" = []))
)]
#[get("/me")]
pub async fn get_me(
    state: web::Data<AppState>,
    Auth(principal): Auth,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let me: Me = scrutiny_app::me::get(&mut ctx).await?;
    Ok(HttpResponse::Ok().json(me))
}
