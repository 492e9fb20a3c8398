//! WordprocessingML (DOCX) written directly: the parts a paper needs and nothing else. Tables
//! repeat their header rows on every page (`w:tblHeader`), bullets are real Word bullets, labels
//! ("a)") hang in front of their text, the running header is a page header, pages are numbered,
//! and the font is embedded (obfuscated as ECMA-376 §17.8.1 requires) so that the paper looks the
//! same wherever it is opened.
use crate::doc::{Align, Block, Doc, Inline, Marker, Orientation, Para, Style, Table};
use crate::fonts::{FontStyle, FAMILY};
use crate::PaperError;
use std::fmt::Write as _;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// A4 in twentieths of a point.
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
/// 15 mm margins.
const MARGIN: u32 = 850;
/// One indent step (7.5 mm).
const STEP: u32 = 425;

/// Escapes text for XML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// The font keys of the embedded faces (any GUID will do; fixed, so output is reproducible).
const FONT_KEYS: [&str; 4] = [
    "{3F2A6C1E-8B4D-4E7A-9C05-1D2E3F405162}",
    "{7B1C2D3E-4F50-4617-8293-A4B5C6D7E8F9}",
    "{0A1B2C3D-4E5F-4061-8273-8495A6B7C8D9}",
    "{E1D2C3B4-A596-4877-8695-A4B3C2D1E0F1}",
];

/// ECMA-376 Part 1, §17.8.1: the first 32 bytes of the font XORed with the font key's GUID bytes
/// in reverse order.
fn obfuscate(font: &[u8], key: &str) -> Vec<u8> {
    let hex: Vec<u8> = key
        .chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_digit(16).unwrap_or(0) as u8)
        .collect();
    let mut bytes: Vec<u8> = hex.chunks(2).map(|p| p[0] << 4 | p[1]).collect();
    bytes.reverse();
    let mut out = font.to_vec();
    for (i, b) in out.iter_mut().take(32).enumerate() {
        *b ^= bytes[i % 16];
    }
    out
}

fn run_xml(out: &mut String, text: &str, bold: bool, italic: bool) {
    out.push_str("<w:r>");
    if bold || italic {
        out.push_str("<w:rPr>");
        if bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        out.push_str("</w:rPr>");
    }
    for (i, piece) in text.split('\t').enumerate() {
        if i > 0 {
            out.push_str("<w:tab/>");
        }
        if !piece.is_empty() {
            let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", esc(piece));
        }
    }
    out.push_str("</w:r>");
}

fn para_xml(out: &mut String, p: &Para) {
    out.push_str("<w:p><w:pPr>");
    match p.style {
        Style::Title => out.push_str("<w:pStyle w:val=\"PaperTitle\"/>"),
        Style::Heading => out.push_str("<w:pStyle w:val=\"PaperHeading\"/>"),
        Style::Body => {}
    }
    let level = u32::from(p.level.max(1));
    match &p.marker {
        Some(Marker::Bullet) => {
            let _ = write!(
                out,
                "<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"1\"/></w:numPr>",
                level - 1
            );
        }
        Some(Marker::Label(label)) if !label.is_empty() => {
            let left = STEP * level;
            let _ = write!(
                out,
                "<w:tabs><w:tab w:val=\"left\" w:pos=\"{left}\"/></w:tabs><w:ind w:left=\"{left}\" w:hanging=\"{STEP}\"/>"
            );
        }
        Some(Marker::Label(_)) => {
            let _ = write!(out, "<w:ind w:left=\"{}\"/>", STEP * level);
        }
        None if p.level > 0 => {
            let _ = write!(out, "<w:ind w:left=\"{}\"/>", STEP * u32::from(p.level));
        }
        None => {}
    }
    if p.align == Align::Center {
        out.push_str("<w:jc w:val=\"center\"/>");
    }
    out.push_str("</w:pPr>");
    if let Some(Marker::Label(label)) = &p.marker {
        if !label.is_empty() {
            run_xml(out, label, false, false);
            out.push_str("<w:r><w:tab/></w:r>");
        }
    }
    for inline in &p.runs {
        match inline {
            Inline::Text(r) => run_xml(out, &r.text, r.bold, r.italic),
            Inline::Break => out.push_str("<w:r><w:br/></w:r>"),
        }
    }
    out.push_str("</w:p>");
}

fn table_xml(out: &mut String, t: &Table, text_width: u32) {
    let cols: Vec<u32> = t
        .widths
        .iter()
        .map(|w| (w * text_width as f32).round() as u32)
        .collect();
    out.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            out,
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        );
    }
    out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"57\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/><w:bottom w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for c in &cols {
        let _ = write!(out, "<w:gridCol w:w=\"{c}\"/>");
    }
    out.push_str("</w:tblGrid>");
    for (i, row) in t.rows.iter().enumerate() {
        out.push_str("<w:tr>");
        if i < t.header_rows {
            out.push_str("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        }
        let mut col = 0;
        for cell in &row.cells {
            let span = cell.span.max(1);
            let width: u32 = cols.iter().skip(col).take(span).sum();
            col += span;
            let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
            if span > 1 {
                let _ = write!(out, "<w:gridSpan w:val=\"{span}\"/>");
            }
            if cell.shaded || i < t.header_rows {
                out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E6E6E6\"/>");
            }
            out.push_str("</w:tcPr>");
            if cell.paras.is_empty() {
                out.push_str("<w:p/>");
            }
            for p in &cell.paras {
                para_xml(out, p);
            }
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

fn document_xml(doc: &Doc) -> String {
    let (width, height, orient) = match doc.orientation {
        Orientation::Portrait => (A4_SHORT, A4_LONG, ""),
        Orientation::Landscape => (A4_LONG, A4_SHORT, " w:orient=\"landscape\""),
    };
    let text_width = width - 2 * MARGIN;
    let mut out = String::with_capacity(256 * 1024);
    out.push_str(XML_HEAD);
    let _ = write!(
        out,
        "<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>"
    );
    for block in &doc.blocks {
        match block {
            Block::Para(p) => para_xml(&mut out, p),
            Block::Table(t) => {
                table_xml(&mut out, t, text_width);
                // Word merges tables that touch; a paragraph keeps them apart.
                out.push_str("<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:p>");
            }
        }
    }
    out.push_str("<w:sectPr>");
    if !doc.running_header.is_empty() {
        out.push_str("<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>");
    }
    out.push_str("<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>");
    let _ = write!(
        out,
        "<w:pgSz w:w=\"{width}\" w:h=\"{height}\"{orient}/><w:pgMar w:top=\"{top}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"425\" w:footer=\"425\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
        top = if doc.running_header.is_empty() { MARGIN } else { 1247 },
    );
    out
}

fn header_xml(doc: &Doc) -> String {
    let mut out = String::new();
    out.push_str(XML_HEAD);
    let _ = write!(out, "<w:hdr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\">");
    for line in &doc.running_header {
        out.push_str("<w:p><w:pPr><w:pStyle w:val=\"PaperRunningHeader\"/></w:pPr>");
        run_xml(&mut out, line, true, false);
        out.push_str("</w:p>");
    }
    out.push_str("</w:hdr>");
    out
}

fn footer_xml() -> String {
    format!(
        "{XML_HEAD}<w:ftr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space=\"preserve\"> of </w:t></w:r><w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>"
    )
}

fn styles_xml(doc: &Doc) -> String {
    let size = (doc.body_pt * 2.0).round() as u32;
    format!(
        "{XML_HEAD}<w:styles xmlns:w=\"{W_NS}\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"{FAMILY}\" w:hAnsi=\"{FAMILY}\" w:eastAsia=\"{FAMILY}\" w:cs=\"{FAMILY}\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"80\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"PaperTitle\"><w:name w:val=\"Paper Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after=\"120\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"PaperHeading\"><w:name w:val=\"Paper Heading\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"80\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"PaperRunningHeader\"><w:name w:val=\"Paper Running Header\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
</w:styles>"
    )
}

fn numbering_xml() -> String {
    let mut out = String::new();
    out.push_str(XML_HEAD);
    let _ = write!(
        out,
        "<w:numbering xmlns:w=\"{W_NS}\"><w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
    );
    for level in 0..9u32 {
        let glyph = if level % 2 == 0 { "•" } else { "◦" };
        let _ = write!(
            out,
            "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"{glyph}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{left}\" w:hanging=\"{STEP}\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"{FAMILY}\" w:hAnsi=\"{FAMILY}\"/></w:rPr></w:lvl>",
            left = STEP * (level + 1)
        );
    }
    out.push_str(
        "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
    );
    out
}

fn settings_xml() -> String {
    format!(
        "{XML_HEAD}<w:settings xmlns:w=\"{W_NS}\"><w:embedTrueTypeFonts/><w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
    )
}

/// The faces the document uses: regular and bold always (labels are bold), italic ones when
/// some run is italic.
fn used_styles(doc: &Doc) -> Vec<FontStyle> {
    let mut italic = false;
    let mut bold_italic = false;
    let mut visit = |p: &Para| {
        for inline in &p.runs {
            if let Inline::Text(r) = inline {
                if r.italic {
                    if r.bold || p.style != Style::Body {
                        bold_italic = true;
                    } else {
                        italic = true;
                    }
                }
            }
        }
    };
    for block in &doc.blocks {
        match block {
            Block::Para(p) => visit(p),
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .flat_map(|c| &c.paras)
                .for_each(&mut visit),
        }
    }
    let mut styles = vec![FontStyle::Regular, FontStyle::Bold];
    if italic {
        styles.push(FontStyle::Italic);
    }
    if bold_italic {
        styles.push(FontStyle::BoldItalic);
    }
    styles
}

fn font_table_xml(styles: &[FontStyle]) -> String {
    let mut out = String::new();
    out.push_str(XML_HEAD);
    let _ = write!(
        out,
        "<w:fonts xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:font w:name=\"{FAMILY}\"><w:altName w:val=\"Arial\"/><w:charset w:val=\"00\"/><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/>"
    );
    for style in styles {
        let element = match style {
            FontStyle::Regular => "embedRegular",
            FontStyle::Bold => "embedBold",
            FontStyle::Italic => "embedItalic",
            FontStyle::BoldItalic => "embedBoldItalic",
        };
        let _ = write!(
            out,
            "<w:{element} r:id=\"rIdFont{n}\" w:fontKey=\"{key}\"/>",
            n = *style as usize,
            key = FONT_KEYS[*style as usize]
        );
    }
    out.push_str("</w:font></w:fonts>");
    out
}

pub(crate) fn render(doc: &Doc) -> Result<Vec<u8>, PaperError> {
    let styles = used_styles(doc);
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(1 << 20)));
    let xml = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6));
    // The fonts are most of the file; the fastest level keeps generation quick.
    let fonts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    let put = |zip: &mut ZipWriter<Cursor<Vec<u8>>>,
               name: &str,
               options: SimpleFileOptions,
               bytes: &[u8]|
     -> Result<(), PaperError> {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
        Ok(())
    };
    let header = !doc.running_header.is_empty();
    let mut types = format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"odttf\" ContentType=\"application/vnd.openxmlformats-officedocument.obfuscatedFont\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    );
    if header {
        types.push_str("<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>");
    }
    types.push_str("</Types>");
    put(&mut zip, "[Content_Types].xml", xml, types.as_bytes())?;
    let rels = format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>"
    );
    put(&mut zip, "_rels/.rels", xml, rels.as_bytes())?;
    let core = format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>Scrutiny tracker</dc:creator><dc:language>en-GB</dc:language></cp:coreProperties>",
        esc(&doc.title)
    );
    put(&mut zip, "docProps/core.xml", xml, core.as_bytes())?;
    let app = format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>Scrutiny tracker</Application></Properties>"
    );
    put(&mut zip, "docProps/app.xml", xml, app.as_bytes())?;
    let mut doc_rels = format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
    );
    if header {
        doc_rels.push_str("<Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>");
    }
    doc_rels.push_str("</Relationships>");
    put(
        &mut zip,
        "word/_rels/document.xml.rels",
        xml,
        doc_rels.as_bytes(),
    )?;
    put(
        &mut zip,
        "word/document.xml",
        xml,
        document_xml(doc).as_bytes(),
    )?;
    put(&mut zip, "word/styles.xml", xml, styles_xml(doc).as_bytes())?;
    put(
        &mut zip,
        "word/numbering.xml",
        xml,
        numbering_xml().as_bytes(),
    )?;
    put(
        &mut zip,
        "word/settings.xml",
        xml,
        settings_xml().as_bytes(),
    )?;
    put(&mut zip, "word/footer1.xml", xml, footer_xml().as_bytes())?;
    if header {
        put(
            &mut zip,
            "word/header1.xml",
            xml,
            header_xml(doc).as_bytes(),
        )?;
    }
    put(
        &mut zip,
        "word/fontTable.xml",
        xml,
        font_table_xml(&styles).as_bytes(),
    )?;
    let mut font_rels = format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for style in &styles {
        let n = *style as usize;
        let _ = write!(
            font_rels,
            "<Relationship Id=\"rIdFont{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/font\" Target=\"fonts/font{n}.odttf\"/>"
        );
        put(
            &mut zip,
            &format!("word/fonts/font{n}.odttf"),
            fonts,
            &obfuscate(style.bytes(), FONT_KEYS[n]),
        )?;
    }
    font_rels.push_str("</Relationships>");
    put(
        &mut zip,
        "word/_rels/fontTable.xml.rels",
        xml,
        font_rels.as_bytes(),
    )?;
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscation_follows_the_spec_and_is_its_own_inverse() {
        // LibreOffice's worked key: "{00014A78-CABC-4EF0-12AC-5CD89AEFDE00}" → bytes of the GUID
        // read backwards: 00 DE EF 9A D8 5C AC 12 F0 4E BC CA 78 4A 01 00.
        let key = "{00014A78-CABC-4EF0-12AC-5CD89AEFDE00}";
        let zeros = vec![0u8; 40];
        let out = obfuscate(&zeros, key);
        let expected = [
            0x00, 0xDE, 0xEF, 0x9A, 0xD8, 0x5C, 0xAC, 0x12, 0xF0, 0x4E, 0xBC, 0xCA, 0x78, 0x4A,
            0x01, 0x00,
        ];
        assert_eq!(&out[..16], &expected);
        assert_eq!(&out[16..32], &expected);
        assert_eq!(&out[32..], &[0u8; 8]);
        assert_eq!(obfuscate(&out, key), zeros);
    }

    #[test]
    fn xml_escaping_drops_what_xml_cannot_hold() {
        assert_eq!(esc("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }
}
