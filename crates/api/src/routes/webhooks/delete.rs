//! `DELETE /webhook-subscriptions/{id}`.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::IfMatch;
use crate::openapi::UpdateErrors;
use crate::state::AppState;
use actix_web::{delete, web, HttpResponse};
use scrutiny_app::webhooks as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Remove a subscription and its delivery log.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "Subscription id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses((status = 204, description = "Removed"), UpdateErrors),
    security(("bearer" = []))
)]
#[delete("/webhook-subscriptions/{id}")]
pub async fn delete_webhook_subscription(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    uc::delete(&mut ctx, id.into_inner(), if_match.precondition()).await?;
    Ok(HttpResponse::NoContent().finish())
}
