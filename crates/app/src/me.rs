//! Use cases of the signed-in principal: who am I, and changing my own password.
use crate::audit;
use crate::credentials::{hash_password, secrets, verify_password};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::principal::{ActorKind, Principal, ANY_ROLE};
use crate::views::users::{Me, MeOrganisation, User};
use chrono::{DateTime, Utc};
use scrutiny_db::models::{self, NewRefreshToken};
use scrutiny_db::queries::{refresh_tokens, users};
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::people::NewPassword;
use uuid::Uuid;

/// A user changing their own password.
#[derive(Debug, Clone)]
pub struct ChangePassword {
    pub current_password: String,
    /// At least 12 characters.
    pub new_password: String,
    /// How long the new session lasts.
    pub limits: crate::sessions::SessionLimits,
}

/// The user after the change, with the refresh token of the session that goes on.
#[derive(Debug)]
pub struct PasswordChanged {
    pub user: models::User,
    pub refresh_token: String,
    pub refresh_expires_at: chrono::DateTime<chrono::Utc>,
}

/// Who the principal is, with their organisation (and email, for a user): as the account and
/// organisation were when the principal was checked against the database, which is never staler
/// than the principal the request acts as (the API forgets a kept principal when either changes).
/// No query.
pub fn get(principal: &Principal) -> Result<Me, AppError> {
    principal.require(ANY_ROLE)?;
    Ok(Me {
        id: principal.id,
        kind: principal.kind,
        name: principal.name.clone(),
        email: principal.email.clone(),
        role: principal.role.as_str().to_owned(),
        organisation: MeOrganisation {
            id: principal.organisation_id.as_uuid(),
            name: principal.organisation_name.clone(),
            kind: principal.organisation_kind.as_str().to_owned(),
        },
    })
}

/// A new refresh token of session `family_id` for a user, valid until `expires_at`; only its
/// digest is stored.
pub async fn issue_refresh_token(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    family_id: Uuid,
    expires_at: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = secrets::generate("rt");
    refresh_tokens::insert(
        conn,
        &NewRefreshToken {
            id: Uuid::now_v7(),
            family_id,
            user_id,
            token_hash: &secrets::digest(&token),
            expires_at,
        },
    )
    .await?;
    Ok(token)
}

/// Changes the principal's own password (users only). `throttle` is asked, with the user's
/// email, before the current password is checked. Every session that began before ends (its
/// refresh tokens are revoked); a new session begins. Audited as `user.password_changed`.
pub async fn change_password(
    ctx: &mut Ctx<'_>,
    cmd: ChangePassword,
    throttle: impl FnOnce(&str) -> Result<(), AppError>,
) -> Result<PasswordChanged, AppError> {
    if ctx.principal.kind != ActorKind::User {
        return Err(AppError::Forbidden);
    }
    let new = NewPassword::parse(&cmd.new_password)
        .map_err(|e| AppError::invalid("new_password", e.to_string()))?;
    let user_id = ctx.principal.id;
    let user = users::find(ctx.db(), user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    throttle(&user.email)?;
    if !verify_password(cmd.current_password, user.password_hash).await? {
        return Err(AppError::invalid(
            "current_password",
            "is not your current password",
        ));
    }
    let hash = hash_password(new).await?;
    let now = ctx.now();
    let expires_at = cmd.limits.next_expiry(now, now);
    ctx.tx(async |ctx| {
        let row = users::set_password(ctx.db(), user_id, &hash).await?;
        refresh_tokens::revoke_all_for_user(ctx.db(), user_id).await?;
        let event = audit::event(
            &ctx.principal,
            "user.password_changed",
            "user",
            user_id,
            None,
            audit::snapshot(&User::from(row.clone())),
        );
        crate::audit::record(ctx.db(), &event).await?;
        let refresh_token =
            issue_refresh_token(ctx.db(), row.id, Uuid::now_v7(), expires_at).await?;
        Ok(PasswordChanged {
            user: row,
            refresh_token,
            refresh_expires_at: expires_at,
        })
    })
    .await
}
