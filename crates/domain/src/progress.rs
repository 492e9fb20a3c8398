//! Progress monitoring (docs/domain.md rules 1–6): grade scales kept as data, evidence of impact,
//! the submission workflow and who may move it, the three grades of an entry, carrying
//! outstanding recommendations forward, when updates are due, and the key figures quoted in
//! evidence of progress.
//!
//! Everything parses from what the progress-update documents actually say ("3 (Slipped)
//! Although some progress…", "No assessment of impact undertaken.", "VCOP compliance of
//! 95.2%") into values that cannot be wrong.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize};
use thiserror::Error;

use crate::dates::{PartialDate, Precision, MAX_YEAR, MIN_YEAR};
use crate::people::{Role, TextError, UnknownVariant};
use crate::records::{IllegalTransition, Lifecycle, Reason};

/// The limits of a progress entry's content, in characters (counts for lists). The entry's use
/// cases and the progress-update import both check these.
pub mod limits {
    /// The evidence of progress.
    pub const PROGRESS_MAX: usize = 100_000;
    /// The explanation of a grade, the evidence of impact, comments.
    pub const TEXT_MAX: usize = 20_000;
    /// Key figures of one entry.
    pub const KEY_FIGURES_MAX: usize = 50;
    /// A key figure's label.
    pub const KEY_FIGURE_LABEL_MAX: usize = 200;
}

// ---- grade codes -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GradeCodeError {
    #[error("must not be blank")]
    Blank,
    #[error("must be at most {0} characters")]
    TooLong(usize),
    #[error(
        "must be letters, digits, '-' and '_' only, starting with a letter or digit, such as 1, green or on-track"
    )]
    Characters,
}

/// The short code of a grade within its scale: "1".."4", "green", "complete". Trimmed and
/// lower-cased, so "Green" and "green" are the same code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct GradeCode(String);

impl GradeCode {
    pub const MAX: usize = 20;

    pub fn parse(raw: &str) -> Result<Self, GradeCodeError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(GradeCodeError::Blank);
        }
        if s.chars().count() > Self::MAX {
            return Err(GradeCodeError::TooLong(Self::MAX));
        }
        let chars_ok = s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !chars_ok || !s.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err(GradeCodeError::Characters);
        }
        Ok(Self(s.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for GradeCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for GradeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for GradeCode {
    type Err = GradeCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl<'de> Deserialize<'de> for GradeCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        GradeCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

// ---- grade levels and scales -------------------------------------------------------------------

/// One level of a [`GradeScale`]: "1 Fully Achieved", "Green (Achieved)".
///
/// `order` ranks the levels: 1 is the best, higher is worse; [`GradeScale::worst`] picks the
/// highest. Build with [`GradeLevel::new`] and the `closing` / `needing_explanation` /
/// `with_description` / `with_colour` builders; [`GradeScale::new`] checks the whole scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeLevel {
    pub code: GradeCode,
    /// As the grading key writes it: "Fully Achieved", "On-Track", "Green".
    pub label: String,
    /// What the level means, where the label alone does not say: "Achieved" for Green.
    #[serde(default)]
    pub description: Option<String>,
    /// 1 is the best; higher is worse. Unique within a scale.
    pub order: u8,
    /// Whether a recommendation whose accepted grade is this level is closed (docs/domain.md rule 5).
    #[serde(default)]
    pub closes: bool,
    /// Whether a grade at this level must carry an explanation (docs/domain.md rule 1).
    #[serde(default)]
    pub explanation_required: bool,
    /// A display colour, "#rrggbb".
    #[serde(default)]
    pub colour: Option<String>,
}

impl GradeLevel {
    /// A level that neither closes nor needs an explanation, with no description or colour.
    pub fn new(code: &str, label: &str, order: u8) -> Result<Self, GradeCodeError> {
        Ok(Self {
            code: GradeCode::parse(code)?,
            label: label.trim().to_owned(),
            description: None,
            order,
            closes: false,
            explanation_required: false,
            colour: None,
        })
    }

    /// Accepted at this level, the recommendation is closed.
    pub fn closing(mut self) -> Self {
        self.closes = true;
        self
    }

    /// A grade at this level needs an explanation.
    pub fn needing_explanation(mut self) -> Self {
        self.explanation_required = true;
        self
    }

    pub fn with_description(mut self, description: &str) -> Self {
        self.description = Some(description.to_owned());
        self
    }

    pub fn with_colour(mut self, colour: &str) -> Self {
        self.colour = Some(colour.to_owned());
        self
    }

    /// The grade as a progress update writes it: "1 (Fully Achieved)"; just the label when the
    /// code is the label ("Green").
    pub fn document_form(&self) -> String {
        if self.label.eq_ignore_ascii_case(self.code.as_str()) {
            self.label.clone()
        } else {
            format!("{} ({})", self.code, self.label)
        }
    }

    /// The grade and its explanation as one document cell: "3 (Slipped) Although some…".
    /// [`GradeScale::parse_grade`] reads it back.
    pub fn document_text(&self, explanation: Option<&str>) -> String {
        match explanation.map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) => format!("{} {e}", self.document_form()),
            None => self.document_form(),
        }
    }

    /// The texts that name this level: its code, label and description.
    fn names(&self) -> impl Iterator<Item = &str> {
        [Some(self.code.as_str()), Some(self.label.as_str())]
            .into_iter()
            .chain([self.description.as_deref()])
            .flatten()
    }
}

/// Why a scale is not a usable grade scale.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GradeScaleError {
    #[error("the scale's name must not be blank")]
    NameBlank,
    #[error("the scale's name must be at most {0} characters")]
    NameTooLong(usize),
    #[error("a grade scale must have between {min} and {max} levels, not {count}", min = GradeScale::MIN_LEVELS, max = GradeScale::MAX_LEVELS)]
    LevelCount { count: usize },
    #[error("grade {code} needs a label with at least one letter or digit")]
    LabelBlank { code: GradeCode },
    #[error("grade {code}'s label and description must be at most {max} characters", max = GradeScale::MAX_LABEL)]
    LabelTooLong { code: GradeCode },
    #[error("grade code {0} is used by more than one level")]
    DuplicateCode(GradeCode),
    #[error("order {0} is used by more than one level")]
    DuplicateOrder(u8),
    #[error("\"{text}\" could mean grade {first} or grade {second}: codes, labels and descriptions must tell the levels apart")]
    Ambiguous {
        text: String,
        first: GradeCode,
        second: GradeCode,
    },
    #[error("at least one level must close a recommendation")]
    NoClosingLevel,
    #[error("grade {code}'s colour must be a hex colour such as #00703c, not \"{colour}\"")]
    Colour { code: GradeCode, colour: String },
}

/// Why a text or code is not a usable grade.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GradeError {
    #[error("must not be blank")]
    Blank,
    #[error("must be a grade of the {scale} scale: {expected} (could not read \"{input}\")")]
    Unrecognised {
        input: String,
        scale: String,
        expected: String,
    },
    #[error("names two different grades: {first} and {second}")]
    Conflicting { first: String, second: String },
    #[error("there is no grade \"{code}\" in the {scale} scale")]
    UnknownCode { code: String, scale: String },
    #[error("a grade of {grade} needs an explanation")]
    ExplanationRequired { grade: String },
}

/// A grading scale, kept as data (docs/domain.md rule 1): its levels, their labels and order, which
/// level closes a recommendation and which need an explanation. The levels are held best first.
///
/// Serialises as `{ name, levels }`; deserialising checks it like [`GradeScale::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "GradeScaleData")]
pub struct GradeScale {
    name: String,
    levels: Vec<GradeLevel>,
}

#[derive(Deserialize)]
struct GradeScaleData {
    name: String,
    levels: Vec<GradeLevel>,
}

impl TryFrom<GradeScaleData> for GradeScale {
    type Error = GradeScaleError;
    fn try_from(data: GradeScaleData) -> Result<Self, Self::Error> {
        GradeScale::new(&data.name, data.levels)
    }
}

/// A grade read from a document: the level, and the explanation written after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedGrade<'a> {
    pub level: &'a GradeLevel,
    /// The text after the grade, trimmed; `None` when there is none.
    pub explanation: Option<String>,
}

impl GradeScale {
    pub const MIN_LEVELS: usize = 1;
    pub const MAX_LEVELS: usize = 10;
    pub const MAX_NAME: usize = 100;
    pub const MAX_LABEL: usize = 100;

    /// Checks and normalises a scale: a name; 1 to 10 levels; codes and orders unique; labels
    /// with a letter or digit (trimmed; a blank description counts as none); no text naming
    /// two levels; at least one closing level; colours "#rrggbb" (lower-cased). The levels are
    /// sorted best (lowest order) first.
    pub fn new(name: &str, levels: Vec<GradeLevel>) -> Result<Self, GradeScaleError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(GradeScaleError::NameBlank);
        }
        if name.chars().count() > Self::MAX_NAME {
            return Err(GradeScaleError::NameTooLong(Self::MAX_NAME));
        }
        if !(Self::MIN_LEVELS..=Self::MAX_LEVELS).contains(&levels.len()) {
            return Err(GradeScaleError::LevelCount {
                count: levels.len(),
            });
        }
        let mut levels = levels;
        let mut codes = HashSet::new();
        let mut orders = HashSet::new();
        for level in &mut levels {
            level.label = level.label.trim().to_owned();
            level.description = level
                .description
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned);
            if norm_words(&level.label).is_empty() {
                return Err(GradeScaleError::LabelBlank {
                    code: level.code.clone(),
                });
            }
            let too_long = |s: &str| s.chars().count() > Self::MAX_LABEL;
            if too_long(&level.label) || level.description.as_deref().is_some_and(too_long) {
                return Err(GradeScaleError::LabelTooLong {
                    code: level.code.clone(),
                });
            }
            if let Some(colour) = level.colour.take() {
                let c = colour.trim();
                let valid = c.len() == 7
                    && c.starts_with('#')
                    && c[1..].bytes().all(|b| b.is_ascii_hexdigit());
                if !valid {
                    return Err(GradeScaleError::Colour {
                        code: level.code.clone(),
                        colour,
                    });
                }
                level.colour = Some(c.to_ascii_lowercase());
            }
            if !codes.insert(level.code.clone()) {
                return Err(GradeScaleError::DuplicateCode(level.code.clone()));
            }
            if !orders.insert(level.order) {
                return Err(GradeScaleError::DuplicateOrder(level.order));
            }
        }
        // No text may name two levels, or parsing would have to guess.
        let mut seen: Vec<(Vec<String>, &GradeLevel, &str)> = Vec::new();
        for level in &levels {
            for text in level.names() {
                let words = norm_words(text);
                if words.is_empty() {
                    continue;
                }
                if let Some((_, other, _)) = seen
                    .iter()
                    .find(|(w, other, _)| *w == words && other.code != level.code)
                {
                    return Err(GradeScaleError::Ambiguous {
                        text: text.to_owned(),
                        first: other.code.clone(),
                        second: level.code.clone(),
                    });
                }
                seen.push((words, level, text));
            }
        }
        if !levels.iter().any(|l| l.closes) {
            return Err(GradeScaleError::NoClosingLevel);
        }
        levels.sort_by_key(|l| l.order);
        Ok(Self {
            name: name.to_owned(),
            levels,
        })
    }

    /// The default scale (docs/domain.md rule 1, the seed's grading key): 1 Fully Achieved (closes),
    /// 2 On-Track, 3 Slipped and 4 Not Achieved (both need an explanation).
    pub fn default_scale() -> Self {
        Self::built_in(
            "Scrutiny progress (1–4)",
            vec![
                level("1", "Fully Achieved", 1, "#00703c").closing(),
                level("2", "On-Track", 2, "#1d70b8"),
                level("3", "Slipped", 3, "#f47738").needing_explanation(),
                level("4", "Not Achieved", 4, "#d4351c").needing_explanation(),
            ],
        )
    }

    /// Red / Amber / Green: Green achieved (closes), Amber acceptable progress, Red unacceptable
    /// (needs an explanation).
    pub fn rag() -> Self {
        Self::built_in(
            "RAG",
            vec![
                level("green", "Green", 1, "#00703c")
                    .with_description("Achieved")
                    .closing(),
                level("amber", "Amber", 2, "#ffbf47").with_description("Acceptable progress"),
                level("red", "Red", 3, "#d4351c")
                    .with_description("Unacceptable progress")
                    .needing_explanation(),
            ],
        )
    }

    /// Complete (closes) / Ongoing / Paused (needs an explanation).
    pub fn complete_ongoing_paused() -> Self {
        Self::built_in(
            "Complete / Ongoing / Paused",
            vec![
                level("complete", "Complete", 1, "#00703c").closing(),
                level("ongoing", "Ongoing", 2, "#1d70b8"),
                level("paused", "Paused", 3, "#505a5f").needing_explanation(),
            ],
        )
    }

    fn built_in(name: &str, levels: Vec<GradeLevel>) -> Self {
        Self::new(name, levels).expect("the built-in grade scales are valid")
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The levels, best first.
    pub fn levels(&self) -> &[GradeLevel] {
        &self.levels
    }

    /// The level with this code, case-insensitively ("1", "Green").
    pub fn level(&self, code: &str) -> Option<&GradeLevel> {
        let code = code.trim();
        self.levels
            .iter()
            .find(|l| l.code.as_str().eq_ignore_ascii_case(code))
    }

    /// Like [`level`](Self::level), but an unknown code is an error that names the scale.
    pub fn require(&self, code: &str) -> Result<&GradeLevel, GradeError> {
        self.level(code).ok_or_else(|| GradeError::UnknownCode {
            code: code.trim().to_owned(),
            scale: self.name.clone(),
        })
    }

    /// Whether an accepted grade with this code closes a recommendation.
    pub fn closes(&self, code: &str) -> Result<bool, GradeError> {
        Ok(self.require(code)?.closes)
    }

    /// The grading key for messages: "1 (Fully Achieved), 2 (On-Track), …".
    pub fn expected_forms(&self) -> String {
        self.levels
            .iter()
            .map(GradeLevel::document_form)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Reads a grade as progress updates write it, case-insensitively: "1 (Fully Achieved)",
    /// "1", "Fully Achieved", "fully-achieved", "Grade 1", "1 - Fully Achieved",
    /// "Fully Achieved (1)", "Green", "Amber (acceptable progress)", and any of these followed by
    /// an explanation: "3 (Slipped) Although some progress has been made…" gives level 3 and
    /// the explanation "Although some progress has been made…".
    ///
    /// A grade whose code and label disagree ("1 (Slipped)") is an error; a parenthesis that
    /// names no grade ("2 (see note) …") is part of the explanation.
    pub fn parse_grade(&self, text: &str) -> Result<ParsedGrade<'_>, GradeError> {
        let s = text.trim();
        if s.is_empty() {
            return Err(GradeError::Blank);
        }
        let unrecognised = || GradeError::Unrecognised {
            input: s.to_owned(),
            scale: self.name.clone(),
            expected: self.expected_forms(),
        };
        let (idx, mut end) = match self.match_level_at(s, 0) {
            Some(m) => m,
            None => {
                // "Grade 1", "Grade: Green".
                let after = match_words_at(s, 0, &["grade".to_owned()]).ok_or_else(unrecognised)?;
                let p = skip(s, after, |c| {
                    c.is_whitespace() || matches!(c, ':' | '-' | '–')
                });
                self.match_level_at(s, p).ok_or_else(unrecognised)?
            }
        };
        // The grade must end there: "1.5" and "1/2" are not grades.
        let mut next = s[end..].chars();
        match (next.next(), next.next()) {
            (None, _) => {}
            (Some('.' | ','), Some(d)) if d.is_ascii_digit() => return Err(unrecognised()),
            (Some(c), _)
                if c.is_whitespace()
                    || matches!(c, '(' | ')' | '-' | '–' | '—' | ':' | ';' | '.' | ',') => {}
            _ => return Err(unrecognised()),
        }
        let conflict = |j: usize| GradeError::Conflicting {
            first: self.levels[idx].document_form(),
            second: self.levels[j].document_form(),
        };
        // The other name of the same grade, if written: "1 (Fully Achieved)", "Slipped (3)",
        // "1 - Fully Achieved".
        let open = skip(s, end, char::is_whitespace);
        if s[open..].starts_with('(') {
            if let Some(len) = s[open + 1..].find(')') {
                let inner = s[open + 1..open + 1 + len].trim();
                if let Some(j) = self.full_match(inner) {
                    if j != idx {
                        return Err(conflict(j));
                    }
                    end = open + 1 + len + 1;
                }
            }
        } else {
            let p = skip(s, end, |c| {
                c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '.' | ',' | ')')
            });
            if p > end && p < s.len() {
                if let Some((j, e)) = self.match_level_at(s, p) {
                    let rest_empty = s[e..]
                        .chars()
                        .all(|c| c.is_whitespace() || c.is_ascii_punctuation());
                    if j == idx {
                        end = e;
                    } else if rest_empty {
                        return Err(conflict(j));
                    }
                }
            }
        }
        let explanation = s[end..]
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | ';' | ',' | '.' | ')')
            })
            .trim_end();
        Ok(ParsedGrade {
            level: &self.levels[idx],
            explanation: (!explanation.is_empty()).then(|| explanation.to_owned()),
        })
    }

    /// The level one of whose names starts at byte `pos` of `text` (the longest such name),
    /// and where the name ends.
    fn match_level_at(&self, text: &str, pos: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (idx, level) in self.levels.iter().enumerate() {
            for name in level.names() {
                if let Some(end) = match_words_at(text, pos, &norm_words(name)) {
                    if best.is_none_or(|(_, e)| end > e) {
                        best = Some((idx, end));
                    }
                }
            }
        }
        best
    }

    /// The level that the whole of `text` names.
    fn full_match(&self, text: &str) -> Option<usize> {
        let text = text.trim().trim_end_matches('.');
        self.match_level_at(text, 0)
            .filter(|(_, end)| *end == text.len())
            .map(|(idx, _)| idx)
    }

    /// The worst of some levels: the one with the highest order ("the recommendation's
    /// suggested grade is the worst of its parts"). `None` for no levels.
    pub fn worst<'a, I>(levels: I) -> Option<&'a GradeLevel>
    where
        I: IntoIterator<Item = &'a GradeLevel>,
    {
        levels.into_iter().max_by_key(|l| l.order)
    }

    /// The worst of the grades with these codes; an unknown code is an error. `Ok(None)` for
    /// no codes.
    pub fn worst_of<I, C>(&self, codes: I) -> Result<Option<&GradeLevel>, GradeError>
    where
        I: IntoIterator<Item = C>,
        C: AsRef<str>,
    {
        let levels = codes
            .into_iter()
            .map(|c| self.require(c.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self::worst(levels))
    }
}

/// Shorthand for the built-in scales.
fn level(code: &str, label: &str, order: u8, colour: &str) -> GradeLevel {
    GradeLevel::new(code, label, order)
        .expect("built-in grade codes are valid")
        .with_colour(colour)
}

/// Checks docs/domain.md rule 1: a level that needs an explanation (3 Slipped, 4 Not Achieved) must
/// carry a non-blank one; any level may carry one.
pub fn requires_explanation(
    level: &GradeLevel,
    explanation: Option<&str>,
) -> Result<(), GradeError> {
    if level.explanation_required && explanation.is_none_or(|e| e.trim().is_empty()) {
        Err(GradeError::ExplanationRequired {
            grade: level.document_form(),
        })
    } else {
        Ok(())
    }
}

/// Whether `word` is one of the space-separated words of `list`.
fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

/// The lower-cased runs of letters and digits in a text: "On-Track" → ["on", "track"].
fn norm_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The first byte at or after `from` that `skip_char` does not skip.
fn skip(text: &str, from: usize, skip_char: impl Fn(char) -> bool) -> usize {
    let rest = &text[from..];
    from + (rest.len() - rest.trim_start_matches(skip_char).len())
}

/// Where `words` (lower case) end if they are written in `text` from byte `from`, whole words
/// only, case-insensitively, separated by white space, hyphens, dashes, slashes or underscores.
fn match_words_at(text: &str, from: usize, words: &[String]) -> Option<usize> {
    if words.is_empty() || !text.is_char_boundary(from) {
        return None;
    }
    if text[..from]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let mut pos = from;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let next = skip(text, pos, |c| {
                c.is_whitespace() || matches!(c, '-' | '–' | '_' | '/')
            });
            if next == pos {
                return None;
            }
            pos = next;
        }
        let rest = &text[pos..];
        let len = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        if len == 0 || rest[..len].to_lowercase() != *word {
            return None;
        }
        pos += len;
    }
    Some(pos)
}

// ---- impact ------------------------------------------------------------------------------------

/// The evidence of impact of a progress entry (docs/domain.md rule 3).
///
/// Serialises as `{"kind": "evidence", "text": "…"}`, `{"kind": "none_undertaken"}` or
/// `{"kind": "not_recorded"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum Impact {
    /// What the actions achieved, as written (trimmed, never blank).
    Evidence(String),
    /// The explicit statement that no assessment of impact was undertaken.
    NoneUndertaken,
    /// Nothing recorded: only for history imported from documents (the seed's recommendations 2
    /// and 3 leave the cell empty). A submission may not leave it so.
    NotRecorded,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImpactError {
    #[error(
        "must give the evidence of impact, or state that no assessment of impact was undertaken"
    )]
    NotStated,
}

impl Impact {
    /// How documents state [`Impact::NoneUndertaken`] (the seed's recommendation 1).
    pub const NONE_UNDERTAKEN_TEXT: &'static str = "No assessment of impact undertaken.";

    /// Reads an "Evidence of Impact" cell: blank → [`NotRecorded`](Self::NotRecorded); a
    /// statement that no assessment was undertaken (see [`is_no_assessment_statement`]) →
    /// [`NoneUndertaken`](Self::NoneUndertaken); anything else is evidence, trimmed.
    pub fn parse(raw: &str) -> Impact {
        let text = raw.trim();
        if text.is_empty() {
            Impact::NotRecorded
        } else if is_no_assessment_statement(text) {
            Impact::NoneUndertaken
        } else {
            Impact::Evidence(text.to_owned())
        }
    }

    /// [`parse`](Self::parse) for a cell that may be missing altogether.
    pub fn parse_optional(raw: Option<&str>) -> Impact {
        raw.map_or(Impact::NotRecorded, Impact::parse)
    }

    /// Evidence entered as such (not read from a document): trimmed, not blank.
    pub fn evidence(text: &str) -> Result<Impact, ImpactError> {
        let text = text.trim();
        if text.is_empty() {
            Err(ImpactError::NotStated)
        } else {
            Ok(Impact::Evidence(text.to_owned()))
        }
    }

    /// The text to print in the document: the evidence, the standard statement, or nothing.
    pub fn document_text(&self) -> &str {
        match self {
            Impact::Evidence(text) => text,
            Impact::NoneUndertaken => Self::NONE_UNDERTAKEN_TEXT,
            Impact::NotRecorded => "",
        }
    }

    /// Evidence or the explicit statement; not [`NotRecorded`](Self::NotRecorded) nor blank
    /// evidence.
    pub fn is_stated(&self) -> bool {
        match self {
            Impact::Evidence(text) => !text.trim().is_empty(),
            Impact::NoneUndertaken => true,
            Impact::NotRecorded => false,
        }
    }
}

/// docs/domain.md rule 3: a submission states evidence of impact or that no assessment of impact was
/// undertaken; [`Impact::NotRecorded`] is only for imports.
pub fn check_impact_for_submission(impact: &Impact) -> Result<(), ImpactError> {
    if impact.is_stated() {
        Ok(())
    } else {
        Err(ImpactError::NotStated)
    }
}

/// For historical imports anything goes but blank evidence (which should have been
/// [`Impact::NotRecorded`]).
pub fn check_impact_for_import(impact: &Impact) -> Result<(), ImpactError> {
    match impact {
        Impact::Evidence(text) if text.trim().is_empty() => Err(ImpactError::NotStated),
        _ => Ok(()),
    }
}

/// Whether a short text says that no assessment of impact was undertaken, and nothing more:
/// "No assessment of impact undertaken.", "No impact assessment undertaken", "None
/// undertaken", "N/A – no assessment of impact", "No assessment of impact has yet been carried
/// out", "Impact not yet assessed", "None", "N/A". Not "No impact" (that is a finding) and not a
/// statement followed by evidence.
pub fn is_no_assessment_statement(text: &str) -> bool {
    const FILLER: &str = concat!(
        "a an the of has have had been was were is be yet as at this that time stage ",
        "point to date currently any formal specific further so far on its their",
    );
    const VERBS: &str = concat!(
        "undertaken undertake carried out made completed conducted done performed ",
        "available recorded",
    );
    let words = norm_words(text);
    if words.is_empty() || words.len() > 16 {
        return false;
    }
    let mut w: Vec<&str> = words.iter().map(String::as_str).collect();
    // A leading "N/A", "NA", "Not applicable".
    if w.starts_with(&["n", "a"]) || w.starts_with(&["not", "applicable"]) {
        w.drain(..2);
    } else if w.first() == Some(&"na") {
        w.remove(0);
    }
    w.retain(|x| !listed(FILLER, x));
    while w.last().is_some_and(|x| listed(VERBS, x)) {
        w.pop();
    }
    matches!(
        w.as_slice(),
        [] | ["none"]
            | ["nil"]
            | ["no", "assessment"]
            | ["no", "assessments"]
            | ["no", "assessment", "impact"]
            | ["no", "impact", "assessment"]
            | ["no", "impact", "assessments"]
            | ["not", "assessed"]
            | ["impact", "not", "assessed"]
            | ["none", "no", "assessment", "impact"]
    )
}

// ---- submission workflow -----------------------------------------------------------------------

/// Where a partner's progress entry is (docs/domain.md rule 4, issue 5): draft → submitted →
/// (returned with comments → submitted again)* → validated by an officer → accepted by the
/// committee. An officer may also return a validated entry before the committee accepts it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionState {
    Draft,
    Submitted,
    Returned,
    Validated,
    Accepted,
}

impl SubmissionState {
    pub const ALL: [SubmissionState; 5] = [
        SubmissionState::Draft,
        SubmissionState::Submitted,
        SubmissionState::Returned,
        SubmissionState::Validated,
        SubmissionState::Accepted,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            SubmissionState::Draft => "draft",
            SubmissionState::Submitted => "submitted",
            SubmissionState::Returned => "returned",
            SubmissionState::Validated => "validated",
            SubmissionState::Accepted => "accepted",
        }
    }

    /// For humans: "Returned with comments", "Validated by officer".
    pub fn label(&self) -> &'static str {
        match self {
            SubmissionState::Draft => "Draft",
            SubmissionState::Submitted => "Submitted",
            SubmissionState::Returned => "Returned with comments",
            SubmissionState::Validated => "Validated by officer",
            SubmissionState::Accepted => "Accepted by committee",
        }
    }

    /// draft → submitted; submitted → validated or returned; returned → submitted; validated →
    /// accepted or returned; accepted is final.
    pub fn allowed_next(&self) -> &'static [SubmissionState] {
        use SubmissionState::*;
        match self {
            Draft => &[Submitted],
            Submitted => &[Validated, Returned],
            Returned => &[Submitted],
            Validated => &[Accepted, Returned],
            Accepted => &[],
        }
    }

    pub fn is_final(&self) -> bool {
        self.allowed_next().is_empty()
    }

    /// Draft or returned: the contributor's organisation may edit it; otherwise it is read-only
    /// to them.
    pub fn editable_by_contributor(&self) -> bool {
        matches!(self, SubmissionState::Draft | SubmissionState::Returned)
    }

    /// Whether the partner still owes it (draft or returned).
    pub fn awaiting_contributor(&self) -> bool {
        self.editable_by_contributor()
    }

    /// The states `actor` may move this one to.
    pub fn allowed_for(&self, actor: Actor) -> Vec<SubmissionState> {
        self.allowed_next()
            .iter()
            .copied()
            .filter(|to| SubmissionStep::of(*self, *to).is_some_and(|s| s.actor() == actor))
            .collect()
    }
}

/// docs/domain.md rule 4: only a draft or a returned entry is editable by its contributor.
pub fn editable_by_contributor(state: SubmissionState) -> bool {
    state.editable_by_contributor()
}

impl Lifecycle for SubmissionState {
    const NOUN: &'static str = "submission";
    fn label(&self) -> &'static str {
        SubmissionState::label(self)
    }
    fn allowed_next(&self) -> &'static [Self] {
        SubmissionState::allowed_next(self)
    }
}

impl FromStr for SubmissionState {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase();
        SubmissionState::ALL
            .into_iter()
            .find(|state| state.as_str() == key || state.label().eq_ignore_ascii_case(&key))
            .ok_or(UnknownVariant {
                expected: "draft, submitted, returned, validated, accepted",
            })
    }
}

impl fmt::Display for SubmissionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who moves a submission. The committee's decisions are recorded by an officer (the API decides
/// who may act for the committee); an admin acts as an officer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// Partner staff of the organisation the entry belongs to.
    Contributor,
    /// A council scrutiny or link officer.
    Officer,
    /// The select committee, at a meeting.
    Committee,
}

impl Actor {
    pub fn as_str(&self) -> &'static str {
        match self {
            Actor::Contributor => "contributor",
            Actor::Officer => "officer",
            Actor::Committee => "committee",
        }
    }

    /// For messages: "a contributor", "a council officer", "the committee".
    pub fn label(&self) -> &'static str {
        match self {
            Actor::Contributor => "a contributor",
            Actor::Officer => "a council officer",
            Actor::Committee => "the committee",
        }
    }

    /// The actor a user of `role` acts as in the workflow: admins act as officers, viewers not at
    /// all. (The committee is never a user's role.)
    pub fn for_role(role: Role) -> Option<Actor> {
        match role {
            Role::Admin | Role::Officer => Some(Actor::Officer),
            Role::Contributor => Some(Actor::Contributor),
            Role::Viewer => None,
        }
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A step of the workflow, as the entry's history names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionStep {
    /// draft → submitted, by the contributor.
    Submit,
    /// submitted or validated → returned (with comments), by an officer.
    Return,
    /// returned → submitted, by the contributor.
    Resubmit,
    /// submitted → validated (with the officer's grade), by an officer.
    Validate,
    /// validated → accepted (with the final grade), by the committee.
    Accept,
}

impl SubmissionStep {
    /// The step that moves `from` to `to`, if the workflow has one.
    pub fn of(from: SubmissionState, to: SubmissionState) -> Option<SubmissionStep> {
        use SubmissionState::*;
        match (from, to) {
            (Draft, Submitted) => Some(SubmissionStep::Submit),
            (Submitted | Validated, Returned) => Some(SubmissionStep::Return),
            (Returned, Submitted) => Some(SubmissionStep::Resubmit),
            (Submitted, Validated) => Some(SubmissionStep::Validate),
            (Validated, Accepted) => Some(SubmissionStep::Accept),
            _ => None,
        }
    }

    /// Who may take this step.
    pub fn actor(&self) -> Actor {
        match self {
            SubmissionStep::Submit | SubmissionStep::Resubmit => Actor::Contributor,
            SubmissionStep::Return | SubmissionStep::Validate => Actor::Officer,
            SubmissionStep::Accept => Actor::Committee,
        }
    }

    /// The state the step leads to.
    pub fn to(&self) -> SubmissionState {
        match self {
            SubmissionStep::Submit | SubmissionStep::Resubmit => SubmissionState::Submitted,
            SubmissionStep::Return => SubmissionState::Returned,
            SubmissionStep::Validate => SubmissionState::Validated,
            SubmissionStep::Accept => SubmissionState::Accepted,
        }
    }

    /// A return must say why (the comments).
    pub fn needs_comment(&self) -> bool {
        matches!(self, SubmissionStep::Return)
    }

    /// For the history: "submitted", "returned", "resubmitted", "validated", "accepted".
    pub fn as_str(&self) -> &'static str {
        match self {
            SubmissionStep::Submit => "submitted",
            SubmissionStep::Return => "returned",
            SubmissionStep::Resubmit => "resubmitted",
            SubmissionStep::Validate => "validated",
            SubmissionStep::Accept => "accepted",
        }
    }
}

impl fmt::Display for SubmissionStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A workflow move that is not allowed: not a step of the workflow (409, with the allowed
/// states), or a step this actor may not take (403).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SubmissionTransitionError {
    #[error(transparent)]
    Illegal(#[from] IllegalTransition<SubmissionState>),
    #[error("{} cannot move a submission from {} to {}; only {} can", .actor.label(), .from.label(), .to.label(), .permitted.label())]
    Forbidden {
        from: SubmissionState,
        to: SubmissionState,
        actor: Actor,
        /// Who may take this step.
        permitted: Actor,
    },
}

/// Moves a submission from `from` to `to` on behalf of `actor`: the step taken, or why not.
pub fn transition(
    from: SubmissionState,
    to: SubmissionState,
    actor: Actor,
) -> Result<SubmissionStep, SubmissionTransitionError> {
    let step = SubmissionStep::of(from, to).ok_or_else(|| IllegalTransition {
        from,
        to,
        allowed: from.allowed_next().to_vec(),
    })?;
    if step.actor() != actor {
        return Err(SubmissionTransitionError::Forbidden {
            from,
            to,
            actor,
            permitted: step.actor(),
        });
    }
    Ok(step)
}

// ---- the three grades --------------------------------------------------------------------------

/// The grades of one progress entry (docs/domain.md rule 2): the partner's proposal, the officer's
/// validation and the committee's final grade, all kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GradeSet {
    pub proposed: Option<GradeCode>,
    pub officer: Option<GradeCode>,
    pub accepted: Option<GradeCode>,
}

/// Where the grades of a [`GradeSet`] differ; a grade not yet given differs from nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GradeDifferences {
    pub proposed_vs_officer: bool,
    pub officer_vs_accepted: bool,
    pub proposed_vs_accepted: bool,
}

impl GradeDifferences {
    pub fn any(&self) -> bool {
        self.proposed_vs_officer || self.officer_vs_accepted || self.proposed_vs_accepted
    }
}

#[derive(Debug, PartialEq, Eq, Error)]
pub enum GradeSetError {
    #[error("the grade {chosen} differs from the {compared_with} grade {expected}: give a reason")]
    ReasonRequired {
        expected: GradeCode,
        chosen: GradeCode,
        /// "proposed" or "suggested".
        compared_with: &'static str,
    },
    #[error("reason {0}")]
    Reason(#[from] TextError),
}

impl GradeSet {
    pub fn differs(&self) -> GradeDifferences {
        fn differ(a: &Option<GradeCode>, b: &Option<GradeCode>) -> bool {
            matches!((a, b), (Some(a), Some(b)) if a != b)
        }
        GradeDifferences {
            proposed_vs_officer: differ(&self.proposed, &self.officer),
            officer_vs_accepted: differ(&self.officer, &self.accepted),
            proposed_vs_accepted: differ(&self.proposed, &self.accepted),
        }
    }

    /// The grade that stands now: accepted, else the officer's, else the proposed one.
    pub fn current(&self) -> Option<&GradeCode> {
        self.accepted
            .as_ref()
            .or(self.officer.as_ref())
            .or(self.proposed.as_ref())
    }

    /// Whether the officer's grade differs from the proposed one, and so needs a reason.
    pub fn officer_needs_reason(&self) -> bool {
        self.differs().proposed_vs_officer
    }

    /// The reason for the officer's grade: required (not blank) when it differs from the proposed
    /// one, optional otherwise. With no officer grade, any reason is just kept.
    pub fn check_officer_reason(
        &self,
        reason: Option<&str>,
    ) -> Result<Option<Reason>, GradeSetError> {
        match &self.officer {
            Some(officer) => reason_for_officer_grade(self.proposed.as_ref(), officer, reason),
            None => optional_reason(reason),
        }
    }

    /// Every grade given is a level of `scale`.
    pub fn check_scale(&self, scale: &GradeScale) -> Result<(), GradeError> {
        for code in [&self.proposed, &self.officer, &self.accepted]
            .into_iter()
            .flatten()
        {
            scale.require(code.as_str())?;
        }
        Ok(())
    }
}

/// docs/domain.md rule 2 / issue 5: an officer's grade that differs from the proposed one needs a
/// reason. Returns the reason, if any was given.
pub fn reason_for_officer_grade(
    proposed: Option<&GradeCode>,
    officer: &GradeCode,
    reason: Option<&str>,
) -> Result<Option<Reason>, GradeSetError> {
    reason_for_difference(proposed, officer, reason, "proposed")
}

/// Issue 5: overriding the suggested grade (the worst of the parts' grades) needs a reason.
pub fn reason_for_override(
    suggested: Option<&GradeCode>,
    chosen: &GradeCode,
    reason: Option<&str>,
) -> Result<Option<Reason>, GradeSetError> {
    reason_for_difference(suggested, chosen, reason, "suggested")
}

fn reason_for_difference(
    expected: Option<&GradeCode>,
    chosen: &GradeCode,
    reason: Option<&str>,
    compared_with: &'static str,
) -> Result<Option<Reason>, GradeSetError> {
    let reason = optional_reason(reason)?;
    match expected {
        Some(expected) if expected != chosen && reason.is_none() => {
            Err(GradeSetError::ReasonRequired {
                expected: expected.clone(),
                chosen: chosen.clone(),
                compared_with,
            })
        }
        _ => Ok(reason),
    }
}

fn optional_reason(reason: Option<&str>) -> Result<Option<Reason>, GradeSetError> {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => Ok(Some(Reason::parse(r)?)),
        None => Ok(None),
    }
}

// ---- carry forward -----------------------------------------------------------------------------

/// What a recommendation's monitoring comes to (docs/domain.md rule 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationOutcome {
    /// Accepted at a closing grade, or closed by the committee with a reason.
    Closed,
    /// Not yet graded, or accepted at a grade that does not close it: in the next round.
    Outstanding,
    /// Withdrawn with a reason (docs/domain.md rule 9): neither chased nor blocking sign-off.
    Withdrawn,
}

/// docs/domain.md rule 5: a committee closure closes the recommendation whatever its grade;
/// otherwise an accepted grade at a closing level closes it, and anything else (including no
/// accepted grade yet) leaves it outstanding.
pub fn outcome(
    scale: &GradeScale,
    accepted: Option<&GradeCode>,
    committee_closure: Option<&Reason>,
) -> Result<RecommendationOutcome, GradeError> {
    if committee_closure.is_some() {
        return Ok(RecommendationOutcome::Closed);
    }
    match accepted {
        Some(code) if scale.closes(code.as_str())? => Ok(RecommendationOutcome::Closed),
        _ => Ok(RecommendationOutcome::Outstanding),
    }
}

/// A recommendation's standing for carry-forward: `recommendation` is whatever identifies it
/// to the caller (an id, a number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationProgress<K> {
    pub recommendation: K,
    /// Its latest accepted grade.
    pub accepted: Option<GradeCode>,
    /// The committee closed it, with this reason.
    pub committee_closure: Option<Reason>,
    /// It was withdrawn, with this reason.
    pub withdrawal: Option<Reason>,
}

impl<K> RecommendationProgress<K> {
    /// Not yet graded, closed or withdrawn.
    pub fn new(recommendation: K) -> Self {
        Self {
            recommendation,
            accepted: None,
            committee_closure: None,
            withdrawal: None,
        }
    }

    pub fn outcome(&self, scale: &GradeScale) -> Result<RecommendationOutcome, GradeError> {
        if self.withdrawal.is_some() {
            return Ok(RecommendationOutcome::Withdrawn);
        }
        outcome(
            scale,
            self.accepted.as_ref(),
            self.committee_closure.as_ref(),
        )
    }
}

/// The recommendations the next round covers: those outstanding, in the given order.
pub fn outstanding_for_next_round<'a, K>(
    scale: &GradeScale,
    items: &'a [RecommendationProgress<K>],
) -> Result<Vec<&'a K>, GradeError> {
    let mut out = Vec::new();
    for item in items {
        if item.outcome(scale)? == RecommendationOutcome::Outstanding {
            out.push(&item.recommendation);
        }
    }
    Ok(out)
}

/// Whether the action plan is signed off: it has recommendations, and every one is closed or
/// withdrawn. A plan with none is not signed off (there is nothing to sign off).
pub fn plan_signed_off<K>(
    scale: &GradeScale,
    items: &[RecommendationProgress<K>],
) -> Result<bool, GradeError> {
    if items.is_empty() {
        return Ok(false);
    }
    for item in items {
        if item.outcome(scale)? == RecommendationOutcome::Outstanding {
            return Ok(false);
        }
    }
    Ok(true)
}

// ---- due dates ---------------------------------------------------------------------------------

/// The usual gap between agreeing an action plan and its first update (docs/domain.md rule 6).
pub const FIRST_ROUND_MONTHS: u32 = 12;
/// The most chasers [`chasers`] schedules.
pub const MAX_CHASERS: u32 = 52;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DueDateError {
    #[error("the number of months must be at least 1")]
    ZeroMonths,
    #[error("the number of days between chasers must be at least 1")]
    ZeroDays,
    #[error("at most {MAX_CHASERS} chasers can be scheduled, not {0}")]
    TooManyChasers(u32),
    #[error("the date would fall outside the years {MIN_YEAR} to {MAX_YEAR}")]
    OutOfRange,
}

fn in_range(date: Option<NaiveDate>) -> Result<NaiveDate, DueDateError> {
    date.filter(|d| (MIN_YEAR..=MAX_YEAR).contains(&d.year()))
        .ok_or(DueDateError::OutOfRange)
}

/// `date` plus whole months, clamped to the end of a shorter month: 31 January + 1 month is
/// 28 (or 29) February.
pub fn add_months(date: NaiveDate, months: u32) -> Result<NaiveDate, DueDateError> {
    in_range(date.checked_add_months(Months::new(months)))
}

/// When the first update is due: `months` (usually [`FIRST_ROUND_MONTHS`]) after the plan was
/// agreed, at the same precision: March 2022 + 12 → March 2023 (month precision: no day is
/// invented); 31 March 2023 + 11 → 29 February 2024 (a day clamped to the end of a shorter
/// month).
pub fn first_round_due(plan_agreed: PartialDate, months: u32) -> Result<PartialDate, DueDateError> {
    if months == 0 {
        return Err(DueDateError::ZeroMonths);
    }
    let date = add_months(plan_agreed.first_day(), months)?;
    match plan_agreed.precision() {
        Precision::Day => Ok(PartialDate::from(date)),
        Precision::Month => {
            PartialDate::month(date.year(), date.month()).map_err(|_| DueDateError::OutOfRange)
        }
    }
}

/// When a later round is due: `interval_months` (a committee setting) after the previous
/// round's meeting, clamped to the month's end.
pub fn next_round_due(
    previous_meeting: NaiveDate,
    interval_months: u32,
) -> Result<NaiveDate, DueDateError> {
    if interval_months == 0 {
        return Err(DueDateError::ZeroMonths);
    }
    add_months(previous_meeting, interval_months)
}

/// The day to remind contributors: `days_before` the round's deadline (0: on the day).
pub fn reminder_on(deadline: NaiveDate, days_before: u32) -> Result<NaiveDate, DueDateError> {
    in_range(deadline.checked_sub_days(Days::new(days_before.into())))
}

/// The days to chase contributors after a missed deadline: every `every_days` days after it,
/// `count` times (at most [`MAX_CHASERS`]).
pub fn chasers(
    deadline: NaiveDate,
    every_days: u32,
    count: u32,
) -> Result<Vec<NaiveDate>, DueDateError> {
    if every_days == 0 {
        return Err(DueDateError::ZeroDays);
    }
    if count > MAX_CHASERS {
        return Err(DueDateError::TooManyChasers(count));
    }
    (1..=count)
        .map(|k| {
            in_range(deadline.checked_add_days(Days::new(u64::from(every_days) * u64::from(k))))
        })
        .collect()
}

/// Whether an entry is overdue on `today`: the deadline has passed and the partner still owes
/// it (no entry yet, a draft, or returned).
pub fn is_overdue(deadline: NaiveDate, state: Option<SubmissionState>, today: NaiveDate) -> bool {
    today > deadline && state.is_none_or(|s| s.awaiting_contributor())
}

/// Whether `deadline` falls within the next `days` days from `today` (today included): "due
/// in the next 45 days".
pub fn due_within(deadline: NaiveDate, today: NaiveDate, days: u32) -> bool {
    today <= deadline
        && today
            .checked_add_days(Days::new(days.into()))
            .is_none_or(|last| deadline <= last)
}

// ---- key figures -------------------------------------------------------------------------------

/// A figure quoted in evidence of progress: "VCOP compliance 95.2% (Northside officers)",
/// "100% of 102 live crimes as of 02/11/22", "10 responses".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFigure {
    /// What is measured: "VCOP compliance", "responses".
    pub label: String,
    /// The number as written, without thousands separators: "95.2", "100", "1234".
    pub value: String,
    /// "%" for percentages; `None` for counts.
    pub unit: Option<String>,
    /// Whom or what it covers: "Northside officers", "102 live crimes".
    pub scope: Option<String>,
    /// The day it was measured, when the text gives one ("as of 02/11/22"); a month alone
    /// is not turned into a day.
    pub as_of: Option<NaiveDate>,
    /// The sentence it was read from, trimmed.
    pub raw: String,
}

impl KeyFigure {
    /// The value as a number.
    pub fn number(&self) -> f64 {
        self.value.parse().unwrap_or(f64::NAN)
    }
}

/// Finds the figures quoted in a text, best effort; the caller shows them for confirmation.
///
/// Read, sentence by sentence (sentences end at ". ", "! ", "? ", a line break or a tab):
/// - percentages after a connecting word: "(subject) have a VCOP compliance of 95.2%",
///   "satisfaction is at 78 per cent", "Compliance: 90%". The label is the words before the
///   connecting word (stopping at articles, verbs and prepositions), else the words after
///   "95% of …". The scope is, in this order: the phrase after "for / among / across / from /
///   within" ("for their 102 live crimes" → "102 live crimes"), a short parenthesis right after
///   the figure ("95.2% (Northside officers)"), or the subject before "have / has / had"
///   without "At present" and the like ("Northside officers").
/// - counts: "There were 10 responses", "There have been 3 complaints", "a total of 40
///   visits", "received 12 replies": the label is the words after the number; scope as above.
/// - "as of" or "as at" followed by a date, anywhere in the sentence, gives `as_of` when the
///   date has a day.
///
/// Numbers in dates, references ("Appendix 2", "recommendation (4)") and rules ("within 5
/// working days") are not figures. Numbers written as words are not read.
pub fn extract_key_figures(text: &str) -> Vec<KeyFigure> {
    sentences(text)
        .into_iter()
        .flat_map(figures_in_sentence)
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum TokKind {
    Word,
    Number { percent: bool },
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: TokKind,
    start: usize,
    end: usize,
}

/// The sentences of a text, trimmed and not blank.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let end = match c {
            '\n' | '\r' | '\t' => Some(i),
            '.' | '!' | '?' if next.is_none_or(char::is_whitespace) => Some(i + c.len_utf8()),
            _ => None,
        };
        if let Some(end) = end {
            out.push(&text[start..end]);
            start = i + c.len_utf8();
        }
    }
    out.push(&text[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn tokenize(s: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|(_, c)| *c);
    let pos = |i: usize| chars.get(i).map_or(s.len(), |(p, _)| *p);
    let mut toks: Vec<Tok> = Vec::new();
    let mut i = 0;
    while let Some(c) = at(i) {
        let start = pos(i);
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let digits = |mut j: usize| {
                while at(j).is_some_and(|c| c.is_ascii_digit()) {
                    j += 1;
                }
                j
            };
            let mut j = digits(i);
            // Thousands: "1,234".
            while at(j) == Some(',')
                && (1..=3).all(|k| at(j + k).is_some_and(|c| c.is_ascii_digit()))
                && !at(j + 4).is_some_and(|c| c.is_ascii_digit())
            {
                j += 4;
            }
            if at(j) == Some('.') && at(j + 1).is_some_and(|c| c.is_ascii_digit()) {
                j = digits(j + 1);
            }
            if at(j).is_some_and(char::is_alphabetic) {
                // "14th", "2nd", "3G": a word, not a figure.
                while at(j).is_some_and(char::is_alphanumeric) {
                    j += 1;
                }
                toks.push(Tok {
                    kind: TokKind::Word,
                    start,
                    end: pos(j),
                });
            } else {
                toks.push(Tok {
                    kind: TokKind::Number { percent: false },
                    start,
                    end: pos(j),
                });
            }
            i = j;
        } else if c.is_alphabetic() {
            let mut j = i + 1;
            loop {
                match at(j) {
                    Some(c) if c.is_alphanumeric() => j += 1,
                    Some('-' | '\'' | '’') if at(j + 1).is_some_and(char::is_alphanumeric) => {
                        j += 2
                    }
                    _ => break,
                }
            }
            toks.push(Tok {
                kind: TokKind::Word,
                start,
                end: pos(j),
            });
            i = j;
        } else {
            toks.push(Tok {
                kind: TokKind::Punct(c),
                start,
                end: pos(i + 1),
            });
            i += 1;
        }
    }
    // "95.2%", "95.2 %", "95 per cent", "95 percent".
    let mut merged: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut k = 0;
    while k < toks.len() {
        let mut tok = toks[k];
        if let TokKind::Number { .. } = tok.kind {
            let word = |n: usize, w: &str| {
                toks.get(n).is_some_and(|t| {
                    t.kind == TokKind::Word && s[t.start..t.end].eq_ignore_ascii_case(w)
                })
            };
            let sign = toks
                .get(k + 1)
                .is_some_and(|t| t.kind == TokKind::Punct('%'));
            let consumed = if sign || word(k + 1, "percent") {
                1
            } else if word(k + 1, "per") && word(k + 2, "cent") {
                2
            } else {
                0
            };
            if consumed > 0 {
                tok.kind = TokKind::Number { percent: true };
                tok.end = toks[k + consumed].end;
                k += consumed;
            }
        }
        merged.push(tok);
        k += 1;
    }
    merged
}

/// Words that end a label or scope phrase.
const STOP: &str = concat!(
    "a an the their our its his her my your this that these those have has had having ",
    "is are was were be been being and or but with of at in on for to by from as ",
    "present currently now overall which who where when there it they we achieved ",
    "achieve achieves achieving show shows showed recorded reported maintained ",
    "maintain maintaining improved total about around approximately because while ",
    "whilst against than can could will would should may might not no among amongst ",
    "across within since until during after before per each over under last into so ",
    "if then up down",
);

/// Words between a label and its percentage: "compliance of 95%", "rate is at 78%".
const CONNECTORS: &str = concat!(
    "of at is was are were stands stood reached remains remained around about ",
    "approximately",
);

/// Words that lead into a scope: "for their 102 live crimes".
const SCOPE_LEADS: &str = "for among amongst across from within";

/// Determiners dropped at the start of a scope: "for their 102 live crimes" → "102 live crimes".
const DETERMINERS: &str = "the their its our his her my your";

/// Phrases dropped at the start of a subject: "At present Northside officers" → "Northside
/// officers".
const ADVERBIALS: &[&[&str]] = &[
    &["at", "present"],
    &["at", "this", "time"],
    &["currently"],
    &["presently"],
    &["to", "date"],
    &["so", "far"],
    &["overall"],
    &["in", "total"],
    &["now"],
];

fn figures_in_sentence(sentence: &str) -> Vec<KeyFigure> {
    let toks = tokenize(sentence);
    let text = |t: &Tok| &sentence[t.start..t.end];
    let lower = |t: &Tok| text(t).to_lowercase();
    // Whether token `i` is a word of `list` (space-separated, lower case).
    let is_word = |i: usize, list: &str| {
        toks.get(i)
            .is_some_and(|t| t.kind == TokKind::Word && listed(list, &lower(t)))
    };
    let is_plain_word = |i: usize| {
        toks.get(i)
            .is_some_and(|t| t.kind == TokKind::Word && !listed(STOP, &lower(t)))
    };
    let span = |from: usize, to: usize| sentence[toks[from].start..toks[to].end].to_owned();
    // The words after `from`, up to a stop word or punctuation, at most `max`.
    let phrase_after = |from: usize, max: usize| -> Option<(usize, usize)> {
        let mut end = from;
        while end < toks.len() && end - from < max && is_plain_word(end) {
            end += 1;
        }
        (end > from).then(|| (from, end - 1))
    };
    // A scope after token `after`: "for (their) 102 live crimes", or "(Northside officers)".
    let scope_after = |after: usize| -> Option<String> {
        let i = after + 1;
        if is_word(i, SCOPE_LEADS) {
            let mut j = i + 1;
            if is_word(j, DETERMINERS) {
                j += 1;
            }
            let mut end = j;
            while end < toks.len()
                && end - j < 8
                && (matches!(toks[end].kind, TokKind::Number { .. })
                    || is_plain_word(end)
                    || is_word(end, "all"))
            {
                end += 1;
            }
            return (end > j).then(|| span(j, end - 1));
        }
        if toks.get(i).is_some_and(|t| t.kind == TokKind::Punct('(')) {
            let close = (i + 1..toks.len()).find(|&k| toks[k].kind == TokKind::Punct(')'))?;
            let inner = &toks[i + 1..close];
            let words = inner
                .iter()
                .filter(|t| t.kind != TokKind::Punct(','))
                .count();
            let is_as_of = inner.first().is_some_and(|t| lower(t) == "as");
            if close > i + 1 && words <= 5 && !is_as_of {
                return Some(span(i + 1, close - 1));
            }
        }
        None
    };
    let as_of = as_of_in(sentence, &toks);

    let mut figures = Vec::new();
    for (i, tok) in toks.iter().enumerate() {
        let TokKind::Number { percent } = tok.kind else {
            continue;
        };
        let value: String = text(tok)
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
            .filter(|c| *c != ',')
            .collect();
        let figure = if percent {
            // Label before a connector: "VCOP compliance of 95.2%".
            let mut j = i;
            while j > 0
                && i - j < 3
                && (is_word(j - 1, CONNECTORS)
                    || matches!(toks[j - 1].kind, TokKind::Punct(':' | '=')))
            {
                j -= 1;
            }
            let mut k = j;
            while k > 0 && j - k < 6 && is_plain_word(k - 1) {
                k -= 1;
            }
            let (label, label_start) = if k < j {
                (Some(span(k, j - 1)), Some(k))
            } else if is_word(i + 1, "of") {
                // "95% of victims …".
                (phrase_after(i + 2, 6).map(|(a, b)| span(a, b)), None)
            } else {
                (phrase_after(i + 1, 4).map(|(a, b)| span(a, b)), None)
            };
            let Some(label) = label else {
                continue;
            };
            let scope = scope_after(i).or_else(|| {
                // The subject: "At present Northside officers have a VCOP compliance …".
                let mut v = label_start?;
                if v > 0 && is_word(v - 1, "a an the") {
                    v -= 1;
                }
                if v == 0 || !is_word(v - 1, "have has had") {
                    return None;
                }
                let verb = v - 1;
                let mut s = verb;
                while s > 0 && matches!(toks[s - 1].kind, TokKind::Word | TokKind::Number { .. }) {
                    s -= 1;
                }
                'strip: loop {
                    for adverbial in ADVERBIALS {
                        let n = adverbial.len();
                        if s + n <= verb && (0..n).all(|m| lower(&toks[s + m]) == adverbial[m]) {
                            s += n;
                            continue 'strip;
                        }
                    }
                    break;
                }
                (s < verb && verb - s <= 6).then(|| span(s, verb - 1))
            });
            KeyFigure {
                label,
                value,
                unit: Some("%".to_owned()),
                scope,
                as_of,
                raw: sentence.to_owned(),
            }
        } else {
            let counted = (i >= 2 && is_word(i - 2, "there") && is_word(i - 1, "were was are is"))
                || (i >= 3
                    && is_word(i - 3, "there")
                    && is_word(i - 2, "have has")
                    && is_word(i - 1, "been"))
                || (i >= 2 && is_word(i - 2, "total") && is_word(i - 1, "of"))
                || (i >= 1 && is_word(i - 1, "received"));
            if !counted {
                continue;
            }
            let Some((a, b)) = phrase_after(i + 1, 5) else {
                continue;
            };
            KeyFigure {
                label: span(a, b),
                value,
                unit: None,
                scope: scope_after(b),
                as_of,
                raw: sentence.to_owned(),
            }
        };
        figures.push(figure);
    }
    figures
}

/// The day in "as of 02/11/22" / "as at 2 November 2022", if the sentence has one.
fn as_of_in(sentence: &str, toks: &[Tok]) -> Option<NaiveDate> {
    let word = |i: usize, w: &str| {
        toks.get(i).is_some_and(|t| {
            t.kind == TokKind::Word && sentence[t.start..t.end].eq_ignore_ascii_case(w)
        })
    };
    let i = (0..toks.len()).find(|&i| word(i, "as") && (word(i + 1, "of") || word(i + 1, "at")))?;
    let first = i + 2;
    let last = (first..toks.len().min(first + 8))
        .take_while(|&k| !matches!(toks[k].kind, TokKind::Punct(')' | ',' | ';' | '(')))
        .last()?;
    // The longest run of tokens from `first` that reads as a date.
    (first..=last).rev().find_map(|end| {
        let text = sentence[toks[first].start..toks[end].end].trim_end_matches('.');
        let date = PartialDate::parse(text).ok()?;
        (date.precision() == Precision::Day).then(|| date.first_day())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::serde_test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn code(c: &str) -> GradeCode {
        GradeCode::parse(c).unwrap()
    }

    // ---- grade codes and scales ----------------------------------------------------------------

    #[test]
    fn grade_codes_are_normalised_and_checked() {
        assert_eq!(code(" Green ").as_str(), "green");
        assert_eq!(code("On-Track").as_str(), "on-track");
        assert_eq!(GradeCode::parse("  "), Err(GradeCodeError::Blank));
        assert_eq!(
            GradeCode::parse(&"x".repeat(21)),
            Err(GradeCodeError::TooLong(20))
        );
        assert_eq!(GradeCode::parse("a b"), Err(GradeCodeError::Characters));
        assert_eq!(GradeCode::parse("-1"), Err(GradeCodeError::Characters));
        assert_eq!(serde_test::to_string(&code("1")), "1");
        assert_eq!(
            serde_test::from_str::<GradeCode>("Amber").unwrap(),
            code("amber")
        );
        assert!(serde_test::from_str::<GradeCode>("").is_err());
    }

    #[test]
    fn the_default_scale_is_the_seeds_grading_key() {
        let scale = GradeScale::default_scale();
        let key: Vec<(&str, &str, u8, bool, bool)> = scale
            .levels()
            .iter()
            .map(|l| {
                (
                    l.code.as_str(),
                    l.label.as_str(),
                    l.order,
                    l.closes,
                    l.explanation_required,
                )
            })
            .collect();
        assert_eq!(
            key,
            [
                ("1", "Fully Achieved", 1, true, false),
                ("2", "On-Track", 2, false, false),
                ("3", "Slipped", 3, false, true),
                ("4", "Not Achieved", 4, false, true),
            ]
        );
        assert_eq!(
            scale.expected_forms(),
            "1 (Fully Achieved), 2 (On-Track), 3 (Slipped), 4 (Not Achieved)"
        );
        assert_eq!(scale.level("3").unwrap().label, "Slipped");
        assert!(scale.level("5").is_none());
        assert!(scale.closes("1").unwrap());
        assert!(!scale.closes("2").unwrap());
        assert_eq!(
            scale.closes("5").unwrap_err().to_string(),
            "there is no grade \"5\" in the Scrutiny progress (1–4) scale"
        );
    }

    #[test]
    fn the_other_built_in_scales() {
        let rag = GradeScale::rag();
        let green = rag.level("GREEN").unwrap();
        assert!(green.closes);
        assert_eq!(green.description.as_deref(), Some("Achieved"));
        assert_eq!(green.document_form(), "Green");
        assert!(rag.level("red").unwrap().explanation_required);
        assert!(!rag.level("amber").unwrap().explanation_required);
        assert!(!rag.level("amber").unwrap().closes);

        let cop = GradeScale::complete_ongoing_paused();
        assert_eq!(
            cop.levels()
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>(),
            ["complete", "ongoing", "paused"]
        );
        assert!(cop.level("complete").unwrap().closes);
        assert!(cop.level("paused").unwrap().explanation_required);
    }

    fn lv(c: &str, label: &str, order: u8) -> GradeLevel {
        GradeLevel::new(c, label, order).unwrap()
    }

    #[test]
    fn scales_are_checked() {
        let ok = || vec![lv("a", "Done", 1).closing(), lv("b", "Not done", 2)];
        let scale = GradeScale::new("  Mine ", ok()).unwrap();
        assert_eq!(scale.name(), "Mine");

        assert_eq!(GradeScale::new(" ", ok()), Err(GradeScaleError::NameBlank));
        assert_eq!(
            GradeScale::new("x", vec![]),
            Err(GradeScaleError::LevelCount { count: 0 })
        );
        let eleven: Vec<GradeLevel> = (1..=11u8)
            .map(|n| lv(&n.to_string(), &format!("Level {n}"), n).closing())
            .collect();
        let e = GradeScale::new("x", eleven).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a grade scale must have between 1 and 10 levels, not 11"
        );
        assert_eq!(
            GradeScale::new("x", vec![lv("a", "Done", 1).closing(), lv("A", "Other", 2)]),
            Err(GradeScaleError::DuplicateCode(code("a")))
        );
        assert_eq!(
            GradeScale::new("x", vec![lv("a", "Done", 1).closing(), lv("b", "Other", 1)]),
            Err(GradeScaleError::DuplicateOrder(1))
        );
        assert_eq!(
            GradeScale::new("x", vec![lv("a", "Done", 1), lv("b", "Other", 2)]),
            Err(GradeScaleError::NoClosingLevel)
        );
        assert_eq!(
            GradeScale::new("x", vec![lv("a", "  ", 1).closing()]),
            Err(GradeScaleError::LabelBlank { code: code("a") })
        );
        assert_eq!(
            GradeScale::new("x", vec![lv("a", "--", 1).closing()]),
            Err(GradeScaleError::LabelBlank { code: code("a") })
        );
        let e = GradeScale::new("x", vec![lv("a", "Done", 1).closing(), lv("b", "done", 2)])
            .unwrap_err();
        assert!(matches!(e, GradeScaleError::Ambiguous { .. }));
        assert_eq!(
            e.to_string(),
            "\"done\" could mean grade a or grade b: codes, labels and descriptions must tell the levels apart"
        );
        // A label that is another level's code is ambiguous too.
        assert!(matches!(
            GradeScale::new("x", vec![lv("1", "Done", 1).closing(), lv("2", "1", 2)]),
            Err(GradeScaleError::Ambiguous { .. })
        ));
        assert_eq!(
            GradeScale::new("x", vec![lv("a", "Done", 1).closing().with_colour("green")]),
            Err(GradeScaleError::Colour {
                code: code("a"),
                colour: "green".into()
            })
        );
        let coloured = GradeScale::new(
            "x",
            vec![lv("a", "Done", 1).closing().with_colour("#00FF00")],
        )
        .unwrap();
        assert_eq!(coloured.levels()[0].colour.as_deref(), Some("#00ff00"));
        // Sorted best first, whatever the input order; blank descriptions dropped.
        let scale = GradeScale::new(
            "x",
            vec![
                lv("b", "Bad", 5).with_description("  "),
                lv("a", " Good ", 2).closing(),
            ],
        )
        .unwrap();
        assert_eq!(scale.levels()[0].label, "Good");
        assert_eq!(scale.levels()[1].description, None);
    }

    #[test]
    fn grades_parse_as_documents_write_them() {
        let scale = GradeScale::default_scale();
        let parse = |t: &str| {
            let g = scale.parse_grade(t).unwrap();
            (g.level.code.as_str().to_owned(), g.explanation)
        };
        let plain = |c: &str| (c.to_owned(), None::<String>);
        for text in [
            "1 (Fully Achieved)",
            "1",
            "Fully Achieved",
            "fully achieved",
            "FULLY-ACHIEVED",
            " 1 (fully achieved) ",
            "1 - Fully Achieved",
            "1 – Fully Achieved",
            "1. Fully Achieved",
            "1: Fully Achieved.",
            "Fully Achieved (1)",
            "Grade 1",
            "Grade: 1 (Fully Achieved)",
            "1 ( Fully Achieved )",
        ] {
            assert_eq!(parse(text), plain("1"), "{text}");
        }
        assert_eq!(parse("On Track"), plain("2"));
        assert_eq!(parse("on-track"), plain("2"));
        assert_eq!(parse("2 (On-Track)"), plain("2"));
        assert_eq!(parse("Not Achieved"), plain("4"));
        assert_eq!(parse("4 (Not Achieved)"), plain("4"));

        // The seed's recommendation 2.
        let seed = "3 (Slipped) Although some progress has been made this area is still not to the desired standard and further improvement is expected. Factors contributing to this include staff turnover/numbers and competing demands.";
        let (c, explanation) = parse(seed);
        assert_eq!(c, "3");
        assert_eq!(
            explanation.as_deref(),
            Some("Although some progress has been made this area is still not to the desired standard and further improvement is expected. Factors contributing to this include staff turnover/numbers and competing demands.")
        );
        // The seed's recommendation 3, grade and explanation in one cell.
        assert_eq!(
            parse("1 (Fully Achieved)\nOngoing compliance is reviewed."),
            ("1".into(), Some("Ongoing compliance is reviewed.".into()))
        );
        assert_eq!(
            parse("Slipped - staff turnover"),
            ("3".into(), Some("staff turnover".into()))
        );
        assert_eq!(
            parse("3: staff turnover"),
            ("3".into(), Some("staff turnover".into()))
        );
        // A parenthesis that names no grade belongs to the explanation.
        assert_eq!(
            parse("2 (see note) awaiting the survey"),
            ("2".into(), Some("(see note) awaiting the survey".into()))
        );
        // An explanation may begin with another grade's code when more follows.
        assert_eq!(
            parse("2 1 of 3 actions done"),
            ("2".into(), Some("1 of 3 actions done".into()))
        );
    }

    #[test]
    fn grades_that_do_not_parse() {
        let scale = GradeScale::default_scale();
        assert_eq!(scale.parse_grade("  "), Err(GradeError::Blank));
        for bad in ["5", "10", "1.5", "1/2", "Achieved", "Green", "grade", "x 1"] {
            let e = scale.parse_grade(bad).unwrap_err();
            assert!(matches!(e, GradeError::Unrecognised { .. }), "{bad}: {e:?}");
        }
        assert_eq!(
            scale.parse_grade("Fully").unwrap_err().to_string(),
            "must be a grade of the Scrutiny progress (1–4) scale: 1 (Fully Achieved), 2 (On-Track), 3 (Slipped), 4 (Not Achieved) (could not read \"Fully\")"
        );
        assert_eq!(
            scale.parse_grade("1 (Slipped)").unwrap_err(),
            GradeError::Conflicting {
                first: "1 (Fully Achieved)".into(),
                second: "3 (Slipped)".into()
            }
        );
        assert!(matches!(
            scale.parse_grade("4 Fully Achieved"),
            Err(GradeError::Conflicting { .. })
        ));
        assert_eq!(
            scale.parse_grade("1 (Slipped)").unwrap_err().to_string(),
            "names two different grades: 1 (Fully Achieved) and 3 (Slipped)"
        );
    }

    #[test]
    fn other_scales_parse_their_own_words() {
        let rag = GradeScale::rag();
        for (text, expected) in [
            ("Green", "green"),
            ("green", "green"),
            ("Achieved", "green"),
            ("Amber (acceptable progress)", "amber"),
            ("Acceptable progress", "amber"),
            ("RED", "red"),
            ("Red (Unacceptable progress)", "red"),
        ] {
            assert_eq!(rag.parse_grade(text).unwrap().level.code.as_str(), expected);
        }
        let g = rag.parse_grade("Red - staffing gaps").unwrap();
        assert_eq!(g.explanation.as_deref(), Some("staffing gaps"));
        assert!(rag.parse_grade("1").is_err());
        assert!(matches!(
            rag.parse_grade("Green (Unacceptable progress)"),
            Err(GradeError::Conflicting { .. })
        ));

        let cop = GradeScale::complete_ongoing_paused();
        let g = cop.parse_grade("Paused: awaiting funding").unwrap();
        assert_eq!(g.level.code.as_str(), "paused");
        assert_eq!(g.explanation.as_deref(), Some("awaiting funding"));
    }

    #[test]
    fn document_text_round_trips() {
        for scale in [
            GradeScale::default_scale(),
            GradeScale::rag(),
            GradeScale::complete_ongoing_paused(),
        ] {
            for level in scale.levels() {
                for explanation in [None, Some("Staff turnover (see Appendix 2).")] {
                    let text = level.document_text(explanation);
                    let parsed = scale.parse_grade(&text).unwrap();
                    assert_eq!(parsed.level, level, "{text}");
                    assert_eq!(parsed.explanation.as_deref(), explanation, "{text}");
                }
            }
        }
        let slipped = GradeScale::default_scale().level("3").unwrap().clone();
        assert_eq!(slipped.document_text(Some("  ")), "3 (Slipped)");
        assert_eq!(
            slipped.document_text(Some("Although…")),
            "3 (Slipped) Although…"
        );
    }

    #[test]
    fn the_worst_grade_is_the_highest_order() {
        let scale = GradeScale::default_scale();
        let levels: Vec<&GradeLevel> = ["2", "1", "3"]
            .iter()
            .map(|c| scale.level(c).unwrap())
            .collect();
        assert_eq!(GradeScale::worst(levels).unwrap().code.as_str(), "3");
        assert_eq!(GradeScale::worst(Vec::<&GradeLevel>::new()), None);
        assert_eq!(
            scale
                .worst_of(["1", "1", "2"])
                .unwrap()
                .map(|l| l.code.as_str()),
            Some("2")
        );
        assert_eq!(
            scale
                .worst_of([code("4"), code("1")])
                .unwrap()
                .unwrap()
                .label,
            "Not Achieved"
        );
        assert_eq!(scale.worst_of(Vec::<&str>::new()).unwrap(), None);
        assert!(matches!(
            scale.worst_of(["1", "9"]),
            Err(GradeError::UnknownCode { .. })
        ));
    }

    #[test]
    fn slipped_and_not_achieved_need_an_explanation() {
        let scale = GradeScale::default_scale();
        let level = |c| scale.level(c).unwrap();
        assert_eq!(requires_explanation(level("1"), None), Ok(()));
        assert_eq!(requires_explanation(level("2"), Some("on plan")), Ok(()));
        assert_eq!(
            requires_explanation(level("3"), None),
            Err(GradeError::ExplanationRequired {
                grade: "3 (Slipped)".into()
            })
        );
        assert_eq!(
            requires_explanation(level("4"), Some("  "))
                .unwrap_err()
                .to_string(),
            "a grade of 4 (Not Achieved) needs an explanation"
        );
        assert_eq!(
            requires_explanation(level("3"), Some("Staff turnover")),
            Ok(())
        );
        let rag = GradeScale::rag();
        assert_eq!(
            requires_explanation(rag.level("red").unwrap(), None)
                .unwrap_err()
                .to_string(),
            "a grade of Red needs an explanation"
        );
    }

    // ---- impact --------------------------------------------------------------------------------

    #[test]
    fn no_assessment_statements_are_recognised() {
        for text in [
            "No assessment of impact undertaken.",
            "No impact assessment undertaken",
            "None undertaken",
            "N/A – no assessment of impact",
            "N/A - No assessment of impact undertaken",
            "no assessment of impact has been undertaken",
            "No assessment of impact has yet been carried out.",
            "No assessment of the impact was undertaken at this stage",
            "No formal impact assessment has been completed to date",
            "Impact not yet assessed",
            "Not assessed",
            "None",
            "N/A",
            "n/a",
            "Not applicable",
            "NIL",
        ] {
            assert!(is_no_assessment_statement(text), "{text}");
            assert_eq!(Impact::parse(text), Impact::NoneUndertaken, "{text}");
        }
        for text in [
            "No impact",
            "No impact yet on satisfaction levels",
            "Feedback demonstrates that there are still very mixed feelings about the level of communications with Cleveland Police.",
            "No assessment of impact undertaken, but complaints fell from 40 to 12 in the year.",
            "Impact assessed: satisfaction up 10%",
        ] {
            assert!(!is_no_assessment_statement(text), "{text}");
            assert_eq!(Impact::parse(text), Impact::Evidence(text.trim().into()));
        }
    }

    #[test]
    fn impact_cells_parse_and_check() {
        // The seed: recommendation 1, 2 (blank) and 4.
        assert_eq!(
            Impact::parse("No assessment of impact undertaken."),
            Impact::NoneUndertaken
        );
        assert_eq!(Impact::parse("  "), Impact::NotRecorded);
        assert_eq!(Impact::parse_optional(None), Impact::NotRecorded);
        let rec4 = Impact::parse(
            " Feedback demonstrates that there are still very mixed feelings about the level of communications with Cleveland Police. ",
        );
        assert_eq!(
            rec4.document_text(),
            "Feedback demonstrates that there are still very mixed feelings about the level of communications with Cleveland Police."
        );
        assert_eq!(
            Impact::NoneUndertaken.document_text(),
            "No assessment of impact undertaken."
        );
        assert_eq!(Impact::NotRecorded.document_text(), "");

        assert_eq!(check_impact_for_submission(&rec4), Ok(()));
        assert_eq!(check_impact_for_submission(&Impact::NoneUndertaken), Ok(()));
        assert_eq!(
            check_impact_for_submission(&Impact::NotRecorded),
            Err(ImpactError::NotStated)
        );
        assert_eq!(
            check_impact_for_submission(&Impact::Evidence(" ".into()))
                .unwrap_err()
                .to_string(),
            "must give the evidence of impact, or state that no assessment of impact was undertaken"
        );
        assert_eq!(check_impact_for_import(&Impact::NotRecorded), Ok(()));
        assert!(check_impact_for_import(&Impact::Evidence(String::new())).is_err());
        assert_eq!(
            Impact::evidence("  Fewer complaints "),
            Ok(Impact::Evidence("Fewer complaints".into()))
        );
        assert_eq!(Impact::evidence(""), Err(ImpactError::NotStated));
    }

    // ---- submission workflow -------------------------------------------------------------------

    #[test]
    fn the_whole_cycle_with_a_return() {
        use SubmissionState::*;
        let steps = [
            (Draft, Submitted, Actor::Contributor, SubmissionStep::Submit),
            (Submitted, Returned, Actor::Officer, SubmissionStep::Return),
            (
                Returned,
                Submitted,
                Actor::Contributor,
                SubmissionStep::Resubmit,
            ),
            (Submitted, Returned, Actor::Officer, SubmissionStep::Return),
            (
                Returned,
                Submitted,
                Actor::Contributor,
                SubmissionStep::Resubmit,
            ),
            (
                Submitted,
                Validated,
                Actor::Officer,
                SubmissionStep::Validate,
            ),
            (
                Validated,
                Accepted,
                Actor::Committee,
                SubmissionStep::Accept,
            ),
        ];
        for (from, to, actor, step) in steps {
            assert_eq!(transition(from, to, actor), Ok(step));
            assert_eq!(step.to(), to);
        }
        assert_eq!(
            transition(Validated, Returned, Actor::Officer),
            Ok(SubmissionStep::Return)
        );
        assert!(SubmissionStep::Return.needs_comment());
        assert!(!SubmissionStep::Validate.needs_comment());
        assert_eq!(SubmissionStep::Resubmit.to_string(), "resubmitted");
        assert!(Accepted.is_final());
    }

    #[test]
    fn illegal_moves_list_the_allowed_ones() {
        use SubmissionState::*;
        let e = transition(Draft, Accepted, Actor::Committee).unwrap_err();
        assert_eq!(
            e,
            SubmissionTransitionError::Illegal(IllegalTransition {
                from: Draft,
                to: Accepted,
                allowed: vec![Submitted]
            })
        );
        assert_eq!(
            e.to_string(),
            "a submission cannot go from Draft to Accepted by committee; from Draft it can go to Submitted"
        );
        let e = transition(Submitted, Accepted, Actor::Committee).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a submission cannot go from Submitted to Accepted by committee; from Submitted it can go to Validated by officer or Returned with comments"
        );
        assert_eq!(
            transition(Accepted, Returned, Actor::Officer)
                .unwrap_err()
                .to_string(),
            "a submission that is Accepted by committee is final and cannot become Returned with comments"
        );
        assert!(matches!(
            transition(Draft, Draft, Actor::Contributor),
            Err(SubmissionTransitionError::Illegal(_))
        ));
        assert!(matches!(
            transition(Returned, Validated, Actor::Officer),
            Err(SubmissionTransitionError::Illegal(_))
        ));
    }

    #[test]
    fn each_step_belongs_to_one_actor() {
        use SubmissionState::*;
        let e = transition(Submitted, Validated, Actor::Contributor).unwrap_err();
        assert_eq!(
            e,
            SubmissionTransitionError::Forbidden {
                from: Submitted,
                to: Validated,
                actor: Actor::Contributor,
                permitted: Actor::Officer
            }
        );
        assert_eq!(
            e.to_string(),
            "a contributor cannot move a submission from Submitted to Validated by officer; only a council officer can"
        );
        assert!(matches!(
            transition(Draft, Submitted, Actor::Officer),
            Err(SubmissionTransitionError::Forbidden { .. })
        ));
        assert!(matches!(
            transition(Validated, Accepted, Actor::Officer),
            Err(SubmissionTransitionError::Forbidden { .. })
        ));
        assert!(matches!(
            transition(Submitted, Returned, Actor::Committee),
            Err(SubmissionTransitionError::Forbidden { .. })
        ));
        assert_eq!(Submitted.allowed_for(Actor::Contributor), vec![]);
        assert_eq!(
            Submitted.allowed_for(Actor::Officer),
            vec![Validated, Returned]
        );
        assert_eq!(Validated.allowed_for(Actor::Committee), vec![Accepted]);
        assert_eq!(Validated.allowed_for(Actor::Officer), vec![Returned]);
        assert_eq!(Actor::for_role(Role::Admin), Some(Actor::Officer));
        assert_eq!(Actor::for_role(Role::Contributor), Some(Actor::Contributor));
        assert_eq!(Actor::for_role(Role::Viewer), None);
    }

    #[test]
    fn steps_and_allowed_states_agree() {
        for from in SubmissionState::ALL {
            for to in SubmissionState::ALL {
                assert_eq!(
                    SubmissionStep::of(from, to).is_some(),
                    from.allowed_next().contains(&to),
                    "{from} → {to}"
                );
                if let Some(step) = SubmissionStep::of(from, to) {
                    assert_eq!(step.to(), to);
                }
            }
        }
    }

    #[test]
    fn contributors_edit_only_drafts_and_returned_entries() {
        use SubmissionState::*;
        let editable: Vec<_> = SubmissionState::ALL
            .into_iter()
            .filter(|s| editable_by_contributor(*s))
            .collect();
        assert_eq!(editable, [Draft, Returned]);
    }

    #[test]
    fn submission_states_round_trip() {
        for state in SubmissionState::ALL {
            assert_eq!(state.as_str().parse(), Ok(state));
            assert_eq!(state.label().parse(), Ok(state));
            assert_eq!(serde_test::to_string(&state), state.as_str());
            assert_eq!(
                serde_test::from_str::<SubmissionState>(state.as_str()).unwrap(),
                state
            );
        }
        assert!("closed".parse::<SubmissionState>().is_err());
        assert_eq!(serde_test::to_string(&Actor::Committee), "committee");
        assert_eq!(serde_test::to_string(&SubmissionStep::Resubmit), "resubmit");
    }

    // ---- the three grades ----------------------------------------------------------------------

    #[test]
    fn grade_differences_are_flagged() {
        let set = GradeSet {
            proposed: Some(code("1")),
            officer: Some(code("2")),
            accepted: Some(code("2")),
        };
        assert_eq!(
            set.differs(),
            GradeDifferences {
                proposed_vs_officer: true,
                officer_vs_accepted: false,
                proposed_vs_accepted: true,
            }
        );
        assert!(set.differs().any());
        assert_eq!(set.current(), Some(&code("2")));

        let same = GradeSet {
            proposed: Some(code("1")),
            officer: Some(code("1")),
            accepted: None,
        };
        assert!(!same.differs().any());
        assert_eq!(same.current(), Some(&code("1")));
        assert!(!GradeSet::default().differs().any());
        assert_eq!(GradeSet::default().current(), None);

        let scale = GradeScale::default_scale();
        assert_eq!(set.check_scale(&scale), Ok(()));
        let bad = GradeSet {
            accepted: Some(code("green")),
            ..GradeSet::default()
        };
        assert!(bad.check_scale(&scale).is_err());
    }

    #[test]
    fn an_officer_grade_that_differs_needs_a_reason() {
        let set = GradeSet {
            proposed: Some(code("1")),
            officer: Some(code("3")),
            accepted: None,
        };
        assert!(set.officer_needs_reason());
        let e = set.check_officer_reason(Some("  ")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the grade 3 differs from the proposed grade 1: give a reason"
        );
        assert_eq!(
            set.check_officer_reason(Some(" Protocol not yet agreed "))
                .unwrap()
                .unwrap()
                .as_str(),
            "Protocol not yet agreed"
        );
        assert!(matches!(
            set.check_officer_reason(Some(&"x".repeat(2001))),
            Err(GradeSetError::Reason(TextError::TooLong(2000)))
        ));

        let agrees = GradeSet {
            proposed: Some(code("1")),
            officer: Some(code("1")),
            accepted: None,
        };
        assert_eq!(agrees.check_officer_reason(None), Ok(None));
        assert!(agrees.check_officer_reason(Some("ok")).unwrap().is_some());
        // Nothing proposed: nothing to differ from.
        assert_eq!(reason_for_officer_grade(None, &code("2"), None), Ok(None));

        assert_eq!(
            reason_for_override(Some(&code("3")), &code("2"), None)
                .unwrap_err()
                .to_string(),
            "the grade 2 differs from the suggested grade 3: give a reason"
        );
        assert!(reason_for_override(Some(&code("3")), &code("3"), None).is_ok());
    }

    // ---- carry forward -------------------------------------------------------------------------

    fn rec(n: &'static str, accepted: Option<&str>) -> RecommendationProgress<&'static str> {
        RecommendationProgress {
            accepted: accepted.map(code),
            ..RecommendationProgress::new(n)
        }
    }

    #[test]
    fn the_seed_round_carries_recommendation_2_forward() {
        let scale = GradeScale::default_scale();
        let round = [
            rec("1", Some("1")),
            rec("2", Some("3")),
            rec("3", Some("1")),
            rec("4", Some("1")),
        ];
        assert_eq!(outstanding_for_next_round(&scale, &round), Ok(vec![&"2"]));
        assert_eq!(plan_signed_off(&scale, &round), Ok(false));
        assert_eq!(
            round[1].outcome(&scale),
            Ok(RecommendationOutcome::Outstanding)
        );

        // Next round: recommendation 2 accepted as fully achieved → signed off.
        let mut next = round.clone();
        next[1].accepted = Some(code("1"));
        assert_eq!(outstanding_for_next_round(&scale, &next), Ok(vec![]));
        assert_eq!(plan_signed_off(&scale, &next), Ok(true));
    }

    #[test]
    fn committee_closure_and_withdrawal() {
        let scale = GradeScale::default_scale();
        let reason = Reason::parse("Superseded by the 2025 strategy").unwrap();
        assert_eq!(
            outcome(&scale, Some(&code("4")), Some(&reason)),
            Ok(RecommendationOutcome::Closed)
        );
        assert_eq!(
            outcome(&scale, Some(&code("2")), None),
            Ok(RecommendationOutcome::Outstanding)
        );
        assert_eq!(
            outcome(&scale, None, None),
            Ok(RecommendationOutcome::Outstanding)
        );
        assert_eq!(
            outcome(&scale, Some(&code("1")), None),
            Ok(RecommendationOutcome::Closed)
        );
        assert!(outcome(&scale, Some(&code("9")), None).is_err());

        let items = [
            rec("1", Some("1")),
            RecommendationProgress {
                committee_closure: Some(reason.clone()),
                ..rec("2", Some("3"))
            },
            RecommendationProgress {
                withdrawal: Some(reason),
                ..rec("3", None)
            },
        ];
        assert_eq!(
            items[2].outcome(&scale),
            Ok(RecommendationOutcome::Withdrawn)
        );
        assert_eq!(outstanding_for_next_round(&scale, &items), Ok(vec![]));
        assert_eq!(plan_signed_off(&scale, &items), Ok(true));
        assert_eq!(
            plan_signed_off::<&str>(&scale, &[]),
            Ok(false),
            "an empty plan is not signed off"
        );
        // Ungraded recommendations block sign-off and go to the next round.
        let pending = [rec("1", Some("1")), rec("2", None)];
        assert_eq!(plan_signed_off(&scale, &pending), Ok(false));
        assert_eq!(outstanding_for_next_round(&scale, &pending), Ok(vec![&"2"]));
        // Other scales close at their own levels.
        let rag = GradeScale::rag();
        assert_eq!(
            plan_signed_off(&rag, &[rec("1", Some("green")), rec("2", Some("amber"))]),
            Ok(false)
        );
    }

    // ---- due dates -----------------------------------------------------------------------------

    #[test]
    fn the_first_update_is_due_about_a_year_after_the_plan() {
        let march_2022 = PartialDate::month(2022, 3).unwrap();
        let due = first_round_due(march_2022, FIRST_ROUND_MONTHS).unwrap();
        assert_eq!(due, PartialDate::month(2023, 3).unwrap());
        assert_eq!(due.to_string(), "March 2023");
        assert_eq!(due.precision(), Precision::Month);
        assert_eq!(
            first_round_due(PartialDate::month(2022, 11).unwrap(), 3).unwrap(),
            PartialDate::month(2023, 2).unwrap()
        );
        assert_eq!(
            first_round_due(PartialDate::day(2022, 3, 15).unwrap(), 12).unwrap(),
            PartialDate::day(2023, 3, 15).unwrap()
        );
        assert_eq!(
            first_round_due(PartialDate::day(2023, 3, 31).unwrap(), 11).unwrap(),
            PartialDate::day(2024, 2, 29).unwrap()
        );
        assert_eq!(
            first_round_due(march_2022, 0),
            Err(DueDateError::ZeroMonths)
        );
        assert_eq!(
            first_round_due(PartialDate::month(9999, 6).unwrap(), 12),
            Err(DueDateError::OutOfRange)
        );
    }

    #[test]
    fn month_arithmetic_clamps_to_the_month_end() {
        assert_eq!(add_months(d(2023, 1, 31), 1), Ok(d(2023, 2, 28)));
        assert_eq!(add_months(d(2024, 1, 31), 1), Ok(d(2024, 2, 29)));
        assert_eq!(add_months(d(2024, 2, 29), 12), Ok(d(2025, 2, 28)));
        assert_eq!(add_months(d(2022, 8, 31), 1), Ok(d(2022, 9, 30)));
        assert_eq!(add_months(d(2022, 11, 15), 0), Ok(d(2022, 11, 15)));
        assert_eq!(next_round_due(d(2022, 11, 24), 6), Ok(d(2023, 5, 24)));
        assert_eq!(next_round_due(d(2023, 8, 31), 6), Ok(d(2024, 2, 29)));
        assert_eq!(
            next_round_due(d(2022, 11, 24), 0),
            Err(DueDateError::ZeroMonths)
        );
        assert_eq!(
            next_round_due(d(9999, 11, 24), 2),
            Err(DueDateError::OutOfRange)
        );
    }

    #[test]
    fn reminders_and_chasers() {
        let deadline = d(2022, 10, 14);
        assert_eq!(reminder_on(deadline, 7), Ok(d(2022, 10, 7)));
        assert_eq!(reminder_on(deadline, 0), Ok(deadline));
        assert_eq!(reminder_on(d(2022, 3, 1), 1), Ok(d(2022, 2, 28)));
        assert_eq!(
            chasers(deadline, 7, 3),
            Ok(vec![d(2022, 10, 21), d(2022, 10, 28), d(2022, 11, 4)])
        );
        assert_eq!(chasers(deadline, 1, 0), Ok(vec![]));
        assert_eq!(chasers(deadline, 0, 3), Err(DueDateError::ZeroDays));
        assert_eq!(
            chasers(deadline, 7, 53).unwrap_err().to_string(),
            "at most 52 chasers can be scheduled, not 53"
        );
        assert_eq!(
            chasers(d(9999, 12, 25), 7, 1),
            Err(DueDateError::OutOfRange)
        );
        assert_eq!(reminder_on(d(1000, 1, 3), 7), Err(DueDateError::OutOfRange));
    }

    #[test]
    fn overdue_and_due_soon() {
        use SubmissionState::*;
        let deadline = d(2022, 10, 14);
        let after = d(2022, 10, 15);
        assert!(is_overdue(deadline, None, after));
        assert!(is_overdue(deadline, Some(Draft), after));
        assert!(is_overdue(deadline, Some(Returned), after));
        assert!(!is_overdue(deadline, Some(Submitted), after));
        assert!(!is_overdue(deadline, Some(Accepted), after));
        assert!(!is_overdue(deadline, None, deadline));

        assert!(due_within(deadline, d(2022, 8, 30), 45));
        assert!(!due_within(deadline, d(2022, 8, 29), 45));
        assert!(due_within(deadline, deadline, 0));
        assert!(!due_within(deadline, after, 45));
    }

    // ---- key figures ---------------------------------------------------------------------------

    /// Recommendation 3's and 4's evidence of progress, as the seed has them.
    const SEED_REC3: &str = "\t b) The force monitors VCOP compliance and this is reviewed regularly by supervision.\n\tAt present Northside officers have a VCOP compliance of 95.2% (Figures for all Stockton officers are not available because IRT and CID officers cover Hartlepool too.)\n\tStockton neighbourhood officers have a VCOP compliance rate of 100% for their 102 live crimes (as of 02/11/22).\nAssessment of Progress\t1 (Fully Achieved)";
    const SEED_REC4: &str = "Evidence of Progress (November 2022):\tThe survey that was conducted as part of the original review was re-issued to all SBC Ward Councillors in September 2022 (with a deadline of the 14 th October 2022). There were 10 responses – feedback can be seen at Appendix 2 (attached).\t\t";

    fn summary(
        f: &KeyFigure,
    ) -> (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<NaiveDate>,
    ) {
        (
            f.label.clone(),
            f.value.clone(),
            f.unit.clone(),
            f.scope.clone(),
            f.as_of,
        )
    }

    #[test]
    fn key_figures_of_the_seed() {
        let figures = extract_key_figures(SEED_REC3);
        let got: Vec<_> = figures.iter().map(summary).collect();
        assert_eq!(
            got,
            [
                (
                    "VCOP compliance".into(),
                    "95.2".into(),
                    Some("%".into()),
                    Some("Northside officers".into()),
                    None
                ),
                (
                    "VCOP compliance rate".into(),
                    "100".into(),
                    Some("%".into()),
                    Some("102 live crimes".into()),
                    Some(d(2022, 11, 2))
                ),
            ]
        );
        assert_eq!(figures[0].number(), 95.2);
        assert!(figures[0].raw.starts_with("At present Northside officers"));
        assert_eq!(
            figures[1].raw,
            "Stockton neighbourhood officers have a VCOP compliance rate of 100% for their 102 live crimes (as of 02/11/22)."
        );

        let figures = extract_key_figures(SEED_REC4);
        let got: Vec<_> = figures.iter().map(summary).collect();
        assert_eq!(got, [("responses".into(), "10".into(), None, None, None)]);
        assert_eq!(
            figures[0].raw,
            "There were 10 responses – feedback can be seen at Appendix 2 (attached)."
        );
    }

    #[test]
    fn the_whole_seed_update_has_three_figures() {
        // The seed lives with the server's fixtures; compiled in, so the test cannot skip.
        let text = include_str!(
            "../../server/tests/fixtures/seeds/progress-update-police-communications.txt"
        );
        let figures = extract_key_figures(text);
        let labels: Vec<(&str, &str)> = figures
            .iter()
            .map(|f| (f.label.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                ("VCOP compliance", "95.2"),
                ("VCOP compliance rate", "100"),
                ("responses", "10")
            ]
        );
    }

    #[test]
    fn key_figures_in_other_shapes() {
        let one = |t: &str| {
            let figures = extract_key_figures(t);
            assert_eq!(figures.len(), 1, "{t}: {figures:?}");
            summary(&figures[0])
        };
        // docs/domain.md's own shorthand.
        let (label, value, unit, scope, _) = one("VCOP compliance 95.2% (Northside officers)");
        assert_eq!(
            (
                label.as_str(),
                value.as_str(),
                unit.as_deref(),
                scope.as_deref()
            ),
            (
                "VCOP compliance",
                "95.2",
                Some("%"),
                Some("Northside officers")
            )
        );
        let (label, value, ..) = one("Victim satisfaction is at 78 per cent.");
        assert_eq!(
            (label.as_str(), value.as_str()),
            ("Victim satisfaction", "78")
        );
        let (label, value, ..) = one("Compliance: 90 %");
        assert_eq!((label.as_str(), value.as_str()), ("Compliance", "90"));
        let (label, value, _, scope, _) =
            one("Currently 85% of victims were updated within 5 days.");
        assert_eq!((label.as_str(), value.as_str()), ("victims", "85"));
        assert_eq!(scope, None);
        let (label, value, _, scope, as_of) =
            one("As at 1 April 2023 there were 1,234 calls from residents.");
        assert_eq!((label.as_str(), value.as_str()), ("calls", "1234"));
        assert_eq!(scope.as_deref(), Some("residents"));
        assert_eq!(as_of, Some(d(2023, 4, 1)));
        let (label, value, ..) = one("We received 12 replies.");
        assert_eq!((label.as_str(), value.as_str()), ("replies", "12"));
        let (label, value, ..) = one("There have been 3 complaints since May.");
        assert_eq!((label.as_str(), value.as_str()), ("complaints", "3"));
        let (label, value, ..) = one("The team made a total of 40 visits.");
        assert_eq!((label.as_str(), value.as_str()), ("visits", "40"));
        // A month alone never becomes a day.
        let (.., as_of) = one("Compliance was 97% as of November 2022.");
        assert_eq!(as_of, None);
    }

    #[test]
    fn numbers_that_are_not_figures() {
        for text in [
            "Updates are provided within 5 working days of a suspect being arrested.",
            "A repeat report to the committee within 6 months.",
            "Feedback can be seen at Appendix 2 (attached).",
            "The survey detailed in recommendation (4).",
            "A mail was sent to Outer Stockton wards on 09/03/22.",
            "The survey was re-issued in September 2022 (with a deadline of the 14 th October 2022).",
            "The strategy for 2025 to 2030 is not due until 2025.",
            "There were no issues raised.",
            "There were 14th century buildings.",
            "",
        ] {
            assert_eq!(extract_key_figures(text), vec![], "{text}");
        }
    }

    #[test]
    fn sentences_split_on_stops_but_not_decimals() {
        assert_eq!(
            sentences("It was 95.2% today. Then 3.\nNext\tcell"),
            ["It was 95.2% today.", "Then 3.", "Next", "cell"]
        );
        assert_eq!(sentences("  \n\t "), Vec::<&str>::new());
    }
}
