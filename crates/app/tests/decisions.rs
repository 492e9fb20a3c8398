//! Use-case tests of Cabinet decisions: the call-in deadline counted in working days from the
//! publication date, a stated deadline compared with it, and the call-in's moves.
mod support;

use chrono::{TimeZone, Utc};
use scrutiny_app::decisions::{self, StatedCallIn, TransitionCallIn, UpdateDecision};
use scrutiny_app::views::decisions::Agreement;
use scrutiny_app::{AppError, Clock, Ctx, Precondition};
use scrutiny_domain::records::CallInState;
use scrutiny_domain::records::ReviewStatus;
use support::TestDb;

/// A council with a proposed review and one recommendation; answers the context, the council and
/// the review's id and recommendation.
async fn arranged(
    db: &TestDb,
) -> (
    Ctx<'static>,
    support::Council,
    uuid::Uuid,
    scrutiny_app::views::recommendations::Recommendation,
) {
    let mut ctx = support::context(db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review = support::review(&mut ctx, &c, committee.id).await;
    let rec = support::recommendation(&mut ctx, &c, review.id, "1", &[]).await;
    (ctx, c, review.id, rec)
}

/// The seed: published Monday 24 January 2022, day five is Friday 28th; the period ends at 23:59
/// London time (GMT), which the stated "Midnight - Friday 28th January 2022" agrees with.
#[tokio::test]
async fn the_call_in_deadline_counts_five_working_days_from_publication() {
    let db = TestDb::new().await;
    let (mut ctx, c, review, rec) = arranged(&db).await;
    let d = support::decision(&mut ctx, &c, review, Some("2022-01-24"), &[&rec]).await;

    assert_eq!(d.published_on, Some(support::day(2022, 1, 24)));
    let call_in = &d.call_in;
    assert_eq!(
        call_in.computed_deadline.as_deref(),
        Some("2022-01-28T23:59:00+00:00")
    );
    assert_eq!(
        call_in.computed_deadline_local.as_deref(),
        Some("2022-01-28T23:59")
    );
    assert_eq!(call_in.time_zone, "Europe/London");
    assert_eq!(call_in.stated_text.as_deref(), Some(support::SEED_CALL_IN));
    assert_eq!(call_in.agreement, Agreement::Agrees);
    assert_eq!(call_in.difference_minutes, None);
    assert_eq!(call_in.state, CallInState::Open);
    assert_eq!(d.resolutions[0].recommendation_id, Some(rec.id));

    let trail = support::audit_trail(&mut ctx, "decision", d.id).await;
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].action, "decision.created");
    assert_eq!(
        trail[0].after.as_ref().unwrap()["call_in"]["computed_deadline"],
        "2022-01-28T23:59:00+00:00"
    );
}

/// Publication on a Saturday: day one is the Monday, so the period still ends on Friday 28th.
/// Over Easter 2022 (Good Friday 15 and Easter Monday 18 April are bank holidays) a decision
/// published on Thursday 14 April ends on Friday 22 April, 23:59 British Summer Time.
#[tokio::test]
async fn weekends_and_bank_holidays_are_not_working_days() {
    let db = TestDb::new().await;
    let (mut ctx, c, review, rec) = arranged(&db).await;

    let saturday = support::decision(&mut ctx, &c, review, Some("2022-01-22"), &[&rec]).await;
    assert_eq!(
        saturday.call_in.computed_deadline.as_deref(),
        Some("2022-01-28T23:59:00+00:00")
    );

    let easter = support::decision(&mut ctx, &c, review, Some("2022-04-14"), &[&rec]).await;
    assert_eq!(
        easter.call_in.computed_deadline.as_deref(),
        Some("2022-04-22T23:59:00+01:00")
    );
    // The stated seed deadline is three months earlier than this one.
    assert_eq!(easter.call_in.agreement, Agreement::Disagrees);
}

/// A stated deadline a day short of the computed one is kept as given and flagged.
#[tokio::test]
async fn a_stated_deadline_that_differs_is_kept_and_flagged() {
    let db = TestDb::new().await;
    let (mut ctx, c, review, rec) = arranged(&db).await;
    let mut command = support::decision_command(review, Some("2022-01-24"), &[&rec]);
    command.stated_call_in = Some(StatedCallIn {
        text: "Midnight - Thursday 27th January 2022".into(),
        deadline: None,
    });
    ctx.acting_as(c.officer.clone());
    let d = decisions::create(&mut ctx, command).await.unwrap();

    assert_eq!(d.call_in.agreement, Agreement::Disagrees);
    assert_eq!(d.call_in.difference_minutes, Some(-24 * 60));
    assert_eq!(
        d.call_in.stated_text.as_deref(),
        Some("Midnight - Thursday 27th January 2022")
    );
    assert_eq!(
        d.call_in.computed_deadline.as_deref(),
        Some("2022-01-28T23:59:00+00:00")
    );
}

/// Expiry is refused until the computed deadline has passed (the clock is the context's), and
/// allowed after it; each refusal changes nothing.
#[tokio::test]
async fn expiry_is_refused_until_the_deadline_has_passed() {
    let db = TestDb::new().await;
    let (ctx, c, review, rec) = arranged(&db).await;
    let before_deadline = Utc.with_ymd_and_hms(2022, 1, 28, 23, 0, 0).unwrap();
    let mut ctx = ctx.with_clock(Clock::Fixed(before_deadline));
    let d = support::decision(&mut ctx, &c, review, Some("2022-01-24"), &[&rec]).await;
    assert!(!d.call_in.deadline_passed);
    assert!(!d.call_in.implementable);
    ctx.acting_as(c.officer.clone());
    let expire = |version| TransitionCallIn {
        id: d.id,
        precondition: Precondition::version(version),
        to: CallInState::Expired,
        note: None,
    };

    let early = decisions::transition_call_in(&mut ctx, expire(d.version)).await;
    assert!(
        matches!(&early, Err(AppError::Conflict { detail, .. }) if detail.contains("2022-01-28T23:59:00+00:00")),
        "{early:?}"
    );
    assert_eq!(
        decisions::get(&mut ctx, d.id).await.unwrap().call_in.state,
        CallInState::Open
    );

    ctx.clock = Clock::Fixed(Utc.with_ymd_and_hms(2022, 1, 29, 0, 0, 0).unwrap());
    let expired = decisions::transition_call_in(&mut ctx, expire(d.version))
        .await
        .unwrap();
    assert_eq!(expired.call_in.state, CallInState::Expired);
    assert!(expired.call_in.implementable);
    assert_eq!(
        support::audit_actions(&mut ctx, "decision", d.id).await,
        ["decision.created", "decision.call_in_changed"]
    );
}

/// The call-in moves only along its lifecycle: an open decision cannot be upheld (409 naming
/// expired and called_in); called in, it can.
#[tokio::test]
async fn the_call_in_moves_only_along_its_lifecycle() {
    let db = TestDb::new().await;
    let (mut ctx, c, review, rec) = arranged(&db).await;
    let d = support::decision(&mut ctx, &c, review, Some("2022-01-24"), &[&rec]).await;
    ctx.acting_as(c.officer.clone());
    let to = |state: CallInState, version| TransitionCallIn {
        id: d.id,
        precondition: Precondition::version(version),
        to: state,
        note: Some("Called in by five members".into()),
    };

    let upheld = decisions::transition_call_in(&mut ctx, to(CallInState::Upheld, d.version)).await;
    match upheld {
        Err(AppError::Conflict { allowed, .. }) => assert_eq!(allowed, ["expired", "called_in"]),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let called = decisions::transition_call_in(&mut ctx, to(CallInState::CalledIn, d.version))
        .await
        .unwrap();
    assert_eq!(called.call_in.state, CallInState::CalledIn);
    assert!(!called.call_in.implementable);
    assert_eq!(
        called.call_in.note.as_deref(),
        Some("Called in by five members")
    );
    let stale = decisions::transition_call_in(&mut ctx, to(CallInState::Upheld, d.version)).await;
    assert!(
        matches!(stale, Err(AppError::PreconditionFailed)),
        "{stale:?}"
    );
    let upheld = decisions::transition_call_in(&mut ctx, to(CallInState::Upheld, called.version))
        .await
        .unwrap();
    assert_eq!(upheld.call_in.state, CallInState::Upheld);
    assert!(upheld.call_in.implementable);
    assert_eq!(
        support::audit_actions(&mut ctx, "decision", d.id).await,
        [
            "decision.created",
            "decision.call_in_changed",
            "decision.call_in_changed"
        ]
    );
}

/// Changing the publication date recomputes the deadline; a stale update is refused and changes
/// nothing; another council's officer is told the decision does not exist.
#[tokio::test]
async fn changing_the_publication_date_recomputes_the_deadline() {
    let db = TestDb::new().await;
    let (mut ctx, c, review, rec) = arranged(&db).await;
    let other = support::council(&mut ctx, "Hartlepool Borough Council").await;
    let d = support::decision(&mut ctx, &c, review, Some("2022-01-24"), &[&rec]).await;
    let republish = |version| UpdateDecision {
        id: d.id,
        precondition: Precondition::version(version),
        published_on: Some(Some("2022-01-25".into())),
        ..Default::default()
    };

    ctx.acting_as(other.officer.clone());
    let foreign = decisions::update(&mut ctx, republish(d.version)).await;
    assert!(matches!(foreign, Err(AppError::NotFound)), "{foreign:?}");

    ctx.acting_as(c.officer.clone());
    let moved = decisions::update(&mut ctx, republish(d.version))
        .await
        .unwrap();
    assert_eq!(
        moved.call_in.computed_deadline.as_deref(),
        Some("2022-01-31T23:59:00+00:00")
    );
    assert_eq!(moved.call_in.agreement, Agreement::Disagrees);
    let stale = decisions::update(&mut ctx, republish(d.version)).await;
    assert!(
        matches!(stale, Err(AppError::PreconditionFailed)),
        "{stale:?}"
    );
    assert_eq!(
        decisions::get(&mut ctx, d.id).await.unwrap().version,
        moved.version
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "decision", d.id).await,
        ["decision.created", "decision.updated"]
    );
}

/// A resolution mapped to another review's recommendation is refused, and nothing is recorded:
/// no decision, and the review does not move.
#[tokio::test]
async fn a_resolution_for_another_reviews_recommendation_is_refused() {
    let db = TestDb::new().await;
    let (mut ctx, c, review, _rec) = arranged(&db).await;
    let committee =
        support::committee_named(&mut ctx, &c, "Adult Social Care Select Committee").await;
    let elsewhere = support::review(&mut ctx, &c, committee.id).await;
    let foreign = support::recommendation(&mut ctx, &c, elsewhere.id, "1", &[]).await;
    ctx.acting_as(c.officer.clone());

    let refused = decisions::create(
        &mut ctx,
        support::decision_command(review, Some("2022-01-24"), &[&foreign]),
    )
    .await;
    assert!(
        matches!(&refused, Err(AppError::Validation(e)) if format!("{e:?}").contains("resolutions[0].recommendation_id")),
        "{refused:?}"
    );
    assert_eq!(
        support::review_status(&mut ctx, review).await,
        ReviewStatus::Proposed
    );
    assert_eq!(support::count_events(&mut ctx, "decision.created").await, 0);
}
