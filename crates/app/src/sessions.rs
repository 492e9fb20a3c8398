//! Sessions: signing in with email and password, keeping a session with rotating refresh tokens,
//! a partner system's client credentials, and signing out. These run before anyone is signed in:
//! the context's principal is the system, and each audit event names its own actor. The API
//! throttles the attempts and issues the access tokens.
use crate::audit;
use crate::credentials::{secrets, verify_password};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::me::issue_refresh_token;
use chrono::{DateTime, Duration, Utc};
use scrutiny_db::models;
use scrutiny_db::queries::{refresh_tokens, service_accounts, users};
use scrutiny_domain::people::Email;
use uuid::Uuid;

/// How long sessions last: a refresh token lives `refresh_ttl` unused, and no session outlives
/// `max_lifetime` from its sign-in however often it is refreshed (then the user signs in again).
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    pub refresh_ttl: Duration,
    pub max_lifetime: Duration,
}

impl SessionLimits {
    /// When the next refresh token of a session that began at `started` expires.
    pub fn next_expiry(&self, started: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
        (now + self.refresh_ttl).min(started + self.max_lifetime)
    }
}

/// A user's session going on: the user as now stored, with the refresh token to use next.
#[derive(Debug)]
pub struct Session {
    pub user: models::User,
    pub refresh_token: String,
    /// When that refresh token expires.
    pub refresh_expires_at: DateTime<Utc>,
}

/// A sign-in with email and password.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub email: String,
    pub password: String,
    /// A hash checked when there is no such user, so that timing does not tell.
    pub dummy_hash: String,
    pub limits: SessionLimits,
}

/// The outcome of exchanging a refresh token.
#[derive(Debug)]
pub enum Refreshed {
    Issued(Box<Session>),
    /// A rotated token came back: its family has been revoked.
    Reused,
    Invalid,
}

/// Signs a user in: a new session (refresh token family) when the email and password match an
/// active user, `None` otherwise. Audited as `auth.signed_in` by the user.
pub async fn sign_in(ctx: &mut Ctx<'_>, cmd: SignIn) -> Result<Option<Session>, AppError> {
    let user = match Email::parse(&cmd.email) {
        Ok(email) => users::find_by_email(ctx.db(), email.as_str()).await?,
        Err(_) => None,
    };
    // Verify even when there is no such user, or the account has no password (it signs in
    // through its council's identity provider), so that timing does not tell; such an account
    // never matches, whatever is typed.
    let usable = user
        .as_ref()
        .is_some_and(|u| crate::credentials::has_password(&u.password_hash));
    let stored = match &user {
        Some(u) if usable => u.password_hash.clone(),
        _ => cmd.dummy_hash,
    };
    let matches = verify_password(cmd.password, stored).await? && usable;
    let user = match user {
        Some(user) if matches && user.active => user,
        _ => return Ok(None),
    };
    let now = ctx.now();
    let expires_at = cmd.limits.next_expiry(now, now);
    let refresh_token = ctx
        .tx(async |ctx| {
            let token = issue_refresh_token(ctx.db(), user.id, Uuid::now_v7(), expires_at).await?;
            users::record_login(ctx.db(), user.id, now).await?;
            crate::audit::record(
                ctx.db(),
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
    Ok(Some(Session {
        user,
        refresh_token,
        refresh_expires_at: expires_at,
    }))
}

/// Exchanges a refresh token for the next one of its family. A token that was already rotated
/// revokes the whole family (audited as `auth.refresh_token_reused` by the system); a good one is
/// audited as `auth.token_refreshed` by its user. A session past its maximum lifetime is over.
pub async fn refresh(
    ctx: &mut Ctx<'_>,
    token: &str,
    limits: SessionLimits,
) -> Result<Refreshed, AppError> {
    let hash = secrets::digest(token);
    let now = ctx.now();
    ctx.tx(async |ctx| {
        let Some(row) = refresh_tokens::find_by_hash_for_update(ctx.db(), &hash).await? else {
            return Ok(Refreshed::Invalid);
        };
        if row.revoked_at.is_some() || row.expires_at <= now {
            return Ok(Refreshed::Invalid);
        }
        if row.rotated_at.is_some() {
            refresh_tokens::revoke_family(ctx.db(), row.family_id).await?;
            crate::audit::record(
                ctx.db(),
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
        let Some(user) = users::find(ctx.db(), row.user_id)
            .await?
            .filter(|u| u.active)
        else {
            return Ok(Refreshed::Invalid);
        };
        let started = refresh_tokens::family_started_at(ctx.db(), row.family_id)
            .await?
            .unwrap_or(row.issued_at);
        let expires_at = limits.next_expiry(started, now);
        if expires_at <= now {
            return Ok(Refreshed::Invalid);
        }
        refresh_tokens::mark_rotated(ctx.db(), row.id).await?;
        let next = issue_refresh_token(ctx.db(), user.id, row.family_id, expires_at).await?;
        crate::audit::record(
            ctx.db(),
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
        Ok(Refreshed::Issued(Box::new(Session {
            user,
            refresh_token: next,
            refresh_expires_at: expires_at,
        })))
    })
    .await
}

/// Checks a partner system's client credentials: the active account they belong to, or `None`.
/// Marks the account used; audited as `auth.client_token_issued` by the account.
pub async fn client_credentials(
    ctx: &mut Ctx<'_>,
    client_id: &str,
    secret: &str,
) -> Result<Option<models::ServiceAccount>, AppError> {
    let account = service_accounts::find_by_client_id(ctx.db(), client_id).await?;
    let presented = secrets::digest_hex(secret);
    let account = match account {
        Some(a) if a.active && secrets::same_digest(&a.secret_hash, &presented) => a,
        _ => return Ok(None),
    };
    ctx.tx(async |ctx| {
        service_accounts::touch(ctx.db(), account.id).await?;
        crate::audit::record(
            ctx.db(),
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
    Ok(Some(account))
}

/// Signs out: revokes a refresh token and every token of its session; audited as
/// `auth.signed_out` by its user when something was revoked. An unknown token does nothing.
pub async fn sign_out(ctx: &mut Ctx<'_>, token: &str) -> Result<(), AppError> {
    let hash = secrets::digest(token);
    ctx.tx(async |ctx| {
        if let Some(row) = refresh_tokens::find_by_hash_for_update(ctx.db(), &hash).await? {
            if refresh_tokens::revoke_family(ctx.db(), row.family_id).await? > 0 {
                let name = users::find(ctx.db(), row.user_id)
                    .await?
                    .map(|u| u.name)
                    .unwrap_or_default();
                crate::audit::record(
                    ctx.db(),
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
    .await
}
