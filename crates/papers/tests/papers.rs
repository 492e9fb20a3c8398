//! The three papers made from the seed documents' values: the DOCX's XML (unzipped here) and the
//! PDF's text (read back with poppler's `pdftotext -layout`, column by column where the paper is
//! a table) hold every value of the seed, in the seed's order; the layout is the seed's (landscape
//! action plan whose header row repeats on every page, grading key at the end of the progress
//! update); one page of each PDF is rendered to PNG (`pdftoppm`) into
//! `target/test-artifacts/papers/`.
//!
//! Needs poppler-utils (`pdftotext`, `pdftoppm`, `pdfinfo`); `scripts/test` installs it. DOCX
//! pages are rendered too when LibreOffice (`soffice`) is installed.
mod support;

use scrutiny_papers::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::seed;

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-artifacts/papers");
    std::fs::create_dir_all(&dir).expect("artifact directory");
    dir
}

fn save(name: &str, bytes: &[u8]) -> PathBuf {
    let path = artifacts().join(name);
    std::fs::write(&path, bytes).expect("write artifact");
    path
}

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?} could not run ({e}); install poppler-utils"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

/// `pdftotext -layout`, of the whole page or of a box (points, from the top-left corner), of
/// one page or all.
fn pdf_text(pdf: &Path, page: Option<u32>, area: Option<(f32, f32, f32, f32)>) -> String {
    let mut cmd = Command::new("pdftotext");
    cmd.arg("-layout").arg("-enc").arg("UTF-8");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    if let Some((x, y, w, h)) = area {
        for (flag, v) in [("-x", x), ("-y", y), ("-W", w), ("-H", h)] {
            cmd.args([flag, &(v.round() as i64).to_string()]);
        }
    }
    cmd.arg(pdf).arg("-");
    run(&mut cmd)
}

fn pdf_pages(pdf: &Path) -> u32 {
    let info = run(Command::new("pdfinfo").arg(pdf));
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

/// Page 1 as a PNG at 60 dpi, kept as a test artifact.
fn png_of_first_page(pdf: &Path, name: &str) -> PathBuf {
    let prefix = artifacts().join(name);
    run(Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&prefix));
    let png = prefix.with_extension("png");
    let bytes = std::fs::read(&png).expect("pdftoppm wrote the PNG");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    assert!(
        bytes.len() > 5_000,
        "page 1 has content: {} bytes",
        bytes.len()
    );
    png
}

/// When LibreOffice is installed, page 1 of the DOCX as a PNG too; returns the PDF LibreOffice
/// made of it.
fn png_of_docx(docx: &Path, name: &str) -> Option<PathBuf> {
    // A profile of its own, so that the tests' conversions can run side by side.
    let profile = artifacts().join(format!("lo-profile-{name}"));
    let Ok(out) = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(artifacts().join("docx-pdf"))
        .arg(docx)
        .output()
    else {
        eprintln!("LibreOffice is not installed: {name}.docx is checked through its XML only");
        return None;
    };
    assert!(
        out.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = artifacts()
        .join("docx-pdf")
        .join(docx.file_name().unwrap())
        .with_extension("pdf");
    png_of_first_page(&pdf, &format!("{name}-docx"));
    Some(pdf)
}

/// The text of a WordprocessingML part: runs' text, tabs and breaks as spaces, paragraphs as
/// lines.
fn wordml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        let tag_end = rest[lt..].find('>').expect("well-formed XML") + lt;
        let tag = &rest[lt + 1..tag_end];
        let name = tag.split([' ', '/']).next().unwrap_or("");
        match name {
            "w:t" if !tag.ends_with('/') => {
                let close = rest[tag_end..].find("</w:t>").expect("closed w:t") + tag_end;
                out.push_str(&unescape(&rest[tag_end + 1..close]));
                rest = &rest[close + "</w:t>".len()..];
                continue;
            }
            "w:tab" | "w:br" => out.push(' '),
            "" if tag == "/w:p" => out.push('\n'),
            _ => {}
        }
        if tag == "/w:p" {
            out.push('\n');
        }
        rest = &rest[tag_end + 1..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn docx_part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a DOCX is a zip");
    let mut part = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("the DOCX has {name}"))
        .read_to_string(&mut part)
        .expect("UTF-8 XML");
    part
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each value appears in `text` after the previous one (white space compared loosely).
fn assert_in_order<S: AsRef<str>>(text: &str, values: &[S], what: &str) {
    let text = normalise(text);
    let mut at = 0;
    for value in values {
        let value = normalise(value.as_ref());
        match text[at..].find(&value) {
            Some(i) => at += i + value.len(),
            None => {
                let context: String = text[at..].chars().take(400).collect();
                let anywhere = text.contains(&value);
                panic!(
                    "{what}: {value:?} is not found after position {at} (found earlier in the text: {anywhere}); the text goes on: {context:?}"
                );
            }
        }
    }
}

fn docx_checks(docx: &[u8], landscape: bool) -> (String, String) {
    let document = docx_part(docx, "word/document.xml");
    assert_eq!(
        document.contains("w:orient=\"landscape\""),
        landscape,
        "page orientation"
    );
    let fonts = docx_part(docx, "word/fontTable.xml");
    assert!(fonts.contains("w:embedRegular") && fonts.contains("w:embedBold"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let font = zip
        .by_name("word/fonts/font0.odttf")
        .expect("embedded font");
    assert!(font.size() > 100_000, "the whole face is embedded");
    drop(font);
    assert!(docx_part(docx, "word/settings.xml").contains("<w:embedTrueTypeFonts/>"));
    assert!(docx_part(docx, "[Content_Types].xml").contains("obfuscatedFont"));
    let header = if document.contains("w:headerReference") {
        wordml_text(&docx_part(docx, "word/header1.xml"))
    } else {
        String::new()
    };
    (header, wordml_text(&document))
}

#[test]
fn action_plan_holds_every_seed_value_in_order() {
    let paper = seed::action_plan();

    // DOCX: landscape; the header row repeats on every page; every value, row by row.
    let docx = render_action_plan(&paper, Format::Docx).unwrap();
    let docx_path = save("action-plan.docx", &docx);
    let (header, text) = docx_checks(&docx, true);
    assert_in_order(
        &header,
        &["APPENDIX 1", seed::ACTION_PLAN_TITLE],
        "DOCX page header",
    );
    assert_in_order(&text, &seed::action_plan_values(), "DOCX action plan");
    let document = docx_part(&docx, "word/document.xml");
    let first_row = document.split("<w:tr>").nth(1).expect("the table has rows");
    assert!(
        first_row.contains("<w:tblHeader/>"),
        "the header row repeats on every page"
    );
    assert_eq!(document.matches("<w:tblHeader/>").count(), 1);
    if let Some(rendered) = png_of_docx(&docx_path, "action-plan") {
        // As Word lays it out (LibreOffice here): the header row on every page.
        for page in 1..=pdf_pages(&rendered) {
            assert_in_order(
                &pdf_text(&rendered, Some(page), None),
                &[
                    "APPENDIX 1",
                    seed::ACTION_PLAN_TITLE,
                    "No.",
                    "Recommendation",
                    "Proposed Actions / Progress",
                    "Success Measures",
                    "Responsibility",
                    "Date",
                ],
                &format!("the DOCX's page {page}"),
            );
        }
    }

    // PDF: every column's values in order; the running header and the table header on every page.
    let pdf = render_action_plan(&paper, Format::Pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let path = save("action-plan.pdf", &pdf);
    let layout = action_plan_pdf_layout(&paper);
    let g = layout.geometry;
    assert!(g.page_width > g.page_height, "landscape");
    let pages = pdf_pages(&path);
    assert!(pages >= 2, "the seed plan runs over {pages} pages");
    let body = g.body_top + layout.table_header_height;
    for (column, (x1, x2)) in seed::action_plan_columns().iter().zip(&layout.columns) {
        let header_text = pdf_text(
            &path,
            None,
            Some((
                x1 + 1.0,
                g.body_top,
                x2 - x1 - 2.0,
                layout.table_header_height,
            )),
        );
        assert_in_order(&header_text, &column[..1], "PDF column header");
        let text = pdf_text(
            &path,
            None,
            Some((x1 + 1.0, body + 0.5, x2 - x1 - 2.0, g.body_bottom - body)),
        );
        assert_in_order(&text, &column[1..], &format!("PDF column {}", column[0]));
    }
    for page in 1..=pages {
        let top = pdf_text(
            &path,
            Some(page),
            Some((
                0.0,
                0.0,
                g.page_width,
                g.body_top + layout.table_header_height,
            )),
        );
        assert_in_order(
            &top,
            &[
                "APPENDIX 1",
                seed::ACTION_PLAN_TITLE,
                "No.",
                "Recommendation",
                "Proposed Actions / Progress",
                "Success Measures",
                "Responsibility",
                "Date",
            ],
            &format!("PDF page {page} header"),
        );
        let all = pdf_text(&path, Some(page), None);
        assert!(
            normalise(&all).contains(&format!("Page {page} of {pages}")),
            "page numbers"
        );
    }
    png_of_first_page(&path, "action-plan");

    // HTML: every value, escaped, with a repeating table header.
    let html = String::from_utf8(render_action_plan(&paper, Format::Html).unwrap()).unwrap();
    save("action-plan.html", html.as_bytes());
    assert!(html.contains("<thead>") && html.contains("size: A4 landscape"));
    let escaped: Vec<String> = seed::action_plan_values()
        .iter()
        .map(|v| escape_html(v))
        .collect();
    assert_in_order(&strip_tags(&html), &escaped, "HTML action plan");
}

#[test]
fn progress_update_holds_every_seed_value_in_order() {
    let paper = seed::progress_update();
    let values = seed::progress_values();
    let labels = seed::progress_labels();

    let docx = render_progress_update(&paper, Format::Docx).unwrap();
    let docx_path = save("progress-update.docx", &docx);
    let (header, text) = docx_checks(&docx, false);
    assert_in_order(
        &header,
        &["APPENDIX 1", seed::PROGRESS_TITLE],
        "DOCX page header",
    );
    assert_in_order(&text, &values, "DOCX progress update values");
    assert_in_order(&text, &labels, "DOCX progress update labels");
    assert_in_order(
        &text,
        &[
            "SCRUTINY MONITORING – PROGRESS UPDATE",
            "Review:",
            DEFAULT_PROGRESS_INTRODUCTION,
            seed::REC1,
        ],
        "DOCX header block and introduction before the recommendations",
    );
    // The summary of grades, then the grading key at the end.
    let summary_and_key = [
        "Summary of Assessments (November 2022)",
        "1 (Fully Achieved)",
        "3",
        "2 (On-Track)",
        "0",
        "3 (Slipped)",
        "1",
        "4 (Not Achieved)",
        "0",
        "Total",
        "4",
    ];
    let after_last = &text[text.find(seed::IMPACT4).expect("rec 4's impact")..];
    assert_in_order(after_last, &summary_and_key, "DOCX grade summary");
    assert_in_order(after_last, &seed::GRADING_KEY, "DOCX grading key");
    // Bullets are Word bullets, nested where the evidence nests them.
    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains("<w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/>"));
    assert!(document.contains("<w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/>"));
    png_of_docx(&docx_path, "progress-update");

    let pdf = render_progress_update(&paper, Format::Pdf).unwrap();
    let path = save("progress-update.pdf", &pdf);
    let layout = progress_update_pdf_layout(&paper);
    let g = layout.geometry;
    assert!(g.page_height > g.page_width, "portrait");
    let (label_col, value_col) = (layout.columns[0], layout.columns[1]);
    let area = |(x1, x2): (f32, f32)| {
        Some((
            x1 + 1.0,
            g.body_top + 0.5,
            x2 - x1 - 2.0,
            g.body_bottom - g.body_top,
        ))
    };
    assert_in_order(
        &pdf_text(&path, None, area(value_col)),
        &values,
        "PDF progress update values",
    );
    assert_in_order(
        &pdf_text(&path, None, area(label_col)),
        &labels,
        "PDF progress update labels",
    );
    let pages = pdf_pages(&path);
    assert!(pages >= 4, "{pages} pages");
    for page in 1..=pages {
        let top = pdf_text(
            &path,
            Some(page),
            Some((0.0, 0.0, g.page_width, g.body_top)),
        );
        assert_in_order(
            &top,
            &["APPENDIX 1", seed::PROGRESS_TITLE],
            &format!("PDF page {page} running header"),
        );
    }
    let last = pdf_text(&path, Some(pages), None);
    assert_in_order(
        &last,
        &seed::GRADING_KEY_LAYOUT,
        "PDF grading key on the last page",
    );
    let whole = pdf_text(&path, None, None);
    assert_in_order(
        &whole,
        &[
            "SCRUTINY MONITORING – PROGRESS UPDATE",
            "Review:",
            DEFAULT_PROGRESS_INTRODUCTION,
            "Recommendation 1:",
        ],
        "PDF header block and introduction",
    );
    assert_in_order(&whole, &summary_and_key, "PDF grade summary");
    // The bullets keep their glyph in front of them.
    assert!(normalise(&whole).contains(&format!("• {}", seed::PLEDGE[0])));
    png_of_first_page(&path, "progress-update");

    let html = String::from_utf8(render_progress_update(&paper, Format::Html).unwrap()).unwrap();
    save("progress-update.html", html.as_bytes());
    let escaped: Vec<String> = values.iter().map(|v| escape_html(v)).collect();
    // HTML puts labels in their own span; compare its text without tags.
    let text_only = strip_tags(&html);
    assert_in_order(&text_only, &escaped, "HTML progress update");
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn decision_record_holds_every_seed_value_in_order() {
    let paper = seed::decision_record();
    let values = seed::decision_values();

    let docx = render_decision_record(&paper, Format::Docx).unwrap();
    let docx_path = save("decision-record.docx", &docx);
    let (header, text) = docx_checks(&docx, false);
    assert!(header.is_empty(), "no running header");
    assert_in_order(&text, &values, "DOCX decision record");
    png_of_docx(&docx_path, "decision-record");

    let pdf = render_decision_record(&paper, Format::Pdf).unwrap();
    let path = save("decision-record.pdf", &pdf);
    assert_in_order(&pdf_text(&path, None, None), &values, "PDF decision record");
    png_of_first_page(&path, "decision-record");

    let html = String::from_utf8(render_decision_record(&paper, Format::Html).unwrap()).unwrap();
    save("decision-record.html", html.as_bytes());
    let escaped: Vec<String> = values.iter().map(|v| escape_html(v)).collect();
    assert_in_order(&strip_tags(&html), &escaped, "HTML decision record");
}

#[test]
fn pdf_fonts_are_embedded_subsets() {
    let pdf = render_progress_update(&seed::progress_update(), Format::Pdf).unwrap();
    let path = save("fonts-check.pdf", &pdf);
    let fonts = run(Command::new("pdffonts").arg(&path));
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 2, "regular and bold: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID ("sub" only reads the name's tag)
        let n = cols.len();
        assert_eq!(
            (cols[n - 5], cols[n - 3]),
            ("yes", "yes"),
            "embedded, with Unicode: {row}"
        );
    }
    assert!(
        pdf.len() < 400_000,
        "subset fonts keep it small: {}",
        pdf.len()
    );
}

#[test]
fn month_precision_dates_stay_month_precision() {
    let mut paper = seed::action_plan();
    paper.recommendations[0].actions[0].milestones =
        scrutiny_domain::dates::parse_milestones("By end of June 2022 14 October 2022 (final)")
            .unwrap();
    let docx = render_action_plan(&paper, Format::Docx).unwrap();
    let (_, text) = docx_checks(&docx, true);
    assert_in_order(
        &text,
        &["By end of June 2022", "14 October 2022 (final)"],
        "dates as given",
    );
    assert!(!text.contains("30 June 2022") && !text.contains("2022-06"));
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let mut paper = seed::decision_record();
    paper.item_title = "<script>alert('x')</script> & \u{1}\u{0}".into();
    let html = String::from_utf8(render_decision_record(&paper, Format::Html).unwrap()).unwrap();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;"));
    let docx = render_decision_record(&paper, Format::Docx).unwrap();
    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp;"));
    assert!(!document.contains('\u{1}') && !document.contains('\u{0}'));
    let pdf = render_decision_record(&paper, Format::Pdf).unwrap();
    let path = save("hostile.pdf", &pdf);
    assert!(normalise(&pdf_text(&path, None, None)).contains("<script>alert('x')</script> &"));
}
