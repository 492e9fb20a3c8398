//! Dates as documents give them (docs/domain.md rule 8): often only a month ("April 2022"), sometimes
//! a day ("14 October 2022"), sometimes none at all ("Ongoing"). A [`PartialDate`] never invents a
//! day and renders back the way it was given; a [`Milestone`] is one due date of an action, with
//! its label and the slice of the document it came from.
//!
//! Parsing is for UK council documents: numeric dates are day first ("20/01/2022"), two-digit
//! years are 20xx, and month names are English.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

/// Earliest year a [`PartialDate`] may have (ISO dates are rendered with four-digit years).
pub const MIN_YEAR: i32 = 1000;
/// Latest year a [`PartialDate`] may have.
pub const MAX_YEAR: i32 = 9999;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    #[error("must not be blank")]
    Blank,
    #[error(
        "must be a date such as \"April 2022\", \"14 April 2022\", \"2022-04-14\" or \"14/04/2022\" (could not read \"{input}\")"
    )]
    Unrecognised { input: String },
    #[error("must be a date in the form yyyy-mm or yyyy-mm-dd (got \"{input}\")")]
    NotIso { input: String },
    #[error("month must be between 1 and 12, not {month}")]
    MonthOutOfRange { month: u32 },
    #[error("year must be between {MIN_YEAR} and {MAX_YEAR}, not {year}")]
    YearOutOfRange { year: i32 },
    #[error("must be a real date: {} {year} has {days} days, so there is no day {day}", month_name(*.month))]
    NoSuchDay {
        year: i32,
        month: u32,
        day: u32,
        days: u32,
    },
    #[error("must name the right day of the week: {date} is a {actual}, not a {stated}", date = PartialDate::from(*.date), actual = weekday_name(.date.weekday()), stated = weekday_name(*.stated))]
    WrongWeekday { date: NaiveDate, stated: Weekday },
}

/// How precisely a [`PartialDate`] was given. `Month < Day`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Month,
    Day,
}

impl Precision {
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A date given to the month ("April 2022") or to the day ("14 October 2022").
///
/// Ordered by its first day, then by precision: "April 2022" < "1 April 2022" < "2 April 2022".
/// Displays as documents write it ("April 2022", "14 October 2022"); serialises as ISO 8601
/// ("2022-04", "2022-10-14").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: u32,
    day: Option<u32>,
}

impl PartialDate {
    /// A month-precision date.
    pub fn month(year: i32, month: u32) -> Result<Self, DateError> {
        check_year_month(year, month)?;
        Ok(Self {
            year,
            month,
            day: None,
        })
    }

    /// A day-precision date; the day must exist in that month.
    pub fn day(year: i32, month: u32, day: u32) -> Result<Self, DateError> {
        check_year_month(year, month)?;
        if NaiveDate::from_ymd_opt(year, month, day).is_none() {
            return Err(DateError::NoSuchDay {
                year,
                month,
                day,
                days: days_in_month(year, month),
            });
        }
        Ok(Self {
            year,
            month,
            day: Some(day),
        })
    }

    /// Reads a date as people write it in UK documents. Accepts, case-insensitively and with
    /// surrounding white space: "April 2022", "Apr 2022", "Sept 2022", "Mid-May 2022",
    /// "Apr-22" (spreadsheet style), "2022-04", "04/2022", "2022-04-14", "14 April 2022",
    /// "14th April 2022", "14th of April 2022", "1st May 2022", "Thursday 20th January 2022",
    /// "April 14, 2022", "14-Apr-22", "20/01/2022", "20/1/22", "14.10.2022", "14-10-2022".
    /// Numeric dates are day first; two-digit years are 20xx. A stated day of the week must
    /// match the date.
    pub fn parse(raw: &str) -> Result<Self, DateError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(DateError::Blank);
        }
        let unrecognised = || DateError::Unrecognised {
            input: text.to_owned(),
        };
        let scanner = Scanner::new(text);
        let (next, result) = scanner.match_at(0).ok_or_else(unrecognised)?;
        let date = result?;
        let end = scanner.toks[next - 1].end;
        let whole = scanner.toks[0].start == 0
            && next == scanner.toks.len()
            && text[end..].chars().all(|c| c == '.' || c == ',');
        if whole {
            Ok(date)
        } else {
            Err(unrecognised())
        }
    }

    /// Reads the ISO form only: "2022-04" or "2022-04-14" (the wire format).
    pub fn from_iso(raw: &str) -> Result<Self, DateError> {
        let not_iso = || DateError::NotIso {
            input: raw.to_owned(),
        };
        let parts: Vec<&str> = raw.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [y, m] if digits(y, 4) && digits(m, 2) => {
                Self::month(y.parse().map_err(|_| not_iso())?, m.parse().unwrap_or(0))
            }
            [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => Self::day(
                y.parse().map_err(|_| not_iso())?,
                m.parse().unwrap_or(0),
                d.parse().unwrap_or(0),
            ),
            _ => Err(not_iso()),
        }
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    /// 1 to 12.
    pub fn month_number(&self) -> u32 {
        self.month
    }

    /// The day of the month, for a day-precision date.
    pub fn day_of_month(&self) -> Option<u32> {
        self.day
    }

    pub fn precision(&self) -> Precision {
        match self.day {
            Some(_) => Precision::Day,
            None => Precision::Month,
        }
    }

    /// The earliest day the date covers: the day itself, or the first of the month.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day.unwrap_or(1))
            .expect("a PartialDate is always a valid date")
    }

    /// The latest day the date covers: the day itself, or the last of the month. A
    /// month-precision milestone is due at the end of its month.
    pub fn last_day(&self) -> NaiveDate {
        let day = self
            .day
            .unwrap_or_else(|| days_in_month(self.year, self.month));
        NaiveDate::from_ymd_opt(self.year, self.month, day)
            .expect("a PartialDate is always a valid date")
    }

    /// Whether `date` falls within this date (its day, or any day of its month).
    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&date)
    }

    /// Whether something due on this date is overdue on `today` (i.e. `today` is after
    /// [`last_day`](Self::last_day)).
    pub fn is_overdue_on(&self, today: NaiveDate) -> bool {
        today > self.last_day()
    }

    /// "2022-04" or "2022-10-14".
    pub fn to_iso(&self) -> String {
        match self.day {
            Some(d) => format!("{:04}-{:02}-{:02}", self.year, self.month, d),
            None => format!("{:04}-{:02}", self.year, self.month),
        }
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
            day: Some(date.day()),
        }
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then_with(|| self.precision().cmp(&other.precision()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{d} {} {}", month_name(self.month), self.year),
            None => write!(f, "{} {}", month_name(self.month), self.year),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        PartialDate::from_iso(&s).map_err(serde::de::Error::custom)
    }
}

fn check_year_month(year: i32, month: u32) -> Result<(), DateError> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(DateError::YearOutOfRange { year });
    }
    if !(1..=12).contains(&month) {
        return Err(DateError::MonthOutOfRange { month });
    }
    Ok(())
}

/// Days in a month; `month` must be 1 to 12.
fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(year, month, *d).is_some())
        .unwrap_or(28)
}

fn month_name(month: u32) -> &'static str {
    MONTH_NAMES
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

// ---- scanning dates in text ------------------------------------------------------------------

/// One word of a text, with the byte range of its core (the word without surrounding quotes
/// and trailing full stops or colons).
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    start: usize,
    end: usize,
    core: &'a str,
}

/// Characters that end a word: dates never contain them.
fn is_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | ',' | ';')
}

fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_break(c)) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                start = None;
                let word = &text[s..i];
                let lead = word.len() - word.trim_start_matches(['"', '\'', '“', '‘', '«']).len();
                let trail = word.len()
                    - word
                        .trim_end_matches(['.', ':', '"', '\'', '”', '’', '»', '!', '?'])
                        .len();
                if lead + trail < word.len() {
                    let (cs, ce) = (s + lead, i - trail);
                    toks.push(Tok {
                        start: cs,
                        end: ce,
                        core: &text[cs..ce],
                    });
                }
            }
            _ => {}
        }
    }
    toks
}

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let m = match w.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// A month word, allowing a hyphenated vague prefix: "Mid-May", "early-June", "end-March".
fn month_with_prefix(word: &str) -> Option<u32> {
    month_of(word).or_else(|| {
        let (prefix, rest) = word.split_once('-')?;
        matches!(
            prefix.to_lowercase().as_str(),
            "mid" | "early" | "late" | "end"
        )
        .then(|| month_of(rest))
        .flatten()
    })
}

fn weekday_of(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.').to_lowercase();
    let d = match w.as_str() {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" | "weds" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    };
    Some(d)
}

fn is_digits(s: &str, lens: std::ops::RangeInclusive<usize>) -> bool {
    lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_ordinal_suffix(s: &str) -> bool {
    matches!(s.to_lowercase().as_str(), "st" | "nd" | "rd" | "th")
}

/// "14", "14th", "1st": the day number, and whether it carried its ordinal suffix.
fn day_word(word: &str) -> Option<(u32, bool)> {
    let digits_end = word
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(word.len());
    let (digits, suffix) = word.split_at(digits_end);
    if !is_digits(digits, 1..=2) {
        return None;
    }
    let day = digits.parse().ok()?;
    if suffix.is_empty() {
        Some((day, false))
    } else if is_ordinal_suffix(suffix) {
        Some((day, true))
    } else {
        None
    }
}

fn year_word(word: &str) -> Option<i32> {
    is_digits(word, 4..=4).then(|| word.parse().ok()).flatten()
}

/// A two- or four-digit year; two digits are 20xx.
fn short_or_long_year(word: &str) -> Option<i32> {
    if is_digits(word, 2..=2) {
        word.parse::<i32>().ok().map(|y| 2000 + y)
    } else {
        year_word(word)
    }
}

/// A date written as one word: ISO "2022-04" / "2022-04-14", "2022/04/14", UK day-first
/// "20/01/2022", "20/1/22", "14.10.2022", "14-10-2022", month "04/2022", spreadsheet "Apr-22",
/// "14-Apr-2022". `None` if the word does not have such a shape (a financial year such as
/// "2022-23" is not a date); `Some(Err)` if it has the shape but is not a real date.
fn numeric_word(word: &str) -> Option<Result<PartialDate, DateError>> {
    let sep = word.chars().find(|c| !c.is_ascii_alphanumeric())?;
    if !matches!(sep, '/' | '.' | '-') {
        return None;
    }
    let parts: Vec<&str> = word.split(sep).collect();
    let num = |s: &str| s.parse::<u32>().unwrap_or(u32::MAX);
    let all_digits = parts.iter().all(|p| is_digits(p, 1..=4));
    if all_digits {
        return match parts.as_slice() {
            [y, m] if is_digits(y, 4..=4) && is_digits(m, 1..=2) && sep == '-' => {
                let year = num(y) as i32;
                let month = num(m);
                // "2022-23" is a financial year, not the 23rd month.
                if month > 12 && m.len() == 2 && month as i32 == (year + 1) % 100 {
                    None
                } else {
                    Some(PartialDate::month(year, month))
                }
            }
            [m, y] if is_digits(m, 1..=2) && is_digits(y, 4..=4) => {
                Some(PartialDate::month(num(y) as i32, num(m)))
            }
            [y, m, d] if is_digits(y, 4..=4) && is_digits(m, 1..=2) && is_digits(d, 1..=2) => {
                Some(PartialDate::day(num(y) as i32, num(m), num(d)))
            }
            [d, m, y] if is_digits(d, 1..=2) && is_digits(m, 1..=2) => {
                let year = short_or_long_year(y)?;
                Some(PartialDate::day(year, num(m), num(d)))
            }
            _ => None,
        };
    }
    if sep != '-' {
        return None;
    }
    match parts.as_slice() {
        [m, y] => {
            let month = month_of(m)?;
            let year = short_or_long_year(y)?;
            Some(PartialDate::month(year, month))
        }
        [d, m, y] if is_digits(d, 1..=2) => {
            let month = month_of(m)?;
            let year = short_or_long_year(y)?;
            Some(PartialDate::day(year, month, num(d)))
        }
        _ => None,
    }
}

/// Finds dates in a text, word by word.
struct Scanner<'a> {
    text: &'a str,
    toks: Vec<Tok<'a>>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            toks: tokenize(text),
        }
    }

    fn core(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).map(|t| t.core)
    }

    /// Whether tokens `i` and `i + 1` are separated only by white space or a comma, as the words
    /// of one date are.
    fn joined(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => self.text[a.end..b.start]
                .chars()
                .all(|c| c.is_whitespace() || c == ',' || c == '.'),
            _ => false,
        }
    }

    /// The date starting at token `i`: the index of the token after it, and the date (or why the
    /// date-shaped words are not a real date). `None` if no date starts there.
    fn match_at(&self, i: usize) -> Option<(usize, Result<PartialDate, DateError>)> {
        let first = self.core(i)?;
        if let Some(result) = numeric_word(first) {
            return Some((i + 1, result));
        }
        let weekday = weekday_of(first);
        let j = if weekday.is_some() {
            if !self.joined(i) {
                return None;
            }
            i + 1
        } else {
            i
        };
        let day_precision = self
            .day_month_year(j)
            .or_else(|| self.month_day_year(j))
            .or_else(|| {
                weekday?;
                let result = numeric_word(self.core(j)?)?;
                Some((j + 1, result))
            });
        if let Some((next, result)) = day_precision {
            let checked = result.and_then(|date| match (weekday, date.day) {
                (Some(stated), Some(_)) if date.first_day().weekday() != stated => {
                    Err(DateError::WrongWeekday {
                        date: date.first_day(),
                        stated,
                    })
                }
                (Some(_), None) => Err(DateError::Unrecognised {
                    input: self.text[self.toks[i].start..self.toks[next - 1].end].to_owned(),
                }),
                _ => Ok(date),
            });
            return Some((next, checked));
        }
        if weekday.is_some() {
            return None;
        }
        self.month_year(i)
    }

    /// "14 April 2022", "14th April 2022", "14 th October 2022", "14th of April, 2022".
    fn day_month_year(&self, i: usize) -> Option<(usize, Result<PartialDate, DateError>)> {
        let (day, suffixed) = day_word(self.core(i)?)?;
        let mut j = i;
        if !suffixed && self.joined(j) && self.core(j + 1).is_some_and(is_ordinal_suffix) {
            j += 1;
        }
        if self.joined(j)
            && self
                .core(j + 1)
                .is_some_and(|w| w.eq_ignore_ascii_case("of"))
        {
            j += 1;
        }
        if !self.joined(j) {
            return None;
        }
        let month = month_of(self.core(j + 1)?)?;
        if !self.joined(j + 1) {
            return None;
        }
        let year = year_word(self.core(j + 2)?)?;
        Some((j + 3, PartialDate::day(year, month, day)))
    }

    /// "April 14, 2022", "April 14th 2022".
    fn month_day_year(&self, i: usize) -> Option<(usize, Result<PartialDate, DateError>)> {
        let month = month_of(self.core(i)?)?;
        if !self.joined(i) {
            return None;
        }
        let (day, suffixed) = day_word(self.core(i + 1)?)?;
        let mut j = i + 1;
        if !suffixed && self.joined(j) && self.core(j + 1).is_some_and(is_ordinal_suffix) {
            j += 1;
        }
        if !self.joined(j) {
            return None;
        }
        let year = year_word(self.core(j + 1)?)?;
        Some((j + 2, PartialDate::day(year, month, day)))
    }

    /// "April 2022", "Sept. 2022", "Mid-May 2022".
    fn month_year(&self, i: usize) -> Option<(usize, Result<PartialDate, DateError>)> {
        let month = month_with_prefix(self.core(i)?)?;
        if !self.joined(i) {
            return None;
        }
        let year = year_word(self.core(i + 1)?)?;
        Some((i + 2, PartialDate::month(year, month)))
    }
}

// ---- milestones --------------------------------------------------------------------------------

/// One due date of an action as a document gives it: "May 2022 (Development of protocol)",
/// "September 2022", "Ongoing".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// The date, if the text gives one; never invented.
    pub date: Option<PartialDate>,
    /// What the date is for ("Development of protocol"), or the whole text when there is no date
    /// ("Ongoing", "TBC", "Action complete"). Qualifiers such as "By end of" are not labels:
    /// they stay in `raw` only.
    pub label: Option<String>,
    /// This milestone's slice of the original text, trimmed, so the cell can be re-rendered as
    /// given: "May 2022 (Development of protocol)", "By end of June 2022", "and September 2023".
    pub raw: String,
}

impl Milestone {
    /// A milestone entered directly (not read from a document); `raw` is its canonical text.
    /// A blank label counts as none.
    pub fn new(date: Option<PartialDate>, label: Option<&str>) -> Self {
        let label = label
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty());
        let mut milestone = Self {
            date,
            label,
            raw: String::new(),
        };
        milestone.raw = milestone.canonical_text();
        milestone
    }

    /// The milestone written the seed's way: "May 2022 (Development of protocol)",
    /// "September 2022", or the label alone ("Ongoing").
    pub fn canonical_text(&self) -> String {
        match (&self.date, &self.label) {
            (Some(d), Some(l)) => format!("{d} ({l})"),
            (Some(d), None) => d.to_string(),
            (None, Some(l)) => l.clone(),
            (None, None) => String::new(),
        }
    }

    /// The last day by which this milestone is due, if it has a date (end of month for a
    /// month-precision date).
    pub fn due_by(&self) -> Option<NaiveDate> {
        self.date.map(|d| d.last_day())
    }
}

/// A date-shaped part of a milestone cell that is not a real date.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("\"{text}\": {source}")]
pub struct MilestoneError {
    /// The offending words, as written.
    pub text: String,
    pub source: DateError,
}

/// Words that join milestones ("March 2023 and September 2023"); never part of a label.
const CONNECTORS: &[&str] = &[
    "and", "then", "&", "or", "to", "followed", "plus", "+", "also", "with",
];

/// Words that qualify a date ("By end of June 2022", "w/c 14 March 2022"); kept in `raw`, never
/// a label.
const QUALIFIERS: &[&str] = &[
    "by",
    "before",
    "end",
    "the",
    "of",
    "from",
    "until",
    "till",
    "no",
    "not",
    "later",
    "than",
    "w/c",
    "wc",
    "w/b",
    "week",
    "commencing",
    "beginning",
    "start",
    "mid",
    "early",
    "late",
    "due",
    "in",
    "during",
    "on",
    "at",
    "for",
    "approx",
    "approx.",
    "approximately",
    "circa",
    "c.",
    "around",
    "after",
    "within",
    "deadline",
    "target",
    "date",
    "expected",
    "estimated",
];

fn word_key(word: &str) -> String {
    word.trim_end_matches([':', '-', '–', '—']).to_lowercase()
}

fn is_connector(word: &str) -> bool {
    CONNECTORS.contains(&word_key(word).as_str())
}

fn is_qualifier_or_connector(word: &str) -> bool {
    let key = word_key(word);
    QUALIFIERS.contains(&key.as_str()) || CONNECTORS.contains(&key.as_str())
}

const LEADING_JUNK: &[char] = &[',', ';', ':', '.', '-', '–', '—', '/', ')', ']', '•', '*'];
const TRAILING_JUNK: &[char] = &[',', ';', ':', '.', '-', '–', '—', '/', '(', '['];

/// Removes brackets that have no partner ("TBC (was" → "TBC was"), keeping balanced ones.
fn drop_unmatched_brackets(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut keep = vec![true; chars.len()];
    for (open, close) in [('(', ')'), ('[', ']')] {
        let mut stack = Vec::new();
        for (k, c) in chars.iter().enumerate() {
            if *c == open {
                stack.push(k);
            } else if *c == close && stack.pop().is_none() {
                keep[k] = false;
            }
        }
        for k in stack {
            keep[k] = false;
        }
    }
    let kept: String = chars
        .iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(*c))
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The label in a piece of text around a date: white space collapsed, separators, connectors and
/// one pair of enclosing brackets removed; with `before_date`, trailing qualifiers too ("Quarterly
/// from" → "Quarterly", "By end of" → none).
fn clean_label(text: &str, before_date: bool) -> Option<String> {
    let mut s = drop_unmatched_brackets(text);
    let mut words: Vec<&str>;
    loop {
        let previous = s.clone();
        s = s
            .trim_start_matches(|c: char| c.is_whitespace() || LEADING_JUNK.contains(&c))
            .trim_end_matches(|c: char| c.is_whitespace() || TRAILING_JUNK.contains(&c))
            .to_owned();
        words = s.split_whitespace().collect();
        while words.first().is_some_and(|w| is_connector(w)) {
            words.remove(0);
        }
        if before_date {
            while words.last().is_some_and(|w| is_qualifier_or_connector(w)) {
                words.pop();
            }
        }
        s = words.join(" ");
        for (open, close) in [('(', ')'), ('[', ']')] {
            if s.starts_with(open) && s.ends_with(close) && s.len() >= 2 {
                let inner = &s[1..s.len() - 1];
                if !inner.contains([open, close]) {
                    s = inner.trim().to_owned();
                }
            }
        }
        if s == previous {
            break;
        }
    }
    (!s.is_empty()).then_some(s)
}

/// Where the connecting and qualifying words at the end of `gap` begin ("(draft), by the end
/// of" → the offset of "by"); `gap.len()` if there are none.
fn trailing_qualifiers_start(gap: &str) -> usize {
    let mut split = gap.len();
    for (start, word) in words_with_offsets(gap).into_iter().rev() {
        let ends_clause = word.contains(['(', ')', '[', ']']) || word.ends_with([',', ';']);
        if ends_clause || !is_qualifier_or_connector(word) {
            break;
        }
        split = start;
    }
    split
}

/// Where the separators at the start of `gap` end ("), Assessment (" → the offset of
/// "Assessment").
fn leading_separators_end(gap: &str) -> usize {
    gap.find(|c: char| !(c.is_whitespace() || matches!(c, ',' | ';' | '.' | '/' | ')' | ']')))
        .unwrap_or(gap.len())
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

/// Splits a Date cell into milestones.
///
/// * Blank → no milestones (a blank date is valid).
/// * No date in the text ("Ongoing", "TBC", "Quarterly", "Action complete") → one milestone with
///   no date, labelled with the text.
/// * Otherwise one milestone per date found. Text after a date is its label
///   ("May 2022 (Development of protocol) September 2022 (Assessment of protocol)", "April 2022 –
///   Action complete"), unless the text starts with a label and nothing follows the last date
///   ("Draft: May 2022; Final: September 2022", "Completed June 2022"), when text before a date
///   is its label. Qualifiers ("By end of June 2022", "w/c 14 March 2022") and connectors ("and",
///   "then", ",", ";") are never labels. Line breaks count as white space.
/// * Every milestone keeps its slice of the text in `raw`; the slices cover the whole cell, in
///   order: separators stay with the milestone before them ("March 2023,") and connecting or
///   qualifying words with the milestone after them ("then September 2023"). So
///   [`milestones_to_text`] gives back the cell with only the white space between milestones
///   normalised.
///
/// Fails only on date-shaped text that is not a real date ("31 February 2022", "13/13/2022"), or
/// a day of the week that does not match its date, so that the document can be corrected rather
/// than a date guessed.
pub fn parse_milestones(text: &str) -> Result<Vec<Milestone>, MilestoneError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(Vec::new());
    }
    let scanner = Scanner::new(text);
    // Each found date: (start, end, date) as byte offsets into `text`.
    let mut found: Vec<(usize, usize, PartialDate)> = Vec::new();
    let mut i = 0;
    while i < scanner.toks.len() {
        match scanner.match_at(i) {
            Some((next, result)) => {
                let (start, end) = (scanner.toks[i].start, scanner.toks[next - 1].end);
                let date = result.map_err(|source| MilestoneError {
                    text: text[start..end].to_owned(),
                    source,
                })?;
                found.push((start, end, date));
                i = next;
            }
            None => i += 1,
        }
    }
    if found.is_empty() {
        let label = clean_label(trimmed, false)
            .unwrap_or_else(|| trimmed.split_whitespace().collect::<Vec<_>>().join(" "));
        return Ok(vec![Milestone {
            date: None,
            label: Some(label),
            raw: trimmed.to_owned(),
        }]);
    }

    let first_start = found[0].0;
    let last_end = found[found.len() - 1].1;
    let prefix_is_label = clean_label(&text[..first_start], true).is_some();
    let suffix_is_label = clean_label(&text[last_end..], false).is_some();
    let labels_before = prefix_is_label && !suffix_is_label;

    // Each milestone owns text[bounds[k]..bounds[k + 1]]; its date lies inside.
    let mut bounds = vec![0];
    for pair in found.windows(2) {
        let (gap_start, gap_end) = (pair[0].1, pair[1].0);
        let gap = &text[gap_start..gap_end];
        let split = if labels_before {
            leading_separators_end(gap)
        } else {
            trailing_qualifiers_start(gap)
        };
        bounds.push(gap_start + split);
    }
    bounds.push(text.len());

    let milestones = found
        .iter()
        .enumerate()
        .map(|(k, &(start, end, date))| {
            let (from, to) = (bounds[k], bounds[k + 1]);
            let before = clean_label(&text[from..start], true);
            let after = clean_label(&text[end..to], false);
            let label = match (before, after) {
                (Some(b), Some(a)) => Some(format!("{b} {a}")),
                (b, a) => b.or(a),
            };
            Milestone {
                date: Some(date),
                label,
                raw: text[from..to].trim().to_owned(),
            }
        })
        .collect();
    Ok(milestones)
}

/// Renders milestones into one Date cell, as the seed does: each milestone's `raw` text (or its
/// canonical text if `raw` is blank), separated by single spaces:
/// "May 2022 (Development of protocol) September 2022 (Assessment of protocol)".
pub fn milestones_to_text(milestones: &[Milestone]) -> String {
    milestones
        .iter()
        .map(|m| {
            let raw = m.raw.trim();
            if raw.is_empty() {
                m.canonical_text()
            } else {
                raw.to_owned()
            }
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Test helpers: this crate has no serde_json, so a minimal serializer that captures strings and
/// unit variants lets tests check the wire form of string-like types.
#[cfg(test)]
pub(crate) mod serde_test {
    use serde::de::value::{Error as DeError, StrDeserializer};
    use serde::de::DeserializeOwned;
    use serde::ser::{self, Impossible, Serialize};
    use std::fmt;

    #[derive(Debug)]
    pub struct Error(String);

    impl fmt::Display for Error {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl std::error::Error for Error {}

    impl ser::Error for Error {
        fn custom<T: fmt::Display>(msg: T) -> Self {
            Error(msg.to_string())
        }
    }

    struct StrSerializer;

    macro_rules! unsupported {
        ($($name:ident($($ty:ty),*);)*) => {$(
            fn $name(self, $(_: $ty),*) -> Result<String, Error> {
                Err(Error(stringify!($name).into()))
            }
        )*};
    }

    impl ser::Serializer for StrSerializer {
        type Ok = String;
        type Error = Error;
        type SerializeSeq = Impossible<String, Error>;
        type SerializeTuple = Impossible<String, Error>;
        type SerializeTupleStruct = Impossible<String, Error>;
        type SerializeTupleVariant = Impossible<String, Error>;
        type SerializeMap = Impossible<String, Error>;
        type SerializeStruct = Impossible<String, Error>;
        type SerializeStructVariant = Impossible<String, Error>;

        fn serialize_str(self, v: &str) -> Result<String, Error> {
            Ok(v.to_owned())
        }

        fn serialize_unit_variant(
            self,
            _name: &'static str,
            _index: u32,
            variant: &'static str,
        ) -> Result<String, Error> {
            Ok(variant.to_owned())
        }

        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            _name: &'static str,
            value: &T,
        ) -> Result<String, Error> {
            value.serialize(self)
        }

        unsupported! {
            serialize_bool(bool);
            serialize_i8(i8);
            serialize_i16(i16);
            serialize_i32(i32);
            serialize_i64(i64);
            serialize_u8(u8);
            serialize_u16(u16);
            serialize_u32(u32);
            serialize_u64(u64);
            serialize_f32(f32);
            serialize_f64(f64);
            serialize_char(char);
            serialize_bytes(&[u8]);
            serialize_none();
            serialize_unit();
            serialize_unit_struct(&'static str);
        }

        fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<String, Error> {
            Err(Error("some".into()))
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<String, Error> {
            Err(Error("newtype variant".into()))
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
            Err(Error("seq".into()))
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
            Err(Error("tuple".into()))
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Error> {
            Err(Error("tuple struct".into()))
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Error> {
            Err(Error("tuple variant".into()))
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
            Err(Error("map".into()))
        }
        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, Error> {
            Err(Error("struct".into()))
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Error> {
            Err(Error("struct variant".into()))
        }
    }

    /// The string a string-like value (or unit enum variant) serialises to.
    pub fn to_string<T: Serialize>(value: &T) -> String {
        value
            .serialize(StrSerializer)
            .expect("serialises as a string")
    }

    /// Deserialises a value from a string.
    pub fn from_str<T: DeserializeOwned>(s: &str) -> Result<T, DeError> {
        T::deserialize(StrDeserializer::<DeError>::new(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: i32, mo: u32) -> PartialDate {
        PartialDate::month(y, mo).unwrap()
    }

    fn d(y: i32, mo: u32, day: u32) -> PartialDate {
        PartialDate::day(y, mo, day).unwrap()
    }

    fn p(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    fn nd(y: i32, mo: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, mo, day).unwrap()
    }

    // ---- PartialDate -------------------------------------------------------------------------

    #[test]
    fn constructors_validate_through_chrono() {
        assert_eq!(
            PartialDate::day(2022, 2, 31),
            Err(DateError::NoSuchDay {
                year: 2022,
                month: 2,
                day: 31,
                days: 28
            })
        );
        assert!(PartialDate::day(2024, 2, 29).is_ok());
        assert!(PartialDate::day(2022, 2, 29).is_err());
        assert!(PartialDate::day(2022, 4, 0).is_err());
        assert_eq!(
            PartialDate::month(2022, 13),
            Err(DateError::MonthOutOfRange { month: 13 })
        );
        assert_eq!(
            PartialDate::month(2022, 0),
            Err(DateError::MonthOutOfRange { month: 0 })
        );
        assert_eq!(
            PartialDate::month(999, 1),
            Err(DateError::YearOutOfRange { year: 999 })
        );
        assert!(PartialDate::month(10000, 1).is_err());
    }

    #[test]
    fn accessors_and_precision() {
        let april = m(2022, 4);
        assert_eq!(april.year(), 2022);
        assert_eq!(april.month_number(), 4);
        assert_eq!(april.day_of_month(), None);
        assert_eq!(april.precision(), Precision::Month);
        let oct = d(2022, 10, 14);
        assert_eq!(oct.day_of_month(), Some(14));
        assert_eq!(oct.precision(), Precision::Day);
        assert_eq!(PartialDate::from(nd(2022, 1, 20)), d(2022, 1, 20));
    }

    #[test]
    fn first_and_last_days() {
        assert_eq!(m(2022, 4).first_day(), nd(2022, 4, 1));
        assert_eq!(m(2022, 4).last_day(), nd(2022, 4, 30));
        assert_eq!(m(2022, 2).last_day(), nd(2022, 2, 28));
        assert_eq!(m(2024, 2).last_day(), nd(2024, 2, 29));
        assert_eq!(m(2022, 12).last_day(), nd(2022, 12, 31));
        assert_eq!(d(2022, 10, 14).first_day(), nd(2022, 10, 14));
        assert_eq!(d(2022, 10, 14).last_day(), nd(2022, 10, 14));
        assert!(m(2022, 9).contains(nd(2022, 9, 30)));
        assert!(!m(2022, 9).contains(nd(2022, 10, 1)));
        // A month-precision milestone is due at the end of its month.
        assert!(!m(2022, 9).is_overdue_on(nd(2022, 9, 30)));
        assert!(m(2022, 9).is_overdue_on(nd(2022, 10, 1)));
        assert!(d(2022, 9, 14).is_overdue_on(nd(2022, 9, 15)));
    }

    #[test]
    fn ordering_is_by_first_day_then_precision() {
        let mut dates = vec![
            d(2022, 4, 2),
            m(2022, 5),
            d(2022, 4, 1),
            m(2022, 4),
            d(2022, 3, 31),
            m(2021, 12),
        ];
        dates.sort();
        assert_eq!(
            dates,
            vec![
                m(2021, 12),
                d(2022, 3, 31),
                m(2022, 4),
                d(2022, 4, 1),
                d(2022, 4, 2),
                m(2022, 5)
            ]
        );
        assert_ne!(m(2022, 4), d(2022, 4, 1));
    }

    #[test]
    fn renders_as_given() {
        assert_eq!(m(2022, 4).to_string(), "April 2022");
        assert_eq!(d(2022, 10, 14).to_string(), "14 October 2022");
        assert_eq!(d(2022, 1, 2).to_string(), "2 January 2022");
        assert_eq!(m(2022, 4).to_iso(), "2022-04");
        assert_eq!(d(2022, 10, 14).to_iso(), "2022-10-14");
        assert_eq!(d(2022, 1, 2).to_iso(), "2022-01-02");
    }

    #[test]
    fn parses_month_precision_forms() {
        for s in [
            "April 2022",
            "Apr 2022",
            "april 2022",
            "APRIL 2022",
            "  April 2022  ",
            "Apr. 2022",
            "April, 2022",
            "2022-04",
            "2022-4",
            "04/2022",
            "4/2022",
            "Apr-22",
            "April-2022",
            "April 2022.",
        ] {
            assert_eq!(p(s), m(2022, 4), "{s}");
        }
        assert_eq!(p("Sept 2022"), m(2022, 9));
        assert_eq!(p("Sep 2022"), m(2022, 9));
        assert_eq!(p("Sept. 2022"), m(2022, 9));
        assert_eq!(p("September 2022"), m(2022, 9));
        assert_eq!(p("Mid-May 2022"), m(2022, 5));
        assert_eq!(p("end-March 2023"), m(2023, 3));
        assert_eq!(p("March 2022"), m(2022, 3));
    }

    #[test]
    fn parses_day_precision_forms() {
        for s in [
            "14 April 2022",
            "14th April 2022",
            "14TH April 2022",
            "14 th April 2022",
            "14th of April 2022",
            "14 Apr 2022",
            "14 April, 2022",
            "April 14, 2022",
            "April 14th 2022",
            "2022-04-14",
            "2022/04/14",
            "14/04/2022",
            "14/4/2022",
            "14/4/22",
            "14.04.2022",
            "14-04-2022",
            "14-Apr-22",
            "14-Apr-2022",
            "Thursday 14th April 2022",
            "Thursday, 14 April 2022",
            "Thu 14 April 2022",
            "Thursday 14/04/2022",
        ] {
            assert_eq!(p(s), d(2022, 4, 14), "{s}");
        }
        assert_eq!(p("1st May 2022"), d(2022, 5, 1));
        assert_eq!(p("2nd May 2022"), d(2022, 5, 2));
        assert_eq!(p("3rd May 2022"), d(2022, 5, 3));
        assert_eq!(p("Thursday 20th January 2022"), d(2022, 1, 20));
        assert_eq!(p("20/01/2022"), d(2022, 1, 20));
        assert_eq!(p("20/1/22"), d(2022, 1, 20));
        assert_eq!(p("14.10.2022"), d(2022, 10, 14));
        assert_eq!(p("24 January 2022"), d(2022, 1, 24));
        assert_eq!(p("02/11/22"), d(2022, 11, 2));
        assert_eq!(p("09/03/22"), d(2022, 3, 9));
        assert_eq!(p("Friday 28th January 2022"), d(2022, 1, 28));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(matches!(
            PartialDate::parse("31 February 2022"),
            Err(DateError::NoSuchDay { day: 31, .. })
        ));
        assert_eq!(
            PartialDate::parse("13/13/2022"),
            Err(DateError::MonthOutOfRange { month: 13 })
        );
        assert!(PartialDate::parse("29/02/2022").is_err());
        assert!(PartialDate::parse("2022-02-30").is_err());
        assert!(PartialDate::parse("2022-13").is_err());
        assert!(PartialDate::parse("0 May 2022").is_err());
        assert_eq!(
            PartialDate::parse("Friday 20th January 2022"),
            Err(DateError::WrongWeekday {
                date: nd(2022, 1, 20),
                stated: Weekday::Fri
            })
        );
    }

    #[test]
    fn rejects_garbage_with_a_clear_message() {
        assert_eq!(PartialDate::parse("   "), Err(DateError::Blank));
        for s in [
            "soon",
            "2022",
            "April",
            "14 April",
            "April 22",
            "2022-23",
            "2022/23",
            "Q1 2022",
            "April 2022 (draft)",
            "(April 2022)",
            "By April 2022",
            "April 2022 and May 2022",
            "Thursday",
            "Thursday April 2022",
            "12.5",
            "1.2.3",
        ] {
            assert!(
                matches!(
                    PartialDate::parse(s),
                    Err(DateError::Unrecognised { .. } | DateError::NoSuchDay { .. })
                ),
                "{s} should be rejected, got {:?}",
                PartialDate::parse(s)
            );
        }
        let e = PartialDate::parse("soon").unwrap_err().to_string();
        assert!(e.starts_with("must be a date such as"), "{e}");
        assert!(e.contains("\"soon\""), "{e}");
        assert_eq!(
            PartialDate::parse("31 February 2022")
                .unwrap_err()
                .to_string(),
            "must be a real date: February 2022 has 28 days, so there is no day 31"
        );
        assert_eq!(
            PartialDate::parse("Friday 20 January 2022")
                .unwrap_err()
                .to_string(),
            "must name the right day of the week: 20 January 2022 is a Thursday, not a Friday"
        );
        assert_eq!(
            PartialDate::parse("13/13/2022").unwrap_err().to_string(),
            "month must be between 1 and 12, not 13"
        );
    }

    #[test]
    fn display_and_parse_round_trip() {
        for date in [m(2022, 4), d(2022, 10, 14), m(2023, 12), d(2024, 2, 29)] {
            assert_eq!(p(&date.to_string()), date);
            assert_eq!(p(&date.to_iso()), date);
            assert_eq!(PartialDate::from_iso(&date.to_iso()), Ok(date));
            assert_eq!(date.to_string().parse::<PartialDate>(), Ok(date));
        }
    }

    #[test]
    fn iso_form_is_strict() {
        assert_eq!(PartialDate::from_iso("2022-04"), Ok(m(2022, 4)));
        assert_eq!(PartialDate::from_iso("2022-10-14"), Ok(d(2022, 10, 14)));
        for bad in [
            "April 2022",
            "2022-4",
            "22-04",
            "2022-04-1",
            " 2022-04",
            "2022",
        ] {
            assert!(
                matches!(PartialDate::from_iso(bad), Err(DateError::NotIso { .. })),
                "{bad}"
            );
        }
        assert!(PartialDate::from_iso("2022-02-30").is_err());
    }

    #[test]
    fn serde_uses_the_iso_string() {
        assert_eq!(serde_test::to_string(&m(2022, 4)), "2022-04");
        assert_eq!(serde_test::to_string(&d(2022, 10, 14)), "2022-10-14");
        assert_eq!(
            serde_test::from_str::<PartialDate>("2022-04").unwrap(),
            m(2022, 4)
        );
        assert_eq!(
            serde_test::from_str::<PartialDate>("2022-10-14").unwrap(),
            d(2022, 10, 14)
        );
        let e = serde_test::from_str::<PartialDate>("April 2022").unwrap_err();
        assert!(e.to_string().contains("yyyy-mm"), "{e}");
        assert!(serde_test::from_str::<PartialDate>("2022-02-30").is_err());
        assert_eq!(serde_test::to_string(&Precision::Month), "month");
        assert_eq!(
            serde_test::from_str::<Precision>("day").unwrap(),
            Precision::Day
        );
        fn assert_serde<T: Serialize + for<'de> Deserialize<'de>>() {}
        assert_serde::<Milestone>();
    }

    // ---- milestones --------------------------------------------------------------------------

    fn ms(text: &str) -> Vec<Milestone> {
        parse_milestones(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
    }

    fn summary(text: &str) -> Vec<(Option<String>, Option<String>, String)> {
        ms(text)
            .into_iter()
            .map(|m| (m.date.map(|d| d.to_iso()), m.label, m.raw))
            .collect()
    }

    fn row(
        iso: Option<&str>,
        label: Option<&str>,
        raw: &str,
    ) -> (Option<String>, Option<String>, String) {
        (
            iso.map(str::to_owned),
            label.map(str::to_owned),
            raw.to_owned(),
        )
    }

    #[test]
    fn seed_date_cells() {
        let seed = "May 2022 (Development of protocol) September 2022 (Assessment of protocol)";
        assert_eq!(
            summary(seed),
            vec![
                row(
                    Some("2022-05"),
                    Some("Development of protocol"),
                    "May 2022 (Development of protocol)"
                ),
                row(
                    Some("2022-09"),
                    Some("Assessment of protocol"),
                    "September 2022 (Assessment of protocol)"
                ),
            ]
        );
        assert_eq!(milestones_to_text(&ms(seed)), seed);
        for (cell, iso) in [("April 2022", "2022-04"), ("September 2022", "2022-09")] {
            assert_eq!(summary(cell), vec![row(Some(iso), None, cell)]);
            assert_eq!(milestones_to_text(&ms(cell)), cell);
        }
        assert_eq!(
            summary("March 2022"),
            vec![row(Some("2022-03"), None, "March 2022")]
        );
    }

    #[test]
    fn blank_cells_have_no_milestones() {
        assert!(ms("").is_empty());
        assert!(ms("  \n\t ").is_empty());
        assert_eq!(milestones_to_text(&[]), "");
    }

    #[test]
    fn undated_text_is_kept_as_a_label() {
        for text in [
            "Ongoing",
            "TBC",
            "Quarterly",
            "Action complete",
            "N/A",
            "2025",
        ] {
            assert_eq!(summary(text), vec![row(None, Some(text), text)], "{text}");
            assert_eq!(milestones_to_text(&ms(text)), text);
        }
        assert_eq!(
            summary("  Ongoing\n(reviewed quarterly) "),
            vec![row(
                None,
                Some("Ongoing (reviewed quarterly)"),
                "Ongoing\n(reviewed quarterly)"
            )]
        );
        assert_eq!(
            summary("(Ongoing)"),
            vec![row(None, Some("Ongoing"), "(Ongoing)")]
        );
        assert_eq!(summary("-"), vec![row(None, Some("-"), "-")]);
        // Financial years and quarters are not dates: kept as text, never turned into one.
        assert_eq!(
            summary("Q1 2022/23"),
            vec![row(None, Some("Q1 2022/23"), "Q1 2022/23")]
        );
        assert_eq!(
            summary("2022-23"),
            vec![row(None, Some("2022-23"), "2022-23")]
        );
        assert_eq!(
            summary("Spring 2023"),
            vec![row(None, Some("Spring 2023"), "Spring 2023")]
        );
    }

    #[test]
    fn several_dates_joined_by_connectors_or_separators() {
        for (text, raws) in [
            (
                "March 2023 and September 2023",
                ["March 2023", "and September 2023"],
            ),
            (
                "March 2023, September 2023",
                ["March 2023,", "September 2023"],
            ),
            (
                "March 2023; then September 2023",
                ["March 2023;", "then September 2023"],
            ),
            (
                "March 2023 & September 2023",
                ["March 2023", "& September 2023"],
            ),
            (
                "March 2023\nSeptember 2023",
                ["March 2023", "September 2023"],
            ),
            ("Mar 2023 - Sept 2023", ["Mar 2023 -", "Sept 2023"]),
            (
                "March 2023 / September 2023",
                ["March 2023 /", "September 2023"],
            ),
            ("31/03/2023 30/09/2023", ["31/03/2023", "30/09/2023"]),
        ] {
            let got = ms(text);
            assert_eq!(got.len(), 2, "{text}");
            assert_eq!(got[0].date.unwrap().month_number(), 3, "{text}");
            assert_eq!(got[1].date.unwrap().month_number(), 9, "{text}");
            assert!(got.iter().all(|m| m.label.is_none()), "{text}: {got:?}");
            let got_raws: Vec<&str> = got.iter().map(|m| m.raw.as_str()).collect();
            assert_eq!(got_raws, raws, "{text}");
        }
        assert_eq!(
            milestones_to_text(&ms("March 2023; then September 2023")),
            "March 2023; then September 2023"
        );
    }

    #[test]
    fn qualifiers_stay_in_raw_not_in_the_label() {
        assert_eq!(
            summary("By end of June 2022"),
            vec![row(Some("2022-06"), None, "By end of June 2022")]
        );
        assert_eq!(
            summary("w/c 14 March 2022"),
            vec![row(Some("2022-03-14"), None, "w/c 14 March 2022")]
        );
        assert_eq!(
            summary("By the end of March 2023"),
            vec![row(Some("2023-03"), None, "By the end of March 2023")]
        );
        assert_eq!(
            summary("Mid-May 2022"),
            vec![row(Some("2022-05"), None, "Mid-May 2022")]
        );
        assert_eq!(
            summary("By May 2022 (draft), by the end of September 2022 (final)"),
            vec![
                row(Some("2022-05"), Some("draft"), "By May 2022 (draft),"),
                row(
                    Some("2022-09"),
                    Some("final"),
                    "by the end of September 2022 (final)"
                ),
            ]
        );
    }

    #[test]
    fn labels_after_dates_in_other_styles() {
        assert_eq!(
            summary("April 2022 – Action complete"),
            vec![row(
                Some("2022-04"),
                Some("Action complete"),
                "April 2022 – Action complete"
            )]
        );
        assert_eq!(
            summary("March 2023 and ongoing"),
            vec![row(
                Some("2023-03"),
                Some("ongoing"),
                "March 2023 and ongoing"
            )]
        );
        let cell = "May 2022\n(Development of protocol)\nSeptember 2022\n(Assessment of protocol)";
        assert_eq!(
            summary(cell),
            vec![
                row(
                    Some("2022-05"),
                    Some("Development of protocol"),
                    "May 2022\n(Development of protocol)"
                ),
                row(
                    Some("2022-09"),
                    Some("Assessment of protocol"),
                    "September 2022\n(Assessment of protocol)"
                ),
            ]
        );
        assert_eq!(
            summary("31/03/2023: report to committee"),
            vec![row(
                Some("2023-03-31"),
                Some("report to committee"),
                "31/03/2023: report to committee"
            )]
        );
        assert_eq!(
            summary("Apr-22 (interim) Oct-22 (final)"),
            vec![
                row(Some("2022-04"), Some("interim"), "Apr-22 (interim)"),
                row(Some("2022-10"), Some("final"), "Oct-22 (final)"),
            ]
        );
    }

    #[test]
    fn labels_before_dates_when_nothing_follows_the_last_date() {
        assert_eq!(
            summary("Draft protocol: May 2022; Final protocol: September 2022"),
            vec![
                row(
                    Some("2022-05"),
                    Some("Draft protocol"),
                    "Draft protocol: May 2022;"
                ),
                row(
                    Some("2022-09"),
                    Some("Final protocol"),
                    "Final protocol: September 2022"
                ),
            ]
        );
        assert_eq!(
            summary("Completed June 2022"),
            vec![row(
                Some("2022-06"),
                Some("Completed"),
                "Completed June 2022"
            )]
        );
        assert_eq!(
            summary("Quarterly from April 2022"),
            vec![row(
                Some("2022-04"),
                Some("Quarterly"),
                "Quarterly from April 2022"
            )]
        );
        assert_eq!(
            summary("Protocol (May 2022), Assessment (Sept 2022)"),
            vec![
                row(Some("2022-05"), Some("Protocol"), "Protocol (May 2022),"),
                row(
                    Some("2022-09"),
                    Some("Assessment"),
                    "Assessment (Sept 2022)"
                ),
            ]
        );
        assert_eq!(
            summary("TBC (was May 2022)"),
            vec![row(Some("2022-05"), Some("TBC was"), "TBC (was May 2022)")]
        );
        assert_eq!(
            summary("Report to Committee in November 2022 and Cabinet in December 2022"),
            vec![
                row(
                    Some("2022-11"),
                    Some("Report to Committee"),
                    "Report to Committee in November 2022"
                ),
                row(
                    Some("2022-12"),
                    Some("Cabinet"),
                    "and Cabinet in December 2022"
                ),
            ]
        );
        assert_eq!(
            summary("Midnight - Friday 28th January 2022"),
            vec![row(
                Some("2022-01-28"),
                Some("Midnight"),
                "Midnight - Friday 28th January 2022"
            )]
        );
    }

    #[test]
    fn day_precision_milestones() {
        assert_eq!(
            summary("Thursday 20th January 2022 (Cabinet) 24/01/2022 (published)"),
            vec![
                row(
                    Some("2022-01-20"),
                    Some("Cabinet"),
                    "Thursday 20th January 2022 (Cabinet)"
                ),
                row(
                    Some("2022-01-24"),
                    Some("published"),
                    "24/01/2022 (published)"
                ),
            ]
        );
        let got = ms("14 th October 2022");
        assert_eq!(got[0].date, Some(d(2022, 10, 14)));
        assert_eq!(got[0].due_by(), Some(nd(2022, 10, 14)));
        assert_eq!(ms("September 2022")[0].due_by(), Some(nd(2022, 9, 30)));
    }

    #[test]
    fn impossible_dates_in_a_cell_are_errors() {
        let e = parse_milestones("May 2022 (draft) 31 February 2023 (final)").unwrap_err();
        assert_eq!(e.text, "31 February 2023");
        assert!(matches!(e.source, DateError::NoSuchDay { .. }));
        assert_eq!(
            e.to_string(),
            "\"31 February 2023\": must be a real date: February 2023 has 28 days, so there is no day 31"
        );
        assert!(parse_milestones("13/13/2022").is_err());
        assert!(parse_milestones("Friday 20th January 2022").is_err());
    }

    #[test]
    fn new_milestones_render_canonically() {
        let a = Milestone::new(Some(m(2022, 5)), Some(" Development  of protocol "));
        assert_eq!(a.raw, "May 2022 (Development of protocol)");
        assert_eq!(a.label.as_deref(), Some("Development of protocol"));
        let b = Milestone::new(Some(m(2022, 9)), Some("Assessment of protocol"));
        assert_eq!(
            milestones_to_text(&[a, b]),
            "May 2022 (Development of protocol) September 2022 (Assessment of protocol)"
        );
        assert_eq!(Milestone::new(None, Some("Ongoing")).raw, "Ongoing");
        assert_eq!(
            Milestone::new(Some(d(2022, 10, 14)), Some("  ")).raw,
            "14 October 2022"
        );
        assert_eq!(Milestone::new(Some(d(2022, 10, 14)), None).label, None);
        let blank_raw = Milestone {
            date: Some(m(2022, 4)),
            label: None,
            raw: " ".into(),
        };
        assert_eq!(milestones_to_text(&[blank_raw]), "April 2022");
    }

    #[test]
    fn milestones_re_render_the_cells_they_came_from() {
        for cell in [
            "May 2022 (Development of protocol) September 2022 (Assessment of protocol)",
            "March 2023 and September 2023",
            "March 2023, September 2023",
            "By end of June 2022",
            "Draft protocol: May 2022; Final protocol: September 2022",
            "Action complete",
            "April 2022 – Action complete",
        ] {
            assert_eq!(milestones_to_text(&ms(cell)), cell);
        }
    }
}
