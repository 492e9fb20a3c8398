//! `PATCH /webhook-subscriptions/{id}`.
use super::{UpdateWebhookSubscription, WebhookSubscription};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::webhooks as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Change a subscription's URL, event types, description or owner's email; `status: active`
/// enables a disabled one again (from now on: what it missed is in the feed), `disabled` pauses it.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "Subscription id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateWebhookSubscription,
    responses((status = 200, description = "Updated", body = WebhookSubscription), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/webhook-subscriptions/{id}")]
pub async fn update_webhook_subscription(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateWebhookSubscription>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let cmd = uc::UpdateSubscription {
        id: id.into_inner(),
        precondition: if_match.precondition(),
        url: b.url,
        event_types: b.event_types,
        description: b.description,
        owner_email: b.owner_email,
        status: b.status,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let s = uc::update(&mut ctx, state.webhook_policy, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), s.version, &s))
}
