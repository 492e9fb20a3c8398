//! Action plans as Excel workbooks (XLSX): the first sheet with a recognisable header.
use crate::columns::{Column, Header, HEADER_HELP};
use crate::model::ActionPlanImport;
use crate::report::{Parsed, Report};
use crate::table::{parse_records, Records};
use crate::ImportError;
use calamine::{open_workbook_from_rs, Data, DataRef, Reader, Xlsx};
use scrutiny_domain::dates::PartialDate;
use std::io::Cursor;

/// The rows to look through for a header on each sheet.
const HEADER_SEARCH_ROWS: usize = 50;

/// How a cell's Excel date is read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum DateCell<'a> {
    /// To the day, whatever the day.
    Day,
    /// To the day, except the first of a month, which is how Excel stores a month ("Apr-22"),
    /// so it is read to the month and reported (with the column named, when known, and the
    /// cell's name in the reason, when given).
    MonthOnFirst {
        column: Option<&'a str>,
        cell: Option<&'a str>,
    },
}

/// A cell as text. Numbers print as written ("1", "2.5"); an Excel date is read as `dates`
/// says.
pub(crate) fn cell_text(
    report: &mut Report,
    row: u32,
    dates: DateCell<'_>,
    cell: &Data,
) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            let (y, m, d) = (i32::from(y), u32::from(m), u32::from(d));
            if let (DateCell::MonthOnFirst { column, cell }, 1) = (dates, d) {
                let month = PartialDate::month(y, m).map_err(|e| e.to_string())?;
                let at = cell.map(|c| format!(" in cell {c}")).unwrap_or_default();
                report.guess(
                    Some(row),
                    column,
                    &month.to_string(),
                    format!("an Excel date on the first of the month{at}: read as {month} (Excel keeps a month as its first day); type \"1 {month}\" as text if the day was meant"),
                );
                month.to_string()
            } else {
                PartialDate::day(y, m, d)
                    .map_err(|e| e.to_string())?
                    .to_string()
            }
        }
        Data::Error(e) => return Err(format!("the cell holds an Excel error ({e:?})")),
    })
}

/// The most entries a workbook may hold (an ordinary one has a few dozen).
pub const MAX_ZIP_ENTRIES: usize = 1_000;
/// The most bytes a workbook may unpack to, all entries together, checked by unpacking before
/// the workbook is read (a zip bomb is refused here, whatever sizes its directory claims).
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
/// The sheets looked at for a header, in order.
pub const MAX_SHEETS: usize = 10;
/// The rows and columns a cell may sit in (an action plan is a few hundred rows of about ten
/// columns): a value beyond them refuses the file rather than building a grid to reach it.
pub const MAX_ROWS: u32 = 100_000;
pub const MAX_COLUMNS: u32 = 1_000;
/// The most cells the rows read may hold, blanks between values included.
pub const MAX_GRID_CELLS: usize = 2_000_000;

/// Checks the ZIP container before anything reads it as a workbook: the number of entries, no
/// encryption, and the bytes every entry really unpacks to (streamed, never held).
pub(crate) fn check_container(bytes: &[u8]) -> Result<(), ImportError> {
    use std::io::Read;
    let unreadable =
        |why: String| ImportError::Unreadable(format!("the Excel workbook cannot be read: {why}"));
    let too_big = || {
        ImportError::Unreadable(format!(
            "the Excel workbook unpacks to more than {} MiB: save the action plan alone in a new workbook",
            MAX_UNPACKED_BYTES / (1024 * 1024)
        ))
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(unreadable(format!(
            "it holds {} files, more than the {MAX_ZIP_ENTRIES} a workbook may",
            archive.len()
        )));
    }
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| unreadable(e.to_string()))?;
        if entry.encrypted() {
            return Err(unreadable("it is password-protected".to_owned()));
        }
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_UNPACKED_BYTES {
        return Err(too_big());
    }
    let mut left = MAX_UNPACKED_BYTES;
    let mut sink = [0u8; 16 * 1024];
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| unreadable(e.to_string()))?;
        loop {
            let n = entry
                .read(&mut sink)
                .map_err(|e| unreadable(e.to_string()))?;
            if n == 0 {
                break;
            }
            left = left.checked_sub(n as u64).ok_or_else(too_big)?;
        }
    }
    Ok(())
}

/// A sheet's cells that hold something, row by row, within the bounds above.
pub(crate) struct SparseSheet {
    pub(crate) rows: std::collections::BTreeMap<u32, Vec<(u32, Data)>>,
}

pub(crate) fn read_sheet<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Xlsx<RS>,
    name: &str,
) -> Result<SparseSheet, ImportError> {
    let unreadable = |e: calamine::XlsxError| {
        ImportError::Unreadable(format!("the Excel workbook cannot be read: {e}"))
    };
    let mut reader = workbook.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut rows: std::collections::BTreeMap<u32, Vec<(u32, Data)>> = Default::default();
    let mut widths: std::collections::BTreeMap<u32, u32> = Default::default();
    let mut grid: usize = 0;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(ImportError::Unreadable(format!(
                "sheet \"{name}\" has a value in cell {}, beyond the {MAX_ROWS} rows and {MAX_COLUMNS} columns an import reads: delete what lies outside the action plan's table",
                cell_name(row, col)
            )));
        }
        let width = widths.entry(row).or_insert(0);
        if col + 1 > *width {
            grid += (col + 1 - *width) as usize;
            *width = col + 1;
        }
        if grid > MAX_GRID_CELLS {
            return Err(ImportError::Unreadable(format!(
                "sheet \"{name}\" has more than {MAX_GRID_CELLS} cells: save the action plan alone in a new workbook"
            )));
        }
        rows.entry(row)
            .or_default()
            .push((col, Data::from(cell.get_value().clone())));
    }
    Ok(SparseSheet { rows })
}

/// An A1-style cell name (row and column from 0).
pub(crate) fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", crate::mapping::column_letter(col as usize), row + 1)
}

/// Cells laid out by column, blanks in between, as far as the row's last value.
pub(crate) fn dense(cells: &[(u32, Data)]) -> Vec<&Data> {
    let width = cells.iter().map(|(c, _)| *c + 1).max().unwrap_or(0) as usize;
    let mut out = vec![&Data::Empty; width];
    for (c, d) in cells {
        out[*c as usize] = d;
    }
    out
}

/// Reads an action plan from an XLSX workbook. The container is checked first (entries, unpacked
/// size); cells are then streamed, so a sheet that claims a vast range costs only what it holds.
pub fn parse_action_plan_xlsx(bytes: &[u8]) -> Result<Parsed<ActionPlanImport>, ImportError> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(ImportError::Unreadable(
            "the file is not an Excel workbook (XLSX)".to_owned(),
        ));
    }
    check_container(bytes)?;
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| ImportError::Unreadable(format!("the Excel workbook cannot be read: {e}")))?;
    let mut report = Report::new();
    let names = workbook.sheet_names();
    let several = names.len() > 1;
    for name in names.into_iter().take(MAX_SHEETS) {
        let sheet = read_sheet(&mut workbook, &name)?;
        let as_strings = |r: &[&Data]| -> Vec<String> {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    _ => String::new(),
                })
                .collect()
        };
        let rows: Vec<(u32, Vec<&Data>)> = sheet
            .rows
            .iter()
            .map(|(row, cells)| (*row, dense(cells)))
            .collect();
        let Some((header_at, header)) = rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .enumerate()
            .find_map(|(i, (_, r))| Header::recognise(&as_strings(r)).map(|h| (i, h)))
        else {
            continue;
        };
        let mut records: Records = Vec::with_capacity(rows.len());
        for (i, (row0, r)) in rows.iter().enumerate() {
            let row = row0 + 1;
            let mut cells = Vec::with_capacity(r.len());
            let mut bad = None;
            for (index, cell) in r.iter().enumerate() {
                let column = if i > header_at {
                    header.columns.get(index).copied().flatten()
                } else {
                    None
                };
                let dates = if column == Some(Column::Date) {
                    DateCell::MonthOnFirst {
                        column: Some(Column::Date.title()),
                        cell: None,
                    }
                } else {
                    DateCell::Day
                };
                match cell_text(&mut report, row, dates, cell) {
                    Ok(text) => cells.push(text),
                    Err(why) => {
                        bad = Some((column, why));
                        cells.push(String::new());
                    }
                }
            }
            if let Some((column, why)) = bad {
                report.guess(
                    Some(row),
                    column.map(Column::title),
                    "",
                    format!("{why}: read as blank"),
                );
            }
            records.push((row, cells));
        }
        if several {
            report.skip(
                None,
                None,
                &name,
                "the workbook has several sheets: this one, the first with a recognisable header, is read",
            );
        }
        return parse_records(records, report);
    }
    Err(ImportError::NoHeader(HEADER_HELP.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }
}
