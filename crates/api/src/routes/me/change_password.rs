use super::ChangePassword;
use crate::auth::tokens::user_tokens;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::ActionErrors;
use crate::state::AppState;
use actix_web::{put, web, HttpResponse};
use scrutiny_app::{AppError, Ctx};

/// Change my own password. Every session that began before it ends (access and refresh tokens);
/// the answer carries a new pair for this one.
#[utoipa::path(
    tag = "auth",
    request_body = ChangePassword,
    responses((status = 200, description = "Changed; new tokens for this session", body = crate::auth::tokens::TokenResponse), (status = 429, description = "Too many attempts", body = crate::error::Problem, content_type = "application/problem+json"), ActionErrors),
    security(("bearer" = []))
)]
#[put("/me/password")]
pub async fn change_my_password(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<ChangePassword>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cmd = scrutiny_app::me::ChangePassword {
        current_password: body.current_password,
        new_password: body.new_password,
        limits: state.session_limits(),
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let changed = scrutiny_app::me::change_password(&mut ctx, cmd, |email| {
        state
            .throttle
            .check("password-change", email)
            .map_err(|retry_after_secs| AppError::TooManyRequests { retry_after_secs })
    })
    .await?;
    let tokens = user_tokens(
        &state,
        &changed.user,
        changed.refresh_token,
        changed.refresh_expires_at,
    )?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(tokens))
}
