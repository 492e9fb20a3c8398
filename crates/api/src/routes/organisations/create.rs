use super::{CreateOrganisation, Organisation};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::CreateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::organisations as uc;
use scrutiny_app::Ctx;

/// Create an organisation.
#[utoipa::path(
    tag = "organisations",
    request_body = CreateOrganisation,
    responses((status = 201, description = "Created", body = Organisation), CreateErrors),
    security(("bearer" = []))
)]
#[post("/organisations")]
pub async fn create_organisation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateOrganisation>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let created = uc::create(&mut ctx, body.into_inner().into()).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}
