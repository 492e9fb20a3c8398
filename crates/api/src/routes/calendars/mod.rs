//! Working-day calendars (bank holidays) and each council's call-in settings. Everyone signed in
//! reads calendars; admins keep them. A council's settings are kept by admins and its officers.
//! The request bodies live here and become the commands of `scrutiny_app::calendars`; one handler
//! per file (or a few tiny related ones).
use scrutiny_app::calendars as app;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

mod calendar;
mod holidays;
mod settings;

pub use self::calendar::*;
pub use self::holidays::*;
pub use self::settings::*;

pub use scrutiny_app::views::calendars::{
    Calendar, CouncilSettings, GradeLevelDoc, GradeScaleDoc, Holiday,
};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCalendar {
    #[schema(example = "Stockton-on-Tees council closure days")]
    pub name: String,
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
    /// How long the executive has to respond to a report; default 2 months.
    pub executive_response_period: Option<ResponsePeriodInput>,
    /// How long a responsible partner has to respond; default 28 days.
    pub partner_response_period: Option<ResponsePeriodInput>,
}

/// A response period: `{"amount": 2, "unit": "months"}`, `{"amount": 28, "unit": "days"}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponsePeriodInput {
    /// 1–366 days or 1–24 months.
    #[schema(minimum = 1, maximum = 366, example = 28)]
    pub amount: i64,
    #[schema(value_type = scrutiny_domain::responses::PeriodUnit)]
    pub unit: String,
}

impl From<HolidayFilter> for app::HolidayFilter {
    fn from(f: HolidayFilter) -> Self {
        app::HolidayFilter {
            from: f.from,
            to: f.to,
        }
    }
}

/// The command of a PUT: the body, the council and the version read (if any).
pub(crate) fn put_settings_command(
    council_id: Uuid,
    precondition: Option<scrutiny_app::Precondition>,
    b: PutCouncilSettings,
) -> app::PutSettings {
    app::PutSettings {
        council_id,
        precondition,
        calendar_id: b.calendar_id,
        call_in_working_days: b.call_in_working_days,
        call_in_end_time: b.call_in_end_time,
        time_zone: b.time_zone,
        first_update_months: b.first_update_months,
        grade_scale: b.grade_scale,
        reminder_days_before: b.reminder_days_before,
        chaser_interval_days: b.chaser_interval_days,
        executive_response_period: b.executive_response_period.map(|p| (p.amount, p.unit)),
        partner_response_period: b.partner_response_period.map(|p| (p.amount, p.unit)),
    }
}
