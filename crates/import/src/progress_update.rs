//! A progress update in the seed's text layout: a header block (Review, Link Officer/s, Action
//! Plan Agreed), then per recommendation its text with parts, Responsibility, Date, Agreed Action,
//! Agreed Success Measure, Evidence of Progress (with the round's label in brackets, "November
//! 2022"), Assessment of Progress (grade and explanation, the label possibly split over two
//! lines) and Evidence of Impact; and the grading key at the end. Page furniture ("APPENDIX 1",
//! "PROGRESS UPDATE: …") may fall anywhere, even inside a paragraph.
use crate::cells::{
    fix_bullet_tabs, normalise_bullets, parse_milestone_cell, parse_number, split_measures,
};
use crate::model::{ImportedMilestone, ImportedPart};
use crate::report::{Parsed, Report};
use crate::ImportError;
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::progress::{
    extract_key_figures, requires_explanation, GradeLevel, GradeScale, Impact, KeyFigure,
};
use scrutiny_domain::records::{parse_owners, split_parts, OwnerName, RecommendationNumber};
use serde::Serialize;

/// A progress update as read from a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressUpdateImport {
    /// "PROGRESS UPDATE: Review of Police Communications in Stockton-on-Tees (Task & Finish)".
    pub title: Option<String>,
    /// The Review line: "Police Communications in Stockton-on-Tees (Task & Finish)".
    pub review: Option<String>,
    pub link_officers: Vec<String>,
    /// When the action plan was agreed, as given ("March 2022").
    pub action_plan_agreed: Option<PartialDate>,
    /// The round, from the brackets of "Evidence of Progress (November 2022)".
    pub round_label: Option<String>,
    /// The grading key at the end of the document, or the scale given to the parser.
    pub grade_scale: GradeScale,
    /// Whether the scale was read from the document's grading key.
    pub grade_scale_from_document: bool,
    pub recommendations: Vec<ProgressRecommendation>,
}

/// One recommendation's block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressRecommendation {
    pub number: RecommendationNumber,
    /// The recommendation, or its lead-in.
    pub text: String,
    pub parts: Vec<ImportedPart>,
    /// The Responsibility line as written.
    pub responsibility: String,
    pub owners: Vec<OwnerName>,
    /// The Date line as written, and its milestones.
    pub date_text: String,
    pub milestones: Vec<ImportedMilestone>,
    pub agreed_action: String,
    pub success_measures: Vec<String>,
    /// Evidence of progress, as written (bullets and paragraphs kept, page furniture removed).
    pub progress: String,
    /// The grade's code in the scale ("3"); `None` when no grade is given.
    pub grade: Option<String>,
    /// The grade as the document writes it ("3 (Slipped)").
    pub grade_text: Option<String>,
    /// The explanation written after the grade.
    pub explanation: Option<String>,
    pub impact: Impact,
    /// Figures quoted in the evidence ("VCOP compliance 95.2%").
    pub key_figures: Vec<KeyFigure>,
    /// The line the block starts on.
    pub row: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Review,
    LinkOfficers,
    PlanAgreed,
    Text,
    Responsibility,
    Date,
    AgreedAction,
    Measures,
    Progress,
    Assessment,
    Impact,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Review => "Review",
            Field::LinkOfficers => "Link Officer/s",
            Field::PlanAgreed => "Action Plan Agreed",
            Field::Text => "Recommendation",
            Field::Responsibility => "Responsibility",
            Field::Date => "Date",
            Field::AgreedAction => "Agreed Action",
            Field::Measures => "Agreed Success Measure",
            Field::Progress => "Evidence of Progress",
            Field::Assessment => "Assessment of Progress",
            Field::Impact => "Evidence of Impact",
        }
    }
}

/// What the first cell of a line says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Label {
    Field(Field, Option<String>),
    Recommendation(String),
    /// The first half of the grading key's label ("Assessment of", then "Progress Gradings:").
    GradingKey,
    /// "(November 2022): (include explanation if required)": the rest of a label split over two
    /// lines.
    SplitRest(Option<String>),
}

fn words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Removes bracketed groups from a label; returns the rest and the round named in brackets (a
/// group with a year or a month in it: "(November 2022)").
fn strip_brackets(label: &str) -> (String, Option<String>) {
    let mut rest = String::new();
    let mut round = None;
    let mut depth = 0;
    let mut group = String::new();
    for c in label.chars() {
        match c {
            '(' => {
                if depth > 0 {
                    group.push(c);
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let g = group.trim().to_owned();
                    let dated = g.chars().filter(|c| c.is_ascii_digit()).count() >= 4
                        || PartialDate::parse(&g).is_ok();
                    if dated && round.is_none() && !g.to_lowercase().contains("explanation") {
                        round = Some(g);
                    }
                    group.clear();
                } else {
                    group.push(c);
                }
            }
            c if depth > 0 => group.push(c),
            c => rest.push(c),
        }
    }
    (rest, round)
}

fn recognise(cell: &str, rest_cells: &[&str]) -> Option<Label> {
    let t = cell.trim();
    if t.is_empty() {
        return None;
    }
    let (base, round) = strip_brackets(t);
    let key = words(&base);
    if key.is_empty() {
        return t.starts_with('(').then_some(Label::SplitRest(round));
    }
    // A label ends with ':' or stands alone in its cell; a cell of ordinary text is no label.
    let field = match key.as_str() {
        "review" | "review title" => Field::Review,
        "link officer s" | "link officers" | "link officer" | "scrutiny officer" => {
            Field::LinkOfficers
        }
        "action plan agreed" | "date action plan agreed" => Field::PlanAgreed,
        "responsibility" | "lead" | "lead officer" | "responsible" => Field::Responsibility,
        "date" | "target date" | "timescale" | "dates" => Field::Date,
        "agreed action" | "agreed actions" | "proposed action" | "proposed actions" => {
            Field::AgreedAction
        }
        "agreed success measure"
        | "agreed success measures"
        | "success measure"
        | "success measures" => Field::Measures,
        "evidence of progress" | "progress" => Field::Progress,
        "assessment of progress" | "assessment" | "grade" => Field::Assessment,
        "evidence of impact" | "impact" => Field::Impact,
        "assessment of progress gradings" | "progress gradings" | "grading key" | "gradings" => {
            return Some(Label::GradingKey)
        }
        "assessment of"
            if rest_cells.len() >= 2
                && rest_cells
                    .iter()
                    .all(|c| !c.trim().is_empty() && c.trim().chars().count() <= 20) =>
        {
            return Some(Label::GradingKey)
        }
        _ => {
            let mut it = key.splitn(2, ' ');
            let (first, number) = (it.next().unwrap_or(""), it.next().unwrap_or(""));
            if matches!(first, "recommendation" | "rec") && !number.is_empty() {
                let raw = base.trim().trim_end_matches(':');
                let number_text = raw
                    .split_once(char::is_whitespace)
                    .map_or("", |(_, n)| n.trim());
                if parse_number(number_text).is_ok() {
                    return Some(Label::Recommendation(number_text.to_owned()));
                }
            }
            return None;
        }
    };
    Some(Label::Field(field, round))
}

/// Page furniture: "APPENDIX 1", "PROGRESS UPDATE: …", "APPENDIX 1 PROGRESS UPDATE: …",
/// "SCRUTINY MONITORING – PROGRESS UPDATE", "Page 2 of 7".
fn is_furniture(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_lowercase();
    let key = words(t);
    let short = key.split(' ').count() <= 3;
    t.starts_with("APPENDIX ")
        || t.starts_with("ANNEX ")
        || ((lower.starts_with("appendix ") || lower.starts_with("annex ")) && short)
        || lower.starts_with("progress update:")
        || key == "scrutiny monitoring progress update"
        || (key.starts_with("page ")
            && key
                .split(' ')
                .nth(1)
                .is_some_and(|n| n.parse::<u32>().is_ok()))
}

#[derive(Default)]
struct Block {
    number: String,
    row: u32,
    fields: Vec<(Field, String, u32)>,
}

impl Block {
    fn text(&self, field: Field) -> String {
        self.fields
            .iter()
            .filter(|(f, _, _)| *f == field)
            .map(|(_, t, _)| t.trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn row_of(&self, field: Field) -> u32 {
        self.fields
            .iter()
            .find(|(f, _, _)| *f == field)
            .map_or(self.row, |(_, _, r)| *r)
    }
}

/// Reads a progress update. `fallback` grades the entries when the document has no grading key.
pub fn parse_progress_update(
    text: &str,
    fallback: &GradeScale,
) -> Result<Parsed<ProgressUpdateImport>, ImportError> {
    let mut report = Report::new();
    let lines: Vec<String> = text.lines().map(fix_bullet_tabs).collect();
    let mut title = None;
    let mut header: Vec<(Field, String, u32)> = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut rounds: Vec<(String, u32)> = Vec::new();
    let mut key: Option<(Vec<String>, Vec<String>, u32)> = None;
    // The field being written, and whether a blank line or page break came since its last line.
    let mut current: Option<Field> = None;
    let mut blank_since = false;
    let mut page_break_since = false;
    let mut i = 0;
    while i < lines.len() {
        let n = i as u32 + 1;
        let line = lines[i].trim_end();
        i += 1;
        if line.trim().is_empty() {
            blank_since = true;
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let filled: Vec<&str> = cells
            .iter()
            .copied()
            .filter(|c| !c.trim().is_empty())
            .collect();
        if filled.len() == 1 && cells[0].trim() == filled[0].trim() && is_furniture(filled[0]) {
            let t = filled[0].trim();
            if title.is_none() && t.to_lowercase().starts_with("progress update:") {
                title = Some(t.to_owned());
            }
            report.skip(Some(n), None, t, "page furniture");
            page_break_since = true;
            continue;
        }
        let value_cells: Vec<&str> = cells[1..]
            .iter()
            .copied()
            .filter(|c| !c.trim().is_empty())
            .collect();
        let value = value_cells
            .iter()
            .map(|c| c.trim())
            .collect::<Vec<_>>()
            .join(" ");
        match recognise(cells[0], &cells[1..]) {
            Some(Label::Recommendation(number)) => {
                blocks.push(Block {
                    number,
                    row: n,
                    fields: vec![(Field::Text, value, n)],
                });
                current = Some(Field::Text);
            }
            Some(Label::GradingKey) => {
                let codes: Vec<String> = value_cells.iter().map(|c| c.trim().to_owned()).collect();
                let mut labels = Vec::new();
                if cells[0].trim().to_lowercase().ends_with(" of") || codes.is_empty() {
                    // The labels are on the next line: "Progress Gradings:\tFully Achieved\t…".
                    if let Some(next) = lines.get(i) {
                        labels = next
                            .split('\t')
                            .skip(1)
                            .map(str::trim)
                            .filter(|c| !c.is_empty())
                            .map(str::to_owned)
                            .collect();
                        i += 1;
                    }
                }
                key = Some((codes, labels, n));
                current = None;
            }
            Some(Label::SplitRest(round)) => {
                if let Some(r) = round {
                    rounds.push((r, n));
                }
                if let (Some(field), Some(block)) = (current, blocks.last_mut()) {
                    block.fields.push((field, value, n));
                } else if !value.is_empty() {
                    report.skip(Some(n), None, line, "text outside any recommendation");
                }
            }
            Some(Label::Field(field, round)) => {
                if let Some(r) = round {
                    rounds.push((r, n));
                }
                match field {
                    Field::Review | Field::LinkOfficers | Field::PlanAgreed => {
                        header.push((field, value, n));
                    }
                    _ => match blocks.last_mut() {
                        Some(block) => {
                            if block.fields.iter().any(|(f, _, _)| *f == field) {
                                report.guess(
                                    Some(n),
                                    Some(field.name()),
                                    &value,
                                    format!("{} is given twice for recommendation {}: the texts are joined", field.name(), block.number),
                                );
                            }
                            block.fields.push((field, value, n));
                        }
                        None => report.skip(
                            Some(n),
                            Some(field.name()),
                            &value,
                            "before the first recommendation: left out",
                        ),
                    },
                }
                current = Some(field);
            }
            None => {
                // A continuation of the field being written: a line starting with a tab, or a
                // line without one.
                let text = if cells[0].trim().is_empty() {
                    value
                } else {
                    cells
                        .iter()
                        .map(|c| c.trim())
                        .filter(|c| !c.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let target = match (current, blocks.last_mut()) {
                    // The header block's values are one line each; text after a blank line is
                    // the introduction.
                    (Some(Field::Review | Field::LinkOfficers | Field::PlanAgreed), _)
                        if blank_since =>
                    {
                        None
                    }
                    (Some(f @ (Field::Review | Field::LinkOfficers | Field::PlanAgreed)), _) => {
                        header
                            .last_mut()
                            .filter(|(hf, _, _)| *hf == f)
                            .map(|h| &mut h.1)
                    }
                    (Some(f), Some(block)) => block
                        .fields
                        .iter_mut()
                        .rev()
                        .find(|(bf, _, _)| *bf == f)
                        .map(|b| &mut b.1),
                    _ => None,
                };
                match target {
                    Some(existing) => {
                        let joiner = if existing.trim().is_empty() {
                            ""
                        } else if page_break_since
                            && !existing.trim_end().ends_with(['.', ';', ':', '!', '?'])
                            && text.starts_with(|c: char| c.is_lowercase())
                        {
                            report.guess(
                                Some(n),
                                current.map(Field::name),
                                &text,
                                "a paragraph split by a page break: joined to the line before it",
                            );
                            " "
                        } else if blank_since {
                            "\n\n"
                        } else {
                            "\n"
                        };
                        existing.push_str(joiner);
                        existing.push_str(&text);
                    }
                    None => report.skip(
                        Some(n),
                        None,
                        line,
                        "text outside any recommendation (an introduction or a note)",
                    ),
                }
            }
        }
        blank_since = false;
        page_break_since = false;
    }

    // The grading key, or the fallback scale.
    let (grade_scale, from_document) = match &key {
        Some((codes, labels, row)) => match scale_from_key(codes, labels) {
            Ok((scale, guessed)) => {
                if let Some(why) = guessed {
                    report.guess(
                        Some(*row),
                        Some("Assessment of Progress Gradings"),
                        &labels.join(" | "),
                        why,
                    );
                }
                (scale, true)
            }
            Err(why) => {
                report.guess(
                    Some(*row),
                    Some("Assessment of Progress Gradings"),
                    &format!("{} / {}", codes.join(" | "), labels.join(" | ")),
                    format!("{why}: the council's scale ({}) is used", fallback.name()),
                );
                (fallback.clone(), false)
            }
        },
        None => {
            report.guess(
                None,
                None,
                "",
                format!(
                    "no grading key at the end of the document: the council's scale ({}) is used",
                    fallback.name()
                ),
            );
            (fallback.clone(), false)
        }
    };

    // The header block.
    let head = |f: Field| {
        header
            .iter()
            .find(|(hf, _, _)| *hf == f)
            .map(|(_, v, r)| (v.trim().to_owned(), *r))
            .filter(|(v, _)| !v.is_empty())
    };
    let review = head(Field::Review).map(|(v, _)| v);
    let link_officers = head(Field::LinkOfficers)
        .map(|(v, _)| split_names(&v))
        .unwrap_or_default();
    let action_plan_agreed =
        head(Field::PlanAgreed).and_then(|(v, r)| match PartialDate::parse(&v) {
            Ok(d) => Some(d),
            Err(e) => {
                report.guess(
                    Some(r),
                    Some(Field::PlanAgreed.name()),
                    &v,
                    format!("not a date ({e}): left out"),
                );
                None
            }
        });
    let round_label = rounds.first().map(|(r, _)| r.clone());
    for (other, row) in &rounds {
        if Some(other) != round_label.as_ref() {
            report.guess(
                Some(*row),
                None,
                other,
                format!(
                    "names a different round from \"{}\" (read first): the first is used",
                    round_label.as_deref().unwrap_or("")
                ),
            );
        }
    }

    let mut recommendations = Vec::new();
    for block in blocks {
        report.rows_read += 1;
        if let Some(rec) = finish_block(&block, &grade_scale, &mut report) {
            recommendations.push(rec);
        }
    }
    report.sort_by_row();
    Ok(Parsed {
        value: ProgressUpdateImport {
            title,
            review,
            link_officers,
            action_plan_agreed,
            round_label,
            grade_scale,
            grade_scale_from_document: from_document,
            recommendations,
        },
        report,
    })
}

/// "Marc Stephenson, Jo Bloggs and Sam Smith" → three names.
fn split_names(text: &str) -> Vec<String> {
    text.split([',', ';', '/', '&', '\n'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Builds the scale of a grading key: codes ("1".."4") over labels ("Fully Achieved"…). A key
/// naming the default scale's levels is the default scale; another key closes on its first
/// (best) level and needs explanations for levels labelled as failures, and says so.
fn scale_from_key(
    codes: &[String],
    labels: &[String],
) -> Result<(GradeScale, Option<String>), String> {
    if codes.is_empty() || codes.len() != labels.len() {
        return Err(format!(
            "the grading key has {} codes and {} labels",
            codes.len(),
            labels.len()
        ));
    }
    let default = GradeScale::default_scale();
    let same_as_default = default.levels().len() == codes.len()
        && default
            .levels()
            .iter()
            .zip(codes.iter().zip(labels))
            .all(|(l, (c, lab))| {
                l.code.as_str().eq_ignore_ascii_case(c.trim()) && words(&l.label) == words(lab)
            });
    if same_as_default {
        return Ok((default, None));
    }
    const FAILING: &[&str] = &[
        "slipped",
        "not achieved",
        "red",
        "paused",
        "off track",
        "behind",
        "not started",
    ];
    let mut levels = Vec::new();
    for (k, (code, label)) in codes.iter().zip(labels).enumerate() {
        let mut level = GradeLevel::new(code, label, k as u8 + 1)
            .map_err(|e| format!("grade code \"{code}\" {e}"))?;
        if k == 0 {
            level = level.closing();
        }
        if FAILING.contains(&words(label).as_str()) {
            level = level.needing_explanation();
        }
        levels.push(level);
    }
    let scale = GradeScale::new("Grading key of the imported progress update", levels)
        .map_err(|e| e.to_string())?;
    let needing: Vec<String> = scale
        .levels()
        .iter()
        .filter(|l| l.explanation_required)
        .map(GradeLevel::document_form)
        .collect();
    let why = format!(
        "the grading key does not say which grade closes a recommendation or needs an explanation: {} is taken to close it; {} need an explanation",
        scale.levels()[0].document_form(),
        if needing.is_empty() { "none".to_owned() } else { needing.join(", ") }
    );
    Ok((scale, Some(why)))
}

fn finish_block(
    block: &Block,
    scale: &GradeScale,
    report: &mut Report,
) -> Option<ProgressRecommendation> {
    let n = block.row;
    let number = match parse_number(&block.number) {
        Ok(num) => num,
        Err(e) => {
            report.reject(
                Some(n),
                Some("Recommendation"),
                &block.number,
                format!("not a recommendation number: {e}"),
            );
            return None;
        }
    };
    let (text, _) = normalise_bullets(&block.text(Field::Text));
    let (lead, parts) = split_parts(&text);
    if lead.is_empty() && parts.is_empty() {
        report.reject(
            Some(n),
            Some("Recommendation"),
            "",
            format!("recommendation {number} has no text"),
        );
        return None;
    }
    let responsibility = collapse(&block.text(Field::Responsibility));
    let owners = parse_owners(&responsibility);
    let date_text = collapse(&block.text(Field::Date));
    let milestones = match parse_milestone_cell(&date_text) {
        Ok(m) => m,
        Err(e) => {
            report.guess(
                Some(block.row_of(Field::Date)),
                Some(Field::Date.name()),
                &date_text,
                format!("not a date ({e}): kept as written only"),
            );
            Vec::new()
        }
    };
    let (agreed_action, _) = normalise_bullets(&block.text(Field::AgreedAction));
    let (measures, _) = normalise_bullets(&block.text(Field::Measures));
    let success_measures = split_measures(&measures);
    let (progress, glyphs) = normalise_bullets(&block.text(Field::Progress));
    if !glyphs.is_empty() {
        report.guess(
            Some(block.row_of(Field::Progress)),
            Some(Field::Progress.name()),
            "",
            "private-use bullet glyphs (a Word symbol font) read as •",
        );
    }
    let assessment = block.text(Field::Assessment);
    let (grade, grade_text, explanation) = if assessment.trim().is_empty() {
        report.guess(
            Some(block.row_of(Field::Assessment)),
            Some(Field::Assessment.name()),
            "",
            format!("recommendation {number} has no grade"),
        );
        (None, None, None)
    } else {
        match scale.parse_grade(&assessment) {
            Ok(parsed) => {
                let explanation = parsed.explanation.map(|e| collapse_lines(&e));
                if let Err(e) = requires_explanation(parsed.level, explanation.as_deref()) {
                    report.reject(
                        Some(block.row_of(Field::Assessment)),
                        Some(Field::Assessment.name()),
                        &assessment,
                        e.to_string(),
                    );
                    return None;
                }
                (
                    Some(parsed.level.code.as_str().to_owned()),
                    Some(parsed.level.document_form()),
                    explanation,
                )
            }
            Err(e) => {
                report.reject(
                    Some(block.row_of(Field::Assessment)),
                    Some(Field::Assessment.name()),
                    &assessment,
                    format!("the grade cannot be read: {e}"),
                );
                return None;
            }
        }
    };
    let impact = Impact::parse(&block.text(Field::Impact));
    let key_figures = extract_key_figures(&progress);
    Some(ProgressRecommendation {
        number,
        text: lead,
        parts: parts
            .into_iter()
            .map(|(label, text)| ImportedPart { label, text })
            .collect(),
        responsibility,
        owners,
        date_text,
        milestones,
        agreed_action: agreed_action.trim().to_owned(),
        success_measures,
        progress: progress.trim().to_owned(),
        grade,
        grade_text,
        explanation,
        impact,
        key_figures,
        row: n,
    })
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins the lines of an explanation split by the layout into one paragraph each.
fn collapse_lines(text: &str) -> String {
    text.split("\n\n")
        .map(collapse)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}
