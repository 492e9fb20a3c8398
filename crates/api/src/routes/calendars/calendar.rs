//! The calendars themselves: list, read, create, history.
use super::{Calendar, CreateCalendar};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{PageParams, ValidJson};
use crate::openapi::{CreateErrors, ListErrors, ReadErrors};
use crate::respond::{with_etag, Page};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use scrutiny_app::views::audit::AuditEvent;
use uuid::Uuid;

/// List the working-day calendars, by name.
#[utoipa::path(
    tag = "calendars",
    params(PageParams),
    responses((status = 200, description = "A page of calendars", body = Page<Calendar>), ListErrors),
    security(("bearer" = []))
)]
#[get("/calendars")]
pub async fn list_calendars(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let page = scrutiny_app::calendars::list_calendars(&mut ctx, &page).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read one calendar.
#[utoipa::path(
    tag = "calendars",
    params(("id" = Uuid, Path, description = "Calendar id")),
    responses((status = 200, description = "The calendar, with its ETag", body = Calendar), ReadErrors),
    security(("bearer" = []))
)]
#[get("/calendars/{id}")]
pub async fn get_calendar(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let dto = scrutiny_app::calendars::get_calendar(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}

/// Create a working-day calendar (empty: add its holidays one by one).
#[utoipa::path(
    tag = "calendars",
    request_body = CreateCalendar,
    responses((status = 201, description = "Created", body = Calendar), CreateErrors),
    security(("bearer" = []))
)]
#[post("/calendars")]
pub async fn create_calendar(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateCalendar>,
) -> Result<HttpResponse, ApiError> {
    let cmd = scrutiny_app::calendars::CreateCalendar {
        name: body.into_inner().name,
    };
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let created = scrutiny_app::calendars::create_calendar(&mut ctx, cmd).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}

/// A calendar's changes: its creation and every holiday added or removed.
#[utoipa::path(
    tag = "calendars",
    params(("id" = Uuid, Path, description = "Calendar id"), PageParams),
    responses((status = 200, description = "The calendar's changes, newest first", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/calendars/{id}/history")]
pub async fn calendar_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let page = scrutiny_app::calendars::calendar_history(&mut ctx, id.into_inner(), &page).await?;
    Ok(HttpResponse::Ok().json(page))
}
