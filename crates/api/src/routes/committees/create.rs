use super::{Committee, CreateCommittee};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::CreateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::committees as uc;
use scrutiny_app::Ctx;

/// Create a select committee in the caller's council.
#[utoipa::path(
    tag = "committees",
    request_body = CreateCommittee,
    responses((status = 201, description = "Created", body = Committee), CreateErrors),
    security(("bearer" = []))
)]
#[post("/committees")]
pub async fn create_committee(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateCommittee>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let created: Committee = uc::create(&mut ctx, body.into_inner().into()).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}
