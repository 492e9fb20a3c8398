//! Imports of what councils and partners already have, and the action plan's spreadsheet export:
//!
//! - action plans as text copied out of Word tables ([`parse_action_plan_text`]), as CSV
//!   ([`parse_action_plan_csv`]) and as XLSX ([`parse_action_plan_xlsx`]);
//! - progress updates in the committee paper's text layout ([`parse_progress_update`]);
//! - any table's rows ([`read_records`]), previewed for mapping its columns to fields
//!   ([`describe`], [`proposed_mapping`]), then read as an action plan
//!   ([`parse_action_plan_mapped`]) or a tracker of recommendations across reviews
//!   ([`parse_tracker`]) with a [`Mapping`];
//! - the action plan as CSV and XLSX ([`export::to_csv`], [`export::to_xlsx`]), in the layout
//!   the import reads back.
//!
//! Every import returns the parsed structure and a [`Report`] of every row it rejected, guessed
//! at or skipped (row, column, value, why). Dates are never given a day they did not have. No
//! web or database dependency lives here: the API matches names to records and writes.
pub mod cells;
pub mod columns;
pub mod decode;
pub mod export;
pub mod mapping;
pub mod model;
pub mod plan;
pub mod progress_update;
pub mod report;
pub mod sheet;
pub mod table;
pub mod text;
pub mod tracker;
pub mod xlsx;

pub use mapping::{
    describe, proposed_mapping, ColumnMapping, ColumnPreview, Field, ImportKind, Mapping,
    TableShape,
};
pub use model::{
    ActionPlanImport, ImportedAction, ImportedMilestone, ImportedPart, ImportedRecommendation,
};
pub use progress_update::{parse_progress_update, ProgressRecommendation, ProgressUpdateImport};
pub use report::{Issue, Parsed, Report, Severity};
pub use sheet::read_records;
pub use table::{parse_action_plan_csv, parse_action_plan_mapped};
pub use text::parse_action_plan_text;
pub use tracker::{parse_tracker, TrackerImport, TrackerRow};
pub use xlsx::parse_action_plan_xlsx;

use serde::Serialize;
use thiserror::Error;

/// Why a file cannot be imported at all (as opposed to rows of it).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("unreadable encoding: {0}")]
    Encoding(String),
    #[error("{0}")]
    NoHeader(String),
    #[error("{0}")]
    Unreadable(String),
    #[error("{0}")]
    WrongType(String),
}

impl ImportError {
    /// A short machine-readable code: empty, encoding, no_header, unreadable, wrong_type.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Empty => "empty",
            ImportError::Encoding(_) => "encoding",
            ImportError::NoHeader(_) => "no_header",
            ImportError::Unreadable(_) => "unreadable",
            ImportError::WrongType(_) => "wrong_type",
        }
    }
}

/// The kinds of file an action plan import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Text copied out of a Word table (tab-separated).
    Text,
    Csv,
    Xlsx,
}

impl Format {
    /// Works out the format from the media type and file name given with the upload and the
    /// bytes themselves. A ZIP is XLSX; `text/csv` or a `.csv` name is CSV; other text is the
    /// Word-table layout. Anything else (a PDF, an image, a Word document) is the wrong type.
    pub fn detect(
        media_type: Option<&str>,
        file_name: Option<&str>,
        bytes: &[u8],
    ) -> Result<Format, ImportError> {
        let media = media_type
            .map(|m| {
                m.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .unwrap_or_default();
        let ext = file_name
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let wrong = |what: &str| {
            ImportError::WrongType(format!(
                "{what} cannot be imported: send the action plan as text copied from the Word table (text/plain), CSV (text/csv) or an Excel workbook (XLSX)"
            ))
        };
        if bytes.starts_with(b"PK\x03\x04") {
            let docx = ext == "docx" || media.contains("wordprocessingml");
            if docx {
                return Err(wrong("a Word document (DOCX)"));
            }
            return Ok(Format::Xlsx);
        }
        if bytes.starts_with(b"%PDF") {
            return Err(wrong("a PDF document"));
        }
        if bytes.starts_with(&[0x89, b'P', b'N', b'G']) || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Err(wrong("an image"));
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(wrong("an old-style Office file (XLS or DOC)"));
        }
        match (media.as_str(), ext.as_str()) {
            (m, _) if m.contains("spreadsheetml") => Err(ImportError::Unreadable(
                "the file is sent as an Excel workbook but is not one".to_owned(),
            )),
            ("text/csv" | "application/csv" | "text/comma-separated-values", _) | (_, "csv") => {
                Ok(Format::Csv)
            }
            ("text/plain" | "text/tab-separated-values" | "", _) | (_, "txt" | "tsv") => {
                Ok(Format::Text)
            }
            ("application/octet-stream" | "multipart/form-data", _) => Ok(Format::Text),
            (m, _) => Err(wrong(&format!("a file of type {m}"))),
        }
    }
}

/// Reads an action plan in the given format.
pub fn parse_action_plan(
    format: Format,
    bytes: &[u8],
) -> Result<Parsed<ActionPlanImport>, ImportError> {
    match format {
        Format::Text => {
            let (text, encoding) = decode::decode(bytes)?;
            let mut parsed = parse_action_plan_text(&text)?;
            if encoding == decode::TextEncoding::Windows1252 {
                parsed.report.issues.insert(
                    0,
                    Issue {
                        row: None,
                        column: None,
                        value: String::new(),
                        severity: Severity::Guessed,
                        reason: "the file is not UTF-8: read as Windows-1252".to_owned(),
                    },
                );
            }
            Ok(parsed)
        }
        Format::Csv => parse_action_plan_csv(bytes),
        Format::Xlsx => parse_action_plan_xlsx(bytes),
    }
}

/// Reads a progress update sent as text (UTF-8, UTF-16 or Windows-1252).
pub fn parse_progress_update_bytes(
    bytes: &[u8],
    fallback: &scrutiny_domain::progress::GradeScale,
) -> Result<Parsed<ProgressUpdateImport>, ImportError> {
    let (text, _) = decode::decode(bytes)?;
    parse_progress_update(&text, fallback)
}
