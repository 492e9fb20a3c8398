use super::Organisation;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::organisations as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Read one organisation.
#[utoipa::path(
    tag = "organisations",
    params(("id" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, description = "The organisation, with its ETag", body = Organisation), ReadErrors),
    security(("bearer" = []))
)]
#[get("/organisations/{id}")]
pub async fn get_organisation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let dto: Organisation = uc::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}
