//! The content of an entry, checked: grades on the council's scale, evidence of impact, key
//! figures, and what a submission must have (docs/domain.md rules 1 and 3).
use crate::error::AppError;
use crate::views::progress::{impact_of, ImpactValue, KeyFigure};
use scrutiny_db::queries::progress::{self as q, Entry, EntryChanges};
use scrutiny_domain::progress::{self as rules, GradeScale, Impact};
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

// The limits are defined once, in the domain, and read by the imports too.
pub use scrutiny_domain::progress::limits::{
    KEY_FIGURES_MAX, KEY_FIGURE_LABEL_MAX, PROGRESS_MAX, TEXT_MAX,
};

/// A grade on the scale, as its code: "3", "3 (Slipped)" or "Slipped" all give "3". Any text
/// after the grade is returned as its explanation.
pub fn parse_grade(
    errors: &mut ValidationErrors,
    field: &str,
    scale: &GradeScale,
    raw: &str,
) -> Option<(String, Option<String>)> {
    match scale.parse_grade(raw) {
        Ok(parsed) => Some((parsed.level.code.as_str().to_owned(), parsed.explanation)),
        Err(e) => {
            errors.add(field, e.to_string());
            None
        }
    }
}

pub fn parse_impact(errors: &mut ValidationErrors, raw: &ImpactValue) -> Option<Impact> {
    match raw.kind.as_str() {
        "evidence" => match raw.text.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => {
                if text.chars().count() > TEXT_MAX {
                    errors.add(
                        "impact.text",
                        format!("must be at most {TEXT_MAX} characters"),
                    );
                    None
                } else if rules::is_no_assessment_statement(text) {
                    Some(Impact::NoneUndertaken)
                } else {
                    Some(Impact::Evidence(text.to_owned()))
                }
            }
            _ => {
                errors.add(
                    "impact.text",
                    "is required with kind evidence: describe the impact of the actions",
                );
                None
            }
        },
        "none_undertaken" | "not_recorded" => {
            if raw.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
                errors.add("impact.text", "must be absent unless kind is evidence");
                return None;
            }
            Some(if raw.kind == "none_undertaken" {
                Impact::NoneUndertaken
            } else {
                Impact::NotRecorded
            })
        }
        _ => {
            errors.add(
                "impact.kind",
                "must be evidence, none_undertaken or not_recorded",
            );
            None
        }
    }
}

pub fn parse_key_figures(
    errors: &mut ValidationErrors,
    entry_id: Uuid,
    raw: &[KeyFigure],
) -> Vec<q::KeyFigure> {
    if raw.len() > KEY_FIGURES_MAX {
        errors.add(
            "key_figures",
            format!("must have at most {KEY_FIGURES_MAX} figures"),
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, f) in raw.iter().enumerate() {
        let label = f.label.trim();
        if label.is_empty() || label.chars().count() > KEY_FIGURE_LABEL_MAX {
            errors.add(
                format!("key_figures[{i}].label"),
                format!("must be 1 to {KEY_FIGURE_LABEL_MAX} characters"),
            );
        }
        let value = f.value.trim().replace(',', "");
        let numeric = {
            let digits = value.strip_prefix('-').unwrap_or(&value);
            let mut it = digits.splitn(2, '.');
            let int = it.next().unwrap_or("");
            let frac = it.next();
            !int.is_empty()
                && int.chars().all(|c| c.is_ascii_digit())
                && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
        };
        if !numeric {
            errors.add(
                format!("key_figures[{i}].value"),
                "must be a number such as 95.2 or 102",
            );
        }
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        out.push(q::KeyFigure {
            entry_id,
            position: i as i32 + 1,
            label: label.to_owned(),
            value,
            unit: clean(&f.unit),
            scope: clean(&f.scope),
            as_of: f.as_of,
        });
    }
    out
}

pub fn impact_columns(impact: &Impact, changes: &mut EntryChanges) {
    let (kind, text) = match impact {
        Impact::Evidence(text) => ("evidence", Some(text.clone())),
        Impact::NoneUndertaken => ("none_undertaken", None),
        Impact::NotRecorded => ("not_recorded", None),
    };
    changes.impact_kind = Some(kind.to_owned());
    changes.impact_text = Some(text);
}

/// docs/domain.md rules 1 and 3 for a submission: evidence of progress, a grade on the scale with
/// its explanation where the level needs one, and impact stated.
pub fn check_submission(
    scale: &GradeScale,
    entry: &Entry,
    from_document: bool,
) -> Result<(), AppError> {
    let mut errors = ValidationErrors::new();
    if entry
        .progress
        .as_deref()
        .is_none_or(|p| p.trim().is_empty())
    {
        errors.add("progress", "is required: describe the progress made");
    }
    match entry.proposed_grade.as_deref() {
        None => errors.add(
            "proposed_grade",
            format!("is required: one of {}", scale.expected_forms()),
        ),
        Some(code) => match scale.require(code) {
            Ok(level) => {
                if let Err(e) =
                    rules::requires_explanation(level, entry.proposed_explanation.as_deref())
                {
                    errors.add("proposed_explanation", e.to_string());
                }
            }
            Err(e) => errors.add("proposed_grade", e.to_string()),
        },
    }
    let impact = impact_of(entry);
    let checked = if from_document {
        rules::check_impact_for_import(&impact)
    } else {
        rules::check_impact_for_submission(&impact)
    };
    if let Err(e) = checked {
        errors.add("impact", e.to_string());
    }
    errors.into_result()?;
    Ok(())
}
