//! `POST /action-plans/{id}/actions`: a new action of a plan.
use super::CreateAction;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::CreateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::views::actions::Action;
use uuid::Uuid;

/// Add an action to a plan.
#[utoipa::path(
    tag = "actions",
    params(("id" = Uuid, Path, description = "Action plan id")),
    request_body = CreateAction,
    responses((status = 201, description = "Created", body = Action), CreateErrors),
    security(("bearer" = []))
)]
#[post("/action-plans/{id}/actions")]
pub async fn create_action(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<CreateAction>,
) -> Result<HttpResponse, ApiError> {
    let command = body.into_inner().command(id.into_inner());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let created = scrutiny_app::actions::create(&mut ctx, command).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}
