//! Recommendations and their parts, with the actions, owners and milestones shown beside them.
//!
//! A list page costs a fixed number of queries whatever its size: the page itself, then its parts,
//! its actions with their owners, and their milestones, each for every id of the page at once
//! (see [`load_page`]).
use crate::page::{split_page, PagedDsl};
use crate::prepared::KeepDsl;
use crate::schema::{
    action_owners as ao, actions as a, contacts as ct, milestones as m, organisations as org,
    recommendation_parts as rp, recommendations as r, responsibilities as rs, reviews as rv,
};
use crate::scope::Scope;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::{exists, not};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use scrutiny_domain::records::ReviewStatus;
use scrutiny_domain::status::{ActionStatus, RecommendationStatus};
use std::collections::HashMap;
use uuid::Uuid;

// ---------------------------------------------------------------------------------------------
// Rows

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r, check_for_backend(Pg))]
pub struct Recommendation {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub number: String,
    pub position: i32,
    pub text: String,
    #[diesel(deserialize_as = String)]
    pub status: RecommendationStatus,
    pub closed_reason: Option<String>,
    pub status_changed_at: Option<DateTime<Utc>>,
    pub withdrawn_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = r)]
pub struct NewRecommendation<'a> {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub number: &'a str,
    pub position: i32,
    pub text: &'a str,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = r)]
pub struct RecommendationChanges {
    pub number: Option<String>,
    pub text: Option<String>,
    pub position: Option<i32>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = rp, check_for_backend(Pg))]
pub struct Part {
    pub id: Uuid,
    pub recommendation_id: Uuid,
    pub label: String,
    pub position: i32,
    pub text: String,
    pub withdrawn_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = rp)]
pub struct NewPart<'a> {
    pub id: Uuid,
    pub recommendation_id: Uuid,
    pub label: &'a str,
    pub position: i32,
    pub text: &'a str,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = rp)]
pub struct PartChanges {
    pub label: Option<String>,
    pub text: Option<String>,
    pub position: Option<i32>,
}

/// What a recommendation shows of one of its actions.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = a, check_for_backend(Pg))]
pub struct Action {
    pub id: Uuid,
    pub recommendation_id: Uuid,
    pub part_id: Option<Uuid>,
    pub position: i32,
    pub proposed_actions: String,
    #[diesel(deserialize_as = String)]
    pub status: ActionStatus,
    pub responsibility_text: Option<String>,
    pub responsible_all: bool,
}

/// One owner of an action: an organisation, a named contact, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub position: i32,
    pub organisation_id: Option<Uuid>,
    pub organisation_name: Option<String>,
    pub contact_id: Option<Uuid>,
    pub contact_name: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = m, check_for_backend(Pg))]
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

#[derive(Debug, Clone)]
pub struct ActionDetail {
    pub action: Action,
    pub owners: Vec<Owner>,
    pub milestones: Vec<Milestone>,
}

/// A recommendation with its parts and actions, as the API shows it.
#[derive(Debug, Clone)]
pub struct RecommendationDetail {
    pub recommendation: Recommendation,
    pub parts: Vec<Part>,
    pub actions: Vec<ActionDetail>,
    /// How well it matches the list's search, in a list in [`Sort::Relevance`] order.
    pub rank: Option<f32>,
}

/// What a recommendation needs to know of its review.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = rv, check_for_backend(Pg))]
pub struct ReviewRef {
    pub id: Uuid,
    pub council_id: Uuid,
    pub committee_id: Uuid,
    #[diesel(deserialize_as = String)]
    pub status: ReviewStatus,
}

// ---------------------------------------------------------------------------------------------
// Full-text search

/// PostgreSQL's `tsquery`.
#[derive(diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
#[diesel(postgres_type(name = "tsquery"))]
pub struct TsQuery;

/// PostgreSQL's `regconfig` (a text search configuration).
#[derive(diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
#[diesel(postgres_type(name = "regconfig"))]
pub struct RegConfig;

diesel::define_sql_function!(fn websearch_to_tsquery(config: RegConfig, query: diesel::sql_types::Text) -> TsQuery);
diesel::define_sql_function!(fn ts_rank(document: crate::schema::TsVector, query: TsQuery) -> diesel::sql_types::Float);
diesel::infix_operator!(Matches, " @@ ", backend: Pg);

/// `websearch_to_tsquery('english', q)`: the same configuration as the generated `search` columns.
fn english_query(
    q: &str,
) -> websearch_to_tsquery<diesel::expression::SqlLiteral<RegConfig>, String> {
    websearch_to_tsquery(
        diesel::dsl::sql::<RegConfig>("'english'::regconfig"),
        q.to_owned(),
    )
}

// ---------------------------------------------------------------------------------------------
// Lists

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// By review, then position within it.
    #[default]
    Position,
    /// Most recently updated first.
    Updated,
    /// The best match for the search first (`ts_rank` of the search document, whose words are
    /// weighted: the recommendation's own above its parts' above its actions'), then by id. Only
    /// with words to search for.
    Relevance,
}

/// A position in a list, matching its [`Sort`].
#[derive(Debug, Clone, PartialEq)]
pub enum After {
    Position {
        review_id: Uuid,
        position: i32,
        id: Uuid,
    },
    Updated {
        at: DateTime<Utc>,
        id: Uuid,
    },
    Relevance {
        rank: f32,
        id: Uuid,
    },
}

impl After {
    /// The position just after `detail` in a list in `sort` order.
    pub fn following(detail: &RecommendationDetail, sort: Sort) -> After {
        let r = &detail.recommendation;
        match sort {
            Sort::Position => After::Position {
                review_id: r.review_id,
                position: r.position,
                id: r.id,
            },
            Sort::Updated => After::Updated {
                at: r.updated_at,
                id: r.id,
            },
            Sort::Relevance => After::Relevance {
                rank: detail.rank.unwrap_or(0.0),
                id: r.id,
            },
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub review_id: Option<Uuid>,
    pub committee_id: Option<Uuid>,
    pub status: Option<RecommendationStatus>,
    pub responsible_organisation_id: Option<Uuid>,
    /// A milestone of one of its actions falls due on or after this day...
    pub due_from: Option<NaiveDate>,
    /// ...and on or before this one.
    pub due_to: Option<NaiveDate>,
    /// Some milestone of an open action fell due before this day and is not complete.
    pub overdue_on: Option<NaiveDate>,
    /// Words to find in the recommendation, one of its parts or one of its actions.
    pub q: Option<String>,
    pub sort: Sort,
}

/// Narrows a boxed query of recommendations to those a scope may see.
macro_rules! scoped {
    ($query:expr, $scope:expr) => {{
        let query = $query;
        match $scope {
            Scope::All => query,
            Scope::Council(council) => query.filter(r::council_id.eq(council)),
            // What the organisation is responsible for: an action of the recommendation names it,
            // or is for "all" partners of a review it has a part in (the table `responsibilities`,
            // kept by triggers, keyed by the organisation).
            Scope::Responsible(organisation) => query.filter(
                r::id.eq_any(
                    rs::table
                        .filter(rs::organisation_id.eq(organisation))
                        .select(rs::recommendation_id),
                ),
            ),
        }
    }};
}

// `responsibilities` again, for the owner filter of a partner's own list.
diesel::alias!(crate::schema::responsibilities as owners: Owners);

/// Narrows a boxed query of recommendations (alone or joined) by a list's filter.
macro_rules! narrowed {
    ($query:ident, $filter:expr) => {{
        let filter: &Filter = $filter;
        if let Some(review) = filter.review_id {
            $query = $query.filter(r::review_id.eq(review));
        }
        if let Some(committee) = filter.committee_id {
            $query = $query.filter(exists(
                rv::table
                    .filter(rv::id.eq(r::review_id))
                    .filter(rv::committee_id.eq(committee))
                    .select(rv::id),
            ));
        }
        if let Some(status) = &filter.status {
            $query = $query.filter(r::status.eq(status.as_str()));
        }
        if let Some(owner) = filter.responsible_organisation_id {
            $query = $query.filter(
                r::id.eq_any(
                    owners
                        .filter(owners.field(rs::organisation_id).eq(owner))
                        .filter(owners.field(rs::owns))
                        .select(owners.field(rs::recommendation_id)),
                ),
            );
        }
        if filter.due_from.is_some() || filter.due_to.is_some() {
            // Open ends stand for the first and last days PostgreSQL and people are likely to use.
            let from = filter
                .due_from
                .unwrap_or(NaiveDate::from_ymd_opt(1, 1, 1).expect("a date"));
            let to = filter
                .due_to
                .unwrap_or(NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date"));
            $query = $query.filter(exists(
                m::table
                    .inner_join(a::table)
                    .filter(a::recommendation_id.eq(r::id))
                    .filter(m::due_by.ge(from))
                    .filter(m::due_by.le(to))
                    .select(m::id),
            ));
        }
        if let Some(today) = filter.overdue_on {
            $query = $query.filter(exists(
                m::table
                    .inner_join(a::table)
                    .filter(a::recommendation_id.eq(r::id))
                    .filter(a::status.eq(ActionStatus::Open.as_str()))
                    .filter(m::due_by.lt(today))
                    .filter(m::completed_on.is_null())
                    .select(m::id),
            ));
        }
        if let Some(q) = &filter.q {
            // The recommendation's search document holds its own words, its parts' and its
            // actions' (kept by triggers: see the migration `search_documents`); with the council
            // first in its index, a council's search is one probe of it.
            $query = $query.filter(Matches::new(r::document, english_query(q)));
        }
        $query
    }};
}

/// The rows of one page (`limit` + 1 of them, to tell whether more follow), without details.
pub async fn list(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    filter: &Filter,
    after: Option<&After>,
    limit: u32,
) -> Result<Vec<Recommendation>, Error> {
    if let (Scope::Responsible(organisation), Sort::Position) = (scope, filter.sort) {
        return list_responsible(conn, organisation, filter, after, limit).await;
    }
    let mut query = scoped!(
        r::table.select(Recommendation::as_select()).into_boxed(),
        scope
    );
    query = narrowed!(query, filter);
    match (filter.sort, after) {
        (
            Sort::Position,
            Some(After::Position {
                review_id,
                position,
                id,
            }),
        ) => {
            query = query.filter(
                r::review_id
                    .gt(*review_id)
                    .or(r::review_id.eq(*review_id).and(
                        r::position
                            .gt(*position)
                            .or(r::position.eq(*position).and(r::id.gt(*id))),
                    )),
            );
        }
        (Sort::Updated, Some(After::Updated { at, id })) => {
            query = query.filter(
                r::updated_at
                    .lt(*at)
                    .or(r::updated_at.eq(*at).and(r::id.lt(*id))),
            );
        }
        // A cursor of the other order starts again from the top.
        _ => {}
    }
    query = match filter.sort {
        Sort::Position => query.order((r::review_id.asc(), r::position.asc(), r::id.asc())),
        Sort::Updated => query.order((r::updated_at.desc(), r::id.desc())),
        // Not listed this way (see [`list_ranked`]): by position, should it ever be.
        Sort::Relevance => query.order((r::review_id.asc(), r::position.asc(), r::id.asc())),
    };
    // Kept prepared although a search holds a fragment of SQL text (the search configuration's
    // name, a constant), which diesel would otherwise prepare again at each call.
    query.paged(limit).kept().load(conn).await
}

/// The rows of one page in [`Sort::Relevance`] order, each with its rank: every match in the
/// scope is ranked (a council's matches, found by one probe of the council's search index), the
/// page is the best `limit` + 1 after `after`.
async fn list_ranked(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    filter: &Filter,
    q: &str,
    after: Option<&After>,
    limit: u32,
) -> Result<Vec<(Recommendation, f32)>, Error> {
    let rank = || ts_rank(r::document, english_query(q));
    let mut query = scoped!(
        r::table
            .select((Recommendation::as_select(), rank()))
            .into_boxed(),
        scope
    );
    query = narrowed!(query, filter);
    if let Some(After::Relevance { rank: at, id }) = after {
        query = query.filter(rank().lt(*at).or(rank().eq(*at).and(r::id.gt(*id))));
    }
    query
        .order((rank().desc(), r::id.asc()))
        .paged(limit)
        .kept()
        .load(conn)
        .await
}

/// A partner's page in the lists' order, read from its organisation's rows of `responsibilities`
/// in that order (the index `responsibilities_order_idx`), so that a page costs the same however
/// much or little the organisation is responsible for.
async fn list_responsible(
    conn: &mut AsyncPgConnection,
    organisation: Uuid,
    filter: &Filter,
    after: Option<&After>,
    limit: u32,
) -> Result<Vec<Recommendation>, Error> {
    let mut query = rs::table
        .inner_join(r::table)
        .filter(rs::organisation_id.eq(organisation))
        .select(Recommendation::as_select())
        .into_boxed();
    query = narrowed!(query, filter);
    if let Some(After::Position {
        review_id,
        position,
        id,
    }) = after
    {
        query = query.filter(
            rs::review_id
                .gt(*review_id)
                .or(rs::review_id.eq(*review_id).and(
                    rs::position.gt(*position).or(rs::position
                        .eq(*position)
                        .and(rs::recommendation_id.gt(*id))),
                )),
        );
    }
    query
        .order((
            rs::review_id.asc(),
            rs::position.asc(),
            rs::recommendation_id.asc(),
        ))
        .paged(limit)
        .kept()
        .load(conn)
        .await
}

/// One page of recommendations with their parts, actions, owners and milestones, and whether more
/// follow. Costs four queries however long the page is (one when it is empty).
pub async fn load_page(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    filter: &Filter,
    after: Option<&After>,
    limit: u32,
) -> Result<(Vec<RecommendationDetail>, bool), Error> {
    if let (Sort::Relevance, Some(q)) = (filter.sort, &filter.q) {
        let rows = list_ranked(conn, scope, filter, q, after, limit).await?;
        let (rows, more) = split_page(rows, limit);
        let (rows, ranks): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
        let mut details = load_details(conn, rows).await?;
        for (detail, rank) in details.iter_mut().zip(ranks) {
            detail.rank = Some(rank);
        }
        return Ok((details, more));
    }
    let rows = list(conn, scope, filter, after, limit).await?;
    let (rows, more) = split_page(rows, limit);
    Ok((load_details(conn, rows).await?, more))
}

/// An action's row with one owner (or none): the owner's position, organisation and its name,
/// contact and its name.
type ActionOwnerRow = (
    Action,
    Option<i32>,
    Option<Uuid>,
    Option<String>,
    Option<Uuid>,
    Option<String>,
);

/// The recommendations `which` picks: one (`= $1`) or several (`= ANY($1)`).
///
/// One recommendation (a read by id) is asked for with `= $1`, not `= ANY($1)`: PostgreSQL then
/// plans each statement once per connection and reuses the plan (a generic plan costs what a
/// custom one does), where an array of unknown length is planned again on every call (half a
/// millisecond for the actions with their owners).
#[derive(Clone, Copy)]
enum Which<'a> {
    One(Uuid),
    Many(&'a [Uuid]),
}

/// The parts of the recommendations, in order.
fn parts_of(
    which: Which<'_>,
) -> rp::BoxedQuery<'_, Pg, diesel::dsl::SqlTypeOf<diesel::dsl::AsSelect<Part, Pg>>> {
    let parts = rp::table.select(Part::as_select()).into_boxed();
    match which {
        Which::One(id) => parts.filter(rp::recommendation_id.eq(id)),
        Which::Many(ids) => parts.filter(rp::recommendation_id.eq_any(ids)),
    }
    .order((rp::recommendation_id, rp::position, rp::id))
}

/// The actions of the recommendations with their owners, in order: an action once per owner. (A
/// macro, as is `milestones_of!`: the boxed joins' types are not worth naming.)
macro_rules! actions_of {
    ($which:expr) => {{
        let query = a::table
            .left_join(ao::table.on(ao::action_id.eq(a::id)))
            .left_join(org::table.on(ao::organisation_id.eq(org::id.nullable())))
            .left_join(ct::table.on(ao::contact_id.eq(ct::id.nullable())))
            .into_boxed();
        match $which {
            Which::One(id) => query.filter(a::recommendation_id.eq(id)),
            Which::Many(ids) => query.filter(a::recommendation_id.eq_any(ids)),
        }
        .order((
            a::recommendation_id,
            a::position,
            a::id,
            ao::position.nullable(),
        ))
        .select((
            Action::as_select(),
            ao::position.nullable(),
            ao::organisation_id.nullable(),
            org::name.nullable(),
            ao::contact_id.nullable(),
            ct::name.nullable(),
        ))
    }};
}

/// The milestones of the recommendations' actions, each action's in order.
macro_rules! milestones_of {
    ($which:expr) => {{
        let query = m::table
            .inner_join(a::table)
            .select(Milestone::as_select())
            .into_boxed();
        match $which {
            Which::One(id) => query.filter(a::recommendation_id.eq(id)),
            Which::Many(ids) => query.filter(a::recommendation_id.eq_any(ids)),
        }
        .order((m::action_id, m::position, m::id))
    }};
}

/// Adds the parts, actions (with owners) and milestones of every recommendation given: three
/// statements sent together, pipelined on the connection (one round trip; none when there are no
/// recommendations).
pub async fn load_details(
    conn: &mut AsyncPgConnection,
    recommendations: Vec<Recommendation>,
) -> Result<Vec<RecommendationDetail>, Error> {
    if recommendations.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = recommendations.iter().map(|x| x.id).collect();
    let which = match ids[..] {
        [id] => Which::One(id),
        _ => Which::Many(&ids),
    };
    let shared: &AsyncPgConnection = conn;
    let (parts, action_rows, milestones) = futures_util::try_join!(
        parts_of(which).load::<Part>(&mut &*shared),
        actions_of!(which).load::<ActionOwnerRow>(&mut &*shared),
        milestones_of!(which).load::<Milestone>(&mut &*shared),
    )?;
    Ok(assemble(recommendations, parts, action_rows, milestones))
}

/// One recommendation the scope may see, with its details (`None` when it may not see it). The
/// four statements (the recommendation, its parts, its actions with their owners, their
/// milestones) are sent together, pipelined on the connection: a read by id waits for one round
/// trip to PostgreSQL instead of four, and PostgreSQL reads the four from one network read.
pub async fn find_detail(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    id: Uuid,
) -> Result<Option<RecommendationDetail>, Error> {
    let shared: &AsyncPgConnection = conn;
    let recommendation = scoped!(
        r::table.select(Recommendation::as_select()).into_boxed(),
        scope
    )
    .filter(r::id.eq(id))
    .first::<Recommendation>(&mut &*shared);
    let parts = parts_of(Which::One(id)).load::<Part>(&mut &*shared);
    let action_rows = actions_of!(Which::One(id)).load::<ActionOwnerRow>(&mut &*shared);
    let milestones = milestones_of!(Which::One(id)).load::<Milestone>(&mut &*shared);
    let (recommendation, parts, action_rows, milestones) = futures_util::try_join!(
        async { recommendation.await.optional() },
        parts,
        action_rows,
        milestones
    )?;
    // What the scope may not see was read for nothing, and is dropped.
    Ok(recommendation.map(|recommendation| {
        assemble(vec![recommendation], parts, action_rows, milestones)
            .pop()
            .expect("one in, one out")
    }))
}

/// The recommendations with their parts, actions, owners and milestones, each in order.
fn assemble(
    recommendations: Vec<Recommendation>,
    parts: Vec<Part>,
    action_rows: Vec<ActionOwnerRow>,
    milestones: Vec<Milestone>,
) -> Vec<RecommendationDetail> {
    let mut actions: Vec<ActionDetail> = Vec::new();
    for (action, position, organisation_id, organisation_name, contact_id, contact_name) in
        action_rows
    {
        if actions.last().map(|d| d.action.id) != Some(action.id) {
            actions.push(ActionDetail {
                action,
                owners: Vec::new(),
                milestones: Vec::new(),
            });
        }
        if let Some(position) = position {
            let detail = actions.last_mut().expect("pushed above");
            detail.owners.push(Owner {
                position,
                organisation_id,
                organisation_name,
                contact_id,
                contact_name,
            });
        }
    }
    let index: HashMap<Uuid, usize> = actions
        .iter()
        .enumerate()
        .map(|(i, d)| (d.action.id, i))
        .collect();
    for milestone in milestones {
        if let Some(&i) = index.get(&milestone.action_id) {
            actions[i].milestones.push(milestone);
        }
    }
    let mut parts_of: HashMap<Uuid, Vec<Part>> = HashMap::new();
    for part in parts {
        parts_of
            .entry(part.recommendation_id)
            .or_default()
            .push(part);
    }
    let mut actions_of: HashMap<Uuid, Vec<ActionDetail>> = HashMap::new();
    for action in actions {
        actions_of
            .entry(action.action.recommendation_id)
            .or_default()
            .push(action);
    }
    recommendations
        .into_iter()
        .map(|recommendation| RecommendationDetail {
            parts: parts_of.remove(&recommendation.id).unwrap_or_default(),
            actions: actions_of.remove(&recommendation.id).unwrap_or_default(),
            recommendation,
            rank: None,
        })
        .collect()
}

/// One recommendation with its details.
pub async fn detail(
    conn: &mut AsyncPgConnection,
    recommendation: Recommendation,
) -> Result<RecommendationDetail, Error> {
    Ok(load_details(conn, vec![recommendation])
        .await?
        .pop()
        .expect("one in, one out"))
}

// ---------------------------------------------------------------------------------------------
// Reviews, as recommendations see them

/// The review, if the scope may see it: council staff their council's, partners the reviews in
/// which their organisation owns an action.
pub async fn find_review(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    review_id: Uuid,
) -> Result<Option<ReviewRef>, Error> {
    let mut query = rv::table
        .filter(rv::id.eq(review_id))
        .select(ReviewRef::as_select())
        .into_boxed();
    match scope {
        Scope::All => {}
        Scope::Council(council) => query = query.filter(rv::council_id.eq(council)),
        Scope::Responsible(organisation) => {
            query = query.filter(exists(
                rs::table
                    .filter(rs::organisation_id.eq(organisation))
                    .filter(rs::review_id.eq(rv::id))
                    .select(rs::recommendation_id),
            ))
        }
    }
    query.first(conn).await.optional()
}

/// The review, locked so that positions are handed out one at a time.
pub async fn find_review_for_update(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
) -> Result<Option<ReviewRef>, Error> {
    rv::table
        .find(review_id)
        .select(ReviewRef::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

// ---------------------------------------------------------------------------------------------
// Recommendations

/// The recommendation, if the scope may see it.
pub async fn find(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    id: Uuid,
) -> Result<Option<Recommendation>, Error> {
    scoped!(
        r::table.select(Recommendation::as_select()).into_boxed(),
        scope
    )
    .filter(r::id.eq(id))
    .first(conn)
    .await
    .optional()
}

/// Whether the scope may see the recommendation.
pub async fn is_visible(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    id: Uuid,
) -> Result<bool, Error> {
    match scope {
        Scope::All => Ok(true),
        _ => Ok(find(conn, scope, id).await?.is_some()),
    }
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<Recommendation>, Error> {
    r::table
        .find(id)
        .select(Recommendation::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// The position after the review's last recommendation.
pub async fn next_position(conn: &mut AsyncPgConnection, review_id: Uuid) -> Result<i32, Error> {
    let last: Option<i32> = r::table
        .filter(r::review_id.eq(review_id))
        .select(diesel::dsl::max(r::position))
        .first(conn)
        .await?;
    Ok(last.map_or(1, |p| p + 1))
}

/// Whether another recommendation of the review has this number.
pub async fn number_taken(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    number: &str,
    except: Option<Uuid>,
) -> Result<bool, Error> {
    let mut query = r::table
        .filter(r::review_id.eq(review_id))
        .filter(r::number.eq(number.to_owned()))
        .select(r::id)
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(not(r::id.eq(id)));
    }
    diesel::select(exists(query)).get_result(conn).await
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewRecommendation<'_>,
) -> Result<Recommendation, Error> {
    diesel::insert_into(r::table)
        .values(new)
        .returning(Recommendation::as_returning())
        .get_result(conn)
        .await
}

pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &RecommendationChanges,
) -> Result<Recommendation, Error> {
    diesel::update(r::table.find(id))
        .set((
            changes,
            r::version.eq(r::version + 1),
            r::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Recommendation::as_returning())
        .get_result(conn)
        .await
}

/// Withdraws the recommendation, keeping it with the reason.
pub async fn withdraw(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    reason: &str,
) -> Result<Recommendation, Error> {
    diesel::update(r::table.find(id))
        .set((
            r::status.eq(RecommendationStatus::Withdrawn.as_str()),
            r::withdrawn_reason.eq(reason),
            r::status_changed_at.eq(diesel::dsl::now),
            r::version.eq(r::version + 1),
            r::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Recommendation::as_returning())
        .get_result(conn)
        .await
}

/// Closes the recommendation with the committee's reason.
pub async fn close(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    reason: &str,
) -> Result<Recommendation, Error> {
    diesel::update(r::table.find(id))
        .set((
            r::status.eq(RecommendationStatus::Closed.as_str()),
            r::closed_reason.eq(reason),
            r::status_changed_at.eq(diesel::dsl::now),
            r::version.eq(r::version + 1),
            r::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Recommendation::as_returning())
        .get_result(conn)
        .await
}

// ---------------------------------------------------------------------------------------------
// Parts

pub async fn find_part(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Part>, Error> {
    rp::table
        .find(id)
        .select(Part::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_part_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<Part>, Error> {
    rp::table
        .find(id)
        .select(Part::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// The position after the recommendation's last part.
pub async fn next_part_position(
    conn: &mut AsyncPgConnection,
    recommendation_id: Uuid,
) -> Result<i32, Error> {
    let last: Option<i32> = rp::table
        .filter(rp::recommendation_id.eq(recommendation_id))
        .select(diesel::dsl::max(rp::position))
        .first(conn)
        .await?;
    Ok(last.map_or(1, |p| p + 1))
}

/// Whether another part of the recommendation has this label.
pub async fn label_taken(
    conn: &mut AsyncPgConnection,
    recommendation_id: Uuid,
    label: &str,
    except: Option<Uuid>,
) -> Result<bool, Error> {
    let mut query = rp::table
        .filter(rp::recommendation_id.eq(recommendation_id))
        .filter(rp::label.eq(label.to_owned()))
        .select(rp::id)
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(not(rp::id.eq(id)));
    }
    diesel::select(exists(query)).get_result(conn).await
}

pub async fn insert_part(conn: &mut AsyncPgConnection, new: &NewPart<'_>) -> Result<Part, Error> {
    diesel::insert_into(rp::table)
        .values(new)
        .returning(Part::as_returning())
        .get_result(conn)
        .await
}

pub async fn update_part(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &PartChanges,
) -> Result<Part, Error> {
    diesel::update(rp::table.find(id))
        .set((
            changes,
            rp::version.eq(rp::version + 1),
            rp::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Part::as_returning())
        .get_result(conn)
        .await
}

/// Withdraws the part, keeping it with the reason.
pub async fn withdraw_part(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    reason: &str,
) -> Result<Part, Error> {
    diesel::update(rp::table.find(id))
        .set((
            rp::withdrawn_reason.eq(reason),
            rp::version.eq(rp::version + 1),
            rp::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Part::as_returning())
        .get_result(conn)
        .await
}

// ---------------------------------------------------------------------------------------------
// Search excerpts

/// A passage of a recommendation, of one of its parts or of one of its actions that holds words
/// searched for, as PostgreSQL's `ts_headline` marks it: each word found between `\u{2}` and
/// `\u{3}`, passages apart joined by `\u{1f}` (none of the three is left in the text itself).
#[derive(Debug, Clone, QueryableByName)]
pub struct Excerpt {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub recommendation_id: Uuid,
    /// `recommendation`, `part` or `action`.
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub source: String,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub source_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub marked: String,
}

/// At most this many excerpts per recommendation.
pub const EXCERPTS_PER_RECOMMENDATION: i64 = 3;

/// Where each of `ids` holds any of the words of `q` (web search syntax; words excluded with `-`
/// are not marked): its own text first, then its parts and its actions in order, at most
/// [`EXCERPTS_PER_RECOMMENDATION`] each. One query; the marking is done only for the excerpts
/// kept.
pub async fn excerpts(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
    q: &str,
) -> Result<Vec<Excerpt>, Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Any of the words marks a passage, not only all of them (the recommendation matched as a
    // whole; a part may hold one word and an action the other): the query's positive terms,
    // "and" turned to "or", phrases kept.
    diesel::sql_query(
        r#"
WITH words AS (
    SELECT replace(querytree(websearch_to_tsquery('english', $1))::text, ' & ', ' | ') AS t
), found AS (
    SELECT CASE WHEN t IN ('', 'T') THEN NULL ELSE t::tsquery END AS q FROM words
), sources AS (
    SELECT m.*, row_number() OVER (PARTITION BY m.recommendation_id
                                   ORDER BY m.kind, m.position, m.source_id) AS n
      FROM found, LATERAL (
            SELECT r.id AS recommendation_id, 'recommendation' AS source, r.id AS source_id,
                   0 AS kind, 0 AS position, r.number || ' ' || r.text AS body, r.search
              FROM recommendations r WHERE r.id = ANY($2)
            UNION ALL
            SELECT p.recommendation_id, 'part', p.id, 1, p.position, p.text, p.search
              FROM recommendation_parts p WHERE p.recommendation_id = ANY($2)
            UNION ALL
            SELECT a.recommendation_id, 'action', a.id, 2, a.position,
                   a.proposed_actions || ' ' || coalesce(a.status_notes, ''), a.search
              FROM actions a WHERE a.recommendation_id = ANY($2)
           ) m
     WHERE found.q IS NOT NULL AND m.search @@ found.q
)
SELECT s.recommendation_id, s.source, s.source_id,
       ts_headline('english', translate(s.body, E'\x02\x03\x1f', '   '), found.q,
                   E'StartSel=\x02, StopSel=\x03, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\x1f')
       AS marked
  FROM sources s, found
 WHERE s.n <= $3
 ORDER BY s.recommendation_id, s.n
"#,
    )
    .bind::<diesel::sql_types::Text, _>(q)
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(ids)
    .bind::<diesel::sql_types::BigInt, _>(EXCERPTS_PER_RECOMMENDATION)
    .kept().load(conn)
    .await
}
