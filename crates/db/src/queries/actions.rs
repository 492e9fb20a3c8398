//! Actions of action plans, with their owners (organisations or contacts) and milestones.
//! Lists read a page of actions, then the owners and milestones of the whole page: three queries.
use crate::page::PagedDsl;
use crate::prepared::KeepDsl;
use crate::schema::{
    action_owners, actions, contacts, milestones, organisations, recommendation_parts,
    recommendations, responsibilities,
};
use crate::scope::Scope;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::{exists, sql};
use diesel::prelude::*;
use diesel::result::Error;
use diesel::sql_types::{Bool, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use scrutiny_domain::status::ActionStatus;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = actions, check_for_backend(diesel::pg::Pg))]
pub struct Action {
    pub id: Uuid,
    pub council_id: Uuid,
    pub plan_id: Uuid,
    pub review_id: Uuid,
    pub recommendation_id: Uuid,
    pub part_id: Option<Uuid>,
    pub position: i32,
    pub proposed_actions: String,
    pub success_measures: Vec<String>,
    pub responsibility_text: Option<String>,
    pub responsible_all: bool,
    pub status_notes: Option<String>,
    #[diesel(deserialize_as = String)]
    pub status: ActionStatus,
    pub withdrawn_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// An action with the number of its recommendation and the label of its part ("2", "a").
#[derive(Debug, Clone, Queryable)]
pub struct ActionRow {
    pub action: Action,
    pub recommendation_number: String,
    pub part_label: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = actions)]
pub struct NewAction<'a> {
    pub id: Uuid,
    pub council_id: Uuid,
    pub plan_id: Uuid,
    pub review_id: Uuid,
    pub recommendation_id: Uuid,
    pub part_id: Option<Uuid>,
    pub position: i32,
    pub proposed_actions: &'a str,
    pub success_measures: &'a [String],
    pub responsibility_text: Option<&'a str>,
    pub responsible_all: bool,
    pub status_notes: Option<&'a str>,
}

/// Absent fields are left alone; `Some(None)` clears a nullable column.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = actions)]
pub struct ActionChanges {
    pub recommendation_id: Option<Uuid>,
    pub part_id: Option<Option<Uuid>>,
    pub position: Option<i32>,
    pub proposed_actions: Option<String>,
    pub success_measures: Option<Vec<String>>,
    pub responsibility_text: Option<Option<String>>,
    pub responsible_all: Option<bool>,
    pub status_notes: Option<Option<String>>,
    pub status: Option<String>,
    pub withdrawn_reason: Option<Option<String>>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = action_owners)]
pub struct NewOwner {
    pub action_id: Uuid,
    pub position: i32,
    pub organisation_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
}

/// An owner with the names of its organisation and contact.
#[derive(Debug, Clone, Queryable)]
pub struct OwnerRow {
    pub action_id: Uuid,
    pub position: i32,
    pub organisation_id: Option<Uuid>,
    pub organisation_name: Option<String>,
    pub contact_id: Option<Uuid>,
    pub contact_name: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = milestones, check_for_backend(diesel::pg::Pg))]
pub struct Milestone {
    pub id: Uuid,
    pub action_id: Uuid,
    pub position: i32,
    pub due_on: Option<NaiveDate>,
    pub due_precision: Option<String>,
    pub due_by: Option<NaiveDate>,
    pub label: Option<String>,
    pub completed_on: Option<NaiveDate>,
}

/// A contact named as an owner: its name and organisation.
#[derive(Debug, Clone, Queryable)]
pub struct ContactRef {
    pub id: Uuid,
    pub name: String,
    pub organisation_id: Option<Uuid>,
}

/// What an action's recommendation and part must agree with.
#[derive(Debug, Clone, Queryable)]
pub struct RecommendationRef {
    pub id: Uuid,
    pub review_id: Uuid,
}

#[derive(Debug, Default)]
pub struct Filter {
    pub review_id: Option<Uuid>,
    pub plan_id: Option<Uuid>,
    pub recommendation_id: Option<Uuid>,
    pub responsible_organisation_id: Option<Uuid>,
    pub status: Option<ActionStatus>,
    /// A milestone not yet met and due (its last day) on or after this day (`milestones_due_idx`
    /// holds the milestones not yet met).
    pub due_from: Option<NaiveDate>,
    /// A milestone not yet met and due (its last day) on or before this day.
    pub due_to: Option<NaiveDate>,
    /// Open actions with a milestone not completed and due before this day (today).
    pub overdue_on: Option<NaiveDate>,
    /// Full text over the proposed actions and status notes.
    pub q: Option<String>,
}

/// A position in the list of actions, ordered by plan, position and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionKey {
    pub plan_id: Uuid,
    pub position: i32,
    pub id: Uuid,
}

type RowsSource = diesel::dsl::LeftJoinOn<
    diesel::dsl::InnerJoin<actions::table, recommendations::table>,
    recommendation_parts::table,
    diesel::dsl::Eq<diesel::dsl::Nullable<recommendation_parts::id>, actions::part_id>,
>;
type BoxedRows<'a> = diesel::dsl::IntoBoxed<'a, RowsSource, diesel::pg::Pg>;

fn rows<'a>() -> BoxedRows<'a> {
    actions::table
        .inner_join(recommendations::table)
        .left_join(
            recommendation_parts::table
                .on(recommendation_parts::id.nullable().eq(actions::part_id)),
        )
        .into_boxed()
}

/// Restricts actions to those the scope may read: a partner reads every action of the reviews
/// it has a part in (owns an action of), as the published action plan shows them
/// (docs/domain.md, "Who sees what"); `responsible_organisation_id` narrows to its own.
fn scoped(query: BoxedRows<'_>, scope: Scope) -> BoxedRows<'_> {
    match scope {
        Scope::All => query,
        Scope::Council(council) => query.filter(actions::council_id.eq(council)),
        // The reviews the organisation has a part in (`responsibilities`, keyed by it).
        Scope::Responsible(org) => query.filter(
            actions::review_id.eq_any(
                responsibilities::table
                    .filter(responsibilities::organisation_id.eq(org))
                    .select(responsibilities::review_id),
            ),
        ),
    }
}

type RowSelect = (
    diesel::dsl::AsSelect<Action, diesel::pg::Pg>,
    recommendations::number,
    diesel::dsl::Nullable<recommendation_parts::label>,
);

fn row_select() -> RowSelect {
    (
        Action::as_select(),
        recommendations::number,
        recommendation_parts::label.nullable(),
    )
}

/// The actions of a plan in position order.
pub async fn for_plan(
    conn: &mut AsyncPgConnection,
    plan_id: Uuid,
) -> Result<Vec<ActionRow>, Error> {
    rows()
        .filter(actions::plan_id.eq(plan_id))
        .order((actions::position.asc(), actions::id.asc()))
        .select(row_select())
        .load::<(Action, String, Option<String>)>(conn)
        .await
        .map(|rows| rows.into_iter().map(into_row).collect())
}

fn into_row(
    (action, recommendation_number, part_label): (Action, String, Option<String>),
) -> ActionRow {
    ActionRow {
        action,
        recommendation_number,
        part_label,
    }
}

/// An action the scope may read.
pub async fn find_visible(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    scope: Scope,
) -> Result<Option<ActionRow>, Error> {
    scoped(rows(), scope)
        .filter(actions::id.eq(id))
        .select(row_select())
        .first::<(Action, String, Option<String>)>(conn)
        .await
        .optional()
        .map(|row| row.map(into_row))
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Action>, Error> {
    actions::table
        .find(id)
        .select(Action::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<Action>, Error> {
    actions::table
        .find(id)
        .select(Action::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// The action with its recommendation number and part label.
pub async fn find_row(conn: &mut AsyncPgConnection, id: Uuid) -> Result<ActionRow, Error> {
    rows()
        .filter(actions::id.eq(id))
        .select(row_select())
        .first::<(Action, String, Option<String>)>(conn)
        .await
        .map(into_row)
}

/// A page of the actions the scope may read, ordered by plan, position and id.
pub async fn list(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    filter: &Filter,
    after: Option<&ActionKey>,
    limit: u32,
) -> Result<Vec<ActionRow>, Error> {
    let mut query = scoped(rows(), scope);
    if let Some(review) = filter.review_id {
        query = query.filter(actions::review_id.eq(review));
    }
    if let Some(plan) = filter.plan_id {
        query = query.filter(actions::plan_id.eq(plan));
    }
    if let Some(rec) = filter.recommendation_id {
        query = query.filter(actions::recommendation_id.eq(rec));
    }
    if let Some(org) = filter.responsible_organisation_id {
        // Probed action by action, never joined: `OFFSET 0` keeps PostgreSQL from turning the
        // EXISTS into a join. Planned as a join, with no way to know that a council's actions and
        // its local partners' are the same ones, it joined every action the organisation owns in
        // the country and sorted (18.9 ms for Cleveland Police at scale 1); as a probe, the page
        // walks the council's actions in list order (`actions_council_plan_idx`) and stops when
        // it is full (0.4 ms), in the reusable plan too.
        query = query.filter(exists(
            action_owners::table
                .filter(action_owners::action_id.eq(actions::id))
                .filter(action_owners::organisation_id.eq(org))
                .select(action_owners::action_id)
                .offset(0),
        ));
    }
    if let Some(status) = &filter.status {
        query = query.filter(actions::status.eq(status.as_str()));
    }
    if filter.due_from.is_some() || filter.due_to.is_some() {
        let mut due = milestones::table
            .select(milestones::action_id)
            .filter(milestones::completed_on.is_null())
            .filter(milestones::due_by.is_not_null())
            .into_boxed();
        if let Some(from) = filter.due_from {
            due = due.filter(milestones::due_by.ge(from));
        }
        if let Some(to) = filter.due_to {
            due = due.filter(milestones::due_by.le(to));
        }
        query = query.filter(actions::id.eq_any(due));
    }
    if let Some(today) = filter.overdue_on {
        query = query
            .filter(actions::status.eq(ActionStatus::Open.as_str()))
            .filter(
                actions::id.eq_any(
                    milestones::table
                        .filter(milestones::completed_on.is_null())
                        .filter(milestones::due_by.lt(today))
                        .select(milestones::action_id),
                ),
            );
    }
    if let Some(q) = &filter.q {
        query = query.filter(
            sql::<Bool>("actions.search @@ websearch_to_tsquery('english', ")
                .bind::<Text, _>(q.clone())
                .sql(")"),
        );
    }
    if let Some(k) = after {
        query = query.filter(
            actions::plan_id
                .gt(k.plan_id)
                .or(actions::plan_id.eq(k.plan_id).and(
                    actions::position
                        .gt(k.position)
                        .or(actions::position.eq(k.position).and(actions::id.gt(k.id))),
                )),
        );
    }
    query
        .order((
            actions::plan_id.asc(),
            actions::position.asc(),
            actions::id.asc(),
        ))
        .select(row_select())
        .paged(limit)
        // Kept prepared although a search holds a fragment of SQL text (a constant).
        .kept()
        .load::<(Action, String, Option<String>)>(conn)
        .await
        .map(|rows| rows.into_iter().map(into_row).collect())
}

/// The owners of some actions, each action's in order, with organisation and contact names.
pub async fn owners(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> Result<Vec<OwnerRow>, Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    action_owners::table
        .left_join(
            organisations::table.on(organisations::id
                .nullable()
                .eq(action_owners::organisation_id)),
        )
        .left_join(contacts::table.on(contacts::id.nullable().eq(action_owners::contact_id)))
        .filter(action_owners::action_id.eq_any(ids))
        .order((action_owners::action_id, action_owners::position))
        .select((
            action_owners::action_id,
            action_owners::position,
            action_owners::organisation_id,
            organisations::name.nullable(),
            action_owners::contact_id,
            contacts::name.nullable(),
        ))
        .load(conn)
        .await
}

/// The milestones of some actions, each action's in order.
pub async fn milestones(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> Result<Vec<Milestone>, Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    milestones::table
        .filter(milestones::action_id.eq_any(ids))
        .order((milestones::action_id, milestones::position))
        .select(Milestone::as_select())
        .load(conn)
        .await
}

/// The position after the last action of a plan.
pub async fn next_position(conn: &mut AsyncPgConnection, plan_id: Uuid) -> Result<i32, Error> {
    let max: Option<i32> = actions::table
        .filter(actions::plan_id.eq(plan_id))
        .select(diesel::dsl::max(actions::position))
        .first(conn)
        .await?;
    Ok(max.map_or(1, |m| m + 1))
}

pub async fn insert(conn: &mut AsyncPgConnection, new: &NewAction<'_>) -> Result<Action, Error> {
    diesel::insert_into(actions::table)
        .values(new)
        .returning(Action::as_returning())
        .get_result(conn)
        .await
}

pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &ActionChanges,
) -> Result<Action, Error> {
    diesel::update(actions::table.find(id))
        .set((
            changes,
            actions::version.eq(actions::version + 1),
            actions::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Action::as_returning())
        .get_result(conn)
        .await
}

/// Replaces an action's owners wholesale.
pub async fn replace_owners(
    conn: &mut AsyncPgConnection,
    action_id: Uuid,
    owners: &[NewOwner],
) -> Result<(), Error> {
    diesel::delete(action_owners::table.filter(action_owners::action_id.eq(action_id)))
        .execute(conn)
        .await?;
    if !owners.is_empty() {
        diesel::insert_into(action_owners::table)
            .values(owners)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// Replaces an action's milestones wholesale.
pub async fn replace_milestones(
    conn: &mut AsyncPgConnection,
    action_id: Uuid,
    new: &[Milestone],
) -> Result<(), Error> {
    diesel::delete(milestones::table.filter(milestones::action_id.eq(action_id)))
        .execute(conn)
        .await?;
    if !new.is_empty() {
        diesel::insert_into(milestones::table)
            .values(new)
            .execute(conn)
            .await?;
    }
    Ok(())
}

pub async fn find_recommendation(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<RecommendationRef>, Error> {
    recommendations::table
        .find(id)
        .select((recommendations::id, recommendations::review_id))
        .first(conn)
        .await
        .optional()
}

/// The recommendation a part belongs to.
pub async fn part_recommendation(
    conn: &mut AsyncPgConnection,
    part_id: Uuid,
) -> Result<Option<Uuid>, Error> {
    recommendation_parts::table
        .find(part_id)
        .select(recommendation_parts::recommendation_id)
        .first(conn)
        .await
        .optional()
}

/// The names of those of `ids` that are organisations.
pub async fn organisation_names(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, String)>, Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    organisations::table
        .filter(organisations::id.eq_any(ids))
        .select((organisations::id, organisations::name))
        .load(conn)
        .await
}

/// Those of `ids` that are contacts, with their names and organisations.
/// These contacts, of the council's address book only.
pub async fn contact_refs(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
    ids: &[Uuid],
) -> Result<Vec<ContactRef>, Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    contacts::table
        .filter(contacts::id.eq_any(ids))
        .filter(contacts::council_id.eq(council_id))
        .select((contacts::id, contacts::name, contacts::organisation_id))
        .load(conn)
        .await
}
