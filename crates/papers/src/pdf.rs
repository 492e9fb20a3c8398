//! PDF: a small layout engine over `printpdf`. Text is measured with the embedded font's own
//! metrics and wrapped word by word; tables draw their header rows again at the top of every page
//! they run onto and split a row that does not fit between pages line by line; the running
//! header and "Page n of m" go on every page. The font is embedded (subset to the glyphs used),
//! with a ToUnicode map, so text can be searched and extracted.
use crate::doc::{Align, Block, Cell, Doc, Inline, Marker, Orientation, Para, Style, Table};
use crate::fonts::{metrics, FontStyle};
use crate::PaperError;
use printpdf::path::PaintMode;
use printpdf::{
    Color, CustomPdfConformance, Greyscale, IndirectFontRef, Line as PdfLine, Mm, PdfConformance,
    PdfDocument, Point, Rect,
};
use std::io::Cursor;

const PT_MM: f32 = 25.4 / 72.0;
const A4_SHORT: f32 = 595.28;
const A4_LONG: f32 = 841.89;
/// 15 mm.
const MARGIN: f32 = 42.52;
const HEADER_PT: f32 = 10.0;
const HEADER_LINE: f32 = 12.5;
const FOOTER_PT: f32 = 8.0;
const LINE: f32 = 1.2;
const STEP: f32 = 16.0;
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;
const TABLE_GAP: f32 = 8.0;
const SHADE: f32 = 0.9;

/// Where things are on a page, in points from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub page_width: f32,
    pub page_height: f32,
    /// The text area's left and right edges.
    pub left: f32,
    pub right: f32,
    /// Where the body starts (below the running header) and ends (above the footer).
    pub body_top: f32,
    pub body_bottom: f32,
}

impl Geometry {
    pub(crate) fn of(doc: &Doc) -> Self {
        let (w, h) = match doc.orientation {
            Orientation::Portrait => (A4_SHORT, A4_LONG),
            Orientation::Landscape => (A4_LONG, A4_SHORT),
        };
        let header = if doc.running_header.is_empty() {
            0.0
        } else {
            doc.running_header.len() as f32 * HEADER_LINE + 8.0
        };
        Geometry {
            page_width: w,
            page_height: h,
            left: MARGIN,
            right: w - MARGIN,
            body_top: MARGIN + header,
            body_bottom: h - MARGIN,
        }
    }

    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }

    /// The left and right edges of each column of a table with these widths.
    pub fn columns(&self, widths: &[f32]) -> Vec<(f32, f32)> {
        let mut x = self.left;
        widths
            .iter()
            .map(|w| {
                let start = x;
                x += w * self.text_width();
                (start, x)
            })
            .collect()
    }
}

// ---- drawing operations ------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Op {
    /// `y` is the baseline, from the top of the page.
    Text {
        x: f32,
        y: f32,
        size: f32,
        style: FontStyle,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

#[derive(Debug, Clone)]
struct Frag {
    x: f32,
    text: String,
    style: FontStyle,
}

/// One laid-out line: fragments positioned from the left of its box.
#[derive(Debug, Clone)]
struct TextLine {
    frags: Vec<Frag>,
    size: f32,
    /// Space above the line (paragraph spacing), then its own height.
    gap: f32,
    height: f32,
}

impl TextLine {
    fn total(&self) -> f32 {
        self.gap + self.height
    }
}

fn size_of(style: Style, body: f32) -> f32 {
    match style {
        Style::Body => body,
        Style::Title => 14.0,
        Style::Heading => 11.0,
    }
}

/// Replaces characters the face cannot draw.
fn drawable(text: &str, style: FontStyle) -> String {
    let m = metrics(style);
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if m.has(c) => c,
            c if c.is_whitespace() => ' ',
            _ => '?',
        })
        .collect()
}

/// Wraps a paragraph into lines of at most `width` points.
fn layout_para(p: &Para, width: f32, body: f32) -> Vec<TextLine> {
    let size = size_of(p.style, body);
    let height = size * LINE;
    let level = f32::from(p.level);
    let (marker, text_x) = match &p.marker {
        None => (None, level * STEP),
        Some(Marker::Bullet) => {
            let x = (level - 1.0).max(0.0) * STEP + 4.0;
            (Some(("•".to_owned(), x)), level.max(1.0) * STEP)
        }
        Some(Marker::Label(l)) => {
            let x = (level - 1.0).max(0.0) * STEP;
            let w = metrics(FontStyle::Regular).width(l, size);
            let text_x = (level.max(1.0) * STEP).max(x + w + 3.0);
            ((!l.is_empty()).then(|| (l.clone(), x)), text_x)
        }
    };
    let avail = (width - text_x).max(size * 2.0);
    let mut lines: Vec<TextLine> = Vec::new();
    let mut frags: Vec<Frag> = Vec::new();
    let mut x = 0.0f32;
    let finish = |frags: &mut Vec<Frag>, lines: &mut Vec<TextLine>| {
        lines.push(TextLine {
            frags: std::mem::take(frags),
            size,
            gap: 0.0,
            height,
        });
    };
    let push = |frags: &mut Vec<Frag>, x: f32, piece: &str, style: FontStyle| match frags.last_mut()
    {
        Some(last) if last.style == style => last.text.push_str(piece),
        _ => frags.push(Frag {
            x,
            text: piece.to_owned(),
            style,
        }),
    };
    for inline in &p.runs {
        let run = match inline {
            Inline::Break => {
                finish(&mut frags, &mut lines);
                x = 0.0;
                continue;
            }
            Inline::Text(run) => run,
        };
        let bold = run.bold || p.style != Style::Body;
        let style = FontStyle::of(bold, run.italic);
        let m = metrics(style);
        let text = drawable(&run.text, style);
        for piece in text.split_inclusive(' ') {
            let word = piece.trim_end_matches(' ');
            let word_w = m.width(word, size);
            let piece_w = m.width(piece, size);
            if x > 0.0 && x + word_w > avail {
                // Trailing spaces at the end of a line are dropped.
                if let Some(last) = frags.last_mut() {
                    let trimmed = last.text.trim_end_matches(' ').len();
                    last.text.truncate(trimmed);
                }
                finish(&mut frags, &mut lines);
                x = 0.0;
            }
            if word_w > avail {
                // A word longer than the line: break it between characters.
                let mut chunk = String::new();
                let mut chunk_w = 0.0;
                for c in piece.chars() {
                    let cw = m.width(c.encode_utf8(&mut [0; 4]), size);
                    if x + chunk_w + cw > avail && !chunk.is_empty() {
                        push(&mut frags, x, &chunk, style);
                        finish(&mut frags, &mut lines);
                        x = 0.0;
                        chunk.clear();
                        chunk_w = 0.0;
                    }
                    chunk.push(c);
                    chunk_w += cw;
                }
                push(&mut frags, x, &chunk, style);
                x += chunk_w;
                continue;
            }
            if x == 0.0 && piece.trim().is_empty() {
                continue;
            }
            push(&mut frags, x, piece, style);
            x += piece_w;
        }
    }
    if !frags.is_empty() || lines.is_empty() {
        finish(&mut frags, &mut lines);
    }
    // Position: indent, centring, and the marker on the first line.
    for line in &mut lines {
        let shift = if p.align == Align::Center {
            let used = line
                .frags
                .iter()
                .map(|f| f.x + metrics(f.style).width(&f.text, size))
                .fold(0.0, f32::max);
            text_x + (avail - used).max(0.0) / 2.0
        } else {
            text_x
        };
        for f in &mut line.frags {
            f.x += shift;
        }
    }
    if let (Some((text, mx)), Some(first)) = (marker, lines.first_mut()) {
        first.frags.insert(
            0,
            Frag {
                x: mx,
                text,
                style: FontStyle::Regular,
            },
        );
    }
    lines
}

fn space_after(p: &Para, body: f32) -> f32 {
    match p.style {
        Style::Body => body * 0.4,
        Style::Title => 6.0,
        Style::Heading => 4.0,
    }
}

fn space_before(p: &Para) -> f32 {
    match p.style {
        Style::Heading => 8.0,
        _ => 0.0,
    }
}

/// The lines of a cell's paragraphs, with the spacing between paragraphs as gaps.
fn layout_cell(cell: &Cell, width: f32, body: f32) -> Vec<TextLine> {
    let mut out: Vec<TextLine> = Vec::new();
    let mut gap = 0.0;
    for p in &cell.paras {
        let mut lines = layout_para(p, width, body);
        if let Some(first) = lines.first_mut() {
            first.gap = if out.is_empty() {
                0.0
            } else {
                gap + space_before(p)
            };
        }
        out.extend(lines);
        gap = space_after(p, body);
    }
    out
}

/// The height of a row whose cells hold these lines.
fn content_height(cells: &[&[TextLine]]) -> f32 {
    cells
        .iter()
        .map(|l| l.iter().map(TextLine::total).sum::<f32>())
        .fold(0.0, f32::max)
        + 2.0 * PAD_Y
}

// ---- pages -------------------------------------------------------------------------------------

struct Flow<'a> {
    doc: &'a Doc,
    g: Geometry,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'a> Flow<'a> {
    fn new(doc: &'a Doc) -> Self {
        let mut flow = Flow {
            doc,
            g: Geometry::of(doc),
            pages: Vec::new(),
            y: 0.0,
        };
        flow.new_page();
        flow
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page is always open")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        let mut y = MARGIN;
        let header: Vec<Op> = self
            .doc
            .running_header
            .iter()
            .map(|line| {
                y += HEADER_LINE;
                Op::Text {
                    x: self.g.left,
                    y: y - 2.5,
                    size: HEADER_PT,
                    style: FontStyle::Bold,
                    text: drawable(line, FontStyle::Bold),
                }
            })
            .collect();
        self.ops().extend(header);
        self.y = self.g.body_top;
    }

    fn at_top(&self) -> bool {
        (self.y - self.g.body_top).abs() < 0.01
    }

    fn room(&self) -> f32 {
        self.g.body_bottom - self.y
    }

    fn draw_lines(&mut self, x: f32, top: f32, lines: &[TextLine]) {
        let mut y = top;
        for line in lines {
            y += line.gap;
            let baseline = y + line.size * 0.93;
            for f in &line.frags {
                if f.text.is_empty() {
                    continue;
                }
                self.ops().push(Op::Text {
                    x: x + f.x,
                    y: baseline,
                    size: line.size,
                    style: f.style,
                    text: f.text.clone(),
                });
            }
            y += line.height;
        }
    }

    fn para(&mut self, p: &Para) {
        let body = self.doc.body_pt;
        let lines = layout_para(p, self.g.text_width(), body);
        if !self.at_top() {
            self.y += space_before(p);
        }
        if p.style != Style::Body {
            // Keep a heading with what follows it.
            let need: f32 = lines.iter().map(TextLine::total).sum::<f32>() + 3.0 * body * LINE;
            if self.room() < need && !self.at_top() {
                self.new_page();
            }
        }
        for line in &lines {
            if self.room() < line.total() && !self.at_top() {
                self.new_page();
            }
            let top = self.y;
            self.draw_lines(self.g.left, top, std::slice::from_ref(line));
            self.y += line.total();
        }
        self.y += space_after(p, body);
    }

    /// Draws one row (or the part of it given) at the current position, `height` tall.
    fn draw_row(
        &mut self,
        cols: &[(f32, f32)],
        cells: &[(&Cell, usize, usize)],
        content: &[&[TextLine]],
        height: f32,
        header: bool,
    ) {
        let top = self.y;
        for (i, (cell, first, span)) in cells.iter().enumerate() {
            let x1 = cols[*first].0;
            let x2 = cols[(first + span - 1).min(cols.len() - 1)].1;
            if cell.shaded || header {
                self.ops().push(Op::Fill {
                    x: x1,
                    y: top,
                    w: x2 - x1,
                    h: height,
                });
            }
            self.draw_lines(x1 + PAD_X, top + PAD_Y, content[i]);
            for (a, b, c, d) in [
                (x1, top, x2, top),
                (x1, top + height, x2, top + height),
                (x1, top, x1, top + height),
                (x2, top, x2, top + height),
            ] {
                self.ops().push(Op::Line {
                    x1: a,
                    y1: b,
                    x2: c,
                    y2: d,
                });
            }
        }
        self.y += height;
    }

    fn table(&mut self, t: &Table) {
        let body = self.doc.body_pt;
        let cols = self.g.columns(&t.widths);
        // Each row: its cells with their first grid column and span, and their lines.
        type Laid<'c> = (Vec<(&'c Cell, usize, usize)>, Vec<Vec<TextLine>>);
        let laid: Vec<Laid> = t
            .rows
            .iter()
            .map(|row| {
                let mut col = 0;
                let mut cells = Vec::new();
                let mut lines = Vec::new();
                for cell in &row.cells {
                    let span = cell.span.max(1).min(cols.len().saturating_sub(col).max(1));
                    let first = col.min(cols.len() - 1);
                    let x2 = cols[(first + span - 1).min(cols.len() - 1)].1;
                    let width = x2 - cols[first].0 - 2.0 * PAD_X;
                    lines.push(layout_cell(cell, width, body));
                    cells.push((cell, first, span));
                    col += span;
                }
                (cells, lines)
            })
            .collect();
        let height_of = |lines: &[Vec<TextLine>]| {
            content_height(&lines.iter().map(Vec::as_slice).collect::<Vec<_>>())
        };
        let headers = &laid[..t.header_rows.min(laid.len())];
        let header_height: f32 = headers.iter().map(|(_, l)| height_of(l)).sum();
        let draw_headers = |flow: &mut Flow| {
            for (cells, lines) in headers {
                let refs: Vec<&[TextLine]> = lines.iter().map(Vec::as_slice).collect();
                flow.draw_row(&cols, cells, &refs, height_of(lines), true);
            }
        };
        let min_line = body * LINE + 2.0 * PAD_Y;
        if self.room() < header_height + min_line && !self.at_top() {
            self.new_page();
        }
        draw_headers(self);
        let full = self.g.body_bottom - self.g.body_top - header_height;
        for (cells, lines) in &laid[headers.len()..] {
            let height = height_of(lines);
            if height <= self.room() {
                let refs: Vec<&[TextLine]> = lines.iter().map(Vec::as_slice).collect();
                self.draw_row(&cols, cells, &refs, height, false);
                continue;
            }
            if height <= full && self.room() < full / 2.0 {
                self.new_page();
                draw_headers(self);
                let refs: Vec<&[TextLine]> = lines.iter().map(Vec::as_slice).collect();
                self.draw_row(&cols, cells, &refs, height, false);
                continue;
            }
            // Split the row line by line across pages.
            let mut rest: Vec<&[TextLine]> = lines.iter().map(Vec::as_slice).collect();
            loop {
                let remaining = content_height(&rest);
                if remaining <= self.room() {
                    self.draw_row(&cols, cells, &rest, remaining, false);
                    break;
                }
                let avail = self.room() - 2.0 * PAD_Y;
                let mut now: Vec<&[TextLine]> = Vec::with_capacity(rest.len());
                let mut later: Vec<&[TextLine]> = Vec::with_capacity(rest.len());
                for cell_lines in &rest {
                    let mut used = 0.0;
                    let mut n = 0;
                    for line in cell_lines.iter() {
                        if used + line.total() > avail {
                            break;
                        }
                        used += line.total();
                        n += 1;
                    }
                    now.push(&cell_lines[..n]);
                    later.push(&cell_lines[n..]);
                }
                if now.iter().all(|l| l.is_empty()) {
                    if self.at_top_of_table(header_height) {
                        // Not even one line fits on a fresh page: draw what is left regardless.
                        self.draw_row(&cols, cells, &rest, remaining, false);
                        break;
                    }
                    self.new_page();
                    draw_headers(self);
                    continue;
                }
                let room = self.room();
                self.draw_row(&cols, cells, &now, room, false);
                // The continuation starts with its first line, not the gap before it.
                rest = later;
                self.new_page();
                draw_headers(self);
            }
        }
        self.y += TABLE_GAP;
    }

    fn at_top_of_table(&self, header_height: f32) -> bool {
        (self.y - self.g.body_top - header_height).abs() < 0.01
    }
}

/// Lays the document out into pages of drawing operations.
fn layout(doc: &Doc) -> (Geometry, Vec<Vec<Op>>) {
    let mut flow = Flow::new(doc);
    for block in &doc.blocks {
        match block {
            Block::Para(p) => flow.para(p),
            Block::Table(t) => flow.table(t),
        }
    }
    let g = flow.g;
    let total = flow.pages.len();
    for (i, page) in flow.pages.iter_mut().enumerate() {
        let text = format!("Page {} of {total}", i + 1);
        let w = metrics(FontStyle::Regular).width(&text, FOOTER_PT);
        page.push(Op::Text {
            x: (g.page_width - w) / 2.0,
            y: g.page_height - MARGIN / 2.0,
            size: FOOTER_PT,
            style: FontStyle::Regular,
            text,
        });
    }
    (g, flow.pages)
}

/// The height of the header rows of the document's first table (0 without one).
pub(crate) fn first_table_header_height(doc: &Doc) -> f32 {
    let g = Geometry::of(doc);
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Para(_) => None,
        })
        .map(|t| {
            let cols = g.columns(&t.widths);
            t.rows
                .iter()
                .take(t.header_rows)
                .map(|row| {
                    let mut col = 0;
                    let lines: Vec<Vec<TextLine>> = row
                        .cells
                        .iter()
                        .map(|cell| {
                            let span = cell.span.max(1);
                            let x2 = cols[(col + span - 1).min(cols.len() - 1)].1;
                            let width = x2 - cols[col.min(cols.len() - 1)].0 - 2.0 * PAD_X;
                            col += span;
                            layout_cell(cell, width, doc.body_pt)
                        })
                        .collect();
                    content_height(&lines.iter().map(Vec::as_slice).collect::<Vec<_>>())
                })
                .sum()
        })
        .unwrap_or(0.0)
}

/// The number of pages the document takes.
#[cfg(test)]
pub(crate) fn page_count(doc: &Doc) -> usize {
    layout(doc).1.len()
}

pub(crate) fn render(doc: &Doc) -> Result<Vec<u8>, PaperError> {
    let (g, pages) = layout(doc);
    let mm = |pt: f32| Mm(pt * PT_MM);
    let (pdf, first_page, first_layer) =
        PdfDocument::new(&doc.title, mm(g.page_width), mm(g.page_height), "Paper");
    let pdf = pdf.with_conformance(PdfConformance::Custom(CustomPdfConformance {
        requires_icc_profile: false,
        requires_xmp_metadata: false,
        allows_pdf_layers: false,
        ..Default::default()
    }));
    let mut fonts: [Option<IndirectFontRef>; 4] = [None, None, None, None];
    for op in pages.iter().flatten() {
        if let Op::Text { style, .. } = op {
            let slot = &mut fonts[*style as usize];
            if slot.is_none() {
                *slot = Some(
                    pdf.add_external_font_with_subsetting(Cursor::new(style.bytes()), true)
                        .map_err(|e| PaperError::Pdf(e.to_string()))?,
                );
            }
        }
    }
    let black = || Color::Greyscale(Greyscale::new(0.0, None));
    for (i, ops) in pages.iter().enumerate() {
        let (page, layer) = if i == 0 {
            (first_page, first_layer)
        } else {
            pdf.add_page(mm(g.page_width), mm(g.page_height), "Paper")
        };
        let layer = pdf.get_page(page).get_layer(layer);
        layer.set_outline_color(black());
        layer.set_outline_thickness(0.5);
        layer.set_fill_color(black());
        let y = |top: f32| mm(g.page_height - top);
        // Fills first, so that lines and text stay on top.
        for op in ops {
            if let Op::Fill { x, y: top, w, h } = op {
                layer.set_fill_color(Color::Greyscale(Greyscale::new(SHADE, None)));
                layer.add_rect(
                    Rect::new(mm(*x), y(top + h), mm(x + w), y(*top)).with_mode(PaintMode::Fill),
                );
            }
        }
        layer.set_fill_color(black());
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y: baseline,
                    size,
                    style,
                    text,
                } => {
                    if let Some(font) = &fonts[*style as usize] {
                        // Glyph ids straight from the face: `write_text` would copy the whole
                        // font for every call.
                        let m = metrics(*style);
                        layer.begin_text_section();
                        layer.set_font(font, *size);
                        layer.set_text_cursor(mm(*x), y(*baseline));
                        layer.write_codepoints(text.chars().filter_map(|c| m.glyph(c)));
                        layer.end_text_section();
                    }
                }
                Op::Line { x1, y1, x2, y2 } => layer.add_line(PdfLine {
                    points: vec![
                        (Point::new(mm(*x1), y(*y1)), false),
                        (Point::new(mm(*x2), y(*y2)), false),
                    ],
                    is_closed: false,
                }),
                Op::Fill { .. } => {}
            }
        }
    }
    pdf.save_to_bytes()
        .map_err(|e| PaperError::Pdf(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Row, Run};

    fn texts(lines: &[TextLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.frags.iter().map(|f| f.text.as_str()).collect::<String>())
            .collect()
    }

    #[test]
    fn paragraphs_wrap_at_the_width() {
        let p = Para::text("one two three four five six seven eight nine ten");
        let width = metrics(FontStyle::Regular).width("one two three four", 10.0) + 1.0;
        let lines = layout_para(&p, width, 10.0);
        assert_eq!(texts(&lines)[0], "one two three four");
        assert!(lines.len() == 3, "{:?}", texts(&lines));
        for line in texts(&lines) {
            assert!(metrics(FontStyle::Regular).width(&line, 10.0) <= width);
        }
        assert_eq!(
            texts(&lines).join(" "),
            "one two three four five six seven eight nine ten"
        );
        // A word longer than the line is broken.
        let long = Para::text(&"x".repeat(200));
        let lines = layout_para(&long, 100.0, 10.0);
        assert!(lines.len() > 3);
        assert_eq!(texts(&lines).concat(), "x".repeat(200));
        // Breaks are kept; styles split fragments.
        let mut p = Para::text("a");
        p.runs.push(Inline::Break);
        p.runs.push(Inline::Text(Run {
            text: "b ".into(),
            bold: true,
            italic: false,
        }));
        p.runs.push(Inline::Text(Run {
            text: "c".into(),
            bold: false,
            italic: false,
        }));
        let lines = layout_para(&p, 500.0, 10.0);
        assert_eq!(texts(&lines), ["a", "b c"]);
        assert_eq!(lines[1].frags.len(), 2);
        assert_eq!(lines[1].frags[0].style, FontStyle::Bold);
    }

    #[test]
    fn markers_hang_and_missing_glyphs_are_replaced() {
        let p = Para::text("text").marked(Marker::Label("a)".into()), 1);
        let lines = layout_para(&p, 500.0, 10.0);
        assert_eq!(lines[0].frags[0].text, "a)");
        assert_eq!(lines[0].frags[0].x, 0.0);
        assert!(lines[0].frags[1].x >= STEP);
        assert_eq!(drawable("x\u{E000}y\tz", FontStyle::Regular), "x?y z");
    }

    #[test]
    fn long_tables_repeat_their_header_on_every_page() {
        let rows: Vec<Row> = std::iter::once(Row {
            cells: vec![Cell::label("No."), Cell::label("Recommendation")],
        })
        .chain((1..=60).map(|n| Row {
            cells: vec![
                Cell::text(&n.to_string()),
                Cell::text(&"A long recommendation text. ".repeat(6)),
            ],
        }))
        .collect();
        let doc = Doc {
            title: "t".into(),
            orientation: Orientation::Landscape,
            running_header: vec!["APPENDIX 1".into(), "ACTION PLAN".into()],
            blocks: vec![Block::Table(Table {
                widths: vec![0.1, 0.9],
                header_rows: 1,
                rows,
            })],
            body_pt: 9.0,
        };
        let (_, pages) = layout(&doc);
        assert!(pages.len() > 2, "{}", pages.len());
        for page in &pages {
            let texts: Vec<&str> = page
                .iter()
                .filter_map(|op| match op {
                    Op::Text { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            assert_eq!(&texts[..3], ["APPENDIX 1", "ACTION PLAN", "No."]);
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_split() {
        let text = (1..=200)
            .map(|n| format!("Line {n}."))
            .collect::<Vec<_>>()
            .join("\n");
        let doc = Doc {
            title: "t".into(),
            orientation: Orientation::Portrait,
            running_header: vec![],
            blocks: vec![Block::Table(Table {
                widths: vec![0.3, 0.7],
                header_rows: 1,
                rows: vec![
                    Row {
                        cells: vec![Cell::label("Label"), Cell::label("Value")],
                    },
                    Row {
                        cells: vec![Cell::label("Evidence"), Cell::text(&text)],
                    },
                ],
            })],
            body_pt: 10.0,
        };
        let (_, pages) = layout(&doc);
        assert!(pages.len() >= 4, "{}", pages.len());
        let all: Vec<String> = pages
            .iter()
            .flatten()
            .filter_map(|op| match op {
                Op::Text { text, .. } if text.starts_with("Line ") => Some(text.clone()),
                _ => None,
            })
            .collect();
        let expected: Vec<String> = (1..=200).map(|n| format!("Line {n}.")).collect();
        assert_eq!(all, expected, "every line once, in order");
        assert_eq!(page_count(&doc), pages.len());
    }
}
