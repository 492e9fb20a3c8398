//! What every handler shares.
use crate::auth::jwt::JwtKeys;
use crate::auth::throttle::LoginThrottle;
use crate::storage::Attachments;
use scrutiny_db::DbPool;

impl AppState {
    /// How long sessions last.
    pub fn session_limits(&self) -> scrutiny_app::sessions::SessionLimits {
        scrutiny_app::sessions::SessionLimits {
            refresh_ttl: chrono::Duration::seconds(self.refresh_ttl_secs),
            max_lifetime: chrono::Duration::seconds(self.session_max_secs),
        }
    }
}

pub struct AppState {
    pub pool: DbPool,
    pub jwt: JwtKeys,
    /// Principals already checked, kept for a while (see [`crate::auth::cache`]).
    pub principals: std::sync::Arc<crate::auth::cache::PrincipalCache>,
    /// How long a refresh token lives, in seconds.
    pub refresh_ttl_secs: i64,
    /// The longest a session lasts from its sign-in, in seconds, however often it is refreshed.
    pub session_max_secs: i64,
    pub throttle: LoginThrottle,
    /// The migrations this binary expects the database to have applied (readiness).
    pub expected_migrations: Vec<String>,
    /// Verified against when an email is unknown, so that the answer takes as long either way.
    pub dummy_password_hash: String,
    /// Whether to take the client address from `Forwarded`/`X-Forwarded-For` (behind a proxy).
    pub trust_forwarded_for: bool,
    /// Where attachments' bytes are kept, and the largest file accepted.
    pub attachments: Attachments,
    /// The largest file an import accepts, in bytes (422 above).
    pub import_max_bytes: usize,
    /// What webhook URLs may be (https and public addresses unless the deployment allows more).
    pub webhook_policy: scrutiny_app::webhooks::UrlPolicy,
    /// The web app's address as users reach it, without a trailing slash (links in feeds).
    pub public_url: String,
    /// Open data requests per client address.
    pub open_data_throttle: crate::auth::throttle::OpenDataThrottle,
    /// Signs people in with their council's identity provider (OpenID Connect).
    pub oidc: std::sync::Arc<scrutiny_net::oidc::RelyingParty>,
    /// What identity providers' issuers may be.
    pub issuer_policy: scrutiny_app::identity_providers::IssuerPolicy,
}
