//! Cabinet decision records: the decision, its resolutions (mapped to recommendations) and their
//! parts (mapped to recommendation parts), with the call-in period.
use crate::page::fetch_size;
use crate::schema::{
    decision_resolution_parts, decision_resolutions, decisions, recommendation_parts,
    recommendations, responsibilities, reviews,
};
use crate::scope::Scope;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::exists;
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::result::Error;
use diesel::sql_types::Bool;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use scrutiny_domain::records::CallInState;
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = decisions, check_for_backend(diesel::pg::Pg))]
pub struct DecisionRow {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub body: String,
    pub meeting_date: NaiveDate,
    pub item_title: String,
    pub decision_text: Option<String>,
    pub reasons: Option<String>,
    pub alternatives: Option<String>,
    pub conflicts: Option<String>,
    pub dispensations: Option<String>,
    pub reference: Option<String>,
    pub key_decision: bool,
    pub published_on: Option<NaiveDate>,
    pub stated_call_in_text: Option<String>,
    pub stated_call_in_deadline: Option<DateTime<Utc>>,
    pub computed_call_in_deadline: Option<DateTime<Utc>>,
    #[diesel(deserialize_as = String)]
    pub call_in_state: CallInState,
    pub call_in_state_changed_at: Option<DateTime<Utc>>,
    pub call_in_note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = decisions)]
pub struct NewDecision {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    #[diesel(embed)]
    pub values: DecisionValues,
}

/// Every editable column of a decision (the call-in state aside). An update writes them all, so
/// `None` clears a column.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = decisions, treat_none_as_null = true)]
pub struct DecisionValues {
    pub body: String,
    pub meeting_date: NaiveDate,
    pub item_title: String,
    pub decision_text: Option<String>,
    pub reasons: Option<String>,
    pub alternatives: Option<String>,
    pub conflicts: Option<String>,
    pub dispensations: Option<String>,
    pub reference: Option<String>,
    pub key_decision: bool,
    pub published_on: Option<NaiveDate>,
    pub stated_call_in_text: Option<String>,
    pub stated_call_in_deadline: Option<DateTime<Utc>>,
    pub computed_call_in_deadline: Option<DateTime<Utc>>,
}

impl From<&DecisionRow> for DecisionValues {
    fn from(row: &DecisionRow) -> Self {
        Self {
            body: row.body.clone(),
            meeting_date: row.meeting_date,
            item_title: row.item_title.clone(),
            decision_text: row.decision_text.clone(),
            reasons: row.reasons.clone(),
            alternatives: row.alternatives.clone(),
            conflicts: row.conflicts.clone(),
            dispensations: row.dispensations.clone(),
            reference: row.reference.clone(),
            key_decision: row.key_decision,
            published_on: row.published_on,
            stated_call_in_text: row.stated_call_in_text.clone(),
            stated_call_in_deadline: row.stated_call_in_deadline,
            computed_call_in_deadline: row.computed_call_in_deadline,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = decision_resolutions, check_for_backend(diesel::pg::Pg))]
pub struct ResolutionRow {
    pub id: Uuid,
    pub decision_id: Uuid,
    pub number: String,
    pub position: i32,
    pub text: String,
    pub recommendation_id: Option<Uuid>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = decision_resolution_parts, check_for_backend(diesel::pg::Pg))]
pub struct ResolutionPartRow {
    pub id: Uuid,
    pub resolution_id: Uuid,
    pub label: String,
    pub position: i32,
    pub text: String,
    pub recommendation_part_id: Option<Uuid>,
}

/// A review as far as decisions need it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reviews, check_for_backend(diesel::pg::Pg))]
pub struct ReviewRef {
    pub id: Uuid,
    pub council_id: Uuid,
}

/// A recommendation part with the recommendation it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartRef {
    pub id: Uuid,
    pub recommendation_id: Uuid,
}

type Visible = Box<dyn BoxableExpression<decisions::table, Pg, SqlType = Bool>>;

/// The decisions a scope may see: its council's, or those of reviews in which the organisation
/// owns an action (directly or through a contact of it: `action_owners` stores the organisation
/// for both).
fn visible(scope: Scope) -> Option<Visible> {
    match scope {
        Scope::All => None,
        Scope::Council(council) => Some(Box::new(decisions::council_id.eq(council))),
        Scope::Responsible(org) => Some(Box::new(exists(
            responsibilities::table
                .filter(responsibilities::organisation_id.eq(org))
                .filter(responsibilities::review_id.eq(decisions::review_id))
                .select(responsibilities::recommendation_id),
        ))),
    }
}

/// A review, if the scope may see it.
pub async fn find_review(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    review_id: Uuid,
) -> Result<Option<ReviewRef>, Error> {
    let mut query = reviews::table
        .find(review_id)
        .select(ReviewRef::as_select())
        .into_boxed();
    match scope {
        Scope::All => {}
        Scope::Council(council) => query = query.filter(reviews::council_id.eq(council)),
        Scope::Responsible(org) => {
            query = query.filter(exists(
                responsibilities::table
                    .filter(responsibilities::organisation_id.eq(org))
                    .filter(responsibilities::review_id.eq(reviews::id))
                    .select(responsibilities::recommendation_id),
            ))
        }
    }
    query.first(conn).await.optional()
}

#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub review_id: Option<Uuid>,
    pub call_in_state: Option<CallInState>,
    pub meeting_from: Option<NaiveDate>,
    pub meeting_to: Option<NaiveDate>,
}

/// A position in the list of decisions: latest meeting first, then by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingKey {
    pub meeting_date: NaiveDate,
    pub id: Uuid,
}

/// One page of the decisions a scope may see, latest meeting first.
pub async fn list(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    filter: &Filter,
    after: Option<&MeetingKey>,
    limit: u32,
) -> Result<Vec<DecisionRow>, Error> {
    use decisions::dsl as d;
    let mut query = d::decisions.select(DecisionRow::as_select()).into_boxed();
    if let Some(expr) = visible(scope) {
        query = query.filter(expr);
    }
    if let Some(review) = filter.review_id {
        query = query.filter(d::review_id.eq(review));
    }
    if let Some(state) = &filter.call_in_state {
        query = query.filter(d::call_in_state.eq(state.as_str()));
    }
    if let Some(from) = filter.meeting_from {
        query = query.filter(d::meeting_date.ge(from));
    }
    if let Some(to) = filter.meeting_to {
        query = query.filter(d::meeting_date.le(to));
    }
    if let Some(k) = after {
        query = query.filter(
            d::meeting_date
                .lt(k.meeting_date)
                .or(d::meeting_date.eq(k.meeting_date).and(d::id.gt(k.id))),
        );
    }
    query
        .order((d::meeting_date.desc(), d::id.asc()))
        .limit(fetch_size(limit))
        .load(conn)
        .await
}

/// A decision, if the scope may see it.
pub async fn find(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    id: Uuid,
) -> Result<Option<DecisionRow>, Error> {
    let mut query = decisions::table
        .find(id)
        .select(DecisionRow::as_select())
        .into_boxed();
    if let Some(expr) = visible(scope) {
        query = query.filter(expr);
    }
    query.first(conn).await.optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<DecisionRow>, Error> {
    decisions::table
        .find(id)
        .select(DecisionRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

pub async fn insert(conn: &mut AsyncPgConnection, new: &NewDecision) -> Result<DecisionRow, Error> {
    diesel::insert_into(decisions::table)
        .values(new)
        .returning(DecisionRow::as_returning())
        .get_result(conn)
        .await
}

/// Writes every editable column and bumps the version.
pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    values: &DecisionValues,
) -> Result<DecisionRow, Error> {
    use decisions::dsl as d;
    diesel::update(d::decisions.find(id))
        .set((
            values,
            d::version.eq(d::version + 1),
            d::updated_at.eq(diesel::dsl::now),
        ))
        .returning(DecisionRow::as_returning())
        .get_result(conn)
        .await
}

/// Moves the call-in to `state`, with a note (`None` clears the previous one).
/// Decisions still open for call-in whose period ended before `now`, oldest deadline first, at
/// most `limit` (`decisions_open_call_in_idx`).
pub async fn call_in_ended(
    conn: &mut AsyncPgConnection,
    now: chrono::DateTime<chrono::Utc>,
    limit: i64,
) -> Result<Vec<Uuid>, Error> {
    use decisions::dsl as d;
    d::decisions
        .filter(d::call_in_state.eq("open"))
        .filter(d::computed_call_in_deadline.lt(now))
        .order((d::computed_call_in_deadline.asc(), d::id.asc()))
        .select(d::id)
        .limit(limit)
        .load(conn)
        .await
}

pub async fn set_call_in_state(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    state: &str,
    note: Option<&str>,
) -> Result<DecisionRow, Error> {
    use decisions::dsl as d;
    diesel::update(d::decisions.find(id))
        .set((
            d::call_in_state.eq(state),
            d::call_in_state_changed_at.eq(diesel::dsl::now),
            d::call_in_note.eq(note),
            d::version.eq(d::version + 1),
            d::updated_at.eq(diesel::dsl::now),
        ))
        .returning(DecisionRow::as_returning())
        .get_result(conn)
        .await
}

/// The resolutions of some decisions, in order.
pub async fn resolutions_of(
    conn: &mut AsyncPgConnection,
    decision_ids: &[Uuid],
) -> Result<Vec<ResolutionRow>, Error> {
    use decision_resolutions::dsl as r;
    r::decision_resolutions
        .filter(r::decision_id.eq_any(decision_ids))
        .select(ResolutionRow::as_select())
        .order((r::decision_id, r::position, r::id))
        .load(conn)
        .await
}

/// The parts of some resolutions, in order.
pub async fn parts_of(
    conn: &mut AsyncPgConnection,
    resolution_ids: &[Uuid],
) -> Result<Vec<ResolutionPartRow>, Error> {
    use decision_resolution_parts::dsl as p;
    p::decision_resolution_parts
        .filter(p::resolution_id.eq_any(resolution_ids))
        .select(ResolutionPartRow::as_select())
        .order((p::resolution_id, p::position, p::id))
        .load(conn)
        .await
}

/// Replaces a decision's resolutions and their parts wholesale.
pub async fn replace_resolutions(
    conn: &mut AsyncPgConnection,
    decision_id: Uuid,
    resolutions: &[ResolutionRow],
    parts: &[ResolutionPartRow],
) -> Result<(), Error> {
    use decision_resolution_parts::dsl as p;
    use decision_resolutions::dsl as r;
    let old = r::decision_resolutions
        .filter(r::decision_id.eq(decision_id))
        .select(r::id);
    diesel::delete(p::decision_resolution_parts.filter(p::resolution_id.eq_any(old)))
        .execute(conn)
        .await?;
    diesel::delete(r::decision_resolutions.filter(r::decision_id.eq(decision_id)))
        .execute(conn)
        .await?;
    if !resolutions.is_empty() {
        diesel::insert_into(r::decision_resolutions)
            .values(resolutions)
            .execute(conn)
            .await?;
    }
    if !parts.is_empty() {
        diesel::insert_into(p::decision_resolution_parts)
            .values(parts)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// Of `ids`, the recommendations that belong to `review_id`.
pub async fn recommendations_in_review(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    ids: &[Uuid],
) -> Result<Vec<Uuid>, Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    recommendations::table
        .filter(recommendations::review_id.eq(review_id))
        .filter(recommendations::id.eq_any(ids))
        .select(recommendations::id)
        .load(conn)
        .await
}

/// Of `ids`, the recommendation parts that belong to a recommendation of `review_id`.
pub async fn parts_in_review(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    ids: &[Uuid],
) -> Result<Vec<PartRef>, Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(Uuid, Uuid)> = recommendation_parts::table
        .inner_join(recommendations::table)
        .filter(recommendations::review_id.eq(review_id))
        .filter(recommendation_parts::id.eq_any(ids))
        .select((
            recommendation_parts::id,
            recommendation_parts::recommendation_id,
        ))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, recommendation_id)| PartRef {
            id,
            recommendation_id,
        })
        .collect())
}
