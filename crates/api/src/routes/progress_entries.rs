//! Progress entries: a partner's report on one recommendation (or one of its parts) in one
//! round, and its workflow: draft → submitted → (returned with comments → submitted)* →
//! validated by an officer → accepted by the committee (DOMAIN.md rules 1–5).
//!
//! Who may do what:
//! - the reporting organisation's contributors (and the council's officers, acting for it) write
//!   the draft and submit it; once submitted it is read-only to them until it is returned;
//! - the council's officers return it with comments, validate it with their grade, and record the
//!   committee's acceptance with the final grade;
//! - viewers read accepted entries only; another organisation's entries are not found (404).
use crate::access;
use crate::audit;
use crate::auth::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::auth::{Auth, Principal};
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, IfMatch, PageParams, ValidJson};
use crate::openapi::{ActionErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::audit_events::AuditEvent;
use crate::routes::history;
use crate::routes::progress_rounds::{self, after_recommendation_closed};
use crate::routes::types::{double_option, with_etag, Page};
use crate::state::AppState;
use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use scrutiny_db::queries::progress::{self as q, Entry, EntryChanges, EntryFilter, Labels};
use scrutiny_db::queries::recommendations as rec_q;
use scrutiny_db::scope::Scope;
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::people::{OrganisationKind, Role};
use scrutiny_domain::progress::{
    self as rules, Actor, GradeScale, GradeSet, Impact, RecommendationOutcome, SubmissionState,
    SubmissionStep,
};
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub const PROGRESS_MAX: usize = 100_000;
pub const TEXT_MAX: usize = 20_000;
pub const KEY_FIGURES_MAX: usize = 50;

// ---------------------------------------------------------------------------------------------
// Wire types

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoundRef {
    pub id: Uuid,
    #[schema(example = "November 2022")]
    pub label: String,
    pub deadline: NaiveDate,
    pub meeting_date: Option<NaiveDate>,
    /// open or closed.
    pub status: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecommendationRef {
    pub id: Uuid,
    #[schema(example = "2")]
    pub number: String,
    pub text: String,
    /// open, closed or withdrawn.
    pub status: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PartRef {
    pub id: Uuid,
    #[schema(example = "a")]
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganisationRef {
    pub id: Uuid,
    #[schema(example = "Cleveland Police")]
    pub name: String,
}

/// A grade with its label on the council's scale.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Grade {
    #[schema(example = "3")]
    pub code: String,
    #[schema(example = "Slipped")]
    pub label: String,
    /// As documents write it.
    #[schema(example = "3 (Slipped)")]
    pub display: String,
    /// Whether this grade, accepted, closes the recommendation.
    pub closes: bool,
    pub colour: Option<String>,
}

/// The partner's proposed grade, the officer's and the committee's accepted one (DOMAIN.md rule
/// 2), and where they differ.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Grades {
    pub proposed: Option<Grade>,
    pub officer: Option<Grade>,
    pub accepted: Option<Grade>,
    /// The grade that stands now: accepted, else the officer's, else the proposed one.
    pub current: Option<Grade>,
    pub proposed_differs_from_officer: bool,
    pub officer_differs_from_accepted: bool,
    pub proposed_differs_from_accepted: bool,
    /// For a recommendation reported part by part: the worst of the parts' current grades.
    pub suggested: Option<Grade>,
}

/// Evidence of impact (DOMAIN.md rule 3).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImpactValue {
    /// `evidence` (with `text`), `none_undertaken` (the explicit statement that no assessment of
    /// impact was undertaken) or `not_recorded` (nothing yet; a submission may not leave it so).
    #[schema(example = "none_undertaken")]
    pub kind: String,
    pub text: Option<String>,
}

/// A figure quoted in the evidence: "VCOP compliance 95.2 % (Northside officers)".
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    #[schema(example = "VCOP compliance")]
    pub label: String,
    /// The number as written: "95.2", "100".
    #[schema(example = "95.2")]
    pub value: String,
    #[schema(example = "%")]
    pub unit: Option<String>,
    #[schema(example = "Northside officers")]
    pub scope: Option<String>,
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgressEntry {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub review_title: String,
    pub round: RoundRef,
    pub recommendation: RecommendationRef,
    /// Set when the entry reports on one part of the recommendation.
    pub part: Option<PartRef>,
    /// The organisation that reports; absent: the council itself.
    pub organisation: Option<OrganisationRef>,
    /// draft, submitted, returned, validated or accepted.
    #[schema(example = "submitted")]
    pub state: String,
    #[schema(example = "Submitted")]
    pub state_label: String,
    /// The states the caller may move the entry to now.
    pub allowed_transitions: Vec<String>,
    /// Whether the caller may change the evidence, grade and impact now.
    pub editable: bool,
    /// Evidence of progress, Markdown.
    pub progress: Option<String>,
    /// The evidence rendered as safe HTML (no raw HTML or scripts pass through).
    pub progress_html: Option<String>,
    pub grades: Grades,
    /// Required with a proposed grade that needs one (3 Slipped, 4 Not Achieved on the default
    /// scale).
    pub proposed_explanation: Option<String>,
    /// Why the officer's grade differs from the proposed one.
    pub officer_reason: Option<String>,
    /// Why the officer's grade differs from the suggested one (the worst of the parts').
    pub override_reason: Option<String>,
    pub impact: ImpactValue,
    /// The evidence of impact as the progress update prints it.
    #[schema(example = "No assessment of impact undertaken.")]
    pub impact_text: String,
    pub key_figures: Vec<KeyFigure>,
    /// The committee meeting that accepted it.
    pub accepted_meeting_date: Option<NaiveDate>,
    pub minute_reference: Option<String>,
    /// The comments of the latest return.
    pub return_comments: Option<String>,
    pub written_by: Option<String>,
    pub written_at: Option<DateTime<Utc>>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub validated_by: Option<String>,
    pub validated_at: Option<DateTime<Utc>>,
    pub accepted_by: Option<String>,
    pub accepted_at: Option<DateTime<Utc>>,
    /// The round's deadline has passed and the partner still owes the entry.
    pub overdue: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// A change of an entry's content. Absent fields are left alone; `null` clears.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateProgressEntry {
    /// Evidence of progress, Markdown.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub progress: Option<Option<String>>,
    /// A grade code of the council's scale ("1".."4" by default), or a document form such as
    /// "3 (Slipped)".
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable, example = "3")]
    pub proposed_grade: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub proposed_explanation: Option<Option<String>>,
    pub impact: Option<ImpactValue>,
    /// Replaces the entry's key figures.
    pub key_figures: Option<Vec<KeyFigure>>,
    /// The reporting organisation (council officers only).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>, nullable)]
    pub organisation_id: Option<Option<Uuid>>,
}

/// Submitting (or resubmitting) an entry; the body may be omitted.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitEntry {
    /// A council officer recording a past update from its paper: evidence of impact may be left
    /// unrecorded, as the paper left it (DOMAIN.md rule 3). Refused (403) to partners.
    #[serde(default)]
    pub from_document: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnEntry {
    /// What the partner should change.
    #[schema(example = "Please add the figures for the Southside wards.")]
    pub comments: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateEntry {
    /// The officer's grade.
    #[schema(example = "3")]
    pub grade: String,
    /// Required when the grade differs from the proposed one.
    pub reason: Option<String>,
    /// Required when the grade differs from the suggested one (the worst of the parts').
    pub override_reason: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptEntry {
    /// The committee's final grade; the officer's grade when absent.
    pub grade: Option<String>,
    /// The meeting that accepted it; the round's meeting date when absent.
    pub meeting_date: Option<NaiveDate>,
    #[schema(example = "CDSC 24/11/22 minute 7")]
    pub minute_reference: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntryQuery {
    pub round_id: Option<Uuid>,
    pub review_id: Option<Uuid>,
    pub recommendation_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    /// One state or several, comma-separated: `submitted,validated`.
    pub state: Option<String>,
    /// Only entries whose proposed, officer and accepted grades differ (true), or agree (false).
    pub grades_differ: Option<bool>,
    /// Only entries of open rounds.
    pub open_rounds: Option<bool>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Access

fn is_council_officer(principal: &Principal, council_id: Uuid) -> bool {
    match principal.role {
        Role::Admin => true,
        Role::Officer => {
            principal.organisation_kind == OrganisationKind::Council
                && principal.organisation_id.as_uuid() == council_id
        }
        _ => false,
    }
}

/// Whether the caller reports for the entry's organisation (or, as a council officer, acts for
/// it).
fn reports_for(principal: &Principal, entry: &Entry) -> bool {
    if is_council_officer(principal, entry.council_id) {
        return true;
    }
    principal.is(Role::Contributor)
        && entry.organisation_id == Some(principal.organisation_id.as_uuid())
}

/// Whether the principal reads only accepted entries (viewers).
pub(crate) fn accepted_only(principal: &Principal) -> bool {
    principal.is(Role::Viewer)
}

fn visible(principal: &Principal, entry: &Entry) -> bool {
    if accepted_only(principal) && entry.state != "accepted" {
        return false;
    }
    match access::scope(principal) {
        Scope::All => true,
        Scope::Council(council) => entry.council_id == council,
        Scope::Responsible(organisation) => entry.organisation_id == Some(organisation),
    }
}

/// The entry, when the caller may see it; 404 otherwise.
pub(crate) async fn entry_for_read(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
) -> Result<Entry, ApiError> {
    let entry = q::find_entry(conn, id).await?.ok_or(ApiError::NotFound)?;
    if visible(principal, &entry) {
        Ok(entry)
    } else {
        Err(ApiError::NotFound)
    }
}

/// Whether the caller may change the entry's content now: the reporting organisation's
/// contributors (and the council's officers) while it is a draft or returned.
pub(crate) fn check_entry_edit(principal: &Principal, entry: &Entry) -> Result<(), ApiError> {
    if !reports_for(principal, entry) {
        return Err(ApiError::Forbidden);
    }
    let state = state_of(entry)?;
    if !state.editable_by_contributor() {
        return Err(ApiError::Conflict {
            detail: format!(
                "The entry is {}; it can be changed only while it is a draft or returned with comments.",
                state.label().to_lowercase()
            ),
            allowed: Vec::new(),
        });
    }
    Ok(())
}

fn state_of(entry: &Entry) -> Result<SubmissionState, ApiError> {
    entry
        .state
        .parse::<SubmissionState>()
        .map_err(|_| ApiError::internal(format!("unknown entry state {}", entry.state)))
}

/// The actors the caller may act as on this entry.
fn actors(principal: &Principal, entry: &Entry) -> Vec<Actor> {
    let mut out = Vec::new();
    if reports_for(principal, entry) {
        out.push(Actor::Contributor);
    }
    if is_council_officer(principal, entry.council_id) {
        out.push(Actor::Officer);
        out.push(Actor::Committee);
    }
    out
}

fn allowed_for(principal: &Principal, entry: &Entry) -> Vec<String> {
    let Ok(state) = state_of(entry) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for actor in actors(principal, entry) {
        for to in state.allowed_for(actor) {
            let s = to.as_str().to_owned();
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Grades and rendering

/// The grade scales of these councils (the default where a council has none): one query.
pub(crate) async fn scales(
    conn: &mut AsyncPgConnection,
    councils: &[Uuid],
) -> Result<HashMap<Uuid, GradeScale>, ApiError> {
    let stored = q::council_grade_scales(conn, councils).await?;
    let mut out = HashMap::new();
    for council in councils {
        let scale = match stored.get(council).cloned().flatten() {
            Some(json) => serde_json::from_value(json).map_err(ApiError::internal)?,
            None => GradeScale::default_scale(),
        };
        out.insert(*council, scale);
    }
    Ok(out)
}

pub(crate) async fn scale_of(
    conn: &mut AsyncPgConnection,
    council: Uuid,
) -> Result<GradeScale, ApiError> {
    let stored = q::council_progress_settings(conn, council).await?;
    match stored.and_then(|(scale, _)| scale) {
        Some(json) => serde_json::from_value(json).map_err(ApiError::internal),
        None => Ok(GradeScale::default_scale()),
    }
}

fn grade(scale: &GradeScale, code: Option<&str>) -> Option<Grade> {
    let code = code?;
    Some(match scale.level(code) {
        Some(level) => Grade {
            code: level.code.as_str().to_owned(),
            label: level.label.clone(),
            display: level.document_form(),
            closes: level.closes,
            colour: level.colour.clone(),
        },
        None => Grade {
            code: code.to_owned(),
            label: code.to_owned(),
            display: code.to_owned(),
            closes: false,
            colour: None,
        },
    })
}

fn current_code(entry: &Entry) -> Option<&str> {
    entry
        .accepted_grade
        .as_deref()
        .or(entry.officer_grade.as_deref())
        .or(entry.proposed_grade.as_deref())
}

/// The worst of the parts' current grades, for a recommendation-level entry.
fn suggested_code(scale: &GradeScale, parts: &[Entry]) -> Option<String> {
    GradeScale::worst(
        parts
            .iter()
            .filter_map(current_code)
            .filter_map(|c| scale.level(c)),
    )
    .map(|l| l.code.as_str().to_owned())
}

/// Markdown to HTML with nothing raw passed through: HTML in the source is shown as text, and
/// links keep only http(s) and mailto targets.
pub fn render_markdown(source: &str) -> String {
    use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};
    let events = Parser::new_ext(
        source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let lower = dest_url.trim().to_ascii_lowercase();
            let safe = lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("mailto:");
            Event::Start(Tag::Link {
                link_type,
                dest_url: if safe { dest_url } else { CowStr::from("") },
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::from(""),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

fn impact_of(entry: &Entry) -> Impact {
    match entry.impact_kind.as_str() {
        "evidence" => Impact::Evidence(entry.impact_text.clone().unwrap_or_default()),
        "none_undertaken" => Impact::NoneUndertaken,
        _ => Impact::NotRecorded,
    }
}

/// What the DTOs of some entries need beside them, loaded for all of them at once.
pub(crate) struct Context {
    labels: Labels,
    figures: HashMap<Uuid, Vec<q::KeyFigure>>,
    scales: HashMap<Uuid, GradeScale>,
    /// (round, recommendation) → its part entries.
    parts: HashMap<(Uuid, Uuid), Vec<Entry>>,
    today: NaiveDate,
}

impl Context {
    pub(crate) async fn load(
        conn: &mut AsyncPgConnection,
        entries: &[Entry],
    ) -> Result<Self, ApiError> {
        let labels = q::labels(conn, entries).await?;
        let ids: Vec<Uuid> = entries.iter().map(|e| e.id).collect();
        let figures = q::key_figures(conn, &ids).await?;
        let mut councils: Vec<Uuid> = entries.iter().map(|e| e.council_id).collect();
        councils.sort_unstable();
        councils.dedup();
        let scales = scales(conn, &councils).await?;
        let rounds: Vec<Uuid> = entries
            .iter()
            .filter(|e| e.part_id.is_none())
            .map(|e| e.round_id)
            .collect();
        let mut parts: HashMap<(Uuid, Uuid), Vec<Entry>> = HashMap::new();
        if !rounds.is_empty() {
            for part in q::part_entries(conn, &rounds).await? {
                parts
                    .entry((part.round_id, part.recommendation_id))
                    .or_default()
                    .push(part);
            }
        }
        Ok(Self {
            labels,
            figures,
            scales,
            parts,
            today: Utc::now().date_naive(),
        })
    }

    pub(crate) fn dto(&self, principal: &Principal, entry: Entry) -> ProgressEntry {
        let default_scale;
        let scale = match self.scales.get(&entry.council_id) {
            Some(s) => s,
            None => {
                default_scale = GradeScale::default_scale();
                &default_scale
            }
        };
        let round = self.labels.rounds.get(&entry.round_id);
        let (number, text, status) = self
            .labels
            .recommendations
            .get(&entry.recommendation_id)
            .cloned()
            .unwrap_or_default();
        let set = GradeSet {
            proposed: entry.proposed_grade.as_deref().and_then(|c| c.parse().ok()),
            officer: entry.officer_grade.as_deref().and_then(|c| c.parse().ok()),
            accepted: entry.accepted_grade.as_deref().and_then(|c| c.parse().ok()),
        };
        let differs = set.differs();
        let suggested = if entry.part_id.is_none() {
            self.parts
                .get(&(entry.round_id, entry.recommendation_id))
                .and_then(|parts| suggested_code(scale, parts))
        } else {
            None
        };
        let state = entry.state.parse::<SubmissionState>().ok();
        let impact = impact_of(&entry);
        let overdue = round.is_some_and(|r| {
            r.status == "open" && rules::is_overdue(r.deadline, state, self.today)
        });
        ProgressEntry {
            allowed_transitions: allowed_for(principal, &entry),
            editable: check_entry_edit(principal, &entry).is_ok(),
            id: entry.id,
            council_id: entry.council_id,
            review_id: entry.review_id,
            review_title: self
                .labels
                .review_titles
                .get(&entry.review_id)
                .cloned()
                .unwrap_or_default(),
            round: RoundRef {
                id: entry.round_id,
                label: round.map(|r| r.label.clone()).unwrap_or_default(),
                deadline: round.map(|r| r.deadline).unwrap_or_default(),
                meeting_date: round.and_then(|r| r.meeting_date),
                status: round.map(|r| r.status.clone()).unwrap_or_default(),
            },
            recommendation: RecommendationRef {
                id: entry.recommendation_id,
                number,
                text,
                status,
            },
            part: entry.part_id.and_then(|id| {
                self.labels.parts.get(&id).map(|(label, text)| PartRef {
                    id,
                    label: label.clone(),
                    text: text.clone(),
                })
            }),
            organisation: entry.organisation_id.map(|id| OrganisationRef {
                id,
                name: self
                    .labels
                    .organisations
                    .get(&id)
                    .cloned()
                    .unwrap_or_default(),
            }),
            state_label: state.map(|s| s.label().to_owned()).unwrap_or_default(),
            state: entry.state.clone(),
            progress_html: entry.progress.as_deref().map(render_markdown),
            progress: entry.progress.clone(),
            grades: Grades {
                proposed: grade(scale, entry.proposed_grade.as_deref()),
                officer: grade(scale, entry.officer_grade.as_deref()),
                accepted: grade(scale, entry.accepted_grade.as_deref()),
                current: grade(scale, current_code(&entry)),
                proposed_differs_from_officer: differs.proposed_vs_officer,
                officer_differs_from_accepted: differs.officer_vs_accepted,
                proposed_differs_from_accepted: differs.proposed_vs_accepted,
                suggested: grade(scale, suggested.as_deref()),
            },
            proposed_explanation: entry.proposed_explanation.clone(),
            officer_reason: entry.officer_reason.clone(),
            override_reason: entry.override_reason.clone(),
            impact_text: impact.document_text().to_owned(),
            impact: ImpactValue {
                kind: entry.impact_kind.clone(),
                text: entry.impact_text.clone(),
            },
            key_figures: self
                .figures
                .get(&entry.id)
                .map(|rows| {
                    rows.iter()
                        .map(|f| KeyFigure {
                            label: f.label.clone(),
                            value: f.value.clone(),
                            unit: f.unit.clone(),
                            scope: f.scope.clone(),
                            as_of: f.as_of,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            accepted_meeting_date: entry.accepted_meeting_date,
            minute_reference: entry.minute_reference,
            return_comments: entry.return_comments,
            written_by: entry.written_by,
            written_at: entry.written_at,
            submitted_by: entry.submitted_by,
            submitted_at: entry.submitted_at,
            validated_by: entry.validated_by,
            validated_at: entry.validated_at,
            accepted_by: entry.accepted_by,
            accepted_at: entry.accepted_at,
            overdue,
            created_at: entry.created_at,
            updated_at: entry.updated_at,
            version: entry.version,
        }
    }
}

/// The DTOs of some entries, in their order: a fixed number of queries however many.
pub(crate) async fn dtos(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    entries: Vec<Entry>,
) -> Result<Vec<ProgressEntry>, ApiError> {
    let ctx = Context::load(conn, &entries).await?;
    Ok(entries.into_iter().map(|e| ctx.dto(principal, e)).collect())
}

pub(crate) async fn dto(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    entry: Entry,
) -> Result<ProgressEntry, ApiError> {
    let mut out = dtos(conn, principal, vec![entry]).await?;
    out.pop()
        .ok_or_else(|| ApiError::internal("an entry went missing"))
}

// ---------------------------------------------------------------------------------------------
// Validation of content

fn optional_text(
    errors: &mut ValidationErrors,
    field: &str,
    raw: Option<&str>,
    max: usize,
) -> Option<String> {
    scrutiny_app::input::optional_text(errors, field, raw, max)
}

/// A grade on the scale, as its code: "3", "3 (Slipped)" or "Slipped" all give "3". Any text
/// after the grade is returned as its explanation.
fn parse_grade(
    errors: &mut ValidationErrors,
    field: &str,
    scale: &GradeScale,
    raw: &str,
) -> Option<(String, Option<String>)> {
    match scale.parse_grade(raw) {
        Ok(parsed) => Some((parsed.level.code.as_str().to_owned(), parsed.explanation)),
        Err(e) => {
            errors.add(field, e.to_string());
            None
        }
    }
}

fn parse_impact(errors: &mut ValidationErrors, raw: &ImpactValue) -> Option<Impact> {
    match raw.kind.as_str() {
        "evidence" => match raw.text.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => {
                if text.chars().count() > TEXT_MAX {
                    errors.add(
                        "impact.text",
                        format!("must be at most {TEXT_MAX} characters"),
                    );
                    None
                } else if rules::is_no_assessment_statement(text) {
                    Some(Impact::NoneUndertaken)
                } else {
                    Some(Impact::Evidence(text.to_owned()))
                }
            }
            _ => {
                errors.add(
                    "impact.text",
                    "is required with kind evidence: describe the impact of the actions",
                );
                None
            }
        },
        "none_undertaken" | "not_recorded" => {
            if raw.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
                errors.add("impact.text", "must be absent unless kind is evidence");
                return None;
            }
            Some(if raw.kind == "none_undertaken" {
                Impact::NoneUndertaken
            } else {
                Impact::NotRecorded
            })
        }
        _ => {
            errors.add(
                "impact.kind",
                "must be evidence, none_undertaken or not_recorded",
            );
            None
        }
    }
}

fn parse_key_figures(
    errors: &mut ValidationErrors,
    entry_id: Uuid,
    raw: &[KeyFigure],
) -> Vec<q::KeyFigure> {
    if raw.len() > KEY_FIGURES_MAX {
        errors.add(
            "key_figures",
            format!("must have at most {KEY_FIGURES_MAX} figures"),
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, f) in raw.iter().enumerate() {
        let label = f.label.trim();
        if label.is_empty() || label.chars().count() > 200 {
            errors.add(
                format!("key_figures[{i}].label"),
                "must be 1 to 200 characters",
            );
        }
        let value = f.value.trim().replace(',', "");
        let numeric = {
            let digits = value.strip_prefix('-').unwrap_or(&value);
            let mut it = digits.splitn(2, '.');
            let int = it.next().unwrap_or("");
            let frac = it.next();
            !int.is_empty()
                && int.chars().all(|c| c.is_ascii_digit())
                && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
        };
        if !numeric {
            errors.add(
                format!("key_figures[{i}].value"),
                "must be a number such as 95.2 or 102",
            );
        }
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        out.push(q::KeyFigure {
            entry_id,
            position: i as i32 + 1,
            label: label.to_owned(),
            value,
            unit: clean(&f.unit),
            scope: clean(&f.scope),
            as_of: f.as_of,
        });
    }
    out
}

fn impact_columns(impact: &Impact, changes: &mut EntryChanges) {
    let (kind, text) = match impact {
        Impact::Evidence(text) => ("evidence", Some(text.clone())),
        Impact::NoneUndertaken => ("none_undertaken", None),
        Impact::NotRecorded => ("not_recorded", None),
    };
    changes.impact_kind = Some(kind.to_owned());
    changes.impact_text = Some(text);
}

/// DOMAIN.md rules 1 and 3 for a submission: evidence of progress, a grade on the scale with
/// its explanation where the level needs one, and impact stated.
fn check_submission(
    scale: &GradeScale,
    entry: &Entry,
    from_document: bool,
) -> Result<(), ApiError> {
    let mut errors = ValidationErrors::new();
    if entry
        .progress
        .as_deref()
        .is_none_or(|p| p.trim().is_empty())
    {
        errors.add("progress", "is required: describe the progress made");
    }
    match entry.proposed_grade.as_deref() {
        None => errors.add(
            "proposed_grade",
            format!("is required: one of {}", scale.expected_forms()),
        ),
        Some(code) => match scale.require(code) {
            Ok(level) => {
                if let Err(e) =
                    rules::requires_explanation(level, entry.proposed_explanation.as_deref())
                {
                    errors.add("proposed_explanation", e.to_string());
                }
            }
            Err(e) => errors.add("proposed_grade", e.to_string()),
        },
    }
    let impact = impact_of(entry);
    let checked = if from_document {
        rules::check_impact_for_import(&impact)
    } else {
        rules::check_impact_for_submission(&impact)
    };
    if let Err(e) = checked {
        errors.add("impact", e.to_string());
    }
    errors.into_result()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Handlers

/// Progress entries the caller may see, oldest first: partners see their organisation's,
/// council staff their council's, viewers only accepted ones.
#[utoipa::path(
    tag = "progress",
    params(EntryQuery),
    responses((status = 200, description = "A page of entries", body = Page<ProgressEntry>), ListErrors),
    security(("bearer" = []))
)]
#[get("/progress-entries")]
pub async fn list_progress_entries(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    query: web::Query<EntryQuery>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let query = query.into_inner();
    let mut conn = state.pool.get().await?;
    let page = entry_page(&mut conn, &principal, &query, access::scope(&principal)).await?;
    Ok(HttpResponse::Ok().json(page))
}

pub(crate) fn parse_states(raw: Option<&str>) -> Result<Vec<String>, ApiError> {
    let mut out = Vec::new();
    for s in raw
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let state = s.parse::<SubmissionState>().map_err(|_| {
            ApiError::invalid(
                "state",
                "must be draft, submitted, returned, validated or accepted (comma-separated for several)",
            )
        })?;
        out.push(state.as_str().to_owned());
    }
    Ok(out)
}

/// One page of entries for a query, in a scope.
pub(crate) async fn entry_page(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    query: &EntryQuery,
    scope: Scope,
) -> Result<Page<ProgressEntry>, ApiError> {
    let params = PageParams {
        limit: query.limit,
        cursor: query.cursor.clone(),
    };
    let limit = params.limit()?;
    let after = params.decode_cursor::<Uuid>()?;
    let filter = EntryFilter {
        round_id: query.round_id,
        review_id: query.review_id,
        recommendation_id: query.recommendation_id,
        organisation_id: query.organisation_id,
        states: parse_states(query.state.as_deref())?,
        grades_differ: query.grades_differ,
        open_rounds_only: query.open_rounds.unwrap_or(false),
    };
    let rows =
        q::list_entries(conn, scope, accepted_only(principal), &filter, after, limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |e| encode_cursor(&e.id));
    Ok(Page {
        items: dtos(conn, principal, rows).await?,
        next_cursor,
    })
}

/// One progress entry.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    responses((status = 200, description = "The entry, with its ETag", body = ProgressEntry), ReadErrors),
    security(("bearer" = []))
)]
#[get("/progress-entries/{id}")]
pub async fn get_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let entry = entry_for_read(&mut conn, &principal, id.into_inner()).await?;
    let body = dto(&mut conn, &principal, entry).await?;
    Ok(with_etag(HttpResponse::Ok(), body.version, &body))
}

/// Change a draft's evidence, proposed grade, impact or key figures (its organisation's
/// contributors and the council's officers, while it is a draft or returned). Officers may also
/// change the reporting organisation.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateProgressEntry,
    responses((status = 200, description = "Changed", body = ProgressEntry), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/progress-entries/{id}")]
pub async fn update_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateProgressEntry>,
) -> Result<HttpResponse, ApiError> {
    principal.require(&[Role::Admin, Role::Officer, Role::Contributor])?;
    let body = body.into_inner();
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let entry = q::lock_entry(conn, id).await?.ok_or(ApiError::NotFound)?;
            if !visible(&principal, &entry) {
                return Err(ApiError::NotFound);
            }
            if_match.check(entry.version)?;
            check_entry_edit(&principal, &entry)?;
            let scale = scale_of(conn, entry.council_id).await?;
            let mut errors = ValidationErrors::new();
            let mut changes = EntryChanges::default();
            if let Some(progress) = &body.progress {
                changes.progress = Some(optional_text(
                    &mut errors,
                    "progress",
                    progress.as_deref(),
                    PROGRESS_MAX,
                ));
            }
            let mut explanation_from_grade = None;
            if let Some(grade) = &body.proposed_grade {
                changes.proposed_grade = Some(match grade.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(raw) => parse_grade(&mut errors, "proposed_grade", &scale, raw).map(
                        |(code, explanation)| {
                            explanation_from_grade = explanation;
                            code
                        },
                    ),
                });
            }
            if let Some(explanation) = &body.proposed_explanation {
                changes.proposed_explanation = Some(optional_text(
                    &mut errors,
                    "proposed_explanation",
                    explanation.as_deref(),
                    TEXT_MAX,
                ));
            } else if explanation_from_grade.is_some() {
                changes.proposed_explanation = Some(explanation_from_grade);
            }
            if let Some(impact) = &body.impact {
                if let Some(impact) = parse_impact(&mut errors, impact) {
                    impact_columns(&impact, &mut changes);
                }
            }
            let figures = body
                .key_figures
                .as_deref()
                .map(|raw| parse_key_figures(&mut errors, entry.id, raw));
            if let Some(organisation) = body.organisation_id {
                if !is_council_officer(&principal, entry.council_id) {
                    errors.add(
                        "organisation_id",
                        "only the council's officers may change who reports",
                    );
                } else {
                    changes.organisation_id = Some(organisation);
                }
            }
            errors.into_result()?;
            if let Some(Some(organisation)) = changes.organisation_id {
                if scrutiny_db::queries::organisations::find(conn, organisation)
                    .await?
                    .is_none()
                {
                    return Err(ApiError::invalid(
                        "organisation_id",
                        "is not an organisation",
                    ));
                }
            }
            let before = dto(conn, &principal, entry.clone()).await?;
            changes.written_by = Some(Some(principal.name.clone()));
            changes.written_at = Some(Some(Utc::now()));
            q::update_entry(conn, id, &changes).await?;
            if let Some(figures) = figures {
                q::replace_key_figures(conn, id, &figures).await?;
            }
            let row = q::find_entry(conn, id).await?.ok_or(ApiError::NotFound)?;
            let after = dto(conn, &principal, row).await?;
            audit::changed(
                conn,
                &principal,
                "progress_entry.updated",
                "progress_entry",
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

/// The first half of a workflow step: the entry locked, and the step it takes to `to`, or why not.
/// An illegal move is 409 with the allowed states; a legal move the caller may not make is 403.
async fn begin_step(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
    to: SubmissionState,
) -> Result<(Entry, SubmissionStep, ProgressEntry), ApiError> {
    let entry = q::lock_entry(conn, id).await?.ok_or(ApiError::NotFound)?;
    if !visible(principal, &entry) {
        return Err(ApiError::NotFound);
    }
    let from = state_of(&entry)?;
    let actors = actors(principal, &entry);
    let step = match rules::SubmissionStep::of(from, to) {
        None => {
            return Err(ApiError::Conflict {
                detail: format!(
                    "The entry is {}; it cannot move to {}.",
                    from.label().to_lowercase(),
                    to.label().to_lowercase()
                ),
                allowed: from
                    .allowed_next()
                    .iter()
                    .map(|s| s.as_str().to_owned())
                    .collect(),
            })
        }
        Some(step) if actors.contains(&step.actor()) => step,
        Some(_) => return Err(ApiError::Forbidden),
    };
    let before = dto(conn, principal, entry.clone()).await?;
    Ok((entry, step, before))
}

/// The second half: the entry moved and changed, audited as `progress_entry.<step>` with the
/// entry before and after (and the step's own details).
async fn finish_step(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
    step: SubmissionStep,
    mut changes: EntryChanges,
    extra: Option<serde_json::Value>,
    before: &ProgressEntry,
) -> Result<ProgressEntry, ApiError> {
    changes.state = Some(step.to().as_str().to_owned());
    let row = q::update_entry(conn, id, &changes).await?;
    let after = dto(conn, principal, row).await?;
    let mut after_json = audit::snapshot(&after);
    if let (Some(serde_json::Value::Object(map)), Some(extra)) = (&mut after_json, extra) {
        map.insert("step".to_owned(), extra);
    }
    scrutiny_db::queries::audit::record(
        conn,
        &audit::event(
            principal,
            &format!("progress_entry.{}", step.as_str()),
            "progress_entry",
            id,
            audit::snapshot(before),
            after_json,
        ),
    )
    .await?;
    Ok(after)
}

/// Submit a draft, or resubmit a returned entry, for the council to assess. The entry must have
/// evidence of progress, a proposed grade (with its explanation where the grade needs one) and
/// evidence of impact or the statement that no assessment of impact was undertaken.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    request_body(content = Option<SubmitEntry>, description = "May be omitted"),
    responses((status = 200, description = "Submitted", body = ProgressEntry), ActionErrors),
    security(("bearer" = []))
)]
#[post("/progress-entries/{id}/submit")]
pub async fn submit_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    raw: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    principal.require(&[Role::Admin, Role::Officer, Role::Contributor])?;
    let options: SubmitEntry = if raw.iter().all(u8::is_ascii_whitespace) {
        SubmitEntry::default()
    } else {
        crate::extract::parse_json(&raw)?
    };
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let body = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let (entry, step, before) =
                begin_step(conn, &principal, id, SubmissionState::Submitted).await?;
            if options.from_document && !is_council_officer(&principal, entry.council_id) {
                return Err(ApiError::Forbidden);
            }
            let scale = scale_of(conn, entry.council_id).await?;
            check_submission(&scale, &entry, options.from_document)?;
            let changes = EntryChanges {
                submitted_by: Some(Some(principal.name.clone())),
                submitted_at: Some(Some(Utc::now())),
                ..Default::default()
            };
            finish_step(conn, &principal, id, step, changes, None, &before).await
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), body.version, &body))
}

/// Return a submitted (or validated) entry to its partner with comments; it becomes editable
/// for them again.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    request_body = ReturnEntry,
    responses((status = 200, description = "Returned", body = ProgressEntry), ActionErrors),
    security(("bearer" = []))
)]
#[post("/progress-entries/{id}/return")]
pub async fn return_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<ReturnEntry>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let comments = optional_text(&mut errors, "comments", Some(&body.0.comments), TEXT_MAX);
    errors.into_result()?;
    let comments = comments.ok_or_else(|| {
        ApiError::invalid(
            "comments",
            "is required: say what the partner should change",
        )
    })?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let body = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let (_entry, step, before) =
                begin_step(conn, &principal, id, SubmissionState::Returned).await?;
            let changes = EntryChanges {
                return_comments: Some(Some(comments.clone())),
                ..Default::default()
            };
            let extra = Some(serde_json::json!({ "comments": comments }));
            finish_step(conn, &principal, id, step, changes, extra, &before).await
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), body.version, &body))
}

/// Validate a submitted entry with the officer's grade: a reason is required when it differs from
/// the proposed grade, and an override reason when it differs from the worst of the parts'
/// grades.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    request_body = ValidateEntry,
    responses((status = 200, description = "Validated", body = ProgressEntry), ActionErrors),
    security(("bearer" = []))
)]
#[post("/progress-entries/{id}/validate")]
pub async fn validate_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<ValidateEntry>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let body = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let (entry, step, before) =
                begin_step(conn, &principal, id, SubmissionState::Validated).await?;
            let scale = scale_of(conn, entry.council_id).await?;
            let mut errors = ValidationErrors::new();
            let code = parse_grade(&mut errors, "grade", &scale, &body.grade).map(|(c, _)| c);
            errors.into_result()?;
            let code = code.ok_or_else(|| ApiError::invalid("grade", "is required"))?;
            let chosen = code
                .parse()
                .map_err(|_| ApiError::invalid("grade", "is not a grade code"))?;
            let proposed = entry.proposed_grade.as_deref().and_then(|c| c.parse().ok());
            let reason =
                rules::reason_for_officer_grade(proposed.as_ref(), &chosen, body.reason.as_deref())
                    .map_err(|e| ApiError::invalid("reason", e.to_string()))?;
            let mut override_reason = None;
            if entry.part_id.is_none() {
                let parts =
                    q::part_entries_of(conn, entry.round_id, entry.recommendation_id).await?;
                let suggested = suggested_code(&scale, &parts).and_then(|c| c.parse().ok());
                override_reason = rules::reason_for_override(
                    suggested.as_ref(),
                    &chosen,
                    body.override_reason.as_deref(),
                )
                .map_err(|e| ApiError::invalid("override_reason", e.to_string()))?
                .map(|r| r.as_str().to_owned());
            }
            let changes = EntryChanges {
                officer_grade: Some(Some(code.clone())),
                officer_reason: Some(reason.map(|r| r.as_str().to_owned())),
                override_reason: Some(override_reason),
                validated_by: Some(Some(principal.name.clone())),
                validated_at: Some(Some(Utc::now())),
                ..Default::default()
            };
            let extra = Some(serde_json::json!({ "grade": code }));
            finish_step(conn, &principal, id, step, changes, extra, &before).await
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), body.version, &body))
}

/// Record the committee's acceptance of a validated entry with its final grade, meeting date and
/// minute reference. An accepted grade that closes (1 Fully Achieved by default) closes the
/// recommendation; any other leaves it outstanding for the next round. When every entry of the
/// round is accepted the round closes, and when every recommendation of the review is closed or
/// withdrawn the action plan is signed off and the review moves to "signed off".
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    request_body = AcceptEntry,
    responses((status = 200, description = "Accepted", body = ProgressEntry), ActionErrors),
    security(("bearer" = []))
)]
#[post("/progress-entries/{id}/accept")]
pub async fn accept_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<AcceptEntry>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let accepted = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let (entry, step, before) =
                begin_step(conn, &principal, id, SubmissionState::Accepted).await?;
            let scale = scale_of(conn, entry.council_id).await?;
            let round = q::find_round(conn, entry.round_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let mut errors = ValidationErrors::new();
            let code = match body.grade.as_deref() {
                Some(raw) => parse_grade(&mut errors, "grade", &scale, raw).map(|(c, _)| c),
                None => entry.officer_grade.clone(),
            };
            let meeting = body.meeting_date.or(round.meeting_date);
            if meeting.is_none() {
                errors.add(
                    "meeting_date",
                    "is required: the round has no committee meeting date",
                );
            }
            let minute = optional_text(
                &mut errors,
                "minute_reference",
                body.minute_reference.as_deref(),
                200,
            );
            errors.into_result()?;
            let code = code.ok_or_else(|| ApiError::invalid("grade", "is required"))?;
            let meeting = meeting.ok_or_else(|| ApiError::invalid("meeting_date", "is required"))?;
            if entry.part_id.is_none() {
                let closes = outcome_of(&scale, &code) == Some(RecommendationOutcome::Closed);
                let level = scale
                    .require(&code)
                    .map_err(|e| ApiError::invalid("grade", e.to_string()))?;
                if closes {
                    close_recommendation(
                        conn,
                        &principal,
                        entry.recommendation_id,
                        &format!(
                            "Accepted by the committee as {} on {}.",
                            level.document_form(),
                            meeting.format("%-d %B %Y")
                        ),
                    )
                    .await?;
                }
            }
            let changes = EntryChanges {
                accepted_grade: Some(Some(code.clone())),
                accepted_meeting_date: Some(Some(meeting)),
                minute_reference: Some(minute.clone()),
                accepted_by: Some(Some(principal.name.clone())),
                accepted_at: Some(Some(Utc::now())),
                ..Default::default()
            };
            let extra = Some(serde_json::json!({ "grade": code, "meeting_date": meeting, "minute_reference": minute }));
            finish_step(conn, &principal, id, step, changes, extra, &before).await
        })
        .await?;
    // What follows from it: the round closes when all of it is accepted; the plan is signed off
    // when nothing is outstanding. Done in its own transaction, after the acceptance.
    conn.transaction::<_, ApiError, _>(async |conn| {
        progress_rounds::close_round_if_done(conn, &principal, accepted.round.id).await?;
        if accepted.part.is_none() {
            let meeting = accepted
                .accepted_meeting_date
                .unwrap_or_else(|| Utc::now().date_naive());
            after_recommendation_closed(conn, &principal, accepted.review_id, meeting).await?;
        }
        Ok(())
    })
    .await?;
    let entry = q::find_entry(&mut conn, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let body = dto(&mut conn, &principal, entry).await?;
    Ok(with_etag(HttpResponse::Ok(), body.version, &body))
}

/// Closes an open recommendation with a reason, audited.
async fn close_recommendation(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    recommendation_id: Uuid,
    reason: &str,
) -> Result<(), ApiError> {
    let Some(before) = rec_q::find_for_update(conn, recommendation_id).await? else {
        return Err(ApiError::NotFound);
    };
    if before.status != "open" {
        return Ok(());
    }
    let after = rec_q::close(conn, recommendation_id, reason).await?;
    scrutiny_db::queries::audit::record(
        conn,
        &audit::event(
            principal,
            "recommendation.closed",
            "recommendation",
            recommendation_id,
            Some(serde_json::json!({ "status": before.status, "version": before.version })),
            Some(serde_json::json!({ "status": after.status, "closed_reason": after.closed_reason, "version": after.version })),
        ),
    )
    .await?;
    Ok(())
}

/// What accepting the entry's grade would do to its recommendation.
pub(crate) fn outcome_of(scale: &GradeScale, code: &str) -> Option<RecommendationOutcome> {
    let code = code.parse().ok()?;
    rules::outcome(scale, Some(&code), None).ok()
}

/// Remove an untouched draft entry from its round (a recommendation added by mistake). An entry
/// anyone has written in, or that has moved on, is kept.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    responses((status = 204, description = "Removed"), ReadErrors, (status = 409, description = "The entry has content or has moved on")),
    security(("bearer" = []))
)]
#[delete("/progress-entries/{id}")]
pub async fn delete_progress_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    conn.transaction::<_, ApiError, _>(async |conn| {
        let entry = q::lock_entry(conn, id).await?.ok_or(ApiError::NotFound)?;
        if !visible(&principal, &entry) {
            return Err(ApiError::NotFound);
        }
        access::check_write(&principal, entry.council_id)?;
        if entry.state != "draft" || entry.written_at.is_some() {
            return Err(ApiError::conflict(
                "The entry has been written in or has moved on; it is kept.",
            ));
        }
        if q::attachment_count(conn, id).await? > 0 {
            return Err(ApiError::conflict("The entry has attachments; it is kept."));
        }
        let before = dto(conn, &principal, entry).await?;
        q::delete_entry(conn, id).await?;
        scrutiny_db::queries::audit::record(
            conn,
            &audit::event(
                &principal,
                "progress_entry.removed",
                "progress_entry",
                id,
                audit::snapshot(&before),
                None,
            ),
        )
        .await?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// An entry's history: every change and workflow step, newest first.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id"), PageParams),
    responses((status = 200, description = "Audit events of the entry", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/progress-entries/{id}/history")]
pub async fn progress_entry_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let entry = entry_for_read(&mut conn, &principal, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(history::page(&mut conn, "progress_entry", entry.id, &page).await?))
}

/// What the caller's organisation owes: its entries of open rounds that are drafts or returned,
/// oldest first.
#[utoipa::path(
    tag = "progress",
    params(PageParams),
    responses((status = 200, description = "Entries the caller's organisation still owes", body = Page<ProgressEntry>), ListErrors),
    security(("bearer" = []))
)]
#[get("/me/inbox")]
pub async fn my_inbox(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(&[Role::Admin, Role::Officer, Role::Contributor])?;
    let page = page.into_inner();
    let query = EntryQuery {
        round_id: None,
        review_id: None,
        recommendation_id: None,
        organisation_id: Some(principal.organisation_id.as_uuid()),
        state: Some("draft,returned".to_owned()),
        grades_differ: None,
        open_rounds: Some(true),
        limit: page.limit,
        cursor: page.cursor,
    };
    let mut conn = state.pool.get().await?;
    let scope = Scope::Responsible(principal.organisation_id.as_uuid());
    Ok(HttpResponse::Ok().json(entry_page(&mut conn, &principal, &query, scope).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssessmentQuery {
    /// `submitted` (to assess), `validated` (to take to committee), or both (the default).
    pub state: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// An officer's queue: submissions to assess and validated entries awaiting the committee, in
/// the officer's council.
#[utoipa::path(
    tag = "progress",
    params(AssessmentQuery),
    responses((status = 200, description = "Entries awaiting the council", body = Page<ProgressEntry>), ListErrors),
    security(("bearer" = []))
)]
#[get("/me/assessments")]
pub async fn my_assessments(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    query: web::Query<AssessmentQuery>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let query = query.into_inner();
    let states = parse_states(query.state.as_deref())?;
    if states.iter().any(|s| s != "submitted" && s != "validated") {
        return Err(ApiError::invalid("state", "must be submitted or validated"));
    }
    let entry_query = EntryQuery {
        round_id: None,
        review_id: None,
        recommendation_id: None,
        organisation_id: None,
        state: Some(if states.is_empty() {
            "submitted,validated".to_owned()
        } else {
            states.join(",")
        }),
        grades_differ: None,
        open_rounds: None,
        limit: query.limit,
        cursor: query.cursor,
    };
    let mut conn = state.pool.get().await?;
    let page = entry_page(
        &mut conn,
        &principal,
        &entry_query,
        access::scope(&principal),
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_passes_no_raw_html_or_script_links() {
        let html = render_markdown(
            "- one\n- two <script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](https://example.org)",
        );
        assert!(html.contains("<li>one</li>"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
    }

    #[test]
    fn suggested_grade_is_the_worst_of_the_parts() {
        let scale = GradeScale::default_scale();
        let part = |grade: &str| Entry {
            id: Uuid::nil(),
            council_id: Uuid::nil(),
            review_id: Uuid::nil(),
            round_id: Uuid::nil(),
            recommendation_id: Uuid::nil(),
            part_id: Some(Uuid::nil()),
            organisation_id: None,
            state: "submitted".into(),
            progress: None,
            proposed_grade: Some(grade.into()),
            proposed_explanation: None,
            impact_kind: "not_recorded".into(),
            impact_text: None,
            officer_grade: None,
            officer_reason: None,
            override_reason: None,
            accepted_grade: None,
            accepted_meeting_date: None,
            minute_reference: None,
            return_comments: None,
            written_by: None,
            written_at: None,
            submitted_by: None,
            submitted_at: None,
            validated_by: None,
            validated_at: None,
            accepted_by: None,
            accepted_at: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 1,
        };
        assert_eq!(
            suggested_code(&scale, &[part("1"), part("3"), part("2")]).as_deref(),
            Some("3")
        );
        assert_eq!(suggested_code(&scale, &[]), None);
        assert_eq!(outcome_of(&scale, "1"), Some(RecommendationOutcome::Closed));
        assert_eq!(
            outcome_of(&scale, "3"),
            Some(RecommendationOutcome::Outstanding)
        );
    }
}
