//! Cabinet decision records: the resolutions mapped to a review's recommendations, and the
//! call-in period (DOMAIN.md rule 7). The deadline is computed from the council's settings and
//! holiday calendar; a deadline the document states is kept as given and compared with it.
use crate::access;
use crate::audit;
use crate::auth::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, IfMatch, PageParams, ValidJson};
use crate::openapi::{ActionErrors, CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::audit_events::AuditEvent;
use crate::routes::calendars::{self, Effective};
use crate::routes::history;
use crate::routes::types::{double_option, with_etag, Page};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, TimeZone, Utc};

use scrutiny_db::queries::decisions as q;
use scrutiny_db::scope::Scope;
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::calendar::{compare_stated, CallInRule, DeadlineAgreement};
use scrutiny_domain::dates::{DateError, PartialDate, Precision};
use scrutiny_domain::people::Name;
use scrutiny_domain::records::{CallInState, PartLabel, RecommendationNumber};
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

const ENTITY: &str = "decision";
/// The longest part label the database keeps.
const MAX_PART_LABEL: usize = 6;
/// The longest item title accepted.
const MAX_TITLE: usize = 1000;

// ---- wire types ----------------------------------------------------------------------------

/// One labelled part of a resolution ("a) Cleveland Police promotes …").
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResolutionPart {
    pub id: Uuid,
    #[schema(example = "a")]
    pub label: String,
    pub text: String,
    /// The recommendation part this part decides on.
    pub recommendation_part_id: Option<Uuid>,
}

/// One numbered resolution ("RESOLVED that: 1) …").
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Resolution {
    pub id: Uuid,
    #[schema(example = "2")]
    pub number: String,
    #[schema(
        example = "As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:"
    )]
    pub text: String,
    /// The recommendation this resolution decides on.
    pub recommendation_id: Option<Uuid>,
    pub parts: Vec<ResolutionPart>,
}

/// How a deadline the document states compares with the computed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// The same deadline ("Midnight - Friday 28th January 2022" and 23:59 that Friday agree).
    Agrees,
    /// Different: see `difference_minutes`.
    Disagrees,
    /// The document states no deadline that could be read as an instant.
    NotStated,
    /// No publication date: nothing is computed yet.
    NotPublished,
}

/// The call-in period of a decision.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CallIn {
    /// The Proper Officer's publication date: day one of the period if it is a working day.
    #[schema(example = "2022-01-24")]
    pub published_on: Option<NaiveDate>,
    /// The computed end of the period, with the council's UTC offset.
    #[schema(example = "2022-01-28T23:59:00+00:00")]
    pub computed_deadline: Option<String>,
    /// The computed end as local wall-clock time in `time_zone`.
    #[schema(example = "2022-01-28T23:59")]
    pub computed_deadline_local: Option<String>,
    /// The council's time zone.
    #[schema(example = "Europe/London")]
    pub time_zone: String,
    /// The deadline as the document words it.
    #[schema(example = "Midnight - Friday 28th January 2022")]
    pub stated_text: Option<String>,
    /// The instant the stated words mean (absent if they could not be read).
    #[schema(example = "2022-01-28T23:59:00+00:00")]
    pub stated_deadline: Option<String>,
    pub agreement: Agreement,
    /// Stated minus computed, in minutes (when they disagree): positive when the document allows
    /// longer.
    pub difference_minutes: Option<i64>,
    /// open, expired, called_in, upheld or referred_back.
    #[schema(example = "open")]
    pub state: String,
    pub state_changed_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
    /// Whether the computed deadline has passed (the state stays `open` until an officer records
    /// the expiry).
    pub deadline_passed: bool,
    /// Whether the decision may be implemented: expired, upheld, or open with its period over.
    pub implementable: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Decision {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    /// The decision-making body.
    #[schema(example = "Cabinet")]
    pub body: String,
    #[schema(example = "2022-01-20")]
    pub meeting_date: NaiveDate,
    #[schema(
        example = "Crime and Disorder Select Committee - Scrutiny Review of Police Communications in Stockton-on-Tees (Task & Finish)"
    )]
    pub item_title: String,
    /// The record of the decision before the resolutions.
    pub decision_text: Option<String>,
    pub resolutions: Vec<Resolution>,
    pub reasons: Option<String>,
    /// Alternative options considered and rejected, as the document gives them ("None").
    #[schema(example = "None")]
    pub alternatives: Option<String>,
    /// Declared conflicts of interest ("None").
    #[schema(example = "None")]
    pub conflicts: Option<String>,
    /// Details of any dispensations ("N/A").
    #[schema(example = "N/A")]
    pub dispensations: Option<String>,
    pub reference: Option<String>,
    pub key_decision: bool,
    #[schema(example = "2022-01-24")]
    pub published_on: Option<NaiveDate>,
    pub call_in: CallIn,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolutionPartInput {
    #[schema(example = "a")]
    pub label: String,
    pub text: String,
    /// A part of a recommendation of the same review.
    pub recommendation_part_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolutionInput {
    #[schema(example = "1")]
    pub number: String,
    pub text: String,
    /// A recommendation of the same review.
    pub recommendation_id: Option<Uuid>,
    #[serde(default)]
    pub parts: Vec<ResolutionPartInput>,
}

/// The call-in deadline as the document states it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatedCallInInput {
    #[schema(example = "Midnight - Friday 28th January 2022")]
    pub text: String,
    /// The instant the words mean (RFC 3339). When absent it is read from the text: the date
    /// words, and a time ("midnight" is 23:59 local; no time means the council's end time).
    #[schema(example = "2022-01-28T23:59:00Z")]
    pub deadline: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDecision {
    #[schema(example = "Cabinet")]
    pub body: String,
    /// yyyy-mm-dd.
    #[schema(example = "2022-01-20")]
    pub meeting_date: String,
    pub item_title: String,
    pub decision_text: Option<String>,
    #[serde(default)]
    pub resolutions: Vec<ResolutionInput>,
    pub reasons: Option<String>,
    pub alternatives: Option<String>,
    pub conflicts: Option<String>,
    pub dispensations: Option<String>,
    pub reference: Option<String>,
    pub key_decision: Option<bool>,
    /// yyyy-mm-dd; starts the call-in period.
    #[schema(example = "2022-01-24")]
    pub published_on: Option<String>,
    pub stated_call_in: Option<StatedCallInInput>,
}

/// Fields to change; `null` clears an optional one. `resolutions`, when given, replaces them all.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateDecision {
    pub body: Option<String>,
    pub meeting_date: Option<String>,
    pub item_title: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub decision_text: Option<Option<String>>,
    pub resolutions: Option<Vec<ResolutionInput>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub reasons: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub alternatives: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub conflicts: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub dispensations: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub reference: Option<Option<String>>,
    pub key_decision: Option<bool>,
    /// Changing it recomputes the call-in deadline.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub published_on: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<StatedCallInInput>)]
    pub stated_call_in: Option<Option<StatedCallInInput>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CallInTransition {
    /// expired, called_in, upheld or referred_back.
    #[schema(example = "called_in")]
    pub to: String,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DecisionFilter {
    pub review_id: Option<Uuid>,
    /// open, expired, called_in, upheld or referred_back.
    pub call_in_state: Option<String>,
    /// Meetings on or after this day (yyyy-mm-dd).
    pub meeting_from: Option<String>,
    /// Meetings on or before this day (yyyy-mm-dd).
    pub meeting_to: Option<String>,
}

// ---- from rows -----------------------------------------------------------------------------

/// An instant as RFC 3339 with the offset it has in the rule's time zone.
fn in_zone(rule: &CallInRule, at: DateTime<Utc>) -> String {
    at.with_timezone(&rule.tz)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn call_in_of(row: &q::DecisionRow, settings: &Effective, now: DateTime<Utc>) -> CallIn {
    let rule = &settings.rule;
    let computed = row
        .computed_call_in_deadline
        .map(|at| at.with_timezone(&rule.tz));
    let stated = row
        .stated_call_in_deadline
        .map(|at| at.with_timezone(&rule.tz));
    let (agreement, difference_minutes) = match (row.published_on, computed, stated) {
        (None, _, _) | (_, None, _) => (Agreement::NotPublished, None),
        (_, Some(_), None) => (Agreement::NotStated, None),
        (_, Some(computed), Some(stated)) => match compare_stated(computed, stated) {
            DeadlineAgreement::Agrees => (Agreement::Agrees, None),
            DeadlineAgreement::Disagrees { difference_minutes } => {
                (Agreement::Disagrees, Some(difference_minutes))
            }
        },
    };
    let state = row.call_in_state.parse().unwrap_or(CallInState::Open);
    let deadline_passed = row.computed_call_in_deadline.is_some_and(|at| now > at);
    CallIn {
        published_on: row.published_on,
        computed_deadline: row.computed_call_in_deadline.map(|at| in_zone(rule, at)),
        computed_deadline_local: computed.map(|at| at.format("%Y-%m-%dT%H:%M").to_string()),
        time_zone: settings.time_zone().to_owned(),
        stated_text: row.stated_call_in_text.clone(),
        stated_deadline: row.stated_call_in_deadline.map(|at| in_zone(rule, at)),
        agreement,
        difference_minutes,
        state: row.call_in_state.clone(),
        state_changed_at: row.call_in_state_changed_at,
        note: row.call_in_note.clone(),
        deadline_passed,
        implementable: state.is_implementable() || (state == CallInState::Open && deadline_passed),
    }
}

fn decision_of(
    row: q::DecisionRow,
    resolutions: Vec<Resolution>,
    settings: &Effective,
    now: DateTime<Utc>,
) -> Decision {
    let call_in = call_in_of(&row, settings, now);
    Decision {
        id: row.id,
        council_id: row.council_id,
        review_id: row.review_id,
        body: row.body,
        meeting_date: row.meeting_date,
        item_title: row.item_title,
        decision_text: row.decision_text,
        resolutions,
        reasons: row.reasons,
        alternatives: row.alternatives,
        conflicts: row.conflicts,
        dispensations: row.dispensations,
        reference: row.reference,
        key_decision: row.key_decision,
        published_on: row.published_on,
        call_in,
        created_at: row.created_at,
        updated_at: row.updated_at,
        version: row.version,
    }
}

/// The wire form of decision rows: their resolutions, parts and councils' settings in three
/// queries whatever the number of rows.
pub(crate) async fn load(
    conn: &mut AsyncPgConnection,
    rows: Vec<q::DecisionRow>,
) -> Result<Vec<Decision>, ApiError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let resolutions = q::resolutions_of(conn, &ids).await?;
    let resolution_ids: Vec<Uuid> = resolutions.iter().map(|r| r.id).collect();
    let parts = q::parts_of(conn, &resolution_ids).await?;
    let councils: Vec<Uuid> = rows.iter().map(|r| r.council_id).collect();
    let settings = calendars::effective_settings_of(conn, &councils).await?;

    let mut parts_by_resolution: HashMap<Uuid, Vec<ResolutionPart>> = HashMap::new();
    for p in parts {
        parts_by_resolution
            .entry(p.resolution_id)
            .or_default()
            .push(ResolutionPart {
                id: p.id,
                label: p.label,
                text: p.text,
                recommendation_part_id: p.recommendation_part_id,
            });
    }
    let mut by_decision: HashMap<Uuid, Vec<Resolution>> = HashMap::new();
    for r in resolutions {
        let parts = parts_by_resolution.remove(&r.id).unwrap_or_default();
        by_decision
            .entry(r.decision_id)
            .or_default()
            .push(Resolution {
                id: r.id,
                number: r.number,
                text: r.text,
                recommendation_id: r.recommendation_id,
                parts,
            });
    }
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .map(|row| {
            let council = row.council_id;
            let effective = settings
                .iter()
                .find(|s| s.council_id == council)
                .cloned()
                .unwrap_or_else(|| Effective::defaults(council));
            let resolutions = by_decision.remove(&row.id).unwrap_or_default();
            decision_of(row, resolutions, &effective, now)
        })
        .collect())
}

async fn load_one(conn: &mut AsyncPgConnection, row: q::DecisionRow) -> Result<Decision, ApiError> {
    load(conn, vec![row])
        .await?
        .pop()
        .ok_or_else(|| ApiError::internal("a loaded decision went missing"))
}

// ---- parsing -------------------------------------------------------------------------------

/// An optional long text: blank means absent; otherwise kept as given ("None" and "N/A" are
/// values of the document).
fn optional_text(raw: Option<String>) -> Option<String> {
    raw.filter(|s| !s.trim().is_empty())
}

fn required_text(
    errors: &mut ValidationErrors,
    field: &str,
    raw: &str,
    max: usize,
) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        errors.add(field, "must not be blank");
        None
    } else if trimmed.chars().count() > max {
        errors.add(field, format!("must be at most {max} characters"));
        None
    } else {
        Some(trimmed.to_owned())
    }
}

/// A resolution as parsed, before its ids are checked against the review.
struct ParsedResolution {
    number: String,
    text: String,
    recommendation_id: Option<Uuid>,
    parts: Vec<ParsedPart>,
}

struct ParsedPart {
    label: String,
    text: String,
    recommendation_part_id: Option<Uuid>,
}

fn parse_resolutions(
    errors: &mut ValidationErrors,
    inputs: Vec<ResolutionInput>,
) -> Vec<ParsedResolution> {
    let mut numbers = HashSet::new();
    let mut parsed = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.into_iter().enumerate() {
        let field = format!("resolutions[{i}]");
        let number = errors
            .check(
                &format!("{field}.number"),
                RecommendationNumber::parse(&input.number),
            )
            .map(|n| n.as_str().to_owned());
        if let Some(number) = &number {
            if !numbers.insert(number.to_ascii_lowercase()) {
                errors.add(format!("{field}.number"), "is used by another resolution");
            }
        }
        let text = required_text(errors, &format!("{field}.text"), &input.text, usize::MAX);
        let mut labels = HashSet::new();
        let mut parts = Vec::with_capacity(input.parts.len());
        for (j, part) in input.parts.into_iter().enumerate() {
            let part_field = format!("{field}.parts[{j}]");
            let label = errors
                .check(
                    &format!("{part_field}.label"),
                    PartLabel::parse(&part.label),
                )
                .map(|l| l.as_str().to_owned());
            match &label {
                Some(l) if l.len() > MAX_PART_LABEL => errors.add(
                    format!("{part_field}.label"),
                    format!("must be at most {MAX_PART_LABEL} characters"),
                ),
                Some(l) if !labels.insert(l.clone()) => errors.add(
                    format!("{part_field}.label"),
                    "is used by another part of the resolution",
                ),
                _ => {}
            }
            let text = required_text(
                errors,
                &format!("{part_field}.text"),
                &part.text,
                usize::MAX,
            );
            if let (Some(label), Some(text)) = (label, text) {
                parts.push(ParsedPart {
                    label,
                    text,
                    recommendation_part_id: part.recommendation_part_id,
                });
            }
        }
        if let (Some(number), Some(text)) = (number, text) {
            parsed.push(ParsedResolution {
                number,
                text,
                recommendation_id: input.recommendation_id,
                parts,
            });
        }
    }
    parsed
}

/// Checks that the recommendations and parts named belong to the review (and each part to its
/// resolution's recommendation), and makes the rows.
async fn resolution_rows(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    decision_id: Uuid,
    resolutions: Vec<ParsedResolution>,
) -> Result<(Vec<q::ResolutionRow>, Vec<q::ResolutionPartRow>), ApiError> {
    let recommendation_ids: Vec<Uuid> = resolutions
        .iter()
        .filter_map(|r| r.recommendation_id)
        .collect();
    let part_ids: Vec<Uuid> = resolutions
        .iter()
        .flat_map(|r| r.parts.iter().filter_map(|p| p.recommendation_part_id))
        .collect();
    let known: HashSet<Uuid> = q::recommendations_in_review(conn, review_id, &recommendation_ids)
        .await?
        .into_iter()
        .collect();
    let known_parts: HashMap<Uuid, Uuid> = q::parts_in_review(conn, review_id, &part_ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p.recommendation_id))
        .collect();
    let mut errors = ValidationErrors::new();
    let mut rows = Vec::with_capacity(resolutions.len());
    let mut part_rows = Vec::new();
    for (i, resolution) in resolutions.into_iter().enumerate() {
        if let Some(id) = resolution.recommendation_id {
            if !known.contains(&id) {
                errors.add(
                    format!("resolutions[{i}].recommendation_id"),
                    "is not a recommendation of this decision's review",
                );
            }
        }
        let id = Uuid::now_v7();
        for (j, part) in resolution.parts.into_iter().enumerate() {
            if let Some(part_id) = part.recommendation_part_id {
                let field = format!("resolutions[{i}].parts[{j}].recommendation_part_id");
                match known_parts.get(&part_id) {
                    None => errors.add(
                        field,
                        "is not a part of a recommendation of this decision's review",
                    ),
                    Some(owner) if resolution.recommendation_id.is_some_and(|r| r != *owner) => {
                        errors.add(
                            field,
                            format!(
                                "is a part of another recommendation than resolutions[{i}].recommendation_id"
                            ),
                        )
                    }
                    Some(_) => {}
                }
            }
            part_rows.push(q::ResolutionPartRow {
                id: Uuid::now_v7(),
                resolution_id: id,
                label: part.label,
                position: position(j),
                text: part.text,
                recommendation_part_id: part.recommendation_part_id,
            });
        }
        rows.push(q::ResolutionRow {
            id,
            decision_id,
            number: resolution.number,
            position: position(i),
            text: resolution.text,
            recommendation_id: resolution.recommendation_id,
        });
    }
    errors.into_result()?;
    Ok((rows, part_rows))
}

fn position(index: usize) -> i32 {
    i32::try_from(index + 1).unwrap_or(i32::MAX)
}

/// The stated call-in deadline as given: its words, and the instant (given, or read from them).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stated {
    text: Option<String>,
    deadline: Option<DateTime<Utc>>,
}

fn parse_stated(
    errors: &mut ValidationErrors,
    input: StatedCallInInput,
    rule: &CallInRule,
) -> Option<Stated> {
    let text = input.text.trim().to_owned();
    let text = (!text.is_empty()).then_some(text);
    match input.deadline {
        Some(raw) => {
            let deadline = errors.check(
                "stated_call_in.deadline",
                DateTime::parse_from_rfc3339(raw.trim()).map_err(|_| {
                    format!(
                        "must be an RFC 3339 instant such as 2022-01-28T23:59:00Z (got \"{raw}\")"
                    )
                }),
            )?;
            Some(Stated {
                text,
                deadline: Some(deadline.with_timezone(&Utc)),
            })
        }
        None => {
            let Some(text) = text else {
                errors.add("stated_call_in.text", "must not be blank");
                return None;
            };
            let deadline = read_stated_deadline(&text, rule);
            Some(Stated {
                text: Some(text),
                deadline,
            })
        }
    }
}

/// Reads the instant a document's words mean: "Midnight - Friday 28th January 2022" is 23:59 on
/// that day in the council's time zone. The date words are read with [`PartialDate::parse`] (a
/// stated day of the week must match); a time may be "midnight" (23:59), "noon"/"midday", "5pm",
/// "5.30 pm" or "17:00"; with no time, the council's end time. `None` when no day can be read.
pub fn read_stated_deadline(text: &str, rule: &CallInRule) -> Option<DateTime<Utc>> {
    let words: Vec<&str> = text.split_whitespace().take(40).collect();
    // The first (and longest) run of words that is a date; a day of the week that does not
    // match the date makes the whole text unreadable rather than falling back to the bare date.
    let found = (0..words.len()).find_map(|i| {
        (i + 1..=words.len())
            .rev()
            .find_map(|j| match PartialDate::parse(&words[i..j].join(" ")) {
                Ok(date) => Some(Ok((i, j, date))),
                Err(DateError::WrongWeekday { .. }) => Some(Err(())),
                Err(_) => None,
            })
    })?;
    let (start, end, date) = found.ok()?;
    if date.precision() != Precision::Day {
        return None;
    }
    let rest: Vec<&str> = words[..start]
        .iter()
        .chain(&words[end..])
        .copied()
        .collect();
    let time = time_of(&rest).unwrap_or(rule.end_time);
    let local = date.first_day().and_time(time);
    rule.tz
        .from_local_datetime(&local)
        .latest()
        .map(|at| at.with_timezone(&Utc))
}

/// The first time of day among some words.
fn time_of(words: &[&str]) -> Option<NaiveTime> {
    let clean: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != ':' && c != '.')
                .trim_end_matches('.')
                .to_ascii_lowercase()
        })
        .collect();
    for (i, word) in clean.iter().enumerate() {
        match word.as_str() {
            "midnight" => return NaiveTime::from_hms_opt(23, 59, 0),
            "noon" | "midday" => return NaiveTime::from_hms_opt(12, 0, 0),
            _ => {}
        }
        let next = clean.get(i + 1).map(String::as_str);
        let (digits, meridiem) = if let Some(d) = word.strip_suffix("am") {
            (d, Some(false))
        } else if let Some(d) = word.strip_suffix("pm") {
            (d, Some(true))
        } else if matches!(next, Some("am" | "a.m" | "a.m.")) {
            (word.as_str(), Some(false))
        } else if matches!(next, Some("pm" | "p.m" | "p.m.")) {
            (word.as_str(), Some(true))
        } else {
            (word.as_str(), None)
        };
        let digits = digits.trim_end_matches('.');
        let (hour, minute) = match digits.split_once([':', '.']) {
            Some((h, m)) if m.len() == 2 => (h, m),
            Some(_) => continue,
            None if meridiem.is_some() => (digits, "00"),
            None => continue,
        };
        let valid =
            |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !valid(hour) || !valid(minute) {
            continue;
        }
        let (Ok(mut hour), Ok(minute)) = (hour.parse::<u32>(), minute.parse::<u32>()) else {
            continue;
        };
        if let Some(pm) = meridiem {
            if !(1..=12).contains(&hour) {
                continue;
            }
            hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
        }
        if let Some(time) = NaiveTime::from_hms_opt(hour, minute, 0) {
            return Some(time);
        }
    }
    None
}

fn parse_state(errors: &mut ValidationErrors, field: &str, raw: &str) -> Option<CallInState> {
    errors.check(field, raw.parse::<CallInState>())
}

// ---- handlers ------------------------------------------------------------------------------

/// Record Cabinet's decision on a review, with its resolutions mapped to the review's
/// recommendations. The call-in deadline is computed from the publication date with the
/// council's settings and calendar.
#[utoipa::path(
    tag = "decisions",
    params(("review_id" = Uuid, Path, description = "The review decided on")),
    request_body = CreateDecision,
    responses((status = 201, description = "Created", body = Decision), CreateErrors, (status = 404, description = "No such review, or not visible to the caller", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/reviews/{review_id}/decisions")]
pub async fn create_decision(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    body: ValidJson<CreateDecision>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let review_id = review_id.into_inner();
    let mut conn = state.pool.get().await?;
    let review = q::find_review(&mut conn, access::scope(&principal), review_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    access::check_write(&principal, review.council_id)?;
    let settings = calendars::effective_settings(&mut conn, review.council_id).await?;

    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let decision_body = errors
        .check("body", Name::parse(&body.body))
        .map(Name::into_inner);
    let meeting_date = calendars::parse_day(&mut errors, "meeting_date", &body.meeting_date);
    let item_title = required_text(&mut errors, "item_title", &body.item_title, MAX_TITLE);
    let published_on = body
        .published_on
        .as_deref()
        .and_then(|raw| calendars::parse_day(&mut errors, "published_on", raw));
    if let (Some(meeting), Some(published)) = (meeting_date, published_on) {
        if published < meeting {
            errors.add("published_on", "must not be before the meeting date");
        }
    }
    let resolutions = parse_resolutions(&mut errors, body.resolutions);
    let stated = match body.stated_call_in {
        Some(input) => parse_stated(&mut errors, input, &settings.rule),
        None => Some(Stated {
            text: None,
            deadline: None,
        }),
    };
    errors.into_result()?;
    let stated = stated.expect("checked");

    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let id = Uuid::now_v7();
            let (resolution_rows, part_rows) =
                resolution_rows(conn, review_id, id, resolutions).await?;
            let computed = match published_on {
                Some(day) => Some(calendars::call_in_deadline(conn, &settings, day).await?),
                None => None,
            };
            let row = q::insert(
                conn,
                &q::NewDecision {
                    id,
                    council_id: review.council_id,
                    review_id,
                    values: q::DecisionValues {
                        body: decision_body.expect("checked"),
                        meeting_date: meeting_date.expect("checked"),
                        item_title: item_title.expect("checked"),
                        decision_text: optional_text(body.decision_text),
                        reasons: optional_text(body.reasons),
                        alternatives: optional_text(body.alternatives),
                        conflicts: optional_text(body.conflicts),
                        dispensations: optional_text(body.dispensations),
                        reference: optional_text(body.reference),
                        key_decision: body.key_decision.unwrap_or(false),
                        published_on,
                        stated_call_in_text: stated.text,
                        stated_call_in_deadline: stated.deadline,
                        computed_call_in_deadline: computed,
                    },
                },
            )
            .await?;
            q::replace_resolutions(conn, id, &resolution_rows, &part_rows).await?;
            scrutiny_app::reviews::advance(
                &mut scrutiny_app::Ctx::borrowed(conn, principal.clone()),
                row.review_id,
                scrutiny_domain::records::ReviewStatus::DecidedByCabinet,
                None,
            )
            .await?;
            let dto = load_one(conn, row).await?;
            audit::created(conn, &principal, "decision.created", ENTITY, id, &dto).await?;
            Ok(dto)
        })
        .await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}

fn decision_filter(raw: &DecisionFilter, review_id: Option<Uuid>) -> Result<q::Filter, ApiError> {
    let mut errors = ValidationErrors::new();
    let call_in_state = raw
        .call_in_state
        .as_deref()
        .and_then(|s| parse_state(&mut errors, "call_in_state", s));
    let meeting_from = raw
        .meeting_from
        .as_deref()
        .and_then(|s| calendars::parse_day(&mut errors, "meeting_from", s));
    let meeting_to = raw
        .meeting_to
        .as_deref()
        .and_then(|s| calendars::parse_day(&mut errors, "meeting_to", s));
    errors.into_result()?;
    Ok(q::Filter {
        review_id: review_id.or(raw.review_id),
        call_in_state: call_in_state.map(|s| s.as_str().to_owned()),
        meeting_from,
        meeting_to,
    })
}

async fn list_page(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    filter: &q::Filter,
    page: &PageParams,
) -> Result<Page<Decision>, ApiError> {
    let limit = page.limit()?;
    let after = page
        .decode_cursor::<(NaiveDate, Uuid)>()?
        .map(|(meeting_date, id)| q::MeetingKey { meeting_date, id });
    let rows = q::list(conn, scope, filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(r.meeting_date, r.id)));
    Ok(Page {
        items: load(conn, rows).await?,
        next_cursor,
    })
}

/// List the decisions the caller may see, latest meeting first.
#[utoipa::path(
    tag = "decisions",
    params(DecisionFilter, PageParams),
    responses((status = 200, description = "A page of decisions", body = Page<Decision>), ListErrors),
    security(("bearer" = []))
)]
#[get("/decisions")]
pub async fn list_decisions(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<DecisionFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let filter = decision_filter(&filter, None)?;
    let mut conn = state.pool.get().await?;
    let page = list_page(&mut conn, access::scope(&principal), &filter, &page).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// List a review's decisions, latest meeting first.
#[utoipa::path(
    tag = "decisions",
    params(("review_id" = Uuid, Path, description = "The review"), DecisionFilter, PageParams),
    responses((status = 200, description = "A page of the review's decisions", body = Page<Decision>), ListErrors, (status = 404, description = "No such review, or not visible to the caller", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/decisions")]
pub async fn list_review_decisions(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    filter: web::Query<DecisionFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let review_id = review_id.into_inner();
    let filter = decision_filter(&filter, Some(review_id))?;
    let scope = access::scope(&principal);
    let mut conn = state.pool.get().await?;
    q::find_review(&mut conn, scope, review_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let page = list_page(&mut conn, scope, &filter, &page).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read one decision.
#[utoipa::path(
    tag = "decisions",
    params(("id" = Uuid, Path, description = "Decision id")),
    responses((status = 200, description = "The decision, with its ETag", body = Decision), ReadErrors),
    security(("bearer" = []))
)]
#[get("/decisions/{id}")]
pub async fn get_decision(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let row = q::find(&mut conn, access::scope(&principal), id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    let dto = load_one(&mut conn, row).await?;
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}

/// Change a decision. `resolutions`, when given, replaces them all. Changing `published_on`
/// recomputes the call-in deadline; other changes leave it as it was computed.
#[utoipa::path(
    tag = "decisions",
    params(("id" = Uuid, Path, description = "Decision id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateDecision,
    responses((status = 200, description = "Updated", body = Decision), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/decisions/{id}")]
pub async fn update_decision(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateDecision>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let id = id.into_inner();
    let body = body.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let row = q::find_for_update(conn, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            access::check_write(&principal, row.council_id)?;
            if_match.check(row.version)?;
            let settings = calendars::effective_settings(conn, row.council_id).await?;

            let mut errors = ValidationErrors::new();
            let mut values = q::DecisionValues::from(&row);
            if let Some(raw) = &body.body {
                if let Some(name) = errors.check("body", Name::parse(raw)) {
                    values.body = name.into_inner();
                }
            }
            if let Some(raw) = &body.meeting_date {
                if let Some(day) = calendars::parse_day(&mut errors, "meeting_date", raw) {
                    values.meeting_date = day;
                }
            }
            if let Some(raw) = &body.item_title {
                if let Some(title) = required_text(&mut errors, "item_title", raw, MAX_TITLE) {
                    values.item_title = title;
                }
            }
            let mut republished = false;
            if let Some(raw) = &body.published_on {
                let day = match raw {
                    Some(raw) => calendars::parse_day(&mut errors, "published_on", raw),
                    None => None,
                };
                if raw.is_none() || day.is_some() {
                    republished = day != row.published_on;
                    values.published_on = day;
                }
            }
            if let Some(published) = values.published_on {
                if published < values.meeting_date
                    && (body.published_on.is_some() || body.meeting_date.is_some())
                {
                    errors.add(
                        if body.published_on.is_some() {
                            "published_on"
                        } else {
                            "meeting_date"
                        },
                        "the publication date must not be before the meeting date",
                    );
                }
            }
            for (given, slot) in [
                (body.decision_text.clone(), &mut values.decision_text),
                (body.reasons.clone(), &mut values.reasons),
                (body.alternatives.clone(), &mut values.alternatives),
                (body.conflicts.clone(), &mut values.conflicts),
                (body.dispensations.clone(), &mut values.dispensations),
                (body.reference.clone(), &mut values.reference),
            ] {
                if let Some(value) = given {
                    *slot = optional_text(value);
                }
            }
            if let Some(key) = body.key_decision {
                values.key_decision = key;
            }
            let UpdateDecision {
                stated_call_in,
                resolutions,
                ..
            } = body;
            match stated_call_in {
                Some(Some(input)) => {
                    if let Some(stated) = parse_stated(&mut errors, input, &settings.rule) {
                        values.stated_call_in_text = stated.text;
                        values.stated_call_in_deadline = stated.deadline;
                    }
                }
                Some(None) => {
                    values.stated_call_in_text = None;
                    values.stated_call_in_deadline = None;
                }
                None => {}
            }
            let resolutions = resolutions.map(|r| parse_resolutions(&mut errors, r));
            errors.into_result()?;

            let replaced = match resolutions {
                Some(parsed) => Some(resolution_rows(conn, row.review_id, id, parsed).await?),
                None => None,
            };
            if republished {
                values.computed_call_in_deadline = match values.published_on {
                    Some(day) => Some(calendars::call_in_deadline(conn, &settings, day).await?),
                    None => None,
                };
            }
            let before = load_one(conn, row).await?;
            if let Some((resolution_rows, part_rows)) = &replaced {
                q::replace_resolutions(conn, id, resolution_rows, part_rows).await?;
            }
            let row = q::update(conn, id, &values).await?;
            let after = load_one(conn, row).await?;
            audit::changed(
                conn,
                &principal,
                "decision.updated",
                ENTITY,
                id,
                &before,
                &after,
            )
            .await?;
            Ok(after)
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}

/// Move the call-in on: open → expired (only once the computed deadline has passed) or
/// called_in; called_in → upheld or referred_back. An illegal move is 409 with the states
/// allowed.
#[utoipa::path(
    tag = "decisions",
    params(("id" = Uuid, Path, description = "Decision id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = CallInTransition,
    responses((status = 200, description = "Moved", body = Decision), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/decisions/{id}/call-in-transitions")]
pub async fn transition_call_in(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<CallInTransition>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let to = parse_state(&mut errors, "to", &body.to);
    let note = optional_text(body.note);
    errors.into_result()?;
    let to = to.expect("checked");
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let row = q::find_for_update(conn, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            access::check_write(&principal, row.council_id)?;
            if_match.check(row.version)?;
            let from: CallInState = row
                .call_in_state
                .parse()
                .map_err(|_| ApiError::internal("unknown call-in state in the database"))?;
            from.transition(to).map_err(|e| ApiError::Conflict {
                detail: capitalise(&e.to_string()),
                allowed: e.allowed.iter().map(|s| s.as_str().to_owned()).collect(),
            })?;
            if to == CallInState::Expired {
                match row.computed_call_in_deadline {
                    None => {
                        return Err(ApiError::conflict(
                            "The decision has no publication date, so its call-in period has not started.",
                        ))
                    }
                    Some(deadline) if Utc::now() <= deadline => {
                        let settings = calendars::effective_settings(conn, row.council_id).await?;
                        return Err(ApiError::conflict(format!(
                            "The call-in period has not ended: it ends at {}.",
                            in_zone(&settings.rule, deadline)
                        )));
                    }
                    Some(_) => {}
                }
            }
            let before = load_one(conn, row).await?;
            let row = q::set_call_in_state(conn, id, to.as_str(), note.as_deref()).await?;
            let after = load_one(conn, row).await?;
            audit::changed(conn, &principal, "decision.call_in_changed", ENTITY, id, &before, &after).await?;
            Ok(after)
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// Recompute a decision's call-in deadline with the council's current settings and calendar
/// (after a setting changed or a holiday was added). An If-Match, if sent, is checked.
#[utoipa::path(
    tag = "decisions",
    params(("id" = Uuid, Path, description = "Decision id"), ("If-Match" = Option<String>, Header, description = "The ETag last read (optional)")),
    responses((status = 200, description = "The decision with its deadline recomputed (unchanged if it already agreed)", body = Decision), ActionErrors, (status = 412, description = "The record changed since it was read (stale If-Match)", body = crate::error::Problem, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/decisions/{id}/call-in-deadline/recomputation")]
pub async fn recompute_call_in_deadline(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: Option<IfMatch>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let row = q::find_for_update(conn, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            access::check_write(&principal, row.council_id)?;
            if let Some(if_match) = &if_match {
                if_match.check(row.version)?;
            }
            let Some(published) = row.published_on else {
                return Err(ApiError::conflict(
                    "The decision has no publication date: there is no call-in deadline to compute.",
                ));
            };
            let settings = calendars::effective_settings(conn, row.council_id).await?;
            let computed = calendars::call_in_deadline(conn, &settings, published).await?;
            if row.computed_call_in_deadline == Some(computed) {
                return load_one(conn, row).await;
            }
            let mut values = q::DecisionValues::from(&row);
            values.computed_call_in_deadline = Some(computed);
            let before = load_one(conn, row).await?;
            let row = q::update(conn, id, &values).await?;
            let after = load_one(conn, row).await?;
            audit::changed(conn, &principal, "decision.deadline_recomputed", ENTITY, id, &before, &after).await?;
            Ok(after)
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}

/// A decision's changes, newest first.
#[utoipa::path(
    tag = "decisions",
    params(("id" = Uuid, Path, description = "Decision id"), PageParams),
    responses((status = 200, description = "The decision's changes, newest first", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/decisions/{id}/history")]
pub async fn decision_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    q::find(&mut conn, access::scope(&principal), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let page = history::page(&mut conn, ENTITY, id, &page).await?;
    Ok(HttpResponse::Ok().json(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn the_seed_call_in_text_means_2359_on_friday_28_january_2022() {
        let rule = CallInRule::default();
        assert_eq!(
            read_stated_deadline("Midnight - Friday 28th January 2022", &rule),
            Some(utc(2022, 1, 28, 23, 59))
        );
    }

    #[test]
    fn stated_times_and_dates_in_other_words() {
        let rule = CallInRule::default();
        // British Summer Time: 17:00 local is 16:00 UTC.
        assert_eq!(
            read_stated_deadline("5pm on 8 July 2022", &rule),
            Some(utc(2022, 7, 8, 16, 0))
        );
        assert_eq!(
            read_stated_deadline("By 17:00, Friday 28/01/2022", &rule),
            Some(utc(2022, 1, 28, 17, 0))
        );
        assert_eq!(
            read_stated_deadline("12 noon Friday 28th January 2022", &rule),
            Some(utc(2022, 1, 28, 12, 0))
        );
        assert_eq!(
            read_stated_deadline("4.30 pm 28 January 2022", &rule),
            Some(utc(2022, 1, 28, 16, 30))
        );
        // No time: the council's end time.
        assert_eq!(
            read_stated_deadline("28 January 2022", &rule),
            Some(utc(2022, 1, 28, 23, 59))
        );
    }

    #[test]
    fn unreadable_stated_deadlines_stay_text_only() {
        let rule = CallInRule::default();
        // The 28th was a Friday, not a Thursday.
        assert_eq!(
            read_stated_deadline("Midnight - Thursday 28th January 2022", &rule),
            None
        );
        // Only a month: never invent a day.
        assert_eq!(read_stated_deadline("End of January 2022", &rule), None);
        assert_eq!(read_stated_deadline("N/A", &rule), None);
        assert_eq!(read_stated_deadline("", &rule), None);
    }

    #[test]
    fn illegal_transitions_read_as_sentences() {
        let e = CallInState::Expired
            .transition(CallInState::CalledIn)
            .unwrap_err();
        assert!(capitalise(&e.to_string()).starts_with("A call-in"));
    }
}
