//! The action plan as CSV and XLSX, one row per action, in the columns the import reads back:
//! No., Part, Recommendation, Proposed Actions, Success Measures, Responsibility, Date, Status
//! notes. The recommendation's text (its lead-in and one part per line, "a) …") is on its first
//! row; a recommendation without actions has a row of its own. Several success measures are
//! bulleted lines; milestones are joined as "May 2022 (Development of protocol); September 2022
//! (Assessment of protocol)". Importing an export gives the same plan.
use crate::cells::{join_measures, join_milestones, join_parts};
use crate::columns::Column;
use crate::model::ActionPlanImport;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

/// The export's columns, in order.
pub const COLUMNS: [Column; 8] = Column::ALL;

/// The rows of the table (without the header), each with one cell per column of [`COLUMNS`].
pub fn plan_rows(plan: &ActionPlanImport) -> Vec<[String; 8]> {
    let mut rows = Vec::new();
    for rec in &plan.recommendations {
        let full_text = join_parts(
            &rec.text,
            rec.parts
                .iter()
                .map(|p| (p.label.as_str(), p.text.as_str())),
        );
        if rec.actions.is_empty() {
            let mut row: [String; 8] = Default::default();
            row[Column::Number.index()] = rec.number.to_string();
            row[Column::Recommendation.index()] = full_text.clone();
            rows.push(row);
            continue;
        }
        for (k, action) in rec.actions.iter().enumerate() {
            let mut row: [String; 8] = Default::default();
            row[Column::Number.index()] = rec.number.to_string();
            row[Column::Part.index()] = action
                .part
                .as_ref()
                .map(|p| p.to_string())
                .unwrap_or_default();
            if k == 0 {
                row[Column::Recommendation.index()] = full_text.clone();
            }
            row[Column::Actions.index()] = action.proposed_actions.clone();
            row[Column::Measures.index()] = join_measures(&action.success_measures);
            row[Column::Responsibility.index()] = action.responsibility.clone();
            row[Column::Date.index()] = join_milestones(&action.milestones);
            row[Column::Notes.index()] = action.status_notes.clone().unwrap_or_default();
            rows.push(row);
        }
    }
    rows
}

pub use scrutiny_domain::spreadsheet::{
    defuse as csv_safe, formula_marker_removed as csv_unsafe_marker_removed,
};

/// The plan as CSV: UTF-8 with a byte-order mark (so that Excel reads accents and dashes), the
/// title on the first line when there is one, then the header and the rows. No cell is read as a
/// formula by a spreadsheet ([`csv_safe`]).
pub fn to_csv(plan: &ActionPlanImport) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let io = "writing CSV to memory cannot fail";
        if let Some(title) = &plan.title {
            writer.write_record([csv_safe(title).as_bytes()]).expect(io);
        }
        writer
            .write_record(COLUMNS.iter().map(|c| c.title()))
            .expect(io);
        for row in plan_rows(plan) {
            writer
                .write_record(row.iter().map(|cell| csv_safe(cell).into_owned()))
                .expect(io);
        }
        writer.flush().expect(io);
    }
    out
}

/// Column widths in the workbook, in characters.
const WIDTHS: [f64; 8] = [6.0, 6.0, 60.0, 60.0, 45.0, 25.0, 30.0, 30.0];

/// The plan as an Excel workbook: one sheet, landscape, the title in the first row, the header
/// in bold and frozen, every cell text (so dates stay as written).
pub fn to_xlsx(plan: &ActionPlanImport) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Action plan")?;
    sheet.set_landscape();
    let bold = Format::new().set_bold();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut row = 0u32;
    if let Some(title) = &plan.title {
        sheet.write_string_with_format(row, 0, title, &bold)?;
        row += 1;
    }
    for (i, column) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(row, i as u16, column.title(), &header)?;
        sheet.set_column_width(i as u16, WIDTHS[i])?;
    }
    sheet.set_freeze_panes(row + 1, 0)?;
    sheet.set_repeat_rows(row, row)?;
    for cells in plan_rows(plan) {
        row += 1;
        for (i, cell) in cells.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string_with_format(row, i as u16, cell, &wrap)?;
            }
        }
    }
    workbook.save_to_buffer()
}
