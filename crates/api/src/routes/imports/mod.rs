//! Imports of what councils and partners already have: an action plan as text copied out of a
//! Word table, CSV or XLSX, and a progress update in the committee paper's text layout. A dry run
//! (the default) answers with what was read and a report of every row rejected, guessed at or
//! skipped, and records that it was done; a commit creates what the API's own endpoints would
//! (recommendations and their parts, the plan, its actions with owners and milestones, or the
//! round's entries), audited, all or nothing, and once per file. And the plan's export in the
//! import's layout (CSV, XLSX).
//!
//! The workflow is `scrutiny_app::imports`; here are reading the upload (body or form, with its
//! byte limit), detecting the format, parsing it, and the answers.
use crate::error::{ApiError, ProblemField};
use crate::request_id;
use actix_web::HttpResponse;
use scrutiny_app::imports::ImportAnswer;
use scrutiny_app::views::imports::ImportReport;
use scrutiny_import::{Issue, Report, Severity};
use serde::{Deserialize, Serialize};
use utoipa::openapi::{RefOr, Response, ResponseBuilder};
use utoipa::{IntoParams, IntoResponses, ToSchema};

mod action_plan;
mod export;
mod progress_update;
mod tracker;
mod upload;

pub use self::action_plan::*;
pub use self::export::*;
pub use self::progress_update::*;
pub use self::tracker::*;

/// The largest file an import accepts unless `import_max_bytes` says otherwise: 10 MB.
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

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
    /// Action plans: which of the people the dry run proposes as new contacts
    /// (`proposed_contacts`) the commit creates: `all`, or their names one per line. Actions
    /// naming a person not created are rejected.
    #[param(example = "all", max_length = 10000)]
    pub create_contacts: Option<String>,
    /// Action plans: read the file's columns through this action plan profile (any headings)
    /// instead of recognising the usual headings.
    pub profile_id: Option<uuid::Uuid>,
}

/// An XLSX workbook's bytes, as the body.
#[derive(Debug, ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct Workbook(Vec<u8>);

/// An upload as a form: the file in its `file` part (its name and media type as the browser sends
/// them).
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct UploadForm {
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
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
    /// The whole report, when rows were rejected; absent when the file itself cannot be
    /// imported (then `errors` names the field `file`).
    #[schema(required = false)]
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

/// The answer to an import: 201 when it committed now, 200 for a dry run or a file committed
/// before, the 422 of rejected rows.
fn respond(answer: ImportAnswer) -> HttpResponse {
    match answer {
        ImportAnswer::Done {
            outcome,
            committed: true,
        } => HttpResponse::Created().json(outcome),
        ImportAnswer::Done { outcome, .. } => HttpResponse::Ok().json(outcome),
        ImportAnswer::Rejected(report) => rejected_problem(&report),
    }
}

fn file_error(e: scrutiny_import::ImportError) -> ApiError {
    ApiError::invalid("file", e.to_string())
}
