//! Cabinet decision records as the API shows them: the resolutions mapped to a review's
//! recommendations, and the call-in period read against the council's settings (docs/domain.md rule 7).
use crate::error::AppError;
use crate::views::calendars::{effective_settings_of, Effective};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use scrutiny_db::queries::decisions as q;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::calendar::{compare_stated, CallInRule, DeadlineAgreement};
use scrutiny_domain::records::CallInState;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

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
    pub state: CallInState,
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

/// An instant as RFC 3339 with the offset it has in the rule's time zone.
pub fn in_zone(rule: &CallInRule, at: DateTime<Utc>) -> String {
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
    let state = row.call_in_state;
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
        state: row.call_in_state,
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
pub async fn load(
    conn: &mut AsyncPgConnection,
    rows: Vec<q::DecisionRow>,
    now: DateTime<Utc>,
) -> Result<Vec<Decision>, AppError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let resolutions = q::resolutions_of(conn, &ids).await?;
    let resolution_ids: Vec<Uuid> = resolutions.iter().map(|r| r.id).collect();
    let parts = q::parts_of(conn, &resolution_ids).await?;
    let councils: Vec<Uuid> = rows.iter().map(|r| r.council_id).collect();
    let settings = effective_settings_of(conn, &councils).await?;

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

pub async fn load_one(
    conn: &mut AsyncPgConnection,
    row: q::DecisionRow,
    now: DateTime<Utc>,
) -> Result<Decision, AppError> {
    load(conn, vec![row], now)
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("a loaded decision went missing"))
}
