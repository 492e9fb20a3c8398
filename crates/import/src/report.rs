//! The report of an import: every row rejected, guessed at or skipped, with its row, column,
//! value and why.
use serde::{Deserialize, Serialize};

/// What the import did with a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row (or the action on it) is not imported. Committing needs `skip_invalid` while
    /// anything is rejected.
    Rejected,
    /// The value was read, but the import had to interpret it (a wrapped cell joined, a merged
    /// cell's value repeated, a note moved out of the actions text): check it.
    Guessed,
    /// Page furniture, a repeated header, or text outside the table: left out on purpose.
    Skipped,
}

/// One row, cell or line the import rejected, guessed at or skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The line (text), record line (CSV) or spreadsheet row (XLSX), counting from 1; `None`
    /// for the file as a whole.
    pub row: Option<u32>,
    /// The column as the file names it ("Date", "Responsibility"), when the issue is about one.
    pub column: Option<String>,
    /// The value as read (long values are shortened).
    pub value: String,
    pub severity: Severity,
    /// Why, in words a person can act on.
    pub reason: String,
}

/// What an import read, and every issue it found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Data rows (or, for a progress update, recommendation blocks) read.
    pub rows_read: u32,
    /// Rows (or actions, or blocks) rejected.
    pub rows_rejected: u32,
    /// Every issue, in the order of the file.
    pub issues: Vec<Issue>,
}

/// Longest value quoted in an issue.
const VALUE_MAX: usize = 300;

fn shorten(value: &str) -> String {
    let value = value.trim();
    if value.chars().count() <= VALUE_MAX {
        value.to_owned()
    } else {
        let mut s: String = value.chars().take(VALUE_MAX).collect();
        s.push('…');
        s
    }
}

impl Report {
    pub fn new() -> Self {
        Self::default()
    }

    fn push(
        &mut self,
        row: Option<u32>,
        column: Option<&str>,
        value: &str,
        severity: Severity,
        reason: impl Into<String>,
    ) {
        self.issues.push(Issue {
            row,
            column: column.map(str::to_owned),
            value: shorten(value),
            severity,
            reason: reason.into(),
        });
    }

    /// Records a rejection and counts it.
    pub fn reject(
        &mut self,
        row: Option<u32>,
        column: Option<&str>,
        value: &str,
        reason: impl Into<String>,
    ) {
        self.rows_rejected += 1;
        self.push(row, column, value, Severity::Rejected, reason);
    }

    pub fn guess(
        &mut self,
        row: Option<u32>,
        column: Option<&str>,
        value: &str,
        reason: impl Into<String>,
    ) {
        self.push(row, column, value, Severity::Guessed, reason);
    }

    pub fn skip(
        &mut self,
        row: Option<u32>,
        column: Option<&str>,
        value: &str,
        reason: impl Into<String>,
    ) {
        self.push(row, column, value, Severity::Skipped, reason);
    }

    /// Puts the issues in the order of the file (issues about the whole file first), keeping
    /// the order of issues about the same row.
    pub fn sort_by_row(&mut self) {
        self.issues.sort_by_key(|i| i.row);
    }

    /// Whether anything was rejected.
    pub fn has_rejections(&self) -> bool {
        self.rows_rejected > 0
    }

    /// The issues of one severity.
    pub fn of(&self, severity: Severity) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(move |i| i.severity == severity)
    }
}

/// A parsed file and its report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed<T> {
    pub value: T,
    pub report: Report,
}
