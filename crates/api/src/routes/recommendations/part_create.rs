//! `POST /recommendations/{id}/parts`: add a part after the last one.
use super::NewPartInput;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::{CreateErrors, ReadErrors};
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::recommendations as uc;
use scrutiny_app::views::recommendations::RecommendationPart;
use uuid::Uuid;

/// Add a part to a recommendation, after its last one.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation id")),
    request_body = NewPartInput,
    responses((status = 201, description = "Created", body = RecommendationPart), CreateErrors, ReadErrors),
    security(("bearer" = []))
)]
#[post("/recommendations/{id}/parts")]
pub async fn create_recommendation_part(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<NewPartInput>,
) -> Result<HttpResponse, ApiError> {
    let cmd = body.into_inner().command(id.into_inner());
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let created: RecommendationPart = uc::create_part(&mut ctx, cmd).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}
