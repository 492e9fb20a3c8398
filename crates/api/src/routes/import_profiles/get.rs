//! `GET /import-profiles/{id}`.
use super::ImportProfile;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::import_profiles as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// One import profile.
#[utoipa::path(
    tag = "imports",
    params(("id" = Uuid, Path, description = "Import profile id")),
    responses((status = 200, description = "The profile", body = ImportProfile), ReadErrors),
    security(("bearer" = []))
)]
#[get("/import-profiles/{id}")]
pub async fn get_import_profile(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let p = uc::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), p.version, &p))
}
