//! Configuration in layers: built-in defaults, then an optional TOML file (`SCRUTINY_CONFIG`, or
//! `scrutiny.toml` in the working directory), then the environment (`SCRUTINY_*`, and
//! `DATABASE_URL`). Secrets are `SecretString`s: they never print.
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::time::Duration;

pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/scrutiny";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

/// Where the bytes of new attachments are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttachmentStorage {
    /// In PostgreSQL (`attachment_blobs`).
    Database,
    /// In files under `attachments_directory`.
    Disk,
}

#[derive(Debug, Deserialize)]
pub struct Settings {
    pub env: Environment,
    /// Address to listen on, e.g. `127.0.0.1:8080`.
    pub bind: String,
    pub database_url: SecretString,
    pub database_pool_size: usize,
    /// How long a request waits for a database connection before it gets a 503.
    pub database_wait_timeout_ms: u64,
    /// How long one SQL statement may run before PostgreSQL cancels it (0: no limit).
    pub database_statement_timeout_ms: u64,
    /// The role the application works as (`SET ROLE` on every pooled connection), so that
    /// row-level security applies; empty: the connecting user, which must then be that role.
    pub database_role: String,
    /// Create the database when it does not exist.
    pub create_database: bool,
    /// Apply migrations on start.
    pub auto_migrate: bool,
    pub jwt_secret: Option<SecretString>,
    /// The secret that signed tokens before `jwt_secret` replaced it: still accepted while a
    /// rotation runs (remove it after one access-token lifetime).
    pub jwt_previous_secret: Option<SecretString>,
    pub access_token_ttl_secs: i64,
    /// How long a principal checked against the database is kept (0: not kept; never longer than
    /// an access token lives). Changes to accounts are heard at once (crates/api/src/auth/cache.rs).
    pub principal_cache_secs: u64,
    /// How long a refresh token lives unused (each refresh starts it again).
    pub refresh_token_ttl_secs: i64,
    /// The longest a session lasts from its sign-in, however often it is refreshed.
    pub session_max_secs: i64,
    pub json_limit_bytes: usize,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted reverse proxy).
    pub trust_forwarded_for: bool,
    pub login_per_ip_burst: u32,
    pub login_per_ip_refill_ms: u64,
    pub login_per_account_burst: u32,
    pub login_per_account_refill_ms: u64,
    /// The built frontend to serve at `/`, when present.
    pub static_dir: Option<String>,
    pub workers: Option<usize>,
    /// One-time first admin, created on start when no admin exists.
    pub bootstrap_admin_email: Option<String>,
    pub bootstrap_admin_name: Option<String>,
    pub bootstrap_admin_password: Option<SecretString>,
    pub bootstrap_organisation: Option<String>,
    /// The background jobs worker: reminders and the email outbox (`jobs_*`, `smtp_*`,
    /// `mail_from`, `app_public_url`), read from the same sources by `load`.
    #[serde(skip)]
    pub jobs: crate::jobs::JobSettings,
    /// Where new attachments' bytes go (`database` or `disk`).
    pub attachments_storage: AttachmentStorage,
    /// The directory of `disk` storage; also read, when set, for files stored there before the
    /// storage was changed to `database`.
    pub attachments_directory: Option<String>,
    /// The largest attachment accepted, in bytes (413 above).
    pub attachments_max_bytes: usize,
    /// The largest file an import accepts, in bytes (422 above).
    pub import_max_bytes: usize,
    /// Identity providers may be reached over plain http (development and tests; refused in
    /// production).
    pub oidc_allow_http: bool,
    /// Identity providers may be on private, loopback or link-local addresses (tests, or a
    /// council whose provider is on the deployment's private network).
    pub oidc_allow_private: bool,
    /// The longest an identity provider may take to answer.
    pub oidc_timeout_ms: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("configuration: {0}")]
    Load(#[from] config::ConfigError),
    #[error("configuration: {0}")]
    Invalid(String),
}

impl Settings {
    pub fn load() -> Result<Self, SettingsError> {
        let file = std::env::var("SCRUTINY_CONFIG").ok();
        let mut builder = config::Config::builder()
            .set_default("env", "development")?
            .set_default("bind", "127.0.0.1:8080")?
            .set_default("database_url", DEFAULT_DATABASE_URL)?
            .set_default("database_pool_size", 16)?
            .set_default("database_wait_timeout_ms", 3000)?
            .set_default("database_statement_timeout_ms", 30_000)?
            .set_default("database_role", scrutiny_db::pool::APP_ROLE)?
            .set_default("create_database", true)?
            .set_default("auto_migrate", true)?
            .set_default("access_token_ttl_secs", 900)?
            .set_default("principal_cache_secs", 60)?
            .set_default("refresh_token_ttl_secs", 14 * 24 * 3600)?
            .set_default("session_max_secs", 12 * 3600)?
            .set_default("json_limit_bytes", 1024 * 1024)?
            .set_default("trust_forwarded_for", false)?
            .set_default("login_per_ip_burst", 100)?
            .set_default("login_per_ip_refill_ms", 1000)?
            .set_default("login_per_account_burst", 10)?
            .set_default("login_per_account_refill_ms", 30_000)?
            .set_default("static_dir", "frontend/dist")?
            .set_default("attachments_storage", "database")?
            .set_default(
                "attachments_max_bytes",
                scrutiny_api::storage::DEFAULT_MAX_BYTES as i64,
            )?
            .set_default(
                "import_max_bytes",
                scrutiny_api::routes::imports::DEFAULT_MAX_BYTES as i64,
            )?
            .set_default("oidc_allow_http", false)?
            .set_default("oidc_allow_private", false)?
            .set_default("oidc_timeout_ms", 10_000)?;
        builder = match file {
            Some(path) => builder.add_source(config::File::with_name(&path).required(true)),
            None => builder.add_source(config::File::with_name("scrutiny").required(false)),
        };
        builder = builder.add_source(
            config::Environment::with_prefix("SCRUTINY")
                .prefix_separator("_")
                .try_parsing(true),
        );
        if let Ok(url) = std::env::var("DATABASE_URL") {
            builder = builder.set_override("database_url", url)?;
        }
        let config = builder.build()?;
        let mut settings: Settings = config.clone().try_deserialize()?;
        settings.jobs = config.try_deserialize()?;
        settings.validate()?;
        if let Some(disk) = settings.attachment_directory() {
            disk.check().map_err(|e| {
                SettingsError::Invalid(format!(
                    "attachments_directory {}: {e}",
                    disk.directory().display()
                ))
            })?;
        }
        Ok(settings)
    }

    /// Refuses settings that are unsafe: above all production without its own JWT secret.
    pub fn validate(&self) -> Result<(), SettingsError> {
        if self.env == Environment::Production {
            match &self.jwt_secret {
                None => {
                    return Err(SettingsError::Invalid(
                        "SCRUTINY_JWT_SECRET must be set in production".into(),
                    ))
                }
                Some(s) if s.expose_secret().len() < 32 => {
                    return Err(SettingsError::Invalid(
                        "SCRUTINY_JWT_SECRET must be at least 32 characters".into(),
                    ))
                }
                Some(_) => {}
            }
        }
        if self
            .jwt_previous_secret
            .as_ref()
            .is_some_and(|s| s.expose_secret().len() < 32)
        {
            return Err(SettingsError::Invalid(
                "SCRUTINY_JWT_PREVIOUS_SECRET must be at least 32 characters".into(),
            ));
        }
        self.jobs
            .validate(self.env == Environment::Production)
            .map_err(SettingsError::Invalid)?;
        if self.env == Environment::Production && self.oidc_allow_http {
            return Err(SettingsError::Invalid(
                "oidc_allow_http cannot be set in production: identity providers are reached over https"
                    .into(),
            ));
        }
        if self.database_pool_size == 0 {
            return Err(SettingsError::Invalid(
                "database_pool_size must be at least 1".into(),
            ));
        }
        if self.attachments_storage == AttachmentStorage::Disk
            && self
                .attachments_directory
                .as_deref()
                .is_none_or(str::is_empty)
        {
            return Err(SettingsError::Invalid(
                "attachments_storage = disk needs attachments_directory".into(),
            ));
        }
        if self.import_max_bytes == 0 {
            return Err(SettingsError::Invalid(
                "import_max_bytes must be at least 1".into(),
            ));
        }
        if self.attachments_max_bytes == 0 {
            return Err(SettingsError::Invalid(
                "attachments_max_bytes must be at least 1".into(),
            ));
        }
        if self.access_token_ttl_secs <= 0
            || self.refresh_token_ttl_secs <= 0
            || self.session_max_secs <= 0
        {
            return Err(SettingsError::Invalid(
                "token lifetimes must be positive".into(),
            ));
        }
        Ok(())
    }

    fn attachment_directory(&self) -> Option<scrutiny_api::storage::DiskStore> {
        self.attachments_directory
            .as_deref()
            .filter(|d| !d.is_empty())
            .map(scrutiny_api::storage::DiskStore::new)
    }

    /// Where attachments are kept, as configured.
    pub fn attachments(&self) -> scrutiny_api::storage::Attachments {
        use scrutiny_api::storage::Attachments;
        match (self.attachments_storage, self.attachment_directory()) {
            (AttachmentStorage::Disk, Some(disk)) => {
                Attachments::on_disk(disk, self.attachments_max_bytes)
            }
            // `validate` refuses disk storage without a directory.
            (_, disk) => Attachments::in_database(disk, self.attachments_max_bytes),
        }
    }

    pub fn database_wait_timeout(&self) -> Duration {
        Duration::from_millis(self.database_wait_timeout_ms)
    }

    pub fn database_statement_timeout(&self) -> Duration {
        Duration::from_millis(self.database_statement_timeout_ms)
    }

    pub fn throttle(&self) -> scrutiny_api::auth::throttle::ThrottleSettings {
        scrutiny_api::auth::throttle::ThrottleSettings {
            per_ip_burst: self.login_per_ip_burst,
            per_ip_refill: Duration::from_millis(self.login_per_ip_refill_ms),
            per_account_burst: self.login_per_account_burst,
            per_account_refill: Duration::from_millis(self.login_per_account_refill_ms),
        }
    }

    /// Settings for tests and tools: the defaults with a database URL.
    pub fn for_database(url: &str) -> Self {
        Settings {
            env: Environment::Development,
            bind: "127.0.0.1:0".into(),
            database_url: SecretString::from(url.to_owned()),
            database_pool_size: 4,
            database_wait_timeout_ms: 3000,
            database_statement_timeout_ms: 30_000,
            database_role: scrutiny_db::pool::APP_ROLE.into(),
            create_database: false,
            auto_migrate: false,
            jwt_secret: None,
            jwt_previous_secret: None,
            access_token_ttl_secs: 900,
            principal_cache_secs: 60,
            refresh_token_ttl_secs: 3600,
            session_max_secs: 12 * 3600,
            json_limit_bytes: 1024 * 1024,
            trust_forwarded_for: false,
            login_per_ip_burst: 1000,
            login_per_ip_refill_ms: 100,
            login_per_account_burst: 10,
            login_per_account_refill_ms: 30_000,
            static_dir: None,
            workers: Some(1),
            bootstrap_admin_email: None,
            bootstrap_admin_name: None,
            bootstrap_admin_password: None,
            bootstrap_organisation: None,
            // Tests that need the worker turn it on.
            jobs: crate::jobs::JobSettings {
                enabled: false,
                ..crate::jobs::JobSettings::default()
            },
            attachments_storage: AttachmentStorage::Database,
            attachments_directory: None,
            attachments_max_bytes: scrutiny_api::storage::DEFAULT_MAX_BYTES,
            import_max_bytes: scrutiny_api::routes::imports::DEFAULT_MAX_BYTES,
            oidc_allow_http: false,
            oidc_allow_private: false,
            oidc_timeout_ms: 10_000,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_refuses_the_development_secret() {
        let mut s = Settings::for_database(DEFAULT_DATABASE_URL);
        assert!(s.validate().is_ok());
        s.env = Environment::Production;
        assert!(s.validate().is_err());
        s.jwt_secret = Some(SecretString::from("short".to_owned()));
        assert!(s.validate().is_err());
        s.jwt_secret = Some(SecretString::from(
            "a-production-secret-of-enough-length-0123".to_owned(),
        ));
        assert!(s.validate().is_ok());
    }

    #[test]
    fn production_reaches_identity_providers_over_https_only() {
        let mut s = Settings::for_database(DEFAULT_DATABASE_URL);
        s.oidc_allow_http = true;
        assert!(s.validate().is_ok());
        s.env = Environment::Production;
        s.jwt_secret = Some(SecretString::from(
            "a-production-secret-of-enough-length-0123".to_owned(),
        ));
        let error = s.validate().unwrap_err().to_string();
        assert!(error.contains("oidc_allow_http"), "{error}");
        s.oidc_allow_http = false;
        assert!(s.validate().is_ok());
    }

    #[test]
    fn disk_storage_needs_a_directory() {
        let mut s = Settings::for_database(DEFAULT_DATABASE_URL);
        assert_eq!(s.attachments().writer().kind(), "database");
        s.attachments_storage = AttachmentStorage::Disk;
        assert!(s.validate().is_err());
        s.attachments_directory = Some("/var/lib/scrutiny/attachments".into());
        assert!(s.validate().is_ok());
        assert_eq!(s.attachments().writer().kind(), "disk");
        s.attachments_max_bytes = 0;
        assert!(s.validate().is_err());
    }

    #[test]
    fn secrets_never_print() {
        let mut s = Settings::for_database("postgres://u:hunter2@db/x");
        s.jwt_secret = Some(SecretString::from("very-secret-value".to_owned()));
        let printed = format!("{s:?}");
        assert!(!printed.contains("hunter2"));
        assert!(!printed.contains("very-secret-value"));
    }
}
