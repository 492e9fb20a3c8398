//! A recommendations tracker: one row per recommendation across reviews (the review's reference
//! and title, the committee, the decision date, the recommendation, its lead, due date, status
//! and progress), read with a [`Mapping`] of the file's headings.
use crate::cells::{parse_number, split_measures};
use crate::mapping::{locate, loose_key, means_no_date, Field, Mapping};
use crate::report::{Parsed, Report};
use crate::sheet::{clean, Records};
use crate::ImportError;
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::records::RecommendationNumber;
use serde::{Serialize, Serializer};

/// One recommendation as a tracker row gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackerRow {
    /// The row it was read from.
    pub row: u32,
    pub review_reference: String,
    pub review_title: Option<String>,
    /// As written (an acronym or a name).
    pub committee: Option<String>,
    #[serde(serialize_with = "iso")]
    pub decision_date: Option<PartialDate>,
    pub number: Option<RecommendationNumber>,
    pub recommendation: String,
    pub action: Option<String>,
    pub measures: Vec<String>,
    /// The leads the Lead cell names, in order.
    pub leads: Vec<String>,
    /// The Lead cell as written.
    pub lead_text: Option<String>,
    #[serde(serialize_with = "iso")]
    pub due: Option<PartialDate>,
    /// As written, trimmed.
    pub status: Option<String>,
    pub progress: Option<String>,
    #[serde(serialize_with = "iso")]
    pub updated_on: Option<PartialDate>,
    pub updated_by: Option<String>,
}

/// A tracker as read from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackerImport {
    /// In the order of the file.
    pub rows: Vec<TrackerRow>,
}

/// A date as ISO 8601: "2022-05", "2022-10-14", or null.
fn iso<S: Serializer>(date: &Option<PartialDate>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.serialize_some(&d.to_iso()),
        None => serializer.serialize_none(),
    }
}

/// Ranks written with a slash ("C/Supt", "D/Insp", "T/Ch/Insp"): the slash is no separator.
const RANK_WORDS: &[&str] = &["supt", "insp", "sgt", "ch", "cinsp", "csupt", "con", "cst"];

/// Whether the slash at `at` is inside a rank: a prefix of at most 3 letters before it and a
/// rank word after it.
fn rank_slash(chars: &[char], at: usize) -> bool {
    let before: String = chars[..at]
        .iter()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let after: String = chars[at + 1..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .flat_map(|c| c.to_lowercase())
        .collect();
    let before_len = before.chars().count();
    (1..=3).contains(&before_len) && RANK_WORDS.contains(&after.as_str())
}

/// Splits a Lead cell into the leads it names: at '/', ';', ',', '&', '+', line ends and " and ",
/// outside brackets; a slash in a rank ("C/Supt Smith") does not split.
pub fn split_leads(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut depth = 0u32;
    let mut i = 0;
    let mut end_part = |current: &mut String| {
        let part = current.trim();
        if !part.is_empty() {
            parts.push(part.to_owned());
        }
        current.clear();
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '(' | '[' => {
                depth += 1;
                current.push(c);
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                current.push(c);
            }
            ';' | ',' | '&' | '+' | '\n' if depth == 0 => end_part(&mut current),
            '/' if depth == 0 && !rank_slash(&chars, i) => end_part(&mut current),
            c if depth == 0
                && c.is_whitespace()
                && chars.len() > i + 4
                && chars[i + 1..i + 4]
                    .iter()
                    .flat_map(|c| c.to_lowercase())
                    .eq("and".chars())
                && chars[i + 4].is_whitespace() =>
            {
                end_part(&mut current);
                i += 4;
            }
            c => current.push(c),
        }
        i += 1;
    }
    end_part(&mut current);
    parts
}

/// A date cell: none when blank; a date; or none for words meaning no date ("Ongoing", "TBC",
/// "n/a", "-"), with the guess to report. Anything else is an error to reject the row with.
fn read_date(
    field: Field,
    text: Option<&str>,
) -> Result<(Option<PartialDate>, Option<String>), String> {
    let Some(text) = text else {
        return Ok((None, None));
    };
    match PartialDate::parse(text) {
        Ok(date) => Ok((Some(date), None)),
        Err(_) if means_no_date(text) => Ok((
            None,
            Some(format!(
                "\"{text}\" is no date: read as no {}",
                field.title().to_lowercase()
            )),
        )),
        Err(e) => Err(format!("the {} {e}", field.title().to_lowercase())),
    }
}

/// Reads a tracker with a mapping: the rows below the header, one recommendation each. A row
/// repeating the header is skipped and reported; a row with nothing in any mapped column is
/// passed over. A row without a review reference or recommendation, with a recommendation
/// number that is no number, or with a date that is no date, is rejected (naming the column as
/// the file heads it). Cells are trimmed, their line breaks kept and other control characters
/// removed.
pub fn parse_tracker(
    records: Records,
    mut report: Report,
    mapping: &Mapping,
) -> Result<Parsed<TrackerImport>, ImportError> {
    let located = locate(&records, mapping, &mut report)?;
    let missing: Vec<&str> = [Field::ReviewReference, Field::Recommendation]
        .into_iter()
        .filter(|f| located.index(*f).is_none())
        .map(Field::title)
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::NoHeader(format!(
            "a tracker needs columns mapped to {} and {}, and the file has no column mapped to {}: map the columns again",
            Field::ReviewReference.title(),
            Field::Recommendation.title(),
            missing.join(" or ")
        )));
    }
    let header_at = records
        .iter()
        .position(|(row, _)| *row == located.header_row)
        .expect("locate returns a row of the records");
    let header = &records[header_at].1;
    let heading = |field: Field| -> &str {
        located
            .index(field)
            .map_or_else(|| field.title(), |i| header[i].trim())
    };
    let keys: Vec<(usize, String)> = located
        .fields
        .iter()
        .map(|&(i, _)| (i, loose_key(&header[i])))
        .collect();

    let mut rows = Vec::new();
    for (row, cells) in &records[header_at + 1..] {
        let row = *row;
        if keys
            .iter()
            .all(|(i, key)| cells.get(*i).is_some_and(|c| loose_key(c) == *key))
        {
            report.skip(
                Some(row),
                None,
                &cells.join(" | "),
                "the header repeated: left out",
            );
            continue;
        }
        let values: Vec<(Field, String)> = located
            .fields
            .iter()
            .filter_map(|&(i, field)| {
                let text = clean(cells.get(i)?).trim().to_owned();
                (!text.is_empty()).then_some((field, text))
            })
            .collect();
        if values.is_empty() {
            continue;
        }
        report.rows_read += 1;
        let value = |field: Field| {
            values
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, v)| v.as_str())
        };
        match read_row(row, &value) {
            Ok((tracker_row, guesses)) => {
                for (field, value, reason) in guesses {
                    report.guess(Some(row), Some(heading(field)), &value, reason);
                }
                rows.push(tracker_row);
            }
            Err((field, value, reason)) => {
                report.reject(Some(row), Some(heading(field)), &value, reason);
            }
        }
    }
    Ok(Parsed {
        value: TrackerImport { rows },
        report,
    })
}

type Problem = (Field, String, String);

/// One row's values read, with the guesses made; or why it is rejected.
fn read_row<'a>(
    row: u32,
    value: &dyn Fn(Field) -> Option<&'a str>,
) -> Result<(TrackerRow, Vec<Problem>), Problem> {
    let owned = |field: Field| value(field).map(str::to_owned);
    let required = |field: Field| {
        owned(field).ok_or_else(|| {
            (
                field,
                String::new(),
                format!("no {}: every row needs one", field.title().to_lowercase()),
            )
        })
    };
    let review_reference = required(Field::ReviewReference)?;
    let recommendation = required(Field::Recommendation)?;
    let number = value(Field::Number)
        .map(|text| {
            parse_number(text).map_err(|e| {
                (
                    Field::Number,
                    text.to_owned(),
                    format!("the recommendation number {e}"),
                )
            })
        })
        .transpose()?;
    let mut guesses = Vec::new();
    let mut date = |field: Field| -> Result<Option<PartialDate>, Problem> {
        let text = value(field);
        match read_date(field, text) {
            Ok((date, guess)) => {
                if let Some(reason) = guess {
                    guesses.push((field, text.unwrap_or_default().to_owned(), reason));
                }
                Ok(date)
            }
            Err(reason) => Err((field, text.unwrap_or_default().to_owned(), reason)),
        }
    };
    let decision_date = date(Field::DecisionDate)?;
    let due = date(Field::DueDate)?;
    let updated_on = date(Field::UpdatedOn)?;
    let lead_text = owned(Field::Lead);
    let leads = lead_text.as_deref().map(split_leads).unwrap_or_default();
    if leads.len() > 1 {
        guesses.push((
            Field::Lead,
            lead_text.clone().unwrap_or_default(),
            format!("read as {} leads: {}", leads.len(), leads.join("; ")),
        ));
    }
    let tracker_row = TrackerRow {
        row,
        review_reference,
        review_title: owned(Field::ReviewTitle),
        committee: owned(Field::Committee),
        decision_date,
        number,
        recommendation,
        action: owned(Field::Action),
        measures: value(Field::Measures)
            .map(split_measures)
            .unwrap_or_default(),
        leads,
        lead_text,
        due,
        status: owned(Field::Status),
        progress: owned(Field::Progress),
        updated_on,
        updated_by: owned(Field::UpdatedBy),
    };
    Ok((tracker_row, guesses))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::ColumnMapping;
    use crate::report::Severity;
    use scrutiny_domain::dates::Precision;

    #[test]
    fn leads_split() {
        assert_eq!(split_leads("JS/AB"), vec!["JS", "AB"]);
        assert_eq!(
            split_leads("C/Supt Smith & Cllr Jones"),
            vec!["C/Supt Smith", "Cllr Jones"]
        );
        assert_eq!(
            split_leads("d/insp Brown; T/Insp Green, A/Supt Black + D/Supt White"),
            vec![
                "d/insp Brown",
                "T/Insp Green",
                "A/Supt Black",
                "D/Supt White"
            ]
        );
        assert_eq!(
            split_leads("Director (Adults & Health) and Head of Finance"),
            vec!["Director (Adults & Health)", "Head of Finance"]
        );
        assert_eq!(split_leads("Andy Sanderson"), vec!["Andy Sanderson"]);
        assert_eq!(split_leads("Brand"), vec!["Brand"]);
        assert_eq!(split_leads(" / ; "), Vec::<String>::new());
        assert_eq!(split_leads("AND"), vec!["AND"]);
        assert_eq!(split_leads("A AND B"), vec!["A", "B"]);
    }

    #[test]
    fn dates() {
        let (d, _) = read_date(Field::DueDate, Some("01/02/26")).unwrap();
        let d = d.unwrap();
        assert_eq!(
            (d.year(), d.month_number(), d.day_of_month()),
            (2026, 2, Some(1))
        );
        let (d, _) = read_date(Field::DueDate, Some("Feb 2026")).unwrap();
        assert_eq!(d.unwrap().precision(), Precision::Month);
        assert_eq!(d.unwrap().to_iso(), "2026-02");
        let (d, _) = read_date(Field::DueDate, Some("July 2015")).unwrap();
        assert_eq!(d.unwrap().to_iso(), "2015-07");
        for none in ["Ongoing", "TBC", "n/a", "-"] {
            let (d, guess) = read_date(Field::DueDate, Some(none)).unwrap();
            assert_eq!(d, None);
            assert!(guess.unwrap().contains("read as no due date"));
        }
        let err = read_date(Field::DecisionDate, Some("next spring")).unwrap_err();
        assert!(err.starts_with("the decision date must be a date"), "{err}");
        assert_eq!(read_date(Field::DueDate, None), Ok((None, None)));
    }

    fn records(rows: &[&[&str]]) -> Records {
        rows.iter()
            .enumerate()
            .map(|(i, cells)| {
                (
                    i as u32 + 1,
                    cells.iter().map(|c| (*c).to_owned()).collect(),
                )
            })
            .collect()
    }

    fn mapping() -> Mapping {
        Mapping {
            columns: [
                ("Ref", Field::ReviewReference),
                ("Rec", Field::Number),
                ("Recommendation", Field::Recommendation),
                ("Lead", Field::Lead),
                ("Target", Field::DueDate),
                ("RAG", Field::Status),
            ]
            .into_iter()
            .map(|(h, f)| ColumnMapping {
                heading: h.to_owned(),
                field: f,
            })
            .collect(),
            header_row: None,
        }
    }

    #[test]
    fn rows_are_read_rejected_and_skipped() {
        let recs = records(&[
            &[
                "Ref",
                "Rec",
                "Recommendation",
                "Lead",
                "Target",
                "RAG",
                "Other",
            ],
            &[
                "R1",
                "1",
                " That \u{7}x\n happens ",
                "JS/AB",
                "May 2022",
                "Green",
                "o",
            ],
            &["", "", "", "", "", "", "only here"],
            &["R1", "2", "", "JS", "", "", ""],
            &["REF", "rec", "recommendation", "lead", "target", "rag", ""],
            &["R2", "!!", "Y", "", "", "", ""],
            &["R2", "3", "Z", "", "soon-ish", "", ""],
            &["R2", "4", "W", "", "TBC", "Paused", ""],
        ]);
        let parsed = parse_tracker(recs, Report::new(), &mapping()).unwrap();
        let rows = &parsed.value.rows;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].recommendation, "That x\n happens");
        assert_eq!(rows[0].leads, vec!["JS", "AB"]);
        assert_eq!(rows[0].lead_text.as_deref(), Some("JS/AB"));
        assert_eq!(rows[0].due.unwrap().to_iso(), "2022-05");
        assert_eq!(rows[0].number.as_ref().unwrap().as_str(), "1");
        assert_eq!(rows[1].row, 8);
        assert_eq!(rows[1].due, None);
        assert_eq!(rows[1].status.as_deref(), Some("Paused"));
        let report = &parsed.report;
        assert_eq!(report.rows_read, 5);
        assert_eq!(report.rows_rejected, 3);
        let rejected: Vec<(Option<u32>, Option<&str>)> = report
            .of(Severity::Rejected)
            .map(|i| (i.row, i.column.as_deref()))
            .collect();
        assert_eq!(
            rejected,
            vec![
                (Some(4), Some("Recommendation")),
                (Some(6), Some("Rec")),
                (Some(7), Some("Target"))
            ]
        );
        assert!(report
            .of(Severity::Skipped)
            .any(|i| i.row == Some(5) && i.reason.contains("header repeated")));
        assert!(report
            .of(Severity::Skipped)
            .any(|i| i.column.as_deref() == Some("Other")));
        assert!(report
            .of(Severity::Guessed)
            .any(|i| i.row == Some(2) && i.reason == "read as 2 leads: JS; AB"));
        assert!(report
            .of(Severity::Guessed)
            .any(|i| i.row == Some(8) && i.column.as_deref() == Some("Target")));
        let json = serde_json::to_value(&rows[0]).unwrap();
        assert_eq!(json["due"], "2022-05");
        assert_eq!(json["decision_date"], serde_json::Value::Null);
        assert_eq!(json["number"], "1");
    }

    #[test]
    fn the_reference_and_recommendation_must_be_mapped() {
        let recs = records(&[&["Ref", "Lead"], &["R1", "JS"]]);
        let m = Mapping {
            columns: vec![
                ColumnMapping {
                    heading: "Ref".to_owned(),
                    field: Field::ReviewReference,
                },
                ColumnMapping {
                    heading: "Lead".to_owned(),
                    field: Field::Lead,
                },
            ],
            header_row: Some(1),
        };
        match parse_tracker(recs, Report::new(), &m) {
            Err(ImportError::NoHeader(why)) => assert!(why.contains("Recommendation"), "{why}"),
            other => panic!("{other:?}"),
        }
    }
}
