//! Use-case tests of imports, against a database of their own: a commit goes through the use
//! cases of the records it creates, in the import's one transaction.
mod support;

use scrutiny_app::imports::{self, ImportActionPlan, ImportAnswer, ImportFile};
use scrutiny_app::AppError;
use scrutiny_db::queries::action_plans::{self as plan_q, PlanKey};
use scrutiny_db::queries::actions as action_q;
use scrutiny_db::queries::imports as import_q;
use scrutiny_db::scope::Scope;
use scrutiny_domain::records::ReviewStatus;
use scrutiny_import::{parse_action_plan, Format};
use support::TestDb;
use uuid::Uuid;

const CSV: &str =
    "No.,Part,Recommendation,Proposed Actions,Success Measures,Responsibility,Date,Status notes\n\
1,,The council reviews its CCTV policy.,Review the policy,Policy published,All,June 2023,\n\
2,,Partners share data monthly.,Sign an agreement,Agreement signed,All,2023-10-14,\n";

fn command(review_id: Uuid, dry_run: bool, reason: Option<&str>) -> ImportActionPlan {
    let parsed = parse_action_plan(Format::Csv, CSV.as_bytes()).unwrap();
    ImportActionPlan {
        review_id,
        dry_run,
        skip_invalid: false,
        amendment_reason: reason.map(str::to_owned),
        file: ImportFile::new(CSV.as_bytes(), Some("plan.csv".into()), Format::Csv),
        parsed,
        create_contacts: Default::default(),
        profile_id: None,
    }
}

/// An agreed plan is amended once for the whole import, whatever the number of actions it adds;
/// without a reason the commit is refused and nothing of it is kept.
#[tokio::test]
async fn a_commit_into_an_agreed_plan_amends_it_once_or_not_at_all() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let council = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &council).await;
    let review = support::review_at(
        &mut ctx,
        &council,
        committee.id,
        ReviewStatus::ActionPlanAgreed,
    )
    .await
    .id;
    let plan = support::agreed_plan(&mut ctx, &council, review, None, &[])
        .await
        .id;
    ctx.acting_as(council.officer.clone());

    // The dry run tells that a reason is needed; a commit without one is refused whole.
    let ImportAnswer::Done { outcome, committed } =
        imports::import_action_plan(&mut ctx, command(review, true, None))
            .await
            .unwrap()
    else {
        panic!("a dry run is not rejected");
    };
    assert!(!committed);
    assert!(outcome
        .report
        .issues
        .iter()
        .any(|i| i.reason.contains("amendment_reason")));
    let refused = imports::import_action_plan(&mut ctx, command(review, false, None)).await;
    assert!(
        matches!(refused, Err(AppError::Validation(ref e)) if e.0[0].field == "amendment_reason"),
        "{refused:?}"
    );
    assert!(action_q::for_plan(ctx.db(), plan).await.unwrap().is_empty());
    assert!(
        import_q::recommendations_of_review(ctx.db(), review)
            .await
            .unwrap()
            .is_empty(),
        "nothing of the refused commit is kept"
    );

    // With a reason: two recommendations, two actions, one amendment.
    let ImportAnswer::Done { committed, .. } =
        imports::import_action_plan(&mut ctx, command(review, false, Some("Imported")))
            .await
            .unwrap()
    else {
        panic!("nothing is rejected");
    };
    assert!(committed);
    let actions = action_q::for_plan(ctx.db(), plan).await.unwrap();
    assert_eq!(actions.len(), 2);
    assert!(actions.iter().all(|a| a.action.responsible_all));
    let row = plan_q::find_visible(ctx.db(), PlanKey::Review(review), Scope::All)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.amendment_count, 1);
    assert_eq!(
        import_q::recommendations_of_review(ctx.db(), review)
            .await
            .unwrap()
            .len(),
        2
    );
}
