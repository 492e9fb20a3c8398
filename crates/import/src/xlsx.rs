//! Action plans as Excel workbooks (XLSX): the first sheet with a recognisable header.
use crate::columns::{Column, Header, HEADER_HELP};
use crate::model::ActionPlanImport;
use crate::report::{Parsed, Report};
use crate::table::{parse_records, Records};
use crate::ImportError;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use scrutiny_domain::dates::PartialDate;
use std::io::Cursor;

/// The rows to look through for a header on each sheet.
const HEADER_SEARCH_ROWS: usize = 50;

/// A cell as text. Numbers print as written ("1", "2.5"); an Excel date in the Date column is
/// read to the day, except the first of a month, which is how Excel stores a month ("Apr-22"),
/// so it is read to the month and reported.
fn cell_text(
    report: &mut Report,
    row: u32,
    column: Option<Column>,
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
            if column == Some(Column::Date) && d == 1 {
                let month = PartialDate::month(y, m).map_err(|e| e.to_string())?;
                report.guess(
                    Some(row),
                    Some(Column::Date.title()),
                    &month.to_string(),
                    format!("an Excel date on the first of the month: read as {month} (Excel keeps a month as its first day); type \"1 {month}\" as text if the day was meant"),
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

/// Reads an action plan from an XLSX workbook.
pub fn parse_action_plan_xlsx(bytes: &[u8]) -> Result<Parsed<ActionPlanImport>, ImportError> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(ImportError::Unreadable(
            "the file is not an Excel workbook (XLSX)".to_owned(),
        ));
    }
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| ImportError::Unreadable(format!("the Excel workbook cannot be read: {e}")))?;
    let mut report = Report::new();
    for (name, range) in workbook.worksheets() {
        let (start_row, start_col) = range.start().unwrap_or((0, 0));
        let rows: Vec<&[Data]> = range.rows().collect();
        let as_strings = |r: &[Data]| -> Vec<String> {
            let mut cells = vec![String::new(); start_col as usize];
            cells.extend(r.iter().map(|c| match c {
                Data::String(s) => s.clone(),
                _ => String::new(),
            }));
            cells
        };
        let Some(header_at) = rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .position(|r| Header::recognise(&as_strings(r)).is_some())
        else {
            continue;
        };
        let header = Header::recognise(&as_strings(rows[header_at])).expect("recognised above");
        let mut records: Records = Vec::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            let row = start_row + i as u32 + 1;
            let mut cells = vec![String::new(); start_col as usize];
            let mut bad = None;
            for (j, cell) in r.iter().enumerate() {
                let index = start_col as usize + j;
                let column = if i > header_at {
                    header.columns.get(index).copied().flatten()
                } else {
                    None
                };
                match cell_text(&mut report, row, column, cell) {
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
        if workbook.sheet_names().len() > 1 {
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
