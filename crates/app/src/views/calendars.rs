//! Working-day calendars, their holidays and each council's settings as the API shows them, and
//! the settings in effect (a council's own, or the defaults) as the call-in computation uses them.
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use scrutiny_db::queries::calendars as q;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::calendar::CallInRule;
use scrutiny_domain::progress::GradeScale;
use scrutiny_domain::responses::{ResponderKind, ResponsePeriod};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

pub use scrutiny_db::queries::calendars::ENGLAND_AND_WALES;

/// The default months from an action plan's agreement to its first progress update.
pub const DEFAULT_FIRST_UPDATE_MONTHS: i32 = 12;

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
    /// The council whose local calendar this is (its own closure days), seen and kept by that
    /// council's people; absent for a national calendar, kept by the deployment's operator.
    pub council_id: Option<Uuid>,
}

impl From<q::CalendarRow> for Calendar {
    fn from(row: q::CalendarRow) -> Self {
        Self {
            id: row.id,
            name: row.name,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
            council_id: row.council_id,
        }
    }
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
    /// recommendation and which need an explanation (docs/domain.md rule 1).
    #[schema(value_type = GradeScaleDoc)]
    pub grade_scale: GradeScale,
    /// Days before a round's deadline that partners are reminded.
    #[schema(example = 14, minimum = 0, maximum = 90)]
    pub reminder_days_before: i32,
    /// Days between chasers after a missed deadline.
    #[schema(example = 7, minimum = 1, maximum = 90)]
    pub chaser_interval_days: i32,
    /// How long the executive has to respond to a report, from receiving it (default: 2 months,
    /// as the law sets in England).
    pub executive_response_period: ResponsePeriod,
    /// How long a responsible partner has to respond to a crime and disorder committee's report
    /// (default: 28 days).
    pub partner_response_period: ResponsePeriod,
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
    /// Accepted at this level, a recommendation is closed (docs/domain.md rule 5).
    #[schema(default = false)]
    closes: Option<bool>,
    /// A grade at this level must carry an explanation (docs/domain.md rule 1).
    #[schema(default = false)]
    explanation_required: Option<bool>,
    /// A display colour, "#rrggbb".
    colour: Option<String>,
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
    pub executive_response: ResponsePeriod,
    pub partner_response: ResponsePeriod,
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
            executive_response: ResponsePeriod::EXECUTIVE_DEFAULT,
            partner_response: ResponsePeriod::PARTNER_DEFAULT,
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
            executive_response: stored_period(
                row.executive_response_amount,
                &row.executive_response_unit,
                ResponsePeriod::EXECUTIVE_DEFAULT,
            ),
            partner_response: stored_period(
                row.partner_response_amount,
                &row.partner_response_unit,
                ResponsePeriod::PARTNER_DEFAULT,
            ),
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
            executive_response_period: self.executive_response,
            partner_response_period: self.partner_response,
            is_default: self.row.is_none(),
            updated_at: self.row.as_ref().map(|r| r.updated_at),
            version: self.row.as_ref().map_or(0, |r| r.version),
        }
    }
}

/// A stored period (validated when written; the default if not).
fn stored_period(amount: i32, unit: &str, default: ResponsePeriod) -> ResponsePeriod {
    unit.parse()
        .ok()
        .and_then(|unit| ResponsePeriod::new(i64::from(amount), unit).ok())
        .unwrap_or(default)
}

impl Effective {
    /// The period a kind of responder has.
    pub fn response_period(&self, kind: ResponderKind) -> ResponsePeriod {
        match kind {
            ResponderKind::Executive => self.executive_response,
            ResponderKind::Partner => self.partner_response,
        }
    }
}

/// The settings in effect for a council.
pub async fn effective_settings(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
) -> Result<Effective, AppError> {
    Ok(match q::find_settings(conn, council_id).await? {
        Some(row) => Effective::from_row(row),
        None => Effective::defaults(council_id),
    })
}

/// The settings in effect for several councils, one query.
pub async fn effective_settings_of(
    conn: &mut AsyncPgConnection,
    council_ids: &[Uuid],
) -> Result<Vec<Effective>, AppError> {
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
