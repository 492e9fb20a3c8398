//! `GET /statutory-responses/{id}`.
use super::StatutoryResponse;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::responses as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// One statutory response with its answers, recommendation by recommendation.
#[utoipa::path(
    tag = "responses",
    params(("id" = Uuid, Path, description = "Statutory response id")),
    responses((status = 200, description = "The response", body = StatutoryResponse), ReadErrors),
    security(("bearer" = []))
)]
#[get("/statutory-responses/{id}")]
pub async fn get_statutory_response(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let response = uc::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), response.version, &response))
}
