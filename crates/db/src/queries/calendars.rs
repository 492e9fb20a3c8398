//! Working-day calendars (bank holidays) and per-council settings of the call-in period.
use crate::page::{fetch_size, TextKey};
use crate::schema::{council_settings, holiday_calendars, holidays, organisations};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

/// The calendar every council uses until its settings name another (seeded by the migration).
pub const ENGLAND_AND_WALES: Uuid = Uuid::from_u128(0x00000000_0000_7000_8000_000000000001);

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = holiday_calendars, check_for_backend(diesel::pg::Pg))]
pub struct CalendarRow {
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
    /// The council a local calendar belongs to; none for a national one.
    pub council_id: Option<Uuid>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = holiday_calendars)]
pub struct NewCalendar<'a> {
    pub id: Uuid,
    pub name: &'a str,
    pub council_id: Option<Uuid>,
}

/// Which calendars a list holds.
#[derive(Debug, Clone, Copy)]
pub enum CalendarScope {
    /// Every calendar, national and local.
    All,
    /// The national calendars and this council's local ones.
    NationalAnd(Uuid),
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = holidays, check_for_backend(diesel::pg::Pg))]
pub struct HolidayRow {
    pub calendar_id: Uuid,
    pub day: NaiveDate,
    pub title: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = holidays)]
pub struct NewHoliday<'a> {
    pub calendar_id: Uuid,
    pub day: NaiveDate,
    pub title: &'a str,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = council_settings, check_for_backend(diesel::pg::Pg))]
pub struct SettingsRow {
    pub council_id: Uuid,
    pub calendar_id: Uuid,
    pub call_in_working_days: i32,
    pub call_in_end_time: NaiveTime,
    pub time_zone: String,
    pub first_update_months: i32,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
    pub grade_scale: Option<serde_json::Value>,
    pub reminder_days_before: i32,
    pub chaser_interval_days: i32,
    pub executive_response_amount: i32,
    pub executive_response_unit: String,
    pub partner_response_amount: i32,
    pub partner_response_unit: String,
}

/// The settings as written by `PUT` (every field; the row is replaced: no grade scale is the
/// default scale).
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = council_settings, primary_key(council_id), treat_none_as_null = true)]
pub struct SettingsValues {
    pub council_id: Uuid,
    pub calendar_id: Uuid,
    pub call_in_working_days: i32,
    pub call_in_end_time: NaiveTime,
    pub time_zone: String,
    pub first_update_months: i32,
    pub grade_scale: Option<serde_json::Value>,
    pub reminder_days_before: i32,
    pub chaser_interval_days: i32,
    pub executive_response_amount: i32,
    pub executive_response_unit: String,
    pub partner_response_amount: i32,
    pub partner_response_unit: String,
}

/// Calendars by name.
pub async fn list(
    conn: &mut AsyncPgConnection,
    scope: CalendarScope,
    after: Option<&TextKey>,
    limit: u32,
) -> Result<Vec<CalendarRow>, Error> {
    use holiday_calendars::dsl as c;
    let mut query = c::holiday_calendars
        .select(CalendarRow::as_select())
        .into_boxed();
    match scope {
        CalendarScope::All => {}
        CalendarScope::NationalAnd(council) => {
            query = query.filter(c::council_id.is_null().or(c::council_id.eq(council)))
        }
    }
    if let Some(k) = after {
        query = query.filter(
            c::name
                .gt(k.key.clone())
                .or(c::name.eq(k.key.clone()).and(c::id.gt(k.id))),
        );
    }
    query
        .order((c::name.asc(), c::id.asc()))
        .limit(fetch_size(limit))
        .load(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<CalendarRow>, Error> {
    holiday_calendars::table
        .find(id)
        .select(CalendarRow::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<CalendarRow>, Error> {
    holiday_calendars::table
        .find(id)
        .select(CalendarRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewCalendar<'_>,
) -> Result<CalendarRow, Error> {
    diesel::insert_into(holiday_calendars::table)
        .values(new)
        .returning(CalendarRow::as_returning())
        .get_result(conn)
        .await
}

/// Marks a calendar as changed (its holidays were added to or removed).
pub async fn touch(conn: &mut AsyncPgConnection, id: Uuid) -> Result<CalendarRow, Error> {
    use holiday_calendars::dsl as c;
    diesel::update(c::holiday_calendars.find(id))
        .set((
            c::version.eq(c::version + 1),
            c::updated_at.eq(diesel::dsl::now),
        ))
        .returning(CalendarRow::as_returning())
        .get_result(conn)
        .await
}

/// A calendar's holidays in `[from, to]` (either end open), by date, after `after`.
pub async fn list_holidays(
    conn: &mut AsyncPgConnection,
    calendar_id: Uuid,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    after: Option<NaiveDate>,
    limit: u32,
) -> Result<Vec<HolidayRow>, Error> {
    use holidays::dsl as h;
    let mut query = h::holidays
        .filter(h::calendar_id.eq(calendar_id))
        .select(HolidayRow::as_select())
        .into_boxed();
    if let Some(from) = from {
        query = query.filter(h::day.ge(from));
    }
    if let Some(to) = to {
        query = query.filter(h::day.le(to));
    }
    if let Some(after) = after {
        query = query.filter(h::day.gt(after));
    }
    query
        .order(h::day.asc())
        .limit(fetch_size(limit))
        .load(conn)
        .await
}

/// The dates of a calendar's holidays in `[from, to]`, for working-day arithmetic.
pub async fn holiday_dates(
    conn: &mut AsyncPgConnection,
    calendar_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<NaiveDate>, Error> {
    use holidays::dsl as h;
    h::holidays
        .filter(h::calendar_id.eq(calendar_id))
        .filter(h::day.between(from, to))
        .select(h::day)
        .order(h::day.asc())
        .load(conn)
        .await
}

pub async fn insert_holiday(
    conn: &mut AsyncPgConnection,
    new: &NewHoliday<'_>,
) -> Result<HolidayRow, Error> {
    diesel::insert_into(holidays::table)
        .values(new)
        .returning(HolidayRow::as_returning())
        .get_result(conn)
        .await
}

pub async fn find_holiday(
    conn: &mut AsyncPgConnection,
    calendar_id: Uuid,
    day: NaiveDate,
) -> Result<Option<HolidayRow>, Error> {
    holidays::table
        .find((calendar_id, day))
        .select(HolidayRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

pub async fn delete_holiday(
    conn: &mut AsyncPgConnection,
    calendar_id: Uuid,
    day: NaiveDate,
) -> Result<usize, Error> {
    diesel::delete(holidays::table.find((calendar_id, day)))
        .execute(conn)
        .await
}

/// The kind of an organisation, to check that settings are asked of a council.
pub async fn organisation_kind(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<String>, Error> {
    organisations::table
        .find(id)
        .select(organisations::kind)
        .first(conn)
        .await
        .optional()
}

pub async fn find_settings(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
) -> Result<Option<SettingsRow>, Error> {
    council_settings::table
        .find(council_id)
        .select(SettingsRow::as_select())
        .first(conn)
        .await
        .optional()
}

/// The settings of several councils at once (for a page of records of several councils).
pub async fn settings_of(
    conn: &mut AsyncPgConnection,
    council_ids: &[Uuid],
) -> Result<Vec<SettingsRow>, Error> {
    council_settings::table
        .filter(council_settings::council_id.eq_any(council_ids))
        .select(SettingsRow::as_select())
        .load(conn)
        .await
}

pub async fn find_settings_for_update(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
) -> Result<Option<SettingsRow>, Error> {
    council_settings::table
        .find(council_id)
        .select(SettingsRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

pub async fn insert_settings(
    conn: &mut AsyncPgConnection,
    values: &SettingsValues,
) -> Result<SettingsRow, Error> {
    diesel::insert_into(council_settings::table)
        .values(values)
        .returning(SettingsRow::as_returning())
        .get_result(conn)
        .await
}

pub async fn update_settings(
    conn: &mut AsyncPgConnection,
    values: &SettingsValues,
) -> Result<SettingsRow, Error> {
    use council_settings::dsl as s;
    diesel::update(s::council_settings.find(values.council_id))
        .set((
            values,
            s::version.eq(s::version + 1),
            s::updated_at.eq(diesel::dsl::now),
        ))
        .returning(SettingsRow::as_returning())
        .get_result(conn)
        .await
}
