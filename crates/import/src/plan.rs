//! Building an action plan from table rows, whatever the file was: a recommendation starts on a
//! row with a number and continues on rows whose number is empty (or the same); its text may be
//! spread over those rows ("c) …", "d) …") and is split into its parts at the end; every row
//! with something in the action columns is an action.
use crate::cells::{
    leading_marker, normalise_bullets, parse_milestone_cell, parse_number, split_line_parts,
    split_measures, split_notes,
};
use crate::columns::Column;
use crate::model::{ActionPlanImport, ImportedAction, ImportedPart, ImportedRecommendation};
use crate::report::Report;
use scrutiny_domain::records::{parse_owners, split_parts, OwnerName, PartLabel};
use std::collections::{HashMap, HashSet};

/// The limits the API enforces (defined once, in `scrutiny_domain::records::limits`), checked
/// here so that the dry run says what a commit would refuse.
pub mod limits {
    /// An action's proposed actions and status notes.
    pub use scrutiny_domain::records::limits::ACTION_TEXT_MAX as TEXT_MAX;
    /// A milestone's label.
    pub use scrutiny_domain::records::limits::MILESTONE_LABEL_MAX as LABEL_MAX;
    /// A recommendation's text and its parts' texts.
    pub use scrutiny_domain::records::limits::RECOMMENDATION_TEXT_MAX;
    pub use scrutiny_domain::records::limits::{
        MEASURES_MAX, MEASURE_MAX, MILESTONES_MAX, OWNERS_MAX, PART_LABEL_MAX, RESPONSIBILITY_MAX,
    };
}
use limits::*;

/// One row of the table, its cells by column (blank when the file has no such column).
#[derive(Debug, Clone, Default)]
pub struct SourceRow {
    pub row: u32,
    pub cells: [String; 8],
    /// Set when the row was already found unusable while reading the file.
    pub rejected: Option<(Option<Column>, String, String)>,
}

impl SourceRow {
    pub fn cell(&self, column: Column) -> &str {
        &self.cells[column.index()]
    }

    fn has_action(&self) -> bool {
        [
            Column::Actions,
            Column::Measures,
            Column::Responsibility,
            Column::Date,
            Column::Notes,
        ]
        .iter()
        .any(|c| !self.cell(*c).trim().is_empty())
    }

    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// How the recommendation text is split into parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartStyle {
    /// Running text as in Word documents (the domain's [`split_parts`]: at least two parts).
    Document,
    /// One part per line, as the export writes it (a single part counts).
    Lines,
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub parts: PartStyle,
    /// Whether the file has a Part column.
    pub part_column: bool,
    /// Whether the file has a notes column; without one, notes are looked for in the actions text.
    pub notes_column: bool,
    /// The headings of the file's columns, for reports.
    pub headings: [Option<&'static str>; 8],
}

struct ActionDraft {
    row: u32,
    part: Option<PartLabel>,
    actions: String,
    measures: String,
    responsibility: String,
    date: String,
    notes: String,
    /// Index of the recommendation-text contribution made by the same row.
    contribution: Option<usize>,
}

struct RecDraft {
    number: scrutiny_domain::records::RecommendationNumber,
    row: u32,
    rows: Vec<u32>,
    /// The recommendation text as given on each row: (row, text).
    contributions: Vec<(u32, String)>,
    actions: Vec<ActionDraft>,
}

impl RecDraft {
    fn joined(&self) -> String {
        self.contributions
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn col_name(opts: &Options, column: Column) -> &'static str {
    opts.headings[column.index()].unwrap_or(column.title())
}

/// Normalises a cell's bullets, reporting private-use glyphs.
fn clean(report: &mut Report, opts: &Options, row: u32, column: Column, raw: &str) -> String {
    let (text, glyphs) = normalise_bullets(raw.trim());
    if !glyphs.is_empty() {
        let codes: Vec<String> = glyphs
            .iter()
            .map(|g| format!("U+{:04X}", *g as u32))
            .collect();
        report.guess(
            Some(row),
            Some(col_name(opts, column)),
            &text,
            format!(
                "private-use bullet glyph {} (a Word symbol font) read as •",
                codes.join(", ")
            ),
        );
    }
    text
}

/// Builds the plan from the rows; every rejection and guess goes to `report`.
pub fn build(
    rows: Vec<SourceRow>,
    title: Option<String>,
    opts: Options,
    report: &mut Report,
) -> ActionPlanImport {
    let mut recs: Vec<RecDraft> = Vec::new();
    let mut by_number: HashMap<String, usize> = HashMap::new();
    let mut rejected_numbers: HashSet<String> = HashSet::new();
    // The recommendation rows continue: Some(index), or Err(row) when its first row was rejected.
    let mut current: Option<Result<usize, u32>> = None;
    let num_col = col_name(&opts, Column::Number);

    for row in rows {
        if row.is_blank() {
            continue;
        }
        report.rows_read += 1;
        let r = row.row;
        if let Some((column, value, reason)) = &row.rejected {
            let column = column.map(|c| col_name(&opts, c));
            report.reject(Some(r), column, value, reason.clone());
            if !row.cell(Column::Number).trim().is_empty() {
                current = Some(Err(r));
            }
            continue;
        }
        let number_cell = row.cell(Column::Number).trim();
        let index = if number_cell.is_empty() {
            match current {
                Some(Ok(i)) => i,
                Some(Err(first)) => {
                    report.reject(
                        Some(r),
                        Some(num_col),
                        "",
                        format!("continues the recommendation that starts on row {first}, which is rejected"),
                    );
                    continue;
                }
                None => {
                    report.reject(
                        Some(r),
                        Some(num_col),
                        "",
                        "no recommendation number, and no recommendation above this row for it to continue",
                    );
                    continue;
                }
            }
        } else {
            match parse_number(number_cell) {
                Err(e) => {
                    report.reject(
                        Some(r),
                        Some(num_col),
                        number_cell,
                        format!("not a recommendation number: {e}; the rows that continue it are rejected too"),
                    );
                    current = Some(Err(r));
                    continue;
                }
                Ok(number) => {
                    let key = number.as_str().to_lowercase();
                    if rejected_numbers.contains(&key) {
                        report.reject(
                            Some(r),
                            Some(num_col),
                            number_cell,
                            format!("recommendation {number} is rejected (see its first row)"),
                        );
                        current = Some(Err(r));
                        continue;
                    }
                    match by_number.get(&key) {
                        Some(&i) => {
                            if current != Some(Ok(i)) {
                                report.guess(
                                    Some(r),
                                    Some(num_col),
                                    number_cell,
                                    format!(
                                        "recommendation {number} appears again after others (first on row {}): this row is added to it",
                                        recs[i].row
                                    ),
                                );
                            }
                            i
                        }
                        None => {
                            if number_cell != number.as_str() {
                                report.guess(
                                    Some(r),
                                    Some(num_col),
                                    number_cell,
                                    format!("read as recommendation number {number}"),
                                );
                            }
                            recs.push(RecDraft {
                                number,
                                row: r,
                                rows: Vec::new(),
                                contributions: Vec::new(),
                                actions: Vec::new(),
                            });
                            by_number.insert(key, recs.len() - 1);
                            recs.len() - 1
                        }
                    }
                }
            }
        };
        current = Some(Ok(index));
        let rec = &mut recs[index];
        rec.rows.push(r);

        // The part this row's action is for, from the Part column.
        let part_cell = row.cell(Column::Part).trim();
        let part = if part_cell.is_empty() {
            None
        } else {
            match PartLabel::parse(part_cell) {
                Ok(label) => Some(label),
                Err(e) => {
                    report.reject(
                        Some(r),
                        Some(col_name(&opts, Column::Part)),
                        part_cell,
                        e.to_string(),
                    );
                    continue;
                }
            }
        };

        // The recommendation text on this row.
        let rec_cell = clean(
            report,
            &opts,
            r,
            Column::Recommendation,
            row.cell(Column::Recommendation),
        );
        let mut contribution = None;
        if !rec_cell.is_empty() {
            let joined = rec.joined();
            let repeated = !rec.contributions.is_empty()
                && (collapse(&rec_cell) == collapse(&joined)
                    || rec
                        .contributions
                        .iter()
                        .any(|(_, t)| collapse(t) == collapse(&rec_cell)));
            if repeated {
                report.skip(
                    Some(r),
                    Some(col_name(&opts, Column::Recommendation)),
                    &rec_cell,
                    "the recommendation's text repeated: read once",
                );
            } else {
                let text = match (&part, rec.contributions.is_empty()) {
                    // A continuation row naming its part and giving the part's text unmarked.
                    (Some(label), false) if leading_marker(&rec_cell).is_none() => {
                        format!("{label}) {rec_cell}")
                    }
                    _ => rec_cell,
                };
                rec.contributions.push((r, text));
                contribution = Some(rec.contributions.len() - 1);
            }
        }

        if row.has_action() {
            rec.actions.push(ActionDraft {
                row: r,
                part,
                actions: clean(report, &opts, r, Column::Actions, row.cell(Column::Actions)),
                measures: clean(
                    report,
                    &opts,
                    r,
                    Column::Measures,
                    row.cell(Column::Measures),
                ),
                responsibility: row.cell(Column::Responsibility).trim().to_owned(),
                date: row.cell(Column::Date).trim().to_owned(),
                notes: row.cell(Column::Notes).trim().to_owned(),
                contribution,
            });
        }
    }

    let mut out = Vec::new();
    for rec in recs {
        if let Some(done) = finish(rec, &opts, report, &mut rejected_numbers) {
            out.push(done);
        }
    }
    report.sort_by_row();
    ActionPlanImport {
        title,
        recommendations: out,
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn too_long(text: &str, max: usize) -> bool {
    text.chars().count() > max
}

/// Splits the recommendation's text into its parts, works out each action's part, checks every
/// value; rejects what the API would refuse.
fn finish(
    rec: RecDraft,
    opts: &Options,
    report: &mut Report,
    rejected_numbers: &mut HashSet<String>,
) -> Option<ImportedRecommendation> {
    let rec_col = col_name(opts, Column::Recommendation);
    let joined = rec.joined();
    let (lead, parts) = match opts.parts {
        PartStyle::Document => split_parts(&joined),
        PartStyle::Lines => split_line_parts(&joined),
    };
    let reject_rec = |report: &mut Report, value: &str, reason: String| {
        for row in &rec.rows {
            let why = if *row == rec.row {
                reason.clone()
            } else {
                format!(
                    "belongs to recommendation {}, which is rejected (row {})",
                    rec.number, rec.row
                )
            };
            report.reject(Some(*row), Some(rec_col), value, why);
        }
    };
    let problem = if joined.trim().is_empty() {
        Some(format!(
            "recommendation {} has no text: give it in the {rec_col} column",
            rec.number
        ))
    } else if too_long(&lead, RECOMMENDATION_TEXT_MAX) {
        Some(format!(
            "must be at most {RECOMMENDATION_TEXT_MAX} characters"
        ))
    } else if let Some((label, _)) = parts.iter().find(|(_, t)| t.is_empty()) {
        Some(format!("part {label}) has no text"))
    } else if let Some((label, _)) = parts
        .iter()
        .find(|(l, _)| l.as_str().len() > PART_LABEL_MAX)
    {
        Some(format!(
            "part label {label} is longer than {PART_LABEL_MAX} characters"
        ))
    } else {
        parts
            .iter()
            .find(|(_, t)| too_long(t, RECOMMENDATION_TEXT_MAX))
            .map(|(label, _)| {
                format!("part {label}) must be at most {RECOMMENDATION_TEXT_MAX} characters")
            })
    };
    if let Some(reason) = problem {
        reject_rec(report, &joined, reason);
        rejected_numbers.insert(rec.number.as_str().to_lowercase());
        return None;
    }

    // Which row introduced each part: find each part's text in the joined text, in order.
    let mut starts = Vec::new();
    let mut offsets = Vec::new();
    let mut at = 0;
    for (_, t) in &rec.contributions {
        offsets.push(at);
        at += t.len() + 1;
    }
    let mut cursor = 0;
    for (_, t) in &parts {
        let pos = joined[cursor..].find(t.as_str()).map(|p| cursor + p);
        if let Some(p) = pos {
            cursor = p + t.len();
        }
        let contribution = pos.map(|p| offsets.iter().rposition(|o| *o <= p).unwrap_or(0));
        starts.push(contribution);
    }
    let parts_by_contribution = |c: usize| -> Vec<&PartLabel> {
        parts
            .iter()
            .zip(&starts)
            .filter(|(_, s)| **s == Some(c))
            .map(|((l, _), _)| l)
            .collect()
    };

    // "One action per part": several rows each bring one part and an action for it.
    let single_part = |d: &ActionDraft| -> Option<PartLabel> {
        match d.contribution.map(&parts_by_contribution).as_deref() {
            Some([one]) => Some((*one).clone()),
            _ => None,
        }
    };
    let per_part_rows = rec
        .actions
        .iter()
        .filter(|d| single_part(d).is_some())
        .count();
    let mut actions: Vec<ImportedAction> = Vec::new();
    for draft in &rec.actions {
        let inferred = if per_part_rows >= 2 {
            single_part(draft)
        } else {
            None
        };
        if let Some(action) = finish_action(draft, &rec, &parts, inferred, &actions, opts, report) {
            actions.push(action);
        }
    }
    Some(ImportedRecommendation {
        number: rec.number.clone(),
        text: lead,
        parts: parts
            .into_iter()
            .map(|(label, text)| ImportedPart { label, text })
            .collect(),
        actions,
        row: rec.row,
    })
}

fn finish_action(
    draft: &ActionDraft,
    rec: &RecDraft,
    parts: &[(PartLabel, String)],
    inferred: Option<PartLabel>,
    earlier: &[ImportedAction],
    opts: &Options,
    report: &mut Report,
) -> Option<ImportedAction> {
    let r = draft.row;
    let name = |c: Column| col_name(opts, c);
    let mut rejected = false;
    let mut reject = |report: &mut Report, column: Column, value: &str, why: String| {
        rejected = true;
        report.reject(
            Some(r),
            Some(name(column)),
            value,
            format!("the action on this row is not imported: {why}"),
        );
    };

    // The part.
    let part = match &draft.part {
        Some(label) => {
            if !parts.iter().any(|(l, _)| l == label) {
                reject(
                    report,
                    Column::Part,
                    label.as_str(),
                    format!("recommendation {} has no part {label})", rec.number),
                );
            }
            Some(label.clone())
        }
        None if !opts.part_column && parts.len() >= 2 => {
            let from_text = leading_marker(&draft.actions)
                .map(|(l, _)| l)
                .filter(|l| parts.iter().any(|(p, _)| p == l));
            if let Some(label) = from_text {
                report.guess(
                    Some(r),
                    Some(name(Column::Actions)),
                    &draft.actions,
                    format!("the action starts with {label}): taken to answer part {label}) of recommendation {}", rec.number),
                );
                Some(label)
            } else if let Some(one) = inferred {
                report.guess(
                    Some(r),
                    Some(name(Column::Recommendation)),
                    one.as_str(),
                    format!("the action is on the row of part {one}): taken to answer that part of recommendation {} (one action per part)", rec.number),
                );
                Some(one)
            } else {
                None
            }
        }
        None => None,
    };

    // The actions text, and notes inside it.
    let mut proposed = draft.actions.clone();
    let mut notes = (!draft.notes.is_empty()).then(|| draft.notes.clone());
    if !opts.notes_column {
        if let Some((actions, note)) = split_notes(&proposed) {
            report.guess(
                Some(r),
                Some(name(Column::Actions)),
                &note,
                "a progress note at the end of the actions text: kept as the action's status notes",
            );
            proposed = actions;
            notes = Some(note);
        }
    }
    if proposed.trim().is_empty() {
        reject(
            report,
            Column::Actions,
            "",
            "the proposed actions are blank (the row has other action cells filled in)".into(),
        );
    } else if too_long(&proposed, TEXT_MAX) {
        reject(
            report,
            Column::Actions,
            &proposed,
            format!("must be at most {TEXT_MAX} characters"),
        );
    }
    if let Some(n) = &notes {
        if too_long(n, TEXT_MAX) {
            reject(
                report,
                Column::Notes,
                n,
                format!("must be at most {TEXT_MAX} characters"),
            );
        }
    }

    // Success measures; a blank cell under a merged one takes the row above's.
    let mut measures = split_measures(&draft.measures);
    if measures.is_empty() {
        if let Some(prev) = earlier.last() {
            report.guess(
                Some(r),
                Some(name(Column::Measures)),
                "",
                format!(
                    "blank: the success measures of row {} are used (a cell merged across rows)",
                    prev.row
                ),
            );
            measures = prev.success_measures.clone();
        } else {
            report.guess(
                Some(r),
                Some(name(Column::Measures)),
                "",
                "no success measure: the action is imported without one (add one later if the committee wants it)"
                    .to_owned(),
            );
        }
    } else if measures.len() > 1 {
        report.guess(
            Some(r),
            Some(name(Column::Measures)),
            &draft.measures,
            format!(
                "read as {} success measures, one per line or bullet",
                measures.len()
            ),
        );
    }
    if measures.len() > MEASURES_MAX {
        reject(
            report,
            Column::Measures,
            &draft.measures,
            format!("at most {MEASURES_MAX} success measures"),
        );
    }
    if let Some(m) = measures.iter().find(|m| too_long(m, MEASURE_MAX)) {
        let m = m.clone();
        reject(
            report,
            Column::Measures,
            &m,
            format!("a success measure must be at most {MEASURE_MAX} characters"),
        );
    }

    // Owners.
    let mut responsibility = draft.responsibility.clone();
    if responsibility.is_empty() {
        if let Some(prev) = earlier.last() {
            report.guess(
                Some(r),
                Some(name(Column::Responsibility)),
                "",
                format!(
                    "blank: the responsibility of row {} is used (a cell merged across rows)",
                    prev.row
                ),
            );
            responsibility = prev.responsibility.clone();
        }
    }
    let mut owners = parse_owners(&responsibility);
    if owners.is_empty() {
        reject(
            report,
            Column::Responsibility,
            &responsibility,
            "name who is responsible (organisations or people, or All)".into(),
        );
    } else if owners.iter().any(OwnerName::is_all) && owners.len() > 1 {
        report.guess(
            Some(r),
            Some(name(Column::Responsibility)),
            &responsibility,
            "names All and particular owners: the particular owners are recorded, and the cell is kept as written",
        );
        owners.retain(|o| !o.is_all());
    } else if owners.len() > 1 {
        let names: Vec<String> = owners.iter().map(ToString::to_string).collect();
        report.guess(
            Some(r),
            Some(name(Column::Responsibility)),
            &responsibility,
            format!("read as {} owners: {}", owners.len(), names.join("; ")),
        );
    }
    if owners.len() > OWNERS_MAX {
        reject(
            report,
            Column::Responsibility,
            &responsibility,
            format!("at most {OWNERS_MAX} owners"),
        );
    }
    if too_long(&responsibility, RESPONSIBILITY_MAX) {
        reject(
            report,
            Column::Responsibility,
            &responsibility,
            format!("must be at most {RESPONSIBILITY_MAX} characters"),
        );
    }

    // Milestones.
    let milestones = match parse_milestone_cell(&draft.date) {
        Ok(m) => m,
        Err(e) => {
            reject(
                report,
                Column::Date,
                &draft.date,
                format!("not a date: {e}"),
            );
            Vec::new()
        }
    };
    if milestones.len() > MILESTONES_MAX {
        reject(
            report,
            Column::Date,
            &draft.date,
            format!("at most {MILESTONES_MAX} milestones"),
        );
    }
    if let Some(label) = milestones
        .iter()
        .filter_map(|m| m.label.as_deref())
        .find(|l| too_long(l, LABEL_MAX))
    {
        let label = label.to_owned();
        reject(
            report,
            Column::Date,
            &label,
            format!("a milestone's label must be at most {LABEL_MAX} characters"),
        );
    }
    if milestones.len() == 1 && milestones[0].date.is_none() && !draft.date.is_empty() {
        report.guess(
            Some(r),
            Some(name(Column::Date)),
            &draft.date,
            "no date in the cell: kept as a milestone without a date, labelled with the text",
        );
    }

    if rejected {
        return None;
    }
    Some(ImportedAction {
        part,
        proposed_actions: proposed.trim().to_owned(),
        success_measures: measures,
        responsibility,
        owners,
        milestones,
        status_notes: notes.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()),
        row: r,
    })
}
