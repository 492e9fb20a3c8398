//! A calendar's holidays: list, add, remove.
use super::{CreateHoliday, Holiday, HolidayFilter};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{PageParams, ValidJson};
use crate::openapi::{ActionErrors, ListErrors, ReadErrors};
use crate::respond::Page;
use crate::state::AppState;
use actix_web::{delete, get, post, web, HttpResponse};
use scrutiny_app::calendars::{AddHoliday, RemoveHoliday};
use uuid::Uuid;

/// List a calendar's holidays by date, optionally between two days.
#[utoipa::path(
    tag = "calendars",
    params(("id" = Uuid, Path, description = "Calendar id"), HolidayFilter, PageParams),
    responses((status = 200, description = "A page of holidays, earliest first", body = Page<Holiday>), ListErrors, (status = 404, description = "No such calendar", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/calendars/{id}/holidays")]
pub async fn list_holidays(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    filter: web::Query<HolidayFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let filter = filter.into_inner().into();
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let page =
        scrutiny_app::calendars::list_holidays(&mut ctx, id.into_inner(), &filter, &page).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Add a holiday to a calendar. Decisions already made keep their call-in deadline until it is
/// recomputed (`POST /decisions/{id}/call-in-deadline/recomputation`).
#[utoipa::path(
    tag = "calendars",
    params(("id" = Uuid, Path, description = "Calendar id")),
    request_body = CreateHoliday,
    responses((status = 201, description = "Added", body = Holiday), ActionErrors),
    security(("bearer" = []))
)]
#[post("/calendars/{id}/holidays")]
pub async fn add_holiday(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<CreateHoliday>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let cmd = AddHoliday {
        calendar_id: id.into_inner(),
        date: body.date,
        title: body.title,
    };
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let created = scrutiny_app::calendars::add_holiday(&mut ctx, cmd).await?;
    Ok(HttpResponse::Created().json(created))
}

/// Remove a holiday from a calendar (recorded in the calendar's history with the removed day).
#[utoipa::path(
    tag = "calendars",
    params(("id" = Uuid, Path, description = "Calendar id"), ("date" = String, Path, description = "The holiday's day, yyyy-mm-dd")),
    responses((status = 204, description = "Removed"), ReadErrors),
    security(("bearer" = []))
)]
#[delete("/calendars/{id}/holidays/{date}")]
pub async fn remove_holiday(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    path: web::Path<(Uuid, String)>,
) -> Result<HttpResponse, ApiError> {
    let (calendar_id, date) = path.into_inner();
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    scrutiny_app::calendars::remove_holiday(&mut ctx, RemoveHoliday { calendar_id, date }).await?;
    Ok(HttpResponse::NoContent().finish())
}
