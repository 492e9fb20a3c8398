//! What an uploaded file is, told by its bytes and checked against an allow-list: PDF, DOCX, XLSX,
//! CSV, TXT, PNG and JPEG. A file's name must agree with what its bytes are, so that a renamed
//! program or web page is refused however it is named.
use std::io::Cursor;

/// A kind of file that may be attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Docx,
    Xlsx,
    Csv,
    Text,
    Png,
    Jpeg,
}

impl FileKind {
    /// The media type the file is stored and served with.
    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Csv => "text/csv; charset=utf-8",
            FileKind::Text => "text/plain; charset=utf-8",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
        }
    }

    /// What people call it.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Pdf => "a PDF document",
            FileKind::Docx => "a Word document (DOCX)",
            FileKind::Xlsx => "an Excel workbook (XLSX)",
            FileKind::Csv => "a CSV file",
            FileKind::Text => "a plain text file",
            FileKind::Png => "a PNG image",
            FileKind::Jpeg => "a JPEG image",
        }
    }

    /// The file name endings that fit the kind.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["pdf"],
            FileKind::Docx => &["docx"],
            FileKind::Xlsx => &["xlsx"],
            FileKind::Csv => &["csv"],
            FileKind::Text => &["txt"],
            FileKind::Png => &["png"],
            FileKind::Jpeg => &["jpg", "jpeg"],
        }
    }
}

/// The file endings accepted, for messages.
pub const ACCEPTED: &str = ".pdf, .docx, .xlsx, .csv, .txt, .png, .jpg or .jpeg";

/// Why a file is refused: the message of a 422 on the `file` field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const ZIP_SIGNATURE: &[u8] = b"PK\x03\x04";

/// What the bytes are, when they are of an accepted kind. Text is told apart from CSV by the
/// name, since the bytes of both are plain UTF-8 text.
fn detect(bytes: &[u8], name_is_csv: bool) -> Result<FileKind, Refused> {
    if bytes.is_empty() {
        return Err(Refused("is empty".into()));
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(FileKind::Pdf);
    }
    if bytes.starts_with(PNG_SIGNATURE) {
        return Ok(FileKind::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(FileKind::Jpeg);
    }
    if bytes.starts_with(ZIP_SIGNATURE) {
        return office_document(bytes);
    }
    if let Some(text) = plain_text(bytes) {
        if looks_like_markup(text) {
            return Err(Refused(format!(
                "holds web page or XML markup, which is not accepted; accepted files are {ACCEPTED}"
            )));
        }
        return Ok(if name_is_csv {
            FileKind::Csv
        } else {
            FileKind::Text
        });
    }
    Err(Refused(format!(
        "is not of an accepted kind by its content; accepted files are {ACCEPTED}"
    )))
}

/// A DOCX or XLSX file: a ZIP archive whose central directory lists the parts of a Word document
/// or an Excel workbook. Macro-enabled documents are refused.
fn office_document(bytes: &[u8]) -> Result<FileKind, Refused> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        Refused("looks like a ZIP archive but cannot be read as one (damaged or incomplete)".into())
    })?;
    let mut content_types = false;
    let mut word = false;
    let mut excel = false;
    for name in archive.file_names() {
        let lower = name.to_ascii_lowercase();
        if lower == "[content_types].xml" {
            content_types = true;
        }
        if lower == "word/document.xml" {
            word = true;
        }
        if lower == "xl/workbook.xml" {
            excel = true;
        }
        if lower.ends_with("vbaproject.bin") {
            return Err(Refused(
                "contains macros, which are not accepted; save it as a document without macros"
                    .into(),
            ));
        }
    }
    match (content_types, word, excel) {
        (true, true, false) => Ok(FileKind::Docx),
        (true, false, true) => Ok(FileKind::Xlsx),
        _ => Err(Refused(format!(
            "is a ZIP archive but not a Word document or Excel workbook; accepted files are {ACCEPTED}"
        ))),
    }
}

/// The bytes as text when they are valid UTF-8 (a byte-order mark allowed) without NUL bytes or
/// other control characters but tab, line and page breaks.
fn plain_text(bytes: &[u8]) -> Option<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).ok()?;
    text.chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        .then_some(text)
}

/// Text that a browser would take for a web page or an XML document (SVG among them).
fn looks_like_markup(text: &str) -> bool {
    let start: String = text
        .trim_start()
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<!doctype",
        "<html",
        "<?xml",
        "<svg",
        "<script",
        "<head",
        "<body",
        "<iframe",
    ]
    .iter()
    .any(|tag| start.starts_with(tag))
}

/// The ending of a file name, lower case, without the dot.
fn extension(name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// Checks a file against the allow-list and its name: returns its kind, or why it is refused.
pub fn check(name: &str, bytes: &[u8]) -> Result<FileKind, Refused> {
    let ext = extension(name);
    let kind = detect(bytes, ext.as_deref() == Some("csv"))?;
    match ext {
        Some(ext) if kind.extensions().contains(&ext.as_str()) => Ok(kind),
        Some(ext) => Err(Refused(format!(
            "is {} by its content, but its name ends .{ext}; name it .{}",
            kind.label(),
            kind.extensions()[0]
        ))),
        None => Err(Refused(format!(
            "is {} by its content, but its name has no ending; name it .{}",
            kind.label(),
            kind.extensions()[0]
        ))),
    }
}

/// The name a file is kept under: the last part of what the client sent (browsers may send a
/// path), trimmed; `None` when nothing usable is left.
pub fn clean_file_name(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or(raw).trim();
    if last.is_empty() || last == "." || last == ".." || last.chars().any(char::is_control) {
        return None;
    }
    Some(last.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(names: &[&str]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut writer = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default();
            for name in names {
                writer.start_file(*name, options).unwrap();
                writer.write_all(b"<xml/>").unwrap();
            }
            writer.finish().unwrap();
        }
        out.into_inner()
    }

    fn refused(name: &str, bytes: &[u8]) -> String {
        check(name, bytes).unwrap_err().0
    }

    #[test]
    fn accepted_kinds_are_told_by_their_bytes() {
        assert_eq!(check("a.pdf", b"%PDF-1.4\n%\xe2\xe3"), Ok(FileKind::Pdf));
        assert_eq!(
            check("A.PNG", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Ok(FileKind::Png)
        );
        assert_eq!(
            check("a.jpg", b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Ok(FileKind::Jpeg)
        );
        assert_eq!(check("a.jpeg", b"\xFF\xD8\xFF\xE1"), Ok(FileKind::Jpeg));
        let docx = zip_with(&["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
        assert_eq!(check("Appendix 2.docx", &docx), Ok(FileKind::Docx));
        let xlsx = zip_with(&[
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
        ]);
        assert_eq!(check("figures.xlsx", &xlsx), Ok(FileKind::Xlsx));
        assert_eq!(
            check("f.csv", b"label,value\nVCOP,95.2\n"),
            Ok(FileKind::Csv)
        );
        assert_eq!(
            check("notes.txt", "Café\tß\r\n".as_bytes()),
            Ok(FileKind::Text)
        );
        assert_eq!(check("bom.txt", b"\xEF\xBB\xBFhello"), Ok(FileKind::Text));
    }

    #[test]
    fn names_must_agree_with_the_bytes() {
        assert!(refused("report.docx", b"%PDF-1.7").contains("PDF document"));
        let xlsx = zip_with(&["[Content_Types].xml", "xl/workbook.xml"]);
        assert!(refused("figures.docx", &xlsx).contains("name it .xlsx"));
        assert!(refused("notes.csv.pdf", b"a,b\n").contains("name it .txt"));
        assert!(refused("noending", b"%PDF-1.7").contains("no ending"));
        assert!(refused(".pdf", b"%PDF-1.7").contains("no ending"));
    }

    #[test]
    fn programs_pages_and_other_archives_are_refused() {
        let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";
        assert!(refused("setup.pdf", exe).contains("not of an accepted kind"));
        assert!(refused("setup.txt", exe).contains("not of an accepted kind"));
        let html = b"  <!DOCTYPE html><html><script>alert(1)</script></html>";
        assert!(refused("page.txt", html).contains("markup"));
        assert!(refused("page.pdf", html).contains("markup"));
        assert!(refused("x.txt", b"<svg xmlns='http://www.w3.org/2000/svg'/>").contains("markup"));
        let plain_zip = zip_with(&["readme.txt"]);
        assert!(refused("a.docx", &plain_zip).contains("not a Word document"));
        let macros = zip_with(&[
            "[Content_Types].xml",
            "word/document.xml",
            "word/vbaProject.bin",
        ]);
        assert!(refused("a.docx", &macros).contains("macros"));
        assert!(refused("a.docx", b"PK\x03\x04garbage").contains("cannot be read"));
        assert!(refused("a.txt", b"").contains("empty"));
        assert!(refused("a.txt", b"\xff\xfeh\0i\0").contains("not of an accepted kind"));
    }

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(
            clean_file_name("C:\\fakepath\\Appendix 2.pdf").as_deref(),
            Some("Appendix 2.pdf")
        );
        assert_eq!(
            clean_file_name(" ../x/Ümfrage.csv ").as_deref(),
            Some("Ümfrage.csv")
        );
        assert_eq!(clean_file_name("dir/"), None);
        assert_eq!(clean_file_name(".."), None);
        assert_eq!(clean_file_name("a\u{0}b.pdf"), None);
    }
}
