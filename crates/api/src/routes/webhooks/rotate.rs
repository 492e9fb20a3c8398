//! `POST /webhook-subscriptions/{id}/secret-rotation`.
use super::WebhookSubscriptionWithSecret;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::IfMatch;
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::webhooks as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Replace the signing secret. For 24 hours each delivery carries two signatures (the new
/// secret's and the old one's), so a receiver can switch without losing any.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "Subscription id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses((status = 200, description = "Rotated; the new secret is shown once", body = WebhookSubscriptionWithSecret), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/webhook-subscriptions/{id}/secret-rotation")]
pub async fn rotate_webhook_secret(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let rotated = uc::rotate_secret(&mut ctx, id.into_inner(), if_match.precondition()).await?;
    let version = rotated.subscription.version;
    // It carries the secret: never cached, nor kept for an idempotent replay.
    let mut builder = HttpResponse::Ok();
    builder.insert_header(("cache-control", "no-store"));
    Ok(with_etag(builder, version, &rotated))
}
