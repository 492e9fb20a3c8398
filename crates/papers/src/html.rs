//! Printable HTML: one self-contained page, every text escaped, print styles for A4 (landscape
//! for the action plan) and table headers that browsers repeat on every printed page.
use crate::doc::{Align, Block, Doc, Inline, Marker, Orientation, Para, Style, Table};
use crate::fonts::FAMILY;
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn para(out: &mut String, p: &Para) {
    let class = match p.style {
        Style::Body => "body",
        Style::Title => "title",
        Style::Heading => "heading",
    };
    let align = if p.align == Align::Center {
        " center"
    } else {
        ""
    };
    let indent = if p.level > 0 {
        format!(" style=\"margin-left:{}em\"", 1.6 * f32::from(p.level))
    } else {
        String::new()
    };
    let hanging = if p.marker.is_some() { " item" } else { "" };
    let _ = write!(out, "<p class=\"{class}{align}{hanging}\"{indent}>");
    match &p.marker {
        Some(Marker::Bullet) => out.push_str("<span class=\"marker\">•</span>"),
        Some(Marker::Label(l)) => {
            let _ = write!(out, "<span class=\"marker\">{}</span>", escape(l));
        }
        None => {}
    }
    for inline in &p.runs {
        match inline {
            Inline::Break => out.push_str("<br>"),
            Inline::Text(run) => {
                let text = escape(&run.text).replace('\t', " ");
                match (run.bold, run.italic) {
                    (false, false) => out.push_str(&text),
                    (true, false) => {
                        let _ = write!(out, "<strong>{text}</strong>");
                    }
                    (false, true) => {
                        let _ = write!(out, "<em>{text}</em>");
                    }
                    (true, true) => {
                        let _ = write!(out, "<strong><em>{text}</em></strong>");
                    }
                }
            }
        }
    }
    out.push_str("</p>\n");
}

fn table(out: &mut String, t: &Table) {
    out.push_str("<table>\n<colgroup>");
    for w in &t.widths {
        let _ = write!(out, "<col style=\"width:{:.1}%\">", w * 100.0);
    }
    out.push_str("</colgroup>\n");
    let row = |out: &mut String, r: &crate::doc::Row, header: bool| {
        out.push_str("<tr>");
        let tag = if header { "th" } else { "td" };
        for cell in &r.cells {
            let span = if cell.span > 1 {
                format!(" colspan=\"{}\"", cell.span)
            } else {
                String::new()
            };
            let shade = if cell.shaded && !header {
                " class=\"shaded\""
            } else {
                ""
            };
            let scope = if header { " scope=\"col\"" } else { "" };
            let _ = write!(out, "<{tag}{span}{shade}{scope}>");
            for p in &cell.paras {
                para(out, p);
            }
            let _ = write!(out, "</{tag}>");
        }
        out.push_str("</tr>\n");
    };
    if t.header_rows > 0 {
        out.push_str("<thead>\n");
        for r in &t.rows[..t.header_rows.min(t.rows.len())] {
            row(out, r, true);
        }
        out.push_str("</thead>\n");
    }
    out.push_str("<tbody>\n");
    for r in t.rows.iter().skip(t.header_rows) {
        row(out, r, false);
    }
    out.push_str("</tbody>\n</table>\n");
}

pub(crate) fn render(doc: &Doc) -> String {
    let size = match doc.orientation {
        Orientation::Portrait => "A4 portrait",
        Orientation::Landscape => "A4 landscape",
    };
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n\
@page {{ size: {size}; margin: 15mm; }}\n\
body {{ font-family: \"{FAMILY}\", Arial, Helvetica, sans-serif; font-size: {pt}pt; color: #000; margin: 1em; }}\n\
p {{ margin: 0 0 0.35em 0; }}\n\
p.title {{ font-size: 14pt; font-weight: bold; }}\n\
p.heading {{ font-size: 11pt; font-weight: bold; margin-top: 0.8em; }}\n\
p.center {{ text-align: center; }}\n\
p.item {{ padding-left: 1.6em; text-indent: -1.6em; }}\n\
p.item .marker {{ display: inline-block; width: 1.6em; text-indent: 0; }}\n\
header.running p {{ font-weight: bold; margin: 0; }}\n\
header.running {{ margin-bottom: 0.8em; }}\n\
table {{ border-collapse: collapse; width: 100%; margin: 0.4em 0 0.8em 0; table-layout: fixed; }}\n\
th, td {{ border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; }}\n\
th, td.shaded {{ background: #e6e6e6; }}\n\
thead {{ display: table-header-group; }}\n\
tr {{ break-inside: auto; }}\n\
@media print {{ body {{ margin: 0; }} }}\n\
</style>\n</head>\n<body>\n",
        title = escape(&doc.title),
        pt = doc.body_pt,
    );
    if !doc.running_header.is_empty() {
        out.push_str("<header class=\"running\">\n");
        for line in &doc.running_header {
            let _ = writeln!(out, "<p>{}</p>", escape(line));
        }
        out.push_str("</header>\n");
    }
    out.push_str("<main>\n");
    for block in &doc.blocks {
        match block {
            Block::Para(p) => para(&mut out, p),
            Block::Table(t) => table(&mut out, t),
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Cell, Row};

    #[test]
    fn everything_is_escaped() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        let doc = Doc {
            title: "A <b>title</b>".into(),
            orientation: Orientation::Landscape,
            running_header: vec!["APPENDIX <1>".into()],
            blocks: vec![
                Block::Para(Para::text("<img src=x onerror=alert(1)>")),
                Block::Table(Table {
                    widths: vec![0.5, 0.5],
                    header_rows: 1,
                    rows: vec![
                        Row {
                            cells: vec![Cell::label("No."), Cell::label("R&D")],
                        },
                        Row {
                            cells: vec![Cell::text("1"), Cell::text("a\nb")],
                        },
                    ],
                }),
            ],
            body_pt: 9.0,
        };
        let html = render(&doc);
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("<title>A &lt;b&gt;title&lt;/b&gt;</title>"));
        assert!(html.contains("APPENDIX &lt;1&gt;"));
        assert!(html
            .contains("<thead>\n<tr><th scope=\"col\"><p class=\"body\"><strong>No.</strong></p>"));
        assert!(html.contains("R&amp;D"));
        assert!(html.contains("size: A4 landscape"));
        assert!(html.contains("<p class=\"body\">a</p>\n<p class=\"body\">b</p>"));
    }
}
