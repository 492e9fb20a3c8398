//! "Today" is the council's local date, not the UTC one: at 00:30 on a summer night in London
//! (23:30 UTC the day before), a round due yesterday local time is overdue and one due today is
//! not.
mod support;

use scrutiny_app::progress::rounds;
use scrutiny_app::responses;
use scrutiny_app::Clock;
use support::TestDb;

#[tokio::test]
async fn at_half_past_midnight_in_summer_yesterday_is_overdue_and_today_is_not() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let m = support::monitored(&mut ctx, 1).await;
    // 00:30 British Summer Time on Sunday 2 July 2023.
    ctx.clock = Clock::Fixed("2023-07-01T23:30:00Z".parse().unwrap());
    assert_eq!(ctx.today(), support::day(2023, 7, 2));

    let overdue_when_due = async |ctx: &mut scrutiny_app::Ctx<'static>, due: &str| {
        support::execute(
            ctx.db(),
            &format!(
                "UPDATE progress_rounds SET deadline = '{due}' WHERE id = '{}'",
                m.round.id
            ),
        )
        .await;
        support::acting(ctx, &m.council.officer, async |ctx| {
            rounds::get(ctx, m.round.id)
                .await
                .expect("the round")
                .overdue
        })
        .await
    };
    assert!(
        overdue_when_due(&mut ctx, "2023-07-01").await,
        "due yesterday, local time"
    );
    assert!(
        !overdue_when_due(&mut ctx, "2023-07-02").await,
        "due today, local time"
    );

    // A statutory response due yesterday, local time, is overdue; one due today is not.
    let response = support::acting(&mut ctx, &m.council.officer, async |ctx| {
        responses::create(
            ctx,
            responses::CreateResponse {
                review_id: m.review.id,
                responder_kind: "partner".into(),
                organisation_id: Some(m.partner.id),
                responder_name: None,
                report_received_on: "2023-06-01".into(),
                recommendation_ids: None,
            },
        )
        .await
        .expect("the response")
    })
    .await;
    assert_eq!(response.due_on, support::day(2023, 6, 29), "28 days");
    let response_overdue_when_due = async |ctx: &mut scrutiny_app::Ctx<'static>, due: &str| {
        support::execute(
            ctx.db(),
            &format!(
                "UPDATE statutory_responses SET due_on = '{due}' WHERE id = '{}'",
                response.id
            ),
        )
        .await;
        support::acting(ctx, &m.council.officer, async |ctx| {
            responses::get(ctx, response.id)
                .await
                .expect("the response")
                .overdue
        })
        .await
    };
    assert!(response_overdue_when_due(&mut ctx, "2023-07-01").await);
    assert!(!response_overdue_when_due(&mut ctx, "2023-07-02").await);

    // A council elsewhere keeps its own today: in UTC it is still 1 July.
    ctx.time_zone = chrono_tz::UTC;
    assert_eq!(ctx.today(), support::day(2023, 7, 1));
    assert!(
        !overdue_when_due(&mut ctx, "2023-07-01").await,
        "due today in UTC"
    );
}
