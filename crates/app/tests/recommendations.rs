//! Use-case tests of recommendations: creating them with parts, withdrawing and closing them,
//! and what closing the last one signs off; plus one transaction around several use cases.
mod support;

use scrutiny_app::recommendations::{
    self, CreateRecommendation, RecommendationFilter, RecommendationReason, UpdateRecommendation,
};
use scrutiny_app::{AppError, Precondition};
use scrutiny_domain::records::ReviewStatus;
use scrutiny_domain::status::PlanStatus;
use scrutiny_domain::status::RecommendationStatus;
use support::TestDb;
use uuid::Uuid;

fn reason(id: Uuid, version: i32, reason: &str) -> RecommendationReason {
    RecommendationReason {
        id,
        precondition: Precondition::version(version),
        reason: reason.into(),
    }
}

/// The numbers of a review's recommendations, as its officer lists them.
async fn numbers(ctx: &mut scrutiny_app::Ctx<'_>, review_id: Uuid) -> Vec<String> {
    recommendations::list_for_review(
        ctx,
        review_id,
        &RecommendationFilter::default(),
        &support::all(),
    )
    .await
    .unwrap()
    .items
    .into_iter()
    .map(|r| r.number)
    .collect()
}

/// A recommendation is created after the last one, with its parts in order; each part and the
/// recommendation are audited.
#[tokio::test]
async fn a_recommendation_is_created_with_its_parts_and_audited() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review = support::review(&mut ctx, &c, committee.id).await;
    let first = support::recommendation(&mut ctx, &c, review.id, "1", &[]).await;
    let second = support::recommendation(&mut ctx, &c, review.id, "2", &["a", "b", "c"]).await;

    assert_eq!((first.position, second.position), (1, 2));
    assert_eq!(second.status, RecommendationStatus::Open);
    let labels: Vec<&str> = second.parts.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["a", "b", "c"]);
    assert_eq!(second.parts[2].position, 3);
    assert_eq!(
        support::audit_actions(&mut ctx, "recommendation", second.id).await,
        ["recommendation.created"]
    );
    for part in &second.parts {
        let trail = support::audit_trail(&mut ctx, "recommendation_part", part.id).await;
        assert_eq!(trail.len(), 1);
        assert_eq!(trail[0].action, "recommendation_part.created");
        assert_eq!(
            trail[0].after.as_ref().unwrap()["label"],
            part.label.as_str()
        );
    }
}

/// A number the review already has is refused, and nothing is added.
#[tokio::test]
async fn a_number_taken_in_the_review_is_refused() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review = support::review(&mut ctx, &c, committee.id).await;
    support::recommendation(&mut ctx, &c, review.id, "1", &[]).await;
    ctx.acting_as(c.officer.clone());

    let twice = recommendations::create(
        &mut ctx,
        CreateRecommendation {
            review_id: review.id,
            number: "1".into(),
            text: "Another recommendation 1".into(),
            ..Default::default()
        },
    )
    .await;
    assert!(
        matches!(&twice, Err(AppError::Conflict { detail, .. }) if detail.contains("already has a recommendation 1")),
        "{twice:?}"
    );
    assert_eq!(numbers(&mut ctx, review.id).await, ["1"]);
    assert_eq!(
        support::count_events(&mut ctx, "recommendation.created").await,
        1
    );
}

/// Withdrawing needs a reason; a withdrawn recommendation is kept, readable, with its reason, and
/// can no longer be changed or withdrawn again.
#[tokio::test]
async fn withdrawing_needs_a_reason_and_keeps_the_recommendation() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review = support::review(&mut ctx, &c, committee.id).await;
    let rec = support::recommendation(&mut ctx, &c, review.id, "1", &[]).await;
    ctx.acting_as(c.officer.clone());

    let blank = recommendations::withdraw(&mut ctx, reason(rec.id, rec.version, " ")).await;
    assert!(matches!(blank, Err(AppError::Validation(_))), "{blank:?}");
    assert_eq!(
        support::recommendation_status(&mut ctx, rec.id).await,
        RecommendationStatus::Open
    );

    let withdrawn = recommendations::withdraw(
        &mut ctx,
        reason(
            rec.id,
            rec.version,
            "Superseded by the new neighbourhood policing model",
        ),
    )
    .await
    .unwrap();
    assert_eq!(withdrawn.status, RecommendationStatus::Withdrawn);
    let kept = recommendations::get(&mut ctx, rec.id).await.unwrap();
    assert_eq!(kept.status, RecommendationStatus::Withdrawn);
    assert_eq!(
        kept.withdrawn_reason.as_deref(),
        Some("Superseded by the new neighbourhood policing model")
    );
    assert_eq!(kept.text, "Recommendation 1");

    let again = recommendations::withdraw(&mut ctx, reason(rec.id, kept.version, "Again")).await;
    assert!(matches!(again, Err(AppError::Conflict { .. })), "{again:?}");
    let edit = recommendations::update(
        &mut ctx,
        UpdateRecommendation {
            id: rec.id,
            precondition: Precondition::version(kept.version),
            text: Some("Changed after withdrawal".into()),
            ..Default::default()
        },
    )
    .await;
    assert!(matches!(edit, Err(AppError::Conflict { .. })), "{edit:?}");

    let trail = support::audit_trail(&mut ctx, "recommendation", rec.id).await;
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["recommendation.created", "recommendation.withdrawn"]
    );
    assert_eq!(trail[1].before.as_ref().unwrap()["status"], "open");
    assert_eq!(trail[1].after.as_ref().unwrap()["status"], "withdrawn");
}

/// An update naming an old version is refused and changes nothing.
#[tokio::test]
async fn a_stale_precondition_is_refused_and_changes_nothing() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review = support::review(&mut ctx, &c, committee.id).await;
    let rec = support::recommendation(&mut ctx, &c, review.id, "1", &[]).await;
    ctx.acting_as(c.officer.clone());
    let changed = recommendations::update(
        &mut ctx,
        UpdateRecommendation {
            id: rec.id,
            precondition: Precondition::version(rec.version),
            text: Some("Engage Ward Councillors".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    let stale = recommendations::update(
        &mut ctx,
        UpdateRecommendation {
            id: rec.id,
            precondition: Precondition::version(rec.version),
            number: Some("9".into()),
            ..Default::default()
        },
    )
    .await;
    assert!(
        matches!(stale, Err(AppError::PreconditionFailed)),
        "{stale:?}"
    );
    let now = recommendations::get(&mut ctx, rec.id).await.unwrap();
    assert_eq!(
        (now.number.as_str(), now.text.as_str()),
        ("1", "Engage Ward Councillors")
    );
    assert_eq!(now.version, changed.version);
    assert_eq!(
        support::audit_actions(&mut ctx, "recommendation", rec.id).await,
        ["recommendation.created", "recommendation.updated"]
    );
}

/// Another council's officer gets 404; the partner's contributor sees the recommendation it owns
/// an action for but may not write it (403), and does not see the others (404).
#[tokio::test]
async fn who_may_see_and_write_a_recommendation() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    let other = support::council(&mut ctx, "Hartlepool Borough Council").await;
    // A recommendation added after the plan: no action of the partner answers it.
    let unowned = support::recommendation(&mut ctx, &m.council, m.review.id, "2", &[]).await;
    let owned = &m.recommendations[0];

    ctx.acting_as(other.officer.clone());
    let foreign = recommendations::withdraw(&mut ctx, reason(owned.id, owned.version, "No")).await;
    assert!(matches!(foreign, Err(AppError::NotFound)), "{foreign:?}");

    ctx.acting_as(m.partner.contributor.clone());
    let seen = recommendations::get(&mut ctx, owned.id).await.unwrap();
    assert_eq!(seen.number, "1");
    let write = recommendations::withdraw(&mut ctx, reason(owned.id, seen.version, "No")).await;
    assert!(matches!(write, Err(AppError::Forbidden)), "{write:?}");
    let hidden = recommendations::get(&mut ctx, unowned.id).await;
    assert!(
        matches!(hidden, Err(AppError::NotFound)),
        "{:?}",
        hidden.err()
    );

    assert_eq!(
        support::recommendation_status(&mut ctx, owned.id).await,
        RecommendationStatus::Open
    );
    assert_eq!(
        support::count_events(&mut ctx, "recommendation.withdrawn").await,
        0
    );
}

/// The committee closing a recommendation with a reason: the plan stays agreed while another is
/// open; closing the last one signs the plan off and moves the review to signed off, audited.
#[tokio::test]
async fn closing_the_last_recommendation_signs_the_plan_off() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 2).await;
    let (one, two) = (&m.recommendations[0], &m.recommendations[1]);
    ctx.acting_as(m.council.officer.clone());

    let blank = recommendations::close(&mut ctx, reason(one.id, one.version, "")).await;
    assert!(matches!(blank, Err(AppError::Validation(_))), "{blank:?}");

    let closed = recommendations::close(
        &mut ctx,
        reason(
            one.id,
            one.version,
            "Events overtook it: the force restructured",
        ),
    )
    .await
    .unwrap();
    assert_eq!(closed.status, RecommendationStatus::Closed);
    assert_eq!(
        closed.closed_reason.as_deref(),
        Some("Events overtook it: the force restructured")
    );
    assert_eq!(
        support::plan_row(&mut ctx, m.review.id).await.status,
        PlanStatus::Agreed
    );
    assert_eq!(
        support::review_status(&mut ctx, m.review.id).await,
        ReviewStatus::Monitoring
    );

    let again = recommendations::close(&mut ctx, reason(one.id, closed.version, "Again")).await;
    assert!(matches!(again, Err(AppError::Conflict { .. })), "{again:?}");

    recommendations::close(&mut ctx, reason(two.id, two.version, "Achieved in full"))
        .await
        .unwrap();
    let plan = support::plan_row(&mut ctx, m.review.id).await;
    assert_eq!(plan.status, PlanStatus::SignedOff);
    assert_eq!(plan.signed_off_on, Some(ctx.today()));
    assert_eq!(
        support::review_status(&mut ctx, m.review.id).await,
        ReviewStatus::SignedOff
    );
    let plan_events = support::audit_actions(&mut ctx, "action_plan", plan.id).await;
    assert_eq!(plan_events.last().unwrap(), "action_plan.signed_off");
    let last = support::audit_trail(&mut ctx, "review", m.review.id)
        .await
        .pop()
        .unwrap();
    assert_eq!(last.action, "review.status_changed");
    assert_eq!(last.after.as_ref().unwrap()["status"], "signed_off");
    assert_eq!(
        last.after.as_ref().unwrap()["reason"],
        "Every recommendation is closed or withdrawn."
    );
}

/// A withdrawn recommendation is kept but does not block sign-off: once the other one closes,
/// the plan is signed off.
#[tokio::test]
async fn a_withdrawn_recommendation_does_not_block_sign_off() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 2).await;
    let (one, two) = (&m.recommendations[0], &m.recommendations[1]);
    ctx.acting_as(m.council.officer.clone());

    recommendations::withdraw(&mut ctx, reason(two.id, two.version, "No longer relevant"))
        .await
        .unwrap();
    assert_eq!(
        support::plan_row(&mut ctx, m.review.id).await.status,
        PlanStatus::Agreed
    );
    recommendations::close(&mut ctx, reason(one.id, one.version, "Achieved in full"))
        .await
        .unwrap();

    assert_eq!(
        support::recommendation_status(&mut ctx, two.id).await,
        RecommendationStatus::Withdrawn
    );
    assert_eq!(
        support::plan_row(&mut ctx, m.review.id).await.status,
        PlanStatus::SignedOff
    );
    assert_eq!(
        support::review_status(&mut ctx, m.review.id).await,
        ReviewStatus::SignedOff
    );
    assert_eq!(
        support::count_events(&mut ctx, "action_plan.signed_off").await,
        1
    );
}

/// Two use cases in one transaction: when the second fails and the failure is passed on, the
/// first is rolled back with it (record and audit event).
#[tokio::test]
async fn a_failing_use_case_rolls_back_the_transaction_around_it() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review = support::review(&mut ctx, &c, committee.id).await;
    support::recommendation(&mut ctx, &c, review.id, "1", &[]).await;
    ctx.acting_as(c.officer.clone());
    let command = |number: &str| CreateRecommendation {
        review_id: review.id,
        number: number.into(),
        text: format!("Recommendation {number}"),
        ..Default::default()
    };

    let outcome = ctx
        .tx(async |ctx| {
            recommendations::create(ctx, command("2")).await?;
            recommendations::create(ctx, command("1")).await?;
            Ok(())
        })
        .await;
    assert!(
        matches!(outcome, Err(AppError::Conflict { .. })),
        "{outcome:?}"
    );
    assert_eq!(numbers(&mut ctx, review.id).await, ["1"]);
    assert_eq!(
        support::count_events(&mut ctx, "recommendation.created").await,
        1
    );

    // The inner use case runs in a savepoint: when the outer one handles its failure, what came
    // before it is kept.
    let kept = ctx
        .tx(async |ctx| {
            recommendations::create(ctx, command("2")).await?;
            let refused = recommendations::create(ctx, command("1")).await;
            assert!(matches!(refused, Err(AppError::Conflict { .. })));
            Ok(())
        })
        .await;
    assert!(kept.is_ok(), "{kept:?}");
    assert_eq!(numbers(&mut ctx, review.id).await, ["1", "2"]);
    assert_eq!(
        support::count_events(&mut ctx, "recommendation.created").await,
        2
    );
}

/// Withdrawing the last open recommendation leaves none outstanding: the plan is signed off and
/// the review moves to signed off, as when the last one is closed (docs/domain.md rule 5). Before the
/// fix the plan stayed agreed for good: no round could be opened (nothing outstanding) and a
/// withdrawn recommendation cannot be closed.
#[tokio::test]
async fn withdrawing_the_last_open_recommendation_signs_the_plan_off() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 2).await;
    let (one, two) = (&m.recommendations[0], &m.recommendations[1]);
    ctx.acting_as(m.council.officer.clone());

    recommendations::close(&mut ctx, reason(one.id, one.version, "Achieved in full"))
        .await
        .unwrap();
    assert_eq!(
        support::plan_row(&mut ctx, m.review.id).await.status,
        PlanStatus::Agreed
    );
    recommendations::withdraw(&mut ctx, reason(two.id, two.version, "No longer relevant"))
        .await
        .unwrap();

    let plan = support::plan_row(&mut ctx, m.review.id).await;
    assert_eq!(plan.status, PlanStatus::SignedOff);
    assert_eq!(plan.signed_off_on, Some(ctx.today()));
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

/// Withdrawing a recommendation while another is open signs nothing off.
#[tokio::test]
async fn withdrawing_one_of_several_open_recommendations_signs_nothing_off() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 2).await;
    let two = &m.recommendations[1];
    ctx.acting_as(m.council.officer.clone());

    recommendations::withdraw(&mut ctx, reason(two.id, two.version, "No longer relevant"))
        .await
        .unwrap();
    assert_eq!(
        support::plan_row(&mut ctx, m.review.id).await.status,
        PlanStatus::Agreed
    );
    assert_eq!(
        support::review_status(&mut ctx, m.review.id).await,
        ReviewStatus::Monitoring
    );
    assert_eq!(
        support::count_events(&mut ctx, "action_plan.signed_off").await,
        0
    );
}
