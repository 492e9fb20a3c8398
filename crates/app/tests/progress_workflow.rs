//! Use-case tests of the progress workflow's edge cases (docs/domain.md rules 2, 4 and 5): who may
//! edit and move an entry, what each step needs, and what accepting a grade closes.
mod support;

use scrutiny_app::progress::entries::{self, ReturnEntry, SubmitEntry, UpdateEntry};
use scrutiny_app::progress::rounds::{self, OpenRound};
use scrutiny_app::{AppError, Precondition};
use scrutiny_domain::progress::SubmissionState;
use scrutiny_domain::records::ReviewStatus;
use scrutiny_domain::status::PlanStatus;
use scrutiny_domain::status::RecommendationStatus;
use scrutiny_domain::status::RoundStatus;
use support::TestDb;

/// A submitted entry is read-only to its contributor until an officer returns it; then it can
/// be edited and submitted again.
#[tokio::test]
async fn a_contributor_cannot_edit_a_submitted_entry_until_it_is_returned() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    let entry = m.entries[0].id;
    let contributor = m.partner.contributor.clone();
    assert_eq!(m.entries[0].organisation.as_ref().unwrap().id, m.partner.id);
    support::write_entry(&mut ctx, &contributor, entry, "2")
        .await
        .unwrap();
    let submitted = support::submit_entry(&mut ctx, &contributor, entry)
        .await
        .unwrap();
    assert_eq!(submitted.state, SubmissionState::Submitted);
    assert!(!submitted.editable);

    let locked = support::write_entry(&mut ctx, &contributor, entry, "1").await;
    assert!(
        matches!(locked, Err(AppError::Conflict { .. })),
        "{locked:?}"
    );
    ctx.acting_as(m.council.officer.clone());
    let returned = entries::return_entry(
        &mut ctx,
        ReturnEntry {
            id: entry,
            comments: "Please add the survey results.".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(returned.state, SubmissionState::Returned);
    assert_eq!(
        returned.return_comments.as_deref(),
        Some("Please add the survey results.")
    );

    let edited = support::write_entry(&mut ctx, &contributor, entry, "1")
        .await
        .unwrap();
    assert_eq!(edited.grades.proposed.as_ref().unwrap().code, "1");
    let resubmitted = support::submit_entry(&mut ctx, &contributor, entry)
        .await
        .unwrap();
    assert_eq!(resubmitted.state, SubmissionState::Submitted);
    assert_eq!(
        support::audit_actions(&mut ctx, "progress_entry", entry).await,
        [
            "progress_entry.created",
            "progress_entry.updated",
            "progress_entry.submitted",
            "progress_entry.returned",
            "progress_entry.updated",
            "progress_entry.resubmitted"
        ]
    );
}

/// Returning needs comments; without them the entry stays submitted and nothing is audited.
#[tokio::test]
async fn returning_needs_comments() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    let entry = m.entries[0].id;
    support::write_entry(&mut ctx, &m.partner.contributor, entry, "1")
        .await
        .unwrap();
    support::submit_entry(&mut ctx, &m.partner.contributor, entry)
        .await
        .unwrap();
    ctx.acting_as(m.council.officer.clone());

    let refused = entries::return_entry(
        &mut ctx,
        ReturnEntry {
            id: entry,
            comments: "   ".into(),
        },
    )
    .await;
    assert!(
        matches!(&refused, Err(AppError::Validation(e)) if format!("{e:?}").contains("comments")),
        "{refused:?}"
    );
    let now = entries::get(&mut ctx, entry).await.unwrap();
    assert_eq!(now.state, SubmissionState::Submitted);
    assert_eq!(now.return_comments, None);
    assert_eq!(
        support::count_events(&mut ctx, "progress_entry.returned").await,
        0
    );
}

/// An officer's grade different from the proposed one needs a reason; the same grade does not.
#[tokio::test]
async fn an_officer_grade_different_from_the_proposed_one_needs_a_reason() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 2).await;
    let (first, second) = (m.entries[0].id, m.entries[1].id);
    for entry in [first, second] {
        support::write_entry(&mut ctx, &m.partner.contributor, entry, "1")
            .await
            .unwrap();
        support::submit_entry(&mut ctx, &m.partner.contributor, entry)
            .await
            .unwrap();
    }

    let refused = support::validate_entry(&mut ctx, &m.council, first, "3", None).await;
    assert!(
        matches!(&refused, Err(AppError::Validation(e)) if format!("{e:?}").contains("reason")),
        "{refused:?}"
    );
    assert_eq!(
        support::acting(&mut ctx, &m.council.officer, async |ctx| entries::get(
            ctx, first
        )
        .await)
        .await
        .unwrap()
        .state,
        SubmissionState::Submitted
    );

    let differs = support::validate_entry(
        &mut ctx,
        &m.council,
        first,
        "3",
        Some("The protocol has not been assessed yet."),
    )
    .await
    .unwrap();
    assert_eq!(differs.state, SubmissionState::Validated);
    assert_eq!(differs.grades.officer.as_ref().unwrap().code, "3");
    assert_eq!(differs.grades.proposed.as_ref().unwrap().code, "1");
    assert!(differs.grades.proposed_differs_from_officer);
    assert_eq!(
        differs.officer_reason.as_deref(),
        Some("The protocol has not been assessed yet.")
    );
    let same = support::validate_entry(&mut ctx, &m.council, second, "1", None)
        .await
        .unwrap();
    assert_eq!(same.officer_reason, None);
    assert!(!same.grades.proposed_differs_from_officer);

    let validated = support::audit_trail(&mut ctx, "progress_entry", first)
        .await
        .pop()
        .unwrap();
    assert_eq!(validated.action, "progress_entry.validated");
    assert_eq!(validated.after.as_ref().unwrap()["step"]["grade"], "3");
}

/// The wrong person is forbidden and a step that does not exist is refused with the allowed
/// ones; another partner's contributor does not see the entry at all.
#[tokio::test]
async fn steps_by_the_wrong_person_or_out_of_order_are_refused() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    let fire = support::partner(&mut ctx, &m.council.admin, "Cleveland Fire Brigade").await;
    let entry = m.entries[0].id;

    // Accepting a draft: the step does not exist.
    let early = support::accept_entry(&mut ctx, &m.council, entry, Some("1")).await;
    match early {
        Err(AppError::Conflict { allowed, .. }) => assert_eq!(allowed, ["submitted"]),
        other => panic!("expected a conflict, got {other:?}"),
    }
    // Another organisation's contributor: not found, for reads and writes.
    let foreign = support::write_entry(&mut ctx, &fire.contributor, entry, "1").await;
    assert!(matches!(foreign, Err(AppError::NotFound)), "{foreign:?}");
    // A partner may not submit "from the document".
    support::write_entry(&mut ctx, &m.partner.contributor, entry, "1")
        .await
        .unwrap();
    let from_document = support::acting(&mut ctx, &m.partner.contributor, async |ctx| {
        entries::submit(
            ctx,
            SubmitEntry {
                id: entry,
                from_document: true,
            },
        )
        .await
    })
    .await;
    assert!(
        matches!(from_document, Err(AppError::Forbidden)),
        "{from_document:?}"
    );
    support::submit_entry(&mut ctx, &m.partner.contributor, entry)
        .await
        .unwrap();
    // Validation is the officer's.
    let by_partner = support::acting(&mut ctx, &m.partner.contributor, async |ctx| {
        entries::validate(
            ctx,
            entries::ValidateEntry {
                id: entry,
                grade: "1".into(),
                reason: None,
                override_reason: None,
            },
        )
        .await
    })
    .await;
    assert!(
        matches!(by_partner, Err(AppError::Forbidden)),
        "{by_partner:?}"
    );

    ctx.acting_as(m.council.officer.clone());
    assert_eq!(
        entries::get(&mut ctx, entry).await.unwrap().state,
        SubmissionState::Submitted
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "progress_entry", entry).await,
        [
            "progress_entry.created",
            "progress_entry.updated",
            "progress_entry.submitted"
        ]
    );
}

/// A submission needs evidence of impact (or the statement that none was assessed): a draft
/// without it stays a draft.
#[tokio::test]
async fn a_submission_needs_impact_stated() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    let entry = &m.entries[0];
    ctx.acting_as(m.partner.contributor.clone());
    entries::update(
        &mut ctx,
        UpdateEntry {
            id: entry.id,
            precondition: Precondition::version(entry.version),
            progress: Some(Some("The protocol was developed.".into())),
            proposed_grade: Some(Some("1".into())),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    let refused = support::submit_entry(&mut ctx, &m.partner.contributor, entry.id).await;
    assert!(
        matches!(&refused, Err(AppError::Validation(e)) if format!("{e:?}").contains("impact")),
        "{refused:?}"
    );
    assert_eq!(
        entries::get(&mut ctx, entry.id).await.unwrap().state,
        SubmissionState::Draft
    );
    assert_eq!(
        support::count_events(&mut ctx, "progress_entry.submitted").await,
        0
    );
}

/// An edit naming a version the entry has moved on from is refused and changes nothing.
#[tokio::test]
async fn a_stale_entry_edit_is_refused_and_changes_nothing() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    let entry = &m.entries[0];
    let written = support::write_entry(&mut ctx, &m.partner.contributor, entry.id, "2")
        .await
        .unwrap();
    ctx.acting_as(m.partner.contributor.clone());

    let stale = entries::update(
        &mut ctx,
        UpdateEntry {
            id: entry.id,
            precondition: Precondition::version(entry.version),
            progress: Some(Some("Written over a stale copy".into())),
            ..Default::default()
        },
    )
    .await;
    assert!(
        matches!(stale, Err(AppError::PreconditionFailed)),
        "{stale:?}"
    );
    let now = entries::get(&mut ctx, entry.id).await.unwrap();
    assert_eq!(now.progress, written.progress);
    assert_eq!(now.version, written.version);
    assert_eq!(
        support::count_events(&mut ctx, "progress_entry.updated").await,
        1
    );
}

/// Accepting a grade that does not close (3 Slipped) leaves the recommendation outstanding and
/// the plan agreed; the round closes only once every entry is accepted; then a round for the
/// outstanding one, accepted at a closing grade, signs the plan off and the review.
#[tokio::test]
async fn only_accepting_the_last_closing_grade_signs_the_plan_off() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 2).await;
    let (rec1, rec2) = (m.recommendations[0].id, m.recommendations[1].id);
    let (e1, e2) = (m.entries[0].id, m.entries[1].id);
    support::reported_and_validated(&mut ctx, &m, e1, "3").await;
    support::reported_and_validated(&mut ctx, &m, e2, "1").await;

    let slipped = support::accept_entry(&mut ctx, &m.council, e1, None)
        .await
        .unwrap();
    assert_eq!(slipped.state, SubmissionState::Accepted);
    assert_eq!(slipped.grades.accepted.as_ref().unwrap().code, "3");
    assert_eq!(slipped.recommendation.status, RecommendationStatus::Open);
    assert_eq!(
        support::round_status(&mut ctx, m.round.id).await,
        RoundStatus::Open
    );

    let achieved = support::accept_entry(&mut ctx, &m.council, e2, None)
        .await
        .unwrap();
    assert_eq!(achieved.recommendation.status, RecommendationStatus::Closed);
    assert_eq!(
        support::round_status(&mut ctx, m.round.id).await,
        RoundStatus::Closed
    );
    assert_eq!(
        support::recommendation_status(&mut ctx, rec1).await,
        RecommendationStatus::Open
    );
    assert_eq!(
        support::plan_row(&mut ctx, m.review.id).await.status,
        PlanStatus::Agreed
    );
    assert_eq!(
        support::review_status(&mut ctx, m.review.id).await,
        ReviewStatus::Monitoring
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "recommendation", rec2).await,
        ["recommendation.created", "recommendation.closed"]
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "progress_round", m.round.id).await,
        ["progress_round.opened", "progress_round.closed"]
    );
    assert_eq!(
        support::count_events(&mut ctx, "action_plan.signed_off").await,
        0
    );

    // The next round covers the outstanding recommendation only.
    ctx.acting_as(m.council.officer.clone());
    let next = rounds::open(
        &mut ctx,
        OpenRound {
            review_id: m.review.id,
            label: None,
            deadline: support::day(2023, 4, 30),
            meeting_date: Some(support::day(2023, 5, 22)),
            recommendation_ids: None,
            include_parts: false,
        },
    )
    .await
    .unwrap();
    assert_eq!(next.sequence, 2);
    let carried = support::entries_of(&mut ctx, &m.council, next.id).await;
    assert_eq!(carried.len(), 1);
    assert_eq!(carried[0].recommendation.id, rec1);
    support::reported_and_validated(&mut ctx, &m, carried[0].id, "1").await;
    support::accept_entry(&mut ctx, &m.council, carried[0].id, None)
        .await
        .unwrap();

    assert_eq!(
        support::recommendation_status(&mut ctx, rec1).await,
        RecommendationStatus::Closed
    );
    assert_eq!(
        support::round_status(&mut ctx, next.id).await,
        RoundStatus::Closed
    );
    let plan = support::plan_row(&mut ctx, m.review.id).await;
    assert_eq!(plan.status, PlanStatus::SignedOff);
    assert_eq!(plan.signed_off_on, Some(support::day(2023, 5, 22)));
    assert_eq!(
        support::review_status(&mut ctx, m.review.id).await,
        ReviewStatus::SignedOff
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "action_plan", plan.id)
            .await
            .last()
            .map(String::as_str),
        Some("action_plan.signed_off")
    );
}

/// The committee may accept a grade other than the officer's: a closing grade over the officer's
/// "2" closes the recommendation, and all three grades are kept side by side.
#[tokio::test]
async fn the_committee_may_accept_a_grade_other_than_the_officers() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    let entry = m.entries[0].id;
    support::reported_and_validated(&mut ctx, &m, entry, "2").await;

    let accepted = support::accept_entry(&mut ctx, &m.council, entry, Some("1"))
        .await
        .unwrap();
    let grades = &accepted.grades;
    assert_eq!(grades.proposed.as_ref().unwrap().code, "2");
    assert_eq!(grades.officer.as_ref().unwrap().code, "2");
    assert_eq!(grades.accepted.as_ref().unwrap().code, "1");
    assert!(grades.officer_differs_from_accepted);
    assert_eq!(
        accepted.accepted_meeting_date,
        Some(support::day(2022, 11, 21))
    );
    assert_eq!(
        accepted.minute_reference.as_deref(),
        Some("CDSC 21/11/22 minute 5")
    );
    assert_eq!(accepted.recommendation.status, RecommendationStatus::Closed);
    assert_eq!(
        support::review_status(&mut ctx, m.review.id).await,
        ReviewStatus::SignedOff
    );
    let closed = support::audit_trail(&mut ctx, "recommendation", m.recommendations[0].id)
        .await
        .pop()
        .unwrap();
    assert_eq!(closed.action, "recommendation.closed");
    assert_eq!(
        closed.after.as_ref().unwrap()["closed_reason"],
        "Accepted by the committee as 1 (Fully Achieved) on 21 November 2022."
    );
}

/// Only one round of a review is open at a time; a viewer reads accepted entries only.
#[tokio::test]
async fn one_open_round_at_a_time_and_viewers_read_accepted_entries_only() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 2).await;
    ctx.acting_as(m.council.officer.clone());
    let second = rounds::open(
        &mut ctx,
        OpenRound {
            review_id: m.review.id,
            label: None,
            deadline: support::day(2023, 4, 30),
            meeting_date: None,
            recommendation_ids: None,
            include_parts: false,
        },
    )
    .await;
    assert!(
        matches!(&second, Err(AppError::Conflict { detail, .. }) if detail.contains("still open")),
        "{second:?}"
    );
    assert_eq!(
        support::count_events(&mut ctx, "progress_round.opened").await,
        1
    );

    support::reported_and_validated(&mut ctx, &m, m.entries[0].id, "2").await;
    support::accept_entry(&mut ctx, &m.council, m.entries[0].id, None)
        .await
        .unwrap();
    ctx.acting_as(m.council.viewer.clone());
    let seen = rounds::entries(&mut ctx, m.round.id).await.unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].id, m.entries[0].id);
    let draft = entries::get(&mut ctx, m.entries[1].id).await;
    assert!(
        matches!(draft, Err(AppError::NotFound)),
        "{:?}",
        draft.err()
    );
    // The accepted entry's history shows the viewer its acceptance only: not the drafts, the
    // submission or the officer's validation before it, nor the entry as it was before.
    let published = entries::history(&mut ctx, m.entries[0].id, page_of(50))
        .await
        .unwrap();
    let actions: Vec<&str> = published.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["progress_entry.accepted"]);
    assert!(published.items[0].before.is_none());
    assert!(published.items[0].after.is_some());
    ctx.acting_as(m.council.officer.clone());
    let whole = entries::history(&mut ctx, m.entries[0].id, page_of(50))
        .await
        .unwrap();
    assert!(whole.items.len() > 1, "the officer sees every step");
    assert!(whole.items.iter().any(|e| e.before.is_some()));
}

fn page_of(limit: u32) -> scrutiny_app::PageRequest {
    scrutiny_app::PageRequest {
        limit,
        cursor: None,
    }
}

/// Counts the statements the context's connection sends from now on.
fn count_statements(
    ctx: &mut scrutiny_app::Ctx<'_>,
) -> std::sync::Arc<std::sync::atomic::AtomicUsize> {
    use diesel::connection::InstrumentationEvent;
    use diesel_async::AsyncConnection;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let count = std::sync::Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    ctx.conn
        .set_instrumentation(move |event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::StartQuery { .. } = event {
                seen.fetch_add(1, Ordering::SeqCst);
            }
        });
    count
}

/// A submission, a return and a validation each load what the entry's view needs once (for the
/// checks, the view before and the view after): a bounded number of statements, and an answer
/// that is the entry as a fresh read shows it.
#[tokio::test]
async fn each_step_loads_the_entry_once_and_answers_it_as_read_afresh() {
    use std::sync::atomic::Ordering;
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 2).await;
    // The recommendation with parts, and one without.
    for entry in [m.entries[0].id, m.entries.last().unwrap().id] {
        support::write_entry(&mut ctx, &m.partner.contributor, entry, "2")
            .await
            .unwrap();
        let count = count_statements(&mut ctx);
        let submitted = support::submit_entry(&mut ctx, &m.partner.contributor, entry)
            .await
            .unwrap();
        let submit_cost = count.swap(0, Ordering::SeqCst);
        let returned = support::acting(&mut ctx, &m.council.officer, async |ctx| {
            entries::return_entry(
                ctx,
                ReturnEntry {
                    id: entry,
                    comments: "Say which staff were trained.".into(),
                },
            )
            .await
        })
        .await
        .unwrap();
        let return_cost = count.swap(0, Ordering::SeqCst);
        support::submit_entry(&mut ctx, &m.partner.contributor, entry)
            .await
            .unwrap();
        count.store(0, Ordering::SeqCst);
        let validated = support::validate_entry(&mut ctx, &m.council, entry, "2", None)
            .await
            .unwrap();
        let validate_cost = count.swap(0, Ordering::SeqCst);
        // BEGIN, the entry locked, its labels, key figures, scale and parts, the UPDATE, the
        // audit event and its feed event, COMMIT; validation also reads the part entries.
        assert!(submit_cost <= 14, "submit: {submit_cost} statements");
        assert!(return_cost <= 14, "return: {return_cost} statements");
        assert!(validate_cost <= 15, "validate: {validate_cost} statements");
        assert_eq!(submitted.state, SubmissionState::Submitted);
        assert_eq!(returned.state, SubmissionState::Returned);
        let fresh = support::acting(&mut ctx, &m.council.officer, async |ctx| {
            entries::get(ctx, entry).await
        })
        .await
        .unwrap();
        assert_eq!(
            serde_json::to_value(&validated).unwrap(),
            serde_json::to_value(&fresh).unwrap()
        );
        let trail = support::audit_trail(&mut ctx, "progress_entry", entry).await;
        let last = trail.last().unwrap();
        assert_eq!(last.action, "progress_entry.validated");
        assert_eq!(last.after.as_ref().unwrap()["state"], "validated");
        assert_eq!(last.before.as_ref().unwrap()["state"], "submitted");
    }
}
