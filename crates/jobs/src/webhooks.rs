//! Webhook deliveries: each due delivery is locked, POSTed to its subscription's URL signed the
//! Standard Webhooks way (`webhook-id`, `webhook-timestamp`, `webhook-signature`: HMAC-SHA256 of
//! "id.timestamp.body" with the `whsec_` secret, both secrets during a rotation), and its attempt
//! recorded in the same transaction. Failures are retried with exponential backoff until the
//! delivery's give-up time (three days); a delivery given up disables its subscription and tells
//! its owner by email. Only public addresses are reached (every address a name resolves to is
//! checked, redirects are not followed) unless the deployment allows private ones.
use crate::compose;
use crate::{system_event, JobError};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::Utc;
use hmac::{Hmac, Mac};
use scrutiny_db::queries::audit;
use scrutiny_db::queries::email::{self as outbox, NewEmail};
use scrutiny_db::queries::jobs::Backoff;
use scrutiny_db::queries::webhooks::{self as q, Attempt, Delivery, Outcome, Subscription};
use scrutiny_db::{AsyncConnection, DbPool};
use serde_json::json;
use sha2::Sha256;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// How deliveries go out.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// Reach private, loopback and link-local addresses (tests; one private network).
    pub allow_private: bool,
    /// The longest a receiver may take to answer.
    pub timeout: Duration,
    /// Retry delays (doubling from `base` up to `cap`).
    pub backoff: Backoff,
    /// Deliveries sent at most per pass.
    pub batch: usize,
    /// The web app's address, for the link in the owner's email.
    pub public_url: String,
    pub max_attempts: i32,
}

/// Sends due webhook deliveries.
pub struct WebhookSender {
    client: reqwest::Client,
    settings: WebhookSettings,
}

/// What a pass of the sender did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub delivered: usize,
    pub failed: usize,
}

/// The Standard Webhooks signature of `body` for `msg_id` at `timestamp` with `secret`
/// (`whsec_` + base64): "v1," + base64(HMAC-SHA256(key, "msg_id.timestamp.body")).
pub fn signature(secret: &str, msg_id: &str, timestamp: i64, body: &[u8]) -> Option<String> {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap_or(secret))
        .ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{msg_id}.{timestamp}.").as_bytes());
    mac.update(body);
    Some(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// The `webhook-signature` header: the current secret's signature, and the previous secret's
/// while it is still valid, space-separated.
pub fn signatures(s: &Subscription, msg_id: &str, timestamp: i64, body: &[u8]) -> String {
    let mut out: Vec<String> = signature(&s.secret, msg_id, timestamp, body)
        .into_iter()
        .collect();
    if let (Some(previous), Some(until)) = (&s.previous_secret, s.previous_secret_expires_at) {
        if until > Utc::now() {
            out.extend(signature(previous, msg_id, timestamp, body));
        }
    }
    out.join(" ")
}

/// The message id of an event: the same on every attempt, so a receiver can drop repeats.
pub fn message_id(event_id: Uuid) -> String {
    format!("msg_{}", event_id.simple())
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

impl WebhookSender {
    pub fn new(settings: WebhookSettings) -> Result<Self, String> {
        let client = scrutiny_net::GuardedClient::new(
            settings.allow_private,
            settings.timeout,
            "scrutiny-tracker-webhooks/1",
        )?
        .client;
        Ok(Self { client, settings })
    }

    /// One attempt at delivering `d` to `s`.
    async fn attempt(&self, d: &Delivery, s: &Subscription) -> Attempt {
        let at = Utc::now();
        let started = Instant::now();
        let elapsed =
            |started: Instant| i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
        // An address written as a literal is not resolved: check it here.
        if !scrutiny_net::literal_address_allowed(&s.url, self.settings.allow_private) {
            return Attempt {
                at,
                status: None,
                latency_ms: 0,
                error: Some("the URL's address is not public".into()),
                delivered: false,
            };
        }
        let body = serde_json::to_vec(&d.payload).unwrap_or_default();
        let msg_id = message_id(d.event_id);
        let timestamp = at.timestamp();
        let request = self
            .client
            .post(&s.url)
            .header("content-type", "application/json")
            .header("webhook-id", &msg_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header(
                "webhook-signature",
                signatures(s, &msg_id, timestamp, &body),
            )
            .body(body);
        match request.send().await {
            Ok(response) => {
                let status = response.status();
                Attempt {
                    at,
                    status: Some(i32::from(status.as_u16())),
                    latency_ms: elapsed(started),
                    error: (!status.is_success()).then(|| format!("HTTP {status}")),
                    delivered: status.is_success(),
                }
            }
            Err(e) => {
                // The chain of causes says why ("connection refused", "no public address").
                let message = scrutiny_net::guarded::describe(&e);
                Attempt {
                    at,
                    status: None,
                    latency_ms: elapsed(started),
                    error: Some(shorten(&message, 500)),
                    delivered: false,
                }
            }
        }
    }

    /// Sends due deliveries, at most `batch`, each in its own transaction.
    pub async fn send_due(&self, pool: &DbPool) -> Result<Sent, JobError> {
        let mut sent = Sent::default();
        for _ in 0..self.settings.batch {
            let mut conn = scrutiny_db::pool::unbound(pool).await?;
            let done = conn
                .transaction::<_, JobError, _>(async |c| {
                    let Some((d, s)) = q::lock_next_due(c).await? else {
                        return Ok(None);
                    };
                    let attempt = self.attempt(&d, &s).await;
                    let outcome =
                        q::record_attempt(c, &d, &attempt, &self.settings.backoff).await?;
                    if outcome == Outcome::GaveUp {
                        self.disable(c, &s, &attempt).await?;
                    }
                    Ok(Some(outcome))
                })
                .await?;
            match done {
                None => break,
                Some(Outcome::Delivered) => sent.delivered += 1,
                Some(_) => sent.failed += 1,
            }
        }
        Ok(sent)
    }

    /// Disables a subscription whose delivery was given up, and queues the email to its owner.
    async fn disable(
        &self,
        c: &mut scrutiny_db::AsyncPgConnection,
        s: &Subscription,
        attempt: &Attempt,
    ) -> Result<(), JobError> {
        let last = attempt.error.clone().unwrap_or_else(|| "no answer".into());
        let reason = format!(
            "Deliveries kept failing for {} hours (last: {last}).",
            q::GIVE_UP_AFTER_HOURS
        );
        let Some(disabled) = q::disable(c, s.id, &reason).await? else {
            return Ok(());
        };
        let event = system_event(
            "webhook_subscription.disabled",
            "webhook_subscription",
            s.id,
            json!({"url": disabled.url, "status": disabled.status, "disabled_reason": reason}),
        );
        audit::record(c, &event).await?;
        let composed = compose::webhook_disabled(
            &disabled.url,
            &reason,
            &format!("{}/admin/webhooks/{}", self.settings.public_url, s.id),
        );
        let today = Utc::now().date_naive();
        let new = NewEmail {
            id: Uuid::now_v7(),
            purpose: "webhook_disabled",
            council_id: s.council_id.unwrap_or(s.organisation_id),
            round_id: None,
            organisation_id: Some(s.organisation_id),
            recipient: &s.owner_email,
            recipient_name: None,
            recipient_user_id: None,
            day: today,
            subject: &composed.subject,
            text_body: &composed.text,
            html_body: &composed.html,
            max_attempts: self.settings.max_attempts,
            milestone_id: None,
            response_id: None,
            subscription_id: Some(s.id),
        };
        if let Some(row) = outbox::enqueue(c, &new).await? {
            let event = system_event(
                "email.queued",
                "email",
                row.id,
                json!({"purpose": row.purpose, "to": row.recipient, "subject": row.subject}),
            );
            audit::record(c, &event).await?;
        }
        Ok(())
    }
}
