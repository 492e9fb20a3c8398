//! `POST /webhook-subscriptions`.
use super::{CreateWebhookSubscription, WebhookSubscriptionWithSecret};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::CreateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::webhooks as uc;
use scrutiny_app::Ctx;

/// Subscribe a URL to the events the owner may read, from now on. The answer holds the signing
/// secret (`whsec_…`), shown once. Each delivery is a POST of one event (CloudEvents JSON) with
/// `webhook-id`, `webhook-timestamp` and `webhook-signature` (Standard Webhooks, HMAC-SHA256);
/// answer 2xx within 10 seconds. Failures are retried with exponential backoff for three days;
/// then the subscription is disabled and its owner told by email.
#[utoipa::path(
    tag = "webhooks",
    request_body = CreateWebhookSubscription,
    responses((status = 201, description = "Subscribed", body = WebhookSubscriptionWithSecret), CreateErrors),
    security(("bearer" = []))
)]
#[post("/webhook-subscriptions")]
pub async fn create_webhook_subscription(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateWebhookSubscription>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let cmd = uc::CreateSubscription {
        url: b.url,
        event_types: b.event_types,
        description: b.description,
        owner_email: b.owner_email,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let created = uc::create(&mut ctx, state.webhook_policy, cmd).await?;
    let version = created.subscription.version;
    // It carries the secret: never cached, nor kept for an idempotent replay.
    let mut builder = HttpResponse::Created();
    builder.insert_header(("cache-control", "no-store"));
    Ok(with_etag(builder, version, &created))
}
