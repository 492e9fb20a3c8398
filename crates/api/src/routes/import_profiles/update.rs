//! `PATCH /import-profiles/{id}`.
use super::{ImportProfile, UpdateImportProfile};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use scrutiny_app::import_profiles as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Change an import profile: its name, its columns, its status words' grades or its committees.
#[utoipa::path(
    tag = "imports",
    params(("id" = Uuid, Path, description = "Import profile id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateImportProfile,
    responses((status = 200, description = "Updated", body = ImportProfile), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/import-profiles/{id}")]
pub async fn update_import_profile(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateImportProfile>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let p = uc::update(
        &mut ctx,
        id.into_inner(),
        if_match.precondition(),
        body.into_inner().into(),
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), p.version, &p))
}
