//! `POST /webhook-deliveries/{id}/redelivery`.
use super::WebhookDelivery;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ActionErrors;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::webhooks as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Send a delivery again now, whatever became of it, with three more days of retries. 409 when
/// its subscription is disabled.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "Delivery id")),
    responses((status = 200, description = "Queued again", body = WebhookDelivery), ActionErrors),
    security(("bearer" = []))
)]
#[post("/webhook-deliveries/{id}/redelivery")]
pub async fn redeliver_webhook(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    Ok(HttpResponse::Ok().json(uc::redeliver(&mut ctx, id.into_inner()).await?))
}
