//! Reading single cells: bullets (including the private-use glyphs Word's Symbol and Wingdings
//! bullets become when copied as text), success measures, progress notes inside the actions
//! text, Date cells with several milestones, recommendation numbers and parts.
use crate::model::ImportedMilestone;
use scrutiny_domain::dates::{parse_milestones, PartialDate};
use scrutiny_domain::records::{split_parts, PartLabel, RecommendationNumber};

/// A private-use character: what Word's Symbol/Wingdings bullets (U+F0B7, U+F0A7, U+F076, …)
/// become in plain text.
pub fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Characters that start a bulleted line whatever follows them.
const BULLET_GLYPHS: &[char] = &[
    '•', '▪', '◦', '·', '‣', '●', '○', '■', '□', '➢', '➤', '►', '§',
];
/// Characters that start a bulleted line when white space follows.
const BULLET_MARKS: &[char] = &['*', '-', '–', '—', 'o'];

/// Replaces private-use bullet glyphs at the start of a line (or before white space) with "•".
/// Returns the text and the glyphs replaced.
pub fn normalise_bullets(text: &str) -> (String, Vec<char>) {
    let mut out = String::with_capacity(text.len());
    let mut replaced = Vec::new();
    let mut chars = text.chars().peekable();
    let mut at_line_start = true;
    while let Some(c) = chars.next() {
        if is_private_use(c) {
            let before_space = chars.peek().is_none_or(|n| n.is_whitespace());
            if at_line_start || before_space {
                out.push('•');
                if !replaced.contains(&c) {
                    replaced.push(c);
                }
                at_line_start = false;
                continue;
            }
        }
        out.push(c);
        if c == '\n' {
            at_line_start = true;
        } else if !c.is_whitespace() {
            at_line_start = false;
        }
    }
    (out, replaced)
}

/// A bullet glyph followed by a tab is one bulleted paragraph, not two cells: Word writes a
/// list paragraph as "\u{F0B7}\tText". Replaces such tabs (at the start of the line or of a
/// cell) with a space.
pub fn fix_bullet_tabs(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '\t' && i > 0 {
            let glyph = chars[i - 1];
            let is_bullet = is_private_use(glyph) || BULLET_GLYPHS.contains(&glyph);
            // What precedes the glyph: the start of the line or a cell, maybe after spaces.
            let mut j = i - 1;
            while j > 0 && chars[j - 1] == ' ' {
                j -= 1;
            }
            let cell_start = j == 0 || chars[j - 1] == '\t';
            let text_follows = chars.get(i + 1).is_some_and(|n| *n != '\t');
            if is_bullet && cell_start && text_follows {
                out.push(' ');
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The text after a leading bullet, if the line starts with one.
pub fn strip_bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let first = t.chars().next()?;
    let rest = &t[first.len_utf8()..];
    if BULLET_GLYPHS.contains(&first) || is_private_use(first) {
        return Some(rest.trim_start());
    }
    if BULLET_MARKS.contains(&first) && rest.starts_with(char::is_whitespace) {
        return Some(rest.trim_start());
    }
    None
}

/// Splits a Success Measures cell: one measure per bulleted item (lines after a bullet that
/// start without one continue it), or, without bullets, one per line. Bullets are dropped;
/// inline bullets ("• A • B") split too.
pub fn split_measures(cell: &str) -> Vec<String> {
    let lines: Vec<&str> = cell.lines().collect();
    let bulleted = lines.iter().any(|l| strip_bullet(l).is_some());
    let mut items: Vec<String> = Vec::new();
    if bulleted {
        for line in lines {
            if let Some(rest) = strip_bullet(line) {
                for piece in rest.split(" • ") {
                    items.push(piece.trim().to_owned());
                }
            } else if line.trim().is_empty() {
                continue;
            } else if let Some(last) = items.last_mut() {
                last.push('\n');
                last.push_str(line.trim());
            } else {
                items.push(line.trim().to_owned());
            }
        }
    } else {
        // One measure per line; a line that starts in lower case goes on from the one before
        // (a cell wrapped in Word: "Maps shared" / "quarterly").
        for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
            let continues = line.chars().next().is_some_and(char::is_lowercase);
            match items.last_mut() {
                Some(last) if continues => {
                    last.push('\n');
                    last.push_str(line);
                }
                _ => items.push(line.to_owned()),
            }
        }
    }
    items.retain(|m| !m.is_empty());
    items
}

/// Writes measures so that [`split_measures`] reads them back: a single one-line measure as it
/// is, otherwise each as a bulleted item on its own line.
pub fn join_measures(measures: &[String]) -> String {
    match measures {
        [one] if !one.contains('\n') && strip_bullet(one).is_none() => one.clone(),
        _ => measures
            .iter()
            .map(|m| format!("• {m}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Phrases that, ending the actions text, are a progress note rather than an action.
const ENDING_NOTES: &[&str] = &[
    "action complete",
    "action completed",
    "actions complete",
    "actions completed",
    "action now complete",
    "action closed",
    "action achieved",
    "action ongoing",
    "ongoing",
    "complete",
    "completed",
];

/// Words that start a line holding a progress note.
const NOTE_STARTS: &[&str] = &[
    "action complete",
    "actions complete",
    "action now complete",
    "action closed",
    "action ongoing",
    "action superseded",
    "update:",
    "update (",
    "update -",
    "update –",
    "progress:",
    "progress update",
    "progress (",
    "status:",
    "note:",
    "completed:",
    "complete:",
];

/// Splits progress notes off the end of an actions cell: a line that starts with "Action
/// complete", "Update:", "Progress:", "Status:" and what follows it, or a last sentence that is
/// just "Action complete" / "Ongoing". `None` when there is no note, or nothing would be left
/// of the actions.
pub fn split_notes(text: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate().skip(1) {
        let body = strip_bullet(line).unwrap_or(line.trim()).to_lowercase();
        if NOTE_STARTS.iter().any(|s| body.starts_with(s)) {
            let actions = lines[..i].join("\n").trim().to_owned();
            let notes = lines[i..].join("\n").trim().to_owned();
            if !actions.is_empty() && !notes.is_empty() {
                return Some((actions, notes));
            }
        }
    }
    let trimmed = text.trim_end();
    let core = trimmed.trim_end_matches(['.', ')', ' ']);
    let lower = core.to_lowercase();
    for phrase in ENDING_NOTES {
        if lower.ends_with(phrase) {
            let start = core.len() - phrase.len();
            let before = core[..start].trim_end();
            // The phrase must be a sentence (or bracket) of its own.
            let separated = before.ends_with(['.', '(', ';', ':', '-', '–', '\n'])
                || text[..start].ends_with('\n');
            if separated && !before.trim_end_matches(['(', '-', '–']).trim().is_empty() {
                let actions = before
                    .trim_end_matches(['(', '-', '–'])
                    .trim_end()
                    .to_owned();
                let notes = trimmed[start..].trim().trim_end_matches(')').to_owned();
                return Some((actions, notes));
            }
        }
    }
    None
}

/// Splits `text` at top-level (outside brackets) `;` and line ends.
fn top_level_pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            ';' | '\n' if depth == 0 => {
                pieces.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(&text[start..]);
    pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a Date cell: blank → none; each piece between `;` or line ends is "May 2022
/// (Development of protocol)", "September 2022", a label without a date ("Ongoing"), or free
/// text such as "May 2022 (Development of protocol) September 2022 (Assessment of protocol)"
/// read by the domain's milestone reader. A date is never given a day it did not have. Fails on
/// date-shaped text that is no date ("31 February 2022").
pub fn parse_milestone_cell(cell: &str) -> Result<Vec<ImportedMilestone>, String> {
    let mut out = Vec::new();
    for piece in top_level_pieces(cell) {
        if let Some(m) = exact_milestone(piece) {
            out.push(m);
            continue;
        }
        let parsed = parse_milestones(piece).map_err(|e| e.to_string())?;
        for m in parsed {
            out.push(ImportedMilestone {
                date: m.date,
                label: m.label.map(|l| collapse(&l)).filter(|l| !l.is_empty()),
            });
        }
    }
    Ok(out)
}

/// "May 2022 (Development of protocol)" or "May 2022", exactly.
fn exact_milestone(piece: &str) -> Option<ImportedMilestone> {
    if let Ok(date) = PartialDate::parse(piece) {
        return Some(ImportedMilestone {
            date: Some(date),
            label: None,
        });
    }
    let inner_end = piece.strip_suffix(')')?.len();
    // The '(' that matches the last ')'.
    let mut depth = 0;
    let mut open = None;
    for (i, c) in piece[..inner_end].char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                open = Some(i);
                break;
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    let open = open?;
    let date = PartialDate::parse(&piece[..open]).ok()?;
    let label = collapse(&piece[open + 1..inner_end]);
    (!label.is_empty()).then_some(ImportedMilestone {
        date: Some(date),
        label: Some(label),
    })
}

/// Writes milestones so that [`parse_milestone_cell`] reads them back:
/// "May 2022 (Development of protocol); September 2022 (Assessment of protocol)".
pub fn join_milestones(milestones: &[ImportedMilestone]) -> String {
    milestones
        .iter()
        .map(ImportedMilestone::text)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A recommendation number as documents write it: "1", "1.", "(1)", "R1", "Rec 1",
/// "Recommendation 1:".
pub fn parse_number(cell: &str) -> Result<RecommendationNumber, String> {
    let t = cell.trim();
    let lower = t.to_lowercase();
    let stripped = ["recommendation", "rec.", "rec", "no.", "no"]
        .iter()
        .find_map(|p| {
            lower
                .strip_prefix(p)
                .filter(|rest| rest.starts_with([' ', '\u{a0}']))
                .map(|_| t[p.len()..].trim())
        })
        .unwrap_or(t);
    RecommendationNumber::parse(stripped).map_err(|e| e.to_string())
}

/// Whether a cell looks like a recommendation number (and nothing else).
pub fn looks_like_number(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && t.chars().count() <= 16 && t.contains(|c: char| c.is_ascii_digit()) && {
        parse_number(t).is_ok()
    }
}

/// A part marker at the start of `text` ("a) ", "(a) ", "a. "): the label and where the text
/// after it starts.
pub fn leading_marker(text: &str) -> Option<(PartLabel, usize)> {
    let t = text.trim_start();
    let offset = text.len() - t.len();
    let (inner_start, open) = if t.starts_with('(') {
        (1, true)
    } else {
        (0, false)
    };
    let letters = t[inner_start..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .map(|p| inner_start + p)?;
    if letters == inner_start || letters - inner_start > PartLabel::MAX {
        return None;
    }
    let closer = t[letters..].chars().next()?;
    let end = match (open, closer) {
        (_, ')') => letters + 1,
        (false, '.') => letters + 1,
        _ => return None,
    };
    let after = &t[end..];
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let label = PartLabel::parse(&t[..end]).ok()?;
    Some((label, offset + end))
}

/// Splits a recommendation written with one part per line ("lead-in\na) …\nb) …"), as the
/// export writes it; a single part counts. Falls back to the domain's [`split_parts`] (running
/// text, at least two parts) when that finds more.
pub fn split_line_parts(text: &str) -> (String, Vec<(PartLabel, String)>) {
    // (line start offset, label, text start offset) of each line that starts with a marker.
    let mut candidates = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some((label, after)) = leading_marker(line) {
            candidates.push((offset, label, offset + after));
        }
        offset += line.len();
    }
    let pick = |nth: fn(u32) -> Option<PartLabel>| {
        let mut chosen = Vec::new();
        let mut n = 1;
        for c in &candidates {
            if nth(n).as_ref() == Some(&c.1) {
                chosen.push(c.clone());
                n += 1;
            }
        }
        chosen
    };
    let mut chosen = pick(PartLabel::letter);
    if chosen.is_empty() {
        chosen = pick(PartLabel::roman);
    }
    let fallback = split_parts(text);
    if chosen.is_empty() || fallback.1.len() > chosen.len() {
        return fallback;
    }
    let lead = text[..chosen[0].0].trim().to_owned();
    let parts = chosen
        .iter()
        .enumerate()
        .map(|(k, (_, label, start))| {
            let end = chosen.get(k + 1).map_or(text.len(), |next| next.0);
            (label.clone(), text[*start..end].trim().to_owned())
        })
        .collect();
    (lead, parts)
}

/// Writes a recommendation with one part per line, as [`split_line_parts`] reads it.
pub fn join_parts<'a>(lead: &str, parts: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut text = lead.to_owned();
    for (label, part) in parts {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(label);
        text.push_str(") ");
        text.push_str(part);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pl(s: &str) -> PartLabel {
        PartLabel::parse(s).unwrap()
    }

    #[test]
    fn private_use_bullets() {
        let (text, glyphs) = normalise_bullets("\u{F0B7} Reporting\n\u{F0A7}\u{F0B7}x");
        assert_eq!(text, "• Reporting\n•\u{F0B7}x");
        assert_eq!(glyphs, vec!['\u{F0B7}', '\u{F0A7}']);
        assert_eq!(
            fix_bullet_tabs("3\tVictims:\t\u{F0B7}\tReporting\tCleveland Police"),
            "3\tVictims:\t\u{F0B7} Reporting\tCleveland Police"
        );
        assert_eq!(
            fix_bullet_tabs("\u{F0B7}\tA repeat report"),
            "\u{F0B7} A repeat report"
        );
        // A dash alone in a cell stays a cell.
        assert_eq!(fix_bullet_tabs("4\t-\tx"), "4\t-\tx");
    }

    #[test]
    fn measures() {
        assert_eq!(split_measures("One measure."), vec!["One measure."]);
        assert_eq!(
            split_measures("First.\nSecond.\n\n"),
            vec!["First.", "Second."]
        );
        assert_eq!(
            split_measures("* First\n* Second\n  continued\n- Third"),
            vec!["First", "Second\ncontinued", "Third"]
        );
        assert_eq!(split_measures("• A • B"), vec!["A", "B"]);
        // A cell wrapped in Word: a line in lower case goes on from the one before.
        assert_eq!(
            split_measures("Maps shared\nquarterly\nData published"),
            vec!["Maps shared\nquarterly", "Data published"]
        );
        assert_eq!(split_measures("-5% in a year"), vec!["-5% in a year"]);
        for measures in [
            vec!["One".to_owned()],
            vec!["One".to_owned(), "Two".to_owned()],
            vec!["Multi\nline".to_owned()],
        ] {
            assert_eq!(split_measures(&join_measures(&measures)), measures);
        }
    }

    #[test]
    fn notes_in_the_actions_text() {
        assert_eq!(
            split_notes("Develop a protocol.\nAction complete – protocol signed May 2022"),
            Some((
                "Develop a protocol.".to_owned(),
                "Action complete – protocol signed May 2022".to_owned()
            ))
        );
        assert_eq!(
            split_notes("Develop a protocol. Action complete."),
            Some((
                "Develop a protocol.".to_owned(),
                "Action complete.".to_owned()
            ))
        );
        assert_eq!(
            split_notes("Survey councillors.\nUpdate (Nov 2022): survey re-issued."),
            Some((
                "Survey councillors.".to_owned(),
                "Update (Nov 2022): survey re-issued.".to_owned()
            ))
        );
        assert_eq!(split_notes("Action complete"), None);
        assert_eq!(split_notes("Make sure the work is complete"), None);
        assert_eq!(split_notes("A comprehensive protocol is developed."), None);
    }

    #[test]
    fn milestone_cells() {
        let seed = parse_milestone_cell(
            "May 2022 (Development of protocol) September 2022 (Assessment of protocol)",
        )
        .unwrap();
        assert_eq!(
            seed.iter().map(ImportedMilestone::text).collect::<Vec<_>>(),
            [
                "May 2022 (Development of protocol)",
                "September 2022 (Assessment of protocol)"
            ]
        );
        assert_eq!(
            join_milestones(&seed),
            "May 2022 (Development of protocol); September 2022 (Assessment of protocol)"
        );
        assert_eq!(parse_milestone_cell(&join_milestones(&seed)).unwrap(), seed);
        let month = parse_milestone_cell("April 2022").unwrap();
        assert_eq!(month[0].date.unwrap().day_of_month(), None);
        assert!(parse_milestone_cell("  ").unwrap().is_empty());
        let mixed = parse_milestone_cell("Ongoing; 14 October 2022 (Phase 2 (draft))").unwrap();
        assert_eq!(mixed[0].date, None);
        assert_eq!(mixed[0].label.as_deref(), Some("Ongoing"));
        assert_eq!(mixed[1].date.unwrap().day_of_month(), Some(14));
        assert_eq!(mixed[1].label.as_deref(), Some("Phase 2 (draft)"));
        assert!(parse_milestone_cell("31 February 2022").is_err());
    }

    #[test]
    fn numbers() {
        for raw in ["1", "1.", "(1)", "Rec 1", "Recommendation 1:", "1)"] {
            assert_eq!(parse_number(raw).unwrap().as_str(), "1", "{raw}");
        }
        assert_eq!(parse_number("R3").unwrap().as_str(), "R3");
        assert!(parse_number("1/2").is_err());
        assert!(looks_like_number("4"));
        assert!(!looks_like_number("workforce"));
        assert!(!looks_like_number(""));
    }

    #[test]
    fn parts_one_per_line() {
        let text = join_parts("The council:", [("a", "does x;"), ("b", "does y.")]);
        assert_eq!(text, "The council:\na) does x;\nb) does y.");
        let (lead, parts) = split_line_parts(&text);
        assert_eq!(lead, "The council:");
        assert_eq!(
            parts,
            vec![
                (pl("a"), "does x;".to_owned()),
                (pl("b"), "does y.".to_owned())
            ]
        );
        // One part alone still counts on its own line.
        let (lead, parts) = split_line_parts("The council:\na) does x.");
        assert_eq!(lead, "The council:");
        assert_eq!(parts.len(), 1);
        // Running text falls back to the domain's splitter.
        let (lead, parts) = split_line_parts("The council: a) does x; b) does y.");
        assert_eq!(lead, "The council:");
        assert_eq!(parts.len(), 2);
        // No parts.
        let (lead, parts) = split_line_parts("Achieve a) – f) in a way");
        assert_eq!(lead, "Achieve a) – f) in a way");
        assert!(parts.is_empty());
    }

    #[test]
    fn leading_markers() {
        assert_eq!(leading_marker("a) text").map(|m| m.0), Some(pl("a")));
        assert_eq!(leading_marker(" (b) text").map(|m| m.1), Some(4));
        assert_eq!(leading_marker("c. text").map(|m| m.0), Some(pl("c")));
        assert_eq!(leading_marker("Achieve a)"), None);
        assert_eq!(leading_marker("e.g. this"), None);
    }
}
