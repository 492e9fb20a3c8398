//! Use-case tests of action plans and their actions: drafts change freely, an agreed plan is
//! amended with a reason (the plan as it stood kept whole), a signed-off plan is closed.
mod support;

use scrutiny_app::actions::{self, WithdrawAction};
use scrutiny_app::plans::{self, ChangePlan, PutPlan};
use scrutiny_app::recommendations::{self, RecommendationReason};
use scrutiny_app::{AppError, Precondition};
use scrutiny_domain::records::ReviewStatus;
use scrutiny_domain::status::ActionStatus;
use scrutiny_domain::status::PlanStatus;
use support::TestDb;

/// Changing an agreed plan without a reason is refused and changes nothing; with one, the change
/// is made, the plan as it stood is kept as amendment 1, and both are audited.
#[tokio::test]
async fn changing_an_agreed_plan_needs_an_amendment_reason() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    ctx.acting_as(m.council.officer.clone());
    let plan = plans::get(&mut ctx, m.plan.id).await.unwrap();
    assert_eq!((plan.status.as_str(), plan.amendment_count), ("agreed", 0));
    let retitle = |reason: Option<&str>| ChangePlan {
        id: plan.id,
        if_match: Precondition::version(plan.version),
        title: Some(Some("Police Communications: action plan".into())),
        amendment_reason: reason.map(str::to_owned),
        ..Default::default()
    };

    let refused = plans::update(&mut ctx, retitle(None)).await;
    assert!(
        matches!(&refused, Err(AppError::Validation(e)) if format!("{e:?}").contains("amendment_reason")),
        "{refused:?}"
    );
    let unchanged = plans::get(&mut ctx, plan.id).await.unwrap();
    assert_eq!(unchanged.title, None);
    assert_eq!(unchanged.amendment_count, 0);
    assert_eq!(unchanged.version, plan.version);

    let amended = plans::update(&mut ctx, retitle(Some("The committee renamed the plan")))
        .await
        .unwrap();
    assert_eq!(
        amended.title.as_deref(),
        Some("Police Communications: action plan")
    );
    assert_eq!(amended.amendment_count, 1);
    let kept = plans::amendments(&mut ctx, plan.id, support::all())
        .await
        .unwrap()
        .items;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].number, 1);
    assert_eq!(kept[0].reason, "The committee renamed the plan");
    assert_eq!(kept[0].created_by, m.council.officer.name);
    assert_eq!(kept[0].previous["title"], serde_json::Value::Null);
    assert_eq!(kept[0].previous["actions"].as_array().unwrap().len(), 1);

    let trail = support::audit_actions(&mut ctx, "action_plan", plan.id).await;
    assert_eq!(
        trail[trail.len() - 2..],
        ["action_plan.amended", "action_plan.updated"]
    );
}

/// Adding an action to an agreed plan is an amendment too: refused without a reason, recorded
/// with one.
#[tokio::test]
async fn adding_an_action_to_an_agreed_plan_is_an_amendment() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    let rec = &m.recommendations[0];

    let refused =
        support::action(&mut ctx, &m.council, m.plan.id, rec.id, m.partner.id, None).await;
    assert!(
        matches!(&refused, Err(AppError::Validation(e)) if format!("{e:?}").contains("amendment_reason")),
        "{refused:?}"
    );
    assert_eq!(
        support::plan_row(&mut ctx, m.review.id)
            .await
            .amendment_count,
        0
    );
    assert_eq!(support::count_events(&mut ctx, "action.created").await, 1);

    let added = support::action(
        &mut ctx,
        &m.council,
        m.plan.id,
        rec.id,
        m.partner.id,
        Some("A second action agreed at the November meeting"),
    )
    .await
    .unwrap();
    assert_eq!(added.position, 2);
    assert_eq!(added.owners[0].organisation_id, Some(m.partner.id));
    assert_eq!(
        support::plan_row(&mut ctx, m.review.id)
            .await
            .amendment_count,
        1
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "action", added.id).await,
        ["action.created"]
    );
    assert_eq!(
        support::count_events(&mut ctx, "action_plan.amended").await,
        1
    );
}

/// A draft plan changes without an amendment; agreeing it moves the review to action plan
/// agreed.
#[tokio::test]
async fn a_draft_plan_changes_freely_and_agreeing_it_moves_the_review() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let c = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &c).await;
    let review =
        support::review_at(&mut ctx, &c, committee.id, ReviewStatus::DecidedByCabinet).await;
    ctx.acting_as(c.officer.clone());
    let put = plans::put(
        &mut ctx,
        PutPlan {
            review_id: review.id,
            agreed_on: Some("March 2022".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(put.created);
    assert_eq!(put.plan.status, PlanStatus::Draft);
    assert_eq!(put.plan.agreed_on.as_deref(), Some("2022-03"));
    let again = plans::put(
        &mut ctx,
        PutPlan {
            review_id: review.id,
            title: Some("Another plan".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(!again.created);
    assert_eq!(again.plan.id, put.plan.id);
    assert_eq!(again.plan.title, None);

    let titled = plans::update(
        &mut ctx,
        ChangePlan {
            id: put.plan.id,
            if_match: Precondition::version(put.plan.version),
            title: Some(Some("Draft action plan".into())),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(titled.amendment_count, 0);
    assert_eq!(
        support::review_status(&mut ctx, review.id).await,
        ReviewStatus::DecidedByCabinet
    );

    let agreed = plans::update(
        &mut ctx,
        ChangePlan {
            id: put.plan.id,
            if_match: Precondition::version(titled.version),
            status: Some(PlanStatus::Agreed),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(agreed.status, PlanStatus::Agreed);
    assert_eq!(agreed.amendment_count, 0);
    assert_eq!(
        support::review_status(&mut ctx, review.id).await,
        ReviewStatus::ActionPlanAgreed
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "action_plan", put.plan.id).await,
        [
            "action_plan.created",
            "action_plan.updated",
            "action_plan.updated"
        ]
    );
    assert_eq!(
        support::count_events(&mut ctx, "action_plan.amended").await,
        0
    );
}

/// A stale plan update is refused; another council's officer gets 404; a viewer is forbidden.
#[tokio::test]
async fn plan_updates_check_the_version_and_the_writer() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    let other = support::council(&mut ctx, "Hartlepool Borough Council").await;
    let version = support::plan_row(&mut ctx, m.review.id).await.version;
    let change = |version| ChangePlan {
        id: m.plan.id,
        if_match: Precondition::version(version),
        agreed_on: Some(Some("April 2022".into())),
        amendment_reason: Some("The minutes give April".into()),
        ..Default::default()
    };

    ctx.acting_as(other.officer.clone());
    let foreign = plans::update(&mut ctx, change(version)).await;
    assert!(matches!(foreign, Err(AppError::NotFound)), "{foreign:?}");
    ctx.acting_as(m.council.viewer.clone());
    let viewer = plans::update(&mut ctx, change(version)).await;
    assert!(matches!(viewer, Err(AppError::Forbidden)), "{viewer:?}");
    ctx.acting_as(m.council.officer.clone());
    let stale = plans::update(&mut ctx, change(version - 1)).await;
    assert!(
        matches!(stale, Err(AppError::PreconditionFailed)),
        "{stale:?}"
    );

    let row = support::plan_row(&mut ctx, m.review.id).await;
    assert_eq!(row.agreed_on, Some(support::day(2022, 3, 1)));
    assert_eq!((row.version, row.amendment_count), (version, 0));

    let changed = plans::update(&mut ctx, change(version)).await.unwrap();
    assert_eq!(changed.agreed_on.as_deref(), Some("2022-04"));
    assert_eq!(changed.agreed_on_display.as_deref(), Some("April 2022"));
}

/// Once every recommendation is closed the plan is signed off, and then nothing of it changes:
/// neither the plan nor its actions.
#[tokio::test]
async fn a_signed_off_plan_cannot_be_changed() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    let rec = &m.recommendations[0];
    ctx.acting_as(m.council.officer.clone());
    recommendations::close(
        &mut ctx,
        RecommendationReason {
            id: rec.id,
            precondition: Precondition::version(rec.version),
            reason: "Achieved in full".into(),
        },
    )
    .await
    .unwrap();
    let plan = plans::get(&mut ctx, m.plan.id).await.unwrap();
    assert_eq!(plan.status, PlanStatus::SignedOff);
    assert_eq!(
        plan.signed_off_reason.as_deref(),
        Some("Every recommendation is closed or withdrawn.")
    );

    let retitle = plans::update(
        &mut ctx,
        ChangePlan {
            id: plan.id,
            if_match: Precondition::version(plan.version),
            title: Some(Some("Too late".into())),
            amendment_reason: Some("A late change".into()),
            ..Default::default()
        },
    )
    .await;
    assert!(
        matches!(retitle, Err(AppError::Conflict { .. })),
        "{retitle:?}"
    );
    let action = &plan.actions[0];
    let withdraw = actions::withdraw(
        &mut ctx,
        WithdrawAction {
            id: action.id,
            if_match: Precondition::version(action.version),
            reason: "No longer needed".into(),
            amendment_reason: Some("A late change".into()),
        },
    )
    .await;
    assert!(
        matches!(withdraw, Err(AppError::Conflict { .. })),
        "{withdraw:?}"
    );

    let after = plans::get(&mut ctx, plan.id).await.unwrap();
    assert_eq!(after.title, None);
    assert_eq!(after.amendment_count, 0);
    assert_eq!(after.actions[0].status, ActionStatus::Open);
    assert_eq!(support::count_events(&mut ctx, "action.withdrawn").await, 0);
}

/// Withdrawing an action of an agreed plan keeps it with its reason, as an amendment of the plan.
#[tokio::test]
async fn withdrawing_an_action_of_an_agreed_plan_keeps_it_as_an_amendment() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    let action = &m.plan.actions[0];
    ctx.acting_as(m.council.officer.clone());
    let withdraw = |amendment: Option<&str>| WithdrawAction {
        id: action.id,
        if_match: Precondition::version(action.version),
        reason: "The protocol was replaced by a national one".into(),
        amendment_reason: amendment.map(str::to_owned),
    };

    let refused = actions::withdraw(&mut ctx, withdraw(None)).await;
    assert!(
        matches!(refused, Err(AppError::Validation(_))),
        "{refused:?}"
    );
    assert_eq!(
        actions::get(&mut ctx, action.id).await.unwrap().status,
        ActionStatus::Open
    );

    let withdrawn = actions::withdraw(&mut ctx, withdraw(Some("Agreed at the November meeting")))
        .await
        .unwrap();
    assert_eq!(withdrawn.status, ActionStatus::Withdrawn);
    assert_eq!(
        withdrawn.withdrawn_reason.as_deref(),
        Some("The protocol was replaced by a national one")
    );
    let plan = plans::get(&mut ctx, m.plan.id).await.unwrap();
    assert_eq!(plan.amendment_count, 1);
    assert_eq!(
        plan.actions.len(),
        1,
        "the withdrawn action is kept in the plan"
    );
    assert_eq!(
        support::audit_actions(&mut ctx, "action", action.id).await,
        ["action.created", "action.withdrawn"]
    );
}
