//! The rows of any table, whatever its headings: CSV, XLSX (the first sheet holding a value) or
//! tab-separated text, each row with its line (CSV, text) or spreadsheet row (XLSX) number.
//! Which column is which is worked out later ([`crate::mapping`]).
use crate::report::Report;
use crate::xlsx::{cell_name, cell_text, check_container, dense, read_sheet, DateCell, MAX_SHEETS};
use crate::{decode, Format, ImportError};
use calamine::{open_workbook_from_rs, Reader, Xlsx};
use std::io::Cursor;

/// Rows as read from a file: (1-based row or line number, cells).
pub type Records = Vec<(u32, Vec<String>)>;

/// Reads the table rows of a file whatever its headings:
///
/// - CSV: decoded and its separator sniffed as for an action plan;
/// - XLSX: the first sheet (of at most [`MAX_SHEETS`]) that holds any value; an Excel date
///   becomes text, "14 October 2022", or on the first of a month the month ("May 2022", with a
///   guess issue: Excel keeps a month as its first day);
/// - Text: decoded, then each non-blank line split at tabs.
///
/// Line ends within cells become `\n`; control characters other than `\n` and `\t` are removed.
/// Fully blank rows are dropped; row numbers stay those of the file. No row at all is
/// [`ImportError::Empty`].
pub fn read_records(format: Format, bytes: &[u8]) -> Result<(Records, Report), ImportError> {
    let (records, report) = match format {
        Format::Csv => crate::table::read_csv(bytes)?,
        Format::Text => read_text(bytes)?,
        Format::Xlsx => read_xlsx(bytes)?,
    };
    let records: Records = records
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(row, cells)| (row, cells.iter().map(|c| clean(c)).collect()))
        .collect();
    if records.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok((records, report))
}

/// Line ends as `\n`, and no control characters other than `\n` and `\t`.
pub(crate) fn clean(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn read_text(bytes: &[u8]) -> Result<(Records, Report), ImportError> {
    let (text, encoding) = decode::decode(bytes)?;
    let mut report = Report::new();
    if encoding == decode::TextEncoding::Windows1252 {
        report.guess(
            None,
            None,
            "",
            "the file is not UTF-8: read as Windows-1252",
        );
    }
    let records = text
        .split('\n')
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let line = crate::cells::fix_bullet_tabs(line);
            let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
            (row, line.split('\t').map(str::to_owned).collect())
        })
        .collect();
    Ok((records, report))
}

fn read_xlsx(bytes: &[u8]) -> Result<(Records, Report), ImportError> {
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
        if sheet.rows.is_empty() {
            continue;
        }
        if several {
            report.skip(
                None,
                None,
                &name,
                "the workbook has several sheets: this one, the first holding any value, is read",
            );
        }
        let mut records: Records = Vec::with_capacity(sheet.rows.len());
        for (row0, cells) in &sheet.rows {
            let row = row0 + 1;
            let mut texts = Vec::with_capacity(cells.len());
            for (col, cell) in dense(cells).into_iter().enumerate() {
                let name = cell_name(*row0, col as u32);
                let dates = DateCell::MonthOnFirst {
                    column: None,
                    cell: Some(&name),
                };
                match cell_text(&mut report, row, dates, cell) {
                    Ok(text) => texts.push(text),
                    Err(why) => {
                        report.guess(
                            Some(row),
                            None,
                            "",
                            format!("cell {name}: {why}: read as blank"),
                        );
                        texts.push(String::new());
                    }
                }
            }
            records.push((row, texts));
        }
        return Ok((records, report));
    }
    Err(ImportError::Empty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Severity;

    #[test]
    fn csv_rows_keep_their_line_numbers() {
        let csv = "Ref,Recommendation\n\n,\n\"A1\",\"two\nlines\"\nB2,x\n";
        let (records, _) = read_records(Format::Csv, csv.as_bytes()).unwrap();
        assert_eq!(
            records,
            vec![
                (1, vec!["Ref".to_owned(), "Recommendation".to_owned()]),
                (4, vec!["A1".to_owned(), "two\nlines".to_owned()]),
                (6, vec!["B2".to_owned(), "x".to_owned()]),
            ]
        );
    }

    #[test]
    fn text_is_split_at_tabs() {
        let (records, _) = read_records(Format::Text, b"a\tb\n\n  \nc\td\te\r\n").unwrap();
        assert_eq!(
            records,
            vec![
                (1, vec!["a".to_owned(), "b".to_owned()]),
                (4, vec!["c".to_owned(), "d".to_owned(), "e".to_owned()]),
            ]
        );
        assert_eq!(
            read_records(Format::Text, b" \n\t\n"),
            Err(ImportError::Empty)
        );
        assert_eq!(
            read_records(Format::Csv, b",,\n,\n"),
            Err(ImportError::Empty)
        );
    }

    #[test]
    fn xlsx_dates_become_text() {
        use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
        let mut workbook = Workbook::new();
        workbook.add_worksheet(); // an empty first sheet is passed over
        let sheet = workbook.add_worksheet();
        let date = CellFormat::new().set_num_format("dd/mm/yyyy");
        sheet.write_string(0, 0, "Ref").unwrap();
        sheet.write_string(0, 1, "Target").unwrap();
        sheet.write_string(2, 0, "2024/25-01").unwrap();
        sheet
            .write_datetime_with_format(2, 1, ExcelDateTime::from_ymd(2022, 5, 1).unwrap(), &date)
            .unwrap();
        sheet.write_number(3, 0, 7).unwrap();
        sheet
            .write_datetime_with_format(3, 1, ExcelDateTime::from_ymd(2022, 10, 14).unwrap(), &date)
            .unwrap();
        sheet.write_string(3, 2, "line\r\none\u{7}").unwrap();
        let bytes = workbook.save_to_buffer().unwrap();
        let (records, report) = read_records(Format::Xlsx, &bytes).unwrap();
        assert_eq!(
            records,
            vec![
                (1, vec!["Ref".to_owned(), "Target".to_owned()]),
                (3, vec!["2024/25-01".to_owned(), "May 2022".to_owned()]),
                (
                    4,
                    vec![
                        "7".to_owned(),
                        "14 October 2022".to_owned(),
                        "line\none".to_owned()
                    ]
                ),
            ]
        );
        let guessed: Vec<_> = report.of(Severity::Guessed).collect();
        assert_eq!(guessed.len(), 1, "{report:?}");
        assert_eq!(guessed[0].row, Some(3));
        assert!(guessed[0].reason.contains("B3"), "{}", guessed[0].reason);
        assert!(guessed[0].reason.contains("Excel keeps a month"));
    }
}
