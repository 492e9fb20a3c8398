//! Tables for spreadsheets. CSV follows RFC 4180 (fields quoted when they hold a comma, quote or
//! line break; quotes doubled; CRLF between records), starts with a UTF-8 byte order mark so that
//! Excel reads it as UTF-8, and defuses formula injection: a cell starting with `=`, `+`, `-`,
//! `@`, a tab or a carriage return gets a leading apostrophe. XLSX is written with
//! `rust_xlsxwriter` in constant-memory mode; its cells are always text, which spreadsheets
//! never evaluate, so they are written as given.
use crate::PaperError;
use rust_xlsxwriter::{Format as CellFormat, FormatAlign, Workbook};
use std::borrow::Cow;

/// Starts every CSV file.
pub const UTF8_BOM: &str = "\u{FEFF}";

/// The longest text an Excel cell holds.
pub const XLSX_CELL_MAX: usize = 32_767;

/// A cell as it may safely go into a CSV file that someone opens in a spreadsheet.
pub use scrutiny_domain::spreadsheet::defuse;

/// Appends one CSV record (CRLF-terminated) to `out`.
pub fn csv_record<I, S>(out: &mut String, cells: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = defuse(cell.as_ref());
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

/// One worksheet of text cells, its header row bold, frozen and filterable.
pub struct Xlsx {
    workbook: Workbook,
    columns: u16,
    next_row: u32,
    wrap: CellFormat,
}

impl Xlsx {
    /// A workbook with one sheet named `sheet` (at most 31 characters are kept) whose first row
    /// is `headers`.
    pub fn new(sheet: &str, headers: &[&str]) -> Result<Self, PaperError> {
        let mut workbook = Workbook::new();
        let name: String = sheet
            .chars()
            .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
            .take(31)
            .collect();
        let bold = CellFormat::new().set_bold().set_align(FormatAlign::Top);
        let wrap = CellFormat::new().set_align(FormatAlign::Top);
        let columns = headers.len() as u16;
        {
            let ws = workbook.add_worksheet_with_constant_memory()?;
            ws.set_name(if name.trim().is_empty() {
                "Export"
            } else {
                &name
            })?;
            for (i, h) in headers.iter().enumerate() {
                let col = i as u16;
                ws.set_column_width(col, (h.chars().count() as f64 + 4.0).clamp(10.0, 60.0))?;
                ws.write_string_with_format(0, col, *h, &bold)?;
            }
            ws.set_freeze_panes(1, 0)?;
            if columns > 0 {
                ws.autofilter(0, 0, 0, columns - 1)?;
            }
        }
        Ok(Self {
            workbook,
            columns,
            next_row: 1,
            wrap,
        })
    }

    /// Appends a row; texts longer than a cell holds are cut at [`XLSX_CELL_MAX`] characters.
    pub fn push_row<I, S>(&mut self, cells: I) -> Result<(), PaperError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let row = self.next_row;
        let ws = self.workbook.worksheet_from_index(0)?;
        for (i, cell) in cells.into_iter().enumerate().take(self.columns as usize) {
            let text = cell.as_ref();
            if text.is_empty() {
                continue;
            }
            let text: Cow<str> = if text.chars().count() > XLSX_CELL_MAX {
                Cow::Owned(text.chars().take(XLSX_CELL_MAX).collect())
            } else {
                Cow::Borrowed(text)
            };
            ws.write_string_with_format(row, i as u16, text.as_ref(), &self.wrap)?;
        }
        self.next_row += 1;
        Ok(())
    }

    /// The rows written so far, not counting the header.
    pub fn rows(&self) -> u32 {
        self.next_row - 1
    }

    /// The finished file.
    pub fn finish(mut self) -> Result<Vec<u8>, PaperError> {
        Ok(self.workbook.save_to_buffer()?)
    }

    /// Writes the finished file to `out` (a temporary file, so that memory stays bounded).
    pub fn finish_to<W: std::io::Write + Send>(mut self, out: W) -> Result<(), PaperError> {
        Ok(self.workbook.save_to_writer(out)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn csv_quotes_and_defuses() {
        let mut out = String::new();
        csv_record(&mut out, ["No.", "Text"]);
        csv_record(
            &mut out,
            [
                "1",
                "a, b",
                "say \"hi\"",
                "line\nbreak",
                "=HYPERLINK(\"x\")",
                "+1",
                "-2",
                "@SUM(A1)",
                "\tx",
                "plain",
                "",
            ],
        );
        assert_eq!(
            out,
            "No.,Text\r\n1,\"a, b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tx,plain,\r\n"
        );
        assert_eq!(defuse("2022-04"), "2022-04");
        assert_eq!(UTF8_BOM.as_bytes(), [0xEF, 0xBB, 0xBF]);
    }

    #[test]
    fn xlsx_holds_the_rows_as_text() {
        let mut x = Xlsx::new("Recommendations: all", &["No.", "Text"]).unwrap();
        x.push_row(["1", "=1+1"]).unwrap();
        x.push_row(["2", "Pound £ – dash"]).unwrap();
        x.push_row(vec!["3".to_owned(), "x".repeat(40_000)])
            .unwrap();
        assert_eq!(x.rows(), 3);
        let bytes = x.finish().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut sheet = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut sheet)
            .unwrap();
        assert!(
            sheet.contains("=1+1"),
            "{}",
            &sheet[..sheet.len().min(2000)]
        );
        assert!(!sheet.contains("<f>"), "no formulas");
        assert!(sheet.contains("Pound £ – dash"));
        assert!(sheet.contains(&"x".repeat(XLSX_CELL_MAX)));
        assert!(!sheet.contains(&"x".repeat(XLSX_CELL_MAX + 1)));
        let mut book = String::new();
        zip.by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut book)
            .unwrap();
        assert!(book.contains("name=\"Recommendations all\""), "{book}");
    }
}
