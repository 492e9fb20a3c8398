//! `GET /recommendations/{id}`: one recommendation with its parts and actions.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::recommendations as uc;
use scrutiny_app::views::recommendations::Recommendation;
use uuid::Uuid;

/// Read one recommendation, with its parts and actions.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation id")),
    responses((status = 200, description = "The recommendation, with its ETag", body = Recommendation), ReadErrors),
    security(("bearer" = []))
)]
#[get("/recommendations/{id}")]
pub async fn get_recommendation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let view: Recommendation = uc::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), view.version, &view))
}
