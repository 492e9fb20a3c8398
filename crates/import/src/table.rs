//! Action plans as spreadsheets: CSV (UTF-8 with or without a byte-order mark, UTF-16, or
//! Windows-1252; comma, semicolon or tab separated) and XLSX, in the export's layout (No., Part,
//! Recommendation, Proposed Actions, Success Measures, Responsibility, Date, Status notes) or
//! any layout whose header names the columns.
use crate::columns::{Column, Header, HEADER_HELP};
use crate::decode::{decode, TextEncoding};
use crate::mapping::{locate, loose_key, Field, Mapping};
use crate::model::ActionPlanImport;
use crate::plan::{build, Options, PartStyle, SourceRow};
use crate::report::{Parsed, Report};
pub(crate) use crate::sheet::Records;
use crate::ImportError;

/// Builds the plan from spreadsheet rows: the first row that names the columns is the header;
/// a line above it (not "APPENDIX …") is the title; the header repeated later is skipped.
pub(crate) fn parse_records(
    records: Records,
    report: Report,
) -> Result<Parsed<ActionPlanImport>, ImportError> {
    let header_at = records
        .iter()
        .position(|(_, cells)| Header::recognise(cells).is_some())
        .ok_or_else(|| ImportError::NoHeader(HEADER_HELP.to_owned()))?;
    let header = Header::recognise(&records[header_at].1).expect("recognised above");
    parse_below_header(records, header_at, header, report, |cells| {
        Header::recognise(cells).is_some()
    })
}

/// Reads an action plan from any CSV/XLSX/text rows using a mapping instead of recognised
/// headings: the mapped fields with a plan column make the header (the No., Recommendation and
/// Action fields must be mapped, else [`ImportError::NoHeader`] saying which is missing).
/// Fields an action plan does not hold (the tracker's review reference, committee, status…)
/// are reported and left out.
pub fn parse_action_plan_mapped(
    records: Records,
    mut report: Report,
    mapping: &Mapping,
) -> Result<Parsed<ActionPlanImport>, ImportError> {
    let located = locate(&records, mapping, &mut report)?;
    let header_at = records
        .iter()
        .position(|(row, _)| *row == located.header_row)
        .expect("locate returns a row of the records");
    let header_cells = &records[header_at].1;
    let mut columns = vec![None; header_cells.len()];
    for &(i, field) in &located.fields {
        match field.plan_column() {
            Some(column) => columns[i] = Some(column),
            None => report.skip(
                Some(located.header_row),
                Some(header_cells[i].trim()),
                header_cells[i].trim(),
                format!(
                    "mapped to {}, which an action plan does not hold: its cells are left out",
                    field.title()
                ),
            ),
        }
    }
    let missing: Vec<&str> = [Field::Number, Field::Recommendation, Field::Action]
        .into_iter()
        .filter(|f| !located.fields.iter().any(|(_, g)| g == f))
        .map(Field::title)
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::NoHeader(format!(
            "an action plan needs the {}, {} and {} columns mapped, and the file has no column mapped to {}: map the columns again",
            Field::Number.title(),
            Field::Recommendation.title(),
            Field::Action.title(),
            missing.join(" or ")
        )));
    }
    let keys: Vec<(usize, String)> = located
        .fields
        .iter()
        .map(|&(i, _)| (i, loose_key(&header_cells[i])))
        .collect();
    let header = Header {
        columns,
        ignored: Vec::new(),
    };
    parse_below_header(records, header_at, header, report, move |cells| {
        keys.iter()
            .all(|(i, key)| cells.get(*i).is_some_and(|c| loose_key(c) == *key))
    })
}

/// The plan from the rows once the header is known: rows above it give the title, rows below
/// are the table (`repeats_header` tells a repeated header row, which is skipped).
fn parse_below_header(
    records: Records,
    header_at: usize,
    header: Header,
    mut report: Report,
    repeats_header: impl Fn(&[String]) -> bool,
) -> Result<Parsed<ActionPlanImport>, ImportError> {
    let header_row = &records[header_at].0;
    let mut title = None;
    for (row, cells) in &records[..header_at] {
        let text: Vec<&str> = cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        if text.is_empty() {
            continue;
        }
        let line = text.join(" ");
        let lower = line.to_lowercase();
        if title.is_none() && !(lower.starts_with("appendix") || lower.starts_with("annex")) {
            report.skip(
                Some(*row),
                None,
                &line,
                "above the table: read as the plan's title",
            );
            title = Some(line);
        } else {
            report.skip(Some(*row), None, &line, "above the table: left out");
        }
    }
    for heading in &header.ignored {
        report.skip(
            Some(*header_row),
            Some(heading),
            heading,
            "a column the import does not know: its cells are left out",
        );
    }
    let mut headings: [Option<&'static str>; 8] = [None; 8];
    for column in header.columns.iter().flatten() {
        headings[column.index()] = Some(column.title());
    }
    let mut rows = Vec::with_capacity(records.len());
    for (row, cells) in records.iter().skip(header_at + 1) {
        if repeats_header(cells) {
            report.skip(
                Some(*row),
                None,
                &cells.join(" | "),
                "the header repeated: left out",
            );
            continue;
        }
        let mut source = SourceRow {
            row: *row,
            ..Default::default()
        };
        for (i, cell) in cells.iter().enumerate() {
            match header.columns.get(i).copied().flatten() {
                Some(column) => source.cells[column.index()] = cell.trim().to_owned(),
                None if i >= header.width() && !cell.trim().is_empty() => {
                    source.rejected = Some((
                        None,
                        cell.clone(),
                        format!(
                            "a value in column {} beyond the header's {} columns: the columns cannot be told apart",
                            i + 1,
                            header.width()
                        ),
                    ));
                }
                None => {}
            }
        }
        rows.push(source);
    }
    let opts = Options {
        parts: PartStyle::Lines,
        part_column: header.has(Column::Part),
        notes_column: header.has(Column::Notes),
        headings,
    };
    let value = build(rows, title, opts, &mut report);
    Ok(Parsed { value, report })
}

/// The separator of a CSV file: the one of ',', ';' and tab that its first non-blank line uses
/// most (outside quotes).
fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in line.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == c {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map_or(b',', |(d, _)| *d)
}

/// Reads an action plan from a CSV file.
pub fn parse_action_plan_csv(bytes: &[u8]) -> Result<Parsed<ActionPlanImport>, ImportError> {
    let (records, report) = read_csv(bytes)?;
    parse_records(records, report)
}

/// The records of a CSV file (blank ones included), and a report saying how it was decoded.
pub(crate) fn read_csv(bytes: &[u8]) -> Result<(Records, Report), ImportError> {
    let (text, encoding) = decode(bytes)?;
    let mut report = Report::new();
    if encoding == TextEncoding::Windows1252 {
        report.guess(
            None,
            None,
            "",
            "the file is not UTF-8: read as Windows-1252 (save as \"CSV UTF-8\" to be sure of accents and dashes)",
        );
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line()) as u32;
                let cells = record
                    .iter()
                    .map(|cell| crate::export::csv_unsafe_marker_removed(cell).to_owned())
                    .collect();
                records.push((line, cells));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(ImportError::Unreadable(format!(
                    "the CSV file cannot be read at line {line}: {e}"
                )));
            }
        }
    }
    Ok((records, report))
}
