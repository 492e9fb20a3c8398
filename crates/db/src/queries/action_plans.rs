//! Action plans (one per review) and their amendments. A plan's reader sees it whole: its actions
//! come from `queries::actions`, in a bounded number of queries.
use crate::page::fetch_size;
use crate::schema::{action_plan_amendments, action_plans, responsibilities, reviews};
use crate::scope::Scope;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use scrutiny_domain::records::ReviewStatus;
use scrutiny_domain::status::PlanStatus;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = action_plans, check_for_backend(diesel::pg::Pg))]
pub struct ActionPlan {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub title: Option<String>,
    pub agreed_on: Option<NaiveDate>,
    pub agreed_on_precision: Option<String>,
    #[diesel(deserialize_as = String)]
    pub status: PlanStatus,
    pub signed_off_on: Option<NaiveDate>,
    pub signed_off_reason: Option<String>,
    pub amendment_count: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = action_plans)]
pub struct NewActionPlan<'a> {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub title: Option<&'a str>,
    pub agreed_on: Option<NaiveDate>,
    pub agreed_on_precision: Option<&'a str>,
    pub status: &'a str,
}

/// Absent fields are left alone; `Some(None)` clears a nullable column.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = action_plans)]
pub struct ActionPlanChanges {
    pub title: Option<Option<String>>,
    pub agreed_on: Option<Option<NaiveDate>>,
    pub agreed_on_precision: Option<Option<String>>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = action_plan_amendments, check_for_backend(diesel::pg::Pg))]
pub struct Amendment {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub number: i32,
    pub reason: String,
    pub previous: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = action_plan_amendments)]
pub struct NewAmendment<'a> {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub number: i32,
    pub reason: &'a str,
    pub previous: &'a serde_json::Value,
    pub created_by: &'a str,
}

/// The review a plan belongs to: what creating a plan needs to know of it.
#[derive(Debug, Clone, Queryable)]
pub struct ReviewRef {
    pub id: Uuid,
    pub council_id: Uuid,
    #[diesel(deserialize_as = String)]
    pub status: ReviewStatus,
}

/// How a plan is looked up: by its id or by its review.
#[derive(Debug, Clone, Copy)]
pub enum PlanKey {
    Id(Uuid),
    Review(Uuid),
}

type BoxedPlans<'a> = action_plans::BoxedQuery<'a, diesel::pg::Pg>;

fn keyed<'a>(key: PlanKey) -> BoxedPlans<'a> {
    let query = action_plans::table.into_boxed();
    match key {
        PlanKey::Id(id) => query.filter(action_plans::id.eq(id)),
        PlanKey::Review(review) => query.filter(action_plans::review_id.eq(review)),
    }
}

/// Restricts plans to those the scope may read: a partner sees the whole plan of every review in
/// which it owns an action (directly or through a contact of it).
fn scoped(query: BoxedPlans<'_>, scope: Scope) -> BoxedPlans<'_> {
    match scope {
        Scope::All => query,
        Scope::Council(council) => query.filter(action_plans::council_id.eq(council)),
        Scope::Responsible(org) => query.filter(
            action_plans::review_id.eq_any(
                responsibilities::table
                    .filter(responsibilities::organisation_id.eq(org))
                    .select(responsibilities::review_id),
            ),
        ),
    }
}

/// A plan the scope may read.
pub async fn find_visible(
    conn: &mut AsyncPgConnection,
    key: PlanKey,
    scope: Scope,
) -> Result<Option<ActionPlan>, Error> {
    scoped(keyed(key), scope)
        .select(ActionPlan::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<ActionPlan>, Error> {
    keyed(PlanKey::Id(id))
        .select(ActionPlan::as_select())
        .first(conn)
        .await
        .optional()
}

/// The plan, locked until the end of the transaction (writes to a plan or its actions take this
/// lock first, so that amendments are numbered one at a time).
pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    key: PlanKey,
) -> Result<Option<ActionPlan>, Error> {
    match key {
        PlanKey::Id(id) => {
            action_plans::table
                .filter(action_plans::id.eq(id))
                .select(ActionPlan::as_select())
                .for_update()
                .first(conn)
                .await
        }
        PlanKey::Review(review) => {
            action_plans::table
                .filter(action_plans::review_id.eq(review))
                .select(ActionPlan::as_select())
                .for_update()
                .first(conn)
                .await
        }
    }
    .optional()
}

pub async fn find_review(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
) -> Result<Option<ReviewRef>, Error> {
    reviews::table
        .find(review_id)
        .select((reviews::id, reviews::council_id, reviews::status))
        .first(conn)
        .await
        .optional()
}

/// Inserts the plan unless the review already has one; `None` when it had.
pub async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewActionPlan<'_>,
) -> Result<Option<ActionPlan>, Error> {
    diesel::insert_into(action_plans::table)
        .values(new)
        .on_conflict(action_plans::review_id)
        .do_nothing()
        .returning(ActionPlan::as_returning())
        .get_result(conn)
        .await
        .optional()
}

pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &ActionPlanChanges,
) -> Result<ActionPlan, Error> {
    diesel::update(action_plans::table.find(id))
        .set((
            changes,
            action_plans::version.eq(action_plans::version + 1),
            action_plans::updated_at.eq(diesel::dsl::now),
        ))
        .returning(ActionPlan::as_returning())
        .get_result(conn)
        .await
}

/// Records an amendment (numbered after the plan's count) and counts it on the plan.
pub async fn record_amendment(
    conn: &mut AsyncPgConnection,
    new: &NewAmendment<'_>,
) -> Result<ActionPlan, Error> {
    diesel::insert_into(action_plan_amendments::table)
        .values(new)
        .execute(conn)
        .await?;
    diesel::update(action_plans::table.find(new.plan_id))
        .set((
            action_plans::amendment_count.eq(new.number),
            action_plans::version.eq(action_plans::version + 1),
            action_plans::updated_at.eq(diesel::dsl::now),
        ))
        .returning(ActionPlan::as_returning())
        .get_result(conn)
        .await
}

/// A plan's amendments in order, after the number `after`.
pub async fn amendments(
    conn: &mut AsyncPgConnection,
    plan_id: Uuid,
    after: Option<i32>,
    limit: u32,
) -> Result<Vec<Amendment>, Error> {
    let mut query = action_plan_amendments::table
        .filter(action_plan_amendments::plan_id.eq(plan_id))
        .select(Amendment::as_select())
        .into_boxed();
    if let Some(number) = after {
        query = query.filter(action_plan_amendments::number.gt(number));
    }
    query
        .order(action_plan_amendments::number.asc())
        .limit(fetch_size(limit))
        .load(conn)
        .await
}
