//! `GET /webhook-subscriptions/{id}/deliveries`.
use super::WebhookDelivery;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ReadErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::webhooks as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// The subscription's delivery log, newest first: each event's state, attempts, the receiver's
/// last status code, latency and error.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "Subscription id"), PageParams),
    responses((status = 200, description = "A page of deliveries", body = Page<WebhookDelivery>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/webhook-subscriptions/{id}/deliveries")]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    Ok(HttpResponse::Ok().json(uc::deliveries(&mut ctx, id.into_inner(), page).await?))
}
