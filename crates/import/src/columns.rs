//! The columns of an action plan table and how headers name them: "No." / "Number" / "Rec",
//! "Recommendation", "Proposed Actions / Progress" / "Agreed Action" / "Action", "Success
//! Measures" / "Measure of success", "Responsibility" / "Lead" / "Owner", "Date" / "Target date" /
//! "Timescale", and the export's own "Part" and "Status notes". Case, punctuation and order do
//! not matter.

/// A column the import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Number,
    Part,
    Recommendation,
    Actions,
    Measures,
    Responsibility,
    Date,
    Notes,
}

impl Column {
    /// Every column, in the export's order.
    pub const ALL: [Column; 8] = [
        Column::Number,
        Column::Part,
        Column::Recommendation,
        Column::Actions,
        Column::Measures,
        Column::Responsibility,
        Column::Date,
        Column::Notes,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The column's heading in the export (and in the seed document).
    pub fn title(self) -> &'static str {
        match self {
            Column::Number => "No.",
            Column::Part => "Part",
            Column::Recommendation => "Recommendation",
            Column::Actions => "Proposed Actions",
            Column::Measures => "Success Measures",
            Column::Responsibility => "Responsibility",
            Column::Date => "Date",
            Column::Notes => "Status notes",
        }
    }

    /// The column a heading names, if any.
    pub fn recognise(heading: &str) -> Option<Column> {
        let whole = normalise(heading);
        if whole.is_empty() {
            return (heading.trim() == "#").then_some(Column::Number);
        }
        if let Some(c) = lookup(&whole) {
            return Some(c);
        }
        // "Proposed Actions / Progress", "Responsibility & Lead", "Date | Timescale".
        heading
            .split(['/', '&', '|', '\\'])
            .map(normalise)
            .find_map(|segment| lookup(&segment))
    }
}

/// Lower case, letters and digits only, single spaces: "Proposed Actions / Progress" →
/// "proposed actions progress".
pub(crate) fn normalise(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

const SYNONYMS: &[(Column, &[&str])] = &[
    (
        Column::Number,
        &[
            "no",
            "number",
            "num",
            "rec",
            "rec no",
            "rec number",
            "recommendation no",
            "recommendation number",
            "ref",
            "ref no",
            "reference",
            "item",
            "item no",
        ],
    ),
    (Column::Part, &["part", "parts", "part label", "sub part"]),
    (
        Column::Recommendation,
        &[
            "recommendation",
            "recommendations",
            "recommendation text",
            "scrutiny recommendation",
            "scrutiny recommendations",
            "agreed recommendation",
        ],
    ),
    (
        Column::Actions,
        &[
            "proposed actions",
            "proposed action",
            "proposed actions progress",
            "agreed action",
            "agreed actions",
            "action",
            "actions",
            "action s",
            "actions proposed",
            "action agreed",
            "actions agreed",
            "planned actions",
            "action to be taken",
            "actions to be taken",
        ],
    ),
    (
        Column::Measures,
        &[
            "success measures",
            "success measure",
            "measure of success",
            "measures of success",
            "success criteria",
            "measures",
            "measure",
            "agreed success measure",
            "agreed success measures",
            "outcome measures",
        ],
    ),
    (
        Column::Responsibility,
        &[
            "responsibility",
            "responsible",
            "responsible officer",
            "responsible organisation",
            "lead",
            "lead officer",
            "lead organisation",
            "lead agency",
            "owner",
            "owners",
            "action owner",
            "who",
        ],
    ),
    (
        Column::Date,
        &[
            "date",
            "dates",
            "date s",
            "target date",
            "target dates",
            "target",
            "timescale",
            "timescales",
            "time scale",
            "due date",
            "due",
            "deadline",
            "completion date",
            "by when",
            "when",
        ],
    ),
    (
        Column::Notes,
        &[
            "status notes",
            "status note",
            "notes",
            "note",
            "status",
            "progress",
            "progress notes",
            "progress update",
            "update",
            "comments",
        ],
    ),
];

fn lookup(normalised: &str) -> Option<Column> {
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&normalised))
        .map(|(c, _)| *c)
}

/// A recognised header row: which column each cell is, and the headings not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Per cell of the header row, the column it names.
    pub columns: Vec<Option<Column>>,
    /// Non-blank headings that name no known column (or a column named twice): their cells
    /// are left out.
    pub ignored: Vec<String>,
}

impl Header {
    /// The header in `cells`, if they name at least the No., Recommendation and Proposed
    /// Actions columns. Each column counts once (the first heading that names it).
    pub fn recognise<S: AsRef<str>>(cells: &[S]) -> Option<Header> {
        let mut columns = Vec::with_capacity(cells.len());
        let mut ignored = Vec::new();
        let mut seen = Vec::new();
        for cell in cells {
            let heading = cell.as_ref();
            match Column::recognise(heading) {
                Some(c) if !seen.contains(&c) => {
                    seen.push(c);
                    columns.push(Some(c));
                }
                _ => {
                    if !heading.trim().is_empty() {
                        ignored.push(heading.trim().to_owned());
                    }
                    columns.push(None);
                }
            }
        }
        let required = [Column::Number, Column::Recommendation, Column::Actions];
        required
            .iter()
            .all(|c| seen.contains(c))
            .then_some(Header { columns, ignored })
    }

    pub fn has(&self, column: Column) -> bool {
        self.columns.contains(&Some(column))
    }

    /// How many cells the header has.
    pub fn width(&self) -> usize {
        self.columns.len()
    }

    /// The heading text of a column as this header lays it out (for reports).
    pub fn position(&self, column: Column) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(column))
    }
}

/// The words of the "no recognisable header" error.
pub const HEADER_HELP: &str = "no recognisable header row: the table needs a row of headings naming at least the columns No. (or Number, Rec), Recommendation and Proposed Actions (or Agreed Action, Action); Success Measures, Responsibility (or Lead, Owner), Date (or Target date, Timescale), Part and Status notes are read too";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_header() {
        let cells = [
            "No.",
            "Recommendation",
            "Proposed Actions / Progress",
            "Success Measures",
            "Responsibility",
            "Date",
        ];
        let header = Header::recognise(&cells).unwrap();
        assert_eq!(
            header.columns,
            vec![
                Some(Column::Number),
                Some(Column::Recommendation),
                Some(Column::Actions),
                Some(Column::Measures),
                Some(Column::Responsibility),
                Some(Column::Date)
            ]
        );
        assert!(header.ignored.is_empty());
    }

    #[test]
    fn variants_in_any_order_and_case() {
        let cells = [
            "TARGET DATE",
            "Lead",
            "Measure of success",
            "Agreed Action",
            "recommendation",
            "Rec",
            "RAG",
        ];
        let header = Header::recognise(&cells).unwrap();
        assert_eq!(
            header.columns,
            vec![
                Some(Column::Date),
                Some(Column::Responsibility),
                Some(Column::Measures),
                Some(Column::Actions),
                Some(Column::Recommendation),
                Some(Column::Number),
                None
            ]
        );
        assert_eq!(header.ignored, vec!["RAG"]);
        for (heading, column) in [
            ("Number", Column::Number),
            ("#", Column::Number),
            ("Owner", Column::Responsibility),
            ("Timescale", Column::Date),
            ("Date(s)", Column::Date),
            ("Action", Column::Actions),
            ("Status notes", Column::Notes),
            ("Part", Column::Part),
            ("  success-measures ", Column::Measures),
        ] {
            assert_eq!(Column::recognise(heading), Some(column), "{heading}");
        }
        for column in Column::ALL {
            assert_eq!(Column::recognise(column.title()), Some(column));
        }
    }

    #[test]
    fn not_a_header() {
        assert!(Header::recognise(&["1", "Any scheduled reviews", "Cleveland Police"]).is_none());
        // The number column is needed.
        assert!(Header::recognise(&["Recommendation", "Action", "Date"]).is_none());
        assert!(Header::recognise::<&str>(&[]).is_none());
    }
}
