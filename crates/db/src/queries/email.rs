//! The email outbox: one row per email, queued once per (purpose, round, recipient, day), sent
//! by a worker that locks the row (`FOR UPDATE SKIP LOCKED`), sends it and marks it sent in the
//! same transaction.
use crate::prepared::KeepDsl;
use crate::queries::jobs::Backoff;
use crate::schema::email_outbox;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel::sql_types::{Double, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = email_outbox, check_for_backend(diesel::pg::Pg))]
pub struct Email {
    pub id: Uuid,
    pub purpose: String,
    pub council_id: Uuid,
    pub round_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub recipient: String,
    pub recipient_name: Option<String>,
    pub recipient_user_id: Option<Uuid>,
    pub day: NaiveDate,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub state: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub message_id: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = email_outbox)]
pub struct NewEmail<'a> {
    pub id: Uuid,
    pub purpose: &'a str,
    pub council_id: Uuid,
    pub round_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub recipient: &'a str,
    pub recipient_name: Option<&'a str>,
    pub recipient_user_id: Option<Uuid>,
    pub day: NaiveDate,
    pub subject: &'a str,
    pub text_body: &'a str,
    pub html_body: &'a str,
    pub max_attempts: i32,
    /// The milestone a milestone notice is about.
    pub milestone_id: Option<Uuid>,
    /// The statutory response a response notice is about.
    pub response_id: Option<Uuid>,
    /// The webhook subscription a notice is about.
    pub subscription_id: Option<Uuid>,
}

/// Queues an email unless one with the same (purpose, round, recipient, day) exists, whatever
/// its state; returns the new row, or `None` when it was queued before.
pub async fn enqueue(
    conn: &mut AsyncPgConnection,
    new: &NewEmail<'_>,
) -> Result<Option<Email>, Error> {
    diesel::insert_into(email_outbox::table)
        .values(new)
        .on_conflict_do_nothing()
        .returning(Email::as_returning())
        .get_result(conn)
        .await
        .optional()
}

/// Locks the next email due for sending, skipping rows another sender holds. Call inside the
/// transaction that will mark it sent or failed.
pub async fn lock_next_due(conn: &mut AsyncPgConnection) -> Result<Option<Email>, Error> {
    email_outbox::table
        .filter(email_outbox::state.eq(PENDING))
        .filter(email_outbox::next_attempt_at.le(diesel::dsl::now))
        .order((email_outbox::next_attempt_at, email_outbox::id))
        .select(Email::as_select())
        .for_update()
        .skip_locked()
        .first(conn)
        .await
        .optional()
}

/// Marks a (locked) email sent.
pub async fn mark_sent(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    message_id: &str,
) -> Result<Email, Error> {
    diesel::update(email_outbox::table.find(id))
        .set((
            email_outbox::state.eq(SENT),
            email_outbox::attempts.eq(email_outbox::attempts + 1),
            email_outbox::message_id.eq(message_id),
            email_outbox::sent_at.eq(diesel::dsl::now),
            email_outbox::last_error.eq(None::<String>),
            email_outbox::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Email::as_returning())
        .get_result(conn)
        .await
}

/// Records a failed attempt on a (locked) email: it is tried again after the backoff, or marked
/// failed once it has had `max_attempts` or when the failure is `permanent` (the server refused
/// the recipient for good).
pub async fn record_failure(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    error: &str,
    backoff: &Backoff,
    permanent: bool,
) -> Result<Email, Error> {
    let current: Email = email_outbox::table
        .find(id)
        .select(Email::as_select())
        .first(conn)
        .await?;
    let attempts = current.attempts + 1;
    let error: String = error.chars().take(2000).collect();
    let state = if permanent || attempts >= current.max_attempts {
        FAILED
    } else {
        PENDING
    };
    diesel::sql_query(
        "UPDATE email_outbox SET attempts = attempts + 1, state = $2, last_error = $3, \
                next_attempt_at = now() + make_interval(secs => $4), updated_at = now() \
         WHERE id = $1 RETURNING *",
    )
    .bind::<diesel::sql_types::Uuid, _>(id)
    .bind::<Text, _>(state)
    .bind::<Text, _>(&error)
    .bind::<Double, _>(backoff.delay(attempts).as_secs_f64())
    .kept()
    .get_result(conn)
    .await
}

/// How many emails wait to be sent (due now or later).
pub async fn pending_count(conn: &mut AsyncPgConnection) -> Result<i64, Error> {
    email_outbox::table
        .filter(email_outbox::state.eq(PENDING))
        .count()
        .get_result(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Email>, Error> {
    email_outbox::table
        .find(id)
        .select(Email::as_select())
        .first(conn)
        .await
        .optional()
}

// ---- what reminders, chasers and digests are about ----------------------------------------------

/// An open progress round with what its council's settings say about reminders (the defaults
/// when the council has no settings row).
#[derive(Debug, Clone, QueryableByName)]
pub struct OpenRound {
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
    pub label: String,
    #[diesel(sql_type = diesel::sql_types::Date)]
    pub deadline: NaiveDate,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Date>)]
    pub meeting_date: Option<NaiveDate>,
    #[diesel(embed)]
    pub notices: NoticeSettings,
}

/// What a council's settings say about reminders and chasers (the defaults when it has no
/// settings row).
#[derive(Debug, Clone, QueryableByName)]
pub struct NoticeSettings {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pub reminder_days_before: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pub chaser_interval_days: i32,
    #[diesel(sql_type = Text)]
    pub time_zone: String,
}

/// A milestone not yet met of an open action in an agreed plan, due within the window the
/// scheduler looks at, with what its council's settings say about reminders.
#[derive(Debug, Clone, QueryableByName)]
pub struct DueMilestone {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub milestone_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    pub label: Option<String>,
    /// The last day it may be met: the day given, or the month's last day for "September 2022".
    #[diesel(sql_type = diesel::sql_types::Date)]
    pub due_by: NaiveDate,
    #[diesel(sql_type = Text)]
    pub due_precision: String,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub action_id: Uuid,
    #[diesel(sql_type = Text)]
    pub proposed_actions: String,
    #[diesel(sql_type = Text)]
    pub recommendation_number: String,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub council_id: Uuid,
    #[diesel(sql_type = Text)]
    pub council_name: String,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub review_id: Uuid,
    #[diesel(sql_type = Text)]
    pub review_title: String,
    #[diesel(embed)]
    pub notices: NoticeSettings,
}

/// The milestones still to meet of open actions in agreed plans that fall due between `from` and
/// `to` (`milestones_due_idx`), soonest first.
pub async fn due_milestones(
    conn: &mut AsyncPgConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DueMilestone>, Error> {
    diesel::sql_query(
        "SELECT m.id AS milestone_id, m.label, m.due_by, m.due_precision, a.id AS action_id, \
                a.proposed_actions, rec.number AS recommendation_number, a.council_id, \
                c.name AS council_name, a.review_id, v.title AS review_title, \
                coalesce(s.reminder_days_before, 14) AS reminder_days_before, \
                coalesce(s.chaser_interval_days, 7) AS chaser_interval_days, \
                coalesce(s.time_zone, 'Europe/London') AS time_zone \
         FROM milestones m \
         JOIN actions a ON a.id = m.action_id \
         JOIN action_plans p ON p.id = a.plan_id \
         JOIN recommendations rec ON rec.id = a.recommendation_id \
         JOIN reviews v ON v.id = a.review_id \
         JOIN organisations c ON c.id = a.council_id \
         LEFT JOIN council_settings s ON s.council_id = a.council_id \
         WHERE m.completed_on IS NULL AND m.due_by BETWEEN $1 AND $2 \
           AND a.status = 'open' AND p.status = 'agreed' \
           AND rec.withdrawn_reason IS NULL \
         ORDER BY m.due_by, m.id",
    )
    .bind::<diesel::sql_types::Date, _>(from)
    .bind::<diesel::sql_types::Date, _>(to)
    .kept()
    .load(conn)
    .await
}

/// A notice due for a milestone: its purpose (`milestone_reminder` or `milestone_chaser`) and day.
#[derive(Debug, Clone, Copy)]
pub struct MilestoneNotice<'a> {
    pub milestone_id: Uuid,
    pub action_id: Uuid,
    pub purpose: &'a str,
    pub day: NaiveDate,
}

/// An owner of a milestone's action, not yet sent the milestone's notice.
#[derive(Debug, Clone, QueryableByName)]
pub struct MilestoneOwner {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub milestone_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub organisation_id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
}

/// The partner organisations owning the action of each milestone of `notices` that have not had
/// that notice yet (no email of its purpose and day about the milestone to anyone of theirs), by
/// milestone, then name: one query for them all.
pub async fn milestone_owners_to_notify(
    conn: &mut AsyncPgConnection,
    notices: &[MilestoneNotice<'_>],
) -> Result<Vec<MilestoneOwner>, Error> {
    if notices.is_empty() {
        return Ok(Vec::new());
    }
    let milestones: Vec<Uuid> = notices.iter().map(|n| n.milestone_id).collect();
    let actions: Vec<Uuid> = notices.iter().map(|n| n.action_id).collect();
    let purposes: Vec<&str> = notices.iter().map(|n| n.purpose).collect();
    let days: Vec<NaiveDate> = notices.iter().map(|n| n.day).collect();
    diesel::sql_query(
        "SELECT DISTINCT due.milestone_id, o.id AS organisation_id, o.name \
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[]) \
              AS due (milestone_id, action_id, purpose, day) \
         JOIN action_owners ao ON ao.action_id = due.action_id \
         LEFT JOIN contacts ct ON ct.id = ao.contact_id \
         JOIN organisations o ON o.id = coalesce(ao.organisation_id, ct.organisation_id) \
         WHERE o.kind <> 'council' \
           AND NOT EXISTS (SELECT 1 FROM email_outbox x \
                            WHERE x.purpose = due.purpose AND x.round_id IS NULL \
                              AND x.milestone_id = due.milestone_id AND x.day = due.day \
                              AND x.organisation_id = o.id) \
         ORDER BY due.milestone_id, o.name",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(milestones)
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(actions)
    .bind::<diesel::sql_types::Array<Text>, _>(purposes)
    .bind::<diesel::sql_types::Array<diesel::sql_types::Date>, _>(days)
    .kept()
    .load(conn)
    .await
}

/// The councils whose weekly digest for one of `weeks` (their Mondays) is already in the outbox.
pub async fn councils_digested(
    conn: &mut AsyncPgConnection,
    weeks: &[NaiveDate],
) -> Result<Vec<(Uuid, NaiveDate)>, Error> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        council_id: Uuid,
        #[diesel(sql_type = diesel::sql_types::Date)]
        day: NaiveDate,
    }
    if weeks.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT DISTINCT council_id, day FROM email_outbox \
         WHERE purpose = 'digest' AND day = ANY($1)",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Date>, _>(weeks)
    .kept()
    .load(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.council_id, r.day)).collect())
}

/// An organisation owning an action, with the action.
#[derive(Debug, Clone, QueryableByName)]
pub struct OwnerOf {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub action_id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
}

/// The partner organisations owning each of `action_ids`, directly or through a named contact of
/// theirs (a council that owns an action itself is not reminded by email), by action, then name:
/// one query for them all.
pub async fn action_owners_in(
    conn: &mut AsyncPgConnection,
    action_ids: &[Uuid],
) -> Result<Vec<OwnerOf>, Error> {
    if action_ids.is_empty() {
        return Ok(Vec::new());
    }
    diesel::sql_query(
        "SELECT DISTINCT ao.action_id, o.name \
         FROM action_owners ao \
         LEFT JOIN contacts ct ON ct.id = ao.contact_id \
         JOIN organisations o ON o.id = coalesce(ao.organisation_id, ct.organisation_id) \
         WHERE ao.action_id = ANY($1) AND o.kind <> 'council' \
         ORDER BY ao.action_id, o.name",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(action_ids)
    .kept()
    .load(conn)
    .await
}

/// Every open round, soonest deadline first.
pub async fn open_rounds(conn: &mut AsyncPgConnection) -> Result<Vec<OpenRound>, Error> {
    diesel::sql_query(
        "SELECT r.id, r.council_id, c.name AS council_name, r.review_id, v.title AS review_title, \
                r.label, r.deadline, r.meeting_date, \
                coalesce(s.reminder_days_before, 14) AS reminder_days_before, \
                coalesce(s.chaser_interval_days, 7) AS chaser_interval_days, \
                coalesce(s.time_zone, 'Europe/London') AS time_zone \
         FROM progress_rounds r \
         JOIN reviews v ON v.id = r.review_id \
         JOIN organisations c ON c.id = r.council_id \
         LEFT JOIN council_settings s ON s.council_id = r.council_id \
         WHERE r.status = 'open' \
         ORDER BY r.deadline, r.id",
    )
    .kept()
    .load(conn)
    .await
}

/// The open round `id`, when it is still open.
pub async fn open_round(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<OpenRound>, Error> {
    Ok(open_rounds(conn).await?.into_iter().find(|r| r.id == id))
}

/// An entry a partner organisation still owes in a round (draft or returned).
#[derive(Debug, Clone, QueryableByName)]
pub struct OwedEntry {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub round_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub entry_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub organisation_id: Uuid,
    #[diesel(sql_type = Text)]
    pub organisation_name: String,
    #[diesel(sql_type = Text)]
    pub state: String,
    #[diesel(sql_type = Text)]
    pub recommendation_number: String,
    #[diesel(sql_type = Text)]
    pub recommendation_text: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    pub part_label: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    pub part_text: Option<String>,
}

/// A notice due in a round: its purpose (`reminder` or `chaser`) and its day.
#[derive(Debug, Clone, Copy)]
pub struct RoundNotice<'a> {
    pub round_id: Uuid,
    pub purpose: &'a str,
    pub day: NaiveDate,
}

/// What partners still owe in the rounds of `notices` (draft or returned entries), for the
/// organisations that have not had that notice yet (no email of its purpose and day to anyone of
/// theirs in the outbox): round by round, then by organisation, recommendation and part order, in
/// one query. Entries a council reports itself (its officers hear through their digest) and
/// withdrawn recommendations and parts are left out.
pub async fn owed_entries(
    conn: &mut AsyncPgConnection,
    notices: &[RoundNotice<'_>],
) -> Result<Vec<OwedEntry>, Error> {
    if notices.is_empty() {
        return Ok(Vec::new());
    }
    let rounds: Vec<Uuid> = notices.iter().map(|n| n.round_id).collect();
    let purposes: Vec<&str> = notices.iter().map(|n| n.purpose).collect();
    let days: Vec<NaiveDate> = notices.iter().map(|n| n.day).collect();
    diesel::sql_query(
        "SELECT e.round_id, e.id AS entry_id, e.organisation_id, o.name AS organisation_name, \
                e.state, rec.number AS recommendation_number, rec.text AS recommendation_text, \
                p.label AS part_label, p.text AS part_text \
         FROM unnest($1::uuid[], $2::text[], $3::date[]) AS due (round_id, purpose, day) \
         JOIN progress_entries e ON e.round_id = due.round_id \
         JOIN organisations o ON o.id = e.organisation_id \
         JOIN recommendations rec ON rec.id = e.recommendation_id \
         LEFT JOIN recommendation_parts p ON p.id = e.part_id \
         WHERE e.state IN ('draft', 'returned') AND o.kind <> 'council' \
           AND rec.withdrawn_reason IS NULL AND p.withdrawn_reason IS NULL \
           AND NOT EXISTS (SELECT 1 FROM email_outbox x \
                            WHERE x.round_id = due.round_id AND x.organisation_id = e.organisation_id \
                              AND x.purpose = due.purpose AND x.day = due.day) \
         ORDER BY e.round_id, o.name, e.organisation_id, rec.position, p.position NULLS FIRST, e.id",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(rounds)
    .bind::<diesel::sql_types::Array<Text>, _>(purposes)
    .bind::<diesel::sql_types::Array<diesel::sql_types::Date>, _>(days)
    .kept().load(conn)
    .await
}

/// The rounds of `notices` in which an organisation (not a council) with an active contributor
/// still owes anything and has not had the round's notice yet, from the counts kept per
/// organisation and round
/// (`round_entry_counts`): one query, whatever the number of entries. Rounds whose owing
/// organisations have all been sent the notice are left out, so that a notice "due" on every run
/// of its window costs nothing once it is queued.
pub async fn rounds_to_notify(
    conn: &mut AsyncPgConnection,
    notices: &[RoundNotice<'_>],
) -> Result<Vec<Uuid>, Error> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        round_id: Uuid,
    }
    if notices.is_empty() {
        return Ok(Vec::new());
    }
    let rounds: Vec<Uuid> = notices.iter().map(|n| n.round_id).collect();
    let purposes: Vec<&str> = notices.iter().map(|n| n.purpose).collect();
    let days: Vec<NaiveDate> = notices.iter().map(|n| n.day).collect();
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT DISTINCT due.round_id \
         FROM unnest($1::uuid[], $2::text[], $3::date[]) AS due (round_id, purpose, day) \
         JOIN round_entry_counts c ON c.round_id = due.round_id \
                                  AND c.state IN ('draft', 'returned') AND c.count > 0 \
         JOIN organisations o ON o.id = c.organisation_id AND o.kind <> 'council' \
         WHERE EXISTS (SELECT 1 FROM users u WHERE u.organisation_id = c.organisation_id \
                          AND u.role = 'contributor' AND u.active) \
           AND NOT EXISTS (SELECT 1 FROM email_outbox x \
                            WHERE x.round_id = due.round_id AND x.organisation_id = c.organisation_id \
                              AND x.purpose = due.purpose AND x.day = due.day)",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(rounds)
    .bind::<diesel::sql_types::Array<Text>, _>(purposes)
    .bind::<diesel::sql_types::Array<diesel::sql_types::Date>, _>(days)
    .kept().load(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.round_id).collect())
}

/// How much is owed in an open round: the entries still owed and the organisations owing them.
#[derive(Debug, Clone, Default, QueryableByName)]
pub struct OwedSummary {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub round_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub owed: i64,
    /// The organisations' names, in order.
    #[diesel(sql_type = diesel::sql_types::Array<Text>)]
    pub organisations: Vec<String>,
}

/// What is owed in every open round due on or before `due_by` that still has anything owed (the
/// same entries as [`owed_entries`]), in one query.
pub async fn owed_summaries(
    conn: &mut AsyncPgConnection,
    due_by: NaiveDate,
) -> Result<Vec<OwedSummary>, Error> {
    diesel::sql_query(
        "SELECT e.round_id, count(*) AS owed, \
                array_agg(DISTINCT o.name ORDER BY o.name) AS organisations \
         FROM progress_rounds r \
         JOIN progress_entries e ON e.round_id = r.id \
         JOIN organisations o ON o.id = e.organisation_id \
         JOIN recommendations rec ON rec.id = e.recommendation_id \
         LEFT JOIN recommendation_parts p ON p.id = e.part_id \
         WHERE r.status = 'open' AND r.deadline <= $1 AND e.state IN ('draft', 'returned') \
           AND rec.withdrawn_reason IS NULL AND p.withdrawn_reason IS NULL \
         GROUP BY e.round_id",
    )
    .bind::<diesel::sql_types::Date, _>(due_by)
    .kept()
    .load(conn)
    .await
}

/// Someone an email goes to.
#[derive(Debug, Clone, QueryableByName)]
pub struct Recipient {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub user_id: Uuid,
    #[diesel(sql_type = Text)]
    pub email: String,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub organisation_id: Uuid,
}

/// The active users of `role` in `organisation_id`, by email.
pub async fn active_users_with_role(
    conn: &mut AsyncPgConnection,
    organisation_id: Uuid,
    role: &str,
) -> Result<Vec<Recipient>, Error> {
    diesel::sql_query(
        "SELECT id AS user_id, email, name, organisation_id FROM users \
         WHERE organisation_id = $1 AND role = $2 AND active ORDER BY email",
    )
    .bind::<diesel::sql_types::Uuid, _>(organisation_id)
    .bind::<Text, _>(role)
    .kept()
    .load(conn)
    .await
}

/// The active users of `role` in each of `organisation_ids`, by organisation and email: one query
/// for them all.
pub async fn active_users_with_role_in(
    conn: &mut AsyncPgConnection,
    organisation_ids: &[Uuid],
    role: &str,
) -> Result<Vec<Recipient>, Error> {
    if organisation_ids.is_empty() {
        return Ok(Vec::new());
    }
    diesel::sql_query(
        "SELECT id AS user_id, email, name, organisation_id FROM users \
         WHERE organisation_id = ANY($1) AND role = $2 AND active ORDER BY organisation_id, email",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(organisation_ids)
    .bind::<Text, _>(role)
    .kept()
    .load(conn)
    .await
}

/// A submission waiting for a council's officers to assess it.
#[derive(Debug, Clone, QueryableByName)]
pub struct AwaitingAssessment {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub entry_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub review_id: Uuid,
    #[diesel(sql_type = Text)]
    pub review_title: String,
    #[diesel(sql_type = Text)]
    pub round_label: String,
    #[diesel(sql_type = Text)]
    pub recommendation_number: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    pub part_label: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    pub organisation_name: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>)]
    pub submitted_at: Option<DateTime<Utc>>,
}

/// The submitted entries of a council's open rounds, oldest submission first.
pub async fn awaiting_assessment(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
) -> Result<Vec<AwaitingAssessment>, Error> {
    diesel::sql_query(
        "SELECT e.id AS entry_id, e.review_id, v.title AS review_title, r.label AS round_label, \
                rec.number AS recommendation_number, p.label AS part_label, \
                o.name AS organisation_name, e.submitted_at \
         FROM progress_entries e \
         JOIN progress_rounds r ON r.id = e.round_id \
         JOIN reviews v ON v.id = e.review_id \
         JOIN recommendations rec ON rec.id = e.recommendation_id \
         LEFT JOIN recommendation_parts p ON p.id = e.part_id \
         LEFT JOIN organisations o ON o.id = e.organisation_id \
         WHERE e.council_id = $1 AND e.state = 'submitted' AND r.status = 'open' \
         ORDER BY e.submitted_at NULLS LAST, v.title, rec.position, p.position NULLS FIRST, e.id",
    )
    .bind::<diesel::sql_types::Uuid, _>(council_id)
    .kept()
    .load(conn)
    .await
}
