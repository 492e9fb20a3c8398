//! The one document model the three renderers (DOCX, PDF, HTML) share: paragraphs of styled
//! runs, with a bullet or a label ("a)") hanging in front, and tables whose first rows repeat on
//! every page. Each paper is built into a [`Doc`] once; the renderers only lay it out.
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Orientation {
    Portrait,
    Landscape,
}

#[derive(Debug, Clone)]
pub(crate) struct Doc {
    /// The document's title (metadata).
    pub title: String,
    pub orientation: Orientation,
    /// Printed at the top of every page ("APPENDIX 1", "PROGRESS UPDATE: …").
    pub running_header: Vec<String>,
    pub blocks: Vec<Block>,
    /// The size of body text, in points.
    pub body_pt: f32,
}

#[derive(Debug, Clone)]
pub(crate) enum Block {
    Para(Para),
    Table(Table),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// 10 pt body text.
    Body,
    /// 14 pt bold, for the paper's title lines.
    Title,
    /// 11 pt bold, for section headings.
    Heading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
}

/// What hangs in front of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Marker {
    Bullet,
    /// "a)", "1)", "2.".
    Label(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    Text(Run),
    /// A line break within the paragraph.
    Break,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para {
    pub style: Style,
    pub align: Align,
    pub marker: Option<Marker>,
    /// Indent level: 0 for none; a marker hangs in the level it opens.
    pub level: u8,
    pub runs: Vec<Inline>,
}

impl Para {
    pub fn new(style: Style) -> Self {
        Self {
            style,
            align: Align::Left,
            marker: None,
            level: 0,
            runs: Vec::new(),
        }
    }

    pub fn text(text: &str) -> Self {
        Self::new(Style::Body).run(text, false)
    }

    pub fn bold(text: &str) -> Self {
        Self::new(Style::Body).run(text, true)
    }

    pub fn styled(style: Style, text: &str) -> Self {
        Self::new(style).run(text, style != Style::Body)
    }

    pub fn centered(mut self) -> Self {
        self.align = Align::Center;
        self
    }

    pub fn marked(mut self, marker: Marker, level: u8) -> Self {
        self.marker = Some(marker);
        self.level = level;
        self
    }

    /// Appends a run; line breaks in `text` become [`Inline::Break`]s.
    pub fn run(mut self, text: &str, bold: bool) -> Self {
        self.push(text, bold, false);
        self
    }

    fn push(&mut self, text: &str, bold: bool, italic: bool) {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.runs.push(Inline::Break);
            }
            let line = line.strip_suffix('\r').unwrap_or(line);
            if !line.is_empty() {
                self.runs.push(Inline::Text(Run {
                    text: line.to_owned(),
                    bold,
                    italic,
                }));
            }
        }
    }

    /// The paragraph's text, runs joined, breaks as spaces (for tests and checks).
    #[cfg(test)]
    pub fn plain(&self) -> String {
        let mut out = String::new();
        if let Some(Marker::Label(l)) = &self.marker {
            out.push_str(l);
            out.push(' ');
        }
        for inline in &self.runs {
            match inline {
                Inline::Text(r) => out.push_str(&r.text),
                Inline::Break => out.push(' '),
            }
        }
        out
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// Column widths as fractions of the text width (they add up to 1).
    pub widths: Vec<f32>,
    /// The first `header_rows` rows repeat at the top of every page the table runs onto.
    pub header_rows: usize,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub paras: Vec<Para>,
    /// How many grid columns the cell spans.
    pub span: usize,
    /// Grey background (header cells and labels).
    pub shaded: bool,
}

impl Cell {
    pub fn new(paras: Vec<Para>) -> Self {
        Self {
            paras,
            span: 1,
            shaded: false,
        }
    }

    pub fn text(text: &str) -> Self {
        Self::new(plain(text))
    }

    pub fn label(text: &str) -> Self {
        Self {
            paras: vec![Para::bold(text)],
            span: 1,
            shaded: true,
        }
    }

    pub fn spanning(mut self, span: usize) -> Self {
        self.span = span;
        self
    }

    pub fn empty() -> Self {
        Self::new(Vec::new())
    }
}

// ---- text cleaning -----------------------------------------------------------------------------

/// Word's bullet glyphs from the Symbol and Wingdings fonts (private use area) and the bullets
/// people type.
fn is_bullet_char(c: char) -> bool {
    matches!(
        c,
        '•' | '*' | '-' | '·' | '▪' | '■' | '◦' | '○' | '●' | '►' | '➢' | '✓' | '–'
    ) || ('\u{F000}'..='\u{F0FF}').contains(&c)
}

/// Removes what XML cannot carry (control characters other than tab and newline) and maps
/// private-use bullet glyphs to "•", so that every renderer gets the same clean text.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' => Some(c),
            '\r' => None,
            c if c.is_control() => None,
            '\u{F0B7}' | '\u{F0A7}' | '\u{F076}' | '\u{F0D8}' | '\u{F0FC}' | '\u{F06E}' => {
                Some('•')
            }
            '\u{FFFE}' | '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

/// "a)", "(a)", "iv)", "1)", "2." at the start of a line, with the rest of the line.
fn leading_label(line: &str) -> Option<(String, &str)> {
    let (inner, rest) = if let Some(stripped) = line.strip_prefix('(') {
        let close = stripped.find(')')?;
        (&stripped[..close], &stripped[close + 1..])
    } else {
        let end = line.find([')', '.'])?;
        if line[end..].starts_with('.') && !line[..end].chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        (&line[..end], &line[end + 1..])
    };
    let letters = inner.len() <= 2 && inner.chars().all(|c| c.is_ascii_lowercase());
    let roman = inner.len() <= 4 && inner.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let digits = !inner.is_empty() && inner.len() <= 2 && inner.chars().all(|c| c.is_ascii_digit());
    if inner.is_empty() || !(letters || roman || digits) {
        return None;
    }
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let label = if line.starts_with('(') {
        format!("({inner})")
    } else {
        line[..inner.len() + 1].to_owned()
    };
    Some((label, rest.trim_start()))
}

/// Plain text as people type it into a cell: one paragraph per line; lines starting with a
/// bullet (`*`, `•`, `-`, Word's private-use glyphs) become bullets, indented ones one level
/// deeper; lines starting with "a)" or "1." hang their label. Blank lines are dropped (each line
/// is already its own paragraph).
pub(crate) fn plain(text: &str) -> Vec<Para> {
    let text = clean(text);
    let mut paras = Vec::new();
    for raw in text.lines() {
        let indent = raw.len() - raw.trim_start().len();
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let mut chars = line.chars();
        let first = chars.next().unwrap_or(' ');
        let after = chars.as_str();
        if is_bullet_char(first) && after.starts_with([' ', '\t']) && !after.trim().is_empty() {
            let level = if indent > 0 { 2 } else { 1 };
            paras.push(Para::text(after.trim()).marked(Marker::Bullet, level));
        } else if let Some((label, rest)) = leading_label(line).filter(|(_, r)| !r.is_empty()) {
            paras.push(Para::text(rest).marked(Marker::Label(label), 1));
        } else {
            paras.push(Para::text(line));
        }
    }
    paras
}

/// Markdown (CommonMark) as the evidence of progress is written: paragraphs (a single line break
/// is kept as a line break), bullet and numbered lists (nested), bold, italic, code, links (the
/// address follows the text). Raw HTML is shown as text, never interpreted. Lines that start
/// with "•" or Word's private-use bullets are bullets too.
pub(crate) fn markdown(text: &str) -> Vec<Para> {
    let text = clean(text);
    // Bullets pasted from Word: "• item" / "\u{F0B7} item" → "- item".
    let source: String = text
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let mut chars = trimmed.chars();
            match chars.next() {
                Some(c)
                    if matches!(c, '•' | '·' | '▪' | '●' | '◦' | '○')
                        && chars.as_str().starts_with([' ', '\t']) =>
                {
                    format!("{indent}- {}\n", chars.as_str().trim_start())
                }
                _ => format!("{line}\n"),
            }
        })
        .collect();

    struct List {
        next: Option<u64>,
    }
    let mut paras: Vec<Para> = Vec::new();
    let mut current: Option<Para> = None;
    let mut lists: Vec<List> = Vec::new();
    let mut pending_marker: Option<Marker> = None;
    let mut bold = 0usize;
    let mut italic = 0usize;
    let mut heading = false;
    let mut quote = 0u8;
    let mut link_dest: Vec<(String, usize)> = Vec::new();

    let flush = |current: &mut Option<Para>, paras: &mut Vec<Para>| {
        if let Some(p) = current.take() {
            if !p.runs.is_empty() || p.marker.is_some() {
                paras.push(p);
            }
        }
    };

    for event in Parser::new(&source) {
        // Text-bearing events open a paragraph when none is open (tight list items).
        let open = |current: &mut Option<Para>, pending: &mut Option<Marker>, lists: &[List]| {
            if current.is_none() {
                let mut p = Para::new(Style::Body);
                if let Some(m) = pending.take() {
                    p.marker = Some(m);
                }
                p.level = (lists.len() as u8 + quote).min(4);
                *current = Some(p);
            }
        };
        match event {
            Event::Start(Tag::Paragraph) => {
                flush(&mut current, &mut paras);
                open(&mut current, &mut pending_marker, &lists);
            }
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut paras);
                heading = true;
                open(&mut current, &mut pending_marker, &lists);
            }
            Event::End(TagEnd::Heading(_)) => {
                heading = false;
                flush(&mut current, &mut paras);
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                flush(&mut current, &mut paras);
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut current, &mut paras);
                quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut paras);
                quote = quote.saturating_sub(1);
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut current, &mut paras);
                lists.push(List { next: start });
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut paras);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut paras);
                pending_marker = Some(match lists.last_mut() {
                    Some(List { next: Some(n) }) => {
                        let label = format!("{n}.");
                        *n += 1;
                        Marker::Label(label)
                    }
                    _ => Marker::Bullet,
                });
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                open(&mut current, &mut pending_marker, &lists);
                let start = current.as_ref().map_or(0, |p| p.runs.len());
                link_dest.push((dest_url.to_string(), start));
            }
            Event::End(TagEnd::Link) => {
                if let (Some((dest, start)), Some(p)) = (link_dest.pop(), current.as_mut()) {
                    let shown: String = p.runs[start.min(p.runs.len())..]
                        .iter()
                        .filter_map(|i| match i {
                            Inline::Text(r) => Some(r.text.as_str()),
                            Inline::Break => None,
                        })
                        .collect();
                    if !dest.is_empty() && shown.trim() != dest {
                        p.push(&format!(" ({dest})"), false, false);
                    }
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut current, &mut paras);
                open(&mut current, &mut pending_marker, &lists);
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(p) = current.as_mut() {
                    while matches!(p.runs.last(), Some(Inline::Break)) {
                        p.runs.pop();
                    }
                }
                flush(&mut current, &mut paras);
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                open(&mut current, &mut pending_marker, &lists);
                if let Some(p) = current.as_mut() {
                    p.push(&t, bold > 0 || heading, italic > 0);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = current.as_mut() {
                    p.runs.push(Inline::Break);
                }
            }
            Event::Rule => flush(&mut current, &mut paras),
            _ => {}
        }
    }
    flush(&mut current, &mut paras);
    // Merge neighbouring runs of the same style (the parser splits text at every special char).
    for p in &mut paras {
        let mut merged: Vec<Inline> = Vec::with_capacity(p.runs.len());
        for inline in p.runs.drain(..) {
            match (merged.last_mut(), inline) {
                (Some(Inline::Text(prev)), Inline::Text(next))
                    if prev.bold == next.bold && prev.italic == next.italic =>
                {
                    prev.text.push_str(&next.text);
                }
                (_, other) => merged.push(other),
            }
        }
        while matches!(merged.last(), Some(Inline::Break)) {
            merged.pop();
        }
        p.runs = merged;
    }
    paras
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(paras: &[Para]) -> Vec<(Option<Marker>, u8, String)> {
        paras
            .iter()
            .map(|p| (p.marker.clone(), p.level, p.plain()))
            .collect()
    }

    fn bullet(level: u8, text: &str) -> (Option<Marker>, u8, String) {
        (Some(Marker::Bullet), level, text.to_owned())
    }

    fn para(text: &str) -> (Option<Marker>, u8, String) {
        (None, 0, text.to_owned())
    }

    #[test]
    fn plain_text_keeps_lines_bullets_and_labels() {
        let text = "This assurance will be provided through:\n* Reporting of existing measures\n\u{F0B7}\tA repeat report\n  - nested point\n\na) first part\n(b) second part\n2. numbered\nAction complete";
        let got = summary(&plain(text));
        assert_eq!(
            got,
            vec![
                para("This assurance will be provided through:"),
                bullet(1, "Reporting of existing measures"),
                bullet(1, "A repeat report"),
                bullet(2, "nested point"),
                (Some(Marker::Label("a)".into())), 1, "a) first part".into()),
                (
                    Some(Marker::Label("(b)".into())),
                    1,
                    "(b) second part".into()
                ),
                (Some(Marker::Label("2.".into())), 1, "2. numbered".into()),
                para("Action complete"),
            ]
        );
    }

    #[test]
    fn plain_text_does_not_mistake_ordinary_lines_for_labels() {
        for line in [
            "a) – f) in a way that is beneficial",
            "2022-23 budget",
            "e.g. this",
            "-5 degrees",
            "No. of calls",
        ] {
            let got = plain(line);
            assert_eq!(got.len(), 1, "{line}");
            if line.starts_with("a)") {
                // A label followed by text is a label, whatever the text.
                assert_eq!(got[0].marker, Some(Marker::Label("a)".into())));
            } else {
                assert_eq!(got[0].marker, None, "{line}");
                assert_eq!(got[0].plain(), line);
            }
        }
    }

    #[test]
    fn clean_drops_control_characters_and_maps_word_bullets() {
        assert_eq!(clean("a\u{0}b\u{7}c\r\nd\te\u{F0B7}"), "abc\nd\te•");
    }

    #[test]
    fn markdown_paragraphs_lists_and_emphasis() {
        let md = "Engagement is defined in our ward pledge:\n\n- Key message statements\n- Bespoke Ward newsletters\n  - bi-monthly\n\nIn addition **all** PCSOs have been *asked*.\nA follow-up email was sent.\n\n1. one\n2. two\n\n• pasted bullet\n\n<b>not html</b> and [the survey](https://example.org/s)";
        let got = summary(&markdown(md));
        assert_eq!(
            got,
            vec![
                para("Engagement is defined in our ward pledge:"),
                bullet(1, "Key message statements"),
                bullet(1, "Bespoke Ward newsletters"),
                bullet(2, "bi-monthly"),
                para("In addition all PCSOs have been asked. A follow-up email was sent."),
                (Some(Marker::Label("1.".into())), 1, "1. one".into()),
                (Some(Marker::Label("2.".into())), 1, "2. two".into()),
                bullet(1, "pasted bullet"),
                para("<b>not html</b> and the survey (https://example.org/s)"),
            ]
        );
        let p = &markdown("In addition **all** PCSOs have been *asked*.")[0];
        assert_eq!(
            p.runs,
            vec![
                Inline::Text(Run {
                    text: "In addition ".into(),
                    bold: false,
                    italic: false
                }),
                Inline::Text(Run {
                    text: "all".into(),
                    bold: true,
                    italic: false
                }),
                Inline::Text(Run {
                    text: " PCSOs have been ".into(),
                    bold: false,
                    italic: false
                }),
                Inline::Text(Run {
                    text: "asked".into(),
                    bold: false,
                    italic: true
                }),
                Inline::Text(Run {
                    text: ".".into(),
                    bold: false,
                    italic: false
                }),
            ]
        );
        // A single line break stays a line break.
        let p = &markdown("line one\nline two")[0];
        assert_eq!(p.runs.iter().filter(|i| **i == Inline::Break).count(), 1);
        assert!(markdown("").is_empty());
        assert!(markdown("   \n\n").is_empty());
    }
}
