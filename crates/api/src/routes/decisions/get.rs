//! `GET /decisions/{id}`.
use super::Decision;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use uuid::Uuid;

/// Read one decision.
#[utoipa::path(
    tag = "decisions",
    params(("id" = Uuid, Path, description = "Decision id")),
    responses((status = 200, description = "The decision, with its ETag", body = Decision), ReadErrors),
    security(("bearer" = []))
)]
#[get("/decisions/{id}")]
pub async fn get_decision(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let dto = scrutiny_app::decisions::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}
