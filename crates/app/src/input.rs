//! Small checks shared by the commands of several areas: free texts and their limits, and dates
//! stored as a day with a precision.
use chrono::{Datelike, NaiveDate};
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::validation::ValidationErrors;

/// The longest reason (withdrawal, amendment, closure) a command may give, in characters.
pub const REASON_MAX: usize = 2000;

/// A free text that may be blank (none); at most `max` characters.
pub fn optional_text(
    errors: &mut ValidationErrors,
    field: &str,
    raw: Option<&str>,
    max: usize,
) -> Option<String> {
    let text = raw.map(str::trim).filter(|t| !t.is_empty())?;
    if text.chars().count() > max {
        errors.add(field, format!("must be at most {max} characters"));
        return None;
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        errors.add(field, "must not contain control characters");
        return None;
    }
    Some(text.to_owned())
}

/// The longest search (`q`) a list takes, in characters.
pub const SEARCH_MAX: usize = 200;

/// A list's search text (`q`): blank is no search; at most [`SEARCH_MAX`] characters, on one
/// line.
pub fn search_text(errors: &mut ValidationErrors, raw: Option<&str>) -> Option<String> {
    let text = raw.map(str::trim).filter(|t| !t.is_empty())?;
    if text.chars().count() > SEARCH_MAX {
        errors.add("q", format!("must be at most {SEARCH_MAX} characters"));
        return None;
    }
    if text.chars().any(char::is_control) {
        errors.add("q", "must not contain control characters");
        return None;
    }
    Some(text.to_owned())
}

/// A date as stored (its first day, with `month` or `day` precision) read back as it was given.
pub fn stored_date(on: Option<NaiveDate>, precision: Option<&str>) -> Option<PartialDate> {
    let on = on?;
    match precision {
        Some("month") => PartialDate::month(on.year(), on.month()).ok(),
        _ => Some(PartialDate::from(on)),
    }
}
