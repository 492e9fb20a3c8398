//! Working-day calendars (bank holidays) and each council's call-in settings. Everyone signed in
//! reads calendars; admins keep them. A council's settings are kept by admins and its officers.
use crate::access;
use crate::audit;
use crate::auth::principal::{ADMIN, ANY_ROLE};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, IfMatch, PageParams, ValidJson};
use crate::openapi::{ActionErrors, CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::audit_events::AuditEvent;
use crate::routes::history;
use crate::routes::types::{with_etag, Page};
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpResponse};
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::calendars as q;
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::calendar::{
    CallInRule, HolidayCalendar, DEFAULT_CALL_IN_WORKING_DAYS, MAX_CALL_IN_WORKING_DAYS,
    MIN_CALL_IN_WORKING_DAYS,
};
use scrutiny_domain::people::Name;
use scrutiny_domain::progress::GradeScale;
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub use scrutiny_db::queries::calendars::ENGLAND_AND_WALES;

/// The audit entity of a calendar (its holidays' changes are recorded against it too).
const CALENDAR_ENTITY: &str = "holiday_calendar";
/// The audit entity of a council's settings (the entity id is the council's).
const SETTINGS_ENTITY: &str = "council_settings";
/// The default months from an action plan's agreement to its first progress update.
pub const DEFAULT_FIRST_UPDATE_MONTHS: i32 = 12;
const MAX_FIRST_UPDATE_MONTHS: i32 = 60;

// ---- wire types ----------------------------------------------------------------------------

#[derive(Debug, Serialize, ToSchema)]
pub struct Calendar {
    #[schema(example = "00000000-0000-7000-8000-000000000001")]
    pub id: Uuid,
    #[schema(example = "England and Wales")]
    pub name: String,
    pub created_at: DateTime<Utc>,
    /// Changes whenever a holiday is added or removed.
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<q::CalendarRow> for Calendar {
    fn from(row: q::CalendarRow) -> Self {
        Self {
            id: row.id,
            name: row.name,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCalendar {
    #[schema(example = "Stockton-on-Tees council closure days")]
    pub name: String,
}

/// A day that is not a working day (besides weekends).
#[derive(Debug, Serialize, ToSchema)]
pub struct Holiday {
    pub calendar_id: Uuid,
    #[schema(example = "2022-06-03")]
    pub date: NaiveDate,
    #[schema(example = "Platinum Jubilee of Elizabeth II")]
    pub title: String,
    pub created_at: DateTime<Utc>,
}

impl From<q::HolidayRow> for Holiday {
    fn from(row: q::HolidayRow) -> Self {
        Self {
            calendar_id: row.calendar_id,
            date: row.day,
            title: row.title,
            created_at: row.created_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateHoliday {
    /// yyyy-mm-dd.
    #[schema(example = "2022-09-19")]
    pub date: String,
    #[schema(example = "State Funeral of Queen Elizabeth II")]
    pub title: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HolidayFilter {
    /// Only holidays on or after this day (yyyy-mm-dd).
    pub from: Option<String>,
    /// Only holidays on or before this day (yyyy-mm-dd).
    pub to: Option<String>,
}

/// A council's settings. A council that never saved any uses the defaults (`is_default`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CouncilSettings {
    pub council_id: Uuid,
    /// The working-day calendar of call-in periods.
    pub calendar_id: Uuid,
    /// How many working days a decision can be called in, counting the publication day as day one.
    #[schema(example = 5, minimum = 1, maximum = 60)]
    pub call_in_working_days: i32,
    /// The local time the call-in period ends on its last working day, HH:MM.
    #[schema(example = "23:59")]
    pub call_in_end_time: String,
    /// An IANA time zone.
    #[schema(example = "Europe/London")]
    pub time_zone: String,
    /// Months from an action plan's agreement to its first progress update.
    #[schema(example = 12, minimum = 1, maximum = 60)]
    pub first_update_months: i32,
    /// The grading scale of progress updates: its levels best first, which closes a
    /// recommendation and which need an explanation (DOMAIN.md rule 1).
    #[schema(value_type = GradeScaleDoc)]
    pub grade_scale: GradeScale,
    /// Days before a round's deadline that partners are reminded.
    #[schema(example = 14, minimum = 0, maximum = 90)]
    pub reminder_days_before: i32,
    /// Days between chasers after a missed deadline.
    #[schema(example = 7, minimum = 1, maximum = 90)]
    pub chaser_interval_days: i32,
    /// True when the council has no settings of its own and these are the defaults.
    pub is_default: bool,
    pub updated_at: Option<DateTime<Utc>>,
    /// 0 while the defaults apply.
    pub version: i32,
}

/// A grading scale as the API reads and writes it (the domain's `GradeScale`, for the document).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct GradeScaleDoc {
    /// "Progress grades", "RAG".
    name: String,
    /// Best first: the level of `order` 1 is the best.
    levels: Vec<GradeLevelDoc>,
}

/// One level of a grading scale.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct GradeLevelDoc {
    /// As documents write the grade: "1", "3", "Green". Unique within a scale.
    #[schema(example = "3")]
    code: String,
    /// As the grading key writes it: "Fully Achieved", "Slipped".
    #[schema(example = "Slipped")]
    label: String,
    /// What the level means, where the label alone does not say.
    description: Option<String>,
    /// 1 is the best; higher is worse. Unique within a scale.
    #[schema(minimum = 1, maximum = 255)]
    order: u8,
    /// Accepted at this level, a recommendation is closed (DOMAIN.md rule 5).
    #[schema(default = false)]
    closes: Option<bool>,
    /// A grade at this level must carry an explanation (DOMAIN.md rule 1).
    #[schema(default = false)]
    explanation_required: Option<bool>,
    /// A display colour, "#rrggbb".
    colour: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutCouncilSettings {
    pub calendar_id: Uuid,
    #[schema(example = 5)]
    pub call_in_working_days: i64,
    #[schema(example = "23:59")]
    pub call_in_end_time: String,
    #[schema(example = "Europe/London")]
    pub time_zone: String,
    #[schema(example = 12)]
    pub first_update_months: i64,
    /// `{ "name": …, "levels": [{ "code", "label", "order", "closes", "explanation_required",
    /// "description", "colour" }] }`; absent or null: the default 1–4 scale.
    #[serde(default)]
    #[schema(value_type = Option<GradeScaleDoc>)]
    pub grade_scale: Option<serde_json::Value>,
    /// Default 14.
    pub reminder_days_before: Option<i64>,
    /// Default 7.
    pub chaser_interval_days: Option<i64>,
}

pub const DEFAULT_REMINDER_DAYS_BEFORE: i32 = 14;
pub const DEFAULT_CHASER_INTERVAL_DAYS: i32 = 7;

// ---- the settings as the call-in computation uses them ------------------------------------

/// A council's settings in effect: its own, or the defaults.
#[derive(Debug, Clone)]
pub struct Effective {
    pub council_id: Uuid,
    pub calendar_id: Uuid,
    pub rule: CallInRule,
    pub first_update_months: i32,
    pub grade_scale: GradeScale,
    pub reminder_days_before: i32,
    pub chaser_interval_days: i32,
    pub row: Option<q::SettingsRow>,
}

impl Effective {
    pub fn defaults(council_id: Uuid) -> Self {
        Self {
            council_id,
            calendar_id: ENGLAND_AND_WALES,
            rule: CallInRule::default(),
            first_update_months: DEFAULT_FIRST_UPDATE_MONTHS,
            grade_scale: GradeScale::default_scale(),
            reminder_days_before: DEFAULT_REMINDER_DAYS_BEFORE,
            chaser_interval_days: DEFAULT_CHASER_INTERVAL_DAYS,
            row: None,
        }
    }

    pub fn from_row(row: q::SettingsRow) -> Self {
        let mut rule = CallInRule::default();
        // Stored values were validated when written; fall back to the defaults if not.
        if let Ok(tz) = row.time_zone.parse() {
            rule.tz = tz;
        }
        if let Ok(days) = u32::try_from(row.call_in_working_days) {
            if let Ok(valid) = CallInRule::new(days, row.call_in_end_time, rule.tz) {
                rule = valid;
            }
        }
        Self {
            council_id: row.council_id,
            calendar_id: row.calendar_id,
            rule,
            first_update_months: row.first_update_months,
            grade_scale: row
                .grade_scale
                .clone()
                .and_then(|json| serde_json::from_value(json).ok())
                .unwrap_or_else(GradeScale::default_scale),
            reminder_days_before: row.reminder_days_before,
            chaser_interval_days: row.chaser_interval_days,
            row: Some(row),
        }
    }

    /// The IANA name of the time zone.
    pub fn time_zone(&self) -> &'static str {
        self.rule.tz.name()
    }

    pub fn to_dto(&self) -> CouncilSettings {
        CouncilSettings {
            council_id: self.council_id,
            calendar_id: self.calendar_id,
            call_in_working_days: i32::try_from(self.rule.working_days).unwrap_or(i32::MAX),
            call_in_end_time: self.rule.end_time.format("%H:%M").to_string(),
            time_zone: self.time_zone().to_owned(),
            first_update_months: self.first_update_months,
            grade_scale: self.grade_scale.clone(),
            reminder_days_before: self.reminder_days_before,
            chaser_interval_days: self.chaser_interval_days,
            is_default: self.row.is_none(),
            updated_at: self.row.as_ref().map(|r| r.updated_at),
            version: self.row.as_ref().map_or(0, |r| r.version),
        }
    }
}

/// The settings in effect for a council.
pub async fn effective_settings(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
) -> Result<Effective, ApiError> {
    Ok(match q::find_settings(conn, council_id).await? {
        Some(row) => Effective::from_row(row),
        None => Effective::defaults(council_id),
    })
}

/// The settings in effect for several councils, one query.
pub async fn effective_settings_of(
    conn: &mut AsyncPgConnection,
    council_ids: &[Uuid],
) -> Result<Vec<Effective>, ApiError> {
    let mut ids = council_ids.to_vec();
    ids.sort();
    ids.dedup();
    let rows = q::settings_of(conn, &ids).await?;
    Ok(ids
        .into_iter()
        .map(|id| {
            rows.iter()
                .find(|r| r.council_id == id)
                .cloned()
                .map_or_else(|| Effective::defaults(id), Effective::from_row)
        })
        .collect())
}

/// The end of the call-in period of a decision published on `published`, from the council's
/// settings and the holidays of its calendar (read from the database).
pub async fn call_in_deadline(
    conn: &mut AsyncPgConnection,
    settings: &Effective,
    published: NaiveDate,
) -> Result<DateTime<Utc>, ApiError> {
    let rule = settings.rule;
    // Enough calendar days for the period and a generous number of holidays; widened if a
    // calendar has so many holidays that the period runs past it.
    let mut span: u64 = u64::from(rule.working_days) * 2 + 30;
    loop {
        let to = published
            .checked_add_days(Days::new(span))
            .ok_or_else(|| ApiError::invalid("published_on", "is too late a date"))?;
        let dates = q::holiday_dates(conn, settings.calendar_id, published, to).await?;
        let calendar = HolidayCalendar::new(dates);
        let last_day = calendar
            .checked_nth_working_day_from(published, rule.working_days)
            .ok_or_else(|| ApiError::invalid("published_on", "is too late a date"))?;
        if last_day <= to {
            return Ok(rule.deadline_utc(published, &calendar));
        }
        if span > 366 * 50 {
            return Err(ApiError::conflict(
                "The council's calendar has no working days in the call-in period.",
            ));
        }
        span *= 4;
    }
}

// ---- parsing -------------------------------------------------------------------------------

/// Parses an ISO day (yyyy-mm-dd).
pub fn parse_day(errors: &mut ValidationErrors, field: &str, raw: &str) -> Option<NaiveDate> {
    errors.check(
        field,
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
            .map_err(|_| format!("must be a date in the form yyyy-mm-dd (got \"{raw}\")")),
    )
}

fn parse_end_time(raw: &str) -> Result<NaiveTime, String> {
    let raw = raw.trim();
    let well_formed = raw.len() == 5 && raw.as_bytes()[2] == b':';
    well_formed
        .then(|| NaiveTime::parse_from_str(raw, "%H:%M").ok())
        .flatten()
        .ok_or_else(|| format!("must be a time in the form HH:MM, 00:00 to 23:59 (got \"{raw}\")"))
}

fn parse_months(raw: i64) -> Result<i32, String> {
    i32::try_from(raw)
        .ok()
        .filter(|m| (1..=MAX_FIRST_UPDATE_MONTHS).contains(m))
        .ok_or_else(|| format!("must be between 1 and {MAX_FIRST_UPDATE_MONTHS} months"))
}

fn parse_working_days(raw: i64) -> Result<u32, String> {
    u32::try_from(raw)
        .ok()
        .filter(|d| (MIN_CALL_IN_WORKING_DAYS..=MAX_CALL_IN_WORKING_DAYS).contains(d))
        .ok_or_else(|| {
            format!(
                "must be between {MIN_CALL_IN_WORKING_DAYS} and {MAX_CALL_IN_WORKING_DAYS} working days (default {DEFAULT_CALL_IN_WORKING_DAYS})"
            )
        })
}

/// A call-in rule with the time zone named `raw` (an IANA name such as "Europe/London").
fn rule_in_zone(days: u32, end_time: NaiveTime, raw: &str) -> Result<CallInRule, String> {
    let zoned = CallInRule {
        tz: raw.trim().parse().map_err(|_| {
            format!("must be an IANA time zone such as Europe/London (got \"{raw}\")")
        })?,
        ..CallInRule::default()
    };
    CallInRule::new(days, end_time, zoned.tz).map_err(|e| e.to_string())
}

// ---- calendars -----------------------------------------------------------------------------

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
    principal.require(ANY_ROLE)?;
    let limit = page.limit()?;
    let after = page
        .decode_cursor::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let mut conn = state.pool.get().await?;
    let rows = q::list(&mut conn, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.name, r.id)));
    Ok(HttpResponse::Ok().json(Page {
        items: rows.into_iter().map(Calendar::from).collect::<Vec<_>>(),
        next_cursor,
    }))
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
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let row = q::find(&mut conn, id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    let dto = Calendar::from(row);
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
    principal.require(ADMIN)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", Name::parse(&body.name));
    errors.into_result()?;
    let name = name.expect("checked");
    let mut conn = state.pool.get().await?;
    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let row = q::insert(
                conn,
                &q::NewCalendar {
                    id: Uuid::now_v7(),
                    name: name.as_str(),
                },
            )
            .await
            .map_err(|e| match ApiError::from(e) {
                ApiError::Conflict { .. } => {
                    ApiError::conflict("A calendar with this name already exists.")
                }
                other => other,
            })?;
            let dto = Calendar::from(row);
            audit::created(
                conn,
                &principal,
                "calendar.created",
                CALENDAR_ENTITY,
                dto.id,
                &dto,
            )
            .await?;
            Ok(dto)
        })
        .await?;
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
    principal.require(ANY_ROLE)?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    q::find(&mut conn, id).await?.ok_or(ApiError::NotFound)?;
    let page = history::page(&mut conn, CALENDAR_ENTITY, id, &page).await?;
    Ok(HttpResponse::Ok().json(page))
}

// ---- holidays ------------------------------------------------------------------------------

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
    principal.require(ANY_ROLE)?;
    let limit = page.limit()?;
    let after = page.decode_cursor::<NaiveDate>()?;
    let mut errors = ValidationErrors::new();
    let from = filter
        .from
        .as_deref()
        .and_then(|raw| parse_day(&mut errors, "from", raw));
    let to = filter
        .to
        .as_deref()
        .and_then(|raw| parse_day(&mut errors, "to", raw));
    errors.into_result()?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    q::find(&mut conn, id).await?.ok_or(ApiError::NotFound)?;
    let rows = q::list_holidays(&mut conn, id, from, to, after, limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&r.day));
    Ok(HttpResponse::Ok().json(Page {
        items: rows.into_iter().map(Holiday::from).collect::<Vec<_>>(),
        next_cursor,
    }))
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
    principal.require(ADMIN)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let day = parse_day(&mut errors, "date", &body.date);
    let title = errors.check("title", Name::parse(&body.title));
    errors.into_result()?;
    let (day, title) = (day.expect("checked"), title.expect("checked"));
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            q::find_for_update(conn, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            if q::find_holiday(conn, id, day).await?.is_some() {
                return Err(ApiError::conflict(format!(
                    "The calendar already has a holiday on {day}."
                )));
            }
            let row = q::insert_holiday(
                conn,
                &q::NewHoliday {
                    calendar_id: id,
                    day,
                    title: title.as_str(),
                },
            )
            .await?;
            q::touch(conn, id).await?;
            let dto = Holiday::from(row);
            audit::created(conn, &principal, "holiday.added", CALENDAR_ENTITY, id, &dto).await?;
            Ok(dto)
        })
        .await?;
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
    principal.require(ADMIN)?;
    let (id, raw) = path.into_inner();
    let day = NaiveDate::parse_from_str(&raw, "%Y-%m-%d").map_err(|_| ApiError::NotFound)?;
    let mut conn = state.pool.get().await?;
    conn.transaction::<_, ApiError, _>(async |conn| {
        q::find_for_update(conn, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let before = q::find_holiday(conn, id, day)
            .await?
            .ok_or(ApiError::NotFound)?;
        q::delete_holiday(conn, id, day).await?;
        q::touch(conn, id).await?;
        scrutiny_db::queries::audit::record(
            conn,
            &audit::event(
                &principal,
                "holiday.removed",
                CALENDAR_ENTITY,
                id,
                audit::snapshot(&Holiday::from(before)),
                None,
            ),
        )
        .await?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

// ---- council settings ----------------------------------------------------------------------

/// Checks that `council_id` is a council; 404 otherwise.
async fn require_council(conn: &mut AsyncPgConnection, council_id: Uuid) -> Result<(), ApiError> {
    match q::organisation_kind(conn, council_id).await?.as_deref() {
        Some("council") => Ok(()),
        _ => Err(ApiError::NotFound),
    }
}

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
    principal.require(ANY_ROLE)?;
    let council_id = council_id.into_inner();
    access::check_council_visible(access::scope(&principal), council_id)?;
    let mut conn = state.pool.get().await?;
    require_council(&mut conn, council_id).await?;
    let dto = effective_settings(&mut conn, council_id).await?.to_dto();
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
    let council_id = council_id.into_inner();
    access::check_write(&principal, council_id)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let days = errors.check(
        "call_in_working_days",
        parse_working_days(body.call_in_working_days),
    );
    let end_time = errors.check("call_in_end_time", parse_end_time(&body.call_in_end_time));
    let months = errors.check(
        "first_update_months",
        parse_months(body.first_update_months),
    );
    let zone = errors.check(
        "time_zone",
        rule_in_zone(
            days.unwrap_or(DEFAULT_CALL_IN_WORKING_DAYS),
            end_time.unwrap_or(NaiveTime::MIN),
            &body.time_zone,
        ),
    );
    let grade_scale = match &body.grade_scale {
        None | Some(serde_json::Value::Null) => None,
        Some(json) => match serde_json::from_value::<GradeScale>(json.clone()) {
            Ok(scale) => Some(scale),
            Err(e) => {
                errors.add("grade_scale", e.to_string());
                None
            }
        },
    };
    let reminder_days = body
        .reminder_days_before
        .unwrap_or(i64::from(DEFAULT_REMINDER_DAYS_BEFORE));
    if !(0..=90).contains(&reminder_days) {
        errors.add("reminder_days_before", "must be between 0 and 90");
    }
    let chaser_days = body
        .chaser_interval_days
        .unwrap_or(i64::from(DEFAULT_CHASER_INTERVAL_DAYS));
    if !(1..=90).contains(&chaser_days) {
        errors.add("chaser_interval_days", "must be between 1 and 90");
    }
    let mut conn = state.pool.get().await?;
    if q::find(&mut conn, body.calendar_id).await?.is_none() {
        errors.add("calendar_id", "no such calendar");
    }
    errors.into_result()?;
    // A new scale must still name every grade the council's entries carry.
    {
        let default_scale;
        let scale = match &grade_scale {
            Some(scale) => scale,
            None => {
                default_scale = GradeScale::default_scale();
                &default_scale
            }
        };
        let used =
            scrutiny_db::queries::progress::grade_codes_in_use(&mut conn, council_id).await?;
        let missing: Vec<String> = used
            .into_iter()
            .filter(|code| scale.level(code).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(ApiError::invalid(
                "grade_scale",
                format!(
                    "has no level for the grade(s) {} that the council's progress entries carry",
                    missing.join(", ")
                ),
            ));
        }
    }
    let values = q::SettingsValues {
        council_id,
        calendar_id: body.calendar_id,
        call_in_working_days: i32::try_from(days.expect("checked")).unwrap_or(i32::MAX),
        call_in_end_time: end_time.expect("checked"),
        time_zone: zone.expect("checked").tz.name().to_owned(),
        first_update_months: months.expect("checked"),
        grade_scale: grade_scale
            .map(|scale| serde_json::to_value(scale).map_err(ApiError::internal))
            .transpose()?,
        reminder_days_before: reminder_days as i32,
        chaser_interval_days: chaser_days as i32,
    };
    let saved = conn
        .transaction::<_, ApiError, _>(async |conn| {
            require_council(conn, council_id).await?;
            let existing = q::find_settings_for_update(conn, council_id).await?;
            let before = match existing {
                Some(row) => {
                    if_match
                        .as_ref()
                        .ok_or(ApiError::PreconditionRequired)?
                        .check(row.version)?;
                    Effective::from_row(row)
                }
                None => {
                    if let Some(if_match) = &if_match {
                        if_match.check(0)?;
                    }
                    Effective::defaults(council_id)
                }
            };
            let row = if before.row.is_some() {
                q::update_settings(conn, &values).await?
            } else {
                q::insert_settings(conn, &values).await?
            };
            let after = Effective::from_row(row).to_dto();
            scrutiny_db::queries::audit::record(
                conn,
                &audit::event(
                    &principal,
                    "council_settings.updated",
                    SETTINGS_ENTITY,
                    council_id,
                    audit::snapshot(&before.to_dto()),
                    audit::snapshot(&after),
                ),
            )
            .await?;
            Ok(after)
        })
        .await?;
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
    principal.require(ANY_ROLE)?;
    let council_id = council_id.into_inner();
    access::check_council_visible(access::scope(&principal), council_id)?;
    let mut conn = state.pool.get().await?;
    require_council(&mut conn, council_id).await?;
    let page = history::page(&mut conn, SETTINGS_ENTITY, council_id, &page).await?;
    Ok(HttpResponse::Ok().json(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_times_are_hh_mm() {
        assert_eq!(
            parse_end_time("23:59"),
            Ok(NaiveTime::from_hms_opt(23, 59, 0).unwrap())
        );
        assert_eq!(
            parse_end_time("09:30"),
            Ok(NaiveTime::from_hms_opt(9, 30, 0).unwrap())
        );
        for bad in ["24:00", "9:30", "23:59:00", "noon", ""] {
            assert!(parse_end_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn zones_are_iana_names() {
        let end = NaiveTime::from_hms_opt(23, 59, 0).unwrap();
        assert_eq!(
            rule_in_zone(5, end, "Europe/London").unwrap().tz.name(),
            "Europe/London"
        );
        assert!(rule_in_zone(5, end, "Mars/Olympus").is_err());
        assert!(rule_in_zone(0, end, "Europe/London").is_err());
    }

    #[test]
    fn limits_of_numbers() {
        assert!(parse_working_days(0).is_err());
        assert_eq!(parse_working_days(60), Ok(60));
        assert!(parse_working_days(61).is_err());
        assert!(parse_months(0).is_err());
        assert_eq!(parse_months(12), Ok(12));
    }
}
