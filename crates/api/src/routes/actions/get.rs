//! `GET /actions/{id}`: one action.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::views::actions::Action;
use uuid::Uuid;

/// Read one action, with its owners and milestones.
#[utoipa::path(
    tag = "actions",
    params(("id" = Uuid, Path, description = "Action id")),
    responses((status = 200, description = "The action, with its ETag", body = Action), ReadErrors),
    security(("bearer" = []))
)]
#[get("/actions/{id}")]
pub async fn get_action(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let action = scrutiny_app::actions::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), action.version, &action))
}
