//! Committee papers generated from the tracker's data, in the layouts of the council's own
//! documents: the action plan (Appendix 1, landscape, its table header on every page), the
//! progress update (header block, one block per recommendation, a summary of grades and the
//! grading key) and the decision record (the Cabinet proforma). Each comes as DOCX, PDF (font
//! embedded) or printable HTML. [`table`] writes CSV and XLSX exports.
//!
//! No web or database dependency: the API builds the plain input structs of [`model`] from its
//! records and calls [`render_action_plan`], [`render_progress_update`] or
//! [`render_decision_record`].
mod compose;
mod doc;
mod docx;
mod fonts;
mod html;
pub mod model;
mod pdf;
pub mod table;

pub use compose::{grade_counts, ACTION_PLAN_COLUMNS};
pub use html::escape as escape_html;
pub use model::*;
pub use pdf::Geometry;

use std::fmt;
use thiserror::Error;

/// The formats a paper comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Docx,
    Pdf,
    Html,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Docx, Format::Pdf, Format::Html];

    /// From a file extension ("docx", "pdf", "html"; case-insensitive).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    pub fn extension(&self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }

    pub fn content_type(&self) -> &'static str {
        match self {
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Pdf => "application/pdf",
            Format::Html => "text/html; charset=utf-8",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

#[derive(Debug, Error)]
pub enum PaperError {
    #[error("could not write the document: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not write the DOCX package: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("could not write the PDF: {0}")]
    Pdf(String),
    #[error("could not write the spreadsheet: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

fn render(doc: &doc::Doc, format: Format) -> Result<Vec<u8>, PaperError> {
    match format {
        Format::Docx => docx::render(doc),
        Format::Pdf => pdf::render(doc),
        Format::Html => Ok(html::render(doc).into_bytes()),
    }
}

/// The action plan in `format`.
pub fn render_action_plan(paper: &ActionPlanPaper, format: Format) -> Result<Vec<u8>, PaperError> {
    render(&compose::action_plan(paper), format)
}

/// The progress update in `format`.
pub fn render_progress_update(
    paper: &ProgressUpdatePaper,
    format: Format,
) -> Result<Vec<u8>, PaperError> {
    render(&compose::progress_update(paper), format)
}

/// The decision record in `format`.
pub fn render_decision_record(
    paper: &DecisionRecordPaper,
    format: Format,
) -> Result<Vec<u8>, PaperError> {
    render(&compose::decision_record(paper), format)
}

/// A statutory response in `format`.
pub fn render_statutory_response(
    paper: &StatutoryResponsePaper,
    format: Format,
) -> Result<Vec<u8>, PaperError> {
    render(&compose::statutory_response(paper), format)
}

/// Where a paper's PDF puts things (in points from a page's top-left corner), for tools that read
/// the PDF back: the page geometry, the edges of its main table's columns, and the height of the
/// table's header row that each page repeats (0 when it has none).
#[derive(Debug, Clone, PartialEq)]
pub struct PdfLayout {
    pub geometry: Geometry,
    pub columns: Vec<(f32, f32)>,
    pub table_header_height: f32,
}

/// The action plan's six columns.
pub fn action_plan_pdf_layout(paper: &ActionPlanPaper) -> PdfLayout {
    let doc = compose::action_plan(paper);
    let geometry = Geometry::of(&doc);
    PdfLayout {
        geometry,
        columns: geometry.columns(&compose::ACTION_PLAN_WIDTHS),
        table_header_height: pdf::first_table_header_height(&doc),
    }
}

/// The progress update's label and value columns.
pub fn progress_update_pdf_layout(paper: &ProgressUpdatePaper) -> PdfLayout {
    let doc = compose::progress_update(paper);
    let geometry = Geometry::of(&doc);
    PdfLayout {
        geometry,
        columns: geometry.columns(&compose::PROGRESS_WIDTHS),
        table_header_height: 0.0,
    }
}

/// A file name made of `parts` joined with " - ", safe on every common file system: no path
/// separators, reserved characters or control characters, runs of white space collapsed, no
/// leading or trailing dots, at most 150 characters before the extension.
/// `file_name(&["Progress update", "Police Communications", "November 2022"], "docx")` →
/// "Progress update - Police Communications - November 2022.docx".
pub fn file_name(parts: &[&str], extension: &str) -> String {
    let joined = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" - ");
    let cleaned: String = joined
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut stem = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if stem.chars().count() > 150 {
        stem = stem
            .chars()
            .take(150)
            .collect::<String>()
            .trim_end()
            .to_owned();
    }
    let stem = stem.trim_matches(|c: char| c == '.' || c == ' ');
    let stem = if stem.is_empty() { "paper" } else { stem };
    format!("{stem}.{extension}")
}

/// [`file_name`] in plain ASCII, for the `filename=` of a Content-Disposition header (the
/// UTF-8 name goes in `filename*=`): dashes and quotes become their ASCII forms, letters lose
/// their accents where that is simple, anything else becomes "_".
pub fn ascii_file_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            c if c.is_ascii() && !c.is_ascii_control() => c,
            '–' | '—' | '‐' | '‑' => '-',
            '‘' | '’' | '‚' => '\'',
            '“' | '”' => '\'',
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            _ => '_',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name(
                &[
                    "Progress update",
                    "Police Communications in Stockton-on-Tees",
                    "November 2022"
                ],
                "docx"
            ),
            "Progress update - Police Communications in Stockton-on-Tees - November 2022.docx"
        );
        assert_eq!(
            file_name(&["Action plan", "../../etc/passwd\r\n\"x\""], "pdf"),
            "Action plan - .. .. etc passwd x.pdf"
        );
        assert_eq!(file_name(&["..."], "pdf"), "paper.pdf");
        assert_eq!(file_name(&[], "html"), "paper.html");
        let long = "x".repeat(400);
        assert_eq!(file_name(&[&long], "pdf").len(), 154);
        assert_eq!(
            ascii_file_name("Décision – Cabinet’s “review”.pdf"),
            "Decision - Cabinet's 'review'.pdf"
        );
        assert_eq!(ascii_file_name("Ŵ😀.pdf"), "__.pdf");
    }

    #[test]
    fn formats() {
        for f in Format::ALL {
            assert_eq!(Format::from_extension(f.extension()), Some(f));
        }
        assert_eq!(Format::from_extension("DOCX"), Some(Format::Docx));
        assert_eq!(Format::from_extension("odt"), None);
        assert_eq!(Format::Pdf.content_type(), "application/pdf");
    }
}
