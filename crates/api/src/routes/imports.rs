//! Imports of what councils and partners already have: an action plan as text copied out of a
//! Word table, CSV or XLSX, and a progress update in the committee paper's text layout. A dry run
//! (the default) answers with what was read and a report of every row rejected, guessed at or
//! skipped, and records that it was done; a commit creates what the API's own endpoints would
//! (recommendations and their parts, the plan, its actions with owners and milestones, or the
//! round's entries), audited, all or nothing, and once per file. And the plan's export in the
//! import's layout (CSV, XLSX).
use crate::access;
use crate::audit;
use crate::auth::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::auth::{Auth, Principal};
use crate::error::{ApiError, ProblemField};
use crate::openapi::ReadErrors;
use crate::request_id;
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use scrutiny_app::progress as progress_entries;
use scrutiny_app::views::actions;
use scrutiny_app::views::plans as action_plans;
use scrutiny_app::views::recommendations::{Recommendation, RecommendationPart};
use scrutiny_db::queries::action_plans::{self as plans_q, NewActionPlan, PlanKey};
use scrutiny_db::queries::actions::{self as actions_q, NewAction, NewOwner};
use scrutiny_db::queries::imports::{self as q, Import, NewImport, RecommendationRef};
use scrutiny_db::queries::progress::{self as progress_q, EntryChanges};
use scrutiny_db::queries::recommendations::{self as recs_q, NewPart, NewRecommendation};
use scrutiny_db::scope::Scope;
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::progress::Impact;
use scrutiny_import::export::{to_csv, to_xlsx};
use scrutiny_import::{
    parse_action_plan, parse_progress_update_bytes, ActionPlanImport, Format, ImportError,
    ImportedAction, ImportedMilestone, ImportedPart, ImportedRecommendation, Issue, Parsed,
    ProgressUpdateImport, Report, Severity,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use utoipa::openapi::{RefOr, Response, ResponseBuilder};
use utoipa::{IntoParams, IntoResponses, ToSchema};
use uuid::Uuid;

/// The largest file an import accepts unless `import_max_bytes` says otherwise: 10 MB.
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

const KIND_PLAN: &str = "action_plan";
const KIND_UPDATE: &str = "progress_update";

// ---------------------------------------------------------------------------------------------
// Wire types

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// `true` (the default): read the file and report, create nothing. `false`: commit.
    pub dry_run: Option<bool>,
    /// Commit what can be imported and skip the rejected rows (default `false`: any rejected row
    /// stops the commit).
    pub skip_invalid: Option<bool>,
    /// When the plan is agreed, why it is amended by this import (the plan as it stood is kept).
    pub amendment_reason: Option<String>,
}

/// One row, cell or line rejected, guessed at or skipped.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportIssue {
    /// The line (text), record line (CSV) or sheet row (XLSX), from 1; null for the whole file.
    pub row: Option<u32>,
    /// The column as the file names it.
    #[schema(example = "Date")]
    pub column: Option<String>,
    #[schema(example = "31 February 2022")]
    pub value: String,
    /// rejected, guessed or skipped.
    #[schema(example = "rejected")]
    pub severity: String,
    #[schema(
        example = "the action on this row is not imported: not a date: \"31 February 2022\": must be a real date: February 2022 has 28 days, so there is no day 31"
    )]
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportReport {
    /// Data rows (or recommendation blocks) read.
    pub rows_read: u32,
    /// Rows, actions or blocks rejected.
    pub rows_rejected: u32,
    pub issues: Vec<ImportIssue>,
}

impl From<&Report> for ImportReport {
    fn from(r: &Report) -> Self {
        Self {
            rows_read: r.rows_read,
            rows_rejected: r.rows_rejected,
            issues: r
                .issues
                .iter()
                .map(|i| ImportIssue {
                    row: i.row,
                    column: i.column.clone(),
                    value: i.value.clone(),
                    severity: match i.severity {
                        Severity::Rejected => "rejected",
                        Severity::Guessed => "guessed",
                        Severity::Skipped => "skipped",
                    }
                    .to_owned(),
                    reason: i.reason.clone(),
                })
                .collect(),
        }
    }
}

/// An import as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportRecord {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub round_id: Option<Uuid>,
    /// action_plan or progress_update.
    #[schema(example = "action_plan")]
    pub kind: String,
    /// text, csv or xlsx.
    #[schema(example = "text")]
    pub format: String,
    pub file_name: Option<String>,
    pub file_sha256: String,
    pub size_bytes: i64,
    /// dry_run or committed.
    #[schema(example = "committed")]
    pub state: String,
    pub skip_invalid: bool,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// What the commit created or filled in (ids by kind of record).
    #[schema(value_type = Option<Object>)]
    pub result: Option<serde_json::Value>,
}

impl From<Import> for ImportRecord {
    fn from(row: Import) -> Self {
        Self {
            id: row.id,
            council_id: row.council_id,
            review_id: row.review_id,
            round_id: row.round_id,
            kind: row.kind,
            format: row.format,
            file_name: row.file_name,
            file_sha256: row.file_sha256,
            size_bytes: row.size_bytes,
            state: row.state,
            skip_invalid: row.skip_invalid,
            created_by: row.created_by,
            created_at: row.created_at,
            result: row.result,
        }
    }
}

/// What an import read, its report, and (committed) what it did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportOutcome {
    pub import: ImportRecord,
    /// The file was committed before for this review: nothing was changed this time.
    pub already_imported: bool,
    /// What was read: the plan (recommendations with parts and actions) or the progress update
    /// (header block, grading key and one block per recommendation).
    #[schema(value_type = Object)]
    pub parsed: serde_json::Value,
    pub report: ImportReport,
}

/// The 422 of a commit with rejected rows: a problem document with the whole report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportProblem {
    #[serde(rename = "type")]
    #[schema(example = "/problems/import-rejected")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub request_id: Option<String>,
    /// One per rejected row: `field` is "row N" and the column.
    pub errors: Vec<ProblemField>,
    pub report: ImportReport,
}

/// The errors of an import besides the 422 of a file that cannot be imported.
pub struct ImportErrors;

fn problem(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            utoipa::openapi::ContentBuilder::new()
                .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    "Problem",
                ))))
                .build(),
        )
        .build()
        .into()
}

impl IntoResponses for ImportErrors {
    fn responses() -> std::collections::BTreeMap<String, RefOr<Response>> {
        [
            (400, "The body or form cannot be read"),
            (401, "No valid access token"),
            (403, "The role does not allow this"),
            (404, "No such record, or not visible to the caller"),
            (
                409,
                "The plan is signed off, the round is closed, or the review is withdrawn",
            ),
            (500, "Unexpected error (logged with the request id)"),
            (503, "The database is unreachable or busy"),
        ]
        .into_iter()
        .map(|(status, d)| (status.to_string(), problem(d)))
        .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the upload

struct Upload {
    bytes: Vec<u8>,
    media_type: Option<String>,
    file_name: Option<String>,
}

fn too_large(max: usize) -> ApiError {
    ApiError::invalid(
        "file",
        format!("is larger than the {max} bytes an import accepts (import_max_bytes)"),
    )
}

fn file_error(e: ImportError) -> ApiError {
    ApiError::invalid("file", e.to_string())
}

/// The file: the body itself (text/plain, text/csv, an XLSX media type) or the `file` part of a
/// multipart form; at most `max` bytes.
async fn read_upload(
    req: &HttpRequest,
    payload: web::Payload,
    max: usize,
) -> Result<Upload, ApiError> {
    let media = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let Some(length) = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
    {
        // A multipart envelope adds a little; anything well over the limit is refused unread.
        if length > max.saturating_add(64 * 1024) {
            return Err(too_large(max));
        }
    }
    let is_multipart = media
        .as_deref()
        .is_some_and(|m| m.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_multipart {
        let mut payload = payload;
        let mut bytes = Vec::new();
        while let Some(chunk) = payload.next().await {
            let chunk =
                chunk.map_err(|e| ApiError::BadRequest(format!("reading the body: {e}")))?;
            if bytes.len() + chunk.len() > max {
                return Err(too_large(max));
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok(Upload {
            bytes,
            media_type: media,
            file_name: None,
        });
    }
    let mut multipart = Multipart::new(req.headers(), payload);
    while let Some(field) = multipart.next().await {
        let mut field =
            field.map_err(|e| ApiError::BadRequest(format!("reading the form: {e}")))?;
        if field.name() != Some("file") {
            while let Some(chunk) = field.next().await {
                chunk.map_err(|e| ApiError::BadRequest(format!("reading the form: {e}")))?;
            }
            continue;
        }
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty() && n.chars().count() <= 255);
        let part_media = field.content_type().map(|m| m.essence_str().to_owned());
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk =
                chunk.map_err(|e| ApiError::BadRequest(format!("reading the form: {e}")))?;
            if bytes.len() + chunk.len() > max {
                return Err(too_large(max));
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok(Upload {
            bytes,
            media_type: part_media,
            file_name,
        });
    }
    Err(ApiError::invalid(
        "file",
        "is missing: send the file as the body, or as the form's `file` part",
    ))
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Letters and digits only, lower case: "Stockton on Tees Borough Council" matches
/// "Stockton-on-Tees Borough Council".
fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn rejected_problem(report: &Report) -> HttpResponse {
    let rejected: Vec<&Issue> = report.of(Severity::Rejected).collect();
    let body = ImportProblem {
        kind: "/problems/import-rejected".to_owned(),
        title: "The file has rows that cannot be imported".to_owned(),
        status: 422,
        detail: format!(
            "{} row(s) are rejected, so nothing was imported. Correct them, or send skip_invalid=true to import the rest.",
            report.rows_rejected
        ),
        request_id: request_id::current(),
        errors: rejected
            .iter()
            .map(|i| ProblemField {
                field: match (&i.row, &i.column) {
                    (Some(r), Some(c)) => format!("row {r}: {c}"),
                    (Some(r), None) => format!("row {r}"),
                    (None, Some(c)) => c.clone(),
                    (None, None) => "file".to_owned(),
                },
                message: i.reason.clone(),
            })
            .collect(),
        report: ImportReport::from(report),
    };
    HttpResponse::UnprocessableEntity()
        .content_type("application/problem+json")
        .json(body)
}

/// Either an API error or the 422 of rejected rows, out of a transaction.
enum Failure {
    Api(ApiError),
    Rejected(Report),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Api(e)
    }
}

impl From<diesel::result::Error> for Failure {
    fn from(e: diesel::result::Error) -> Self {
        Failure::Api(e.into())
    }
}

// ---------------------------------------------------------------------------------------------
// Action plans: matching the file to the review

/// An action ready to store.
struct ReadyAction {
    action: ImportedAction,
    owners: Vec<(Option<Uuid>, Option<Uuid>)>,
}

/// A recommendation of the file, matched to the review's.
struct ReadyRecommendation {
    rec: ImportedRecommendation,
    existing: Option<RecommendationRef>,
    /// Parts of the file the review's recommendation does not have yet.
    new_parts: Vec<ImportedPart>,
    actions: Vec<ReadyAction>,
}

/// Matches the plan read from the file to the review: recommendations by number (a withdrawn one
/// rejects its rows), owners to organisations and contacts by name, actions already in the plan
/// skipped. Adds what it finds to the report.
async fn match_plan(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    plan_id: Option<Uuid>,
    parsed: &mut Parsed<ActionPlanImport>,
) -> Result<Vec<ReadyRecommendation>, ApiError> {
    let existing = q::recommendations_of_review(conn, review_id).await?;
    let orgs: HashMap<String, Uuid> = q::organisation_names(conn)
        .await?
        .into_iter()
        .map(|(id, name)| (loose(&name), id))
        .collect();
    let mut contacts: HashMap<String, (Uuid, Option<Uuid>)> = HashMap::new();
    for (id, name, org) in q::contact_names(conn).await? {
        contacts.entry(loose(&name)).or_insert((id, org));
    }
    let in_plan: Vec<(Uuid, Option<Uuid>, String)> = match plan_id {
        Some(id) => actions_q::for_plan(conn, id)
            .await?
            .into_iter()
            .filter(|r| r.action.status != "withdrawn")
            .map(|r| {
                (
                    r.action.recommendation_id,
                    r.action.part_id,
                    r.action.proposed_actions.trim().to_owned(),
                )
            })
            .collect(),
        None => Vec::new(),
    };
    let report = &mut parsed.report;
    let mut out = Vec::new();
    for rec in &parsed.value.recommendations {
        let found = existing
            .iter()
            .find(|e| e.number.eq_ignore_ascii_case(rec.number.as_str()))
            .cloned();
        if let Some(e) = &found {
            if e.status == "withdrawn" {
                report.reject(
                    Some(rec.row),
                    Some("No."),
                    rec.number.as_str(),
                    format!(
                        "recommendation {} of the review is withdrawn: nothing is imported for it",
                        rec.number
                    ),
                );
                for a in &rec.actions {
                    report.reject(
                        Some(a.row),
                        Some("No."),
                        rec.number.as_str(),
                        format!("the action on this row is not imported: recommendation {} of the review is withdrawn", rec.number),
                    );
                }
                continue;
            }
            if loose(&e.text) != loose(&rec.text) {
                report.guess(
                    Some(rec.row),
                    Some("Recommendation"),
                    &rec.text,
                    format!("the review already has recommendation {}: its text is kept, and the file's is not used", rec.number),
                );
            }
        }
        let new_parts: Vec<ImportedPart> = rec
            .parts
            .iter()
            .filter(|p| {
                found
                    .as_ref()
                    .is_none_or(|e| !e.parts.iter().any(|(_, l)| l == p.label.as_str()))
            })
            .cloned()
            .collect();
        let mut actions = Vec::new();
        for action in &rec.actions {
            let mut owners = Vec::new();
            let mut unknown = Vec::new();
            if !action.responsible_all() {
                for name in action.named_owners() {
                    let key = loose(name);
                    if let Some(org) = orgs.get(&key) {
                        owners.push((Some(*org), None));
                    } else if let Some((contact, org)) = contacts.get(&key) {
                        owners.push((*org, Some(*contact)));
                    } else {
                        unknown.push(name.to_owned());
                    }
                }
            }
            if !unknown.is_empty() {
                report.reject(
                    Some(action.row),
                    Some("Responsibility"),
                    &action.responsibility,
                    format!(
                        "the action on this row is not imported: no organisation or contact is named {}; add it (POST /organisations or /contacts) or correct the name",
                        unknown.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
                    ),
                );
                continue;
            }
            owners.dedup();
            let part_id = found.as_ref().and_then(|e| {
                action.part.as_ref().and_then(|l| {
                    e.parts
                        .iter()
                        .find(|(_, pl)| pl == l.as_str())
                        .map(|(id, _)| *id)
                })
            });
            let duplicate = found.as_ref().is_some_and(|e| {
                (action.part.is_none() || part_id.is_some())
                    && in_plan.iter().any(|(r, p, text)| {
                        *r == e.id && *p == part_id && *text == action.proposed_actions.trim()
                    })
            });
            if duplicate {
                report.skip(
                    Some(action.row),
                    Some("Proposed Actions"),
                    &action.proposed_actions,
                    format!(
                        "recommendation {} already has this action in the plan: not added again",
                        rec.number
                    ),
                );
                continue;
            }
            actions.push(ReadyAction {
                action: action.clone(),
                owners,
            });
        }
        out.push(ReadyRecommendation {
            rec: rec.clone(),
            existing: found,
            new_parts,
            actions,
        });
    }
    report.sort_by_row();
    Ok(out)
}

/// The review, when the principal may import into it.
async fn review_for_import(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    review_id: Uuid,
) -> Result<recs_q::ReviewRef, ApiError> {
    let review = recs_q::find_review(conn, access::scope(principal), review_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    access::check_write(principal, review.council_id)?;
    if review.status == "withdrawn" {
        return Err(ApiError::conflict(
            "The review is withdrawn; nothing can be imported into it.",
        ));
    }
    Ok(review)
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Csv => "csv",
        Format::Xlsx => "xlsx",
    }
}

fn new_milestones(action_id: Uuid, values: &[ImportedMilestone]) -> Vec<actions_q::Milestone> {
    values
        .iter()
        .enumerate()
        .map(|(i, m)| actions_q::Milestone {
            id: Uuid::now_v7(),
            action_id,
            position: i as i32 + 1,
            due_on: m.date.map(|d| d.first_day()),
            due_precision: m.date.map(|d| d.precision().as_str().to_owned()),
            due_by: m.date.map(|d| d.last_day()),
            label: m.label.clone(),
            completed_on: None,
        })
        .collect()
}

/// Creates what the file holds, as the API's own endpoints would, each record audited.
async fn commit_plan(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    review: &recs_q::ReviewRef,
    title: Option<&str>,
    ready: Vec<ReadyRecommendation>,
    amendment_reason: Option<&str>,
) -> Result<serde_json::Value, ApiError> {
    let mut recs_created = Vec::new();
    let mut parts_created = Vec::new();
    let mut actions_created = Vec::new();
    // The plan: the review's, or a new draft.
    let plan = match plans_q::find_for_update(conn, PlanKey::Review(review.id)).await? {
        Some(plan) => plan,
        None => {
            let row = plans_q::insert(
                conn,
                &NewActionPlan {
                    id: Uuid::now_v7(),
                    council_id: review.council_id,
                    review_id: review.id,
                    title,
                    agreed_on: None,
                    agreed_on_precision: None,
                    status: "draft",
                },
            )
            .await?
            .ok_or_else(|| {
                ApiError::conflict("The review's plan was created meanwhile. Try again.")
            })?;
            let dto = action_plans::load(conn, row.clone()).await?;
            audit::created(
                conn,
                principal,
                "action_plan.created",
                "action_plan",
                row.id,
                &dto,
            )
            .await?;
            row
        }
    };
    scrutiny_app::plans::check_open(&plan)?;
    let any_action = ready.iter().any(|r| !r.actions.is_empty());
    let plan = if any_action {
        scrutiny_app::plans::amend_if_agreed(
            &mut scrutiny_app::Ctx::borrowed(conn, principal.clone()),
            plan,
            amendment_reason,
            None,
        )
        .await?
    } else {
        plan
    };
    let _locked = recs_q::find_review_for_update(conn, review.id).await?;
    for r in ready {
        let (rec_id, mut parts): (Uuid, HashMap<String, Uuid>) = match &r.existing {
            Some(e) => (
                e.id,
                e.parts.iter().map(|(id, l)| (l.clone(), *id)).collect(),
            ),
            None => {
                let position = recs_q::next_position(conn, review.id).await?;
                let row = recs_q::insert(
                    conn,
                    &NewRecommendation {
                        id: Uuid::now_v7(),
                        council_id: review.council_id,
                        review_id: review.id,
                        number: r.rec.number.as_str(),
                        position,
                        text: &r.rec.text,
                    },
                )
                .await?;
                recs_created.push(row.id);
                (row.id, HashMap::new())
            }
        };
        for part in &r.new_parts {
            let position = recs_q::next_part_position(conn, rec_id).await?;
            let row = recs_q::insert_part(
                conn,
                &NewPart {
                    id: Uuid::now_v7(),
                    recommendation_id: rec_id,
                    label: part.label.as_str(),
                    position,
                    text: &part.text,
                },
            )
            .await?;
            parts.insert(part.label.as_str().to_owned(), row.id);
            parts_created.push(row.id);
            let dto = RecommendationPart::from(row);
            audit::created(
                conn,
                principal,
                "recommendation_part.created",
                "recommendation_part",
                dto.id,
                &dto,
            )
            .await?;
        }
        if r.existing.is_none() {
            let row = recs_q::find_for_update(conn, rec_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let dto = Recommendation::from(recs_q::detail(conn, row).await?);
            audit::created(
                conn,
                principal,
                "recommendation.created",
                "recommendation",
                rec_id,
                &dto,
            )
            .await?;
        }
        for ready_action in r.actions {
            let a = &ready_action.action;
            let part_id = match &a.part {
                Some(label) => Some(*parts.get(label.as_str()).ok_or_else(|| {
                    ApiError::invalid(
                        "file",
                        format!(
                            "part {label}) of recommendation {} is missing",
                            r.rec.number
                        ),
                    )
                })?),
                None => None,
            };
            let action_id = Uuid::now_v7();
            let position = actions_q::next_position(conn, plan.id).await?;
            actions_q::insert(
                conn,
                &NewAction {
                    id: action_id,
                    council_id: plan.council_id,
                    plan_id: plan.id,
                    review_id: plan.review_id,
                    recommendation_id: rec_id,
                    part_id,
                    position,
                    proposed_actions: &a.proposed_actions,
                    success_measures: &a.success_measures,
                    responsibility_text: Some(a.responsibility.as_str()),
                    responsible_all: a.responsible_all(),
                    status_notes: a.status_notes.as_deref(),
                },
            )
            .await?;
            let owners: Vec<NewOwner> = ready_action
                .owners
                .iter()
                .enumerate()
                .map(|(i, (organisation_id, contact_id))| NewOwner {
                    action_id,
                    position: i as i32 + 1,
                    organisation_id: *organisation_id,
                    contact_id: *contact_id,
                })
                .collect();
            actions_q::replace_owners(conn, action_id, &owners).await?;
            actions_q::replace_milestones(
                conn,
                action_id,
                &new_milestones(action_id, &a.milestones),
            )
            .await?;
            let row = actions_q::find_row(conn, action_id).await?;
            let dto = actions::assemble(conn, vec![row]).await?;
            audit::created(
                conn,
                principal,
                "action.created",
                "action",
                action_id,
                &dto[0],
            )
            .await?;
            actions_created.push(action_id);
        }
    }
    Ok(serde_json::json!({
        "plan_id": plan.id,
        "recommendations_created": recs_created,
        "parts_created": parts_created,
        "actions_created": actions_created,
    }))
}

#[allow(clippy::too_many_arguments)]
fn new_import<'a>(
    principal: &'a Principal,
    council_id: Uuid,
    review_id: Uuid,
    round_id: Option<Uuid>,
    kind: &'a str,
    format: &'a str,
    upload: &'a Upload,
    sha: &'a str,
    committed: bool,
    skip_invalid: bool,
    report: &Report,
    report_json: &'a serde_json::Value,
) -> NewImport<'a> {
    NewImport {
        id: Uuid::now_v7(),
        council_id,
        review_id,
        round_id,
        kind,
        format,
        file_name: upload.file_name.as_deref(),
        file_sha256: sha,
        size_bytes: upload.bytes.len() as i64,
        state: if committed { "committed" } else { "dry_run" },
        skip_invalid,
        rows_read: report.rows_read as i32,
        rows_rejected: report.rows_rejected as i32,
        report: report_json,
        result: None,
        created_by: &principal.name,
        created_by_id: Some(principal.id),
    }
}

fn outcome<T: Serialize>(
    import: Import,
    already: bool,
    parsed: &T,
    report: &Report,
) -> Result<ImportOutcome, ApiError> {
    Ok(ImportOutcome {
        import: import.into(),
        already_imported: already,
        parsed: serde_json::to_value(parsed).map_err(ApiError::internal)?,
        report: ImportReport::from(report),
    })
}

/// Import an action plan: text copied out of the Word table (text/plain: tab-separated, the
/// header repeated at page breaks, parts on rows with an empty No.), CSV (text/csv) or an Excel
/// workbook (XLSX), as the body or as the `file` part of a form.
///
/// `dry_run=true` (the default) answers with what was read and the report of every row rejected,
/// guessed at or skipped; nothing is created. `dry_run=false` creates the recommendations (matched
/// to the review's by number; missing parts added), the plan (a draft when the review has none)
/// and its actions with owners (matched to organisations and contacts by name) and milestones,
/// each audited, in one transaction; a rejected row stops it (422 with the report) unless
/// `skip_invalid=true`. The same file committed again changes nothing (200, `already_imported`).
#[utoipa::path(
    tag = "imports",
    params(("review_id" = Uuid, Path, description = "Review id"), ImportParams),
    request_body(content = String, description = "The file: text/plain, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, or multipart/form-data with a `file` part", content_type = "text/plain"),
    responses(
        (status = 200, description = "A dry run, or the file was committed before (nothing changed)", body = ImportOutcome),
        (status = 201, description = "Committed", body = ImportOutcome),
        (status = 422, description = "The file cannot be imported (wrong type, too large, unreadable encoding, no recognisable header: a problem naming the field `file`), or a commit has rejected rows and no skip_invalid (this problem, with the report); nothing changed", body = ImportProblem, content_type = "application/problem+json"),
        ImportErrors
    ),
    security(("bearer" = []))
)]
#[post("/reviews/{review_id}/imports/action-plan")]
pub async fn import_action_plan(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    params: web::Query<ImportParams>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let review_id = review_id.into_inner();
    let dry_run = params.dry_run.unwrap_or(true);
    let skip_invalid = params.skip_invalid.unwrap_or(false);
    // The review first: an unknown review is 404 whatever the file.
    {
        let mut conn = state.pool.get().await?;
        review_for_import(&mut conn, &principal, review_id).await?;
    }
    let upload = read_upload(&req, payload, state.import_max_bytes).await?;
    if upload.bytes.is_empty() {
        return Err(ApiError::invalid("file", "is empty"));
    }
    let format = Format::detect(
        upload.media_type.as_deref(),
        upload.file_name.as_deref(),
        &upload.bytes,
    )
    .map_err(file_error)?;
    let bytes = upload.bytes.clone();
    let mut parsed = web::block(move || parse_action_plan(format, &bytes))
        .await?
        .map_err(file_error)?;
    let sha = sha256_hex(&upload.bytes);
    let mut conn = state.pool.get().await?;
    let result = conn
        .transaction::<_, Failure, _>(async |conn| {
            let review = review_for_import(conn, &principal, review_id).await?;
            if !dry_run {
                if let Some(done) = q::find_committed(conn, review.id, KIND_PLAN, &sha).await? {
                    return Ok((done, true));
                }
            }
            let plan = plans_q::find_visible(conn, PlanKey::Review(review.id), Scope::All).await?;
            let ready =
                match_plan(conn, review.id, plan.as_ref().map(|p| p.id), &mut parsed).await?;
            // What a commit would refuse whatever the rows say, told by the dry run too.
            let adds_actions = ready.iter().any(|r| !r.actions.is_empty());
            match plan.as_ref().map(|p| p.status.as_str()) {
                Some("signed_off") => parsed.report.guess(
                    None,
                    None,
                    "",
                    "the review's action plan is signed off: a commit is refused",
                ),
                Some("agreed") if adds_actions && params.amendment_reason.is_none() => {
                    parsed.report.guess(
                        None,
                        None,
                        "",
                        "the review's action plan is agreed: committing adds actions, so give amendment_reason (the plan as it stands is kept)",
                    )
                }
                _ => {}
            }
            parsed.report.sort_by_row();
            if !dry_run && parsed.report.has_rejections() && !skip_invalid {
                return Err(Failure::Rejected(parsed.report.clone()));
            }
            let report_json = serde_json::to_value(ImportReport::from(&parsed.report))
                .map_err(ApiError::internal)?;
            let new = new_import(
                &principal,
                review.council_id,
                review.id,
                None,
                KIND_PLAN,
                format_name(format),
                &upload,
                &sha,
                !dry_run,
                skip_invalid,
                &parsed.report,
                &report_json,
            );
            let Some(row) = q::insert(conn, &new).await? else {
                // Committed by a concurrent request meanwhile.
                let done = q::find_committed(conn, review.id, KIND_PLAN, &sha)
                    .await?
                    .ok_or(ApiError::NotFound)?;
                return Ok((done, true));
            };
            let row = if dry_run {
                row
            } else {
                let created = commit_plan(
                    conn,
                    &principal,
                    &review,
                    parsed.value.title.as_deref(),
                    ready,
                    params.amendment_reason.as_deref(),
                )
                .await?;
                q::set_result(conn, row.id, &created).await?
            };
            let action = if dry_run {
                "import.dry_run"
            } else {
                "import.committed"
            };
            let record = ImportRecord::from(row.clone());
            audit::created(conn, &principal, action, "import", row.id, &record).await?;
            Ok((row, false))
        })
        .await;
    match result {
        Ok((row, already)) => {
            let committed_now = !dry_run && !already;
            let body = outcome(row, already, &parsed.value, &parsed.report)?;
            Ok(if committed_now {
                HttpResponse::Created().json(body)
            } else {
                HttpResponse::Ok().json(body)
            })
        }
        Err(Failure::Rejected(report)) => Ok(rejected_problem(&report)),
        Err(Failure::Api(e)) => Err(e),
    }
}

// ---------------------------------------------------------------------------------------------
// Progress updates

/// Import a progress update in the committee paper's text layout (text/plain, or a form's `file`
/// part) into a round: each recommendation's evidence of progress, grade with explanation,
/// evidence of impact and key figures fill the round's entry for it.
///
/// `dry_run=true` (the default) answers with what was read and the report; `dry_run=false` fills
/// the entries (each audited) in one transaction, unless a block is rejected (422 with the
/// report; `skip_invalid=true` fills the rest). Entries already submitted or accepted are not
/// changed (rejected). The same file committed again changes nothing.
#[utoipa::path(
    tag = "imports",
    params(("id" = Uuid, Path, description = "Progress round id"), ImportParams),
    request_body(content = String, description = "The progress update as text (text/plain), or multipart/form-data with a `file` part", content_type = "text/plain"),
    responses(
        (status = 200, description = "A dry run, or the file was committed before (nothing changed)", body = ImportOutcome),
        (status = 201, description = "Committed", body = ImportOutcome),
        (status = 422, description = "The file cannot be imported (wrong type, too large, unreadable encoding, no recognisable header: a problem naming the field `file`), or a commit has rejected rows and no skip_invalid (this problem, with the report); nothing changed", body = ImportProblem, content_type = "application/problem+json"),
        ImportErrors
    ),
    security(("bearer" = []))
)]
#[post("/progress-rounds/{id}/imports/progress-update")]
pub async fn import_progress_update(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    params: web::Query<ImportParams>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let round_id = id.into_inner();
    let dry_run = params.dry_run.unwrap_or(true);
    let skip_invalid = params.skip_invalid.unwrap_or(false);
    let scale = {
        let mut conn = state.pool.get().await?;
        let round = round_for_import(&mut conn, &principal, round_id).await?;
        progress_entries::scale_of(&mut conn, round.council_id).await?
    };
    let upload = read_upload(&req, payload, state.import_max_bytes).await?;
    if upload.bytes.is_empty() {
        return Err(ApiError::invalid("file", "is empty"));
    }
    match Format::detect(
        upload.media_type.as_deref(),
        upload.file_name.as_deref(),
        &upload.bytes,
    ) {
        Ok(Format::Text) => {}
        Ok(_) => {
            return Err(ApiError::invalid(
                "file",
                "a progress update is imported as text (the committee paper's text, text/plain)",
            ))
        }
        Err(e) => return Err(file_error(e)),
    }
    let bytes = upload.bytes.clone();
    let fallback = scale.clone();
    let mut parsed = web::block(move || parse_progress_update_bytes(&bytes, &fallback))
        .await?
        .map_err(file_error)?;
    if parsed.value.recommendations.is_empty() && parsed.report.rows_rejected == 0 {
        return Err(ApiError::invalid(
            "file",
            "no recognisable progress update: expected blocks starting \"Recommendation 1:\" with Evidence of Progress and Assessment of Progress lines",
        ));
    }
    let sha = sha256_hex(&upload.bytes);
    let mut conn = state.pool.get().await?;
    let result = conn
        .transaction::<_, Failure, _>(async |conn| {
            let round = round_for_import(conn, &principal, round_id).await?;
            if !dry_run {
                if let Some(done) = q::find_committed(conn, round.review_id, KIND_UPDATE, &sha).await? {
                    return Ok((done, true));
                }
            }
            let ready = match_update(conn, &principal, &round, &scale, &mut parsed).await?;
            if !dry_run && parsed.report.has_rejections() && !skip_invalid {
                return Err(Failure::Rejected(parsed.report.clone()));
            }
            let report_json = serde_json::to_value(ImportReport::from(&parsed.report)).map_err(ApiError::internal)?;
            let new = new_import(&principal, round.council_id, round.review_id, Some(round.id), KIND_UPDATE, "text", &upload, &sha, !dry_run, skip_invalid, &parsed.report, &report_json);
            let Some(row) = q::insert(conn, &new).await? else {
                let done = q::find_committed(conn, round.review_id, KIND_UPDATE, &sha).await?.ok_or(ApiError::NotFound)?;
                return Ok((done, true));
            };
            let row = if dry_run {
                row
            } else {
                let mut filled = Vec::new();
                for (entry, block) in ready {
                    fill_entry(conn, &principal, entry, &block).await?;
                    filled.push(serde_json::json!({"entry_id": entry, "recommendation": block.number.as_str()}));
                }
                q::set_result(conn, row.id, &serde_json::json!({ "entries_filled": filled })).await?
            };
            let action = if dry_run { "import.dry_run" } else { "import.committed" };
            let record = ImportRecord::from(row.clone());
            audit::created(conn, &principal, action, "import", row.id, &record).await?;
            Ok((row, false))
        })
        .await;
    match result {
        Ok((row, already)) => {
            let committed_now = !dry_run && !already;
            let body = outcome(row, already, &parsed.value, &parsed.report)?;
            Ok(if committed_now {
                HttpResponse::Created().json(body)
            } else {
                HttpResponse::Ok().json(body)
            })
        }
        Err(Failure::Rejected(report)) => Ok(rejected_problem(&report)),
        Err(Failure::Api(e)) => Err(e),
    }
}

/// The round, when the principal may import into it: an open round of their council.
async fn round_for_import(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    round_id: Uuid,
) -> Result<progress_q::Round, ApiError> {
    let round = progress_q::find_round(conn, round_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    access::check_council_visible(access::scope(principal), round.council_id)?;
    access::check_write(principal, round.council_id)?;
    if round.status != "open" {
        return Err(ApiError::conflict(
            "The round is closed; a progress update can be imported only into an open round.",
        ));
    }
    Ok(round)
}

/// Matches each block of the update to the round's entry for its recommendation (the whole
/// recommendation, not a part); rejects blocks with no such entry, an entry that may no longer
/// be changed, or a grade that is not on the council's scale.
async fn match_update(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    round: &progress_q::Round,
    scale: &scrutiny_domain::progress::GradeScale,
    parsed: &mut Parsed<ProgressUpdateImport>,
) -> Result<Vec<(Uuid, scrutiny_import::ProgressRecommendation)>, ApiError> {
    let recs = q::recommendations_of_review(conn, round.review_id).await?;
    let entries = progress_q::entries_of_round(conn, round.id).await?;
    let report = &mut parsed.report;
    let mut out = Vec::new();
    for block in &parsed.value.recommendations {
        let Some(rec) = recs
            .iter()
            .find(|r| r.number.eq_ignore_ascii_case(block.number.as_str()))
        else {
            report.reject(
                Some(block.row),
                Some("Recommendation"),
                block.number.as_str(),
                format!("the review has no recommendation {}", block.number),
            );
            continue;
        };
        let Some(entry) = entries
            .iter()
            .find(|e| e.recommendation_id == rec.id && e.part_id.is_none())
        else {
            report.reject(
                Some(block.row),
                Some("Recommendation"),
                block.number.as_str(),
                format!(
                    "the round has no entry for recommendation {} as a whole",
                    block.number
                ),
            );
            continue;
        };
        if let Err(e) = progress_entries::check_entry_edit(principal, entry).map_err(ApiError::from)
        {
            let why = match e {
                ApiError::Conflict { detail, .. } => detail,
                other => other.to_string(),
            };
            report.reject(
                Some(block.row),
                Some("Recommendation"),
                block.number.as_str(),
                format!(
                    "recommendation {}'s entry is not changed: {why}",
                    block.number
                ),
            );
            continue;
        }
        if let Some(code) = &block.grade {
            if scale.level(code).is_none() {
                report.reject(
                    Some(block.row),
                    Some("Assessment of Progress"),
                    block.grade_text.as_deref().unwrap_or(code),
                    format!(
                        "grade {code} is not on the council's scale ({}): {}",
                        scale.name(),
                        scale.expected_forms()
                    ),
                );
                continue;
            }
        }
        out.push((entry.id, block.clone()));
    }
    report.sort_by_row();
    Ok(out)
}

/// Fills one entry from its block, audited as the entry's own update is.
async fn fill_entry(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    entry_id: Uuid,
    block: &scrutiny_import::ProgressRecommendation,
) -> Result<(), ApiError> {
    let entry = progress_q::lock_entry(conn, entry_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    progress_entries::check_entry_edit(principal, &entry)?;
    let before =
        progress_entries::dto(conn, principal, entry.clone(), Utc::now().date_naive()).await?;
    let (impact_kind, impact_text) = match &block.impact {
        Impact::Evidence(text) => ("evidence", Some(text.clone())),
        Impact::NoneUndertaken => ("none_undertaken", None),
        Impact::NotRecorded => ("not_recorded", None),
    };
    let changes = EntryChanges {
        progress: Some(Some(block.progress.clone()).filter(|p| !p.is_empty())),
        proposed_grade: Some(block.grade.clone()),
        proposed_explanation: Some(block.explanation.clone()),
        impact_kind: Some(impact_kind.to_owned()),
        impact_text: Some(impact_text),
        written_by: Some(Some(principal.name.clone())),
        written_at: Some(Some(Utc::now())),
        ..Default::default()
    };
    progress_q::update_entry(conn, entry_id, &changes).await?;
    let figures: Vec<progress_q::KeyFigure> = block
        .key_figures
        .iter()
        .enumerate()
        .map(|(i, f)| progress_q::KeyFigure {
            entry_id,
            position: i as i32 + 1,
            label: f.label.clone(),
            value: f.value.clone(),
            unit: f.unit.clone(),
            scope: f.scope.clone(),
            as_of: f.as_of,
        })
        .collect();
    progress_q::replace_key_figures(conn, entry_id, &figures).await?;
    let row = progress_q::find_entry(conn, entry_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let after = progress_entries::dto(conn, principal, row, Utc::now().date_naive()).await?;
    audit::changed(
        conn,
        principal,
        "progress_entry.updated",
        "progress_entry",
        entry_id,
        &before,
        &after,
    )
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Export

/// The action plan as CSV or XLSX in the import's layout (No., Part, Recommendation, Proposed
/// Actions, Success Measures, Responsibility, Date, Status notes; one row per action): what the
/// import reads back. Withdrawn actions are left out.
#[utoipa::path(
    tag = "imports",
    params(("review_id" = Uuid, Path, description = "Review id"), ("format" = String, Path, description = "csv or xlsx")),
    responses(
        (status = 200, description = "The plan as a file", content(
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        ReadErrors
    ),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/action-plan/export.{format}")]
pub async fn export_action_plan(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    path: web::Path<(Uuid, String)>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let (review_id, format) = path.into_inner();
    if format != "csv" && format != "xlsx" {
        return Err(ApiError::NotFound);
    }
    let mut conn = state.pool.get().await?;
    let plan_row = plans_q::find_visible(
        &mut conn,
        PlanKey::Review(review_id),
        access::scope(&principal),
    )
    .await?
    .ok_or(ApiError::NotFound)?;
    let plan = action_plans::load(&mut conn, plan_row).await?;
    let recs = q::recommendations_of_review(&mut conn, review_id).await?;
    let export = plan_for_export(&plan, &recs, access::scope(&principal), &mut conn).await?;
    let name = format!("action-plan-{review_id}.{format}");
    let (content_type, bytes) = if format == "csv" {
        ("text/csv; charset=utf-8", to_csv(&export))
    } else {
        (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            to_xlsx(&export).map_err(ApiError::internal)?,
        )
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(bytes))
}

/// The plan in the import's terms: the recommendations its actions answer (and those of the
/// review without actions), in the review's order, with their parts.
async fn plan_for_export(
    plan: &action_plans::ActionPlan,
    recs: &[RecommendationRef],
    scope: Scope,
    conn: &mut AsyncPgConnection,
) -> Result<ActionPlanImport, ApiError> {
    use scrutiny_domain::dates::PartialDate;
    use scrutiny_domain::records::{parse_owners, OwnerName, PartLabel, RecommendationNumber};
    let mut out = Vec::new();
    for rec in recs.iter().filter(|r| r.status != "withdrawn") {
        // A partner sees the recommendations it is responsible for, as in the lists.
        let Some(row) = recs_q::find(conn, scope, rec.id).await? else {
            continue;
        };
        let detail = recs_q::detail(conn, row).await?;
        let parts: Vec<ImportedPart> = detail
            .parts
            .iter()
            .filter(|p| p.withdrawn_reason.is_none())
            .filter_map(|p| {
                Some(ImportedPart {
                    label: PartLabel::parse(&p.label).ok()?,
                    text: p.text.clone(),
                })
            })
            .collect();
        let actions = plan
            .actions
            .iter()
            .filter(|a| a.recommendation_id == rec.id && a.status != "withdrawn")
            .map(|a| {
                let responsibility = a.responsibility_text.clone().unwrap_or_else(|| {
                    if a.responsible_all {
                        "All".to_owned()
                    } else {
                        a.owners
                            .iter()
                            .filter_map(|o| o.contact_name.clone().or(o.organisation_name.clone()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                });
                let mut owners = parse_owners(&responsibility);
                if a.responsible_all {
                    owners = vec![OwnerName::All];
                }
                ImportedAction {
                    part: a
                        .part_label
                        .as_deref()
                        .and_then(|l| PartLabel::parse(l).ok()),
                    proposed_actions: a.proposed_actions.clone(),
                    success_measures: a.success_measures.clone(),
                    responsibility,
                    owners,
                    milestones: a
                        .milestones
                        .iter()
                        .map(|m| ImportedMilestone {
                            date: m
                                .date
                                .as_deref()
                                .and_then(|d| PartialDate::from_iso(d).ok()),
                            label: m.label.clone(),
                        })
                        .collect(),
                    status_notes: a.status_notes.clone(),
                    row: 0,
                }
            })
            .collect();
        let Ok(number) = RecommendationNumber::parse(&rec.number) else {
            continue;
        };
        out.push(ImportedRecommendation {
            number,
            text: rec.text.clone(),
            parts,
            actions,
            row: 0,
        });
    }
    Ok(ActionPlanImport {
        title: plan.title.clone(),
        recommendations: out,
    })
}
