//! Working-day calendars (bank holidays) and each council's settings: call-in periods, the first
//! progress update, the grade scale and reminders. Everyone signed in reads calendars; admins keep
//! them. A council's settings are kept by admins and its officers; every change is audited (a
//! holiday's against its calendar, settings against the council).
use crate::access;
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::principal::{Principal, ADMIN, ANY_ROLE};
use crate::views::audit::{history, AuditEvent};
use crate::views::calendars::{
    Calendar, CouncilSettings, Effective, Holiday, DEFAULT_CHASER_INTERVAL_DAYS,
    DEFAULT_REMINDER_DAYS_BEFORE,
};
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::calendars as q;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::calendar::{
    CallInRule, HolidayCalendar, DEFAULT_CALL_IN_WORKING_DAYS, MAX_CALL_IN_WORKING_DAYS,
    MIN_CALL_IN_WORKING_DAYS,
};
use scrutiny_domain::people::Name;
use scrutiny_domain::progress::GradeScale;
use scrutiny_domain::responses::{PeriodUnit, ResponsePeriod};
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

pub use crate::views::calendars::{effective_settings, effective_settings_of};

/// The audit entity of a calendar (its holidays' changes are recorded against it too).
const CALENDAR_ENTITY: &str = "holiday_calendar";
/// The audit entity of a council's settings (the entity id is the council's).
const SETTINGS_ENTITY: &str = "council_settings";
const MAX_FIRST_UPDATE_MONTHS: i32 = 60;

// ---- the call-in computation ---------------------------------------------------------------

/// The end of the call-in period of a decision published on `published`, from the council's
/// settings and the holidays of its calendar (read from the database).
pub async fn call_in_deadline(
    conn: &mut AsyncPgConnection,
    settings: &Effective,
    published: NaiveDate,
) -> Result<DateTime<Utc>, AppError> {
    let rule = settings.rule;
    // Enough calendar days for the period and a generous number of holidays; widened if a
    // calendar has so many holidays that the period runs past it.
    let mut span: u64 = u64::from(rule.working_days) * 2 + 30;
    loop {
        let to = published
            .checked_add_days(Days::new(span))
            .ok_or_else(|| AppError::invalid("published_on", "is too late a date"))?;
        let dates = q::holiday_dates(conn, settings.calendar_id, published, to).await?;
        let calendar = HolidayCalendar::new(dates);
        let last_day = calendar
            .checked_nth_working_day_from(published, rule.working_days)
            .ok_or_else(|| AppError::invalid("published_on", "is too late a date"))?;
        if last_day <= to {
            return Ok(rule.deadline_utc(published, &calendar));
        }
        if span > 366 * 50 {
            return Err(AppError::conflict(
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

/// The working-day calendars, by name.
pub async fn list_calendars(
    ctx: &mut Ctx<'_>,
    page: &PageRequest,
) -> Result<Page<Calendar>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let limit = page.limit;
    let after = page
        .decode::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let scope = match ctx.principal.own_council() {
        Some(own) => q::CalendarScope::NationalAnd(own),
        None => q::CalendarScope::All,
    };
    let rows = q::list(ctx.db(), scope, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.name, r.id)));
    Ok(Page {
        items: rows.into_iter().map(Calendar::from).collect(),
        next_cursor,
    })
}

pub async fn get_calendar(ctx: &mut Ctx<'_>, id: Uuid) -> Result<Calendar, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    Ok(Calendar::from(visible_calendar(ctx, id).await?))
}

/// Whether `principal` sees a calendar of `council` (none: a national one): everyone sees the
/// national calendars; a council's local one, its own people, the operators, and the partners that
/// work with that council (a partner's deadlines count its working days; row-level security keeps
/// a partner to the councils it works with), never another council's people.
fn sees_calendar(principal: &Principal, council: Option<Uuid>) -> bool {
    match (council, principal.own_council()) {
        (None, _) | (_, None) => true,
        (Some(council), Some(own)) => council == own,
    }
}

/// The calendar `id` if the caller sees it; 404 otherwise.
async fn visible_calendar(ctx: &mut Ctx<'_>, id: Uuid) -> Result<q::CalendarRow, AppError> {
    q::find(ctx.db(), id)
        .await?
        .filter(|row| sees_calendar(&ctx.principal, row.council_id))
        .ok_or(AppError::NotFound)
}

/// Checks that the caller may change a calendar: a national one, the operators only (it is every
/// council's); a local one, its council's admins and the operators.
fn check_keeps_calendar(principal: &Principal, council: Option<Uuid>) -> Result<(), AppError> {
    match (council, access::administered_council(principal)?) {
        (_, None) => Ok(()),
        (Some(council), Some(administered)) if council == administered => Ok(()),
        (Some(_), Some(_)) => Err(AppError::NotFound),
        // Shared by every council: a council's own closure days go in a local calendar.
        (None, Some(_)) => Err(AppError::Forbidden),
    }
}

/// The calendar `id` locked for a change the caller may make; 404 or 403 otherwise.
async fn kept_calendar(ctx: &mut Ctx<'_>, id: Uuid) -> Result<q::CalendarRow, AppError> {
    let row = q::find_for_update(ctx.db(), id)
        .await?
        .filter(|row| sees_calendar(&ctx.principal, row.council_id))
        .ok_or(AppError::NotFound)?;
    check_keeps_calendar(&ctx.principal, row.council_id)?;
    Ok(row)
}

#[derive(Debug, Clone)]
pub struct CreateCalendar {
    pub name: String,
}

/// Creates an empty working-day calendar; audited as `calendar.created`. An operator's is
/// national; a council admin's is local to their council.
pub async fn create_calendar(ctx: &mut Ctx<'_>, cmd: CreateCalendar) -> Result<Calendar, AppError> {
    let council_id = access::administered_council(&ctx.principal)?;
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", Name::parse(&cmd.name));
    errors.into_result()?;
    let Some(name) = name else {
        return Err(AppError::invalid("name", "is required"));
    };
    ctx.tx(async |ctx| {
        let row = q::insert(
            ctx.db(),
            &q::NewCalendar {
                id: Uuid::now_v7(),
                name: name.as_str(),
                council_id,
            },
        )
        .await
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict { .. } => {
                AppError::conflict("A calendar with this name already exists.")
            }
            other => other,
        })?;
        let dto = Calendar::from(row);
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "calendar.created",
            CALENDAR_ENTITY,
            dto.id,
            &dto,
        )
        .await?;
        Ok(dto)
    })
    .await
}

/// A calendar's changes: its creation and every holiday added or removed, newest first.
pub async fn calendar_history(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: &PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    visible_calendar(ctx, id).await?;
    history(ctx.db(), CALENDAR_ENTITY, id, page).await
}

// ---- holidays ------------------------------------------------------------------------------

/// Which holidays of a calendar to list: between two days (yyyy-mm-dd), both optional.
#[derive(Debug, Clone, Default)]
pub struct HolidayFilter {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A calendar's holidays by date, earliest first.
pub async fn list_holidays(
    ctx: &mut Ctx<'_>,
    calendar_id: Uuid,
    filter: &HolidayFilter,
    page: &PageRequest,
) -> Result<Page<Holiday>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let limit = page.limit;
    let after = page.decode::<NaiveDate>()?;
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
    visible_calendar(ctx, calendar_id).await?;
    let rows = q::list_holidays(ctx.db(), calendar_id, from, to, after, limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&r.day));
    Ok(Page {
        items: rows.into_iter().map(Holiday::from).collect(),
        next_cursor,
    })
}

#[derive(Debug, Clone)]
pub struct AddHoliday {
    pub calendar_id: Uuid,
    /// yyyy-mm-dd.
    pub date: String,
    pub title: String,
}

/// Adds a holiday to a calendar (its keepers: see `check_keeps_calendar`); audited as
/// `holiday.added` against the calendar.
/// Decisions already made keep their call-in deadline until it is recomputed.
pub async fn add_holiday(ctx: &mut Ctx<'_>, cmd: AddHoliday) -> Result<Holiday, AppError> {
    ctx.principal.require(ADMIN)?;
    let mut errors = ValidationErrors::new();
    let day = parse_day(&mut errors, "date", &cmd.date);
    let title = errors.check("title", Name::parse(&cmd.title));
    errors.into_result()?;
    let (Some(day), Some(title)) = (day, title) else {
        return Err(AppError::invalid("body", "is incomplete"));
    };
    let id = cmd.calendar_id;
    ctx.tx(async |ctx| {
        kept_calendar(ctx, id).await?;
        if q::find_holiday(ctx.db(), id, day).await?.is_some() {
            return Err(AppError::conflict(format!(
                "The calendar already has a holiday on {day}."
            )));
        }
        let row = q::insert_holiday(
            ctx.db(),
            &q::NewHoliday {
                calendar_id: id,
                day,
                title: title.as_str(),
            },
        )
        .await?;
        q::touch(ctx.db(), id).await?;
        let dto = Holiday::from(row);
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "holiday.added",
            CALENDAR_ENTITY,
            id,
            &dto,
        )
        .await?;
        Ok(dto)
    })
    .await
}

#[derive(Debug, Clone)]
pub struct RemoveHoliday {
    pub calendar_id: Uuid,
    /// yyyy-mm-dd; a day that is not one is no holiday (404).
    pub date: String,
}

/// Removes a holiday (its calendar's keepers); audited as `holiday.removed` against the calendar, with the removed
/// day before.
pub async fn remove_holiday(ctx: &mut Ctx<'_>, cmd: RemoveHoliday) -> Result<(), AppError> {
    ctx.principal.require(ADMIN)?;
    let id = cmd.calendar_id;
    let day = NaiveDate::parse_from_str(&cmd.date, "%Y-%m-%d").map_err(|_| AppError::NotFound)?;
    ctx.tx(async |ctx| {
        kept_calendar(ctx, id).await?;
        let before = q::find_holiday(ctx.db(), id, day)
            .await?
            .ok_or(AppError::NotFound)?;
        q::delete_holiday(ctx.db(), id, day).await?;
        q::touch(ctx.db(), id).await?;
        let event = audit::event(
            &ctx.principal,
            "holiday.removed",
            CALENDAR_ENTITY,
            id,
            audit::snapshot(&Holiday::from(before)),
            None,
        );
        crate::audit::record(ctx.db(), &event).await?;
        Ok(())
    })
    .await
}

// ---- council settings ----------------------------------------------------------------------

/// Checks that `council_id` is a council; 404 otherwise.
async fn require_council(conn: &mut AsyncPgConnection, council_id: Uuid) -> Result<(), AppError> {
    match q::organisation_kind(conn, council_id).await?.as_deref() {
        Some("council") => Ok(()),
        _ => Err(AppError::NotFound),
    }
}

/// A council's settings in effect (the defaults if it has none of its own).
pub async fn get_settings(
    ctx: &mut Ctx<'_>,
    council_id: Uuid,
) -> Result<CouncilSettings, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    access::check_council_readable(ctx, council_id).await?;
    require_council(ctx.db(), council_id).await?;
    Ok(effective_settings(ctx.db(), council_id).await?.to_dto())
}

/// A council's settings as given, before they are checked.
#[derive(Debug, Clone)]
pub struct PutSettings {
    pub council_id: Uuid,
    /// Required once the council has settings of its own (the defaults are version 0).
    pub precondition: Option<Precondition>,
    pub calendar_id: Uuid,
    pub call_in_working_days: i64,
    /// HH:MM.
    pub call_in_end_time: String,
    /// An IANA time zone.
    pub time_zone: String,
    pub first_update_months: i64,
    /// A grade scale as JSON; absent or null: the default 1–4 scale.
    pub grade_scale: Option<serde_json::Value>,
    pub reminder_days_before: Option<i64>,
    pub chaser_interval_days: Option<i64>,
    /// Absent: the legal default (2 months).
    pub executive_response_period: Option<(i64, String)>,
    /// Absent: the legal default (28 days).
    pub partner_response_period: Option<(i64, String)>,
}

/// Replaces a council's settings (its admins and officers); audited as
/// `council_settings.updated` against the council, with the settings in effect before and after.
/// A new grade scale must still name every grade the council's progress entries carry.
pub async fn put_settings(
    ctx: &mut Ctx<'_>,
    cmd: PutSettings,
) -> Result<CouncilSettings, AppError> {
    let council_id = cmd.council_id;
    access::check_write(&ctx.principal, council_id)?;
    let mut errors = ValidationErrors::new();
    let days = errors.check(
        "call_in_working_days",
        parse_working_days(cmd.call_in_working_days),
    );
    let end_time = errors.check("call_in_end_time", parse_end_time(&cmd.call_in_end_time));
    let months = errors.check("first_update_months", parse_months(cmd.first_update_months));
    let zone = errors.check(
        "time_zone",
        rule_in_zone(
            days.unwrap_or(DEFAULT_CALL_IN_WORKING_DAYS),
            end_time.unwrap_or(NaiveTime::MIN),
            &cmd.time_zone,
        ),
    );
    let grade_scale = match &cmd.grade_scale {
        None | Some(serde_json::Value::Null) => None,
        Some(json) => match serde_json::from_value::<GradeScale>(json.clone()) {
            Ok(scale) => Some(scale),
            Err(e) => {
                errors.add("grade_scale", e.to_string());
                None
            }
        },
    };
    let reminder_days = cmd
        .reminder_days_before
        .unwrap_or(i64::from(DEFAULT_REMINDER_DAYS_BEFORE));
    if !(0..=90).contains(&reminder_days) {
        errors.add("reminder_days_before", "must be between 0 and 90");
    }
    let chaser_days = cmd
        .chaser_interval_days
        .unwrap_or(i64::from(DEFAULT_CHASER_INTERVAL_DAYS));
    if !(1..=90).contains(&chaser_days) {
        errors.add("chaser_interval_days", "must be between 1 and 90");
    }
    let mut period = |field: &str, given: &Option<(i64, String)>, default: ResponsePeriod| {
        let Some((amount, unit)) = given else {
            return default;
        };
        let parsed = unit
            .parse::<PeriodUnit>()
            .map_err(|e| format!("unit must be one of {}", e.expected))
            .and_then(|unit| ResponsePeriod::new(*amount, unit).map_err(|e| e.to_string()));
        match parsed {
            Ok(p) => p,
            Err(message) => {
                errors.add(field, message);
                default
            }
        }
    };
    let executive_response = period(
        "executive_response_period",
        &cmd.executive_response_period,
        ResponsePeriod::EXECUTIVE_DEFAULT,
    );
    let partner_response = period(
        "partner_response_period",
        &cmd.partner_response_period,
        ResponsePeriod::PARTNER_DEFAULT,
    );
    let usable = q::find(ctx.db(), cmd.calendar_id)
        .await?
        .is_some_and(|c| c.council_id.is_none_or(|owner| owner == council_id));
    if !usable {
        errors.add(
            "calendar_id",
            "no such calendar for this council (a national calendar or one of its own)",
        );
    }
    errors.into_result()?;
    let (Some(days), Some(end_time), Some(months), Some(zone)) = (days, end_time, months, zone)
    else {
        return Err(AppError::invalid("body", "is incomplete"));
    };
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
        let used = scrutiny_db::queries::progress::grade_codes_in_use(ctx.db(), council_id).await?;
        let missing: Vec<String> = used
            .into_iter()
            .filter(|code| scale.level(code).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(AppError::invalid(
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
        calendar_id: cmd.calendar_id,
        call_in_working_days: i32::try_from(days).unwrap_or(i32::MAX),
        call_in_end_time: end_time,
        time_zone: zone.tz.name().to_owned(),
        first_update_months: months,
        grade_scale: grade_scale
            .map(|scale| serde_json::to_value(scale).map_err(AppError::internal))
            .transpose()?,
        reminder_days_before: reminder_days as i32,
        chaser_interval_days: chaser_days as i32,
        executive_response_amount: executive_response.amount as i32,
        executive_response_unit: executive_response.unit.as_str().to_owned(),
        partner_response_amount: partner_response.amount as i32,
        partner_response_unit: partner_response.unit.as_str().to_owned(),
    };
    let precondition = cmd.precondition;
    ctx.tx(async |ctx| {
        require_council(ctx.db(), council_id).await?;
        let existing = q::find_settings_for_update(ctx.db(), council_id).await?;
        let before = match existing {
            Some(row) => {
                precondition
                    .as_ref()
                    .ok_or(AppError::PreconditionRequired)?
                    .check(row.version)?;
                Effective::from_row(row)
            }
            None => {
                if let Some(precondition) = &precondition {
                    precondition.check(0)?;
                }
                Effective::defaults(council_id)
            }
        };
        let row = if before.row.is_some() {
            q::update_settings(ctx.db(), &values).await?
        } else {
            q::insert_settings(ctx.db(), &values).await?
        };
        let after = Effective::from_row(row).to_dto();
        let event = audit::event(
            &ctx.principal,
            "council_settings.updated",
            SETTINGS_ENTITY,
            council_id,
            audit::snapshot(&before.to_dto()),
            audit::snapshot(&after),
        );
        crate::audit::record(ctx.db(), &event).await?;
        Ok(after)
    })
    .await
}

/// A council's settings changes, newest first.
pub async fn settings_history(
    ctx: &mut Ctx<'_>,
    council_id: Uuid,
    page: &PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    access::check_council_readable(ctx, council_id).await?;
    require_council(ctx.db(), council_id).await?;
    history(ctx.db(), SETTINGS_ENTITY, council_id, page).await
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
