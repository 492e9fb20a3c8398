//! Use-case tests of reviews: their status moves (by hand and as consequences), preconditions
//! and who may see and change them.
mod support;

use scrutiny_app::reviews::{self, Includes, TransitionReview, UpdateReview};
use scrutiny_app::{AppError, Precondition};
use scrutiny_domain::records::ReviewStatus;
use support::TestDb;

fn transition(
    id: uuid::Uuid,
    version: i32,
    to: ReviewStatus,
    reason: Option<&str>,
) -> TransitionReview {
    TransitionReview {
        id,
        precondition: Precondition::version(version),
        to,
        reason: reason.map(str::to_owned),
    }
}

/// A move that skips a stage is refused with the moves allowed, and changes nothing.
#[tokio::test]
async fn a_review_moves_only_along_allowed_transitions() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review = support::review(&mut ctx, &c, committee.id).await;
    ctx.acting_as(c.officer.clone());

    let refused = reviews::transition(
        &mut ctx,
        transition(
            review.id,
            review.version,
            ReviewStatus::EvidenceGathering,
            None,
        ),
    )
    .await;
    match refused {
        Err(AppError::Conflict { allowed, .. }) => assert_eq!(allowed, ["scoping", "withdrawn"]),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        support::review_status(&mut ctx, review.id).await,
        ReviewStatus::Proposed
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "review", review.id).await,
        ["review.created"]
    );

    let moved = reviews::transition(
        &mut ctx,
        transition(review.id, review.version, ReviewStatus::Scoping, None),
    )
    .await
    .expect("proposed moves to scoping");
    assert_eq!(moved.status, ReviewStatus::Scoping);
    assert_eq!(
        moved.allowed_transitions,
        [
            ReviewStatus::EvidenceGathering,
            ReviewStatus::Proposed,
            ReviewStatus::Withdrawn
        ]
    );
    let trail = support::audit_trail(&mut ctx, "review", review.id).await;
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[1].action, "review.status_changed");
    assert_eq!(trail[1].before.as_ref().unwrap()["status"], "proposed");
    assert_eq!(trail[1].after.as_ref().unwrap()["status"], "scoping");
    assert_eq!(trail[1].actor_id, Some(c.officer.id));
}

/// Withdrawing needs a reason; a withdrawn review keeps it and is final.
#[tokio::test]
async fn withdrawing_a_review_needs_a_reason_and_is_final() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review = support::review(&mut ctx, &c, committee.id).await;
    ctx.acting_as(c.officer.clone());

    let refused = reviews::transition(
        &mut ctx,
        transition(
            review.id,
            review.version,
            ReviewStatus::Withdrawn,
            Some("  "),
        ),
    )
    .await;
    assert!(
        matches!(&refused, Err(AppError::Validation(e)) if format!("{e:?}").contains("reason")),
        "{refused:?}"
    );
    assert_eq!(
        support::review_status(&mut ctx, review.id).await,
        ReviewStatus::Proposed
    );

    let withdrawn = reviews::transition(
        &mut ctx,
        transition(
            review.id,
            review.version,
            ReviewStatus::Withdrawn,
            Some("Overtaken by the force's own review"),
        ),
    )
    .await
    .unwrap();
    assert_eq!(withdrawn.status, ReviewStatus::Withdrawn);
    assert_eq!(
        withdrawn.withdrawn_reason.as_deref(),
        Some("Overtaken by the force's own review")
    );
    assert!(withdrawn.allowed_transitions.is_empty());

    let again = reviews::transition(
        &mut ctx,
        transition(review.id, withdrawn.version, ReviewStatus::Proposed, None),
    )
    .await;
    assert!(
        matches!(&again, Err(AppError::Conflict { allowed, .. }) if allowed.is_empty()),
        "{again:?}"
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "review", review.id).await,
        ["review.created", "review.status_changed"]
    );
}

/// An update naming a version the review has moved on from is refused and changes nothing; one
/// naming no version is refused as well.
#[tokio::test]
async fn a_stale_precondition_is_refused_and_changes_nothing() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review = support::review(&mut ctx, &c, committee.id).await;
    ctx.acting_as(c.officer.clone());

    let first = reviews::update(
        &mut ctx,
        UpdateReview {
            id: review.id,
            precondition: Precondition::version(review.version),
            title: Some("Police Communications".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(first.version, review.version + 1);

    let stale = reviews::update(
        &mut ctx,
        UpdateReview {
            id: review.id,
            precondition: Precondition::version(review.version),
            title: Some("A title from a stale read".into()),
            ..Default::default()
        },
    )
    .await;
    assert!(
        matches!(stale, Err(AppError::PreconditionFailed)),
        "{stale:?}"
    );
    let missing = reviews::update(
        &mut ctx,
        UpdateReview {
            id: review.id,
            precondition: Precondition(None),
            title: Some("A title with no version".into()),
            ..Default::default()
        },
    )
    .await;
    assert!(
        matches!(missing, Err(AppError::PreconditionRequired)),
        "{missing:?}"
    );

    let now = reviews::get(&mut ctx, review.id, Includes::default())
        .await
        .unwrap()
        .review;
    assert_eq!(now.title, "Police Communications");
    assert_eq!(now.version, first.version);
    assert_eq!(
        support::audit_actions(&mut ctx, "review", review.id).await,
        ["review.created", "review.updated"]
    );
}

/// Another council's officer is told the review does not exist, for reads and writes alike; the
/// council's own viewer reads it but may not change it.
#[tokio::test]
async fn an_officer_of_another_council_gets_not_found_and_a_viewer_is_forbidden() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let other = support::council(&mut ctx, "Hartlepool Borough Council").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review = support::review(&mut ctx, &c, committee.id).await;

    ctx.acting_as(other.officer.clone());
    let read = reviews::get(&mut ctx, review.id, Includes::default()).await;
    assert!(matches!(read, Err(AppError::NotFound)), "{:?}", read.err());
    let moved = reviews::transition(
        &mut ctx,
        transition(review.id, review.version, ReviewStatus::Scoping, None),
    )
    .await;
    assert!(matches!(moved, Err(AppError::NotFound)), "{moved:?}");

    ctx.acting_as(c.viewer.clone());
    let seen = reviews::get(&mut ctx, review.id, Includes::default())
        .await
        .unwrap();
    assert_eq!(seen.review.status, ReviewStatus::Proposed);
    let changed = reviews::update(
        &mut ctx,
        UpdateReview {
            id: review.id,
            precondition: Precondition::version(review.version),
            title: Some("A viewer's title".into()),
            ..Default::default()
        },
    )
    .await;
    assert!(matches!(changed, Err(AppError::Forbidden)), "{changed:?}");

    assert_eq!(
        support::review_status(&mut ctx, review.id).await,
        ReviewStatus::Proposed
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "review", review.id).await,
        ["review.created"]
    );
}

/// The review moves forward as a consequence of other records: Cabinet's decision recorded →
/// decided by Cabinet, the plan agreed → action plan agreed, the first round opened → monitoring;
/// each move is audited as the officer's.
#[tokio::test]
async fn a_review_advances_as_a_consequence_of_its_records() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let p = support::partner(&mut ctx, &c.admin, "Cleveland Police").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review = support::review_at(
        &mut ctx,
        &c,
        committee.id,
        ReviewStatus::ApprovedByCommittee,
    )
    .await;
    let rec = support::recommendation(&mut ctx, &c, review.id, "1", &[]).await;
    assert_eq!(
        support::review_status(&mut ctx, review.id).await,
        ReviewStatus::ApprovedByCommittee,
        "adding a recommendation moves nothing"
    );

    support::decision(&mut ctx, &c, review.id, Some("2022-01-24"), &[&rec]).await;
    assert_eq!(
        support::review_status(&mut ctx, review.id).await,
        ReviewStatus::DecidedByCabinet
    );
    support::agreed_plan(&mut ctx, &c, review.id, Some(p.id), &[&rec]).await;
    assert_eq!(
        support::review_status(&mut ctx, review.id).await,
        ReviewStatus::ActionPlanAgreed
    );
    support::open_round(&mut ctx, &c, review.id, None).await;
    assert_eq!(
        support::review_status(&mut ctx, review.id).await,
        ReviewStatus::Monitoring
    );

    let moves: Vec<(String, String)> = support::audit_trail(&mut ctx, "review", review.id)
        .await
        .into_iter()
        .filter(|e| e.action == "review.status_changed")
        .map(|e| {
            assert_eq!(e.actor_id, Some(c.officer.id));
            (
                e.before.unwrap()["status"].as_str().unwrap().to_owned(),
                e.after.unwrap()["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("approved_by_committee", "decided_by_cabinet"),
        ("decided_by_cabinet", "action_plan_agreed"),
        ("action_plan_agreed", "monitoring"),
    ];
    assert_eq!(moves, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
}

/// A consequence never moves a review back: recording a decision for a review already under
/// monitoring leaves it there, with no status change audited.
#[tokio::test]
async fn a_consequence_never_moves_a_review_back() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review = support::review_at(&mut ctx, &c, committee.id, ReviewStatus::Monitoring).await;
    let rec = support::recommendation(&mut ctx, &c, review.id, "1", &[]).await;

    let decision = support::decision(&mut ctx, &c, review.id, Some("2022-01-24"), &[&rec]).await;
    assert_eq!(decision.review_id, review.id);
    assert_eq!(
        support::review_status(&mut ctx, review.id).await,
        ReviewStatus::Monitoring
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "review", review.id).await,
        ["review.created"]
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "decision", decision.id).await,
        ["decision.created"]
    );
}
