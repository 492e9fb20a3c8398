//! Use-case tests of progress monitoring, against a database of their own.
mod support;

use scrutiny_app::progress::entries::{self, AcceptEntry, SubmitEntry, UpdateEntry, ValidateEntry};
use scrutiny_app::progress::rounds::{self, OpenRound};
use scrutiny_app::views::progress::ImpactValue;
use scrutiny_app::{AppError, Precondition};
use scrutiny_db::queries::reviews as review_q;
use scrutiny_db::queries::{action_plans as plan_q, progress as q, recommendations as rec_q};
use scrutiny_db::scope::Scope;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::progress::SubmissionState;
use scrutiny_domain::records::ReviewStatus;
use scrutiny_domain::status::{PlanStatus, RecommendationStatus, RoundStatus};
use support::{day, TestDb};
use uuid::Uuid;

/// Where the four records stand: (entry state, round status, recommendation status, plan status,
/// review status).
async fn states(
    conn: &mut AsyncPgConnection,
    entry: Uuid,
    round: Uuid,
    rec: Uuid,
    review: Uuid,
) -> (
    SubmissionState,
    RoundStatus,
    RecommendationStatus,
    PlanStatus,
    ReviewStatus,
) {
    let entry = q::find_entry(conn, entry).await.unwrap().unwrap();
    let round = q::find_round(conn, round).await.unwrap().unwrap();
    let rec = rec_q::find_for_update(conn, rec).await.unwrap().unwrap();
    let plan = plan_q::find_visible(conn, plan_q::PlanKey::Review(review), Scope::All)
        .await
        .unwrap()
        .unwrap();
    let review = review_q::find(conn, Scope::All, review)
        .await
        .unwrap()
        .unwrap();
    (
        entry.state,
        round.status,
        rec.status,
        plan.status,
        review.status,
    )
}

/// Accepting the last outstanding entry of a review changes the entry, the round, the
/// recommendation, the action plan and the review in one transaction: when the plan's sign-off
/// fails, nothing of it is committed; once it can succeed, all of it moves together.
#[tokio::test]
async fn accepting_an_entry_and_all_that_follows_is_one_transaction() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let council = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &council).await;
    let review = support::review(&mut ctx, &council, committee.id).await.id;
    let recommendation = support::recommendation(&mut ctx, &council, review, "1", &[]).await;
    let rec = recommendation.id;
    // Agreed in March 2022, with no actions: the council reports on its own recommendation.
    support::agreed_plan(&mut ctx, &council, review, None, &[&recommendation]).await;
    assert_eq!(
        support::review_status(&mut ctx, review).await,
        ReviewStatus::ActionPlanAgreed
    );

    // An open round with its one entry written, submitted and validated, through the use cases.
    ctx.acting_as(council.officer.clone());
    let round = rounds::open(
        &mut ctx,
        OpenRound {
            review_id: review,
            label: None,
            deadline: day(2023, 3, 1),
            meeting_date: Some(day(2023, 3, 20)),
            recommendation_ids: None,
            include_parts: false,
        },
    )
    .await
    .expect("the round opens");
    let listed = rounds::entries(&mut ctx, round.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    let entry = listed[0].id;
    let written = entries::update(
        &mut ctx,
        UpdateEntry {
            id: entry,
            precondition: Precondition::version(listed[0].version),
            progress: Some(Some("The strategy was reviewed and adopted.".into())),
            proposed_grade: Some(Some("1".into())),
            impact: Some(ImpactValue {
                kind: "none_undertaken".into(),
                text: None,
            }),
            ..Default::default()
        },
    )
    .await
    .expect("the entry is written");
    assert_eq!(written.state, SubmissionState::Draft);
    entries::submit(
        &mut ctx,
        SubmitEntry {
            id: entry,
            from_document: false,
        },
    )
    .await
    .expect("the entry is submitted");
    entries::validate(
        &mut ctx,
        ValidateEntry {
            id: entry,
            grade: "1".into(),
            reason: None,
            override_reason: None,
        },
    )
    .await
    .expect("the entry is validated");
    assert_eq!(
        states(ctx.db(), entry, round.id, rec, review).await,
        (
            SubmissionState::Validated,
            RoundStatus::Open,
            RecommendationStatus::Open,
            PlanStatus::Agreed,
            ReviewStatus::Monitoring
        )
    );

    // The plan cannot be signed off: the last follow-on step fails.
    support::execute(
        ctx.db(),
        "CREATE FUNCTION refuse_plan_update() RETURNS trigger LANGUAGE plpgsql AS
         $$ BEGIN RAISE EXCEPTION 'action plans are frozen for this test'; END $$",
    )
    .await;
    support::execute(
        ctx.db(),
        "CREATE TRIGGER refuse_plan_update BEFORE UPDATE ON action_plans
         FOR EACH ROW EXECUTE FUNCTION refuse_plan_update()",
    )
    .await;
    let accept = AcceptEntry {
        id: entry,
        grade: None,
        meeting_date: None,
        minute_reference: Some("CDSC 20/03/23 minute 7".into()),
    };
    let refused = entries::accept(&mut ctx, accept.clone()).await;
    assert!(
        matches!(refused, Err(AppError::Internal(_))),
        "the acceptance fails with its last step: {refused:?}"
    );
    assert_eq!(
        states(ctx.db(), entry, round.id, rec, review).await,
        (
            SubmissionState::Validated,
            RoundStatus::Open,
            RecommendationStatus::Open,
            PlanStatus::Agreed,
            ReviewStatus::Monitoring
        ),
        "nothing of the acceptance is committed"
    );

    // Once the plan can be signed off, the same acceptance moves all four.
    support::execute(ctx.db(), "DROP TRIGGER refuse_plan_update ON action_plans").await;
    let accepted = entries::accept(&mut ctx, accept)
        .await
        .expect("the acceptance succeeds");
    assert_eq!(accepted.state, SubmissionState::Accepted);
    assert_eq!(accepted.round.status, RoundStatus::Closed);
    assert_eq!(accepted.recommendation.status, RecommendationStatus::Closed);
    assert_eq!(
        states(ctx.db(), entry, round.id, rec, review).await,
        (
            SubmissionState::Accepted,
            RoundStatus::Closed,
            RecommendationStatus::Closed,
            PlanStatus::SignedOff,
            ReviewStatus::SignedOff
        )
    );
    drop(ctx);
    drop(db);
}

/// The dashboards' statements are sent as text; they are kept prepared on the connection (one
/// statement, planned again only when PostgreSQL judges it worth it), where a plain text query is
/// prepared afresh and dropped at each call.
#[tokio::test]
async fn the_dashboards_text_statements_are_kept_prepared_on_their_connection() {
    use diesel::sql_types::BigInt;
    use diesel_async::RunQueryDsl;

    #[derive(diesel::QueryableByName)]
    struct Kept {
        #[diesel(sql_type = BigInt)]
        statements: i64,
        #[diesel(sql_type = BigInt)]
        calls: i64,
    }
    async fn kept(conn: &mut AsyncPgConnection, like: &str) -> Kept {
        diesel::sql_query(
            "SELECT count(*) AS statements, coalesce(sum(generic_plans + custom_plans), 0)::bigint AS calls \
               FROM pg_prepared_statements WHERE statement LIKE $1",
        )
        .bind::<diesel::sql_types::Text, _>(like)
        .get_result(conn)
        .await
        .unwrap()
    }

    let db = TestDb::new().await;
    let mut conn = db.connect().await;
    for _ in 0..3 {
        q::recommendation_status_counts(&mut conn, Scope::All)
            .await
            .unwrap();
        q::dashboard_counts(&mut conn, Scope::All, false, 10)
            .await
            .unwrap();
        diesel::sql_query("SELECT 1 AS statements, 1 AS calls /* a plain text query */")
            .execute(&mut conn)
            .await
            .unwrap();
    }
    let status = kept(
        &mut conn,
        "SELECT r.status, count(*) AS count FROM recommendations r%",
    )
    .await;
    assert_eq!((status.statements, status.calls), (1, 3));
    let counts = kept(&mut conn, "%latest AS MATERIALIZED%").await;
    assert_eq!((counts.statements, counts.calls), (1, 3));
    let plain = kept(&mut conn, "%a plain text query%").await;
    assert_eq!(plain.statements, 0, "a plain text query is not kept");
}

/// Two transactions that wait for each other: PostgreSQL rolls one back ("deadlock detected"),
/// and the use cases report that as a conflict to try again, not as an internal error.
#[tokio::test]
async fn a_deadlock_is_a_conflict_to_try_again() {
    use diesel_async::RunQueryDsl;

    async fn lock_then(
        conn: &mut AsyncPgConnection,
        first: i64,
        second: i64,
    ) -> Result<(), AppError> {
        diesel::sql_query("BEGIN").execute(conn).await?;
        for key in [first, second] {
            diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
                .bind::<diesel::sql_types::BigInt, _>(key)
                .execute(conn)
                .await?;
            // Both hold their first lock before either asks for its second.
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        Ok(())
    }

    let db = TestDb::new().await;
    let (mut a, mut b) = (db.connect().await, db.connect().await);
    let (x, y) = tokio::join!(lock_then(&mut a, 1, 2), lock_then(&mut b, 2, 1));
    for conn in [&mut a, &mut b] {
        diesel::sql_query("ROLLBACK").execute(conn).await.unwrap();
    }
    let failed: Vec<AppError> = [x, y].into_iter().filter_map(Result::err).collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(
        matches!(&failed[0], AppError::Conflict { detail, .. } if detail.contains("Try again")),
        "{:?}",
        failed[0]
    );
}
