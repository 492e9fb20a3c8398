//! The demo's progress monitoring, loaded through the progress use cases (so that it is what a
//! council would have after running the round), each step as the demo user who takes it: the
//! officer opens the November 2022 round, the police contributor drafts its three entries and the
//! officer the council's own, each is submitted, validated and accepted by the committee;
//! recommendation 2 (3, Slipped) stays outstanding and the next round is opened for it. Entries
//! whose paper left the evidence of impact blank are submitted by the officer "from the document"
//! (docs/domain.md rule 3).
use crate::accounts::{in_transaction, AccountError, DEMO_CONTRIBUTOR, DEMO_OFFICER, DEMO_POLICE};
use crate::demo::{principal_of, DemoReview};
use chrono::NaiveDate;
use scrutiny_app::progress::entries::{AcceptEntry, SubmitEntry, UpdateEntry, ValidateEntry};
use scrutiny_app::progress::rounds::OpenRound;
use scrutiny_app::views::progress::{ImpactValue, KeyFigure};
use scrutiny_app::{Ctx, Precondition};
use scrutiny_db::queries::reviews;
use scrutiny_db::AsyncPgConnection;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct ProgressData {
    pub rounds: Vec<RoundData>,
    pub next_round: NextRound,
}

#[derive(Debug, Deserialize)]
pub struct RoundData {
    pub label: String,
    pub deadline: NaiveDate,
    pub meeting_date: NaiveDate,
    pub minute_reference: Option<String>,
    pub entries: Vec<EntryData>,
}

#[derive(Debug, Deserialize)]
pub struct NextRound {
    pub deadline: NaiveDate,
    pub meeting_date: NaiveDate,
}

#[derive(Debug, Deserialize)]
pub struct EntryData {
    pub recommendation: String,
    pub progress: String,
    /// As the paper writes it: "3 (Slipped) Although some progress…".
    pub grade: String,
    /// Blank where the paper left it blank.
    pub impact: String,
    pub key_figures: Vec<KeyFigure>,
}

fn invalid(field: &'static str, message: impl ToString) -> AccountError {
    AccountError::Invalid {
        field,
        message: message.to_string(),
    }
}

/// Loads the demo's progress, in one transaction; does nothing when the review has progress
/// rounds already. Answers whether anything was loaded. The review must be loaded (see
/// [`crate::demo::load_review`]).
pub async fn load_progress(
    conn: &mut AsyncPgConnection,
    data: &DemoReview,
) -> Result<bool, AccountError> {
    in_transaction(conn, async |conn| {
        let officer = principal_of(conn, DEMO_OFFICER).await?;
        let police = principal_of(conn, DEMO_CONTRIBUTOR).await?;
        let review =
            reviews::find_by_title(conn, officer.organisation_id.as_uuid(), &data.review.title)
                .await?
                .ok_or_else(|| {
                    invalid(
                        "review",
                        format!("the demo review \"{}\" is not loaded", data.review.title),
                    )
                })?;
        let mut ctx = Ctx::borrowed(conn, officer.clone());
        if !scrutiny_app::progress::rounds::list_of_review(&mut ctx, review.id)
            .await?
            .is_empty()
        {
            return Ok(false);
        }
        let progress = &data.progress;
        for round in &progress.rounds {
            ctx.acting_as(officer.clone());
            let opened = scrutiny_app::progress::rounds::open(
                &mut ctx,
                OpenRound {
                    review_id: review.id,
                    label: Some(round.label.clone()),
                    deadline: round.deadline,
                    meeting_date: Some(round.meeting_date),
                    recommendation_ids: None,
                    include_parts: false,
                },
            )
            .await?;
            let entries = scrutiny_app::progress::rounds::entries(&mut ctx, opened.id).await?;
            for item in &round.entries {
                let entry = entries
                    .iter()
                    .find(|e| e.recommendation.number == item.recommendation)
                    .ok_or_else(|| {
                        invalid(
                            "entries",
                            format!("no entry for recommendation {}", item.recommendation),
                        )
                    })?;
                let partner = entry
                    .organisation
                    .as_ref()
                    .is_some_and(|o| o.name == DEMO_POLICE);
                let writer = if partner { &police } else { &officer };
                let blank = item.impact.trim().is_empty();
                let impact = if blank {
                    ImpactValue {
                        kind: "not_recorded".to_owned(),
                        text: None,
                    }
                } else {
                    ImpactValue {
                        kind: "evidence".to_owned(),
                        text: Some(item.impact.clone()),
                    }
                };
                ctx.acting_as(writer.clone());
                let drafted = scrutiny_app::progress::entries::update(
                    &mut ctx,
                    UpdateEntry {
                        id: entry.id,
                        precondition: Precondition::version(entry.version),
                        progress: Some(Some(item.progress.clone())),
                        proposed_grade: Some(Some(item.grade.clone())),
                        proposed_explanation: None,
                        impact: Some(impact),
                        key_figures: Some(item.key_figures.clone()),
                        organisation_id: None,
                    },
                )
                .await?;
                // The paper left the evidence of impact blank: only the officer, recording it
                // from the document, may submit it so.
                ctx.acting_as(if blank {
                    officer.clone()
                } else {
                    writer.clone()
                });
                scrutiny_app::progress::entries::submit(
                    &mut ctx,
                    SubmitEntry {
                        id: entry.id,
                        from_document: blank,
                    },
                )
                .await?;
                let grade = drafted
                    .grades
                    .proposed
                    .as_ref()
                    .map(|g| g.code.clone())
                    .ok_or_else(|| {
                        invalid(
                            "grade",
                            format!("recommendation {} has no grade", item.recommendation),
                        )
                    })?;
                ctx.acting_as(officer.clone());
                scrutiny_app::progress::entries::validate(
                    &mut ctx,
                    ValidateEntry {
                        id: entry.id,
                        grade,
                        reason: None,
                        override_reason: None,
                    },
                )
                .await?;
            }
            ctx.acting_as(officer.clone());
            for entry in &entries {
                scrutiny_app::progress::entries::accept(
                    &mut ctx,
                    AcceptEntry {
                        id: entry.id,
                        grade: None,
                        meeting_date: Some(round.meeting_date),
                        minute_reference: round.minute_reference.clone(),
                    },
                )
                .await?;
            }
        }
        ctx.acting_as(officer.clone());
        scrutiny_app::progress::rounds::open(
            &mut ctx,
            OpenRound {
                review_id: review.id,
                label: None,
                deadline: progress.next_round.deadline,
                meeting_date: Some(progress.next_round.meeting_date),
                recommendation_ids: None,
                include_parts: false,
            },
        )
        .await?;
        Ok(true)
    })
    .await
}
