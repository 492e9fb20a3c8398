//! What an import answers with: the import as recorded, its report (every row rejected, guessed
//! at or skipped) and what was read.
use chrono::{DateTime, Utc};
use scrutiny_db::queries::imports::Import;
use scrutiny_domain::status::{ImportKind, ImportState};
use scrutiny_import::{Report, Severity};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

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
    /// The review imported into; absent for a tracker (across the council's reviews).
    pub review_id: Option<Uuid>,
    pub round_id: Option<Uuid>,
    pub kind: ImportKind,
    /// The column mapping profile the file was read with.
    pub profile_id: Option<Uuid>,
    /// text, csv or xlsx.
    #[schema(example = "text")]
    pub format: String,
    pub file_name: Option<String>,
    pub file_sha256: String,
    pub size_bytes: i64,
    pub state: ImportState,
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
            profile_id: row.profile_id,
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
    /// People the file names whom the council does not know yet, proposed as new contacts
    /// (action plans only); a commit creates those asked for with `create_contacts`.
    pub proposed_contacts: Vec<crate::imports::people::ProposedContact>,
    /// Trackers: the file's columns, with samples and the field each seems to be (to map them).
    pub columns: Option<ImportColumns>,
    /// Trackers: the status words found, with the grade each is read as (none: not mapped yet).
    pub statuses: Vec<StatusFound>,
    /// Trackers: the committees named for reviews to create, with the committee each is read as.
    pub committees: Vec<CommitteeFound>,
}

/// The columns of a file, to map them to fields.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportColumns {
    /// The row of the headings, from 1.
    pub header_row: u32,
    /// The rows below it.
    pub data_rows: u32,
    pub columns: Vec<ImportColumn>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportColumn {
    /// From 0.
    pub index: u32,
    /// "A", "B", … "AA".
    #[schema(example = "C")]
    pub letter: String,
    #[schema(example = "RAG")]
    pub heading: String,
    /// The first few values below the heading.
    pub samples: Vec<String>,
    /// Every value, when the column has a few short ones (statuses, committee acronyms).
    pub distinct_values: Vec<String>,
    /// The field it seems to be (`ignore` when none).
    #[schema(example = "status")]
    pub proposed: String,
    /// Why.
    #[schema(example = "the heading \"RAG\" names Status")]
    pub why: String,
}

impl From<scrutiny_import::TableShape> for ImportColumns {
    fn from(t: scrutiny_import::TableShape) -> Self {
        Self {
            header_row: t.header_row,
            data_rows: t.data_rows,
            columns: t
                .columns
                .into_iter()
                .map(|c| ImportColumn {
                    index: c.index,
                    letter: c.letter,
                    heading: c.heading,
                    samples: c.samples,
                    distinct_values: c.distinct_values,
                    proposed: c.proposed.as_str().to_owned(),
                    why: c.why,
                })
                .collect(),
        }
    }
}

/// A status word of a tracker and the grade it is read as.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusFound {
    #[schema(example = "Ongoing")]
    pub value: String,
    /// The grade code; absent: not mapped (the rows are rejected until it is).
    pub grade: Option<String>,
    pub rows: Vec<u32>,
}

/// A committee a tracker names and the committee it is read as.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommitteeFound {
    #[schema(example = "CSC")]
    pub value: String,
    /// Absent: not one of the council's (the rows are rejected until it is mapped).
    pub committee_id: Option<Uuid>,
    /// Why it was read so.
    pub because: Option<String>,
}
