//! The checks of an action's fields (each error names its field, `milestones[1].date`), and the
//! rows they become.
use super::{
    MilestoneInput, OwnerInput, LABEL_MAX, MEASURES_MAX, MEASURE_MAX, MILESTONES_MAX, OWNERS_MAX,
    POSITION_MAX,
};
use crate::input::optional_text;
use chrono::NaiveDate;
use scrutiny_db::queries::actions::{self as q, NewOwner};
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::validation::ValidationErrors;
use std::collections::HashSet;
use uuid::Uuid;

/// A non-blank text kept exactly as given.
pub(super) fn required_text(
    errors: &mut ValidationErrors,
    field: &str,
    raw: &str,
    max: usize,
) -> Option<String> {
    if raw.trim().is_empty() {
        errors.add(field, "must not be blank");
        None
    } else if raw.chars().count() > max {
        errors.add(field, format!("must be at most {max} characters"));
        None
    } else {
        Some(raw.to_owned())
    }
}

/// The success measures: none, or each a non-blank text. An action may have none (an older
/// plan's completed actions often do; the committee may add one later).
pub(super) fn parse_measures(errors: &mut ValidationErrors, raw: &[String]) -> Option<Vec<String>> {
    if raw.len() > MEASURES_MAX {
        errors.add("success_measures", format!("at most {MEASURES_MAX}"));
        return None;
    }
    let before = errors.0.len();
    let measures: Vec<String> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            required_text(errors, &format!("success_measures[{i}]"), m, MEASURE_MAX)
        })
        .collect();
    (errors.0.len() == before).then_some(measures)
}

/// The owners' shapes (each one organisation or one contact, none twice); whether they exist is
/// checked against the database later.
pub(super) fn parse_owners(
    errors: &mut ValidationErrors,
    raw: &[OwnerInput],
) -> Option<Vec<OwnerInput>> {
    if raw.len() > OWNERS_MAX {
        errors.add("owners", format!("at most {OWNERS_MAX}"));
        return None;
    }
    let before = errors.0.len();
    let mut seen = HashSet::new();
    for (i, owner) in raw.iter().enumerate() {
        match (owner.organisation_id, owner.contact_id) {
            (None, None) => {
                errors.add(format!("owners[{i}]"), "give organisation_id or contact_id")
            }
            (Some(_), Some(_)) => errors.add(
                format!("owners[{i}]"),
                "give organisation_id or contact_id, not both",
            ),
            (org, contact) => {
                if !seen.insert((org, contact)) {
                    errors.add(format!("owners[{i}]"), "is named twice");
                }
            }
        }
    }
    (errors.0.len() == before).then(|| raw.to_vec())
}

/// A milestone ready to store.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct MilestoneValue {
    date: Option<PartialDate>,
    label: Option<String>,
    completed_on: Option<NaiveDate>,
}

pub(super) fn parse_milestones(
    errors: &mut ValidationErrors,
    raw: &[MilestoneInput],
) -> Option<Vec<MilestoneValue>> {
    if raw.len() > MILESTONES_MAX {
        errors.add("milestones", format!("at most {MILESTONES_MAX}"));
        return None;
    }
    let before = errors.0.len();
    let mut out = Vec::new();
    for (i, m) in raw.iter().enumerate() {
        let date_field = format!("milestones[{i}].date");
        let date = match m.date.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(text) => errors
                .check(&date_field, PartialDate::parse(text))
                .map(Some),
        };
        let label = optional_text(
            errors,
            &format!("milestones[{i}].label"),
            m.label.as_deref(),
            LABEL_MAX,
        )
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
        if let Some(date) = date {
            if date.is_none()
                && label.is_none()
                && m.label.as_deref().is_none_or(|l| l.trim().is_empty())
            {
                errors.add(&date_field, "give a date, or a label when there is no date");
            }
            out.push(MilestoneValue {
                date,
                label,
                completed_on: m.completed_on,
            });
        }
    }
    (errors.0.len() == before).then_some(out)
}

pub(super) fn parse_position(errors: &mut ValidationErrors, raw: Option<i32>) -> Option<i32> {
    let position = raw?;
    if (1..=POSITION_MAX).contains(&position) {
        Some(position)
    } else {
        errors.add("position", format!("must be between 1 and {POSITION_MAX}"));
        None
    }
}

pub(super) fn owners_required(errors: &mut ValidationErrors, owners: &[OwnerInput], all: bool) {
    if all && !owners.is_empty() {
        errors.add(
            "responsible_all",
            "cannot be combined with named owners: name the owners, or set responsible_all alone",
        );
    } else if !all && owners.is_empty() {
        errors.add(
            "owners",
            "name at least one organisation or contact, or set responsible_all",
        );
    }
}

/// The Responsibility cell when none is given: the owners' names, or "All".
pub(super) fn default_responsibility(all: bool, names: &[String]) -> Option<String> {
    if all {
        Some("All".to_owned())
    } else if names.is_empty() {
        None
    } else {
        Some(names.join(", "))
    }
}

pub(super) fn new_owners(action_id: Uuid, rows: &[(Option<Uuid>, Option<Uuid>)]) -> Vec<NewOwner> {
    rows.iter()
        .enumerate()
        .map(|(i, (organisation_id, contact_id))| NewOwner {
            action_id,
            position: i as i32 + 1,
            organisation_id: *organisation_id,
            contact_id: *contact_id,
        })
        .collect()
}

pub(super) fn new_milestones(action_id: Uuid, values: &[MilestoneValue]) -> Vec<q::Milestone> {
    values
        .iter()
        .enumerate()
        .map(|(i, m)| q::Milestone {
            id: Uuid::now_v7(),
            action_id,
            position: i as i32 + 1,
            due_on: m.date.map(|d| d.first_day()),
            due_precision: m.date.map(|d| d.precision().as_str().to_owned()),
            due_by: m.date.map(|d| d.last_day()),
            label: m.label.clone(),
            completed_on: m.completed_on,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::actions::Milestone;

    fn milestone(date: Option<&str>, label: Option<&str>) -> MilestoneInput {
        MilestoneInput {
            date: date.map(str::to_owned),
            label: label.map(str::to_owned),
            completed_on: None,
        }
    }

    fn fields(errors: &ValidationErrors) -> Vec<&str> {
        errors.0.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn milestones_keep_their_precision_and_blank_dates() {
        let mut errors = ValidationErrors::new();
        let parsed = parse_milestones(
            &mut errors,
            &[
                milestone(Some("May 2022"), Some("Development of protocol")),
                milestone(Some("2022-10-14"), None),
                milestone(None, Some("Ongoing")),
                milestone(Some("  "), Some("TBC")),
            ],
        )
        .unwrap();
        assert!(errors.is_empty());
        let stored = new_milestones(Uuid::nil(), &parsed);
        assert_eq!(stored[0].due_on, NaiveDate::from_ymd_opt(2022, 5, 1));
        assert_eq!(stored[0].due_by, NaiveDate::from_ymd_opt(2022, 5, 31));
        assert_eq!(stored[0].due_precision.as_deref(), Some("month"));
        assert_eq!(stored[1].due_by, NaiveDate::from_ymd_opt(2022, 10, 14));
        assert_eq!(stored[1].due_precision.as_deref(), Some("day"));
        assert_eq!(stored[2].due_on, None);
        let shown: Vec<Milestone> = stored.into_iter().map(Milestone::from).collect();
        assert_eq!(shown[0].display.as_deref(), Some("May 2022"));
        assert_eq!(shown[0].text, "May 2022 (Development of protocol)");
        assert_eq!(shown[1].display.as_deref(), Some("14 October 2022"));
        assert_eq!(shown[2].display.as_deref(), Some("Ongoing"));
        assert_eq!(shown[3].date, None);
    }

    #[test]
    fn milestone_errors_name_their_index() {
        let mut errors = ValidationErrors::new();
        assert!(parse_milestones(
            &mut errors,
            &[
                milestone(Some("May 2022"), None),
                milestone(Some("Maytember 2022"), None),
                milestone(None, Some("  ")),
            ],
        )
        .is_none());
        assert_eq!(
            fields(&errors),
            ["milestones[1].date", "milestones[2].date"]
        );
    }

    #[test]
    fn measures_and_owners_are_checked_one_by_one() {
        let mut errors = ValidationErrors::new();
        assert!(parse_measures(&mut errors, &["ok".into(), " ".into()]).is_none());
        assert_eq!(parse_measures(&mut errors, &[]), Some(vec![]));
        let many = vec!["m".to_owned(); MEASURES_MAX + 1];
        assert!(parse_measures(&mut errors, &many).is_none());
        let org = Some(Uuid::now_v7());
        assert!(parse_owners(
            &mut errors,
            &[
                OwnerInput {
                    organisation_id: org,
                    contact_id: None
                },
                OwnerInput {
                    organisation_id: None,
                    contact_id: None
                },
                OwnerInput {
                    organisation_id: org,
                    contact_id: None
                },
            ],
        )
        .is_none());
        assert_eq!(
            fields(&errors),
            [
                "success_measures[1]",
                "success_measures",
                "owners[1]",
                "owners[2]"
            ]
        );
    }

    #[test]
    fn responsibility_defaults_to_owner_names_or_all() {
        assert_eq!(default_responsibility(true, &[]).as_deref(), Some("All"));
        assert_eq!(
            default_responsibility(false, &["Cleveland Police".into(), "Steve Hume".into()])
                .as_deref(),
            Some("Cleveland Police, Steve Hume")
        );
        assert_eq!(default_responsibility(false, &[]), None);
    }

    #[test]
    fn proposed_actions_are_kept_exactly() {
        let mut errors = ValidationErrors::new();
        let text = "This assurance will be provided through:\n\u{2022} Reporting of measures\n\u{2022} A repeat report  \n";
        assert_eq!(
            required_text(
                &mut errors,
                "proposed_actions",
                text,
                super::super::TEXT_MAX
            )
            .as_deref(),
            Some(text)
        );
        assert!(required_text(
            &mut errors,
            "proposed_actions",
            " \n ",
            super::super::TEXT_MAX
        )
        .is_none());
    }
}
