//! Use cases of imports of what councils and partners already have: an action plan read from text
//! copied out of a Word table, CSV or XLSX ([`plan`]), and a progress update in the committee
//! paper's text layout ([`progress`]); and the plan's export in the import's layout
//! ([`export`]). The file is read and parsed at the edge (`scrutiny_import`); these use cases match
//! what was read to the review, check it with the same checks as the use cases that create the
//! records, and commit it through those use cases, in one transaction and once per file.
//!
//! A dry run (the default) answers with what was read and a report of every row rejected, guessed
//! at or skipped, and records that it was done; a commit creates what the API's own endpoints
//! would, all or nothing (or skipping the rejected rows when asked).
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::views::imports::{ImportOutcome, ImportRecord, ImportReport};
use scrutiny_db::queries::imports::{self as q, Import, NewImport};
use scrutiny_domain::validation::ValidationErrors;
use scrutiny_import::{Format, Report};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub mod export;
pub mod people;
pub mod plan;
pub mod progress;
pub mod tracker;

pub use self::export::export_plan;
pub use self::plan::{import_action_plan, review_for_import, ImportActionPlan};
pub use self::progress::{import_progress_update, scale_for_import, ImportProgressUpdate};
pub use self::tracker::{import_tracker, ImportTracker};

const KIND_PLAN: &str = "action_plan";
const KIND_UPDATE: &str = "progress_update";
const KIND_TRACKER: &str = "tracker";

/// The file an import read: what is recorded of it.
#[derive(Debug, Clone)]
pub struct ImportFile {
    pub file_name: Option<String>,
    pub format: Format,
    /// The SHA-256 of the bytes, in hex: the same file is committed once per review.
    pub sha256: String,
    pub size_bytes: i64,
}

impl ImportFile {
    pub fn new(bytes: &[u8], file_name: Option<String>, format: Format) -> Self {
        ImportFile {
            file_name,
            format,
            sha256: hex::encode(Sha256::digest(bytes)),
            size_bytes: bytes.len() as i64,
        }
    }

    fn format_name(&self) -> &'static str {
        match self.format {
            Format::Text => "text",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// What an import did: a dry run or a commit (`committed` true when it created records now, false
/// for a dry run or a file committed before), or, for a commit with rejected rows and no
/// `skip_invalid`, the report of them (nothing changed).
#[derive(Debug)]
pub enum ImportAnswer {
    Done {
        outcome: Box<ImportOutcome>,
        committed: bool,
    },
    Rejected(Report),
}

/// Letters and digits only, lower case: "Stockton on Tees Borough Council" matches
/// "Stockton-on-Tees Borough Council".
pub(crate) fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first error of a use case's checks, as a reason for the report: "field: message".
pub(crate) fn first_error(errors: &ValidationErrors) -> Option<(String, String)> {
    errors
        .0
        .first()
        .map(|e| (e.field.clone(), e.message.clone()))
}

/// Every error of a use case's checks, as one reason: "field message; field message".
pub(crate) fn reasons(errors: &ValidationErrors) -> String {
    errors
        .0
        .iter()
        .map(|e| format!("{} {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The validation errors of a use case's refusal, or the refusal itself.
pub(crate) fn validation(e: AppError) -> Result<ValidationErrors, AppError> {
    match e {
        AppError::Validation(errors) => Ok(errors),
        other => Err(other),
    }
}

/// Where an import is recorded.
pub(crate) struct Target {
    pub council_id: Uuid,
    /// `None` for a tracker (across the council's reviews).
    pub review_id: Option<Uuid>,
    pub round_id: Option<Uuid>,
    pub kind: &'static str,
    /// The column mapping profile the file was read with.
    pub profile_id: Option<Uuid>,
}

/// Records the import (dry run, or committed with what `commit` created) and audits it as
/// `import.dry_run` or `import.committed`. When a concurrent request committed the same file
/// meanwhile, answers that import instead (`already` true) and commits nothing.
pub(crate) async fn record<F>(
    ctx: &mut Ctx<'_>,
    target: Target,
    file: &ImportFile,
    dry_run: bool,
    skip_invalid: bool,
    report: &Report,
    commit: F,
) -> Result<(Import, bool), AppError>
where
    F: AsyncFnOnce(&mut Ctx<'_>) -> Result<serde_json::Value, AppError>,
{
    let report_json =
        serde_json::to_value(ImportReport::from(report)).map_err(AppError::internal)?;
    let created_by = ctx.principal.name.clone();
    let new = NewImport {
        id: Uuid::now_v7(),
        council_id: target.council_id,
        review_id: target.review_id,
        round_id: target.round_id,
        kind: target.kind,
        format: file.format_name(),
        file_name: file.file_name.as_deref(),
        file_sha256: &file.sha256,
        size_bytes: file.size_bytes,
        state: if dry_run { "dry_run" } else { "committed" },
        skip_invalid,
        rows_read: report.rows_read as i32,
        rows_rejected: report.rows_rejected as i32,
        report: &report_json,
        result: None,
        created_by: &created_by,
        created_by_id: Some(ctx.principal.id),
        profile_id: target.profile_id,
    };
    let Some(row) = q::insert(ctx.db(), &new).await? else {
        // Committed by a concurrent request meanwhile.
        let done = match target.review_id {
            Some(review_id) => {
                q::find_committed(ctx.db(), review_id, target.kind, &file.sha256).await?
            }
            None => q::find_committed_tracker(ctx.db(), target.council_id, &file.sha256).await?,
        }
        .ok_or(AppError::NotFound)?;
        return Ok((done, true));
    };
    let row = if dry_run {
        row
    } else {
        let created = commit(ctx).await?;
        q::set_result(ctx.db(), row.id, &created).await?
    };
    let action = if dry_run {
        "import.dry_run"
    } else {
        "import.committed"
    };
    let record = ImportRecord::from(row.clone());
    audit::created(
        &mut ctx.conn,
        &ctx.principal,
        action,
        "import",
        row.id,
        &record,
    )
    .await?;
    Ok((row, false))
}

/// The answer of an import that was recorded (or found committed before).
pub(crate) fn outcome<T: Serialize>(
    import: Import,
    already: bool,
    dry_run: bool,
    parsed: &T,
    report: &Report,
) -> Result<ImportAnswer, AppError> {
    Ok(ImportAnswer::Done {
        committed: !dry_run && !already,
        outcome: Box::new(ImportOutcome {
            import: import.into(),
            already_imported: already,
            parsed: serde_json::to_value(parsed).map_err(AppError::internal)?,
            report: ImportReport::from(report),
            proposed_contacts: Vec::new(),
            columns: None,
            statuses: Vec::new(),
            committees: Vec::new(),
        }),
    })
}
