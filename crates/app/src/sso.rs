//! Signing in with a council's identity provider: OpenID Connect's authorization code flow with
//! PKCE ([`scrutiny_net::oidc`]).
//!
//! 1. [`begin`]: a sign-in under way is kept (state, nonce, PKCE verifier; ten minutes) and the
//!    browser is sent to the provider.
//! 2. [`finish`]: the provider sends the browser back with a code; the sign-in is taken (once),
//!    the code exchanged, the ID token verified, and the person matched to an account:
//!    - by the provider's subject, once linked;
//!    - else by a verified email address, an account of the provider's council (then linked);
//!    - else, when the provider may create accounts and the address is in its domains, a new
//!      account of the council, a viewer unless a rule maps the person's claims to a role.
//!
//!    A rule that matches sets the role at each sign-in (the provider's groups stay the source),
//!    except that the council's last admin is not demoted. The browser gets a one-time code in
//!    the URL's fragment (a minute to use).
//! 3. [`exchange`]: the web app trades that code for a session like a password sign-in's, with the
//!    address that ends the provider's session too.
//!
//! These run before anyone is signed in: the context's principal is the system; each audit event
//! names its actor (the person, or the provider for what it changes).
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::identity_providers::mappings_of;
use crate::me::issue_refresh_token;
use crate::sessions::{Session, SessionLimits};
use chrono::Duration;
use scrutiny_db::models::{NewAuditEvent, NewUser, User, UserChanges};
use scrutiny_db::queries::identity_providers::{self as q, Handoff, Login, Provider};
use scrutiny_db::queries::users;
use scrutiny_domain::people::{Email, Role};
use scrutiny_domain::sso::{email_in_domains, mapped_role, safe_return_path};
use scrutiny_net::oidc::{self, Claims, RelyingParty};
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

/// How long a sign-in may take at the provider.
const LOGIN_MINUTES: i64 = 10;
/// How long the web app has to collect a finished sign-in.
const HANDOFF_SECONDS: i64 = 60;

/// A provider offered on the sign-in page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SignInOption {
    pub id: Uuid,
    /// What the button says.
    #[schema(example = "Stockton-on-Tees Borough Council staff")]
    pub name: String,
    pub council_id: Uuid,
    #[schema(example = "Stockton-on-Tees Borough Council")]
    pub council_name: String,
}

/// Why a person was not signed in, in words for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

fn refusal(message: impl Into<String>) -> Refusal {
    Refusal(message.into())
}

/// A finished sign-in: the one-time code for the web app, and where it goes next.
#[derive(Debug, Clone)]
pub struct Finished {
    pub code: String,
    pub return_to: String,
}

fn sha256(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

fn client_of(p: &Provider) -> oidc::Client {
    oidc::Client {
        issuer: p.issuer.clone(),
        client_id: p.client_id.clone(),
        client_secret: p.client_secret.clone(),
    }
}

/// The enabled providers, by council (at most 500: the page lists them).
pub async fn options(ctx: &mut Ctx<'_>) -> Result<Vec<SignInOption>, AppError> {
    let rows = q::enabled_with_council(ctx.db(), 500).await?;
    Ok(rows
        .into_iter()
        .map(|(p, council_name)| SignInOption {
            id: p.id,
            name: p.name,
            council_id: p.council_id,
            council_name,
        })
        .collect())
}

/// Starts a sign-in with provider `id`: the address to send the browser to. `redirect_uri` is
/// this server's callback; `return_to` the web app's page to open afterwards (a path of this
/// site, else `/`).
pub async fn begin(
    ctx: &mut Ctx<'_>,
    rp: &RelyingParty,
    id: Uuid,
    redirect_uri: &str,
    return_to: Option<&str>,
) -> Result<Result<String, Refusal>, AppError> {
    let Some(provider) = q::find(ctx.db(), id).await?.filter(|p| p.enabled) else {
        return Ok(Err(refusal(
            "That sign-in option does not exist or has been turned off.",
        )));
    };
    let metadata = match rp.metadata(&provider.issuer).await {
        Ok(m) => m,
        Err(e) => {
            log::warn!("identity provider {}: {e}", provider.id);
            return Ok(Err(refusal(format!(
                "{} cannot be reached just now. Try again later, or sign in with your email address and password.",
                provider.name
            ))));
        }
    };
    let state = oidc::random_value();
    let nonce = oidc::random_value();
    let verifier = oidc::random_value();
    let url = RelyingParty::authorization_url(
        &metadata,
        &provider.client_id,
        redirect_uri,
        &provider.scopes,
        &state,
        &nonce,
        &verifier,
    )
    .map_err(AppError::internal)?;
    let now = ctx.now();
    q::insert_login(
        ctx.db(),
        &Login {
            state_sha256: sha256(&state),
            provider_id: provider.id,
            nonce,
            code_verifier: verifier,
            redirect_uri: redirect_uri.to_owned(),
            return_to: safe_return_path(return_to),
            created_at: now,
            expires_at: now + Duration::minutes(LOGIN_MINUTES),
        },
    )
    .await?;
    Ok(Ok(url))
}

/// What the provider sent back to the callback.
#[derive(Debug, Clone, Default)]
pub struct Callback {
    pub state: Option<String>,
    pub code: Option<String>,
    /// An error the provider reports instead of a code (e.g. `access_denied`).
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// The strings a claim holds: itself, or each string of a list.
fn claim_values<'a>(claims: &'a Claims, name: &str) -> Vec<&'a str> {
    match claims.get(name) {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::Bool(true)) => vec!["true"],
        _ => vec![],
    }
}

fn verified_email(claims: &Claims) -> Option<Email> {
    let verified = match claims.get("email_verified") {
        Some(Value::Bool(b)) => *b,
        // Some providers send it as a string.
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    };
    verified
        .then(|| claims.get("email").and_then(Value::as_str))
        .flatten()
        .and_then(|e| Email::parse(e).ok())
}

fn display_name(claims: &Claims, email: Option<&Email>) -> String {
    let text = |n: &str| {
        claims
            .get(n)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let joined = match (text("given_name"), text("family_name")) {
        (Some(g), Some(f)) => Some(format!("{g} {f}")),
        _ => None,
    };
    text("name")
        .map(str::to_owned)
        .or(joined)
        .or_else(|| text("preferred_username").map(str::to_owned))
        .or_else(|| email.map(|e| e.as_str().to_owned()))
        .unwrap_or_else(|| "Council user".to_owned())
        .chars()
        .take(200)
        .collect()
}

/// Finishes a sign-in the provider sent back: the account matched (linked or made), and a
/// one-time code for the web app. `Err(Refusal)` says, for the person, why not.
pub async fn finish(
    ctx: &mut Ctx<'_>,
    rp: &RelyingParty,
    public_url: &str,
    cb: Callback,
) -> Result<Result<Finished, Refusal>, AppError> {
    let Some(state) = cb
        .state
        .as_deref()
        .filter(|s| !s.is_empty() && s.len() <= 200)
    else {
        return Ok(Err(refusal(
            "The sign-in could not be matched: start again.",
        )));
    };
    let now = ctx.now();
    let Some(login) = q::take_login(ctx.db(), &sha256(state), now).await? else {
        return Ok(Err(refusal(
            "The sign-in has expired or was already used: start again.",
        )));
    };
    let Some(provider) = q::find(ctx.db(), login.provider_id)
        .await?
        .filter(|p| p.enabled)
    else {
        return Ok(Err(refusal("That sign-in option has been turned off.")));
    };
    if let Some(error) = cb.error.as_deref() {
        let said = cb
            .error_description
            .as_deref()
            .unwrap_or(error)
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect::<String>();
        return Ok(Err(refusal(format!(
            "{} did not sign you in: {said}",
            provider.name
        ))));
    }
    let Some(code) = cb
        .code
        .as_deref()
        .filter(|c| !c.is_empty() && c.len() <= 2000)
    else {
        return Ok(Err(refusal(
            "The identity provider sent no code: start again.",
        )));
    };
    let client = client_of(&provider);
    let (claims, id_token) = match rp
        .complete(
            &client,
            code,
            &login.redirect_uri,
            &login.code_verifier,
            &login.nonce,
        )
        .await
    {
        Ok(done) => done,
        Err(e) => {
            log::warn!("sign-in with identity provider {}: {e}", provider.id);
            return Ok(Err(refusal(format!(
                "The answer from {} could not be used, so you are not signed in. Try again; if it keeps happening, tell your council's administrator.",
                provider.name
            ))));
        }
    };
    let metadata = rp.metadata(&provider.issuer).await.ok();
    let logout_url = metadata.and_then(|m| {
        RelyingParty::logout_url(
            &m,
            &provider.client_id,
            &id_token,
            &format!("{public_url}/sign-in"),
        )
    });
    let user = match match_account(ctx, &provider, &claims).await? {
        Ok(user) => user,
        Err(r) => return Ok(Err(r)),
    };
    let handoff = oidc::random_value();
    q::insert_handoff(
        ctx.db(),
        &Handoff {
            code_sha256: sha256(&handoff),
            user_id: user.id,
            provider_id: provider.id,
            logout_url,
            created_at: now,
            expires_at: now + Duration::seconds(HANDOFF_SECONDS),
        },
    )
    .await?;
    Ok(Ok(Finished {
        code: handoff,
        return_to: login.return_to,
    }))
}

/// The provider as the actor of what it changes.
fn provider_actor(p: &Provider, action: &str, user_id: Uuid, after: Value) -> NewAuditEvent {
    audit::event_by(
        "system",
        None,
        &format!("sign-in with {}", p.name),
        action,
        "user",
        user_id,
        Some(after),
    )
}

/// The account the provider's person is, linked or made; its role set by the rules that match.
async fn match_account(
    ctx: &mut Ctx<'_>,
    provider: &Provider,
    claims: &Claims,
) -> Result<Result<User, Refusal>, AppError> {
    let subject = claims
        .get("sub")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let email = verified_email(claims);
    let rules = mappings_of(provider);
    let mapped = mapped_role(&rules, |name| claim_values(claims, name));
    let provider = provider.clone();
    ctx.tx(async |ctx| {
        let mut user = q::user_by_subject(ctx.db(), provider.id, &subject).await?;
        if user.is_none() {
            if let Some(email) = &email {
                if let Some(found) = users::find_by_email(ctx.db(), email.as_str()).await? {
                    if found.organisation_id != provider.council_id {
                        return Ok(Err(refusal(
                            "Your email address belongs to an account of another organisation, so it cannot be signed in this way. Sign in with your email address and password.",
                        )));
                    }
                    q::link_user(ctx.db(), found.id, provider.id, &subject).await?;
                    let e = provider_actor(
                        &provider,
                        "user.identity_linked",
                        found.id,
                        json!({"identity_provider_id": provider.id, "subject": subject}),
                    );
                    audit::record(&mut ctx.conn, &e).await?;
                    user = Some(found);
                }
            }
        }
        let user = match user {
            Some(u) => u,
            None => {
                let Some(email) = &email else {
                    return Ok(Err(refusal(
                        "The identity provider did not give a verified email address, so no account could be found for you. Ask your council's administrator.",
                    )));
                };
                if !provider.create_users
                    || !email_in_domains(email.as_str(), &provider.email_domains)
                {
                    return Ok(Err(refusal(format!(
                        "There is no account for {} here yet. Ask your council's administrator to add you.",
                        email.as_str()
                    ))));
                }
                // Never more than a viewer without a rule an admin wrote.
                let role = mapped.unwrap_or(Role::Viewer);
                let name = display_name(claims, Some(email));
                // A password nobody knows: the account signs in through the provider (an admin
                // may still send a password reset).
                let unusable = format!("!sso:{}", oidc::random_value());
                let row = users::insert(
                    ctx.db(),
                    &NewUser {
                        id: Uuid::now_v7(),
                        email: email.as_str(),
                        name: &name,
                        role: role.as_str(),
                        organisation_id: provider.council_id,
                        council_id: Some(provider.council_id),
                        password_hash: &unusable,
                    },
                )
                .await?;
                q::link_user(ctx.db(), row.id, provider.id, &subject).await?;
                let e = provider_actor(
                    &provider,
                    "user.created",
                    row.id,
                    json!({"email": row.email, "name": row.name, "role": row.role,
                           "organisation_id": row.organisation_id,
                           "identity_provider_id": provider.id, "subject": subject}),
                );
                audit::record(&mut ctx.conn, &e).await?;
                row
            }
        };
        if !user.active {
            return Ok(Err(refusal(
                "Your account has been deactivated. Ask your council's administrator.",
            )));
        }
        if user.organisation_id != provider.council_id {
            return Ok(Err(refusal(
                "Your account belongs to another organisation, so it cannot be signed in this way.",
            )));
        }
        let Some(role) = mapped.filter(|r| r.as_str() != user.role) else {
            return Ok(Ok(user));
        };
        let last_admin = user.role == "admin"
            && users::count_admins(ctx.db(), Some(provider.council_id)).await? <= 1;
        if last_admin {
            log::warn!(
                "identity provider {} maps the council's last admin {} to {}; kept admin",
                provider.id,
                user.id,
                role.as_str()
            );
            return Ok(Ok(user));
        }
        let changed = users::update(
            ctx.db(),
            user.id,
            &UserChanges {
                role: Some(role.as_str().to_owned()),
                ..UserChanges::default()
            },
        )
        .await?;
        let e = audit::event_by(
            "system",
            None,
            &format!("sign-in with {}", provider.name),
            "user.role_mapped",
            "user",
            user.id,
            Some(json!({"role": changed.role})),
        );
        let e = NewAuditEvent {
            before: Some(json!({"role": user.role})),
            ..e
        };
        audit::record(&mut ctx.conn, &e).await?;
        Ok(Ok(changed))
    })
    .await
}

/// A session for a finished sign-in's one-time code, with the address that ends the provider's
/// session too; `None` when the code is unknown, used or expired. Audited as `auth.signed_in` by
/// the person, with the provider.
pub async fn exchange(
    ctx: &mut Ctx<'_>,
    code: &str,
    limits: SessionLimits,
) -> Result<Option<(Session, Option<String>)>, AppError> {
    let now = ctx.now();
    ctx.tx(async |ctx| {
        let Some(handoff) = q::take_handoff(ctx.db(), &sha256(code), now).await? else {
            return Ok(None);
        };
        let Some(user) = users::find(ctx.db(), handoff.user_id)
            .await?
            .filter(|u| u.active)
        else {
            return Ok(None);
        };
        let expires_at = limits.next_expiry(now, now);
        let token = issue_refresh_token(ctx.db(), user.id, Uuid::now_v7(), expires_at).await?;
        users::record_login(ctx.db(), user.id, now).await?;
        let e = audit::event_by(
            "user",
            Some(user.id),
            &user.name,
            "auth.signed_in",
            "user",
            user.id,
            Some(json!({"method": "openid_connect", "identity_provider_id": handoff.provider_id})),
        );
        audit::record(&mut ctx.conn, &e).await?;
        Ok(Some((
            Session {
                user,
                refresh_token: token,
                refresh_expires_at: expires_at,
            },
            handoff.logout_url,
        )))
    })
    .await
}

/// Forgets sign-ins and handoffs that have expired (the worker's housekeeping).
pub async fn purge_expired(ctx: &mut Ctx<'_>) -> Result<usize, AppError> {
    let now = ctx.now();
    Ok(q::purge_expired(ctx.db(), now).await?)
}
