//! The tokens a user gets when a session begins or goes on: a JWT access token and a rotating
//! refresh token (only its digest is stored).
use crate::error::ApiError;
use crate::state::AppState;
use scrutiny_db::models::User;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// A JWT to send as `Authorization: Bearer …`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// For people: exchange it for a new pair before it expires. Each one works once, and a
    /// session ends at its maximum lifetime however often it is refreshed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_expires_in: Option<i64>,
    /// After a sign-in through an identity provider: where to send the browser, once the refresh
    /// token is revoked, to end the provider's session too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logout_url: Option<String>,
}

/// The access token of a user's session, with the refresh token to use next.
pub fn user_tokens(
    state: &AppState,
    user: &User,
    refresh: String,
    refresh_expires_at: chrono::DateTime<chrono::Utc>,
) -> Result<TokenResponse, ApiError> {
    let access = state
        .jwt
        .issue(
            user.id,
            "user",
            &user.role,
            user.organisation_id,
            &scrutiny_app::credentials::secrets::credential_stamp(&user.password_hash),
        )
        .map_err(ApiError::internal)?;
    Ok(TokenResponse {
        access_token: access,
        token_type: "Bearer".into(),
        expires_in: state.jwt.access_ttl_secs,
        refresh_token: Some(refresh),
        refresh_expires_in: Some(
            // Rounded up: a fresh session's token lives the whole lifetime, not a second less.
            ((refresh_expires_at - chrono::Utc::now()).num_milliseconds() + 999).max(0) / 1000,
        ),
        logout_url: None,
    })
}
