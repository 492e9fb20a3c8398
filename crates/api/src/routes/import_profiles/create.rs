//! `POST /import-profiles`.
use super::{CreateImportProfile, ImportProfile};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::CreateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::import_profiles as uc;
use scrutiny_app::Ctx;

/// Save a column mapping under a name, to import the council's files with it again.
#[utoipa::path(
    tag = "imports",
    request_body = CreateImportProfile,
    responses((status = 201, description = "Saved", body = ImportProfile), CreateErrors),
    security(("bearer" = []))
)]
#[post("/import-profiles")]
pub async fn create_import_profile(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateImportProfile>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let created = uc::create(&mut ctx, body.into_inner().into()).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}
