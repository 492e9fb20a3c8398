//! Tokens. People sign in with email and password (`password` grant) and keep their session with
//! rotating refresh tokens (`refresh_token` grant); partners' systems use `client_credentials`.
use crate::auth::tokens::{user_tokens, TokenResponse};
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::{PublicWriteErrors, TokenErrors};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use scrutiny_app::sessions::{self, Refreshed};
use scrutiny_app::{Ctx, Principal};
use scrutiny_domain::validation::ValidationErrors;
use serde::Deserialize;
use utoipa::ToSchema;

/// A token request in the OAuth 2.0 shape, sent as JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"grant_type": "password", "email": "officer@stockton.example", "password": "a long passphrase"}))]
pub struct TokenRequest {
    /// `password`, `refresh_token`, `client_credentials` or `authorization_code`.
    #[schema(pattern = "^(password|refresh_token|client_credentials|authorization_code)$")]
    pub grant_type: String,
    /// For `password`.
    pub email: Option<String>,
    /// For `password`.
    pub password: Option<String>,
    /// For `refresh_token`.
    pub refresh_token: Option<String>,
    /// For `client_credentials`.
    pub client_id: Option<String>,
    /// For `client_credentials`.
    pub client_secret: Option<String>,
    /// For `authorization_code`: the one-time code a sign-in with an identity provider left in
    /// the web app's `/signin/sso#code=…` (a minute to use, once).
    pub code: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokeRequest {
    /// The refresh token to end, with every token of its session.
    pub refresh_token: String,
}

const BAD_CREDENTIALS: &str = "The email address or password is not right.";
const BAD_REFRESH: &str = "The refresh token is not valid. Sign in again.";
const BAD_CLIENT: &str = "The client id or secret is not right.";

pub(crate) fn client_address(req: &HttpRequest, state: &AppState) -> String {
    let forwarded = state
        .trust_forwarded_for
        .then(|| forwarded_client(req))
        .flatten();
    forwarded
        .or_else(|| req.connection_info().peer_addr().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

/// The client address our own proxy saw: the LAST entry of `Forwarded` (`for=`) or
/// `X-Forwarded-For`. Entries before it were written by the client or by proxies we do not run,
/// so a client could choose them to get a fresh throttle bucket on every request.
fn forwarded_client(req: &HttpRequest) -> Option<String> {
    let last = |name: &str| -> Option<String> {
        let values: Vec<&str> = req
            .headers()
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .collect();
        values
            .iter()
            .rev()
            .flat_map(|v| v.rsplit(','))
            .map(str::trim)
            .find(|v| !v.is_empty())
            .map(str::to_owned)
    };
    if let Some(element) = last("forwarded") {
        let address = element
            .split(';')
            .map(str::trim)
            .find_map(|pair| {
                let (key, value) = pair.split_once('=')?;
                key.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| value.trim().trim_matches('"').to_owned())
            })
            .filter(|a| !a.is_empty());
        if address.is_some() {
            return address;
        }
    }
    last("x-forwarded-for")
}

fn required<'a>(
    errors: &mut ValidationErrors,
    field: &str,
    value: &'a Option<String>,
) -> Option<&'a str> {
    match value.as_deref() {
        Some(v) if !v.trim().is_empty() => Some(v),
        _ => {
            errors.add(field, "is required for this grant_type");
            None
        }
    }
}

/// Obtain an access token.
#[utoipa::path(
    tag = "auth",
    request_body = TokenRequest,
    responses((status = 200, description = "Tokens issued", body = TokenResponse), TokenErrors)
)]
#[post("/auth/token")]
pub async fn issue_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidJson<TokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let ip = client_address(&req, &state);
    let mut errors = ValidationErrors::new();
    let response = match body.grant_type.as_str() {
        "password" => {
            let email = required(&mut errors, "email", &body.email);
            let password = required(&mut errors, "password", &body.password);
            let (Some(email), Some(password)) = (email, password) else {
                return Err(errors.into());
            };
            password_grant(&state, &ip, email, password).await?
        }
        "refresh_token" => {
            let Some(token) = required(&mut errors, "refresh_token", &body.refresh_token) else {
                return Err(errors.into());
            };
            refresh_grant(&state, &ip, token).await?
        }
        "client_credentials" => {
            let id = required(&mut errors, "client_id", &body.client_id);
            let secret = required(&mut errors, "client_secret", &body.client_secret);
            let (Some(id), Some(secret)) = (id, secret) else {
                return Err(errors.into());
            };
            client_grant(&state, &ip, id, secret).await?
        }
        "authorization_code" => {
            let Some(code) = required(&mut errors, "code", &body.code) else {
                return Err(errors.into());
            };
            code_grant(&state, &ip, code).await?
        }
        _ => {
            return Err(ApiError::invalid(
                "grant_type",
                "must be one of: password, refresh_token, client_credentials, authorization_code",
            ))
        }
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(response))
}

/// A context for requests made before anyone is signed in: the system acts, and each audit event
/// names its own actor.
async fn anonymous(state: &AppState) -> Result<Ctx<'static>, ApiError> {
    Ok(Ctx::new(
        scrutiny_db::pool::unbound(&state.pool).await?,
        Principal::system("authentication"),
    ))
}

fn throttle(state: &AppState, ip: &str, account: &str) -> Result<(), ApiError> {
    state
        .throttle
        .check(ip, account)
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })
}

async fn password_grant(
    state: &AppState,
    ip: &str,
    email: &str,
    password: &str,
) -> Result<TokenResponse, ApiError> {
    throttle(state, ip, email)?;
    let cmd = sessions::SignIn {
        email: email.to_owned(),
        password: password.to_owned(),
        dummy_hash: state.dummy_password_hash.clone(),
        limits: state.session_limits(),
    };
    let mut ctx = anonymous(state).await?;
    match sessions::sign_in(&mut ctx, cmd).await? {
        Some(session) => user_tokens(
            state,
            &session.user,
            session.refresh_token,
            session.refresh_expires_at,
        ),
        None => Err(ApiError::Unauthorized(BAD_CREDENTIALS)),
    }
}

const BAD_CODE: &str = "The sign-in code is not valid: it works once, for a minute. Sign in again.";

/// A sign-in through an identity provider, finished: its one-time code for a session.
async fn code_grant(state: &AppState, ip: &str, code: &str) -> Result<TokenResponse, ApiError> {
    throttle(state, ip, &token_bucket(code))?;
    let mut ctx = anonymous(state).await?;
    match scrutiny_app::sso::exchange(&mut ctx, code, state.session_limits()).await? {
        Some((session, logout_url)) => {
            let mut tokens = user_tokens(
                state,
                &session.user,
                session.refresh_token,
                session.refresh_expires_at,
            )?;
            tokens.logout_url = logout_url;
            Ok(tokens)
        }
        None => Err(ApiError::Unauthorized(BAD_CODE)),
    }
}

/// The throttle's per-session bucket of a refresh token: a digest of the token, so that junk
/// tokens from one client neither share a bucket with every user's refresh (which would sign
/// everyone out) nor go unthrottled (the per-address bucket still counts them).
fn token_bucket(token: &str) -> String {
    use sha2::{Digest, Sha256};
    format!(
        "refresh:{}",
        hex::encode(&Sha256::digest(token.as_bytes())[..16])
    )
}

async fn refresh_grant(state: &AppState, ip: &str, token: &str) -> Result<TokenResponse, ApiError> {
    throttle(state, ip, &token_bucket(token))?;
    let mut ctx = anonymous(state).await?;
    match sessions::refresh(&mut ctx, token, state.session_limits()).await? {
        Refreshed::Issued(session) => user_tokens(
            state,
            &session.user,
            session.refresh_token,
            session.refresh_expires_at,
        ),
        Refreshed::Reused | Refreshed::Invalid => Err(ApiError::Unauthorized(BAD_REFRESH)),
    }
}

async fn client_grant(
    state: &AppState,
    ip: &str,
    client_id: &str,
    secret: &str,
) -> Result<TokenResponse, ApiError> {
    throttle(state, ip, client_id)?;
    let mut ctx = anonymous(state).await?;
    let account = sessions::client_credentials(&mut ctx, client_id, secret)
        .await?
        .ok_or(ApiError::Unauthorized(BAD_CLIENT))?;
    let access = state
        .jwt
        .issue(
            account.id,
            "service_account",
            &account.role,
            account.organisation_id,
            &scrutiny_app::credentials::secrets::credential_stamp(&account.secret_hash),
        )
        .map_err(ApiError::internal)?;
    Ok(TokenResponse {
        access_token: access,
        token_type: "Bearer".into(),
        expires_in: state.jwt.access_ttl_secs,
        refresh_token: None,
        refresh_expires_in: None,
        logout_url: None,
    })
}

/// Sign out: revoke a refresh token and every token of its session. Answers 204 whether or not the
/// token was valid (RFC 7009), so that it tells nothing.
#[utoipa::path(
    tag = "auth",
    request_body = RevokeRequest,
    responses((status = 204, description = "Revoked (or was not valid)"), PublicWriteErrors)
)]
#[post("/auth/revoke")]
pub async fn revoke_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidJson<RevokeRequest>,
) -> Result<HttpResponse, ApiError> {
    let token = body.into_inner().refresh_token;
    // Throttled like a refresh: each lookup costs a query, and guessing tokens must be slow.
    throttle(&state, &client_address(&req, &state), &token_bucket(&token))?;
    let mut ctx = anonymous(&state).await?;
    sessions::sign_out(&mut ctx, &token).await?;
    Ok(HttpResponse::NoContent().finish())
}
