//! The email sender: takes the next due outbox row with `FOR UPDATE SKIP LOCKED`, sends it, and
//! marks it sent (or records the failure and when to try again) in the transaction that holds
//! the row lock, so two senders never send the same email.
use crate::mail::{Mailer, Outgoing};
use crate::{system_event, JobError};
use scrutiny_db::queries::email::{self as outbox, FAILED};
use scrutiny_db::queries::{audit, jobs::Backoff};
use scrutiny_db::{AsyncConnection, DbPool};
use serde_json::json;

/// What one pass of the sender did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    /// Failed attempts (to be retried, or given up).
    pub failed: usize,
}

enum Outcome {
    Idle,
    Sent,
    Failed,
}

/// Sends due emails one by one until none is due, at most `limit`.
pub async fn send_due(
    pool: &DbPool,
    mailer: &Mailer,
    backoff: &Backoff,
    limit: usize,
) -> Result<SendReport, JobError> {
    let mut report = SendReport::default();
    for _ in 0..limit {
        let mut conn = scrutiny_db::pool::unbound(pool).await?;
        let outcome = conn
            .transaction::<_, JobError, _>(async |c| {
                let Some(email) = outbox::lock_next_due(c).await? else {
                    return Ok(Outcome::Idle);
                };
                let id = email.id.to_string();
                let outgoing = Outgoing {
                    to: &email.recipient,
                    to_name: email.recipient_name.as_deref(),
                    subject: &email.subject,
                    text: &email.text_body,
                    html: &email.html_body,
                    id: &id,
                };
                match mailer.send(&outgoing).await {
                    Ok(()) => {
                        let message_id = mailer.message_id(&id);
                        let row = outbox::mark_sent(c, email.id, &message_id).await?;
                        let event = system_event(
                            "email.sent",
                            "email",
                            row.id,
                            json!({
                                "purpose": row.purpose,
                                "to": row.recipient,
                                "subject": row.subject,
                                "message_id": message_id,
                                "attempts": row.attempts,
                                "sent_at": row.sent_at,
                            }),
                        );
                        audit::record(c, &event).await?;
                        log::info!(
                            "sent {} {} to {} (attempt {})",
                            row.purpose,
                            row.id,
                            row.recipient,
                            row.attempts
                        );
                        Ok(Outcome::Sent)
                    }
                    Err(error) => {
                        let message = error.to_string();
                        let row = outbox::record_failure(
                            c,
                            email.id,
                            &message,
                            backoff,
                            error.is_permanent(),
                        )
                        .await?;
                        if row.state == FAILED {
                            let event = system_event(
                                "email.failed",
                                "email",
                                row.id,
                                json!({
                                    "purpose": row.purpose,
                                    "to": row.recipient,
                                    "subject": row.subject,
                                    "attempts": row.attempts,
                                    "error": message,
                                }),
                            );
                            audit::record(c, &event).await?;
                            log::error!(
                                "gave up on {} {} to {} after {} attempt(s): {message}",
                                row.purpose,
                                row.id,
                                row.recipient,
                                row.attempts
                            );
                        } else {
                            log::warn!(
                                "sending {} {} to {} failed (attempt {}), next try at {}: {message}",
                                row.purpose,
                                row.id,
                                row.recipient,
                                row.attempts,
                                row.next_attempt_at
                            );
                        }
                        Ok(Outcome::Failed)
                    }
                }
            })
            .await?;
        match outcome {
            Outcome::Idle => break,
            Outcome::Sent => report.sent += 1,
            Outcome::Failed => report.failed += 1,
        }
    }
    Ok(report)
}
