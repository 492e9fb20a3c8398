//! The values on scrutiny records: a review's status and type, its work-programme year,
//! recommendation numbers and part labels (and splitting a recommendation's text into its
//! parts), a decision's call-in state, and the owners named in a Responsibility cell.
//!
//! Everything parses from what councils actually write ("Task & Finish", "2021/22", "(a)",
//! "Cleveland Police / SBC") into values that cannot be wrong.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::people::{TextError, UnknownVariant};

/// The limits of the fields of recommendations, their parts and the actions of an action plan,
/// in characters (counts for lists). The API's use cases and the imports' readers both check
/// these, so a dry run refuses what a commit would.
pub mod limits {
    /// A recommendation's text (or lead-in), and a part's text.
    pub const RECOMMENDATION_TEXT_MAX: usize = 20_000;
    /// A part's label: the database keeps labels of up to six characters ("xxxiii").
    pub const PART_LABEL_MAX: usize = 6;
    /// An action's proposed actions, and its status notes.
    pub const ACTION_TEXT_MAX: usize = 20_000;
    /// One success measure.
    pub const MEASURE_MAX: usize = 5_000;
    /// Success measures of one action.
    pub const MEASURES_MAX: usize = 50;
    /// The Responsibility cell as written.
    pub const RESPONSIBILITY_MAX: usize = 500;
    /// Owners of one action.
    pub const OWNERS_MAX: usize = 50;
    /// Milestones of one action.
    pub const MILESTONES_MAX: usize = 50;
    /// A milestone's label.
    pub const MILESTONE_LABEL_MAX: usize = 200;
}

// ---- lifecycles --------------------------------------------------------------------------------

/// A state machine over a small set of states: the states that may follow each state.
pub trait Lifecycle: Copy + Eq + fmt::Debug + 'static {
    /// What the states belong to, for messages: "review", "call-in".
    const NOUN: &'static str;
    /// The state for humans.
    fn label(&self) -> &'static str;
    /// The states that may follow this one; empty for a final state.
    fn allowed_next(&self) -> &'static [Self];
}

/// A change of state that the lifecycle does not allow.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", transition_message(.from, .to, .allowed))]
pub struct IllegalTransition<S: Lifecycle = ReviewStatus> {
    pub from: S,
    pub to: S,
    /// The states `from` may move to.
    pub allowed: Vec<S>,
}

fn transition_message<S: Lifecycle>(from: &S, to: &S, allowed: &[S]) -> String {
    let noun = S::NOUN;
    if from == to {
        return format!("the {noun} is already {}", from.label());
    }
    if allowed.is_empty() {
        return format!(
            "a {noun} that is {} is final and cannot become {}",
            from.label(),
            to.label()
        );
    }
    let labels: Vec<&str> = allowed.iter().map(|s| s.label()).collect();
    let list = match labels.as_slice() {
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
        [] => String::new(),
    };
    format!(
        "a {noun} cannot go from {} to {}; from {} it can go to {list}",
        from.label(),
        to.label(),
        from.label()
    )
}

fn checked_transition<S: Lifecycle>(from: S, to: S) -> Result<S, IllegalTransition<S>> {
    if from != to && from.allowed_next().contains(&to) {
        Ok(to)
    } else {
        Err(IllegalTransition {
            from,
            to,
            allowed: from.allowed_next().to_vec(),
        })
    }
}

/// Lower-cases and turns spaces and hyphens into underscores: "Evidence gathering" →
/// "evidence_gathering".
fn snake_key(raw: &str) -> String {
    raw.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
        .to_lowercase()
}

// ---- review status -----------------------------------------------------------------------------

/// Where a scrutiny review is: proposed → scoping → evidence gathering → report drafted →
/// approved by committee → decided by Cabinet → action plan agreed → monitoring → signed off.
/// Any state but the final two may step back one stage (to correct a mistake) or be withdrawn.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Proposed,
    Scoping,
    EvidenceGathering,
    ReportDrafted,
    ApprovedByCommittee,
    DecidedByCabinet,
    ActionPlanAgreed,
    Monitoring,
    SignedOff,
    /// Abandoned before sign-off, with a reason (see [`ReviewStatus::withdraw`]). Final.
    Withdrawn,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 10] = [
        ReviewStatus::Proposed,
        ReviewStatus::Scoping,
        ReviewStatus::EvidenceGathering,
        ReviewStatus::ReportDrafted,
        ReviewStatus::ApprovedByCommittee,
        ReviewStatus::DecidedByCabinet,
        ReviewStatus::ActionPlanAgreed,
        ReviewStatus::Monitoring,
        ReviewStatus::SignedOff,
        ReviewStatus::Withdrawn,
    ];

    const EXPECTED: &'static str = "proposed, scoping, evidence_gathering, report_drafted, approved_by_committee, decided_by_cabinet, action_plan_agreed, monitoring, signed_off, withdrawn";

    pub fn as_str(&self) -> &'static str {
        match self {
            ReviewStatus::Proposed => "proposed",
            ReviewStatus::Scoping => "scoping",
            ReviewStatus::EvidenceGathering => "evidence_gathering",
            ReviewStatus::ReportDrafted => "report_drafted",
            ReviewStatus::ApprovedByCommittee => "approved_by_committee",
            ReviewStatus::DecidedByCabinet => "decided_by_cabinet",
            ReviewStatus::ActionPlanAgreed => "action_plan_agreed",
            ReviewStatus::Monitoring => "monitoring",
            ReviewStatus::SignedOff => "signed_off",
            ReviewStatus::Withdrawn => "withdrawn",
        }
    }

    /// For humans: "Evidence gathering", "Decided by Cabinet".
    pub fn label(&self) -> &'static str {
        match self {
            ReviewStatus::Proposed => "Proposed",
            ReviewStatus::Scoping => "Scoping",
            ReviewStatus::EvidenceGathering => "Evidence gathering",
            ReviewStatus::ReportDrafted => "Report drafted",
            ReviewStatus::ApprovedByCommittee => "Approved by committee",
            ReviewStatus::DecidedByCabinet => "Decided by Cabinet",
            ReviewStatus::ActionPlanAgreed => "Action plan agreed",
            ReviewStatus::Monitoring => "Monitoring",
            ReviewStatus::SignedOff => "Signed off",
            ReviewStatus::Withdrawn => "Withdrawn",
        }
    }

    /// The states this one may move to: the next stage, the previous stage (a correction), and
    /// withdrawal; nothing after signed off or withdrawn.
    pub fn allowed_next(&self) -> &'static [ReviewStatus] {
        use ReviewStatus::*;
        match self {
            Proposed => &[Scoping, Withdrawn],
            Scoping => &[EvidenceGathering, Proposed, Withdrawn],
            EvidenceGathering => &[ReportDrafted, Scoping, Withdrawn],
            ReportDrafted => &[ApprovedByCommittee, EvidenceGathering, Withdrawn],
            ApprovedByCommittee => &[DecidedByCabinet, ReportDrafted, Withdrawn],
            DecidedByCabinet => &[ActionPlanAgreed, ApprovedByCommittee, Withdrawn],
            ActionPlanAgreed => &[Monitoring, DecidedByCabinet, Withdrawn],
            Monitoring => &[SignedOff, ActionPlanAgreed, Withdrawn],
            SignedOff | Withdrawn => &[],
        }
    }

    /// Signed off or withdrawn.
    pub fn is_final(&self) -> bool {
        self.allowed_next().is_empty()
    }

    /// The next stage of the forward chain, if any (never [`Withdrawn`](Self::Withdrawn)).
    pub fn next_stage(&self) -> Option<ReviewStatus> {
        self.allowed_next()
            .first()
            .copied()
            .filter(|s| *s != ReviewStatus::Withdrawn)
    }

    /// Moves to `to` if the lifecycle allows it. Moving to [`Withdrawn`](Self::Withdrawn) is
    /// allowed here, but a withdrawal must record a reason: prefer [`withdraw`](Self::withdraw).
    pub fn transition(self, to: ReviewStatus) -> Result<ReviewStatus, IllegalTransition> {
        checked_transition(self, to)
    }

    /// Withdraws the review, with a reason (docs/domain.md rule 9: nothing is deleted silently).
    pub fn withdraw(self, reason: &str) -> Result<Withdrawal, WithdrawError> {
        let reason = Reason::parse(reason)?;
        self.transition(ReviewStatus::Withdrawn)?;
        Ok(Withdrawal { from: self, reason })
    }
}

impl Lifecycle for ReviewStatus {
    const NOUN: &'static str = "review";
    fn label(&self) -> &'static str {
        ReviewStatus::label(self)
    }
    fn allowed_next(&self) -> &'static [Self] {
        ReviewStatus::allowed_next(self)
    }
}

/// Accepts the snake_case form and, for imports, the label ("Evidence gathering",
/// "decided by cabinet", "report-drafted").
impl FromStr for ReviewStatus {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = snake_key(s);
        ReviewStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == key)
            .ok_or(UnknownVariant {
                expected: ReviewStatus::EXPECTED,
            })
    }
}

impl fmt::Display for ReviewStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A reason for withdrawing or closing something: trimmed, not blank, at most
/// [`Reason::MAX`] characters; line breaks and tabs allowed, other control characters not.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Reason(String);

impl Reason {
    pub const MAX: usize = 2000;

    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(TextError::Blank);
        }
        if trimmed.chars().count() > Self::MAX {
            return Err(TextError::TooLong(Self::MAX));
        }
        if trimmed
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            return Err(TextError::ControlCharacters);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Reason::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A review's withdrawal: the state it was withdrawn from, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    pub from: ReviewStatus,
    pub reason: Reason,
}

#[derive(Debug, PartialEq, Eq, Error)]
pub enum WithdrawError {
    #[error("reason {0}")]
    Reason(#[from] TextError),
    #[error(transparent)]
    Illegal(#[from] IllegalTransition),
}

// ---- review type -------------------------------------------------------------------------------

/// The kind of review.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewType {
    TaskAndFinish,
    InDepth,
    Other,
}

impl ReviewType {
    pub const ALL: [ReviewType; 3] = [
        ReviewType::TaskAndFinish,
        ReviewType::InDepth,
        ReviewType::Other,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ReviewType::TaskAndFinish => "task_and_finish",
            ReviewType::InDepth => "in_depth",
            ReviewType::Other => "other",
        }
    }

    /// As documents write it: "Task & Finish", "In-depth", "Other".
    pub fn label(&self) -> &'static str {
        match self {
            ReviewType::TaskAndFinish => "Task & Finish",
            ReviewType::InDepth => "In-depth",
            ReviewType::Other => "Other",
        }
    }

    /// Accepts the snake_case form and what documents write, case-insensitively: "Task & Finish",
    /// "task and finish", "task-and-finish", "T&F", "(Task & Finish)", "Task and Finish review",
    /// "In-depth", "in depth", "indepth", "other".
    pub fn parse(raw: &str) -> Result<Self, UnknownVariant> {
        let spaced = raw.to_lowercase().replace('&', " and ");
        let mut words: Vec<&str> = spaced
            .split(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | '(' | ')' | '/'))
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() > 1 && matches!(words.last(), Some(&"review" | &"group" | &"scrutiny")) {
            words.pop();
        }
        match words.join(" ").as_str() {
            "task and finish" | "t and f" => Ok(ReviewType::TaskAndFinish),
            "in depth" | "indepth" => Ok(ReviewType::InDepth),
            "other" => Ok(ReviewType::Other),
            _ => Err(UnknownVariant {
                expected: "task and finish, in-depth, other",
            }),
        }
    }
}

impl FromStr for ReviewType {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for ReviewType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// ---- work-programme year -----------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WorkProgrammeYearError {
    #[error("must be a work-programme year such as 2021-2022 or 2021/22")]
    Shape,
    #[error("must be two consecutive years such as 2021-2022, not {first} then {second}")]
    NotConsecutive { first: i32, second: i32 },
    #[error("must start in a year between 1000 and 9998, not {0}")]
    OutOfRange(i32),
}

/// A council's (municipal or financial) work-programme year, such as 2021-2022.
/// Displays and serialises as "2021-2022".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WorkProgrammeYear {
    start: i32,
}

impl WorkProgrammeYear {
    /// The year starting in `start_year`.
    pub fn new(start_year: i32) -> Result<Self, WorkProgrammeYearError> {
        if !(1000..=9998).contains(&start_year) {
            return Err(WorkProgrammeYearError::OutOfRange(start_year));
        }
        Ok(Self { start: start_year })
    }

    /// Accepts "2021-2022", "2021/22", "2021-22", "2021/2022", "2021 – 2022", "2021 to 2022".
    /// The second year must follow the first.
    pub fn parse(raw: &str) -> Result<Self, WorkProgrammeYearError> {
        let s = raw.trim();
        let digits_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        if digits_end != 4 {
            return Err(WorkProgrammeYearError::Shape);
        }
        let first: i32 = s[..4].parse().map_err(|_| WorkProgrammeYearError::Shape)?;
        let rest = s[4..].trim_start();
        let rest = if let Some(r) = rest.strip_prefix(['-', '/', '–', '—']) {
            r
        } else if rest.len() >= 2 && rest[..2].eq_ignore_ascii_case("to") {
            &rest[2..]
        } else {
            return Err(WorkProgrammeYearError::Shape);
        };
        let second_text = rest.trim();
        if !second_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(WorkProgrammeYearError::Shape);
        }
        let second: i32 = match second_text.len() {
            4 => second_text
                .parse()
                .map_err(|_| WorkProgrammeYearError::Shape)?,
            2 => {
                let yy: i32 = second_text
                    .parse()
                    .map_err(|_| WorkProgrammeYearError::Shape)?;
                // The century of the year after `first`: 1999/00 is 1999-2000.
                let century = (first + 1) / 100 * 100;
                century + yy
            }
            _ => return Err(WorkProgrammeYearError::Shape),
        };
        if second != first + 1 {
            return Err(WorkProgrammeYearError::NotConsecutive { first, second });
        }
        Self::new(first)
    }

    pub fn start_year(&self) -> i32 {
        self.start
    }

    pub fn end_year(&self) -> i32 {
        self.start + 1
    }

    /// The year after this one.
    pub fn next(&self) -> Option<Self> {
        Self::new(self.start + 1).ok()
    }
}

impl fmt::Display for WorkProgrammeYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.start + 1)
    }
}

impl FromStr for WorkProgrammeYear {
    type Err = WorkProgrammeYearError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for WorkProgrammeYear {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for WorkProgrammeYear {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        WorkProgrammeYear::parse(&s).map_err(serde::de::Error::custom)
    }
}

// ---- natural sort ------------------------------------------------------------------------------

/// One run of a [`NaturalKey`]: digits compare as numbers, the rest as lower-case text; a number
/// sorts before text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyPart {
    Number(u64),
    Text(String),
}

/// A sort key under which "2" < "10" and "3.1" < "3.2" < "3.10".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NaturalKey(pub Vec<KeyPart>);

impl NaturalKey {
    pub fn of(text: &str) -> Self {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let digit = c.is_ascii_digit();
            let end = rest
                .find(|ch: char| ch.is_ascii_digit() != digit)
                .unwrap_or(rest.len());
            let run = &rest[..end];
            parts.push(if digit {
                // Runs are short (labels are at most 10 characters); saturate rather than fail.
                KeyPart::Number(run.parse().unwrap_or(u64::MAX))
            } else {
                KeyPart::Text(run.to_lowercase())
            });
            rest = &rest[end..];
        }
        NaturalKey(parts)
    }
}

// ---- recommendation number ---------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RecommendationNumberError {
    #[error("must not be blank")]
    Blank,
    #[error("must be at most {0} characters")]
    TooLong(usize),
    #[error("must be letters, digits, '.' and '-' only, starting and ending with a letter or digit, such as 1, 10, R3 or 3.1")]
    Characters,
}

/// A recommendation's number within its review, as the documents give it: "1", "10", "R3",
/// "3.1". Ordered naturally ("2" < "10", "3.1" < "3.2").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct RecommendationNumber(String);

impl RecommendationNumber {
    pub const MAX: usize = 10;

    /// Trims, and drops the numbering punctuation documents put around a number ("1)", "(1)",
    /// "1.", "R3:"); then requires 1 to 10 characters of ASCII letters, digits, '.' and '-',
    /// starting and ending with a letter or digit.
    pub fn parse(raw: &str) -> Result<Self, RecommendationNumberError> {
        let mut s = raw.trim();
        if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            s = inner.trim();
        } else {
            s = s.strip_suffix(')').unwrap_or(s);
            s = s.trim_end_matches(['.', ':']);
        }
        if s.is_empty() {
            return Err(RecommendationNumberError::Blank);
        }
        if s.chars().count() > Self::MAX {
            return Err(RecommendationNumberError::TooLong(Self::MAX));
        }
        let ok_chars = s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        let ends_ok = s.starts_with(|c: char| c.is_ascii_alphanumeric())
            && s.ends_with(|c: char| c.is_ascii_alphanumeric());
        if !(ok_chars && ends_ok) {
            return Err(RecommendationNumberError::Characters);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The natural sort key: "2" < "10", "3.1" < "3.2" < "3.10", "R2" < "R10".
    pub fn sort_key(&self) -> NaturalKey {
        NaturalKey::of(&self.0)
    }
}

impl Ord for RecommendationNumber {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for RecommendationNumber {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for RecommendationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for RecommendationNumber {
    type Err = RecommendationNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl<'de> Deserialize<'de> for RecommendationNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        RecommendationNumber::parse(&s).map_err(serde::de::Error::custom)
    }
}

// ---- part label --------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("must be a part label such as a, b, c or i, ii, iii (written a, a), (a) or a.)")]
pub struct PartLabelError;

/// The label of a part of a recommendation: "a".."z", "aa", or a lower-case roman numeral
/// ("i", "ii", "iv"). Parsed from "a", "a)", "(a)", "a.", "A)"; displays as "a".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct PartLabel(String);

impl PartLabel {
    /// Longest label accepted ("xxxviii" is 7).
    pub const MAX: usize = 8;

    pub fn parse(raw: &str) -> Result<Self, PartLabelError> {
        let s = raw.trim();
        let s = if let Some(inner) = s
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .or_else(|| s.strip_prefix('[').and_then(|r| r.strip_suffix(']')))
        {
            inner.trim()
        } else {
            s.strip_suffix([')', '.', ':']).unwrap_or(s)
        };
        if s.is_empty() || s.len() > Self::MAX || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(PartLabelError);
        }
        Ok(Self(s.to_ascii_lowercase()))
    }

    /// The `n`th letter label, counting from 1: 1 → "a", 26 → "z", 27 → "aa", 28 → "ab".
    /// `None` for 0 or a label longer than [`MAX`](Self::MAX).
    pub fn letter(n: u32) -> Option<Self> {
        if n == 0 {
            return None;
        }
        let mut n = n;
        let mut chars = Vec::new();
        while n > 0 {
            n -= 1;
            chars.push(char::from(b'a' + (n % 26) as u8));
            n /= 26;
        }
        chars.reverse();
        let s: String = chars.into_iter().collect();
        (s.len() <= Self::MAX).then_some(Self(s))
    }

    /// The roman-numeral label for `n` (1 → "i", 4 → "iv"); `None` for 0 or a label longer
    /// than [`MAX`](Self::MAX).
    pub fn roman(n: u32) -> Option<Self> {
        let s = to_roman(n)?;
        (s.len() <= Self::MAX).then_some(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value of the label read as a roman numeral, if it is one in canonical form.
    pub fn roman_value(&self) -> Option<u32> {
        roman_value(&self.0)
    }

    /// A sort key that orders both letter sequences (a < b < … < z < aa) and roman sequences
    /// (i < ii < iii < iv < v < … < x < xi) correctly: a single letter sorts by its place in
    /// the alphabet; a longer label that is a roman numeral sorts just after the single letter
    /// it follows in a roman list (ii–iv after i, vi–ix after v, xi and up after x); any other
    /// longer label sorts after z.
    pub fn sort_key(&self) -> (u32, u32) {
        let bytes = self.0.as_bytes();
        if bytes.len() == 1 {
            return (u32::from(bytes[0] - b'a') + 1, 0);
        }
        if let Some(n) = self.roman_value() {
            let major = match n {
                0..=4 => 9,  // i
                5..=9 => 22, // v
                _ => 24,     // x
            };
            return (major, n);
        }
        let bijective = bytes
            .iter()
            .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'a') + 1);
        (26 + bijective, 0)
    }
}

fn to_roman(n: u32) -> Option<String> {
    if n == 0 || n > 3999 {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    Some(out)
}

fn roman_value(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        'd' => Some(500),
        'm' => Some(1000),
        _ => None,
    };
    let values: Vec<u32> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (k, v) in values.iter().enumerate() {
        match values.get(k + 1) {
            Some(next) if next > v => total -= i64::from(*v),
            _ => total += i64::from(*v),
        }
    }
    let total = u32::try_from(total).ok()?;
    // Only the canonical spelling counts ("iiii" and "vx" are not numerals).
    (to_roman(total).as_deref() == Some(s)).then_some(total)
}

impl Ord for PartLabel {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for PartLabel {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PartLabel {
    type Err = PartLabelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl<'de> Deserialize<'de> for PartLabel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        PartLabel::parse(&s).map_err(serde::de::Error::custom)
    }
}

// ---- splitting recommendation text into parts --------------------------------------------------

/// A part marker found in a text: its byte range and label.
struct Marker {
    start: usize,
    end: usize,
    label: PartLabel,
}

/// Whether a part marker may start at byte `i`: at the start of the text or of a line, or after
/// white space that follows a ':' or ';' (optionally with "and"/"or" after the ';' or ',').
fn may_start_part(text: &str, i: usize) -> bool {
    let pre = &text[..i];
    let same_line = pre.trim_end_matches([' ', '\t', '\u{a0}']);
    if same_line.is_empty() || same_line.ends_with(['\n', '\r']) {
        return true;
    }
    let Some(last) = pre.chars().last() else {
        return true;
    };
    if !(last.is_whitespace() || last == ':' || last == ';') {
        return false;
    }
    let t = pre.trim_end();
    if t.ends_with([':', ';']) {
        return true;
    }
    for word in ["and", "or"] {
        let n = word.len();
        if t.len() > n && t.is_char_boundary(t.len() - n) {
            let (head, tail) = t.split_at(t.len() - n);
            if tail.eq_ignore_ascii_case(word)
                && head.ends_with(char::is_whitespace)
                && head.trim_end().ends_with([';', ',', ':'])
            {
                return true;
            }
        }
    }
    false
}

/// The part markers in a text: "a)", "(a)", "A)", and "a." followed by white space, each at a
/// place where a part may start.
fn find_markers(text: &str) -> Vec<Marker> {
    let bytes = text.as_bytes();
    let mut markers = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let open = bytes[i] == b'(';
        let letters_start = if open { i + 1 } else { i };
        let letters_end = bytes[letters_start..]
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .map_or(bytes.len(), |p| letters_start + p);
        let n = letters_end - letters_start;
        let closer = bytes.get(letters_end).copied();
        let end = match (open, closer) {
            (true, Some(b')')) => Some(letters_end + 1),
            (false, Some(b')')) => Some(letters_end + 1),
            (false, Some(b'.'))
                if bytes
                    .get(letters_end + 1)
                    .is_some_and(|b| b.is_ascii_whitespace()) =>
            {
                Some(letters_end + 1)
            }
            _ => None,
        };
        let candidate = (1..=PartLabel::MAX).contains(&n)
            && end.is_some()
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && may_start_part(text, i);
        if let (true, Some(end)) = (candidate, end) {
            if let Ok(label) = PartLabel::parse(&text[i..end]) {
                markers.push(Marker {
                    start: i,
                    end,
                    label,
                });
                i = end;
                continue;
            }
        }
        // Advance to the next character boundary.
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    markers
}

/// The markers that form the sequence a, b, c, … (or i, ii, iii, …) in order, skipping any
/// marker that does not continue it.
fn sequence(markers: &[Marker], nth: impl Fn(u32) -> Option<PartLabel>) -> Vec<&Marker> {
    let mut chosen = Vec::new();
    let mut n = 1;
    for marker in markers {
        if nth(n).as_ref() == Some(&marker.label) {
            chosen.push(marker);
            n += 1;
        }
    }
    chosen
}

/// Splits a recommendation's text into its lead-in and its labelled parts:
/// "As part of … Ward Councillors: a) Cleveland Police promotes …; b) Cleveland Police and SBC
/// use …;" → ("As part of … Ward Councillors:", [(a, "Cleveland Police promotes …;"), (b,
/// "Cleveland Police and SBC use …;")]).
///
/// Parts are marked "a)", "(a)", "A)" or "a." (or i), ii), …), on separate lines or in running
/// text. A marker counts only at the start of the text or of a line, or after a ':' or ';' (or
/// "; and"); and the markers must run in sequence from a (or i), with at least two parts.
/// Markers out of sequence stay in the text of the part they appear in, so a reference such as
/// "achieve recommendations a) – f) in a way" is never split. Each part keeps its punctuation as
/// in the source (its trailing ';' or '.'); lead-in and parts are trimmed. With no parts, the
/// lead-in is the whole (trimmed) text.
pub fn split_parts(text: &str) -> (String, Vec<(PartLabel, String)>) {
    let markers = find_markers(text);
    let mut chosen = sequence(&markers, PartLabel::letter);
    if chosen.len() < 2 {
        chosen = sequence(&markers, PartLabel::roman);
    }
    if chosen.len() < 2 {
        return (text.trim().to_owned(), Vec::new());
    }
    let lead_in = text[..chosen[0].start].trim().to_owned();
    let parts = chosen
        .iter()
        .enumerate()
        .map(|(k, marker)| {
            let end = chosen.get(k + 1).map_or(text.len(), |next| next.start);
            (
                marker.label.clone(),
                text[marker.end..end].trim().to_owned(),
            )
        })
        .collect();
    (lead_in, parts)
}

// ---- call-in -----------------------------------------------------------------------------------

/// Where a decision is in its call-in period (docs/domain.md rule 7).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallInState {
    /// Published; the call-in period has not ended.
    Open,
    /// The period ended without a call-in: the decision may be implemented.
    Expired,
    /// Called in for review by the scrutiny committee.
    CalledIn,
    /// Called in, and the decision stands: it may be implemented.
    Upheld,
    /// Called in, and referred back to the decision-maker.
    ReferredBack,
    /// Called in, and referred to full council (where the committee finds the decision outside
    /// the budget or policy framework); council's outcome follows: upheld or referred back.
    ReferredToCouncil,
}

impl CallInState {
    pub const ALL: [CallInState; 6] = [
        CallInState::Open,
        CallInState::Expired,
        CallInState::CalledIn,
        CallInState::Upheld,
        CallInState::ReferredBack,
        CallInState::ReferredToCouncil,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            CallInState::Open => "open",
            CallInState::Expired => "expired",
            CallInState::CalledIn => "called_in",
            CallInState::Upheld => "upheld",
            CallInState::ReferredBack => "referred_back",
            CallInState::ReferredToCouncil => "referred_to_council",
        }
    }

    /// For humans: "Open for call-in", "Called in".
    pub fn label(&self) -> &'static str {
        match self {
            CallInState::Open => "Open for call-in",
            CallInState::Expired => "Call-in period expired",
            CallInState::CalledIn => "Called in",
            CallInState::Upheld => "Upheld",
            CallInState::ReferredBack => "Referred back",
            CallInState::ReferredToCouncil => "Referred to full council",
        }
    }

    /// open → expired or called in; called in → upheld, referred back or referred to council;
    /// referred to council → upheld (council did not object) or referred back (it did); the rest
    /// are final.
    pub fn allowed_next(&self) -> &'static [CallInState] {
        use CallInState::*;
        match self {
            Open => &[Expired, CalledIn],
            CalledIn => &[Upheld, ReferredBack, ReferredToCouncil],
            ReferredToCouncil => &[Upheld, ReferredBack],
            Expired | Upheld | ReferredBack => &[],
        }
    }

    pub fn is_final(&self) -> bool {
        self.allowed_next().is_empty()
    }

    /// Whether the decision may now be implemented: expired or upheld.
    pub fn is_implementable(&self) -> bool {
        matches!(self, CallInState::Expired | CallInState::Upheld)
    }

    pub fn transition(
        self,
        to: CallInState,
    ) -> Result<CallInState, IllegalTransition<CallInState>> {
        checked_transition(self, to)
    }
}

impl Lifecycle for CallInState {
    const NOUN: &'static str = "call-in";
    fn label(&self) -> &'static str {
        CallInState::label(self)
    }
    fn allowed_next(&self) -> &'static [Self] {
        CallInState::allowed_next(self)
    }
}

impl FromStr for CallInState {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = snake_key(s);
        CallInState::ALL
            .into_iter()
            .find(|state| state.as_str() == key)
            .ok_or(UnknownVariant {
                expected: "open, expired, called_in, upheld, referred_back, referred_to_council",
            })
    }
}

impl fmt::Display for CallInState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// ---- responsibility ----------------------------------------------------------------------------

/// One owner named in a Responsibility cell: everyone ("All", "All partners"), or a named
/// organisation or person ("Cleveland Police", "C/Supt Lang"), to be matched to an organisation
/// or contact later.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum OwnerName {
    All,
    Named(String),
}

impl OwnerName {
    pub fn is_all(&self) -> bool {
        matches!(self, OwnerName::All)
    }

    /// The name, unless this is [`All`](OwnerName::All).
    pub fn name(&self) -> Option<&str> {
        match self {
            OwnerName::All => None,
            OwnerName::Named(name) => Some(name),
        }
    }

    /// One owner from one piece of a cell: white space collapsed, bullets and trailing
    /// punctuation dropped; "All", "All partners", "All agencies", "All partner organisations"
    /// and the like are [`All`](OwnerName::All). `None` if nothing is left.
    pub fn parse(raw: &str) -> Option<OwnerName> {
        let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = collapsed
            .trim_start_matches(|c: char| BULLETS.contains(&c) || c.is_whitespace())
            .trim_end_matches(|c: char| matches!(c, '.' | ',' | ';' | ':') || c.is_whitespace());
        if !name.chars().any(char::is_alphanumeric) {
            return None;
        }
        if is_everyone(name) {
            Some(OwnerName::All)
        } else {
            Some(OwnerName::Named(name.to_owned()))
        }
    }
}

impl fmt::Display for OwnerName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OwnerName::All => f.write_str("All"),
            OwnerName::Named(name) => f.write_str(name),
        }
    }
}

const BULLETS: &[char] = &['*', '-', '•', '·', '–', '—', '▪', '◦'];

/// The last words of "All …" that mean everyone: "All partners", "All partner agencies".
const EVERYONE_NOUNS: &[&str] = &[
    "partners",
    "partner",
    "agencies",
    "organisations",
    "organizations",
    "parties",
    "stakeholders",
    "authorities",
    "bodies",
    "services",
];

fn is_everyone(name: &str) -> bool {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        ["all"] => true,
        ["all", .., last] if words.len() <= 4 => EVERYONE_NOUNS.contains(last),
        _ => false,
    }
}

/// Names in which "and" or "&" belongs to the name. Matched case-insensitively; a council's own
/// organisation and contact names can be added through [`parse_owners_with`].
const COMPOUND_NAMES: &[&str] = &[
    "police and crime commissioner",
    "police & crime commissioner",
    "fire and rescue",
    "fire & rescue",
    "redcar and cleveland",
    "redcar & cleveland",
    "tees, esk and wear valleys",
    "north tees and hartlepool",
    "south tees hospitals",
    "health and social care",
    "health and wellbeing",
    "health & wellbeing",
    "children and young people",
    "crime and disorder",
];

/// Words that, right after "and"/"&", continue a name rather than start a new one ("Police and
/// Crime Commissioner", "Fire and Rescue Service").
const NAME_CONTINUATIONS: &[&str] = &[
    "crime",
    "rescue",
    "social",
    "wellbeing",
    "well-being",
    "young",
    "disorder",
    "families",
    "wear",
    "communities",
];

/// Byte ranges of `line` that must not be split: the known names and parenthesised asides.
fn protected_ranges(line: &str, known: &[&str]) -> Vec<(usize, usize)> {
    let lower = line.to_ascii_lowercase();
    let mut ranges = Vec::new();
    for phrase in known.iter().copied().chain(COMPOUND_NAMES.iter().copied()) {
        let phrase = phrase.trim().to_ascii_lowercase();
        if phrase.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(pos) = lower[from..].find(&phrase) {
            let start = from + pos;
            ranges.push((start, start + phrase.len()));
            from = start + phrase.len();
        }
    }
    let mut depth = 0usize;
    let mut open_at = 0;
    for (i, c) in line.char_indices() {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    open_at = i;
                }
                depth += 1;
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    ranges.push((open_at, i + 1));
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        ranges.push((open_at, line.len()));
    }
    ranges
}

fn inside(ranges: &[(usize, usize)], i: usize) -> bool {
    ranges.iter().any(|&(s, e)| s <= i && i < e)
}

/// Splits one line at ',', ';', '+', and '/' with white space beside it (so "C/Supt Lang" and
/// "N/A" stay whole).
fn split_hard(line: &str, protected: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let separator = match c {
            ',' | ';' | '+' => true,
            '/' => prev.is_some_and(char::is_whitespace) || next.is_some_and(char::is_whitespace),
            _ => false,
        };
        if separator && !inside(protected, i) {
            pieces.push((start, i));
            start = i + c.len_utf8();
        }
        prev = Some(c);
    }
    pieces.push((start, line.len()));
    pieces
}

/// Whether "and"/"&" between `left` and `right` separates two owners: not when the right side
/// starts in lower case ("safety and security"), not when the left side is one ordinary word
/// ("Redcar and Cleveland"; an acronym such as "SBC" may stand alone), and not when the word
/// after it continues a name ("Police and Crime Commissioner").
fn and_separates(left: &str, right: &str) -> bool {
    let left_words: Vec<&str> = left.split_whitespace().collect();
    let Some(first_right) = right.split_whitespace().next() else {
        return false;
    };
    if left_words.is_empty() {
        return false;
    }
    if !first_right.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    if NAME_CONTINUATIONS.contains(&first_right.to_lowercase().as_str()) {
        return false;
    }
    let acronym = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    left_words.len() >= 2 || acronym(left_words[0])
}

/// Splits one piece further at " and " / " & " where they separate owners.
fn split_and(
    line: &str,
    (start, end): (usize, usize),
    protected: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let piece = &line[start..end];
    let words = words_with_offsets(piece);
    let mut out = Vec::new();
    let mut from = start;
    for (k, &(offset, word)) in words.iter().enumerate() {
        let at = start + offset;
        let is_and = word.eq_ignore_ascii_case("and") || word == "&";
        if !is_and || k == 0 || k + 1 == words.len() || inside(protected, at) {
            continue;
        }
        let left = &line[from..at];
        let right = &line[at + word.len()..end];
        if and_separates(left, right) {
            out.push((from, at));
            from = at + word.len();
        }
    }
    out.push((from, end));
    out
}

fn words_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, c.is_whitespace()) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The owners named in a Responsibility cell, in order, without duplicates (compared ignoring
/// case and white space).
///
/// Splits at line breaks, ',', ';', '+', " / " (a slash with white space beside it: "C/Supt
/// Lang" stays whole), and at " and " / " & " where they separate two names ("Cleveland Police
/// and Stockton-on-Tees Borough Council") but not inside one ("Redcar and Cleveland Borough
/// Council", "Police and Crime Commissioner", "Head of safety and security") — see
/// [`parse_owners_with`] to protect a council's own names. Nothing inside brackets is split.
/// Leading bullets ("*", "-", "•") are dropped. "All", "All partners", "All agencies" → [`OwnerName::All`].
pub fn parse_owners(text: &str) -> Vec<OwnerName> {
    parse_owners_with(text, &[])
}

/// [`parse_owners`], never splitting inside any of the `known` names (the organisations and
/// contacts already on the system, e.g. "North Tees and Hartlepool NHS Foundation Trust").
pub fn parse_owners_with(text: &str, known: &[&str]) -> Vec<OwnerName> {
    let mut owners: Vec<OwnerName> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for line in text.lines() {
        let protected = protected_ranges(line, known);
        for piece in split_hard(line, &protected) {
            for (s, e) in split_and(line, piece, &protected) {
                let Some(owner) = OwnerName::parse(&line[s..e]) else {
                    continue;
                };
                let key = owner.to_string().to_lowercase();
                if !seen.contains(&key) {
                    seen.push(key);
                    owners.push(owner);
                }
            }
        }
    }
    owners
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::serde_test;

    // ---- review status -----------------------------------------------------------------------

    #[test]
    fn review_statuses_round_trip() {
        for status in ReviewStatus::ALL {
            assert_eq!(status.as_str().parse(), Ok(status));
            assert_eq!(status.label().parse(), Ok(status));
            assert_eq!(status.to_string(), status.as_str());
            assert_eq!(serde_test::to_string(&status), status.as_str());
            assert_eq!(
                serde_test::from_str::<ReviewStatus>(status.as_str()).unwrap(),
                status
            );
        }
        assert_eq!(
            "Evidence gathering".parse(),
            Ok(ReviewStatus::EvidenceGathering)
        );
        assert_eq!(
            " decided-by-cabinet ".parse(),
            Ok(ReviewStatus::DecidedByCabinet)
        );
        let e = "finished".parse::<ReviewStatus>().unwrap_err();
        assert!(e
            .to_string()
            .starts_with("must be one of: proposed, scoping"));
        assert!(serde_test::from_str::<ReviewStatus>("Signed off").is_err());
        assert_eq!(
            ReviewStatus::EvidenceGathering.label(),
            "Evidence gathering"
        );
    }

    #[test]
    fn reviews_move_forward_one_stage_at_a_time() {
        let mut status = ReviewStatus::Proposed;
        let mut path = vec![status];
        while let Some(next) = status.next_stage() {
            status = status.transition(next).unwrap();
            path.push(status);
        }
        assert_eq!(path, ReviewStatus::ALL[..9].to_vec());
        assert!(status.is_final());
        assert!(ReviewStatus::Withdrawn.is_final());
        assert!(!ReviewStatus::Monitoring.is_final());
    }

    #[test]
    fn reviews_may_step_back_one_stage_or_be_withdrawn() {
        assert_eq!(
            ReviewStatus::ReportDrafted.transition(ReviewStatus::EvidenceGathering),
            Ok(ReviewStatus::EvidenceGathering)
        );
        assert_eq!(
            ReviewStatus::Monitoring.transition(ReviewStatus::ActionPlanAgreed),
            Ok(ReviewStatus::ActionPlanAgreed)
        );
        for status in ReviewStatus::ALL {
            let can_withdraw = status.transition(ReviewStatus::Withdrawn).is_ok();
            assert_eq!(can_withdraw, !status.is_final(), "{status}");
        }
        assert!(ReviewStatus::Proposed
            .transition(ReviewStatus::Proposed)
            .is_err());
        // Every non-final state reaches the next stage, the previous one and withdrawn only.
        for (k, status) in ReviewStatus::ALL[..8].iter().enumerate() {
            for to in ReviewStatus::ALL {
                let expected = to == ReviewStatus::ALL[k + 1]
                    || (k > 0 && to == ReviewStatus::ALL[k - 1])
                    || to == ReviewStatus::Withdrawn;
                assert_eq!(status.transition(to).is_ok(), expected, "{status} → {to}");
            }
        }
    }

    #[test]
    fn illegal_review_transitions_name_the_allowed_ones() {
        let e = ReviewStatus::ReportDrafted
            .transition(ReviewStatus::SignedOff)
            .unwrap_err();
        assert_eq!(e.from, ReviewStatus::ReportDrafted);
        assert_eq!(e.to, ReviewStatus::SignedOff);
        assert_eq!(
            e.allowed,
            vec![
                ReviewStatus::ApprovedByCommittee,
                ReviewStatus::EvidenceGathering,
                ReviewStatus::Withdrawn
            ]
        );
        assert_eq!(
            e.to_string(),
            "a review cannot go from Report drafted to Signed off; from Report drafted it can go to Approved by committee, Evidence gathering or Withdrawn"
        );
        let e = ReviewStatus::SignedOff
            .transition(ReviewStatus::Monitoring)
            .unwrap_err();
        assert!(e.allowed.is_empty());
        assert_eq!(
            e.to_string(),
            "a review that is Signed off is final and cannot become Monitoring"
        );
        assert_eq!(
            ReviewStatus::Scoping
                .transition(ReviewStatus::Scoping)
                .unwrap_err()
                .to_string(),
            "the review is already Scoping"
        );
        let e = ReviewStatus::Withdrawn
            .transition(ReviewStatus::Proposed)
            .unwrap_err();
        assert!(e.to_string().contains("is final"));
    }

    #[test]
    fn withdrawal_needs_a_reason() {
        let w = ReviewStatus::EvidenceGathering
            .withdraw("  Superseded by the Community Safety review ")
            .unwrap();
        assert_eq!(w.from, ReviewStatus::EvidenceGathering);
        assert_eq!(
            w.reason.as_str(),
            "Superseded by the Community Safety review"
        );
        assert_eq!(
            ReviewStatus::Scoping.withdraw("   ").unwrap_err(),
            WithdrawError::Reason(TextError::Blank)
        );
        assert_eq!(
            ReviewStatus::Scoping.withdraw("").unwrap_err().to_string(),
            "reason must not be blank"
        );
        assert!(matches!(
            ReviewStatus::SignedOff.withdraw("too late"),
            Err(WithdrawError::Illegal(_))
        ));
        assert!(Reason::parse("line one\nline two").is_ok());
        assert_eq!(Reason::parse("a\u{0}b"), Err(TextError::ControlCharacters));
        assert_eq!(
            Reason::parse(&"x".repeat(2001)),
            Err(TextError::TooLong(2000))
        );
        assert!(serde_test::from_str::<Reason>(" ").is_err());
    }

    // ---- review type -------------------------------------------------------------------------

    #[test]
    fn review_types_parse_what_documents_write() {
        for s in [
            "task and finish",
            "Task & Finish",
            "Task and Finish",
            "task-and-finish",
            "task_and_finish",
            "TASK & FINISH",
            "Task&Finish",
            "T&F",
            "(Task & Finish)",
            "Task and Finish review",
            "Task & Finish Group",
        ] {
            assert_eq!(ReviewType::parse(s), Ok(ReviewType::TaskAndFinish), "{s}");
        }
        for s in [
            "in-depth",
            "in depth",
            "In-Depth",
            "indepth",
            "in_depth",
            "In-depth review",
        ] {
            assert_eq!(ReviewType::parse(s), Ok(ReviewType::InDepth), "{s}");
        }
        assert_eq!("Other".parse(), Ok(ReviewType::Other));
        for bad in ["", "light touch", "task", "finish and task", "review"] {
            let e = ReviewType::parse(bad).unwrap_err();
            assert_eq!(
                e.to_string(),
                "must be one of: task and finish, in-depth, other"
            );
        }
        assert_eq!(ReviewType::TaskAndFinish.label(), "Task & Finish");
        assert_eq!(ReviewType::InDepth.label(), "In-depth");
        for t in ReviewType::ALL {
            assert_eq!(ReviewType::parse(t.label()), Ok(t));
            assert_eq!(ReviewType::parse(t.as_str()), Ok(t));
            assert_eq!(serde_test::to_string(&t), t.as_str());
            assert_eq!(serde_test::from_str::<ReviewType>(t.as_str()).unwrap(), t);
        }
    }

    // ---- work-programme year -----------------------------------------------------------------

    #[test]
    fn work_programme_years_parse_and_render() {
        let seed = WorkProgrammeYear::parse("2021-2022").unwrap();
        assert_eq!(seed.start_year(), 2021);
        assert_eq!(seed.end_year(), 2022);
        assert_eq!(seed.to_string(), "2021-2022");
        for s in [
            "2021/22",
            "2021-22",
            "2021/2022",
            " 2021 - 2022 ",
            "2021–22",
            "2021 to 2022",
            "2021 / 22",
        ] {
            assert_eq!(WorkProgrammeYear::parse(s), Ok(seed), "{s}");
        }
        assert_eq!(
            WorkProgrammeYear::parse("1999/00").unwrap().to_string(),
            "1999-2000"
        );
        assert_eq!(seed.next().unwrap().to_string(), "2022-2023");
        assert!(seed < seed.next().unwrap());
        assert_eq!(serde_test::to_string(&seed), "2021-2022");
        assert_eq!(
            serde_test::from_str::<WorkProgrammeYear>("2021/22").unwrap(),
            seed
        );
    }

    #[test]
    fn work_programme_years_must_be_consecutive() {
        assert_eq!(
            WorkProgrammeYear::parse("2021-2023"),
            Err(WorkProgrammeYearError::NotConsecutive {
                first: 2021,
                second: 2023
            })
        );
        assert_eq!(
            WorkProgrammeYear::parse("2021/21").unwrap_err().to_string(),
            "must be two consecutive years such as 2021-2022, not 2021 then 2021"
        );
        assert!(WorkProgrammeYear::parse("2022-2021").is_err());
        for bad in [
            "",
            "2021",
            "21/22",
            "2021-",
            "2021-2",
            "2021-222",
            "2021 2022",
            "FY2021-22",
            "2021-22x",
        ] {
            assert_eq!(
                WorkProgrammeYear::parse(bad),
                Err(WorkProgrammeYearError::Shape),
                "{bad}"
            );
        }
        assert_eq!(
            WorkProgrammeYear::parse("").unwrap_err().to_string(),
            "must be a work-programme year such as 2021-2022 or 2021/22"
        );
        assert!(WorkProgrammeYear::new(999).is_err());
        assert!(serde_test::from_str::<WorkProgrammeYear>("2021-2023").is_err());
    }

    // ---- recommendation number ---------------------------------------------------------------

    fn rn(s: &str) -> RecommendationNumber {
        RecommendationNumber::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn recommendation_numbers_parse() {
        for (raw, want) in [
            ("1", "1"),
            (" 4 ", "4"),
            ("10", "10"),
            ("R3", "R3"),
            ("3.1", "3.1"),
            ("3-1", "3-1"),
            ("1)", "1"),
            ("(1)", "1"),
            ("1.", "1"),
            ("R3:", "R3"),
            ("3.1.", "3.1"),
            ("2a", "2a"),
            ("SC12", "SC12"),
        ] {
            assert_eq!(rn(raw).as_str(), want, "{raw}");
        }
        assert_eq!(
            RecommendationNumber::parse("  "),
            Err(RecommendationNumberError::Blank)
        );
        assert_eq!(
            RecommendationNumber::parse("()"),
            Err(RecommendationNumberError::Blank)
        );
        assert_eq!(
            RecommendationNumber::parse("12345678901"),
            Err(RecommendationNumberError::TooLong(10))
        );
        for bad in [".1", "-1", "1 2", "R#3", "3-", "Rec 1", "١"] {
            assert_eq!(
                RecommendationNumber::parse(bad),
                Err(RecommendationNumberError::Characters),
                "{bad}"
            );
        }
        assert!(RecommendationNumber::parse("R#3")
            .unwrap_err()
            .to_string()
            .starts_with("must be letters, digits"));
        assert_eq!(serde_test::to_string(&rn("R3")), "R3");
        assert_eq!(
            serde_test::from_str::<RecommendationNumber>("3.1").unwrap(),
            rn("3.1")
        );
        assert!(serde_test::from_str::<RecommendationNumber>("").is_err());
    }

    #[test]
    fn recommendation_numbers_sort_naturally() {
        assert!(rn("2") < rn("10"));
        assert!(rn("3.1") < rn("3.2"));
        assert!(rn("3.2") < rn("3.10"));
        assert!(rn("3") < rn("3.1"));
        assert!(rn("R2") < rn("R10"));
        let mut numbers: Vec<_> = ["10", "2", "1", "3.10", "3.2", "3.1", "3", "4"]
            .into_iter()
            .map(rn)
            .collect();
        numbers.sort();
        let got: Vec<&str> = numbers.iter().map(|n| n.as_str()).collect();
        assert_eq!(got, ["1", "2", "3", "3.1", "3.2", "3.10", "4", "10"]);
        assert_eq!(rn("r3").sort_key(), rn("R3").sort_key());
        assert_ne!(rn("r3"), rn("R3"));
        assert_ne!(rn("r3").cmp(&rn("R3")), Ordering::Equal);
        assert_eq!(
            NaturalKey::of("3.10"),
            NaturalKey(vec![
                KeyPart::Number(3),
                KeyPart::Text(".".into()),
                KeyPart::Number(10)
            ])
        );
    }

    // ---- part labels -------------------------------------------------------------------------

    fn pl(s: &str) -> PartLabel {
        PartLabel::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn part_labels_parse() {
        for s in ["a", "a)", "(a)", "a.", "A)", " (A) ", "[a]", "a:"] {
            assert_eq!(pl(s).as_str(), "a", "{s}");
        }
        assert_eq!(pl("aa").to_string(), "aa");
        assert_eq!(pl("ii)").as_str(), "ii");
        assert_eq!(pl("(iv)").as_str(), "iv");
        for bad in ["", "()", "1)", "a1", "a b", "abcdefghi", "é)", "-"] {
            assert_eq!(PartLabel::parse(bad), Err(PartLabelError), "{bad}");
        }
        assert!(PartLabelError
            .to_string()
            .starts_with("must be a part label"));
        assert_eq!(serde_test::to_string(&pl("b")), "b");
        assert_eq!(serde_test::from_str::<PartLabel>("B)").unwrap(), pl("b"));
    }

    #[test]
    fn part_label_sequences() {
        assert_eq!(PartLabel::letter(1), Some(pl("a")));
        assert_eq!(PartLabel::letter(26), Some(pl("z")));
        assert_eq!(PartLabel::letter(27), Some(pl("aa")));
        assert_eq!(PartLabel::letter(28), Some(pl("ab")));
        assert_eq!(PartLabel::letter(0), None);
        assert_eq!(PartLabel::roman(1), Some(pl("i")));
        assert_eq!(PartLabel::roman(4), Some(pl("iv")));
        assert_eq!(PartLabel::roman(9), Some(pl("ix")));
        assert_eq!(PartLabel::roman(0), None);
        assert_eq!(pl("xiv").roman_value(), Some(14));
        assert_eq!(pl("iiii").roman_value(), None);
        assert_eq!(pl("a").roman_value(), None);
    }

    #[test]
    fn part_labels_sort_letters_and_numerals() {
        let letters: Vec<PartLabel> = (1..=30).map(|n| PartLabel::letter(n).unwrap()).collect();
        let mut shuffled = letters.clone();
        shuffled.reverse();
        shuffled.sort();
        assert_eq!(shuffled, letters);
        let numerals: Vec<PartLabel> = (1..=20).map(|n| PartLabel::roman(n).unwrap()).collect();
        let mut shuffled = numerals.clone();
        shuffled.reverse();
        shuffled.sort();
        assert_eq!(shuffled, numerals);
        assert!(pl("b") < pl("c"));
        assert!(pl("z") < pl("aa"));
        assert!(pl("ii") < pl("iv"));
        assert!(pl("iv") < pl("v"));
    }

    // ---- split_parts -------------------------------------------------------------------------

    const DECISION_REC_2: &str = "As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:\n\na) Cleveland Police promotes the need for regular and Ward-specific engagement with SBC Ward Councillors amongst its internal workforce (including the provision of information to Elected Members which is relevant to their particular Ward);\n\nb) Cleveland Police and SBC use their various public-facing communication platforms to raise the profile of Force-Councillor partnership-working (highlighting examples of positive engagement leading to direct action and good outcomes);\n\nc) Expectations around the physical visibility of police officers (i.e. Ward Surgeries, partnership-meetings, resident meetings) be re-established between Cleveland Police and all SBC Ward Councillors;\n\nd) PCSO contacts for each Ward be reinforced to all SBC Ward Councillors, along with relevant escalation points if a PCSO is unavailable for any reason;\n\ne) Consideration be given to using available platforms to raise the profile of PCSOs and their crucial part in the policing function (providing clarity on what they can and cannot do, including their use of social media as a communication tool);\n\nf) Cleveland Police provides a response to concerns raised within the SBC Ward Councillor survey (undertaken as part of this review), with specific reference to what it is doing to promote better engagement in those Wards where Councillors have expressed dissatisfaction with existing communications arrangements;\n\n";

    const DECISION_REC_3: &str = "Cleveland Police ensures robust mechanisms are in place for victims of crime / ASB which:\n\na) provides clarity on the expected communication process between Force and victim;\n\nb) ensures updates are provided (as regularly as agreed with each individual victim) regarding the progression of investigations, even when there have been no developments;";

    const PLAN_REC_2: &str = "As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors: a) Cleveland Police promotes the need for regular and Ward-specific engagement with SBC Ward Councillors amongst its internal workforce (including the provision of information to Elected Members which is relevant to their particular Ward); b) Cleveland Police and SBC use their various public-facing communication platforms to raise the profile of Force-Councillor partnership-working (highlighting examples of positive engagement leading to direct action and good outcomes);";

    const PLAN_REC_3: &str = "Cleveland Police ensures robust mechanisms are in place for victims of crime / ASB which: a) provides clarity on the expected communication process between Force and victim; b) ensures updates are provided (as regularly as agreed with each individual victim) regarding the progression of investigations, even when there have been no developments.";

    const AGREED_ACTION_REC_2: &str = "A comprehensive written and agreed communication protocol is developed between Cleveland Police and Ward Councillors that looks to demonstrably achieve recommendations a) – f) in a way that is beneficial to both organisations and clearly sets the expectations placed upon both Cleveland Police and Stockton Borough Council.";

    fn labels(parts: &[(PartLabel, String)]) -> Vec<&str> {
        parts.iter().map(|(l, _)| l.as_str()).collect()
    }

    #[test]
    fn splits_the_seed_decision_text() {
        let (lead, parts) = split_parts(DECISION_REC_2);
        assert_eq!(
            lead,
            "As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:"
        );
        assert_eq!(labels(&parts), ["a", "b", "c", "d", "e", "f"]);
        assert!(parts[0].1.starts_with("Cleveland Police promotes the need"));
        assert!(parts[0].1.ends_with("relevant to their particular Ward);"));
        assert!(parts[2].1.starts_with("Expectations around"));
        assert!(parts[5]
            .1
            .ends_with("existing communications arrangements;"));
        assert!(parts.iter().all(|(_, t)| t.ends_with(';')));

        let (lead, parts) = split_parts(DECISION_REC_3);
        assert_eq!(
            lead,
            "Cleveland Police ensures robust mechanisms are in place for victims of crime / ASB which:"
        );
        assert_eq!(
            parts,
            vec![
                (
                    pl("a"),
                    "provides clarity on the expected communication process between Force and victim;"
                        .to_owned()
                ),
                (
                    pl("b"),
                    "ensures updates are provided (as regularly as agreed with each individual victim) regarding the progression of investigations, even when there have been no developments;"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn splits_the_seed_action_plan_text() {
        let (lead, parts) = split_parts(PLAN_REC_2);
        assert!(lead.ends_with("(SBC) Ward Councillors:"));
        assert_eq!(labels(&parts), ["a", "b"]);
        assert!(parts[0].1.starts_with("Cleveland Police promotes"));
        assert!(parts[0].1.ends_with("particular Ward);"));
        assert!(parts[1].1.starts_with("Cleveland Police and SBC use"));
        assert!(parts[1].1.ends_with("good outcomes);"));

        let (lead, parts) = split_parts(PLAN_REC_3);
        assert!(lead.ends_with("victims of crime / ASB which:"));
        assert_eq!(labels(&parts), ["a", "b"]);
        assert_eq!(
            parts[0].1,
            "provides clarity on the expected communication process between Force and victim;"
        );
        assert!(parts[1].1.ends_with("no developments."));
    }

    #[test]
    fn references_to_parts_are_not_split() {
        let (lead, parts) = split_parts(AGREED_ACTION_REC_2);
        assert_eq!(lead, AGREED_ACTION_REC_2);
        assert!(parts.is_empty());
        for text in [
            "Any scheduled reviews of Cleveland Police's 'Community Engagement Strategy 2020-2025' document factors in the key findings and recommendations from this review.",
            "See parts b) and c) of recommendation 2.",
            "Note: a) only.",
            "The committee asked (a) whether and (b) how.",
        ] {
            let (lead, parts) = split_parts(text);
            assert!(parts.is_empty(), "{text}: {parts:?}");
            assert_eq!(lead, text.trim());
        }
    }

    #[test]
    fn splits_other_councils_styles() {
        // "(a)" style on separate lines, no lead-in.
        let (lead, parts) =
            split_parts("(a) Review the policy.\n(b) Report back.\n(c) Publish it.");
        assert_eq!(lead, "");
        assert_eq!(labels(&parts), ["a", "b", "c"]);
        assert_eq!(parts[1].1, "Report back.");

        // Upper-case "A)" and "; and" before the last part.
        let (lead, parts) =
            split_parts("That the Council: A) adopts the plan; and B) reviews it annually.");
        assert_eq!(lead, "That the Council:");
        assert_eq!(labels(&parts), ["a", "b"]);
        assert_eq!(parts[0].1, "adopts the plan; and");
        assert_eq!(parts[1].1, "reviews it annually.");

        // "a." style on lines.
        let (_, parts) =
            split_parts("The Executive:\na. notes the report;\nb. agrees the actions.");
        assert_eq!(labels(&parts), ["a", "b"]);
        assert_eq!(parts[0].1, "notes the report;");

        // Roman numerals.
        let (lead, parts) = split_parts(
            "The partnership will: (i) map services; (ii) consult users; (iii) report.",
        );
        assert_eq!(lead, "The partnership will:");
        assert_eq!(labels(&parts), ["i", "ii", "iii"]);

        // Roman sub-items stay inside their lettered part.
        let (_, parts) =
            split_parts("That: a) the plan covers: i) housing; ii) health; b) it is reviewed.");
        assert_eq!(labels(&parts), ["a", "b"]);
        assert_eq!(parts[0].1, "the plan covers: i) housing; ii) health;");

        // Out-of-sequence markers are ignored; a sequence must start at a.
        let (_, parts) = split_parts("Actions: b) one; c) two.");
        assert!(parts.is_empty());
        let (_, parts) = split_parts("Actions:\na) one;\nc) two;\nb) three.");
        assert_eq!(labels(&parts), ["a", "b"]);
        assert_eq!(parts[0].1, "one;\nc) two;");
    }

    // ---- call-in -----------------------------------------------------------------------------

    #[test]
    fn call_in_lifecycle() {
        use CallInState::*;
        assert_eq!(Open.transition(Expired), Ok(Expired));
        assert_eq!(Open.transition(CalledIn), Ok(CalledIn));
        assert_eq!(CalledIn.transition(Upheld), Ok(Upheld));
        assert_eq!(CalledIn.transition(ReferredBack), Ok(ReferredBack));
        assert_eq!(
            CalledIn.transition(ReferredToCouncil),
            Ok(ReferredToCouncil)
        );
        // Full council's outcome: no objection (the decision stands) or referred back.
        assert_eq!(ReferredToCouncil.transition(Upheld), Ok(Upheld));
        assert_eq!(ReferredToCouncil.transition(ReferredBack), Ok(ReferredBack));
        assert!(ReferredToCouncil.transition(Expired).is_err());
        assert!(!ReferredToCouncil.is_implementable() && !ReferredToCouncil.is_final());
        let e = Open.transition(Upheld).unwrap_err();
        assert_eq!(e.allowed, vec![Expired, CalledIn]);
        assert_eq!(
            e.to_string(),
            "a call-in cannot go from Open for call-in to Upheld; from Open for call-in it can go to Call-in period expired or Called in"
        );
        assert!(Expired.transition(CalledIn).is_err());
        assert!(Upheld.transition(ReferredBack).is_err());
        assert!(ReferredBack
            .transition(Open)
            .unwrap_err()
            .to_string()
            .contains("is final"));
        let implementable: Vec<_> = CallInState::ALL
            .into_iter()
            .filter(|s| s.is_implementable())
            .collect();
        assert_eq!(implementable, vec![Expired, Upheld]);
        assert!(Expired.is_final() && Upheld.is_final() && ReferredBack.is_final());
        assert!(!Open.is_final() && !CalledIn.is_final());
        for state in CallInState::ALL {
            assert_eq!(state.as_str().parse(), Ok(state));
            assert_eq!(serde_test::to_string(&state), state.as_str());
            assert_eq!(
                serde_test::from_str::<CallInState>(state.as_str()).unwrap(),
                state
            );
        }
        assert_eq!("Called in".parse(), Ok(CalledIn));
        assert!("pending".parse::<CallInState>().is_err());
    }

    // ---- owners ------------------------------------------------------------------------------

    fn named(names: &[&str]) -> Vec<OwnerName> {
        names
            .iter()
            .map(|n| OwnerName::Named((*n).to_owned()))
            .collect()
    }

    #[test]
    fn seed_responsibility_cells() {
        assert_eq!(
            parse_owners("Cleveland Police"),
            named(&["Cleveland Police"])
        );
        assert_eq!(
            parse_owners("Stockton on Tees Borough Council"),
            named(&["Stockton on Tees Borough Council"])
        );
        assert_eq!(
            parse_owners("Stockton-on-Tees Borough Council"),
            named(&["Stockton-on-Tees Borough Council"])
        );
    }

    #[test]
    fn owners_split_at_separators() {
        let both = named(&["Cleveland Police", "SBC"]);
        assert_eq!(parse_owners("Cleveland Police / SBC"), both);
        assert_eq!(parse_owners("Cleveland Police, SBC"), both);
        assert_eq!(parse_owners("Cleveland Police; SBC"), both);
        assert_eq!(parse_owners("Cleveland Police and SBC"), both);
        assert_eq!(parse_owners("Cleveland Police & SBC"), both);
        assert_eq!(parse_owners("Cleveland Police\nSBC"), both);
        assert_eq!(parse_owners("* Cleveland Police\n* SBC\n"), both);
        assert_eq!(parse_owners("- Cleveland Police\r\n• SBC"), both);
        assert_eq!(
            parse_owners("SBC and Cleveland Police"),
            named(&["SBC", "Cleveland Police"])
        );
        assert_eq!(
            parse_owners("Cleveland Police and Stockton-on-Tees Borough Council"),
            named(&["Cleveland Police", "Stockton-on-Tees Borough Council"])
        );
        assert_eq!(
            parse_owners("Cleveland Police, SBC and Thirteen Group"),
            named(&["Cleveland Police", "SBC", "Thirteen Group"])
        );
    }

    #[test]
    fn owners_keep_names_whole() {
        assert_eq!(parse_owners("C/Supt Lang"), named(&["C/Supt Lang"]));
        assert_eq!(
            parse_owners("C/Supt Lang / Steve Hume"),
            named(&["C/Supt Lang", "Steve Hume"])
        );
        assert_eq!(
            parse_owners("T/C Insp Jon Willoughby, Cleveland Police"),
            named(&["T/C Insp Jon Willoughby", "Cleveland Police"])
        );
        assert_eq!(
            parse_owners("Redcar and Cleveland Borough Council"),
            named(&["Redcar and Cleveland Borough Council"])
        );
        assert_eq!(
            parse_owners("Redcar & Cleveland Borough Council / Cleveland Police"),
            named(&["Redcar & Cleveland Borough Council", "Cleveland Police"])
        );
        assert_eq!(
            parse_owners("Cleveland Police and Crime Commissioner"),
            named(&["Cleveland Police and Crime Commissioner"])
        );
        assert_eq!(
            parse_owners("Cleveland Fire and Rescue Service and Hartlepool Borough Council"),
            named(&[
                "Cleveland Fire and Rescue Service",
                "Hartlepool Borough Council"
            ])
        );
        assert_eq!(
            parse_owners("Tees, Esk and Wear Valleys NHS Foundation Trust"),
            named(&["Tees, Esk and Wear Valleys NHS Foundation Trust"])
        );
        assert_eq!(
            parse_owners("Head of community safety and security"),
            named(&["Head of community safety and security"])
        );
        assert_eq!(
            parse_owners("SBC (Community Safety, Licensing) and Cleveland Police"),
            named(&["SBC (Community Safety, Licensing)", "Cleveland Police"])
        );
        assert_eq!(
            parse_owners_with(
                "North Tees and Hartlepool NHS Foundation Trust and Durham Constabulary",
                &["North Tees and Hartlepool NHS Foundation Trust"]
            ),
            named(&[
                "North Tees and Hartlepool NHS Foundation Trust",
                "Durham Constabulary"
            ])
        );
        assert_eq!(
            parse_owners_with(
                "Safer Homes and Gardens Ltd, SBC",
                &["Safer Homes and Gardens Ltd"]
            ),
            named(&["Safer Homes and Gardens Ltd", "SBC"])
        );
    }

    #[test]
    fn owners_all_and_duplicates() {
        for s in [
            "All",
            "all",
            "ALL",
            "All partners",
            "All agencies",
            "All partner agencies",
            "All partner organisations",
            "All responsible authorities",
        ] {
            assert_eq!(parse_owners(s), vec![OwnerName::All], "{s}");
        }
        assert_eq!(
            parse_owners("All SBC Ward Councillors"),
            named(&["All SBC Ward Councillors"])
        );
        assert_eq!(
            parse_owners("Cleveland Police / SBC / cleveland  police\nSBC"),
            named(&["Cleveland Police", "SBC"])
        );
        assert_eq!(
            parse_owners("All partners\nAll\nCleveland Police (lead)"),
            vec![
                OwnerName::All,
                OwnerName::Named("Cleveland Police (lead)".into())
            ]
        );
        assert!(parse_owners("").is_empty());
        assert!(parse_owners(" \n - \n").is_empty());
        assert_eq!(
            parse_owners("  Cleveland   Police. "),
            named(&["Cleveland Police"])
        );
        assert_eq!(OwnerName::All.to_string(), "All");
        assert!(OwnerName::All.is_all());
        assert_eq!(OwnerName::Named("SBC".into()).name(), Some("SBC"));
        assert_eq!(OwnerName::All.name(), None);
        fn assert_serde<T: Serialize + for<'de> Deserialize<'de>>() {}
        assert_serde::<OwnerName>();
        assert_serde::<Withdrawal>();
    }
}
