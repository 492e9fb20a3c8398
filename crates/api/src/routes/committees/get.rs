use super::CommitteeDetail;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::committees as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

/// Read a committee, with the committees it replaced.
#[utoipa::path(
    tag = "committees",
    params(("id" = Uuid, Path, description = "Committee id")),
    responses((status = 200, description = "The committee, with its ETag", body = CommitteeDetail), ReadErrors),
    security(("bearer" = []))
)]
#[get("/committees/{id}")]
pub async fn get_committee(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let detail: CommitteeDetail = uc::get(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(
        HttpResponse::Ok(),
        detail.committee.version,
        &detail,
    ))
}
