//! `GET /action-plans/{id}/amendments`: the amendments of an agreed plan.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::views::plans::Amendment;
use scrutiny_app::Page;
use uuid::Uuid;

/// A plan's amendments, oldest first, each with the plan as it stood before it.
#[utoipa::path(
    tag = "action-plans",
    params(("id" = Uuid, Path, description = "Action plan id"), PageParams),
    responses((status = 200, description = "A page of amendments", body = Page<Amendment>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/action-plans/{id}/amendments")]
pub async fn list_amendments(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let amendments = scrutiny_app::plans::amendments(&mut ctx, id.into_inner(), page).await?;
    Ok(HttpResponse::Ok().json(amendments))
}
