use super::SetPassword;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::ActionErrors;
use crate::state::AppState;
use actix_web::{put, web, HttpResponse};
use scrutiny_app::users as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Set a new password for a user (for example when they have forgotten theirs). Signs them out
/// everywhere.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "User id")),
    request_body = SetPassword,
    responses((status = 204, description = "Password set"), ActionErrors),
    security(("bearer" = []))
)]
#[put("/users/{id}/password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<SetPassword>,
) -> Result<HttpResponse, ApiError> {
    let cmd = uc::ResetPassword {
        id: id.into_inner(),
        password: body.into_inner().password,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    uc::reset_password(&mut ctx, cmd).await?;
    Ok(HttpResponse::NoContent().finish())
}
