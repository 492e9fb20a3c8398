//! Background work persisted in PostgreSQL: the reminder scheduler (a job that runs every few
//! minutes and at start-up) queues reminders, chasers and weekly digests in the email outbox,
//! and the sender delivers the outbox over SMTP.
//!
//! - Jobs (`jobs` table) are enqueued once per unique key, claimed with `FOR UPDATE SKIP
//!   LOCKED` under a lease (a crashed worker's job is claimed again once the lease expires) and
//!   retried with exponential backoff until `max_attempts`.
//! - Emails (`email_outbox`) are queued once per (purpose, round, recipient, day), so a notice is
//!   never sent twice, and one whose day passed while the server was down still goes out once in
//!   its catch-up window. The sender locks a row, sends it and marks it sent in one transaction.
//! - Every email queued, sent or given up on is audited (actor kind `system`).
pub mod clock;
pub mod compose;
pub mod mail;
pub mod plan;
pub mod schedule;
pub mod sender;
pub mod webhooks;
pub mod worker;

use scrutiny_db::models::NewAuditEvent;
use uuid::Uuid;

pub use clock::{Clock, FixedNow, FixedToday, SystemClock};
pub use mail::{MailSettings, Mailer};
pub use scrutiny_db::queries::jobs::Backoff;
pub use worker::PeriodicTask;
pub use worker::{Config, RunReport, Worker, WorkerHandle};

/// The name audit events carry for what the jobs do.
pub const ACTOR_NAME: &str = "Scrutiny reminders";

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("database: {0}")]
    Db(#[from] diesel::result::Error),
    #[error("database pool: {0}")]
    Pool(#[from] scrutiny_db::PoolError),
    #[error("{0}")]
    Invalid(String),
}

/// An audit event of the system itself.
pub(crate) fn system_event(
    action: &str,
    entity_type: &str,
    entity_id: Uuid,
    after: serde_json::Value,
) -> NewAuditEvent {
    NewAuditEvent {
        id: Uuid::now_v7(),
        actor_kind: "system".to_owned(),
        actor_id: None,
        actor_name: ACTOR_NAME.to_owned(),
        action: action.to_owned(),
        entity_type: entity_type.to_owned(),
        entity_id,
        before: None,
        after: Some(after),
        request_id: None,
    }
}
