//! The background jobs worker's settings (mail and scheduling), and starting it with `serve`
//! or once from the command line.
use chrono::{DateTime, NaiveDate, Utc};
use scrutiny_db::DbPool;
use scrutiny_jobs::webhooks::{WebhookSender, WebhookSettings};
use scrutiny_jobs::{
    Backoff, Config, FixedNow, FixedToday, MailSettings, Mailer, PeriodicTask, SystemClock, Worker,
};
use secrecy::SecretString;
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;

pub use scrutiny_jobs::{RunReport, WorkerHandle};

/// How long `serve` waits for the current job or email when stopping.
pub const STOP_GRACE: Duration = Duration::from_secs(30);

fn yes() -> bool {
    true
}
fn poll_ms() -> u64 {
    5_000
}
fn schedule_ms() -> u64 {
    5 * 60 * 1000
}
fn lease_ms() -> u64 {
    5 * 60 * 1000
}
fn retry_base_ms() -> u64 {
    60 * 1000
}
fn retry_cap_ms() -> u64 {
    6 * 3600 * 1000
}
fn max_attempts() -> i32 {
    10
}
fn smtp_port() -> u16 {
    587
}
fn smtp_timeout_ms() -> u64 {
    30_000
}
fn mail_from() -> String {
    "Scrutiny tracker <no-reply@localhost>".into()
}
fn webhooks_timeout_ms() -> u64 {
    10_000
}
fn webhooks_retry_base_ms() -> u64 {
    30_000
}
fn public_url() -> String {
    "http://127.0.0.1:8080".into()
}

/// Flattened into [`crate::settings::Settings`]: `SCRUTINY_JOBS_*`, `SCRUTINY_SMTP_*`,
/// `SCRUTINY_MAIL_FROM`, `SCRUTINY_APP_PUBLIC_URL`.
#[derive(Debug, Clone, Deserialize)]
pub struct JobSettings {
    /// Run the worker with `serve`.
    #[serde(rename = "jobs_enabled", default = "yes")]
    pub enabled: bool,
    /// How often an idle worker looks for work (it also wakes on PostgreSQL NOTIFY).
    #[serde(rename = "jobs_poll_interval_ms", default = "poll_ms")]
    pub poll_interval_ms: u64,
    /// How often the reminder scheduler runs (it also runs at every start).
    #[serde(rename = "jobs_schedule_interval_ms", default = "schedule_ms")]
    pub schedule_interval_ms: u64,
    /// How long a claimed job is held before another worker may take it over.
    #[serde(rename = "jobs_lease_ms", default = "lease_ms")]
    pub lease_ms: u64,
    /// The first retry delay of a failed job or send; it doubles up to `jobs_retry_cap_ms`.
    #[serde(rename = "jobs_retry_base_ms", default = "retry_base_ms")]
    pub retry_base_ms: u64,
    #[serde(rename = "jobs_retry_cap_ms", default = "retry_cap_ms")]
    pub retry_cap_ms: u64,
    /// Attempts per job and per email before giving up.
    #[serde(rename = "jobs_max_attempts", default = "max_attempts")]
    pub max_attempts: i32,
    /// Pretend today is this day (tests only; refused in production).
    #[serde(rename = "jobs_today_override", default)]
    pub today_override: Option<NaiveDate>,
    /// Pretend now is this instant (tests only; refused in production). Wins over
    /// `jobs_today_override`.
    #[serde(rename = "jobs_now_override", default)]
    pub now_override: Option<DateTime<Utc>>,
    /// The SMTP server; unset: emails wait in the outbox.
    #[serde(default)]
    pub smtp_host: Option<String>,
    #[serde(default = "smtp_port")]
    pub smtp_port: u16,
    #[serde(default)]
    pub smtp_username: Option<String>,
    #[serde(default)]
    pub smtp_password: Option<SecretString>,
    /// Require STARTTLS (turn off only for a relay on localhost).
    #[serde(default = "yes")]
    pub smtp_starttls: bool,
    #[serde(default = "smtp_timeout_ms")]
    pub smtp_timeout_ms: u64,
    /// The From of every email: "Scrutiny tracker <no-reply@council.example>".
    #[serde(default = "mail_from")]
    pub mail_from: String,
    /// The web app's address as users reach it, for links in emails.
    #[serde(default = "public_url")]
    pub app_public_url: String,
    /// Webhook URLs may be plain http:// (development and tests; refused in production).
    #[serde(default)]
    pub webhooks_allow_http: bool,
    /// Webhooks may reach private, loopback and link-local addresses (tests, or a deployment
    /// whose receivers are all on one private network).
    #[serde(default)]
    pub webhooks_allow_private: bool,
    /// The longest a receiver may take to answer a delivery.
    #[serde(default = "webhooks_timeout_ms")]
    pub webhooks_timeout_ms: u64,
    /// The first retry delay of a failed delivery; it doubles up to `jobs_retry_cap_ms`, for
    /// three days.
    #[serde(default = "webhooks_retry_base_ms")]
    pub webhooks_retry_base_ms: u64,
}

impl Default for JobSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            poll_interval_ms: poll_ms(),
            schedule_interval_ms: schedule_ms(),
            lease_ms: lease_ms(),
            retry_base_ms: retry_base_ms(),
            retry_cap_ms: retry_cap_ms(),
            max_attempts: max_attempts(),
            today_override: None,
            now_override: None,
            smtp_host: None,
            smtp_port: smtp_port(),
            smtp_username: None,
            smtp_password: None,
            smtp_starttls: true,
            smtp_timeout_ms: smtp_timeout_ms(),
            mail_from: mail_from(),
            app_public_url: public_url(),
            webhooks_allow_http: false,
            webhooks_allow_private: false,
            webhooks_timeout_ms: webhooks_timeout_ms(),
            webhooks_retry_base_ms: webhooks_retry_base_ms(),
        }
    }
}

impl JobSettings {
    /// Refuses settings the worker cannot run with; `production` also refuses a fake today.
    pub fn validate(&self, production: bool) -> Result<(), String> {
        if production && self.webhooks_allow_http {
            return Err(
                "webhooks_allow_http cannot be set in production: webhooks go over https".into(),
            );
        }
        if production && (self.today_override.is_some() || self.now_override.is_some()) {
            return Err(
                "jobs_today_override and jobs_now_override are for tests and cannot be set in \
                 production"
                    .into(),
            );
        }
        for (name, value) in [
            ("jobs_poll_interval_ms", self.poll_interval_ms),
            ("jobs_schedule_interval_ms", self.schedule_interval_ms),
            ("jobs_lease_ms", self.lease_ms),
            ("jobs_retry_base_ms", self.retry_base_ms),
            ("smtp_timeout_ms", self.smtp_timeout_ms),
            ("webhooks_timeout_ms", self.webhooks_timeout_ms),
            ("webhooks_retry_base_ms", self.webhooks_retry_base_ms),
        ] {
            if value == 0 {
                return Err(format!("{name} must be at least 1"));
            }
        }
        if self.retry_cap_ms < self.retry_base_ms {
            return Err("jobs_retry_cap_ms must be at least jobs_retry_base_ms".into());
        }
        if !(1..=100).contains(&self.max_attempts) {
            return Err("jobs_max_attempts must be between 1 and 100".into());
        }
        let url = self.app_public_url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        if rest.is_none_or(|r| r.trim_matches('/').is_empty() || r.contains(char::is_whitespace)) {
            return Err(format!(
                "app_public_url must be an http(s) address such as https://scrutiny.council.example, not {url:?}"
            ));
        }
        if self
            .smtp_host
            .as_deref()
            .is_some_and(|h| h.trim().is_empty())
        {
            return Err("smtp_host must not be blank (leave it unset to send nothing)".into());
        }
        if self.smtp_password.is_some() && self.smtp_username.is_none() {
            return Err("smtp_password needs smtp_username".into());
        }
        // Builds the mailer once to check the From address.
        self.mailer().map(|_| ())
    }

    /// The SMTP client, when a server is configured (the From address is checked either way).
    pub fn mailer(&self) -> Result<Option<Mailer>, String> {
        let host = self.smtp_host.as_deref().map(str::trim);
        let mailer = Mailer::new(&MailSettings {
            host: host.unwrap_or("localhost").to_owned(),
            ..self.mail_settings()
        })
        .map_err(|e| e.to_string())?;
        Ok(host.map(|_| mailer))
    }

    fn mail_settings(&self) -> MailSettings {
        MailSettings {
            host: String::new(),
            port: self.smtp_port,
            username: self.smtp_username.clone(),
            password: self.smtp_password.clone(),
            starttls: self.smtp_starttls,
            from: self.mail_from.clone(),
            timeout: Duration::from_millis(self.smtp_timeout_ms),
        }
    }

    /// The worker's configuration; `listen_url` is the database to LISTEN on for wake-ups.
    pub fn worker_config(&self, listen_url: Option<SecretString>) -> Config {
        let clock: Arc<dyn scrutiny_jobs::Clock> = match (self.now_override, self.today_override) {
            (Some(now), _) => Arc::new(FixedNow(now)),
            (None, Some(day)) => Arc::new(FixedToday(day)),
            (None, None) => Arc::new(SystemClock),
        };
        Config {
            poll_interval: Duration::from_millis(self.poll_interval_ms),
            schedule_interval: Duration::from_millis(self.schedule_interval_ms),
            lease: Duration::from_millis(self.lease_ms),
            backoff: Backoff {
                base: Duration::from_millis(self.retry_base_ms),
                cap: Duration::from_millis(self.retry_cap_ms),
            },
            max_attempts: self.max_attempts,
            public_url: self.app_public_url.trim().trim_end_matches('/').to_owned(),
            clock,
            listen_url,
            send_batch: 200,
            tasks: vec![Arc::new(CallInExpiry)],
            pass_tasks: vec![Arc::new(WebhookDispatch)],
            webhooks: None,
        }
    }

    /// How webhook deliveries go out.
    pub fn webhook_settings(&self) -> WebhookSettings {
        WebhookSettings {
            allow_private: self.webhooks_allow_private,
            timeout: Duration::from_millis(self.webhooks_timeout_ms),
            backoff: Backoff {
                base: Duration::from_millis(self.webhooks_retry_base_ms),
                cap: Duration::from_millis(self.retry_cap_ms.max(self.webhooks_retry_base_ms)),
            },
            batch: 100,
            public_url: self.app_public_url.trim().trim_end_matches('/').to_owned(),
            max_attempts: self.max_attempts,
        }
    }

    /// What webhook URLs may be.
    pub fn webhook_url_policy(&self) -> scrutiny_app::webhooks::UrlPolicy {
        scrutiny_app::webhooks::UrlPolicy {
            allow_http: self.webhooks_allow_http,
            allow_private: self.webhooks_allow_private,
        }
    }

    /// The worker, built from these settings.
    pub fn worker(&self, pool: DbPool, listen_url: Option<SecretString>) -> Result<Worker, String> {
        let mut config = self.worker_config(listen_url);
        config.webhooks = Some(Arc::new(WebhookSender::new(self.webhook_settings())?));
        Ok(Worker::new(pool, config, self.mailer()?))
    }
}

/// A context acting as the system (`name` says which part of it), its clock fixed at `now`.
async fn system_ctx<'a>(
    pool: &'a DbPool,
    name: &str,
    now: DateTime<Utc>,
) -> Result<scrutiny_app::Ctx<'a>, String> {
    Ok(
        scrutiny_app::Ctx::open(pool, scrutiny_app::Principal::system(name))
            .await
            .map_err(|e| e.to_string())?
            .with_clock(scrutiny_app::Clock::Fixed(now)),
    )
}

/// Turns the event feed's new events into webhook deliveries
/// (`scrutiny_app::webhooks::dispatch`), as the system, on every pass of the worker.
struct WebhookDispatch;

impl PeriodicTask for WebhookDispatch {
    fn name(&self) -> &'static str {
        "webhook dispatch"
    }

    fn run<'a>(
        &'a self,
        pool: &'a DbPool,
        now: DateTime<Utc>,
    ) -> futures_util::future::BoxFuture<'a, Result<usize, String>> {
        Box::pin(async move {
            let mut ctx = system_ctx(pool, "webhooks", now).await?;
            scrutiny_app::webhooks::dispatch(&mut ctx)
                .await
                .map_err(|e| e.to_string())
        })
    }
}

/// Ends the call-in periods that have passed (`scrutiny_app::decisions::expire_call_ins`), as the
/// system, with every scheduler run.
struct CallInExpiry;

impl PeriodicTask for CallInExpiry {
    fn name(&self) -> &'static str {
        "call-in expiry"
    }

    fn run<'a>(
        &'a self,
        pool: &'a DbPool,
        now: DateTime<Utc>,
    ) -> futures_util::future::BoxFuture<'a, Result<usize, String>> {
        Box::pin(async move {
            let mut ctx = system_ctx(pool, "call-in expiry", now).await?;
            scrutiny_app::decisions::expire_call_ins(&mut ctx)
                .await
                .map_err(|e| e.to_string())
        })
    }
}

/// Starts the worker for `serve` (on the current runtime) unless `jobs_enabled` is false.
pub fn start(
    settings: &crate::settings::Settings,
    pool: DbPool,
) -> Result<Option<WorkerHandle>, String> {
    if !settings.jobs.enabled {
        log::info!("background jobs are disabled (SCRUTINY_JOBS_ENABLED=false)");
        return Ok(None);
    }
    let worker = settings
        .jobs
        .worker(pool, Some(settings.database_url.clone()))?;
    Ok(Some(worker.spawn()))
}

/// `scrutiny jobs run-once`: the scheduler, every due job and every due email, now.
pub async fn run_once(
    settings: &crate::settings::Settings,
    pool: DbPool,
) -> Result<RunReport, String> {
    let worker = settings.jobs.worker(pool, None)?;
    worker.run_once().await.map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_validate_and_bad_values_are_named() {
        let s = JobSettings::default();
        assert!(s.validate(true).is_ok());
        assert!(s.mailer().unwrap().is_none());

        let s = JobSettings {
            today_override: NaiveDate::from_ymd_opt(2022, 11, 1),
            ..JobSettings::default()
        };
        assert!(s.validate(false).is_ok());
        assert!(s
            .validate(true)
            .unwrap_err()
            .contains("jobs_today_override"));

        for (change, field) in [
            (
                (|s: &mut JobSettings| s.app_public_url = "ftp://x".into()) as fn(&mut JobSettings),
                "app_public_url",
            ),
            (|s| s.app_public_url = "https://".into(), "app_public_url"),
            (|s| s.poll_interval_ms = 0, "jobs_poll_interval_ms"),
            (|s| s.retry_cap_ms = 1, "jobs_retry_cap_ms"),
            (|s| s.max_attempts = 0, "jobs_max_attempts"),
            (|s| s.smtp_host = Some(" ".into()), "smtp_host"),
            (|s| s.mail_from = "nobody".into(), "mail_from"),
            (
                |s| s.smtp_password = Some(SecretString::from("x".to_owned())),
                "smtp_password",
            ),
        ] {
            let mut s = JobSettings::default();
            change(&mut s);
            let error = s.validate(false).unwrap_err();
            assert!(error.contains(field), "{field}: {error}");
        }
    }

    #[test]
    fn the_worker_config_follows_the_settings() {
        let s = JobSettings {
            smtp_host: Some("mail.council.example".into()),
            app_public_url: "https://scrutiny.council.example/".into(),
            retry_base_ms: 100,
            retry_cap_ms: 400,
            today_override: NaiveDate::from_ymd_opt(2022, 11, 1),
            ..JobSettings::default()
        };
        assert!(s.mailer().unwrap().is_some());
        let c = s.worker_config(None);
        assert_eq!(c.public_url, "https://scrutiny.council.example");
        assert_eq!(c.backoff.delay(3), Duration::from_millis(400));
        assert_eq!(
            c.clock.today(scrutiny_jobs::clock::time_zone("UTC")),
            NaiveDate::from_ymd_opt(2022, 11, 1).unwrap()
        );
    }
}
