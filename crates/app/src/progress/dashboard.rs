//! The dashboard: counts by grade and state per committee, review and organisation; what is
//! overdue and what falls due soon, in the caller's scope.
use crate::access;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::principal::ANY_ROLE;
use crate::views::progress::{accepted_only, Dashboard, DashboardGroup, GradeCount, RoundWork};
use chrono::{Days, NaiveDate};
use scrutiny_db::queries::progress as q;
use std::collections::BTreeMap;
use uuid::Uuid;

/// "Due soon": within this many days.
pub const DUE_SOON_DAYS: u32 = 45;

/// The counts by review list at most this many reviews (those with the most entries not yet
/// accepted), so that a partner reporting to many councils gets a dashboard of bounded size.
pub const REVIEWS_SHOWN: i64 = 100;

/// The overdue rounds and the rounds due soon list at most this many each (the earliest
/// deadlines), with how many there are in all.
pub const ROUNDS_SHOWN: i64 = 50;

/// The dashboard on `on` (today by default).
pub async fn dashboard(ctx: &mut Ctx<'_>, on: Option<NaiveDate>) -> Result<Dashboard, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let on = on.unwrap_or_else(|| ctx.today());
    let until = on
        .checked_add_days(Days::new(DUE_SOON_DAYS.into()))
        .ok_or_else(|| AppError::invalid("on", "is out of range"))?;
    let scope = access::scope(&ctx.principal);
    let viewer = accepted_only(&ctx.principal);
    let counts = q::dashboard_counts(ctx.db(), scope, viewer, REVIEWS_SHOWN).await?;
    let by_review_total = counts.first().map_or(0, |row| row.reviews_total);
    let statuses = q::recommendation_status_counts(ctx.db(), scope).await?;
    let work = if viewer {
        Vec::new()
    } else {
        q::open_round_work(ctx.db(), scope, on, until, ROUNDS_SHOWN).await?
    };
    let milestones = q::milestone_counts(ctx.db(), scope, on, until).await?;
    let responses = if viewer {
        Default::default()
    } else {
        scrutiny_db::queries::statutory_responses::awaited_counts(ctx.db(), scope, on, until)
            .await?
    };
    let mut groups: BTreeMap<(String, Option<Uuid>), DashboardGroup> = BTreeMap::new();
    let mut order: Vec<(String, Option<Uuid>)> = Vec::new();
    for row in counts {
        let key = (row.dimension.clone(), row.key);
        let group = groups.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            DashboardGroup {
                id: row.key,
                name: row.name.clone(),
                counts: Vec::new(),
            }
        });
        group.counts.push(GradeCount {
            state: row.state,
            grade: row.grade,
            count: row.count,
        });
    }
    let mut by = |dimension: &str| -> Vec<DashboardGroup> {
        order
            .iter()
            .filter(|k| k.0 == dimension)
            .filter_map(|k| groups.remove(k))
            .collect()
    };
    let by_committee = by("committee");
    let by_review = by("review");
    let by_organisation = by("organisation");
    let to_work = |w: &q::RoundWork| RoundWork {
        round_id: w.round_id,
        review_id: w.review_id,
        review_title: w.review_title.clone(),
        label: w.label.clone(),
        deadline: w.deadline,
        meeting_date: w.meeting_date,
        owed: w.owed,
        to_assess: w.to_assess,
        to_accept: w.to_accept,
    };
    let total = |overdue: bool| {
        work.iter()
            .find(|w| w.overdue == overdue)
            .map_or(0, |w| w.total)
    };
    Ok(Dashboard {
        on,
        recommendations: statuses.into_iter().map(|s| (s.status, s.count)).collect(),
        by_committee,
        by_review,
        by_review_total,
        by_organisation,
        overdue_rounds: work.iter().filter(|w| w.overdue).map(to_work).collect(),
        overdue_rounds_total: total(true),
        due_soon_rounds: work.iter().filter(|w| !w.overdue).map(to_work).collect(),
        due_soon_rounds_total: total(false),
        overdue_actions: milestones.overdue_actions,
        due_soon_actions: milestones.due_soon_actions,
        overdue_responses: responses.overdue,
        due_soon_responses: responses.due_soon,
    })
}
