//! Configuration in layers: built-in defaults, then an optional TOML file (`SCRUTINY_CONFIG`, or
//! `scrutiny.toml` in the working directory), then the environment (`SCRUTINY_*`, and
//! `DATABASE_URL`). Secrets are `SecretString`s: they never print.
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::time::Duration;

/// The JWT secret used in development when none is configured. Production refuses it.
pub const DEV_JWT_SECRET: &str = "development-only-jwt-secret-do-not-use-in-production";
pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/scrutiny";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
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
    /// Create the database when it does not exist.
    pub create_database: bool,
    /// Apply migrations on start.
    pub auto_migrate: bool,
    pub jwt_secret: Option<SecretString>,
    pub access_token_ttl_secs: i64,
    pub refresh_token_ttl_secs: i64,
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
            .set_default("create_database", true)?
            .set_default("auto_migrate", true)?
            .set_default("access_token_ttl_secs", 900)?
            .set_default("refresh_token_ttl_secs", 14 * 24 * 3600)?
            .set_default("json_limit_bytes", 1024 * 1024)?
            .set_default("trust_forwarded_for", false)?
            .set_default("login_per_ip_burst", 100)?
            .set_default("login_per_ip_refill_ms", 1000)?
            .set_default("login_per_account_burst", 10)?
            .set_default("login_per_account_refill_ms", 30_000)?
            .set_default("static_dir", "frontend/dist")?;
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
        let settings: Settings = builder.build()?.try_deserialize()?;
        settings.validate()?;
        Ok(settings)
    }

    /// Refuses settings that are unsafe: above all a development JWT secret in production.
    pub fn validate(&self) -> Result<(), SettingsError> {
        if self.env == Environment::Production {
            match &self.jwt_secret {
                None => {
                    return Err(SettingsError::Invalid(
                        "SCRUTINY_JWT_SECRET must be set in production".into(),
                    ))
                }
                Some(s) if s.expose_secret() == DEV_JWT_SECRET => {
                    return Err(SettingsError::Invalid(
                        "the development JWT secret cannot be used in production".into(),
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
        if self.database_pool_size == 0 {
            return Err(SettingsError::Invalid(
                "database_pool_size must be at least 1".into(),
            ));
        }
        if self.access_token_ttl_secs <= 0 || self.refresh_token_ttl_secs <= 0 {
            return Err(SettingsError::Invalid(
                "token lifetimes must be positive".into(),
            ));
        }
        Ok(())
    }

    pub fn jwt_secret(&self) -> SecretString {
        self.jwt_secret
            .clone()
            .unwrap_or_else(|| SecretString::from(DEV_JWT_SECRET.to_owned()))
    }

    pub fn database_wait_timeout(&self) -> Duration {
        Duration::from_millis(self.database_wait_timeout_ms)
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
            create_database: false,
            auto_migrate: false,
            jwt_secret: None,
            access_token_ttl_secs: 900,
            refresh_token_ttl_secs: 3600,
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
        s.jwt_secret = Some(SecretString::from(DEV_JWT_SECRET.to_owned()));
        assert!(s.validate().is_err());
        s.jwt_secret = Some(SecretString::from("short".to_owned()));
        assert!(s.validate().is_err());
        s.jwt_secret = Some(SecretString::from(
            "a-production-secret-of-enough-length-0123".to_owned(),
        ));
        assert!(s.validate().is_ok());
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
