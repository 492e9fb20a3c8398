//! Action plans as text copied out of a Word table: tab-separated cells, the header repeated
//! after every page break with page furniture ("APPENDIX 1", the title) around it, cells wrapped
//! across lines, and bullets that Word writes as a glyph and a tab.
use crate::cells::{fix_bullet_tabs, looks_like_number};
use crate::columns::{Column, Header, HEADER_HELP};
use crate::model::ActionPlanImport;
use crate::plan::{build, Options, PartStyle, SourceRow};
use crate::report::{Parsed, Report};
use crate::ImportError;

/// Whether a line (without tabs) is page furniture: "APPENDIX 1", "Annex A", "Page 2 of 5", a
/// line in capitals ("ACTION PLAN: REVIEW OF …"), or a repeat of a line above the table.
fn is_furniture(line: &str, preamble: &[String]) -> bool {
    let t = line.trim();
    let lower = t.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let appendix = matches!(words.first(), Some(&"appendix" | &"annex" | &"annexe"))
        && t.chars().next().is_some_and(char::is_uppercase);
    let page = matches!(words.as_slice(), ["page", n, ..] if n.chars().all(|c| c.is_ascii_digit()));
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals =
        letters.len() >= 10 && words.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let title_like = lower.starts_with("action plan:");
    let repeated = preamble
        .iter()
        .any(|p| collapse(p).eq_ignore_ascii_case(&collapse(t)));
    appendix || page || capitals || title_like || repeated
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cells_of(line: &str) -> Vec<String> {
    line.split('\t').map(str::to_owned).collect()
}

/// A row being put together from one or more lines.
struct Pending {
    row: u32,
    cells: Vec<String>,
    /// A blank line was seen since its last line (a paragraph break inside a cell).
    blank_since: bool,
}

struct Reader<'a> {
    header: Header,
    header_row: u32,
    rows: Vec<SourceRow>,
    report: &'a mut Report,
}

impl Reader<'_> {
    fn column_name(&self, index: usize) -> Option<&'static str> {
        self.header
            .columns
            .get(index)
            .copied()
            .flatten()
            .map(Column::title)
    }

    fn emit(&mut self, pending: Pending) {
        let width = self.header.width();
        let mut row = SourceRow {
            row: pending.row,
            ..Default::default()
        };
        let filled = pending
            .cells
            .iter()
            .filter(|c| !c.trim().is_empty())
            .count();
        if pending.cells.len() < width && filled > 0 {
            let missing: Vec<&str> = (pending.cells.len()..width)
                .filter_map(|i| self.column_name(i))
                .collect();
            if !missing.is_empty() {
                self.report.guess(
                    Some(pending.row),
                    None,
                    &pending.cells.join(" | "),
                    format!(
                        "the row has {} cells but the header (row {}) has {width}: {} taken as blank",
                        pending.cells.len(),
                        self.header_row,
                        missing.join(", ")
                    ),
                );
            }
        }
        let extra: Vec<&String> = pending
            .cells
            .iter()
            .skip(width)
            .filter(|c| !c.trim().is_empty())
            .collect();
        if !extra.is_empty() {
            row.rejected = Some((
                None,
                pending.cells.join(" | "),
                format!(
                    "the row has {} cells but the header (row {}) has {width}: its columns cannot be told apart",
                    pending.cells.len(),
                    self.header_row
                ),
            ));
        }
        for (i, cell) in pending.cells.into_iter().enumerate().take(width) {
            if let Some(column) = self.header.columns[i] {
                row.cells[column.index()] = cell.trim().to_owned();
            }
        }
        self.rows.push(row);
    }
}

/// Whether `cells` start a new row rather than continue the pending one.
fn starts_row(pending: &Pending, cells: &[String], width: usize) -> bool {
    if pending.cells.len() >= width {
        // A complete row: a line without a tab continues its last cell.
        return cells.len() >= 2;
    }
    if cells.len() >= width {
        return true;
    }
    pending.cells.len() >= 2
        && cells.len() >= 2
        && (cells[0].trim().is_empty() || looks_like_number(&cells[0]))
}

/// Reads an action plan pasted from a Word table.
pub fn parse_action_plan_text(text: &str) -> Result<Parsed<ActionPlanImport>, ImportError> {
    let mut report = Report::new();
    let lines: Vec<String> = text.lines().map(fix_bullet_tabs).collect();

    let header_at = lines
        .iter()
        .position(|l| l.contains('\t') && Header::recognise(&cells_of(l)).is_some())
        .ok_or_else(|| ImportError::NoHeader(HEADER_HELP.to_owned()))?;
    let preamble: Vec<String> = lines[..header_at]
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let title = preamble
        .iter()
        .find(|l| {
            let lower = l.to_lowercase();
            !(lower.starts_with("appendix") || lower.starts_with("annex"))
        })
        .cloned();
    for (i, line) in lines[..header_at].iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let why = if Some(line.trim()) == title.as_deref() {
            "above the table: read as the plan's title"
        } else {
            "above the table: page furniture"
        };
        report.skip(Some(i as u32 + 1), None, line, why);
    }

    let header = Header::recognise(&cells_of(&lines[header_at])).expect("recognised above");
    for heading in &header.ignored {
        report.skip(
            Some(header_at as u32 + 1),
            Some(heading),
            heading,
            "a column the import does not know: its cells are left out",
        );
    }
    let notes_column = header.has(Column::Notes);
    let part_column = header.has(Column::Part);
    let mut reader = Reader {
        header,
        header_row: header_at as u32 + 1,
        rows: Vec::new(),
        report: &mut report,
    };
    let mut pending: Option<Pending> = None;

    for (i, line) in lines.iter().enumerate().skip(header_at + 1) {
        let n = i as u32 + 1;
        if line.trim().is_empty() {
            if let Some(p) = pending.as_mut() {
                p.blank_since = true;
            }
            continue;
        }
        let cells = cells_of(line);
        if cells.len() >= 2 {
            if let Some(h) = Header::recognise(&cells) {
                if let Some(p) = pending.take() {
                    reader.emit(p);
                }
                reader
                    .report
                    .skip(Some(n), None, line, "the header repeated (a page break)");
                reader.header = h;
                reader.header_row = n;
                continue;
            }
        }
        if cells.len() == 1 && is_furniture(line, &preamble) {
            if let Some(p) = pending.take() {
                reader.emit(p);
            }
            reader.report.skip(Some(n), None, line, "page furniture");
            continue;
        }
        let width = reader.header.width();
        match pending.as_mut() {
            Some(p) if !starts_row(p, &cells, width) => {
                let joiner = if p.blank_since { "\n\n" } else { "\n" };
                let index = p.cells.len() - 1;
                let column = reader.column_name(index);
                let mut rest = cells.into_iter();
                let first = rest.next().unwrap_or_default();
                p.cells[index].push_str(joiner);
                p.cells[index].push_str(first.trim());
                p.cells.extend(rest);
                p.blank_since = false;
                reader.report.guess(
                    Some(n),
                    column,
                    &first,
                    format!("taken as the continuation of the cell above, on row {} (a cell wrapped across lines)", p.row),
                );
            }
            _ => {
                if let Some(p) = pending.take() {
                    reader.emit(p);
                }
                pending = Some(Pending {
                    row: n,
                    cells,
                    blank_since: false,
                });
            }
        }
    }
    if let Some(p) = pending.take() {
        reader.emit(p);
    }
    let rows = std::mem::take(&mut reader.rows);
    let opts = Options {
        parts: PartStyle::Document,
        part_column,
        notes_column,
        headings: [None; 8],
    };
    let value = build(rows, title, opts, &mut report);
    Ok(Parsed { value, report })
}
