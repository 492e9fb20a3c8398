//! Adding a recommendation to a review, with its parts.
use super::{check_number_free, label, number, text};
use crate::access;
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::principal::ANY_ROLE;
use crate::views::recommendations::{self as views, Recommendation, RecommendationPart};
use scrutiny_db::queries::recommendations::{self as q, NewPart, NewRecommendation};
use scrutiny_domain::records::split_parts;
use scrutiny_domain::records::ReviewStatus;
use scrutiny_domain::validation::ValidationErrors;
use std::collections::HashSet;
use uuid::Uuid;

/// A part of a new recommendation, as given.
#[derive(Debug, Clone, Default)]
pub struct NewPartText {
    pub label: String,
    pub text: String,
}

/// Adds a recommendation to a review, after its last one. The fields are as given; the use case
/// checks them (the imports build the same command).
#[derive(Debug, Clone, Default)]
pub struct CreateRecommendation {
    pub review_id: Uuid,
    /// Its number within the review ("2").
    pub number: String,
    /// The recommendation, or the lead-in to its parts (blank when it is made only of parts).
    pub text: String,
    /// The parts, in order.
    pub parts: Vec<NewPartText>,
    /// When no parts are given: split a text with parts "a) … b) …" into its lead-in (kept as
    /// the text) and its parts.
    pub split_parts: bool,
}

/// The command's fields, checked.
struct Checked {
    number: String,
    /// The text, or the lead-in when the parts were split from it.
    lead: String,
    /// The parts' labels and texts, in order.
    parts: Vec<(String, String)>,
}

fn check(cmd: &CreateRecommendation) -> Result<Checked, AppError> {
    let mut errors = ValidationErrors::new();
    let number = number(&mut errors, &cmd.number);
    // A recommendation made only of parts has no lead-in: its text is blank, and its parts say it.
    let parts_given = !cmd.parts.is_empty();
    let mut lead = if parts_given && cmd.text.trim().is_empty() {
        Some(String::new())
    } else {
        text(&mut errors, "text", &cmd.text)
    };
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut labels = HashSet::new();
    for (i, part) in cmd.parts.iter().enumerate() {
        let l = label(&mut errors, &format!("parts[{i}].label"), &part.label);
        let t = text(&mut errors, &format!("parts[{i}].text"), &part.text);
        if let Some(l) = &l {
            if !labels.insert(l.clone()) {
                errors.add(format!("parts[{i}].label"), "is given twice");
            }
        }
        if let (Some(l), Some(t)) = (l, t) {
            parts.push((l, t));
        }
    }
    if cmd.split_parts && cmd.parts.is_empty() {
        if let Some(whole) = &lead {
            let (lead_in, split) = split_parts(whole);
            if !split.is_empty() {
                // No lead-in ("a) …; b) …" alone): the parts are the recommendation.
                lead = Some(lead_in);
                for (l, t) in &split {
                    if t.is_empty() {
                        errors.add("text", format!("part {l}) has no text"));
                    }
                }
                parts = split
                    .into_iter()
                    .map(|(l, t)| (l.as_str().to_owned(), t))
                    .collect();
            }
        }
    }
    errors.into_result()?;
    match (number, lead) {
        (Some(number), Some(lead)) => Ok(Checked {
            number,
            lead,
            parts,
        }),
        // Unreachable: a missing field has added an error above.
        _ => Err(AppError::invalid("body", "is not a recommendation")),
    }
}

/// Checks a [`CreateRecommendation`]'s fields as [`create`] does, without the database; each
/// error names its field. The action-plan import's dry run calls this, so it refuses what a
/// commit would.
pub fn check_create(cmd: &CreateRecommendation) -> Result<(), AppError> {
    check(cmd).map(|_| ())
}

/// Adds a recommendation to a review, after its last one, with its parts: each part audited as
/// `recommendation_part.created`, then the recommendation as `recommendation.created`. 404 when
/// the actor may not see the review, 409 when it is withdrawn or already has that number.
pub async fn create(
    ctx: &mut Ctx<'_>,
    cmd: CreateRecommendation,
) -> Result<Recommendation, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let review_id = cmd.review_id;
    ctx.tx(async |ctx| {
        // Who may write comes before what is written: 404 for a review the actor may not see,
        // 403 for one it sees but may not change, and only then the body's faults.
        let scope = access::scope(&ctx.principal);
        let review = q::find_review(ctx.db(), scope, review_id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, review.council_id)?;
        let Checked {
            number,
            lead,
            parts,
        } = check(&cmd)?;
        let review = q::find_review_for_update(ctx.db(), review.id)
            .await?
            .ok_or(AppError::NotFound)?;
        if review.status == ReviewStatus::Withdrawn {
            return Err(AppError::conflict(
                "The review is withdrawn; it takes no new recommendations.",
            ));
        }
        check_number_free(ctx, review.id, &number, None).await?;
        let position = q::next_position(ctx.db(), review.id).await?;
        let row = q::insert(
            ctx.db(),
            &NewRecommendation {
                id: Uuid::now_v7(),
                council_id: review.council_id,
                review_id: review.id,
                number: &number,
                position,
                text: &lead,
            },
        )
        .await?;
        for (i, (l, t)) in parts.iter().enumerate() {
            let part = q::insert_part(
                ctx.db(),
                &NewPart {
                    id: Uuid::now_v7(),
                    recommendation_id: row.id,
                    label: l,
                    position: i as i32 + 1,
                    text: t,
                },
            )
            .await?;
            let part = RecommendationPart::from(part);
            audit::created(
                &mut ctx.conn,
                &ctx.principal,
                "recommendation_part.created",
                "recommendation_part",
                part.id,
                &part,
            )
            .await?;
        }
        let view = views::load(ctx.db(), row).await?;
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "recommendation.created",
            "recommendation",
            view.id,
            &view,
        )
        .await?;
        Ok(view)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_split_from_the_text_when_asked_and_none_are_given() {
        let cmd = CreateRecommendation {
            number: "2".into(),
            text: "As part of the protocol: a) engage Ward Councillors; b) share contacts".into(),
            split_parts: true,
            ..Default::default()
        };
        let checked = check(&cmd).unwrap();
        assert_eq!(checked.number, "2");
        assert_eq!(checked.lead, "As part of the protocol:");
        let labels: Vec<&str> = checked.parts.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["a", "b"]);
    }

    #[test]
    fn a_recommendation_may_be_made_only_of_parts() {
        let split = CreateRecommendation {
            number: "4".into(),
            text: "a) That residents are told;\nb) That partners share maps.".into(),
            split_parts: true,
            ..Default::default()
        };
        let checked = check(&split).unwrap();
        assert_eq!(checked.lead, "");
        assert_eq!(checked.parts.len(), 2);
        let given = CreateRecommendation {
            number: "5".into(),
            text: " ".into(),
            parts: vec![NewPartText {
                label: "a".into(),
                text: "That residents are told.".into(),
            }],
            ..Default::default()
        };
        assert_eq!(check(&given).unwrap().lead, "");
        // Without parts, a blank text is no recommendation.
        let blank = CreateRecommendation {
            number: "6".into(),
            text: " ".into(),
            ..Default::default()
        };
        assert!(check(&blank).is_err());
    }

    #[test]
    fn given_parts_are_checked_and_a_label_twice_is_refused() {
        let part = |label: &str| NewPartText {
            label: label.into(),
            text: "text".into(),
        };
        let cmd = CreateRecommendation {
            number: "1".into(),
            text: "Lead-in".into(),
            parts: vec![part("a"), part("a"), part("xxxxxxx")],
            ..Default::default()
        };
        let Err(AppError::Validation(errors)) = check(&cmd) else {
            panic!("expected a validation error");
        };
        let text = format!("{errors:?}");
        assert!(text.contains("parts[1].label"), "{text}");
        assert!(text.contains("parts[2].label"), "{text}");
    }
}
