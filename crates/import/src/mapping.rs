//! Which column of a file is which: the fields an import fills, a [`Mapping`] of the file's
//! headings to them (kept as a profile, so next year's file reads the same way with its columns
//! moved), [`locate`] to find a mapping's columns in a file, and [`describe`] to preview a
//! file's columns with a proposed field each for the person mapping them.
use crate::columns::{normalise, Column};
use crate::report::Report;
use crate::sheet::Records;
use crate::ImportError;
use scrutiny_domain::dates::PartialDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The most columns [`describe`] previews (the rest are left out).
pub const MAX_PREVIEW_COLUMNS: usize = 200;
/// The rows looked through for the headings.
pub const HEADER_SEARCH_ROWS: usize = 50;
/// Sample values per column in a preview.
const SAMPLES: usize = 3;
/// Longest sample value shown (characters) before it is cut with '…'.
const SAMPLE_MAX: usize = 120;
/// Most distinct values listed for a column (a column with more lists none).
const DISTINCT_MAX: usize = 30;
/// Longest distinct value listed (characters); a column with a longer value lists none.
const DISTINCT_VALUE_MAX: usize = 40;
/// Longest heading a header row may hold (characters).
const HEADING_MAX: usize = 100;
/// Values of a column looked at to tell dates and statuses by their content.
const CONTENT_SCAN: usize = 500;

/// A field an import fills from a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ReviewReference,
    ReviewTitle,
    Committee,
    DecisionDate,
    Number,
    Part,
    Recommendation,
    Action,
    Measures,
    Lead,
    DueDate,
    Status,
    Progress,
    UpdatedOn,
    UpdatedBy,
    /// The column is left out.
    Ignore,
}

impl Field {
    pub const ALL: [Field; 16] = [
        Field::ReviewReference,
        Field::ReviewTitle,
        Field::Committee,
        Field::DecisionDate,
        Field::Number,
        Field::Part,
        Field::Recommendation,
        Field::Action,
        Field::Measures,
        Field::Lead,
        Field::DueDate,
        Field::Status,
        Field::Progress,
        Field::UpdatedOn,
        Field::UpdatedBy,
        Field::Ignore,
    ];

    /// The snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::ReviewReference => "review_reference",
            Field::ReviewTitle => "review_title",
            Field::Committee => "committee",
            Field::DecisionDate => "decision_date",
            Field::Number => "number",
            Field::Part => "part",
            Field::Recommendation => "recommendation",
            Field::Action => "action",
            Field::Measures => "measures",
            Field::Lead => "lead",
            Field::DueDate => "due_date",
            Field::Status => "status",
            Field::Progress => "progress",
            Field::UpdatedOn => "updated_on",
            Field::UpdatedBy => "updated_by",
            Field::Ignore => "ignore",
        }
    }

    /// The field a snake_case name names (surrounding space and case ignored).
    pub fn parse(s: &str) -> Option<Field> {
        let s = s.trim();
        Field::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
    }

    /// The field's name for people.
    pub fn title(self) -> &'static str {
        match self {
            Field::ReviewReference => "Review reference",
            Field::ReviewTitle => "Review title",
            Field::Committee => "Committee",
            Field::DecisionDate => "Decision date",
            Field::Number => "Rec. No.",
            Field::Part => "Part",
            Field::Recommendation => "Recommendation",
            Field::Action => "Action",
            Field::Measures => "Success measures",
            Field::Lead => "Lead",
            Field::DueDate => "Due date",
            Field::Status => "Status",
            Field::Progress => "Progress",
            Field::UpdatedOn => "Updated on",
            Field::UpdatedBy => "Updated by",
            Field::Ignore => "Ignore",
        }
    }

    /// The action-plan column this field fills; `None` for the tracker-only fields and
    /// [`Field::Ignore`].
    pub fn plan_column(self) -> Option<Column> {
        Some(match self {
            Field::Number => Column::Number,
            Field::Part => Column::Part,
            Field::Recommendation => Column::Recommendation,
            Field::Action => Column::Actions,
            Field::Measures => Column::Measures,
            Field::Lead => Column::Responsibility,
            Field::DueDate => Column::Date,
            Field::Progress => Column::Notes,
            Field::ReviewReference
            | Field::ReviewTitle
            | Field::Committee
            | Field::DecisionDate
            | Field::Status
            | Field::UpdatedOn
            | Field::UpdatedBy
            | Field::Ignore => return None,
        })
    }

    /// The field an action-plan column fills.
    fn of_column(column: Column) -> Field {
        match column {
            Column::Number => Field::Number,
            Column::Part => Field::Part,
            Column::Recommendation => Field::Recommendation,
            Column::Actions => Field::Action,
            Column::Measures => Field::Measures,
            Column::Responsibility => Field::Lead,
            Column::Date => Field::DueDate,
            Column::Notes => Field::Progress,
        }
    }
}

/// What a file holds: one review's action plan, or a tracker of recommendations across reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    ActionPlan,
    Tracker,
}

/// One column of a mapping: the file's heading and the field its cells fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    pub heading: String,
    pub field: Field,
}

/// Which column is which: by the heading text (compared loosely: case, punctuation and spacing
/// ignored), so the same profile reads next year's file with columns moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub columns: Vec<ColumnMapping>,
    /// 1-based row of the headings; `None` = found: the first of the first 50 rows naming the
    /// most mapped headings (at least one).
    pub header_row: Option<u32>,
}

/// Where each mapped field sits in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The row (as numbered in the file) of the headings.
    pub header_row: u32,
    /// The cell index of each mapped field found, in the order of the file's columns; each
    /// field once, [`Field::Ignore`] never.
    pub fields: Vec<(usize, Field)>,
}

impl Located {
    /// The cell index of a field, if the file has it.
    pub fn index(&self, field: Field) -> Option<usize> {
        self.fields
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(i, _)| *i)
    }
}

/// A heading compared loosely: letters and digits only, lower case ("Lead(s)" = "leads",
/// "Target  date" = "TARGET-DATE"). A heading of punctuation alone ("#") is kept as written.
pub(crate) fn loose_key(heading: &str) -> String {
    let key: String = heading
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if key.is_empty() {
        heading.trim().to_owned()
    } else {
        key
    }
}

/// Finds a mapping's columns in a file. The header row is the mapping's, when that row names
/// any mapped heading; otherwise the first of the first 50 rows naming the most mapped headings.
/// Reports a heading of the file that is not mapped (skipped: its cells are left out), a mapped
/// heading the file lacks (guessed), and a field mapped twice (the first column wins).
pub fn locate(
    records: &Records,
    mapping: &Mapping,
    report: &mut Report,
) -> Result<Located, ImportError> {
    let wanted: Vec<(String, &ColumnMapping)> = mapping
        .columns
        .iter()
        .filter(|c| !c.heading.trim().is_empty())
        .map(|c| (loose_key(&c.heading), c))
        .collect();
    let score = |cells: &[String]| -> usize {
        let keys: HashSet<String> = cells
            .iter()
            .filter(|c| !c.trim().is_empty())
            .map(|c| loose_key(c))
            .collect();
        let named: HashSet<&str> = wanted
            .iter()
            .filter(|(k, _)| keys.contains(k))
            .map(|(k, _)| k.as_str())
            .collect();
        named.len()
    };
    let given = mapping.header_row.and_then(|n| {
        records
            .iter()
            .position(|(row, cells)| *row == n && score(cells) > 0)
    });
    let at = match given {
        Some(at) => at,
        None => {
            let mut best: Option<(usize, usize)> = None;
            for (i, (_, cells)) in records.iter().take(HEADER_SEARCH_ROWS).enumerate() {
                let s = score(cells);
                if s > 0 && best.is_none_or(|(_, b)| s > b) {
                    best = Some((i, s));
                }
            }
            let Some((at, _)) = best else {
                let few: Vec<String> = wanted
                    .iter()
                    .filter(|(_, c)| c.field != Field::Ignore)
                    .take(4)
                    .map(|(_, c)| format!("\"{}\"", cut(&c.heading, 40)))
                    .collect();
                let more = if wanted.len() > few.len() {
                    ", …"
                } else {
                    ""
                };
                return Err(ImportError::NoHeader(format!(
                    "none of the profile's headings ({}{more}) is in the first {HEADER_SEARCH_ROWS} rows: map the columns again",
                    few.join(", ")
                )));
            };
            if let Some(n) = mapping.header_row {
                report.guess(
                    Some(records[at].0),
                    None,
                    "",
                    format!(
                        "the profile's headings are on row {n}, but in this file on row {}: read from there",
                        records[at].0
                    ),
                );
            }
            at
        }
    };
    let (header_row, header_cells) = &records[at];
    let header_row = *header_row;
    let mut fields: Vec<(usize, Field)> = Vec::new();
    let mut used = vec![false; wanted.len()];
    for (i, cell) in header_cells.iter().enumerate() {
        let heading = cell.trim();
        if heading.is_empty() {
            continue;
        }
        let key = loose_key(heading);
        let Some(w) = wanted.iter().position(|(k, _)| *k == key) else {
            report.skip(
                Some(header_row),
                Some(heading),
                heading,
                "not mapped: its cells are left out",
            );
            continue;
        };
        used[w] = true;
        let field = wanted[w].1.field;
        if field == Field::Ignore {
            continue;
        }
        if let Some((j, _)) = fields.iter().find(|(_, f)| *f == field) {
            report.guess(
                Some(header_row),
                Some(heading),
                heading,
                format!(
                    "{} is mapped to the column \"{}\" already: this column's cells are left out",
                    field.title(),
                    header_cells[*j].trim()
                ),
            );
        } else {
            fields.push((i, field));
        }
    }
    for (w, (_, column)) in wanted.iter().enumerate() {
        let field = column.field;
        if used[w] || field == Field::Ignore || fields.iter().any(|(_, f)| *f == field) {
            continue;
        }
        let heading = column.heading.trim();
        report.guess(
            Some(header_row),
            Some(heading),
            heading,
            format!(
                "the profile maps \"{heading}\" to {} but the file has no such column",
                field.title()
            ),
        );
    }
    Ok(Located { header_row, fields })
}

/// One column of a file as the mapping step shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnPreview {
    /// From 0.
    pub index: u32,
    /// "A", "B", …, "AA".
    pub letter: String,
    /// As written in the header row (trimmed); blank when the column has none.
    pub heading: String,
    /// The first 3 distinct non-blank values below the header, each cut to 120 characters.
    pub samples: Vec<String>,
    /// Every distinct non-blank value (up to 30) when the column has at most 30, each at most 40
    /// characters (statuses, committee acronyms); else empty.
    pub distinct_values: Vec<String>,
    pub proposed: Field,
    /// Why that field: "the heading \"RAG\" names Status", "its values are dates", "not
    /// recognised".
    pub why: String,
}

/// A file's table as the mapping step shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableShape {
    /// The row (as numbered in the file) of the headings.
    pub header_row: u32,
    /// Rows below the header (a repeat of the header not counted).
    pub data_rows: u32,
    /// At most [`MAX_PREVIEW_COLUMNS`].
    pub columns: Vec<ColumnPreview>,
}

/// "A" for 0, "Z" for 25, "AA" for 26.
pub fn column_letter(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Trimmed, and cut to `max` characters with '…'.
fn cut(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max).collect();
        s.push('…');
        s
    }
}

const TRACKER_SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::ReviewReference,
        &[
            "ref",
            "reference",
            "review ref",
            "review reference",
            "code",
            "review code",
            "id",
            "ref no",
            "reference no",
            "reference number",
            "review id",
            "review no",
            "review number",
        ],
    ),
    (
        Field::Number,
        &[
            "rec",
            "rec no",
            "no",
            "number",
            "num",
            "recommendation no",
            "recommendation number",
            "rec number",
            "rec ref",
            "item",
            "item no",
        ],
    ),
    (
        Field::ReviewTitle,
        &[
            "review",
            "review title",
            "title",
            "topic",
            "scrutiny review",
            "subject",
            "review name",
            "review topic",
            "scrutiny topic",
            "name of review",
        ],
    ),
    (
        Field::Committee,
        &[
            "committee",
            "origin",
            "panel",
            "source",
            "scrutiny committee",
            "select committee",
            "committee name",
            "scrutiny panel",
            "originating committee",
        ],
    ),
    (
        Field::DecisionDate,
        &[
            "decision date",
            "cabinet date",
            "executive decision",
            "date of decision",
            "date agreed",
            "executive date",
            "cabinet decision",
            "cabinet decision date",
            "date of cabinet decision",
            "executive decision date",
            "decision",
            "date approved",
        ],
    ),
    (
        Field::Recommendation,
        &[
            "recommendation",
            "recommendations",
            "recommendation text",
            "scrutiny recommendation",
            "agreed recommendation",
        ],
    ),
    (
        Field::Action,
        &[
            "action",
            "actions",
            "agreed action",
            "agreed actions",
            "response",
            "proposed action",
            "proposed actions",
            "executive response",
            "cabinet response",
            "action to be taken",
            "actions to be taken",
        ],
    ),
    (
        Field::Measures,
        &[
            "success measures",
            "success measure",
            "measure of success",
            "measures of success",
            "success criteria",
            "measures",
            "outcome measures",
        ],
    ),
    (Field::Part, &["part", "parts", "sub part"]),
    (
        Field::Lead,
        &[
            "lead",
            "leads",
            "lead officer",
            "lead officers",
            "owner",
            "owners",
            "action owner",
            "responsible",
            "responsible officer",
            "responsibility",
            "officer",
        ],
    ),
    (
        Field::DueDate,
        &[
            "target date",
            "target",
            "target dates",
            "due",
            "due date",
            "date due",
            "deadline",
            "timescale",
            "timescales",
            "completion date",
            "target completion date",
            "implementation date",
            "by when",
        ],
    ),
    (
        Field::Status,
        &[
            "status",
            "rag",
            "rag status",
            "rag rating",
            "progress status",
            "rating",
            "current status",
            "overall status",
        ],
    ),
    (
        Field::Progress,
        &[
            "progress",
            "update",
            "progress update",
            "comments",
            "notes",
            "latest update",
            "progress notes",
            "status notes",
            "commentary",
            "progress to date",
            "latest position",
            "current position",
        ],
    ),
    (
        Field::UpdatedOn,
        &[
            "last updated",
            "updated",
            "updated on",
            "date of update",
            "update date",
            "date updated",
            "last update",
            "date last updated",
        ],
    ),
    (
        Field::UpdatedBy,
        &["updated by", "last updated by", "update by"],
    ),
];

fn tracker_lookup(normalised: &str) -> Option<Field> {
    let find = |n: &str| {
        TRACKER_SYNONYMS
            .iter()
            .find(|(_, names)| names.contains(&n))
            .map(|(f, _)| *f)
    };
    // "Lead(s)", "Officer(s)".
    find(normalised).or_else(|| normalised.strip_suffix(" s").and_then(find))
}

/// The field a heading names for the kind of import, if any.
fn by_heading(heading: &str, kind: ImportKind) -> Option<Field> {
    match kind {
        ImportKind::ActionPlan => Column::recognise(heading).map(Field::of_column),
        ImportKind::Tracker => {
            if heading.trim() == "#" {
                return Some(Field::Number);
            }
            tracker_lookup(&normalise(heading)).or_else(|| {
                heading
                    .split(['/', '&', '|', '\\'])
                    .map(normalise)
                    .find_map(|segment| tracker_lookup(&segment))
            })
        }
    }
}

/// Whether a date cell's text means there is no date: "Ongoing", "TBC", "n/a", "-".
pub(crate) fn means_no_date(text: &str) -> bool {
    let n = normalise(text);
    n.is_empty()
        || matches!(
            n.as_str(),
            "ongoing"
                | "on going"
                | "tbc"
                | "tba"
                | "tbd"
                | "n a"
                | "na"
                | "none"
                | "not applicable"
                | "to be confirmed"
                | "to be agreed"
                | "to be determined"
                | "unknown"
                | "not known"
                | "various"
                | "continuous"
        )
}

/// Words a status value is made of ("Red", "Amber/Green", "Not started", "Partially achieved").
const STATUS_WORDS: &[&str] = &[
    "red",
    "amber",
    "green",
    "blue",
    "grey",
    "gray",
    "black",
    "r",
    "a",
    "g",
    "b",
    "rag",
    "complete",
    "completed",
    "ongoing",
    "going",
    "paused",
    "achieved",
    "not",
    "partially",
    "partly",
    "part",
    "fully",
    "in",
    "progress",
    "started",
    "on",
    "off",
    "track",
    "delayed",
    "overdue",
    "closed",
    "open",
    "superseded",
    "withdrawn",
    "rejected",
    "accepted",
    "pending",
    "implemented",
    "outstanding",
    "done",
    "no",
    "longer",
    "applicable",
    "n",
    "na",
    "at",
    "risk",
    "behind",
    "deferred",
    "cancelled",
    "hold",
    "agreed",
];

/// Words that make a value a status rather than filler ("on", "in", "a").
const STATUS_CORE: &[&str] = &[
    "red",
    "amber",
    "green",
    "blue",
    "complete",
    "completed",
    "ongoing",
    "paused",
    "achieved",
    "progress",
    "started",
    "delayed",
    "overdue",
    "closed",
    "superseded",
    "withdrawn",
    "rejected",
    "implemented",
    "outstanding",
    "done",
    "track",
    "deferred",
    "cancelled",
];

fn is_status_column(distinct: &[String]) -> bool {
    let words = |v: &String| normalise(v);
    !distinct.is_empty()
        && distinct.iter().all(|v| {
            let n = words(v);
            !n.is_empty() && n.split(' ').all(|w| STATUS_WORDS.contains(&w))
        })
        && distinct
            .iter()
            .any(|v| words(v).split(' ').any(|w| STATUS_CORE.contains(&w)))
}

fn is_date_column(values: &[&str]) -> bool {
    let mut dates = 0;
    for v in values {
        if v.chars().count() <= 40 && PartialDate::parse(v).is_ok() {
            dates += 1;
        } else if !means_no_date(v) {
            return false;
        }
    }
    dates > 0
}

/// Whether two rows hold the same headings (compared loosely), as a header repeated lower
/// down does.
pub(crate) fn same_headings(a: &[String], b: &[String]) -> bool {
    let keys = |cells: &[String]| -> Vec<String> {
        let mut keys: Vec<String> = cells.iter().map(|c| loose_key(c)).collect();
        while keys.last().is_some_and(String::is_empty) {
            keys.pop();
        }
        keys
    };
    keys(a) == keys(b)
}

/// The header row guessed: the first of the first 50 rows whose non-blank cells number at
/// least 2 and at least 60% of the widest of those rows, none longer than 100 characters.
fn guess_header(records: &Records) -> Option<usize> {
    let counts: Vec<usize> = records
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|(_, cells)| cells.iter().filter(|c| !c.trim().is_empty()).count())
        .collect();
    let widest = counts.iter().copied().max().unwrap_or(0);
    counts.iter().enumerate().find_map(|(i, &n)| {
        let fits = n >= 2
            && n * 10 >= widest * 6
            && records[i]
                .1
                .iter()
                .all(|c| c.trim().chars().count() <= HEADING_MAX);
        fits.then_some(i)
    })
}

/// Previews a file's columns for the mapping step: the header row guessed (see
/// [`guess_header`]), each column's samples and distinct values, and a proposed field: by the
/// heading's synonyms for the kind of import, else by the column's content (dates: the due
/// date, or the decision date once the due date is proposed; statuses: the status), else
/// [`Field::Ignore`]. Each field is proposed once (the first column wins). At most
/// [`MAX_PREVIEW_COLUMNS`] columns are described.
pub fn describe(records: &Records, kind: ImportKind) -> Result<TableShape, ImportError> {
    if records.is_empty() {
        return Err(ImportError::Empty);
    }
    let at = guess_header(records).ok_or_else(|| {
        ImportError::NoHeader(format!(
            "no row of headings in the first {HEADER_SEARCH_ROWS} rows: the table needs a row naming at least two of its columns"
        ))
    })?;
    let (header_row, header) = &records[at];
    let body: Vec<&Vec<String>> = records[at + 1..]
        .iter()
        .map(|(_, cells)| cells)
        .filter(|cells| !same_headings(cells, header))
        .collect();
    let last_value = |cells: &[String]| cells.iter().rposition(|c| !c.trim().is_empty());
    let width = std::iter::once(header)
        .chain(body.iter().copied())
        .filter_map(|cells| last_value(cells))
        .map(|i| i + 1)
        .max()
        .unwrap_or(0)
        .min(MAX_PREVIEW_COLUMNS);

    let mut columns = Vec::with_capacity(width);
    let mut content: Vec<(bool, bool)> = Vec::with_capacity(width);
    for index in 0..width {
        let heading = header.get(index).map_or("", |h| h.trim());
        let mut samples: Vec<String> = Vec::new();
        let mut distinct: Vec<String> = Vec::new();
        let mut listable = true;
        let mut scanned: Vec<&str> = Vec::new();
        for cells in &body {
            let Some(value) = cells.get(index).map(|c| c.trim()).filter(|c| !c.is_empty()) else {
                continue;
            };
            if scanned.len() < CONTENT_SCAN {
                scanned.push(value);
            }
            if samples.len() < SAMPLES {
                let sample = cut(value, SAMPLE_MAX);
                if !samples.contains(&sample) {
                    samples.push(sample);
                }
            }
            if listable {
                if value.chars().count() > DISTINCT_VALUE_MAX {
                    listable = false;
                } else if !distinct.iter().any(|d| d == value) {
                    if distinct.len() == DISTINCT_MAX {
                        listable = false;
                    } else {
                        distinct.push(value.to_owned());
                    }
                }
            }
            if !listable && samples.len() >= SAMPLES && scanned.len() >= CONTENT_SCAN {
                break;
            }
        }
        if !listable {
            distinct.clear();
        }
        content.push((is_date_column(&scanned), is_status_column(&distinct)));
        columns.push(ColumnPreview {
            index: index as u32,
            letter: column_letter(index),
            heading: heading.to_owned(),
            samples,
            distinct_values: distinct,
            proposed: Field::Ignore,
            why: String::new(),
        });
    }

    // The headings first: a heading that names a field beats a column that only looks like one.
    let mut taken: Vec<(Field, String)> = Vec::new();
    let mut decided = vec![false; columns.len()];
    for (i, column) in columns.iter_mut().enumerate() {
        if column.heading.is_empty() {
            column.why = "no heading: a column is mapped by its heading".to_owned();
            decided[i] = true;
            continue;
        }
        let Some(field) = by_heading(&column.heading, kind) else {
            continue;
        };
        decided[i] = true;
        if let Some((_, letter)) = taken.iter().find(|(f, _)| *f == field) {
            column.why = format!("already proposed for column {letter}");
        } else {
            column.proposed = field;
            column.why = format!("the heading \"{}\" names {}", column.heading, field.title());
            taken.push((field, column.letter.clone()));
        }
    }
    let allowed = |field: Field| kind == ImportKind::Tracker || field.plan_column().is_some();
    for (i, column) in columns.iter_mut().enumerate() {
        if decided[i] {
            continue;
        }
        let (dates, statuses) = content[i];
        let (candidates, why): (&[Field], &str) = if dates {
            (
                &[Field::DueDate, Field::DecisionDate],
                "its values are dates",
            )
        } else if statuses {
            (&[Field::Status], "its values are statuses")
        } else {
            column.why = "not recognised".to_owned();
            continue;
        };
        let candidates: Vec<Field> = candidates.iter().copied().filter(|f| allowed(*f)).collect();
        match candidates
            .iter()
            .find(|f| !taken.iter().any(|(t, _)| t == *f))
        {
            Some(&field) => {
                column.proposed = field;
                column.why = why.to_owned();
                taken.push((field, column.letter.clone()));
            }
            None => match candidates
                .first()
                .and_then(|f| taken.iter().find(|(t, _)| t == f))
            {
                Some((_, letter)) => column.why = format!("already proposed for column {letter}"),
                None => column.why = "not recognised".to_owned(),
            },
        }
    }
    Ok(TableShape {
        header_row: *header_row,
        data_rows: body.len() as u32,
        columns,
    })
}

/// The mapping the preview proposes: its columns proposed a field (each heading once), with
/// the header row it found.
pub fn proposed_mapping(shape: &TableShape) -> Mapping {
    let mut seen = HashSet::new();
    let columns = shape
        .columns
        .iter()
        .filter(|c| c.proposed != Field::Ignore && !c.heading.trim().is_empty())
        .filter(|c| seen.insert(loose_key(&c.heading)))
        .map(|c| ColumnMapping {
            heading: c.heading.clone(),
            field: c.proposed,
        })
        .collect();
    Mapping {
        columns,
        header_row: Some(shape.header_row),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Severity;

    fn records(rows: &[&[&str]]) -> Records {
        rows.iter()
            .enumerate()
            .map(|(i, cells)| {
                (
                    i as u32 + 1,
                    cells.iter().map(|c| (*c).to_owned()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn fields_round_trip() {
        for field in Field::ALL {
            assert_eq!(Field::parse(field.as_str()), Some(field));
            let json = serde_json::to_string(&field).unwrap();
            assert_eq!(json, format!("\"{}\"", field.as_str()));
        }
        assert_eq!(Field::parse("nonsense"), None);
        assert_eq!(Field::Lead.plan_column(), Some(Column::Responsibility));
        assert_eq!(Field::Status.plan_column(), None);
        for column in Column::ALL {
            assert_eq!(Field::of_column(column).plan_column(), Some(column));
        }
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    const TRACKER_HEADER: &[&str] = &[
        "Ref",
        "Review",
        "Origin",
        "Rec",
        "Recommendation",
        "Lead(s)",
        "Cabinet decision",
        "Target",
        "RAG",
        "Progress update",
    ];

    #[test]
    fn tracker_headings_are_proposed() {
        let recs = records(&[
            &["Scrutiny recommendations tracker 2024/25"],
            &[],
            TRACKER_HEADER,
            &[
                "2024/25-01",
                "Fly-tipping",
                "CSC",
                "1",
                "That the Council …",
                "JS/AB",
                "01/02/26",
                "Feb 2026",
                "Green",
                "Started",
            ],
        ]);
        let shape = describe(&recs, ImportKind::Tracker).unwrap();
        assert_eq!(shape.header_row, 3);
        assert_eq!(shape.data_rows, 1);
        let proposed: Vec<Field> = shape.columns.iter().map(|c| c.proposed).collect();
        assert_eq!(
            proposed,
            vec![
                Field::ReviewReference,
                Field::ReviewTitle,
                Field::Committee,
                Field::Number,
                Field::Recommendation,
                Field::Lead,
                Field::DecisionDate,
                Field::DueDate,
                Field::Status,
                Field::Progress,
            ]
        );
        assert_eq!(shape.columns[8].why, "the heading \"RAG\" names Status");
        assert_eq!(shape.columns[0].samples, vec!["2024/25-01"]);
        let mapping = proposed_mapping(&shape);
        assert_eq!(mapping.header_row, Some(3));
        assert_eq!(mapping.columns.len(), 10);
        assert_eq!(
            mapping.columns[5],
            ColumnMapping {
                heading: "Lead(s)".to_owned(),
                field: Field::Lead
            }
        );
    }

    #[test]
    fn action_plan_headings_use_the_plan_columns() {
        let recs = records(&[
            &[
                "No.",
                "Recommendation",
                "Proposed Actions / Progress",
                "Responsibility",
                "Date",
                "RAG",
            ],
            &["1", "Do it", "Will", "Police", "May 2022", "Green"],
        ]);
        let shape = describe(&recs, ImportKind::ActionPlan).unwrap();
        let proposed: Vec<Field> = shape.columns.iter().map(|c| c.proposed).collect();
        assert_eq!(
            proposed,
            vec![
                Field::Number,
                Field::Recommendation,
                Field::Action,
                Field::Lead,
                Field::DueDate,
                // A status is no column of an action plan.
                Field::Ignore,
            ]
        );
    }

    #[test]
    fn content_tells_dates_and_statuses() {
        let recs = records(&[
            &[
                "Ref",
                "Recommendation",
                "Column X",
                "Column Y",
                "Column Z",
                "Column W",
                "Notes",
            ],
            &[
                "A1",
                "Rec one",
                "May 2022",
                "14/10/2022",
                "Complete",
                "Red",
                "x",
            ],
            &[
                "A2",
                "Rec two",
                "Ongoing",
                "1 June 2023",
                "Amber",
                "Green",
                "y",
            ],
            &["A3", "Rec three", "2022-04-14", "TBC", "On track", "x", "z"],
        ]);
        let shape = describe(&recs, ImportKind::Tracker).unwrap();
        let got: Vec<(Field, &str)> = shape
            .columns
            .iter()
            .map(|c| (c.proposed, c.why.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Field::ReviewReference,
                    "the heading \"Ref\" names Review reference"
                ),
                (
                    Field::Recommendation,
                    "the heading \"Recommendation\" names Recommendation"
                ),
                (Field::DueDate, "its values are dates"),
                (Field::DecisionDate, "its values are dates"),
                (Field::Status, "its values are statuses"),
                (Field::Ignore, "not recognised"),
                (Field::Progress, "the heading \"Notes\" names Progress"),
            ]
        );
        assert_eq!(
            shape.columns[4].distinct_values,
            vec!["Complete", "Amber", "On track"]
        );
    }

    #[test]
    fn a_field_is_proposed_once() {
        let recs = records(&[
            &["Status", "RAG", "Target", "Deadline", "Review"],
            &["Green", "Red", "May 2022", "June 2022", "x"],
        ]);
        let shape = describe(&recs, ImportKind::Tracker).unwrap();
        assert_eq!(shape.columns[0].proposed, Field::Status);
        assert_eq!(shape.columns[1].proposed, Field::Ignore);
        assert_eq!(shape.columns[1].why, "already proposed for column A");
        assert_eq!(shape.columns[3].proposed, Field::Ignore);
        assert_eq!(shape.columns[3].why, "already proposed for column C");
    }

    #[test]
    fn the_header_guess_passes_titles_and_long_text() {
        let long = "x".repeat(101);
        let recs = records(&[
            &["Tracker", "", "", ""],
            &[&long, "b", "c", "d"],
            &["a", "b", "", ""],
            &["Ref", "Recommendation", "Lead", ""],
            &["1", "2", "3", "4"],
        ]);
        // Row 3 has 2 of the widest 4: under 60%.
        let shape = describe(&recs, ImportKind::Tracker).unwrap();
        assert_eq!(shape.header_row, 4);
        assert_eq!(shape.columns.len(), 4);
        assert_eq!(shape.columns[3].heading, "");
        assert_eq!(shape.columns[3].proposed, Field::Ignore);
        assert!(matches!(
            describe(&records(&[&["only"], &["one"]]), ImportKind::Tracker),
            Err(ImportError::NoHeader(_))
        ));
    }

    #[test]
    fn previews_are_bounded() {
        let wide: Vec<String> = (0..300).map(|i| format!("H{i}")).collect();
        let wide: Vec<&str> = wide.iter().map(String::as_str).collect();
        let long = "y".repeat(500);
        let mut rows: Vec<Vec<&str>> = vec![wide.clone()];
        let mut row = vec!["v"; 300];
        row[0] = &long;
        rows.push(row);
        let refs: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        let shape = describe(&records(&refs), ImportKind::Tracker).unwrap();
        assert_eq!(shape.columns.len(), MAX_PREVIEW_COLUMNS);
        assert_eq!(shape.columns[0].samples[0].chars().count(), SAMPLE_MAX + 1);
        assert!(shape.columns[0].distinct_values.is_empty());
        assert_eq!(shape.columns[1].distinct_values, vec!["v"]);
    }

    fn mapping(columns: &[(&str, Field)], header_row: Option<u32>) -> Mapping {
        Mapping {
            columns: columns
                .iter()
                .map(|(h, f)| ColumnMapping {
                    heading: (*h).to_owned(),
                    field: *f,
                })
                .collect(),
            header_row,
        }
    }

    #[test]
    fn locate_finds_moved_columns_loosely() {
        let recs = records(&[
            &["Title"],
            &["RAG status", "Extra", "lead (s)", "REF.", "Comments"],
            &["Green", "", "JS", "A1", ""],
        ]);
        let m = mapping(
            &[
                ("Ref", Field::ReviewReference),
                ("Lead(s)", Field::Lead),
                ("RAG Status", Field::Status),
                ("Comments", Field::Ignore),
                ("Target date", Field::DueDate),
            ],
            None,
        );
        let mut report = Report::new();
        let located = locate(&recs, &m, &mut report).unwrap();
        assert_eq!(located.header_row, 2);
        assert_eq!(
            located.fields,
            vec![
                (0, Field::Status),
                (2, Field::Lead),
                (3, Field::ReviewReference)
            ]
        );
        let issues: Vec<(Severity, &str, &str)> = report
            .issues
            .iter()
            .map(|i| {
                (
                    i.severity,
                    i.column.as_deref().unwrap_or(""),
                    i.reason.as_str(),
                )
            })
            .collect();
        assert_eq!(
            issues,
            vec![
                (
                    Severity::Skipped,
                    "Extra",
                    "not mapped: its cells are left out"
                ),
                (
                    Severity::Guessed,
                    "Target date",
                    "the profile maps \"Target date\" to Due date but the file has no such column"
                ),
            ]
        );
    }

    #[test]
    fn locate_reports_a_field_mapped_twice_and_a_moved_header() {
        let recs = records(&[&["x", "y"], &["Lead", "Owner", "Ref"]]);
        let m = mapping(
            &[
                ("Lead", Field::Lead),
                ("Owner", Field::Lead),
                ("Ref", Field::ReviewReference),
            ],
            Some(1),
        );
        let mut report = Report::new();
        let located = locate(&recs, &m, &mut report).unwrap();
        assert_eq!(located.header_row, 2);
        assert_eq!(
            located.fields,
            vec![(0, Field::Lead), (2, Field::ReviewReference)]
        );
        assert_eq!(report.issues.len(), 2, "{report:?}");
        assert!(report.issues[0].reason.contains("on row 2"));
        assert_eq!(report.issues[1].column.as_deref(), Some("Owner"));
        assert!(report.issues[1].reason.contains("already"));

        let none = mapping(&[("Reference", Field::ReviewReference)], None);
        match locate(&recs, &none, &mut Report::new()) {
            Err(ImportError::NoHeader(why)) => {
                assert!(why.contains("\"Reference\""), "{why}");
                assert!(why.contains("map the columns again"), "{why}");
            }
            other => panic!("{other:?}"),
        }
    }
}
