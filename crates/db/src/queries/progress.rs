//! Progress monitoring: rounds, entries (with their key figures) and the counts behind the
//! dashboards and work lists.
//!
//! Lists cost one query per page (plus one for the key figures of the whole page); the scope of
//! the caller is part of the query, never a filter applied afterwards.
use crate::page::PagedDsl;
use crate::prepared::KeepDsl;
use crate::schema::{
    action_owners as ao, actions as a, contacts as ct, organisations as org, progress_entries as e,
    progress_key_figures as kf, progress_rounds as pr, recommendation_parts as rp,
    recommendations as r, reviews as rv,
};
use crate::scope::Scope;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::exists;
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use scrutiny_domain::progress::SubmissionState;
use scrutiny_domain::status::{ActionStatus, PlanStatus, RecommendationStatus, RoundStatus};
use std::collections::HashMap;
use uuid::Uuid;

// ---------------------------------------------------------------------------------------------
// Rounds

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = pr, check_for_backend(Pg))]
pub struct Round {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub committee_id: Uuid,
    pub sequence: i32,
    pub label: String,
    pub meeting_date: Option<NaiveDate>,
    pub deadline: NaiveDate,
    #[diesel(deserialize_as = String)]
    pub status: RoundStatus,
    pub minute_reference: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = pr)]
pub struct NewRound<'a> {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub committee_id: Uuid,
    pub sequence: i32,
    pub label: &'a str,
    pub meeting_date: Option<NaiveDate>,
    pub deadline: NaiveDate,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = pr)]
pub struct RoundChanges {
    pub label: Option<String>,
    pub meeting_date: Option<Option<NaiveDate>>,
    pub deadline: Option<NaiveDate>,
    pub minute_reference: Option<Option<String>>,
}

pub async fn insert_round(
    conn: &mut AsyncPgConnection,
    new: &NewRound<'_>,
) -> Result<Round, Error> {
    diesel::insert_into(pr::table)
        .values(new)
        .returning(Round::as_returning())
        .get_result(conn)
        .await
}

/// Inserts a round already closed (a round of history, imported).
pub async fn insert_closed_round(
    conn: &mut AsyncPgConnection,
    new: &NewRound<'_>,
) -> Result<Round, Error> {
    diesel::insert_into(pr::table)
        .values((
            new,
            pr::status.eq(RoundStatus::Closed.as_str()),
            pr::closed_at.eq(diesel::dsl::now),
        ))
        .returning(Round::as_returning())
        .get_result(conn)
        .await
}

pub async fn find_round(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Round>, Error> {
    pr::table
        .find(id)
        .select(Round::as_select())
        .first(conn)
        .await
        .optional()
}

/// The round, locked for the rest of the transaction.
pub async fn lock_round(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Round>, Error> {
    pr::table
        .find(id)
        .select(Round::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// A review's rounds, first first.
pub async fn rounds_of_review(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
) -> Result<Vec<Round>, Error> {
    pr::table
        .filter(pr::review_id.eq(review_id))
        .order(pr::sequence.asc())
        .select(Round::as_select())
        .load(conn)
        .await
}

pub async fn update_round(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &RoundChanges,
) -> Result<Round, Error> {
    diesel::update(pr::table.find(id))
        .set((
            changes,
            pr::version.eq(pr::version + 1),
            pr::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Round::as_returning())
        .get_result(conn)
        .await
}

pub async fn close_round(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Round, Error> {
    diesel::update(pr::table.find(id))
        .set((
            pr::status.eq(RoundStatus::Closed.as_str()),
            pr::closed_at.eq(diesel::dsl::now),
            pr::version.eq(pr::version + 1),
            pr::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Round::as_returning())
        .get_result(conn)
        .await
}

#[derive(Debug, Clone, Default)]
pub struct RoundFilter {
    pub review_id: Option<Uuid>,
    pub committee_id: Option<Uuid>,
    pub status: Option<RoundStatus>,
    pub deadline_from: Option<NaiveDate>,
    pub deadline_to: Option<NaiveDate>,
}

/// A page of rounds by deadline (then id), `limit` + 1 rows.
pub async fn list_rounds(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    filter: &RoundFilter,
    after: Option<(NaiveDate, Uuid)>,
    limit: u32,
) -> Result<Vec<Round>, Error> {
    let mut query = pr::table.select(Round::as_select()).into_boxed();
    query = match scope {
        Scope::All => query,
        Scope::Council(council) => query.filter(pr::council_id.eq(council)),
        Scope::Responsible(organisation) => query.filter(exists(
            e::table
                .filter(e::round_id.eq(pr::id))
                .filter(e::organisation_id.eq(organisation))
                .select(e::id),
        )),
    };
    if let Some(review) = filter.review_id {
        query = query.filter(pr::review_id.eq(review));
    }
    if let Some(committee) = filter.committee_id {
        query = query.filter(pr::committee_id.eq(committee));
    }
    if let Some(status) = &filter.status {
        query = query.filter(pr::status.eq(status.as_str()));
    }
    if let Some(from) = filter.deadline_from {
        query = query.filter(pr::deadline.ge(from));
    }
    if let Some(to) = filter.deadline_to {
        query = query.filter(pr::deadline.le(to));
    }
    if let Some((deadline, id)) = after {
        query = query.filter(
            pr::deadline
                .gt(deadline)
                .or(pr::deadline.eq(deadline).and(pr::id.gt(id))),
        );
    }
    query
        .order((pr::deadline.asc(), pr::id.asc()))
        .paged(limit)
        .load(conn)
        .await
}

/// Whether an organisation reports on anything in the round.
pub async fn organisation_in_round(
    conn: &mut AsyncPgConnection,
    round_id: Uuid,
    organisation_id: Uuid,
) -> Result<bool, Error> {
    diesel::select(exists(
        e::table
            .filter(e::round_id.eq(round_id))
            .filter(e::organisation_id.eq(organisation_id)),
    ))
    .get_result(conn)
    .await
}

// ---------------------------------------------------------------------------------------------
// Entries

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = e, check_for_backend(Pg))]
pub struct Entry {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub round_id: Uuid,
    pub recommendation_id: Uuid,
    pub part_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    #[diesel(deserialize_as = String)]
    pub state: SubmissionState,
    pub progress: Option<String>,
    pub proposed_grade: Option<String>,
    pub proposed_explanation: Option<String>,
    pub impact_kind: String,
    pub impact_text: Option<String>,
    pub officer_grade: Option<String>,
    pub officer_reason: Option<String>,
    pub override_reason: Option<String>,
    pub accepted_grade: Option<String>,
    pub accepted_meeting_date: Option<NaiveDate>,
    pub minute_reference: Option<String>,
    pub return_comments: Option<String>,
    pub written_by: Option<String>,
    pub written_at: Option<DateTime<Utc>>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub validated_by: Option<String>,
    pub validated_at: Option<DateTime<Utc>>,
    pub accepted_by: Option<String>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// The name this module's callers know an entry by.
pub type ProgressEntry = Entry;

#[derive(Debug, Insertable)]
#[diesel(table_name = e)]
pub struct NewEntry {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub round_id: Uuid,
    pub recommendation_id: Uuid,
    pub part_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
}

/// A change of an entry's content or workflow fields; `None` leaves a column alone.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = e)]
pub struct EntryChanges {
    pub organisation_id: Option<Option<Uuid>>,
    pub state: Option<String>,
    pub progress: Option<Option<String>>,
    pub proposed_grade: Option<Option<String>>,
    pub proposed_explanation: Option<Option<String>>,
    pub impact_kind: Option<String>,
    pub impact_text: Option<Option<String>>,
    pub officer_grade: Option<Option<String>>,
    pub officer_reason: Option<Option<String>>,
    pub override_reason: Option<Option<String>>,
    pub accepted_grade: Option<Option<String>>,
    pub accepted_meeting_date: Option<Option<NaiveDate>>,
    pub minute_reference: Option<Option<String>>,
    pub return_comments: Option<Option<String>>,
    pub written_by: Option<Option<String>>,
    pub written_at: Option<Option<DateTime<Utc>>>,
    pub submitted_by: Option<Option<String>>,
    pub submitted_at: Option<Option<DateTime<Utc>>>,
    pub validated_by: Option<Option<String>>,
    pub validated_at: Option<Option<DateTime<Utc>>>,
    pub accepted_by: Option<Option<String>>,
    pub accepted_at: Option<Option<DateTime<Utc>>>,
}

pub async fn insert_entries(
    conn: &mut AsyncPgConnection,
    new: &[NewEntry],
) -> Result<Vec<Entry>, Error> {
    if new.is_empty() {
        return Ok(Vec::new());
    }
    diesel::insert_into(e::table)
        .values(new)
        .returning(Entry::as_returning())
        .get_results(conn)
        .await
}

pub async fn find_entry(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Entry>, Error> {
    e::table
        .find(id)
        .select(Entry::as_select())
        .first(conn)
        .await
        .optional()
}

/// The entry, locked for the rest of the transaction.
pub async fn lock_entry(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Entry>, Error> {
    e::table
        .find(id)
        .select(Entry::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

pub async fn update_entry(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &EntryChanges,
) -> Result<Entry, Error> {
    diesel::update(e::table.find(id))
        .set((
            changes,
            e::version.eq(e::version + 1),
            e::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Entry::as_returning())
        .get_result(conn)
        .await
}

/// Removes an untouched draft entry (the caller has checked that it is one).
pub async fn delete_entry(conn: &mut AsyncPgConnection, id: Uuid) -> Result<usize, Error> {
    diesel::delete(kf::table.filter(kf::entry_id.eq(id)))
        .execute(conn)
        .await?;
    diesel::delete(e::table.find(id)).execute(conn).await
}

/// The entries of a round, by recommendation position then part position.
pub async fn entries_of_round(
    conn: &mut AsyncPgConnection,
    round_id: Uuid,
) -> Result<Vec<Entry>, Error> {
    e::table
        .inner_join(r::table)
        .left_join(rp::table.on(e::part_id.eq(rp::id.nullable())))
        .filter(e::round_id.eq(round_id))
        .order((
            r::position.asc(),
            rp::position.asc().nulls_first(),
            e::id.asc(),
        ))
        .select(Entry::as_select())
        .load(conn)
        .await
}

#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    pub round_id: Option<Uuid>,
    pub review_id: Option<Uuid>,
    pub recommendation_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub states: Vec<SubmissionState>,
    /// Where the proposed, officer and accepted grades (those given) are not all the same.
    pub grades_differ: Option<bool>,
    /// Only entries of open rounds.
    pub open_rounds_only: bool,
}

/// A page of entries in id (creation) order, `limit` + 1 rows. Viewers (`accepted_only`) see
/// accepted entries alone.
pub async fn list_entries(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    accepted_only: bool,
    filter: &EntryFilter,
    after: Option<Uuid>,
    limit: u32,
) -> Result<Vec<Entry>, Error> {
    let mut query = e::table.select(Entry::as_select()).into_boxed();
    query = match scope {
        Scope::All => query,
        Scope::Council(council) => query.filter(e::council_id.eq(council)),
        Scope::Responsible(organisation) => query.filter(e::organisation_id.eq(organisation)),
    };
    if accepted_only {
        query = query.filter(e::state.eq(SubmissionState::Accepted.as_str()));
    }
    if let Some(round) = filter.round_id {
        query = query.filter(e::round_id.eq(round));
    }
    if let Some(review) = filter.review_id {
        query = query.filter(e::review_id.eq(review));
    }
    if let Some(recommendation) = filter.recommendation_id {
        query = query.filter(e::recommendation_id.eq(recommendation));
    }
    if let Some(organisation) = filter.organisation_id {
        query = query.filter(e::organisation_id.eq(organisation));
    }
    if !filter.states.is_empty() {
        // The states are written into the SQL as constants (each a fixed word of the workflow,
        // `SubmissionState::as_str`), not sent as a parameter, so that the statement kept for
        // each set of states is planned for that set: sent as `= ANY($n)`, PostgreSQL's reusable
        // plan guesses their share of the council's entries and reads the council's entries in
        // id order, skipping those in other states (7.4 ms for the officer's queue at national
        // scale, where the plan for 'submitted' and 'validated' takes 0.8 ms). What a partner
        // owes (its inbox), ('draft', 'returned'), is then the literal predicate of the partial
        // index `progress_entries_owed_idx`, so that a page is read in id order from the few
        // entries owed instead of sorting every entry the organisation ever reported.
        let mut states: Vec<&'static str> = filter.states.iter().map(|s| s.as_str()).collect();
        states.sort_unstable();
        states.dedup();
        let list = states
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(", ");
        query = query.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
            "progress_entries.state IN ({list})"
        )));
    }
    if let Some(differ) = filter.grades_differ {
        let differs = e::proposed_grade
            .is_distinct_from(e::officer_grade)
            .and(e::proposed_grade.is_not_null())
            .and(e::officer_grade.is_not_null())
            .or(e::officer_grade
                .is_distinct_from(e::accepted_grade)
                .and(e::officer_grade.is_not_null())
                .and(e::accepted_grade.is_not_null()))
            .or(e::proposed_grade
                .is_distinct_from(e::accepted_grade)
                .and(e::proposed_grade.is_not_null())
                .and(e::accepted_grade.is_not_null()));
        query = if differ {
            query.filter(differs)
        } else {
            query.filter(diesel::dsl::not(differs))
        };
    }
    if filter.open_rounds_only {
        query = query.filter(exists(
            pr::table
                .filter(pr::id.eq(e::round_id))
                .filter(pr::status.eq(RoundStatus::Open.as_str()))
                .select(pr::id),
        ));
    }
    if let Some(id) = after {
        query = query.filter(e::id.gt(id));
    }
    // Kept prepared although it holds a fragment of SQL text (the states, one of a fixed set of
    // texts), which diesel would otherwise prepare again at each call.
    query
        .order(e::id.asc())
        .paged(limit)
        .kept()
        .load(conn)
        .await
}

/// The latest entries of these recommendations' own (not per-part) reports, one per
/// recommendation: what the recommendation's current grade comes from.
pub async fn latest_for_recommendations(
    conn: &mut AsyncPgConnection,
    recommendation_ids: &[Uuid],
) -> Result<Vec<Entry>, Error> {
    if recommendation_ids.is_empty() {
        return Ok(Vec::new());
    }
    e::table
        .filter(e::recommendation_id.eq_any(recommendation_ids))
        .filter(e::part_id.is_null())
        .distinct_on(e::recommendation_id)
        .order((e::recommendation_id, e::created_at.desc(), e::id.desc()))
        .select(Entry::as_select())
        .load(conn)
        .await
}

// ---------------------------------------------------------------------------------------------
// Key figures

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = kf, check_for_backend(Pg))]
pub struct KeyFigure {
    pub entry_id: Uuid,
    pub position: i32,
    pub label: String,
    pub value: String,
    pub unit: Option<String>,
    pub scope: Option<String>,
    pub as_of: Option<NaiveDate>,
}

/// The key figures of these entries, grouped by entry, in order.
pub async fn key_figures(
    mut conn: &AsyncPgConnection,
    entry_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<KeyFigure>>, Error> {
    let mut out: HashMap<Uuid, Vec<KeyFigure>> = HashMap::new();
    if entry_ids.is_empty() {
        return Ok(out);
    }
    let rows: Vec<KeyFigure> = kf::table
        .filter(kf::entry_id.eq_any(entry_ids))
        .order((kf::entry_id, kf::position))
        .select(KeyFigure::as_select())
        .load(&mut conn)
        .await?;
    for row in rows {
        out.entry(row.entry_id).or_default().push(row);
    }
    Ok(out)
}

/// Replaces an entry's key figures with these.
pub async fn replace_key_figures(
    conn: &mut AsyncPgConnection,
    entry_id: Uuid,
    figures: &[KeyFigure],
) -> Result<(), Error> {
    diesel::delete(kf::table.filter(kf::entry_id.eq(entry_id)))
        .execute(conn)
        .await?;
    if !figures.is_empty() {
        diesel::insert_into(kf::table)
            .values(figures)
            .execute(conn)
            .await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// What entries show beside them

/// The names and numbers an entry is shown with.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    pub review_titles: HashMap<Uuid, String>,
    /// id → (number, text, status)
    pub recommendations: HashMap<Uuid, (String, String, RecommendationStatus)>,
    /// id → (label, text)
    pub parts: HashMap<Uuid, (String, String)>,
    pub organisations: HashMap<Uuid, String>,
    pub rounds: HashMap<Uuid, Round>,
}

/// Everything the entries given are shown with, in five queries at most.
pub async fn labels(conn: &AsyncPgConnection, entries: &[Entry]) -> Result<Labels, Error> {
    fn ids(it: impl Iterator<Item = Uuid>) -> Vec<Uuid> {
        let mut v: Vec<Uuid> = it.collect();
        v.sort_unstable();
        v.dedup();
        v
    }
    let mut out = Labels::default();
    if entries.is_empty() {
        return Ok(out);
    }
    let review_ids = ids(entries.iter().map(|x| x.review_id));
    let rec_ids = ids(entries.iter().map(|x| x.recommendation_id));
    let part_ids = ids(entries.iter().filter_map(|x| x.part_id));
    let org_ids = ids(entries.iter().filter_map(|x| x.organisation_id));
    let round_ids = ids(entries.iter().map(|x| x.round_id));
    // Sent together, pipelined on the connection: one round trip for the five.
    let (reviews, recommendations, parts, organisations, rounds) = futures_util::try_join!(
        rv::table
            .filter(rv::id.eq_any(&review_ids))
            .select((rv::id, rv::title))
            .load::<(Uuid, String)>(&mut &*conn),
        r::table
            .filter(r::id.eq_any(&rec_ids))
            .select((r::id, r::number, r::text, r::status))
            .load::<(Uuid, String, String, String)>(&mut &*conn),
        async {
            if part_ids.is_empty() {
                return Ok(Vec::new());
            }
            rp::table
                .filter(rp::id.eq_any(&part_ids))
                .select((rp::id, rp::label, rp::text))
                .load::<(Uuid, String, String)>(&mut &*conn)
                .await
        },
        async {
            if org_ids.is_empty() {
                return Ok(Vec::new());
            }
            org::table
                .filter(org::id.eq_any(&org_ids))
                .select((org::id, org::name))
                .load::<(Uuid, String)>(&mut &*conn)
                .await
        },
        pr::table
            .filter(pr::id.eq_any(&round_ids))
            .select(Round::as_select())
            .load::<Round>(&mut &*conn),
    )?;
    out.review_titles = reviews.into_iter().collect();
    out.recommendations = recommendations
        .into_iter()
        .map(|(id, n, t, s)| {
            let status = crate::text::parse(&s)?;
            Ok((id, (n, t, status)))
        })
        .collect::<Result<_, Error>>()?;
    out.parts = parts.into_iter().map(|(id, l, t)| (id, (l, t))).collect();
    out.organisations = organisations.into_iter().collect();
    out.rounds = rounds.into_iter().map(|x| (x.id, x)).collect();
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Opening a round

/// The recommendations a new round of a review may cover, in order: (id, status, parts' ids).
#[derive(Debug, Clone)]
pub struct Coverable {
    pub id: Uuid,
    pub status: RecommendationStatus,
    pub parts: Vec<Uuid>,
}

pub async fn coverable(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
) -> Result<Vec<Coverable>, Error> {
    let recs: Vec<(Uuid, String)> = r::table
        .filter(r::review_id.eq(review_id))
        .order((r::position, r::id))
        .select((r::id, r::status))
        .load(conn)
        .await?;
    let ids: Vec<Uuid> = recs.iter().map(|x| x.0).collect();
    let parts: Vec<(Uuid, Uuid)> = rp::table
        .filter(rp::recommendation_id.eq_any(&ids))
        .filter(rp::withdrawn_reason.is_null())
        .order((rp::recommendation_id, rp::position, rp::id))
        .select((rp::recommendation_id, rp::id))
        .load(conn)
        .await?;
    let mut by_rec: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (rec, part) in parts {
        by_rec.entry(rec).or_default().push(part);
    }
    recs.into_iter()
        .map(|(id, status)| {
            Ok(Coverable {
                parts: by_rec.remove(&id).unwrap_or_default(),
                id,
                status: crate::text::parse(&status)?,
            })
        })
        .collect()
}

/// The organisation that reports on each recommendation (and part) of a review: the first
/// organisation named by its actions (in action then owner order), directly or through a named
/// contact. Keys are (recommendation, part); a part without its own action falls back to the
/// recommendation's.
pub async fn reporting_organisations(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
) -> Result<HashMap<(Uuid, Option<Uuid>), Uuid>, Error> {
    /// (recommendation, part, owner organisation, owner contact's organisation)
    type OwnerRow = (Uuid, Option<Uuid>, Option<Uuid>, Option<Uuid>);
    let rows: Vec<OwnerRow> = a::table
        .inner_join(ao::table)
        .left_join(ct::table.on(ao::contact_id.eq(ct::id.nullable())))
        .filter(a::review_id.eq(review_id))
        .filter(a::status.ne(ActionStatus::Withdrawn.as_str()))
        .order((a::recommendation_id, a::position, ao::position))
        .select((
            a::recommendation_id,
            a::part_id,
            ao::organisation_id,
            ct::organisation_id.nullable(),
        ))
        .load(conn)
        .await?;
    let mut out = HashMap::new();
    for (rec, part, organisation, contact_organisation) in rows {
        let Some(organisation) = organisation.or(contact_organisation) else {
            continue;
        };
        out.entry((rec, part)).or_insert(organisation);
        out.entry((rec, None)).or_insert(organisation);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Dashboards

/// One group of entries: how many are in each state at each current grade.
#[derive(Debug, Clone, QueryableByName)]
pub struct CountRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub dimension: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Uuid>)]
    pub key: Option<Uuid>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub name: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Text, deserialize_as = crate::text::Parsed<SubmissionState>)]
    pub state: SubmissionState,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub grade: Option<String>,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub count: i64,
    /// How many reviews have counts in scope (every row carries it); the rows by review are of
    /// at most `reviews_shown` of them.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub reviews_total: i64,
}

/// The scope as SQL parameters: (council, organisation); both NULL for everything.
fn scope_params(scope: Scope) -> (Option<Uuid>, Option<Uuid>) {
    match scope {
        Scope::All => (None, None),
        Scope::Council(c) => (Some(c), None),
        Scope::Responsible(o) => (None, Some(o)),
    }
}

/// Counts of the latest recommendation-level entry of every recommendation in scope, by state
/// and current grade (accepted, else officer's, else proposed), grouped per committee, review
/// and organisation. One query. The groups by review are those of the `reviews_shown` reviews
/// with the most entries not yet accepted (then the most entries).
///
/// A council's and a partner's are read from the counts kept for them (migrations
/// `organisation_counts`, `partner_counts_rolled_up` and `council_counts`): by committee (and, for
/// a council, by organisation) from its counts per committee, its reviews in the order shown from
/// an index of its totals per review, and the groups of the reviews shown from its counts per
/// review; so that what is read grows with its committees and the reviews shown, not with all the
/// reviews it has. Every council's at once (no scope) are counted from `latest_entries`.
pub async fn dashboard_counts(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    accepted_only: bool,
    reviews_shown: i64,
) -> Result<Vec<CountRow>, Error> {
    use diesel::sql_types::{BigInt, Bool, Uuid as SqlUuid};
    // Rows of (dimension, key, state, grade, count) in `groups`, and how many reviews have counts.
    let (groups, reviews_total, key) = match scope {
        Scope::Responsible(organisation) => (
            "shown AS (
                SELECT t.review_id FROM organisation_review_totals t
                 WHERE t.organisation_id = $1 AND t.accepted = $2 AND t.total > 0
                 ORDER BY t.open DESC, t.total DESC, t.review_id LIMIT $3),
            by_committee AS MATERIALIZED (
                SELECT c.committee_id, c.state, c.grade, c.count
                  FROM organisation_committee_counts c
                 WHERE c.organisation_id = $1 AND c.accepted = $2 AND c.count > 0),
            groups AS MATERIALIZED (
                SELECT 'committee' AS dimension, c.committee_id AS key, c.state, c.grade, c.count
                  FROM by_committee c
                UNION ALL
                SELECT 'review', c.review_id, c.state, c.grade, sum(c.count)::bigint
                  FROM organisation_entry_counts c
                 WHERE c.organisation_id = $1 AND c.accepted = $2 AND c.count > 0
                   AND c.review_id IN (SELECT s.review_id FROM shown s)
                 GROUP BY c.review_id, c.state, c.grade
                UNION ALL
                -- The organisation's own counts: its committees' added up (read once).
                SELECT 'organisation', $1, c.state, c.grade, sum(c.count)::bigint
                  FROM by_committee c GROUP BY c.state, c.grade)",
            "(SELECT count(*) FROM organisation_review_totals t
               WHERE t.organisation_id = $1 AND t.accepted = $2 AND t.total > 0)",
            Some(organisation),
        ),
        Scope::Council(council) => (
            // The council's counts kept from the latest entry of each of its recommendations
            // (migration `council_counts`): by committee and organisation in full, by review for
            // the reviews shown, read in order from the index of its totals per review.
            "shown AS (
                SELECT t.review_id FROM council_review_totals t
                 WHERE t.council_id = $1 AND t.accepted = $2 AND t.total > 0
                 ORDER BY t.open DESC, t.total DESC, t.review_id LIMIT $3),
            groups AS MATERIALIZED (
                SELECT 'committee' AS dimension, c.committee_id AS key, c.state, c.grade, c.count
                  FROM council_committee_counts c
                 WHERE c.council_id = $1 AND c.accepted = $2 AND c.count > 0
                UNION ALL
                SELECT 'review', c.review_id, c.state, c.grade, c.count
                  FROM council_review_counts c
                 WHERE c.council_id = $1 AND c.accepted = $2 AND c.count > 0
                   AND c.review_id IN (SELECT s.review_id FROM shown s)
                UNION ALL
                SELECT 'organisation', c.organisation_id, c.state, c.grade, c.count
                  FROM council_organisation_counts c
                 WHERE c.council_id = $1 AND c.accepted = $2 AND c.count > 0)",
            "(SELECT count(*) FROM council_review_totals t
               WHERE t.council_id = $1 AND t.accepted = $2 AND t.total > 0)",
            Some(council),
        ),
        Scope::All => (
            // Every council's: the latest entry of each recommendation, the latest of its
            // organisations', counted here.
            "latest AS MATERIALIZED (
                SELECT DISTINCT ON (l.recommendation_id) l.committee_id, l.review_id,
                       l.organisation_id, l.state, l.grade
                  FROM latest_entries l
                 WHERE $1::uuid IS NULL AND l.accepted = $2
                 ORDER BY l.recommendation_id, l.created_at DESC, l.entry_id DESC),
            review_totals AS MATERIALIZED (
                SELECT l.review_id, count(*) FILTER (WHERE l.state <> 'accepted') AS open,
                       count(*) AS total
                  FROM latest l GROUP BY l.review_id),
            shown AS (
                SELECT r.review_id FROM review_totals r
                 ORDER BY r.open DESC, r.total DESC, r.review_id LIMIT $3),
            groups AS MATERIALIZED (
                SELECT 'committee' AS dimension, l.committee_id AS key, l.state, l.grade,
                       count(*) AS count
                  FROM latest l GROUP BY l.committee_id, l.state, l.grade
                UNION ALL
                SELECT 'review', l.review_id, l.state, l.grade, count(*)
                  FROM latest l WHERE l.review_id IN (SELECT s.review_id FROM shown s)
                 GROUP BY l.review_id, l.state, l.grade
                UNION ALL
                SELECT 'organisation', l.organisation_id, l.state, l.grade, count(*)
                  FROM latest l GROUP BY l.organisation_id, l.state, l.grade)",
            "(SELECT count(*) FROM review_totals)",
            None,
        ),
    };
    diesel::sql_query(format!(
        // Counted first, then each group's name looked up by its key (never a scan of the
        // committees, reviews or organisations).
        "WITH {groups},
        names AS MATERIALIZED (
            SELECT k.dimension, coalesce(k.key, '00000000-0000-0000-0000-000000000000') AS key,
                   CASE k.dimension
                       WHEN 'committee' THEN (SELECT c.name FROM committees c WHERE c.id = k.key)
                       WHEN 'review' THEN (SELECT rv.title FROM reviews rv WHERE rv.id = k.key)
                       ELSE (SELECT o.name FROM organisations o WHERE o.id = k.key)
                   END AS name
              FROM (SELECT DISTINCT g.dimension, g.key FROM groups g) k)
        SELECT g.dimension, g.key, n.name, g.state, g.grade, g.count,
               {reviews_total} AS reviews_total
          FROM groups g
          JOIN names n ON n.dimension = g.dimension
                      AND n.key = coalesce(g.key, '00000000-0000-0000-0000-000000000000')
         -- A committee or review the caller may not see is left out, as a join would.
         WHERE n.name IS NOT NULL OR g.dimension = 'organisation'
         ORDER BY 1, 3, 2, 4, 5"
    ))
    .bind::<diesel::sql_types::Nullable<SqlUuid>, _>(key)
    .bind::<Bool, _>(accepted_only)
    .bind::<BigInt, _>(reviews_shown)
    .kept()
    .load(conn)
    .await
}

/// Recommendations in scope by status (open, closed, withdrawn).
#[derive(Debug, Clone, QueryableByName)]
pub struct StatusCount {
    #[diesel(sql_type = diesel::sql_types::Text, deserialize_as = crate::text::Parsed<RecommendationStatus>)]
    pub status: RecommendationStatus,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub count: i64,
}

pub async fn recommendation_status_counts(
    conn: &mut AsyncPgConnection,
    scope: Scope,
) -> Result<Vec<StatusCount>, Error> {
    use diesel::sql_types::{Nullable, Uuid as SqlUuid};
    let (council, organisation) = scope_params(scope);
    // One statement per scope, so that each is planned for its own index: a partner's from what
    // it owns, by the index of its responsibilities with their status (migration
    // `organisation_counts`; no recommendation is read), a council's from its own recommendations.
    let sql = match scope {
        Scope::Responsible(_) => {
            "SELECT x.status, count(*) AS count FROM responsibilities x
              WHERE x.organisation_id = $2 AND x.owns AND $1::uuid IS NULL
              GROUP BY x.status ORDER BY x.status"
        }
        _ => {
            "SELECT r.status, count(*) AS count FROM recommendations r
              WHERE ($1::uuid IS NULL OR r.council_id = $1) AND $2::uuid IS NULL
              GROUP BY r.status ORDER BY r.status"
        }
    };
    diesel::sql_query(sql)
        .bind::<Nullable<SqlUuid>, _>(council)
        .bind::<Nullable<SqlUuid>, _>(organisation)
        .kept()
        .load(conn)
        .await
}

/// An open round, with how many of the entries in scope are still owed by partners (draft or
/// returned), awaiting the officer (submitted) and awaiting the committee (validated).
#[derive(Debug, Clone, QueryableByName)]
pub struct RoundWork {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub round_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub review_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub review_title: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub label: String,
    #[diesel(sql_type = diesel::sql_types::Date)]
    pub deadline: NaiveDate,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Date>)]
    pub meeting_date: Option<NaiveDate>,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub owed: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub to_assess: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub to_accept: i64,
    /// Past its deadline with entries owed (else due from the day on).
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub overdue: bool,
    /// How many rounds of its list there are in all (overdue, or due soon), listed or not.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub total: i64,
}

/// The open rounds in scope with work in them: those past their deadline (before `on`) with
/// entries owed, and those due from `on` to `until`; of each, the `shown` with the earliest
/// deadlines, each row with its list's total. One query.
///
/// A partner's rounds come, in deadline order, from the counts kept of its entries per round and
/// state while the round is open (`round_entry_counts`, migration `partner_work_by_date`): the
/// rows listed are the first read, and only they are looked up. A council's come from the same
/// counts by council (a few rows per round and partner, not every entry), with the entries it
/// reports itself.
pub async fn open_round_work(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    on: NaiveDate,
    until: NaiveDate,
    shown: i64,
) -> Result<Vec<RoundWork>, Error> {
    use diesel::sql_types::{BigInt, Date, Nullable, Uuid as SqlUuid};
    let (council, organisation) = scope_params(scope);
    // Rows of (deadline, round, state, n), one statement per scope (each planned for its index).
    let counted = match scope {
        Scope::Responsible(_) => {
            "SELECT c.open_deadline AS deadline, c.round_id, c.state, c.count AS n
               FROM round_entry_counts c
              WHERE c.organisation_id = $2 AND c.open_deadline IS NOT NULL
                AND c.open_deadline <= $4 AND c.count > 0
                AND c.state IN ('draft', 'returned', 'submitted', 'validated')
                AND $1::uuid IS NULL"
        }
        // The council's partners' counts by its index (migration `council_work_by_date`),
        // and the entries it reports itself, which have no organisation to be counted under.
        Scope::Council(_) => {
            "SELECT c.open_deadline AS deadline, c.round_id, c.state, c.count AS n
               FROM round_entry_counts c
              WHERE c.council_id = $1 AND c.open_deadline IS NOT NULL
                AND c.open_deadline <= $4 AND c.count > 0
                AND c.state IN ('draft', 'returned', 'submitted', 'validated')
                AND $2::uuid IS NULL
             UNION ALL
             SELECT pr.deadline, e.round_id, e.state, 1
               FROM progress_rounds pr
               JOIN progress_entries e ON e.round_id = pr.id AND e.organisation_id IS NULL
                AND e.state IN ('draft', 'returned', 'submitted', 'validated')
              WHERE pr.council_id = $1 AND pr.status = 'open' AND pr.deadline <= $4"
        }
        Scope::All => {
            "SELECT pr.deadline, e.round_id, e.state, 1 AS n
               FROM progress_rounds pr JOIN progress_entries e ON e.round_id = pr.id
              WHERE pr.status = 'open' AND pr.deadline <= $4
                AND $1::uuid IS NULL AND $2::uuid IS NULL"
        }
    };
    diesel::sql_query(format!(
        "WITH per_round AS MATERIALIZED (
            SELECT c.deadline, c.round_id,
                   coalesce(sum(c.n) FILTER (WHERE c.state IN ('draft', 'returned')), 0)::bigint AS owed,
                   coalesce(sum(c.n) FILTER (WHERE c.state = 'submitted'), 0)::bigint AS to_assess,
                   coalesce(sum(c.n) FILTER (WHERE c.state = 'validated'), 0)::bigint AS to_accept
              FROM ({counted}) c
             GROUP BY c.deadline, c.round_id),
        listed AS (
            (SELECT w.*, true AS overdue FROM per_round w
              WHERE w.deadline < $3 AND w.owed > 0
              ORDER BY w.deadline, w.round_id LIMIT $5)
            UNION ALL
            (SELECT w.*, false FROM per_round w
              WHERE w.deadline >= $3
              ORDER BY w.deadline, w.round_id LIMIT $5)),
        -- Counted once (not again for each row listed).
        totals AS MATERIALIZED (
            SELECT count(*) FILTER (WHERE w.deadline < $3 AND w.owed > 0) AS overdue,
                   count(*) FILTER (WHERE w.deadline >= $3) AS due_soon
              FROM per_round w)
        SELECT pr.id AS round_id, pr.review_id, rv.title AS review_title, pr.label, pr.deadline,
               pr.meeting_date, l.owed, l.to_assess, l.to_accept, l.overdue,
               CASE WHEN l.overdue THEN t.overdue ELSE t.due_soon END AS total
          FROM listed l
          JOIN progress_rounds pr ON pr.id = l.round_id AND pr.status = 'open'
          JOIN reviews rv ON rv.id = pr.review_id
         CROSS JOIN totals t
         ORDER BY l.overdue DESC, pr.deadline, pr.id"
    ))
    .bind::<Nullable<SqlUuid>, _>(council)
    .bind::<Nullable<SqlUuid>, _>(organisation)
    .bind::<Date, _>(on)
    .bind::<Date, _>(until)
    .bind::<BigInt, _>(shown)
    .kept().load(conn)
    .await
}

/// How many open actions in scope have a milestone past due (before `today`) and how many fall
/// due from `today` to `until`.
#[derive(Debug, Clone, QueryableByName)]
pub struct MilestoneCounts {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub overdue_actions: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub due_soon_actions: i64,
}

pub async fn milestone_counts(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    today: NaiveDate,
    until: NaiveDate,
) -> Result<MilestoneCounts, Error> {
    use diesel::sql_types::{Date, Nullable, Uuid as SqlUuid};
    let (council, organisation) = scope_params(scope);
    // A partner's milestones are read up to `until` from those kept for it by due date
    // (`organisation_milestones`, migration `partner_work_by_date`), a council's from those kept
    // for its open actions (`council_milestones`, migration `council_work_by_date`): no action or
    // milestone is read. The country's from every council's.
    let sql = match scope {
        Scope::Responsible(_) => {
            "SELECT count(DISTINCT k.action_id) FILTER (WHERE k.due_by < $3) AS overdue_actions,
                    count(DISTINCT k.action_id) FILTER (WHERE k.due_by >= $3) AS due_soon_actions
               FROM organisation_milestones k
              WHERE k.organisation_id = $2 AND k.due_by <= $4 AND $1::uuid IS NULL"
        }
        Scope::Council(_) => {
            "SELECT count(DISTINCT k.action_id) FILTER (WHERE k.due_by < $3) AS overdue_actions,
                    count(DISTINCT k.action_id) FILTER (WHERE k.due_by >= $3) AS due_soon_actions
               FROM council_milestones k
              WHERE k.council_id = $1 AND k.due_by <= $4 AND $2::uuid IS NULL"
        }
        Scope::All => {
            "SELECT count(DISTINCT k.action_id) FILTER (WHERE k.due_by < $3) AS overdue_actions,
                    count(DISTINCT k.action_id) FILTER (WHERE k.due_by >= $3) AS due_soon_actions
               FROM council_milestones k
              WHERE k.due_by <= $4 AND $1::uuid IS NULL AND $2::uuid IS NULL"
        }
    };
    diesel::sql_query(sql)
        .bind::<Nullable<SqlUuid>, _>(council)
        .bind::<Nullable<SqlUuid>, _>(organisation)
        .bind::<Date, _>(today)
        .bind::<Date, _>(until)
        .kept()
        .get_result(conn)
        .await
}

// ---------------------------------------------------------------------------------------------
// Settings and sign-off

/// A council's progress settings: (grade scale as stored, months to the first round); `None`
/// when the council has no settings row (the defaults apply).
pub async fn council_progress_settings(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
) -> Result<Option<(Option<serde_json::Value>, i32)>, Error> {
    use crate::schema::council_settings as cs;
    cs::table
        .find(council_id)
        .select((cs::grade_scale, cs::first_update_months))
        .first(conn)
        .await
        .optional()
}

/// Signs off a review's agreed action plan: returns how many plans changed (0 or 1).
pub async fn sign_off_plan(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    on: NaiveDate,
    reason: &str,
) -> Result<usize, Error> {
    use crate::schema::action_plans as ap;
    diesel::update(
        ap::table
            .filter(ap::review_id.eq(review_id))
            .filter(ap::status.eq(PlanStatus::Agreed.as_str())),
    )
    .set((
        ap::status.eq(PlanStatus::SignedOff.as_str()),
        ap::signed_off_on.eq(on),
        ap::signed_off_reason.eq(reason),
        ap::version.eq(ap::version + 1),
        ap::updated_at.eq(diesel::dsl::now),
    ))
    .execute(conn)
    .await
}

/// The part entries of the recommendation-level entries of these rounds.
pub async fn part_entries(
    mut conn: &AsyncPgConnection,
    round_ids: &[Uuid],
) -> Result<Vec<Entry>, Error> {
    if round_ids.is_empty() {
        return Ok(Vec::new());
    }
    e::table
        .filter(e::round_id.eq_any(round_ids))
        .filter(e::part_id.is_not_null())
        .order(e::id.asc())
        .select(Entry::as_select())
        .load(&mut conn)
        .await
}

/// The part entries of one recommendation in one round.
pub async fn part_entries_of(
    conn: &mut AsyncPgConnection,
    round_id: Uuid,
    recommendation_id: Uuid,
) -> Result<Vec<Entry>, Error> {
    e::table
        .filter(e::round_id.eq(round_id))
        .filter(e::recommendation_id.eq(recommendation_id))
        .filter(e::part_id.is_not_null())
        .order(e::id.asc())
        .select(Entry::as_select())
        .load(conn)
        .await
}

/// How many entries of a round are in each state: (state, count).
pub async fn round_state_counts(
    conn: &mut AsyncPgConnection,
    round_ids: &[Uuid],
) -> Result<Vec<(Uuid, SubmissionState, i64)>, Error> {
    if round_ids.is_empty() {
        return Ok(Vec::new());
    }
    e::table
        .filter(e::round_id.eq_any(round_ids))
        .group_by((e::round_id, e::state))
        .select((e::round_id, e::state, diesel::dsl::count_star()))
        .load::<(Uuid, String, i64)>(conn)
        .await?
        .into_iter()
        .map(|(round, state, n)| Ok((round, crate::text::parse(&state)?, n)))
        .collect()
}

/// How many attachments an entry has (withdrawn ones included).
pub async fn attachment_count(conn: &mut AsyncPgConnection, entry_id: Uuid) -> Result<i64, Error> {
    use crate::schema::attachments as at;
    at::table
        .filter(at::entry_id.eq(entry_id))
        .count()
        .get_result(conn)
        .await
}

/// [`round_state_counts`] of one organisation's entries.
pub async fn round_state_counts_for(
    conn: &mut AsyncPgConnection,
    round_ids: &[Uuid],
    organisation_id: Uuid,
) -> Result<Vec<(Uuid, SubmissionState, i64)>, Error> {
    if round_ids.is_empty() {
        return Ok(Vec::new());
    }
    e::table
        .filter(e::round_id.eq_any(round_ids))
        .filter(e::organisation_id.eq(organisation_id))
        .group_by((e::round_id, e::state))
        .select((e::round_id, e::state, diesel::dsl::count_star()))
        .load::<(Uuid, String, i64)>(conn)
        .await?
        .into_iter()
        .map(|(round, state, n)| Ok((round, crate::text::parse(&state)?, n)))
        .collect()
}

/// The grade codes a council's progress entries carry (proposed, officer's or accepted).
pub async fn grade_codes_in_use(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
) -> Result<Vec<String>, Error> {
    #[derive(QueryableByName)]
    struct Code {
        #[diesel(sql_type = diesel::sql_types::Text)]
        code: String,
    }
    let rows: Vec<Code> = diesel::sql_query(
        "SELECT DISTINCT code FROM progress_entries e,
                LATERAL (VALUES (e.proposed_grade), (e.officer_grade), (e.accepted_grade)) AS g(code)
         WHERE e.council_id = $1 AND code IS NOT NULL ORDER BY code",
    )
    .bind::<diesel::sql_types::Uuid, _>(council_id)
    .kept().load(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.code).collect())
}

/// The stored grade scales of these councils (`None`: the default), in one query; councils
/// without a settings row are absent.
pub async fn council_grade_scales(
    mut conn: &AsyncPgConnection,
    council_ids: &[Uuid],
) -> Result<HashMap<Uuid, Option<serde_json::Value>>, Error> {
    use crate::schema::council_settings as cs;
    if council_ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(cs::table
        .filter(cs::council_id.eq_any(council_ids))
        .select((cs::council_id, cs::grade_scale))
        .load::<(Uuid, Option<serde_json::Value>)>(&mut conn)
        .await?
        .into_iter()
        .collect())
}
