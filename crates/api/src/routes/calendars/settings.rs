//! A council's settings: read, replace, history.
use super::{put_settings_command, CouncilSettings, PutCouncilSettings};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, PageParams, ValidJson};
use crate::openapi::{ReadErrors, UpdateErrors};
use crate::respond::{with_etag, Page};
use crate::state::AppState;
use actix_web::{get, put, web, HttpResponse};
use scrutiny_app::views::audit::AuditEvent;
use uuid::Uuid;

/// Read a council's settings (the defaults if it has none of its own).
#[utoipa::path(
    tag = "calendars",
    params(("council_id" = Uuid, Path, description = "The council (an organisation of kind council)")),
    responses((status = 200, description = "The settings in effect, with their ETag", body = CouncilSettings), ReadErrors),
    security(("bearer" = []))
)]
#[get("/councils/{council_id}/settings")]
pub async fn get_council_settings(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    council_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let dto = scrutiny_app::calendars::get_settings(&mut ctx, council_id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}

/// Replace a council's settings. If-Match is required once the council has settings of its own
/// (the defaults have ETag "0"). Existing decisions keep their computed call-in deadlines until
/// each is recomputed.
#[utoipa::path(
    tag = "calendars",
    params(("council_id" = Uuid, Path, description = "The council"), ("If-Match" = Option<String>, Header, description = "The ETag last read; required once the council has settings")),
    request_body = PutCouncilSettings,
    responses((status = 200, description = "Saved", body = CouncilSettings), UpdateErrors),
    security(("bearer" = []))
)]
#[put("/councils/{council_id}/settings")]
pub async fn put_council_settings(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    council_id: web::Path<Uuid>,
    if_match: Option<IfMatch>,
    body: ValidJson<PutCouncilSettings>,
) -> Result<HttpResponse, ApiError> {
    let cmd = put_settings_command(
        council_id.into_inner(),
        if_match.map(|m| m.precondition()),
        body.into_inner(),
    );
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let saved = scrutiny_app::calendars::put_settings(&mut ctx, cmd).await?;
    Ok(with_etag(HttpResponse::Ok(), saved.version, &saved))
}

/// A council's settings changes, newest first.
#[utoipa::path(
    tag = "calendars",
    params(("council_id" = Uuid, Path, description = "The council"), PageParams),
    responses((status = 200, description = "The settings' changes, newest first", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/councils/{council_id}/settings/history")]
pub async fn council_settings_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    council_id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let page =
        scrutiny_app::calendars::settings_history(&mut ctx, council_id.into_inner(), &page).await?;
    Ok(HttpResponse::Ok().json(page))
}
