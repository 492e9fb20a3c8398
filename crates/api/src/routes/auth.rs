//! Tokens. People sign in with email and password (`password` grant) and keep their session with
//! rotating refresh tokens (`refresh_token` grant); partners' systems use `client_credentials`.
use crate::audit;
use crate::auth::tokens::{new_refresh_token, user_tokens, TokenResponse};
use crate::auth::{passwords, secrets};
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::{PublicWriteErrors, TokenErrors};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::Utc;
use scrutiny_db::models::User;
use scrutiny_db::queries::{audit as audit_q, refresh_tokens, service_accounts, users};
use scrutiny_db::AsyncConnection;
use scrutiny_domain::people::Email;
use scrutiny_domain::validation::ValidationErrors;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A token request in the OAuth 2.0 shape, sent as JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"grant_type": "password", "email": "officer@stockton.example", "password": "a long passphrase"}))]
pub struct TokenRequest {
    /// `password`, `refresh_token` or `client_credentials`.
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

fn client_address(req: &HttpRequest, state: &AppState) -> String {
    let info = req.connection_info();
    let address = if state.trust_forwarded_for {
        info.realip_remote_addr().map(str::to_owned)
    } else {
        info.peer_addr().map(str::to_owned)
    };
    address.unwrap_or_else(|| "unknown".into())
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
            errors.into_result()?;
            password_grant(
                &state,
                &ip,
                email.expect("checked"),
                password.expect("checked"),
            )
            .await?
        }
        "refresh_token" => {
            let token = required(&mut errors, "refresh_token", &body.refresh_token);
            errors.into_result()?;
            refresh_grant(&state, &ip, token.expect("checked")).await?
        }
        "client_credentials" => {
            let id = required(&mut errors, "client_id", &body.client_id);
            let secret = required(&mut errors, "client_secret", &body.client_secret);
            errors.into_result()?;
            client_grant(&state, &ip, id.expect("checked"), secret.expect("checked")).await?
        }
        _ => {
            return Err(ApiError::invalid(
                "grant_type",
                "must be one of: password, refresh_token, client_credentials",
            ))
        }
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(response))
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
    let mut conn = state.pool.get().await?;
    let user = match Email::parse(email) {
        Ok(email) => users::find_by_email(&mut conn, email.as_str()).await?,
        Err(_) => None,
    };
    // Verify even when there is no such user, so that timing does not tell.
    let stored = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| state.dummy_password_hash.clone());
    let candidate = password.to_owned();
    let matches = web::block(move || passwords::verify(&candidate, &stored)).await?;
    let user = match user {
        Some(user) if matches && user.active => user,
        _ => return Err(ApiError::Unauthorized(BAD_CREDENTIALS)),
    };
    let refresh = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let token = new_refresh_token(conn, state, &user, Uuid::now_v7()).await?;
            users::record_login(conn, user.id, Utc::now()).await?;
            audit_q::record(
                conn,
                &audit::event_by(
                    "user",
                    Some(user.id),
                    &user.name,
                    "auth.signed_in",
                    "user",
                    user.id,
                    None,
                ),
            )
            .await?;
            Ok(token)
        })
        .await?;
    user_tokens(state, &user, refresh)
}

enum Refreshed {
    Issued(Box<User>, String),
    /// A rotated token came back: its family has been revoked.
    Reused,
    Invalid,
}

async fn refresh_grant(state: &AppState, ip: &str, token: &str) -> Result<TokenResponse, ApiError> {
    throttle(state, ip, "refresh-token-grant")?;
    let hash = secrets::digest(token);
    let mut conn = state.pool.get().await?;
    let outcome = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let Some(row) = refresh_tokens::find_by_hash_for_update(conn, &hash).await? else {
                return Ok(Refreshed::Invalid);
            };
            if row.revoked_at.is_some() || row.expires_at <= Utc::now() {
                return Ok(Refreshed::Invalid);
            }
            if row.rotated_at.is_some() {
                refresh_tokens::revoke_family(conn, row.family_id).await?;
                audit_q::record(
                    conn,
                    &audit::event_by(
                        "system",
                        None,
                        "token rotation",
                        "auth.refresh_token_reused",
                        "user",
                        row.user_id,
                        Some(serde_json::json!({"family_id": row.family_id})),
                    ),
                )
                .await?;
                return Ok(Refreshed::Reused);
            }
            let Some(user) = users::find(conn, row.user_id).await?.filter(|u| u.active) else {
                return Ok(Refreshed::Invalid);
            };
            refresh_tokens::mark_rotated(conn, row.id).await?;
            let next = new_refresh_token(conn, state, &user, row.family_id).await?;
            audit_q::record(
                conn,
                &audit::event_by(
                    "user",
                    Some(user.id),
                    &user.name,
                    "auth.token_refreshed",
                    "user",
                    user.id,
                    None,
                ),
            )
            .await?;
            Ok(Refreshed::Issued(Box::new(user), next))
        })
        .await?;
    match outcome {
        Refreshed::Issued(user, next) => user_tokens(state, &user, next),
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
    let mut conn = state.pool.get().await?;
    let account = service_accounts::find_by_client_id(&mut conn, client_id).await?;
    let presented = secrets::digest_hex(secret);
    let account = match account {
        Some(a) if a.active && secrets::same_digest(&a.secret_hash, &presented) => a,
        _ => return Err(ApiError::Unauthorized(BAD_CLIENT)),
    };
    conn.transaction::<_, ApiError, _>(async |conn| {
        service_accounts::touch(conn, account.id).await?;
        audit_q::record(
            conn,
            &audit::event_by(
                "service_account",
                Some(account.id),
                &account.name,
                "auth.client_token_issued",
                "service_account",
                account.id,
                None,
            ),
        )
        .await?;
        Ok(())
    })
    .await?;
    let access = state
        .jwt
        .issue(
            account.id,
            "service_account",
            &account.role,
            account.organisation_id,
            account.secret_rotated_at.timestamp_millis(),
        )
        .map_err(ApiError::internal)?;
    Ok(TokenResponse {
        access_token: access,
        token_type: "Bearer".into(),
        expires_in: state.jwt.access_ttl_secs,
        refresh_token: None,
        refresh_expires_in: None,
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
    state: web::Data<AppState>,
    body: ValidJson<RevokeRequest>,
) -> Result<HttpResponse, ApiError> {
    let hash = secrets::digest(&body.into_inner().refresh_token);
    let mut conn = state.pool.get().await?;
    conn.transaction::<_, ApiError, _>(async |conn| {
        if let Some(row) = refresh_tokens::find_by_hash_for_update(conn, &hash).await? {
            if refresh_tokens::revoke_family(conn, row.family_id).await? > 0 {
                let name = users::find(conn, row.user_id)
                    .await?
                    .map(|u| u.name)
                    .unwrap_or_default();
                audit_q::record(
                    conn,
                    &audit::event_by(
                        "user",
                        Some(row.user_id),
                        &name,
                        "auth.signed_out",
                        "user",
                        row.user_id,
                        None,
                    ),
                )
                .await?;
            }
        }
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
