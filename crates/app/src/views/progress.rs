//! Progress rounds and entries as the API shows them, with their loaders: a round with its entry
//! counts (one query for all the rounds), an entry with its labels, key figures, grade scale and
//! parts (a fixed number of queries however many entries); the dashboard's figures; and who may
//! see and change an entry.
use crate::access;
use crate::error::AppError;
use crate::principal::Principal;
use chrono::{DateTime, NaiveDate, Utc};
use scrutiny_db::queries::progress::{self as q, Entry, Labels, Round};
use scrutiny_db::scope::Scope;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::people::Role;
use scrutiny_domain::progress::{
    self as rules, Actor, GradeScale, GradeSet, Impact, RecommendationOutcome, SubmissionState,
};
use scrutiny_domain::status::{RecommendationStatus, RoundStatus};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;
use uuid::Uuid;

// ---------------------------------------------------------------------------------------------
// Rounds

/// How many of a round's entries are in each state.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct StateCounts {
    pub total: i64,
    pub draft: i64,
    pub submitted: i64,
    pub returned: i64,
    pub validated: i64,
    pub accepted: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgressRound {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub committee_id: Uuid,
    /// 1 for the review's first round.
    pub sequence: i32,
    #[schema(example = "November 2022")]
    pub label: String,
    /// The committee meeting the update goes to.
    pub meeting_date: Option<NaiveDate>,
    /// When partners' entries are due.
    pub deadline: NaiveDate,
    /// Closed when the committee has accepted every entry.
    pub status: RoundStatus,
    pub minute_reference: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The entries the caller can see, by state.
    pub entries: StateCounts,
    /// The deadline has passed and entries are still owed.
    pub overdue: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

fn round_dto(row: Round, counts: StateCounts, today: NaiveDate) -> ProgressRound {
    let owed = counts.draft + counts.returned;
    ProgressRound {
        overdue: row.status == RoundStatus::Open && today > row.deadline && owed > 0,
        id: row.id,
        council_id: row.council_id,
        review_id: row.review_id,
        committee_id: row.committee_id,
        sequence: row.sequence,
        label: row.label,
        meeting_date: row.meeting_date,
        deadline: row.deadline,
        status: row.status,
        minute_reference: row.minute_reference,
        closed_at: row.closed_at,
        entries: counts,
        created_at: row.created_at,
        updated_at: row.updated_at,
        version: row.version,
    }
}

/// The rounds with their entry counts (one query for all the counts). Partners count only their
/// organisation's entries; viewers only accepted ones.
pub async fn round_dtos(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    rows: Vec<Round>,
    today: NaiveDate,
) -> Result<Vec<ProgressRound>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut counts: HashMap<Uuid, StateCounts> = HashMap::new();
    let own = match access::scope(principal) {
        Scope::Responsible(org) => Some(org),
        _ => None,
    };
    let tallies = match own {
        None => q::round_state_counts(conn, &ids).await?,
        Some(org) => q::round_state_counts_for(conn, &ids, org).await?,
    };
    let viewer = accepted_only(principal);
    for (round, state, n) in tallies {
        if viewer && state != SubmissionState::Accepted {
            continue;
        }
        let c = counts.entry(round).or_default();
        c.total += n;
        match state {
            SubmissionState::Draft => c.draft += n,
            SubmissionState::Submitted => c.submitted += n,
            SubmissionState::Returned => c.returned += n,
            SubmissionState::Validated => c.validated += n,
            SubmissionState::Accepted => c.accepted += n,
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let c = counts.remove(&r.id).unwrap_or_default();
            round_dto(r, c, today)
        })
        .collect())
}

pub async fn round_dto_one(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    row: Round,
    today: NaiveDate,
) -> Result<ProgressRound, AppError> {
    round_dtos(conn, principal, vec![row], today)
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("a round went missing"))
}

/// The round, when the caller may see it: council staff of its council, partners with an entry
/// in it.
pub async fn round_for_read(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
) -> Result<Round, AppError> {
    let round = q::find_round(conn, id).await?.ok_or(AppError::NotFound)?;
    match access::scope(principal) {
        Scope::All => {}
        Scope::Council(council) => {
            access::check_council_visible(Scope::Council(council), round.council_id)?
        }
        Scope::Responsible(org) => {
            if !q::organisation_in_round(conn, round.id, org).await? {
                return Err(AppError::NotFound);
            }
        }
    }
    Ok(round)
}

/// A review's next round as the rules propose it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoundProposal {
    pub sequence: i32,
    #[schema(example = "March 2023")]
    pub label: String,
    /// When the update is due, as precise as its basis: `2023-03` (a month) or a day.
    #[schema(example = "2023-03")]
    pub due: String,
    /// The due date as documents write it.
    #[schema(example = "March 2023")]
    pub due_display: String,
    /// A deadline for partners: the due date (the last day of a month-precision one).
    pub deadline: NaiveDate,
    /// Why: "12 months after the action plan was agreed (March 2022)".
    pub basis: String,
    /// The recommendations it would cover (those still open).
    pub recommendation_ids: Vec<Uuid>,
}

// ---------------------------------------------------------------------------------------------
// Dashboard

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GradeCount {
    /// The entry's state.
    pub state: SubmissionState,
    /// The current grade code; absent: not graded yet.
    pub grade: Option<String>,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DashboardGroup {
    /// The committee, review or organisation; absent for entries the council reports itself.
    pub id: Option<Uuid>,
    pub name: Option<String>,
    pub counts: Vec<GradeCount>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoundWork {
    pub round_id: Uuid,
    pub review_id: Uuid,
    pub review_title: String,
    pub label: String,
    pub deadline: NaiveDate,
    pub meeting_date: Option<NaiveDate>,
    /// Entries partners still owe (draft or returned).
    pub owed: i64,
    /// Submitted, awaiting an officer.
    pub to_assess: i64,
    /// Validated, awaiting the committee.
    pub to_accept: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Dashboard {
    /// The day the figures are for.
    pub on: NaiveDate,
    /// Recommendations in scope by status: open, closed, withdrawn.
    pub recommendations: BTreeMap<RecommendationStatus, i64>,
    /// The latest report on each recommendation, by state and current grade.
    pub by_committee: Vec<DashboardGroup>,
    /// At most 100 reviews: those with the most entries not yet accepted, then the most entries.
    pub by_review: Vec<DashboardGroup>,
    /// How many reviews have counts; more than `by_review` lists when some were left out.
    pub by_review_total: i64,
    pub by_organisation: Vec<DashboardGroup>,
    /// Open rounds whose deadline has passed with entries still owed: at most 50, the earliest
    /// deadlines first.
    pub overdue_rounds: Vec<RoundWork>,
    /// How many open rounds are past their deadline with entries owed; more than
    /// `overdue_rounds` lists when some were left out.
    pub overdue_rounds_total: i64,
    /// Open rounds due in the next 45 days: at most 50, the earliest deadlines first.
    pub due_soon_rounds: Vec<RoundWork>,
    /// How many open rounds are due in the next 45 days.
    pub due_soon_rounds_total: i64,
    /// Open actions with a milestone passed.
    pub overdue_actions: i64,
    /// Open actions with a milestone in the next 45 days.
    pub due_soon_actions: i64,
    /// Statutory responses awaited past their due day (viewers: 0).
    pub overdue_responses: i64,
    /// Statutory responses awaited and due in the next 45 days (viewers: 0).
    pub due_soon_responses: i64,
}

// ---------------------------------------------------------------------------------------------
// Entries

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoundRef {
    pub id: Uuid,
    #[schema(example = "November 2022")]
    pub label: String,
    pub deadline: NaiveDate,
    pub meeting_date: Option<NaiveDate>,
    pub status: RoundStatus,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecommendationRef {
    pub id: Uuid,
    #[schema(example = "2")]
    pub number: String,
    pub text: String,
    pub status: RecommendationStatus,
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

/// The partner's proposed grade, the officer's and the committee's accepted one (docs/domain.md rule
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

/// Evidence of impact (docs/domain.md rule 3).
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
    pub state: SubmissionState,
    #[schema(example = "Submitted")]
    pub state_label: String,
    /// The states the caller may move the entry to now.
    pub allowed_transitions: Vec<SubmissionState>,
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

// ---------------------------------------------------------------------------------------------
// Access

pub fn is_council_officer(principal: &Principal, council_id: Uuid) -> bool {
    principal.is_operator()
        || (matches!(principal.role, Role::Admin | Role::Officer)
            && principal.own_council() == Some(council_id))
}

/// Whether the caller reports for the entry's organisation (or, as a council officer, acts for
/// it).
pub fn reports_for(principal: &Principal, entry: &Entry) -> bool {
    if is_council_officer(principal, entry.council_id) {
        return true;
    }
    principal.is(Role::Contributor)
        && entry.organisation_id == Some(principal.organisation_id.as_uuid())
}

/// Whether the principal reads only accepted entries (viewers).
pub fn accepted_only(principal: &Principal) -> bool {
    principal.is(Role::Viewer)
}

pub fn visible(principal: &Principal, entry: &Entry) -> bool {
    if accepted_only(principal) && entry.state != SubmissionState::Accepted {
        return false;
    }
    match access::scope(principal) {
        Scope::All => true,
        Scope::Council(council) => entry.council_id == council,
        Scope::Responsible(organisation) => entry.organisation_id == Some(organisation),
    }
}

/// The entry, when the caller may see it; 404 otherwise.
pub async fn entry_for_read(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
) -> Result<Entry, AppError> {
    let entry = q::find_entry(conn, id).await?.ok_or(AppError::NotFound)?;
    if visible(principal, &entry) {
        Ok(entry)
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether the caller may change the entry's content now: the reporting organisation's
/// contributors (and the council's officers) while it is a draft or returned.
pub fn check_entry_edit(principal: &Principal, entry: &Entry) -> Result<(), AppError> {
    if !reports_for(principal, entry) {
        return Err(AppError::Forbidden);
    }
    let state = entry.state;
    if !state.editable_by_contributor() {
        return Err(AppError::Conflict {
            detail: format!(
                "The entry is {}; it can be changed only while it is a draft or returned with comments.",
                state.label().to_lowercase()
            ),
            allowed: Vec::new(),
        });
    }
    Ok(())
}

/// The actors the caller may act as on this entry.
pub fn actors(principal: &Principal, entry: &Entry) -> Vec<Actor> {
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

pub fn allowed_for(principal: &Principal, entry: &Entry) -> Vec<SubmissionState> {
    let mut out: Vec<SubmissionState> = Vec::new();
    for actor in actors(principal, entry) {
        for to in entry.state.allowed_for(actor) {
            if !out.contains(&to) {
                out.push(to);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Grades and rendering

/// The councils' grade scales from their stored settings (the default scale where none is set).
fn parse_scales(
    councils: &[Uuid],
    stored: HashMap<Uuid, Option<serde_json::Value>>,
) -> Result<HashMap<Uuid, GradeScale>, AppError> {
    let mut out = HashMap::new();
    for council in councils {
        let scale = match stored.get(council).cloned().flatten() {
            Some(json) => serde_json::from_value(json).map_err(AppError::internal)?,
            None => GradeScale::default_scale(),
        };
        out.insert(*council, scale);
    }
    Ok(out)
}

pub async fn scale_of(conn: &mut AsyncPgConnection, council: Uuid) -> Result<GradeScale, AppError> {
    let stored = q::council_progress_settings(conn, council).await?;
    match stored.and_then(|(scale, _)| scale) {
        Some(json) => serde_json::from_value(json).map_err(AppError::internal),
        None => Ok(GradeScale::default_scale()),
    }
}

pub fn grade(scale: &GradeScale, code: Option<&str>) -> Option<Grade> {
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

pub fn current_code(entry: &Entry) -> Option<&str> {
    entry
        .accepted_grade
        .as_deref()
        .or(entry.officer_grade.as_deref())
        .or(entry.proposed_grade.as_deref())
}

/// The worst of the parts' current grades, for a recommendation-level entry.
pub fn suggested_code(scale: &GradeScale, parts: &[Entry]) -> Option<String> {
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

pub fn impact_of(entry: &Entry) -> Impact {
    match entry.impact_kind.as_str() {
        "evidence" => Impact::Evidence(entry.impact_text.clone().unwrap_or_default()),
        "none_undertaken" => Impact::NoneUndertaken,
        _ => Impact::NotRecorded,
    }
}

/// What the DTOs of some entries need beside them, loaded for all of them at once.
pub struct EntryContext {
    labels: Labels,
    figures: HashMap<Uuid, Vec<q::KeyFigure>>,
    scales: HashMap<Uuid, GradeScale>,
    /// (round, recommendation) → its part entries.
    parts: HashMap<(Uuid, Uuid), Vec<Entry>>,
    today: NaiveDate,
}

impl EntryContext {
    pub async fn load(
        conn: &mut AsyncPgConnection,
        entries: &[Entry],
        today: NaiveDate,
    ) -> Result<Self, AppError> {
        let ids: Vec<Uuid> = entries.iter().map(|e| e.id).collect();
        let mut councils: Vec<Uuid> = entries.iter().map(|e| e.council_id).collect();
        councils.sort_unstable();
        councils.dedup();
        let rounds: Vec<Uuid> = entries
            .iter()
            .filter(|e| e.part_id.is_none())
            .map(|e| e.round_id)
            .collect();
        // All sent together, pipelined on the connection: one round trip for what the entries
        // are shown with.
        let shared: &AsyncPgConnection = conn;
        let (labels, figures, stored_scales, part_rows) = tokio::try_join!(
            q::labels(shared, entries),
            q::key_figures(shared, &ids),
            q::council_grade_scales(shared, &councils),
            q::part_entries(shared, &rounds),
        )?;
        let scales = parse_scales(&councils, stored_scales)?;
        let mut parts: HashMap<(Uuid, Uuid), Vec<Entry>> = HashMap::new();
        for part in part_rows {
            parts
                .entry((part.round_id, part.recommendation_id))
                .or_default()
                .push(part);
        }
        Ok(Self {
            labels,
            figures,
            scales,
            parts,
            today,
        })
    }

    /// The council's grade scale, as loaded for these entries (the default without its own).
    pub fn scale(&self, council: Uuid) -> GradeScale {
        self.scales
            .get(&council)
            .cloned()
            .unwrap_or_else(GradeScale::default_scale)
    }

    /// The entry's key figures, after they were replaced by these.
    pub fn set_figures(&mut self, entry: Uuid, figures: Vec<q::KeyFigure>) {
        self.figures.insert(entry, figures);
    }

    pub fn dto(&self, principal: &Principal, entry: Entry) -> ProgressEntry {
        let default_scale;
        let scale = match self.scales.get(&entry.council_id) {
            Some(s) => s,
            None => {
                default_scale = GradeScale::default_scale();
                &default_scale
            }
        };
        let round = self.labels.rounds.get(&entry.round_id);
        // Labels hold every entry's recommendation and round (loaded for these entries).
        let (number, text, status) = self
            .labels
            .recommendations
            .get(&entry.recommendation_id)
            .cloned()
            .unwrap_or((String::new(), String::new(), RecommendationStatus::Open));
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
        let impact = impact_of(&entry);
        let overdue = round.is_some_and(|r| {
            r.status == RoundStatus::Open
                && rules::is_overdue(r.deadline, Some(entry.state), self.today)
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
                status: round.map_or(RoundStatus::Open, |r| r.status),
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
            state_label: entry.state.label().to_owned(),
            state: entry.state,
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
pub async fn dtos(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    entries: Vec<Entry>,
    today: NaiveDate,
) -> Result<Vec<ProgressEntry>, AppError> {
    let ctx = EntryContext::load(conn, &entries, today).await?;
    Ok(entries.into_iter().map(|e| ctx.dto(principal, e)).collect())
}

pub async fn dto(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    entry: Entry,
    today: NaiveDate,
) -> Result<ProgressEntry, AppError> {
    let mut out = dtos(conn, principal, vec![entry], today).await?;
    out.pop()
        .ok_or_else(|| AppError::internal("an entry went missing"))
}

/// What accepting the entry's grade would do to its recommendation.
pub fn outcome_of(scale: &GradeScale, code: &str) -> Option<RecommendationOutcome> {
    let code = code.parse().ok()?;
    rules::outcome(scale, Some(&code), None).ok()
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
            state: SubmissionState::Submitted,
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
