//! Calendar feeds (see the migration `calendar_feeds`) and the dated items they show.
use crate::prepared::KeepDsl;
use crate::schema::calendar_feeds as cf;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel::sql_types::{Bool, Date, Nullable, Text, Timestamptz};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

type SqlUuid = diesel::sql_types::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = cf, check_for_backend(diesel::pg::Pg))]
pub struct Feed {
    pub id: Uuid,
    pub token_sha256: String,
    pub kind: String,
    pub name: String,
    pub user_id: Uuid,
    pub council_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub committee_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_read_at: Option<DateTime<Utc>>,
}

pub async fn insert(conn: &mut AsyncPgConnection, f: &Feed) -> Result<(), Error> {
    diesel::insert_into(cf::table)
        .values(f)
        .execute(conn)
        .await
        .map(|_| ())
}

/// A user's feeds (revoked ones too), oldest first.
pub async fn of_user(conn: &mut AsyncPgConnection, user_id: Uuid) -> Result<Vec<Feed>, Error> {
    cf::table
        .filter(cf::user_id.eq(user_id))
        .order((cf::created_at.asc(), cf::id.asc()))
        .limit(200)
        .select(Feed::as_select())
        .load(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Feed>, Error> {
    cf::table
        .find(id)
        .select(Feed::as_select())
        .first(conn)
        .await
        .optional()
}

/// The live feed of a token's hash.
pub async fn by_token(conn: &mut AsyncPgConnection, sha256: &str) -> Result<Option<Feed>, Error> {
    cf::table
        .filter(cf::token_sha256.eq(sha256))
        .filter(cf::revoked_at.is_null())
        .select(Feed::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn revoke(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Feed, Error> {
    diesel::update(cf::table.find(id))
        .set(cf::revoked_at.eq(Some(Utc::now())))
        .returning(Feed::as_returning())
        .get_result(conn)
        .await
}

pub async fn touch(conn: &mut AsyncPgConnection, id: Uuid) -> Result<(), Error> {
    diesel::update(cf::table.find(id))
        .set(cf::last_read_at.eq(Some(Utc::now())))
        .execute(conn)
        .await
        .map(|_| ())
}

/// Which items a feed shows: one council's, a partner's, one committee's (any may combine).
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemFilter {
    pub council_id: Option<Uuid>,
    /// A partner: the items of what it is responsible for.
    pub partner_id: Option<Uuid>,
    pub committee_id: Option<Uuid>,
}

/// One dated item of a feed.
#[derive(Debug, Clone, QueryableByName)]
pub struct Item {
    /// Stable: "milestone-{id}", "round-deadline-{id}", …
    #[diesel(sql_type = Text)]
    pub uid: String,
    /// milestone, round_deadline, meeting, call_in, response_due.
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Nullable<Date>)]
    pub day: Option<NaiveDate>,
    /// "month" for a milestone given as a month.
    #[diesel(sql_type = Nullable<Text>)]
    pub precision: Option<String>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub detail: Option<String>,
    #[diesel(sql_type = Text)]
    pub review_title: String,
    #[diesel(sql_type = SqlUuid)]
    pub review_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub council_id: Uuid,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub calendar_id: Option<Uuid>,
    #[diesel(sql_type = Timestamptz)]
    pub updated_at: DateTime<Utc>,
    #[diesel(sql_type = Bool)]
    pub done: bool,
}

/// The most items a feed holds (the latest and coming ones).
pub const MAX_ITEMS: i64 = 2000;

/// The dated items a filter selects: milestones of actions in agreed plans (met ones marked), open
/// rounds'
/// deadlines, committee and Cabinet meetings, call-in deadlines, statutory responses awaited.
pub async fn items(conn: &mut AsyncPgConnection, f: ItemFilter) -> Result<Vec<Item>, Error> {
    diesel::sql_query(
        "WITH inv AS ( \
             SELECT DISTINCT a.review_id FROM actions a \
             JOIN action_owners o ON o.action_id = a.id \
             LEFT JOIN contacts c ON c.id = o.contact_id \
             WHERE $2::uuid IS NOT NULL AND coalesce(o.organisation_id, c.organisation_id) = $2) \
         SELECT e.*, s.calendar_id FROM ( \
           SELECT 'milestone-' || m.id AS uid, 'milestone' AS kind, m.due_by AS day, \
                  m.due_precision AS precision, NULL::timestamptz AS at, \
                  coalesce(m.label, 'Milestone') AS title, \
                  'Recommendation ' || rec.number || ': ' || a.proposed_actions AS detail, \
                  rv.title AS review_title, rv.id AS review_id, a.council_id, a.updated_at, \
                  (m.completed_on IS NOT NULL OR a.status = 'complete') AS done \
           FROM milestones m JOIN actions a ON a.id = m.action_id \
           JOIN action_plans p ON p.id = a.plan_id \
           JOIN recommendations rec ON rec.id = a.recommendation_id \
           JOIN reviews rv ON rv.id = a.review_id \
           WHERE m.due_by IS NOT NULL AND a.status <> 'withdrawn' \
             AND p.status IN ('agreed', 'signed_off') \
             AND ($1::uuid IS NULL OR a.council_id = $1) \
             AND ($3::uuid IS NULL OR rv.committee_id = $3) \
             AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM action_owners o \
                  LEFT JOIN contacts c ON c.id = o.contact_id WHERE o.action_id = a.id \
                  AND coalesce(o.organisation_id, c.organisation_id) = $2)) \
           UNION ALL \
           SELECT 'round-deadline-' || r.id, 'round_deadline', r.deadline, 'day', NULL, \
                  'Progress update due: ' || r.label, NULL, rv.title, rv.id, r.council_id, \
                  r.updated_at, false \
           FROM progress_rounds r JOIN reviews rv ON rv.id = r.review_id \
           WHERE r.status = 'open' \
             AND ($1::uuid IS NULL OR r.council_id = $1) \
             AND ($3::uuid IS NULL OR r.committee_id = $3) \
             AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM progress_entries pe \
                  WHERE pe.round_id = r.id AND pe.organisation_id = $2)) \
           UNION ALL \
           SELECT 'round-meeting-' || r.id, 'meeting', r.meeting_date, 'day', NULL, \
                  cm.name || ': progress update ' || r.label, NULL, rv.title, rv.id, \
                  r.council_id, r.updated_at, false \
           FROM progress_rounds r JOIN reviews rv ON rv.id = r.review_id \
           JOIN committees cm ON cm.id = r.committee_id \
           WHERE r.meeting_date IS NOT NULL \
             AND ($1::uuid IS NULL OR r.council_id = $1) \
             AND ($3::uuid IS NULL OR r.committee_id = $3) \
             AND ($2::uuid IS NULL OR rv.id IN (SELECT review_id FROM inv)) \
           UNION ALL \
           SELECT 'decision-meeting-' || d.id, 'meeting', d.meeting_date, 'day', NULL, \
                  d.body || ' meeting: ' || d.item_title, d.reference, rv.title, rv.id, \
                  d.council_id, d.updated_at, false \
           FROM decisions d JOIN reviews rv ON rv.id = d.review_id \
           WHERE ($1::uuid IS NULL OR d.council_id = $1) \
             AND ($3::uuid IS NULL OR rv.committee_id = $3) \
             AND ($2::uuid IS NULL OR rv.id IN (SELECT review_id FROM inv)) \
           UNION ALL \
           SELECT 'call-in-' || d.id, 'call_in', NULL, NULL, d.computed_call_in_deadline, \
                  'Call-in deadline: ' || d.item_title, d.call_in_state, rv.title, rv.id, \
                  d.council_id, d.updated_at, d.call_in_state <> 'open' \
           FROM decisions d JOIN reviews rv ON rv.id = d.review_id \
           WHERE d.computed_call_in_deadline IS NOT NULL \
             AND ($1::uuid IS NULL OR d.council_id = $1) \
             AND ($3::uuid IS NULL OR rv.committee_id = $3) \
             AND ($2::uuid IS NULL OR rv.id IN (SELECT review_id FROM inv)) \
           UNION ALL \
           SELECT 'response-' || sr.id, 'response_due', sr.due_on, 'day', NULL, \
                  'Response due: ' || sr.responder_name, NULL, rv.title, rv.id, sr.council_id, \
                  sr.updated_at, false \
           FROM statutory_responses sr JOIN reviews rv ON rv.id = sr.review_id \
           WHERE sr.state = 'awaited' \
             AND ($1::uuid IS NULL OR sr.council_id = $1) \
             AND ($3::uuid IS NULL OR rv.committee_id = $3) \
             AND ($2::uuid IS NULL OR sr.organisation_id = $2) \
         ) e \
         LEFT JOIN council_settings s ON s.council_id = e.council_id \
         ORDER BY coalesce(e.day, e.at::date) DESC, e.uid \
         LIMIT $4",
    )
    .bind::<Nullable<SqlUuid>, _>(f.council_id)
    .bind::<Nullable<SqlUuid>, _>(f.partner_id)
    .bind::<Nullable<SqlUuid>, _>(f.committee_id)
    .bind::<diesel::sql_types::BigInt, _>(MAX_ITEMS)
    .kept()
    .load(conn)
    .await
}
