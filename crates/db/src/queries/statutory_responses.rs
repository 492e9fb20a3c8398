//! Statutory responses to a review's report: one per responder (the executive, or a responsible
//! partner), with the response to each recommendation put to it.
use crate::page::fetch_size;
use crate::prepared::KeepDsl;
use crate::schema::{
    organisations, recommendations, statutory_response_items, statutory_responses as sr,
};
use crate::scope::Scope;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel::sql_types::{Date, Integer, Nullable, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sr, check_for_backend(diesel::pg::Pg))]
pub struct ResponseRow {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub responder_kind: String,
    pub organisation_id: Uuid,
    pub responder_name: String,
    pub report_received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub state: String,
    pub summary: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub received_by: Option<Uuid>,
    pub published_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// What an edit writes (every column; the caller starts from the row).
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = sr, treat_none_as_null = true)]
pub struct ResponseValues {
    pub responder_name: String,
    pub report_received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub state: String,
    pub summary: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub received_by: Option<Uuid>,
    pub published_on: Option<NaiveDate>,
}

impl From<&ResponseRow> for ResponseValues {
    fn from(r: &ResponseRow) -> Self {
        Self {
            responder_name: r.responder_name.clone(),
            report_received_on: r.report_received_on,
            due_on: r.due_on,
            state: r.state.clone(),
            summary: r.summary.clone(),
            received_on: r.received_on,
            received_by: r.received_by,
            published_on: r.published_on,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = statutory_response_items, check_for_backend(diesel::pg::Pg), treat_none_as_null = true)]
pub struct ItemRow {
    pub response_id: Uuid,
    pub recommendation_id: Uuid,
    pub position: i32,
    pub verdict: Option<String>,
    pub reasons: Option<String>,
    pub proposed_action: Option<String>,
}

/// An item with the recommendation it answers.
#[derive(Debug, Clone, QueryableByName)]
pub struct ItemDetail {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub response_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub recommendation_id: Uuid,
    #[diesel(sql_type = Integer)]
    pub position: i32,
    #[diesel(sql_type = Nullable<Text>)]
    pub verdict: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub reasons: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub proposed_action: Option<String>,
    #[diesel(sql_type = Text)]
    pub recommendation_number: String,
    #[diesel(sql_type = Text)]
    pub recommendation_text: String,
    #[diesel(sql_type = Text)]
    pub recommendation_status: String,
}

/// Which responses to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub review_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub states: Vec<String>,
    /// Awaited and due before this day.
    pub overdue_on: Option<NaiveDate>,
    /// Only published ones (viewers).
    pub published_only: bool,
}

/// A position in a list ordered by (due day, id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueKey {
    pub due_on: NaiveDate,
    pub id: Uuid,
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    row: &ResponseRow,
    items: &[ItemRow],
) -> Result<(), Error> {
    diesel::insert_into(sr::table)
        .values(row)
        .execute(conn)
        .await?;
    if !items.is_empty() {
        diesel::insert_into(statutory_response_items::table)
            .values(items)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// A response whatever the scope (the caller checks it).
pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<ResponseRow>, Error> {
    sr::table
        .find(id)
        .select(ResponseRow::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<ResponseRow>, Error> {
    sr::table
        .find(id)
        .select(ResponseRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// Whether `scope` may see a response of `council_id` by `organisation_id`.
pub fn in_scope(scope: Scope, council_id: Uuid, organisation_id: Uuid) -> bool {
    match scope {
        Scope::All => true,
        Scope::Council(council) => council == council_id,
        Scope::Responsible(org) => org == organisation_id,
    }
}

/// Whether the review already has a response from `organisation_id`.
pub async fn exists_for(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    organisation_id: Uuid,
) -> Result<bool, Error> {
    diesel::select(diesel::dsl::exists(
        sr::table
            .filter(sr::review_id.eq(review_id))
            .filter(sr::organisation_id.eq(organisation_id)),
    ))
    .get_result(conn)
    .await
}

/// Writes an edit and bumps the version.
pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    values: &ResponseValues,
) -> Result<ResponseRow, Error> {
    diesel::update(sr::table.find(id))
        .set((
            values,
            sr::updated_at.eq(diesel::dsl::now),
            sr::version.eq(sr::version + 1),
        ))
        .returning(ResponseRow::as_returning())
        .get_result(conn)
        .await
}

/// Replaces one item's answer.
pub async fn update_item(conn: &mut AsyncPgConnection, item: &ItemRow) -> Result<usize, Error> {
    diesel::update(statutory_response_items::table.find((item.response_id, item.recommendation_id)))
        .set(item)
        .execute(conn)
        .await
}

/// The items of `responses` with their recommendations, in each response's order.
pub async fn items_of(
    conn: &mut AsyncPgConnection,
    responses: &[Uuid],
) -> Result<Vec<ItemDetail>, Error> {
    if responses.is_empty() {
        return Ok(Vec::new());
    }
    diesel::sql_query(
        "SELECT i.response_id, i.recommendation_id, i.position, i.verdict, i.reasons, \
                i.proposed_action, r.number AS recommendation_number, r.text AS recommendation_text, \
                r.status AS recommendation_status \
         FROM statutory_response_items i JOIN recommendations r ON r.id = i.recommendation_id \
         WHERE i.response_id = ANY($1) \
         ORDER BY i.response_id, i.position, i.recommendation_id",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(responses)
    .kept().load(conn)
    .await
}

/// A page of responses in `scope` by due day, soonest first.
pub async fn list(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    filter: &Filter,
    after: Option<&DueKey>,
    limit: u32,
) -> Result<Vec<ResponseRow>, Error> {
    let mut query = sr::table.select(ResponseRow::as_select()).into_boxed();
    query = match scope {
        Scope::All => query,
        Scope::Council(council) => query.filter(sr::council_id.eq(council)),
        Scope::Responsible(org) => query.filter(sr::organisation_id.eq(org)),
    };
    if let Some(review) = filter.review_id {
        query = query.filter(sr::review_id.eq(review));
    }
    if let Some(org) = filter.organisation_id {
        query = query.filter(sr::organisation_id.eq(org));
    }
    if !filter.states.is_empty() {
        query = query.filter(sr::state.eq_any(filter.states.clone()));
    }
    if let Some(on) = filter.overdue_on {
        query = query.filter(sr::state.eq("awaited").and(sr::due_on.lt(on)));
    }
    if filter.published_only {
        query = query.filter(sr::state.eq("published"));
    }
    if let Some(k) = after {
        query = query.filter(
            sr::due_on
                .gt(k.due_on)
                .or(sr::due_on.eq(k.due_on).and(sr::id.gt(k.id))),
        );
    }
    query
        .order((sr::due_on.asc(), sr::id.asc()))
        .limit(fetch_size(limit))
        .load(conn)
        .await
}

/// Organisation names by id.
pub async fn organisation_names(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, String, String)>, Error> {
    organisations::table
        .filter(organisations::id.eq_any(ids))
        .select((organisations::id, organisations::name, organisations::kind))
        .load(conn)
        .await
}

/// The recommendations of a review not withdrawn, in order: (id, position).
pub async fn recommendations_of(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
) -> Result<Vec<(Uuid, i32)>, Error> {
    recommendations::table
        .filter(recommendations::review_id.eq(review_id))
        .filter(recommendations::status.ne("withdrawn"))
        .order((recommendations::position.asc(), recommendations::id.asc()))
        .select((recommendations::id, recommendations::position))
        .load(conn)
        .await
}

/// A partner named in a review: who owns one of its actions, reports on it, or whose name its
/// recommendations write; with the recommendations that name it (in order, withdrawn left out).
#[derive(Debug, Clone, QueryableByName)]
pub struct NamedPartner {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub organisation_id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::Uuid>)]
    pub recommendation_ids: Vec<Uuid>,
}

/// The partners (not councils) named by a review's recommendations: owners of their actions
/// (directly or through a contact), organisations reporting progress on them, and partners working
/// with the council whose name a recommendation's text contains; each with the recommendations
/// that name it, in order.
pub async fn partners_named(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
) -> Result<Vec<NamedPartner>, Error> {
    diesel::sql_query(
        "WITH recs AS ( \
             SELECT id, position, council_id, text FROM recommendations \
             WHERE review_id = $1 AND status <> 'withdrawn'), \
         named AS ( \
             SELECT coalesce(o.organisation_id, c.organisation_id) AS org, a.recommendation_id AS rec \
             FROM actions a JOIN recs ON recs.id = a.recommendation_id \
             JOIN action_owners o ON o.action_id = a.id \
             LEFT JOIN contacts c ON c.id = o.contact_id \
             UNION \
             SELECT e.organisation_id, e.recommendation_id FROM progress_entries e \
             JOIN recs ON recs.id = e.recommendation_id \
             UNION \
             SELECT p.partner_id, recs.id FROM recs \
             JOIN council_partners p ON p.council_id = recs.council_id \
             JOIN organisations po ON po.id = p.partner_id \
             WHERE strpos(lower(recs.text), lower(po.name)) > 0) \
         SELECT org.id AS organisation_id, org.name, \
                array_agg(recs.id ORDER BY recs.position, recs.id) AS recommendation_ids \
         FROM named JOIN organisations org ON org.id = named.org AND org.kind <> 'council' \
         JOIN recs ON recs.id = named.rec \
         GROUP BY org.id, org.name ORDER BY org.name",
    )
    .bind::<diesel::sql_types::Uuid, _>(review_id)
    .kept().load(conn)
    .await
}

/// An awaited response due within the window the scheduler looks at, with what its council's
/// settings say about reminders.
#[derive(Debug, Clone, QueryableByName)]
pub struct AwaitedResponse {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub council_id: Uuid,
    #[diesel(sql_type = Text)]
    pub council_name: String,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub review_id: Uuid,
    #[diesel(sql_type = Text)]
    pub review_title: String,
    #[diesel(sql_type = Text)]
    pub responder_kind: String,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub organisation_id: Uuid,
    #[diesel(sql_type = Text)]
    pub responder_name: String,
    #[diesel(sql_type = Date)]
    pub report_received_on: NaiveDate,
    #[diesel(sql_type = Date)]
    pub due_on: NaiveDate,
    #[diesel(embed)]
    pub notices: crate::queries::email::NoticeSettings,
}

/// Awaited responses due between `from` and `to` (`statutory_responses_awaited_idx`), soonest
/// first.
pub async fn awaited_between(
    conn: &mut AsyncPgConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<AwaitedResponse>, Error> {
    diesel::sql_query(
        "SELECT r.id, r.council_id, c.name AS council_name, r.review_id, v.title AS review_title, \
                r.responder_kind, r.organisation_id, r.responder_name, r.report_received_on, \
                r.due_on, \
                coalesce(s.reminder_days_before, 14) AS reminder_days_before, \
                coalesce(s.chaser_interval_days, 7) AS chaser_interval_days, \
                coalesce(s.time_zone, 'Europe/London') AS time_zone \
         FROM statutory_responses r \
         JOIN reviews v ON v.id = r.review_id \
         JOIN organisations c ON c.id = r.council_id \
         LEFT JOIN council_settings s ON s.council_id = r.council_id \
         WHERE r.state = 'awaited' AND r.due_on BETWEEN $1 AND $2 \
         ORDER BY r.due_on, r.id",
    )
    .bind::<Date, _>(from)
    .bind::<Date, _>(to)
    .kept()
    .load(conn)
    .await
}

/// Counts of a scope's awaited responses: overdue (due before `on`) and due by `until`.
#[derive(Debug, Clone, Copy, Default, QueryableByName)]
pub struct Counts {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub overdue: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub due_soon: i64,
}

pub async fn awaited_counts(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    on: NaiveDate,
    until: NaiveDate,
) -> Result<Counts, Error> {
    let (column, key) = match scope {
        Scope::All => ("NULL::uuid", None),
        Scope::Council(c) => ("council_id", Some(c)),
        Scope::Responsible(o) => ("organisation_id", Some(o)),
    };
    diesel::sql_query(format!(
        "SELECT count(*) FILTER (WHERE due_on < $1) AS overdue, \
                count(*) FILTER (WHERE due_on >= $1 AND due_on <= $2) AS due_soon \
         FROM statutory_responses \
         WHERE state = 'awaited' AND ($3::uuid IS NULL OR {column} = $3)"
    ))
    .bind::<Date, _>(on)
    .bind::<Date, _>(until)
    .bind::<Nullable<diesel::sql_types::Uuid>, _>(key)
    .kept()
    .get_result(conn)
    .await
}

/// Review titles by id.
pub async fn review_titles(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, String)>, Error> {
    crate::schema::reviews::table
        .filter(crate::schema::reviews::id.eq_any(ids))
        .select((crate::schema::reviews::id, crate::schema::reviews::title))
        .load(conn)
        .await
}

/// Deletes a response, its items and its reminders.
pub async fn delete(conn: &mut AsyncPgConnection, id: Uuid) -> Result<usize, Error> {
    diesel::delete(
        statutory_response_items::table.filter(statutory_response_items::response_id.eq(id)),
    )
    .execute(conn)
    .await?;
    // Its reminders go with it (their queueing stays in the audit trail).
    diesel::delete(
        crate::schema::email_outbox::table.filter(crate::schema::email_outbox::response_id.eq(id)),
    )
    .execute(conn)
    .await?;
    diesel::delete(sr::table.find(id)).execute(conn).await
}
