//! `GET /webhook-subscriptions`.
use super::WebhookSubscription;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ListErrors;
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::webhooks as uc;
use scrutiny_app::Ctx;

/// The webhook subscriptions the caller manages: a council admin its council's (and its service
/// accounts'), a service account its own, an operator every one.
#[utoipa::path(
    tag = "webhooks",
    params(PageParams),
    responses((status = 200, description = "A page of subscriptions", body = Page<WebhookSubscription>), ListErrors),
    security(("bearer" = []))
)]
#[get("/webhook-subscriptions")]
pub async fn list_webhook_subscriptions(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    Ok(HttpResponse::Ok().json(uc::list(&mut ctx, page).await?))
}
