//! Webhook subscriptions: another system asks for the events it may read ([`crate::events`]) to
//! be POSTed to it, signed the Standard Webhooks way (docs/integration.md).
//!
//! Who manages them:
//! - a council's admins: the council's own subscriptions (its events), and they see those of the
//!   service accounts their council manages;
//! - a service account (a partner's or a council's system): its own, which receive what the
//!   account may read through the feed;
//! - operators: every subscription.
//!
//! URLs are `https` (plain `http` only where the deployment allows it, e.g. for development) and
//! never a private, loopback or link-local address unless the deployment allows it (SSRF); the
//! delivery re-checks every address the name resolves to. Every write is audited as
//! `webhook_subscription.*`; secrets are never in the audit trail or in reads (only in the answer
//! that creates or rotates one).
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::events;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::principal::ActorKind;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use scrutiny_db::queries::events::{self as events_q, Audience, FeedKey};
use scrutiny_db::queries::service_accounts as accounts_q;
use scrutiny_db::queries::webhooks::{self as q, Delivery, Owner, Subscription};
use scrutiny_db::scope::Scope;
use scrutiny_domain::people::Role;
use scrutiny_domain::validation::ValidationErrors;
use serde::Serialize;
use std::net::IpAddr;
use utoipa::ToSchema;
use uuid::Uuid;

const ENTITY: &str = "webhook_subscription";

/// How long the previous secret stays valid after a rotation.
pub const ROTATION_OVERLAP_HOURS: i64 = 24;

/// What the deployment allows webhook URLs to be.
#[derive(Debug, Clone, Copy, Default)]
pub struct UrlPolicy {
    /// Plain `http://` URLs (development and tests only).
    pub allow_http: bool,
    /// Private, loopback and link-local addresses (tests, or a deployment inside one network).
    pub allow_private: bool,
}

/// A subscription as the API shows it (never its secret).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookSubscription {
    pub id: Uuid,
    pub council_id: Option<Uuid>,
    /// The subscribing system, when a service account subscribed for itself.
    pub service_account_id: Option<Uuid>,
    pub organisation_id: Uuid,
    pub description: Option<String>,
    #[schema(example = "https://case-system.police.example/hooks/scrutiny")]
    pub url: String,
    /// The event types delivered; empty: every type.
    pub event_types: Vec<String>,
    /// `active`, or `disabled` after persistent failure (or by its owner).
    #[schema(example = "active")]
    pub status: String,
    pub disabled_reason: Option<String>,
    pub disabled_at: Option<DateTime<Utc>>,
    /// Who is told by email when it is disabled.
    pub owner_email: String,
    /// Until when the secret before the last rotation is still used to sign too.
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// A subscription with its signing secret: the answer that creates one or rotates its secret.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookSubscriptionWithSecret {
    pub subscription: WebhookSubscription,
    /// `whsec_` and the base64 of 32 random bytes: verify each delivery's `webhook-signature` with
    /// it. Shown once.
    #[schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    pub secret: String,
}

/// One delivery of an event to a subscription, with its last attempt.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookDelivery {
    pub id: Uuid,
    pub subscription_id: Uuid,
    /// The event delivered (its `webhook-id` is `msg_` and this id without dashes).
    pub event_id: Uuid,
    #[schema(example = "progress_entry.submitted")]
    pub event_type: String,
    /// `pending` (waiting for its next attempt), `delivered` or `failed` (given up).
    #[schema(example = "delivered")]
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub give_up_at: DateTime<Utc>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// The receiver's HTTP status of the last attempt.
    pub last_status: Option<i32>,
    pub last_latency_ms: Option<i32>,
    pub last_error: Option<String>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

fn dto(s: &Subscription) -> WebhookSubscription {
    WebhookSubscription {
        id: s.id,
        council_id: s.council_id,
        service_account_id: s.service_account_id,
        organisation_id: s.organisation_id,
        description: s.description.clone(),
        url: s.url.clone(),
        event_types: s.event_types.clone(),
        status: s.status.clone(),
        disabled_reason: s.disabled_reason.clone(),
        disabled_at: s.disabled_at,
        owner_email: s.owner_email.clone(),
        previous_secret_expires_at: s.previous_secret_expires_at,
        created_at: s.created_at,
        updated_at: s.updated_at,
        version: s.version,
    }
}

fn delivery_dto(d: Delivery) -> WebhookDelivery {
    WebhookDelivery {
        id: d.id,
        subscription_id: d.subscription_id,
        event_id: d.event_id,
        event_type: d.event_type,
        next_attempt_at: (d.state == q::PENDING).then_some(d.next_attempt_at),
        state: d.state,
        attempts: d.attempts,
        give_up_at: d.give_up_at,
        last_attempt_at: d.last_attempt_at,
        last_status: d.last_status,
        last_latency_ms: d.last_latency_ms,
        last_error: d.last_error,
        delivered_at: d.delivered_at,
        created_at: d.created_at,
    }
}

/// A new signing secret.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("whsec_{}", STANDARD.encode(bytes))
}

/// Checks a webhook URL against `policy`; returns it normalised.
pub fn check_url(raw: &str, policy: UrlPolicy) -> Result<String, String> {
    let parsed = url::Url::parse(raw.trim()).map_err(|e| format!("is not a URL ({e})"))?;
    match parsed.scheme() {
        "https" => {}
        "http" if policy.allow_http => {}
        "http" => return Err("must be an https:// URL".into()),
        other => return Err(format!("must be an https:// URL, not {other}:")),
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err("must not carry a user name or password".into());
    }
    if parsed.fragment().is_some() {
        return Err("must not have a #fragment".into());
    }
    let host = match parsed.host() {
        None => return Err("has no host".into()),
        Some(url::Host::Domain(d)) => {
            let lower = d.to_ascii_lowercase();
            if !policy.allow_private
                && (lower == "localhost" || lower.ends_with(".localhost") || !lower.contains('.'))
            {
                return Err(
                    "must be a public address, not this machine or a private network".into(),
                );
            }
            None
        }
        Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
    };
    if let Some(ip) = host {
        if !policy.allow_private && !scrutiny_domain::network::is_public(ip) {
            return Err("must be a public address, not this machine or a private network".into());
        }
    }
    Ok(parsed.to_string())
}

fn check_types(errors: &mut ValidationErrors, types: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in types {
        let t = t.trim();
        if !events::is_type(t) {
            errors.add("event_types", format!("{t} is not an event type"));
        } else if !out.iter().any(|o| o == t) {
            out.push(t.to_owned());
        }
    }
    out
}

fn check_email(errors: &mut ValidationErrors, raw: &str) -> String {
    let email = raw.trim().to_lowercase();
    let valid = email.len() <= 320
        && email
            .split_once('@')
            .is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.'));
    if !valid {
        errors.add("owner_email", "must be an email address");
    }
    email
}

/// Who the caller manages subscriptions as.
enum Manager {
    Operator,
    CouncilAdmin(Uuid),
    Account { id: Uuid, council: Option<Uuid> },
}

async fn manager(ctx: &mut Ctx<'_>) -> Result<Manager, AppError> {
    let principal = ctx.principal.clone();
    if principal.kind == ActorKind::ServiceAccount {
        let account = accounts_q::find(ctx.db(), principal.id)
            .await?
            .ok_or(AppError::Forbidden)?;
        return Ok(Manager::Account {
            id: account.id,
            council: account.council_id,
        });
    }
    if principal.is_operator() {
        return Ok(Manager::Operator);
    }
    match (principal.role, principal.own_council()) {
        (Role::Admin, Some(council)) => Ok(Manager::CouncilAdmin(council)),
        _ => Err(AppError::Forbidden),
    }
}

/// Whether `m` manages `s` (404 otherwise, so that others' subscriptions are not told).
fn check_manages(m: &Manager, s: &Subscription) -> Result<(), AppError> {
    let ok = match m {
        Manager::Operator => true,
        Manager::CouncilAdmin(c) => s.council_id == Some(*c),
        Manager::Account { id, .. } => s.service_account_id == Some(*id),
    };
    ok.then_some(()).ok_or(AppError::NotFound)
}

// ---------------------------------------------------------------------------------------------
// Commands

#[derive(Debug, Clone)]
pub struct CreateSubscription {
    pub url: String,
    pub event_types: Vec<String>,
    pub description: Option<String>,
    /// Default: the creating user's email (required for a service account).
    pub owner_email: Option<String>,
}

#[derive(Debug, Clone)]
pub struct UpdateSubscription {
    pub id: Uuid,
    pub precondition: Precondition,
    pub url: Option<String>,
    pub event_types: Option<Vec<String>>,
    pub description: Option<Option<String>>,
    pub owner_email: Option<String>,
    /// `active` re-enables a disabled subscription (from now on: what it missed is skipped);
    /// `disabled` pauses it.
    pub status: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Use cases

/// The subscriptions the caller manages, oldest first.
pub async fn list(
    ctx: &mut Ctx<'_>,
    page: PageRequest,
) -> Result<Page<WebhookSubscription>, AppError> {
    let owner = match manager(ctx).await? {
        Manager::Operator => Owner::All,
        Manager::CouncilAdmin(c) => Owner::Council(c),
        Manager::Account { id, .. } => Owner::ServiceAccount(id),
    };
    let after = page.decode::<(DateTime<Utc>, Uuid)>()?;
    let rows = q::list(ctx.db(), owner, after, page.limit).await?;
    let (rows, next_cursor) = paginate(rows, page.limit, |s| encode_cursor(&(s.created_at, s.id)));
    Ok(Page {
        items: rows.iter().map(dto).collect(),
        next_cursor,
    })
}

pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<WebhookSubscription, AppError> {
    let m = manager(ctx).await?;
    let s = q::find(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
    check_manages(&m, &s)?;
    Ok(dto(&s))
}

/// Subscribes to the events the owner may read, from now on (what happened before is in the
/// feed). Audited as `webhook_subscription.created`.
pub async fn create(
    ctx: &mut Ctx<'_>,
    policy: UrlPolicy,
    cmd: CreateSubscription,
) -> Result<WebhookSubscriptionWithSecret, AppError> {
    let m = manager(ctx).await?;
    let mut errors = ValidationErrors::new();
    let url = errors.check("url", check_url(&cmd.url, policy));
    let event_types = check_types(&mut errors, &cmd.event_types);
    let description =
        crate::input::optional_text(&mut errors, "description", cmd.description.as_deref(), 500);
    let owner_email = match (&cmd.owner_email, &m) {
        (Some(e), _) => check_email(&mut errors, e),
        (None, Manager::Account { .. }) => {
            errors.add(
                "owner_email",
                "is required: who is told when deliveries keep failing",
            );
            String::new()
        }
        (None, _) => {
            let id = ctx.principal.id;
            let email = scrutiny_db::queries::users::find(ctx.db(), id)
                .await?
                .map(|u| u.email)
                .unwrap_or_default();
            check_email(&mut errors, &email)
        }
    };
    errors.into_result()?;
    let url = url.unwrap_or_default();
    let principal = ctx.principal.clone();
    let (council_id, service_account_id, organisation_id) = match &m {
        Manager::Operator => (None, None, principal.organisation_id.as_uuid()),
        Manager::CouncilAdmin(c) => (Some(*c), None, *c),
        Manager::Account { id, council } => {
            (*council, Some(*id), principal.organisation_id.as_uuid())
        }
    };
    let secret = new_secret();
    ctx.tx(async |ctx| {
        // From now on: the subscription starts where the feed stands.
        let (xid, seq) = events_q::head(ctx.db()).await?;
        let now = ctx.now();
        let row = Subscription {
            id: Uuid::now_v7(),
            council_id,
            service_account_id,
            organisation_id,
            description,
            url,
            event_types,
            secret: secret.clone(),
            previous_secret: None,
            previous_secret_expires_at: None,
            status: q::ACTIVE.to_owned(),
            disabled_reason: None,
            disabled_at: None,
            owner_email,
            cursor_xid: xid,
            cursor_seq: seq,
            created_by_kind: principal.kind.as_str().to_owned(),
            created_by_id: (principal.kind != ActorKind::System).then_some(principal.id),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        q::insert(ctx.db(), &row).await?;
        let created = dto(&row);
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "webhook_subscription.created",
            ENTITY,
            row.id,
            &created,
        )
        .await?;
        Ok(WebhookSubscriptionWithSecret {
            subscription: created,
            secret,
        })
    })
    .await
}

/// Changes a subscription. Audited as `webhook_subscription.updated`.
pub async fn update(
    ctx: &mut Ctx<'_>,
    policy: UrlPolicy,
    cmd: UpdateSubscription,
) -> Result<WebhookSubscription, AppError> {
    let m = manager(ctx).await?;
    ctx.tx(async |ctx| {
        let s = q::find_for_update(ctx.db(), cmd.id)
            .await?
            .ok_or(AppError::NotFound)?;
        check_manages(&m, &s)?;
        cmd.precondition.check(s.version)?;
        let mut errors = ValidationErrors::new();
        let mut values = q::SubscriptionValues::from(&s);
        if let Some(raw) = &cmd.url {
            if let Some(url) = errors.check("url", check_url(raw, policy)) {
                values.url = url;
            }
        }
        if let Some(types) = &cmd.event_types {
            values.event_types = check_types(&mut errors, types);
        }
        if let Some(description) = &cmd.description {
            values.description = crate::input::optional_text(
                &mut errors,
                "description",
                description.as_deref(),
                500,
            );
        }
        if let Some(email) = &cmd.owner_email {
            values.owner_email = check_email(&mut errors, email);
        }
        let mut reenabled = false;
        match cmd.status.as_deref() {
            None => {}
            Some(q::ACTIVE) => {
                reenabled = s.status != q::ACTIVE;
                values.status = q::ACTIVE.to_owned();
                values.disabled_reason = None;
                values.disabled_at = None;
            }
            Some(q::DISABLED) if s.status != q::DISABLED => {
                values.status = q::DISABLED.to_owned();
                values.disabled_reason = Some("Paused by its owner.".to_owned());
                values.disabled_at = Some(ctx.now());
            }
            Some(q::DISABLED) => {}
            Some(_) => errors.add("status", "must be active or disabled"),
        }
        errors.into_result()?;
        if reenabled {
            // Re-enabled from now on: what it missed while disabled is in the feed.
            let (xid, seq) = events_q::head(ctx.db()).await?;
            q::advance(ctx.db(), s.id, &xid, seq).await?;
        }
        let before = dto(&s);
        let after = dto(&q::update(ctx.db(), s.id, &values).await?);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "webhook_subscription.updated",
            ENTITY,
            s.id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// Replaces the signing secret; deliveries carry signatures with both for
/// [`ROTATION_OVERLAP_HOURS`]. Audited as `webhook_subscription.secret_rotated` (without secrets).
pub async fn rotate_secret(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    precondition: Precondition,
) -> Result<WebhookSubscriptionWithSecret, AppError> {
    let m = manager(ctx).await?;
    let secret = new_secret();
    ctx.tx(async |ctx| {
        let s = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        check_manages(&m, &s)?;
        precondition.check(s.version)?;
        let until = ctx.now() + Duration::hours(ROTATION_OVERLAP_HOURS);
        let rotated = q::rotate_secret(ctx.db(), id, &secret, until).await?;
        let after = dto(&rotated);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "webhook_subscription.secret_rotated",
            ENTITY,
            id,
            &dto(&s),
            &after,
        )
        .await?;
        Ok(WebhookSubscriptionWithSecret {
            subscription: after,
            secret: secret.clone(),
        })
    })
    .await
}

/// Removes a subscription and its delivery log. Audited as `webhook_subscription.deleted`.
pub async fn delete(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    precondition: Precondition,
) -> Result<(), AppError> {
    let m = manager(ctx).await?;
    ctx.tx(async |ctx| {
        let s = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        check_manages(&m, &s)?;
        precondition.check(s.version)?;
        q::delete(ctx.db(), id).await?;
        let e = audit::event(
            &ctx.principal,
            "webhook_subscription.deleted",
            ENTITY,
            id,
            audit::snapshot(&dto(&s)),
            None,
        );
        audit::record(&mut ctx.conn, &e).await?;
        Ok(())
    })
    .await
}

/// A subscription's delivery log, newest first.
pub async fn deliveries(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: PageRequest,
) -> Result<Page<WebhookDelivery>, AppError> {
    let m = manager(ctx).await?;
    let s = q::find(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
    check_manages(&m, &s)?;
    let after = page.decode::<(DateTime<Utc>, Uuid)>()?;
    let rows = q::deliveries(ctx.db(), id, after, page.limit).await?;
    let (rows, next_cursor) = paginate(rows, page.limit, |d| encode_cursor(&(d.created_at, d.id)));
    Ok(Page {
        items: rows.into_iter().map(delivery_dto).collect(),
        next_cursor,
    })
}

pub use scrutiny_db::queries::webhooks::GIVE_UP_AFTER_HOURS;

/// Sends a delivery again now (whatever its state), with a fresh three days of retries. Audited
/// as `webhook_delivery.redelivered`.
pub async fn redeliver(ctx: &mut Ctx<'_>, delivery_id: Uuid) -> Result<WebhookDelivery, AppError> {
    let m = manager(ctx).await?;
    ctx.tx(async |ctx| {
        let d = q::find_delivery(ctx.db(), delivery_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let s = q::find(ctx.db(), d.subscription_id)
            .await?
            .ok_or(AppError::NotFound)?;
        check_manages(&m, &s)?;
        if s.status != q::ACTIVE {
            return Err(AppError::conflict(
                "The subscription is disabled: enable it before redelivering.",
            ));
        }
        let give_up = ctx.now() + Duration::hours(GIVE_UP_AFTER_HOURS);
        let before = delivery_dto(d);
        let after = delivery_dto(q::redeliver(ctx.db(), delivery_id, give_up).await?);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "webhook_delivery.redelivered",
            "webhook_delivery",
            delivery_id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Dispatching: the feed into each subscription's deliveries

/// What a subscription may read of the feed.
async fn audience_of(ctx: &mut Ctx<'_>, s: &Subscription) -> Result<Option<Audience>, AppError> {
    if let Some(account) = s.service_account_id {
        let Some(a) = accounts_q::find(ctx.db(), account).await? else {
            return Ok(None);
        };
        if !a.active {
            return Ok(None);
        }
        let is_council = s.council_id == Some(a.organisation_id);
        let scope = if is_council {
            Scope::Council(a.organisation_id)
        } else {
            Scope::Responsible(a.organisation_id)
        };
        return Ok(Some(Audience {
            scope,
            public_only: a.role == Role::Viewer.as_str(),
        }));
    }
    Ok(Some(Audience {
        scope: match s.council_id {
            Some(c) => Scope::Council(c),
            None => Scope::All,
        },
        public_only: false,
    }))
}

/// How many subscriptions one dispatch looks at, and events per subscription.
const DISPATCH_SUBSCRIPTIONS: i64 = 100;
const DISPATCH_EVENTS: u32 = 200;

/// Turns the feed's new events into deliveries, for every active subscription, each in one
/// transaction with its position in the feed (so an event is queued once per subscription, and
/// two servers dispatching at once skip each other's subscriptions). The system's work; returns
/// how many deliveries it queued.
pub async fn dispatch(ctx: &mut Ctx<'_>) -> Result<usize, AppError> {
    if !ctx.principal.is_operator() {
        return Err(AppError::Forbidden);
    }
    ctx.tx_send(|ctx| {
        Box::pin(async move {
            let subscriptions = q::lock_active(ctx.db(), DISPATCH_SUBSCRIPTIONS).await?;
            // The feed's head before any subscription reads: every event up to it had finished,
            // so a subscription that reads fewer than a page has seen all of them it may see,
            // and moves on to the head (not only to its last event: otherwise one that rarely
            // matches would scan the same events on every pass).
            let (head_xid, head_seq) = events_q::head(ctx.db()).await?;
            let head = (head_xid.parse::<u64>().unwrap_or(0), head_seq);
            let mut queued = 0;
            for s in subscriptions {
                let Some(audience) = audience_of(ctx, &s).await? else {
                    continue;
                };
                let after = FeedKey {
                    xid: s.cursor_xid.parse().unwrap_or(0),
                    seq: s.cursor_seq,
                };
                let rows = events_q::feed(
                    ctx.db(),
                    audience,
                    &s.event_types,
                    Some(&after),
                    DISPATCH_EVENTS,
                )
                .await?;
                let read = (after.xid, after.seq);
                let full = rows.len() >= DISPATCH_EVENTS as usize;
                let last = rows
                    .last()
                    .map(|r| (r.xid.parse::<u64>().unwrap_or(0), r.seq));
                let next = match last {
                    Some(last) if full => last,
                    Some(last) => last.max(head),
                    None => head,
                };
                let now = ctx.now();
                for row in rows {
                    let council_id = row.council_id;
                    let event = events::cloud_event(row)?;
                    let payload = serde_json::to_value(&event).map_err(AppError::internal)?;
                    let delivery = Delivery {
                        id: Uuid::now_v7(),
                        subscription_id: s.id,
                        council_id: council_id.or(s.council_id),
                        event_id: event.id,
                        event_type: event.event_type.clone(),
                        payload,
                        state: q::PENDING.to_owned(),
                        attempts: 0,
                        next_attempt_at: now,
                        give_up_at: now + Duration::hours(GIVE_UP_AFTER_HOURS),
                        last_attempt_at: None,
                        last_status: None,
                        last_latency_ms: None,
                        last_error: None,
                        delivered_at: None,
                        created_at: now,
                    };
                    if q::enqueue(ctx.db(), &delivery).await? {
                        queued += 1;
                    }
                }
                if next > read {
                    q::advance(ctx.db(), s.id, &next.0.to_string(), next.1).await?;
                }
            }
            Ok(queued)
        })
    })
    .await
}
