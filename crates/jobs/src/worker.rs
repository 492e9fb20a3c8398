//! The worker: a tokio task that enqueues the scheduler job (at start and every
//! `schedule_interval`), claims and runs due jobs, and drains the email outbox. It polls every
//! `poll_interval` and wakes early when PostgreSQL notifies `scrutiny_jobs` (a job enqueued
//! anywhere). Stopping lets the current job or email finish.
use crate::clock::Clock;
use crate::mail::Mailer;
use crate::webhooks::WebhookSender;
use crate::{schedule, sender, JobError};
use futures_util::StreamExt;
use scrutiny_db::queries::jobs::{self, Backoff, Failure, Job, NewJob};
use scrutiny_db::{pool, DbPool};
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use tokio::time::Instant;
use uuid::Uuid;

/// The job kinds this worker runs.
pub const KINDS: [&str; 1] = [schedule::KIND];

#[derive(Clone)]
pub struct Config {
    pub poll_interval: Duration,
    /// How often the scheduler job runs (besides at start).
    pub schedule_interval: Duration,
    /// How long a claimed job is held before another worker may take it over.
    pub lease: Duration,
    /// Retry delays of failed jobs and failed sends.
    pub backoff: Backoff,
    /// Attempts per job and per email before giving up.
    pub max_attempts: i32,
    /// The web app's address, for links in emails.
    pub public_url: String,
    pub clock: Arc<dyn Clock>,
    /// A database URL to LISTEN on for early wake-ups; `None`: poll only.
    pub listen_url: Option<SecretString>,
    /// Emails sent at most per pass.
    pub send_batch: usize,
    /// Work run with every scheduler run, after it (e.g. ending call-in periods that have passed).
    pub tasks: Vec<Arc<dyn PeriodicTask>>,
    /// Work run on every pass, before sending (turning new events into webhook deliveries).
    pub pass_tasks: Vec<Arc<dyn PeriodicTask>>,
    /// Sends webhook deliveries on every pass; `None`: deliveries wait.
    pub webhooks: Option<Arc<WebhookSender>>,
}

/// Work that the scheduler job runs every `schedule_interval` (once per interval across all
/// workers, as the scheduler itself). It must be idempotent: an interval missed while every
/// server was down is made up by the next run. Returns how many records it changed.
pub trait PeriodicTask: Send + Sync {
    fn name(&self) -> &'static str;
    fn run<'a>(
        &'a self,
        pool: &'a DbPool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> futures_util::future::BoxFuture<'a, Result<usize, String>>;
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("poll_interval", &self.poll_interval)
            .field("schedule_interval", &self.schedule_interval)
            .field("lease", &self.lease)
            .field("backoff", &self.backoff)
            .field("max_attempts", &self.max_attempts)
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

/// What a pass of the worker did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunReport {
    pub jobs_done: usize,
    pub jobs_failed: usize,
    pub emails_queued: usize,
    pub emails_sent: usize,
    pub emails_failed: usize,
    pub webhooks_queued: usize,
    pub webhooks_delivered: usize,
    pub webhooks_failed: usize,
}

impl std::ops::AddAssign for RunReport {
    fn add_assign(&mut self, other: Self) {
        self.jobs_done += other.jobs_done;
        self.jobs_failed += other.jobs_failed;
        self.emails_queued += other.emails_queued;
        self.emails_sent += other.emails_sent;
        self.emails_failed += other.emails_failed;
        self.webhooks_queued += other.webhooks_queued;
        self.webhooks_delivered += other.webhooks_delivered;
        self.webhooks_failed += other.webhooks_failed;
    }
}

pub struct Worker {
    pool: DbPool,
    config: Config,
    /// `None` when no SMTP server is configured: emails wait in the outbox.
    mailer: Option<Arc<Mailer>>,
    /// Names this worker's leases.
    id: String,
}

/// The PostgreSQL channel that wakes workers.
pub const CHANNEL: &str = jobs::CHANNEL;

impl Worker {
    pub fn new(pool: DbPool, config: Config, mailer: Option<Mailer>) -> Self {
        let id = format!("pid{}-{}", std::process::id(), Uuid::now_v7().simple());
        Self {
            pool,
            config,
            mailer: mailer.map(Arc::new),
            id,
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Enqueues a scheduler run under `key` (once per key, ever).
    async fn enqueue_schedule(&self, key: String) -> Result<bool, JobError> {
        let mut conn = scrutiny_db::pool::unbound(&self.pool).await?;
        let mut job = NewJob::new(schedule::KIND, key, serde_json::json!({}));
        job.max_attempts = self.config.max_attempts;
        Ok(jobs::enqueue(&mut conn, &job).await?.is_some())
    }

    /// The scheduler run of the current `schedule_interval` slot: one per slot, whichever
    /// server enqueues it first.
    async fn enqueue_periodic(&self) -> Result<bool, JobError> {
        let interval = self.config.schedule_interval.as_millis().max(1);
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis();
        let slot = now / interval;
        self.enqueue_schedule(format!("{}:every-{interval}ms:{slot}", schedule::KIND))
            .await
    }

    async fn run_job(&self, job: &Job) -> Result<usize, JobError> {
        match job.kind.as_str() {
            schedule::KIND => {
                let mut conn = scrutiny_db::pool::unbound(&self.pool).await?;
                let ctx = schedule::Context {
                    clock: self.config.clock.as_ref(),
                    public_url: &self.config.public_url,
                    max_attempts: self.config.max_attempts,
                };
                let queued = schedule::run(&mut conn, &ctx).await?;
                drop(conn);
                for task in &self.config.tasks {
                    let changed = task
                        .run(&self.pool, self.config.clock.now())
                        .await
                        .map_err(|e| JobError::Invalid(format!("{}: {e}", task.name())))?;
                    if changed > 0 {
                        log::info!("{}: {changed} record(s) changed", task.name());
                    }
                }
                Ok(queued)
            }
            other => Err(JobError::Invalid(format!("unknown job kind {other}"))),
        }
    }

    /// Claims and runs due jobs until none is due (or `stop` is set).
    async fn run_due_jobs(&self, stop: &watch::Receiver<bool>) -> Result<RunReport, JobError> {
        let mut report = RunReport::default();
        loop {
            if *stop.borrow() {
                break;
            }
            let claimed = {
                let mut conn = scrutiny_db::pool::unbound(&self.pool).await?;
                let abandoned = jobs::fail_abandoned(&mut conn).await?;
                if abandoned > 0 {
                    log::error!(
                        "{abandoned} job(s) failed: their worker stopped during the last attempt"
                    );
                }
                jobs::claim(&mut conn, &self.id, &KINDS, self.config.lease, 1).await?
            };
            let Some(job) = claimed.into_iter().next() else {
                break;
            };
            let result = self.run_job(&job).await;
            let mut conn = scrutiny_db::pool::unbound(&self.pool).await?;
            match result {
                Ok(queued) => {
                    if !jobs::complete(&mut conn, job.id, &self.id).await? {
                        log::warn!(
                            "job {} ({}) finished after its lease was taken over",
                            job.id,
                            job.kind
                        );
                    }
                    report.jobs_done += 1;
                    report.emails_queued += queued;
                }
                Err(error) => {
                    report.jobs_failed += 1;
                    let message = error.to_string();
                    match jobs::fail(&mut conn, job.id, &self.id, &message, &self.config.backoff)
                        .await?
                    {
                        Failure::Retry(at) => log::warn!(
                            "job {} ({}) failed (attempt {}), retrying at {at}: {message}",
                            job.id,
                            job.kind,
                            job.attempts
                        ),
                        Failure::Failed => log::error!(
                            "job {} ({}) failed for good after {} attempt(s): {message}",
                            job.id,
                            job.kind,
                            job.attempts
                        ),
                        Failure::NotHeld => log::warn!(
                            "job {} ({}) failed after its lease was taken over: {message}",
                            job.id,
                            job.kind
                        ),
                    }
                }
            }
        }
        Ok(report)
    }

    /// Runs due jobs, turns new events into webhook deliveries and sends them, then sends due
    /// emails.
    async fn pass(&self, stop: &watch::Receiver<bool>) -> Result<RunReport, JobError> {
        let mut report = self.run_due_jobs(stop).await?;
        for task in &self.config.pass_tasks {
            match task.run(&self.pool, self.config.clock.now()).await {
                Ok(n) => report.webhooks_queued += n,
                Err(e) => log::error!("{}: {e}", task.name()),
            }
        }
        if let Some(webhooks) = &self.config.webhooks {
            if !*stop.borrow() {
                let sent = webhooks.send_due(&self.pool).await?;
                report.webhooks_delivered += sent.delivered;
                report.webhooks_failed += sent.failed;
            }
        }
        if let Some(mailer) = &self.mailer {
            if !*stop.borrow() {
                let sent = sender::send_due(
                    &self.pool,
                    mailer,
                    &self.config.backoff,
                    self.config.send_batch,
                )
                .await?;
                report.emails_sent += sent.sent;
                report.emails_failed += sent.failed;
            }
        }
        Ok(report)
    }

    /// One run of everything, now: the scheduler, every due job, every due email (the
    /// `scrutiny jobs run-once` command).
    pub async fn run_once(&self) -> Result<RunReport, JobError> {
        let (_keep, stop) = watch::channel(false);
        self.enqueue_schedule(format!("{}:once:{}", schedule::KIND, Uuid::now_v7()))
            .await?;
        let mut report = RunReport::default();
        loop {
            let pass = self.pass(&stop).await?;
            report += pass;
            if pass.jobs_done == 0
                && pass.emails_sent == 0
                && pass.webhooks_queued == 0
                && pass.webhooks_delivered == 0
            {
                break;
            }
        }
        Ok(report)
    }

    /// Starts the worker on the current tokio runtime.
    pub fn spawn(self) -> WorkerHandle {
        let (stop_tx, stop_rx) = watch::channel(false);
        let wake = Arc::new(Notify::new());
        let listener = self
            .config
            .listen_url
            .clone()
            .map(|url| tokio::spawn(listen(url, wake.clone(), stop_rx.clone())));
        let task = tokio::spawn(self.run(stop_rx, wake));
        WorkerHandle {
            stop: stop_tx,
            task,
            listener,
        }
    }

    async fn run(self, mut stop: watch::Receiver<bool>, wake: Arc<Notify>) {
        if self.mailer.is_none() {
            log::warn!("no SMTP server configured (SCRUTINY_SMTP_HOST): emails wait in the outbox");
        }
        log::info!("jobs worker {} started", self.id);
        let startup = format!("{}:start:{}", schedule::KIND, self.id);
        if let Err(e) = self.enqueue_schedule(startup).await {
            log::error!("cannot enqueue the scheduler at start: {e}");
        }
        let mut next_schedule = Instant::now() + self.config.schedule_interval;
        loop {
            if *stop.borrow() {
                break;
            }
            if Instant::now() >= next_schedule {
                if let Err(e) = self.enqueue_periodic().await {
                    log::error!("cannot enqueue the scheduler: {e}");
                }
                next_schedule = Instant::now() + self.config.schedule_interval;
            }
            match self.pass(&stop).await {
                Ok(report) if report != RunReport::default() => log::debug!("jobs: {report:?}"),
                Ok(_) => {}
                Err(e) => log::error!("jobs worker: {e}"),
            }
            let sleep_until = next_schedule.min(Instant::now() + self.config.poll_interval);
            tokio::select! {
                changed = stop.changed() => if changed.is_err() { break },
                _ = tokio::time::sleep_until(sleep_until) => {}
                _ = wake.notified() => {}
            }
        }
        log::info!("jobs worker {} stopped", self.id);
    }
}

/// Wakes the worker when a job is enqueued anywhere (PostgreSQL LISTEN); reconnects after a
/// lost connection. Polling goes on regardless.
async fn listen(url: SecretString, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    use diesel_async::RunQueryDsl;
    loop {
        match pool::connect(url.expose_secret()).await {
            Ok(mut conn) => {
                match diesel::sql_query(format!("LISTEN {CHANNEL}"))
                    .execute(&mut conn)
                    .await
                {
                    Ok(_) => {
                        let mut notifications = std::pin::pin!(conn.notifications_stream());
                        loop {
                            tokio::select! {
                                n = notifications.next() => match n {
                                    Some(Ok(_)) => wake.notify_one(),
                                    Some(Err(e)) => { log::warn!("jobs LISTEN: {e}"); break }
                                    None => break,
                                },
                                _ = stop.changed() => return,
                            }
                        }
                    }
                    Err(e) => log::warn!("jobs LISTEN: {e}"),
                }
            }
            Err(e) => log::warn!("jobs LISTEN: {e}"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            _ = stop.changed() => return,
        }
    }
}

/// The running worker. [`WorkerHandle::stop`] lets the current job or email finish.
pub struct WorkerHandle {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
    listener: Option<JoinHandle<()>>,
}

impl WorkerHandle {
    /// Stops the worker and waits for it (at most `grace`; then it is aborted).
    pub async fn stop(self, grace: Duration) {
        let _ = self.stop.send(true);
        if let Some(listener) = self.listener {
            listener.abort();
        }
        let mut task = self.task;
        if tokio::time::timeout(grace, &mut task).await.is_err() {
            log::warn!("jobs worker did not stop within {grace:?}; aborting it");
            task.abort();
        }
    }
}
