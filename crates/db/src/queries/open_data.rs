//! Open data: what a council publishes anyway, read without signing in. Only published records:
//! reviews from the committee's approval of the report on (never withdrawn ones), their
//! recommendations (not withdrawn), Cabinet's decisions once published, agreed action plans with
//! the organisations responsible (never contacts), and the grades the committee accepted (never
//! drafts, submissions, returns or officers' grades). Attachments are never included.
use crate::prepared::KeepDsl;
use diesel::result::Error;
use diesel::sql_types::{BigInt, Jsonb, Nullable, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

type SqlUuid = diesel::sql_types::Uuid;

/// The review statuses from which a review is public.
pub const PUBLISHED: &str =
    "('approved_by_committee', 'decided_by_cabinet', 'action_plan_agreed', \
                             'monitoring', 'signed_off')";

#[derive(Debug, Clone, diesel::QueryableByName)]
struct Doc {
    #[diesel(sql_type = Jsonb)]
    doc: serde_json::Value,
}

/// The councils, each with how many reviews it publishes.
pub async fn councils(conn: &mut AsyncPgConnection) -> Result<serde_json::Value, Error> {
    let row: Doc = diesel::sql_query(format!(
        "SELECT coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name, \
                'published_reviews', (SELECT count(*) FROM reviews rv WHERE rv.council_id = o.id \
                                      AND rv.status IN {PUBLISHED})) ORDER BY o.name, o.id), \
                '[]'::jsonb) AS doc \
         FROM organisations o WHERE o.kind = 'council'"
    ))
    .kept()
    .get_result(conn)
    .await?;
    Ok(row.doc)
}

/// A page of published reviews (of one council, or all), by title: a JSON array.
pub async fn reviews(
    conn: &mut AsyncPgConnection,
    council: Option<Uuid>,
    after: Option<(String, Uuid)>,
    limit: i64,
) -> Result<serde_json::Value, Error> {
    let (after_title, after_id) = match after {
        Some((t, id)) => (Some(t), Some(id)),
        None => (None, None),
    };
    let row: Doc = diesel::sql_query(format!(
        "SELECT coalesce(jsonb_agg(r ORDER BY r.title, r.id), '[]'::jsonb) AS doc FROM ( \
           SELECT rv.id, rv.title, rv.review_type, rv.work_programme_year, rv.status, rv.summary, \
                  rv.council_id, c.name AS council_name, cm.name AS committee \
           FROM reviews rv JOIN organisations c ON c.id = rv.council_id \
           JOIN committees cm ON cm.id = rv.committee_id \
           WHERE rv.status IN {PUBLISHED} AND ($1::uuid IS NULL OR rv.council_id = $1) \
             AND ($2::text IS NULL OR (rv.title, rv.id) > ($2, $3::uuid)) \
           ORDER BY rv.title, rv.id LIMIT $4) r"
    ))
    .bind::<Nullable<SqlUuid>, _>(council)
    .bind::<Nullable<Text>, _>(after_title)
    .bind::<Nullable<SqlUuid>, _>(after_id)
    .bind::<BigInt, _>(limit)
    .kept()
    .get_result(conn)
    .await?;
    Ok(row.doc)
}

/// One published review with its recommendations (each with its latest accepted grade), Cabinet's
/// published decisions and its agreed action plan; `None` when it is not published.
pub async fn review(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<serde_json::Value>, Error> {
    let row: Option<Doc> = diesel::sql_query(format!(
        "SELECT jsonb_build_object( \
           'id', rv.id, 'title', rv.title, 'review_type', rv.review_type, \
           'work_programme_year', rv.work_programme_year, 'status', rv.status, \
           'summary', rv.summary, 'council_id', c.id, 'council_name', c.name, \
           'committee', cm.name, \
           'recommendations', coalesce((SELECT jsonb_agg(jsonb_build_object( \
               'id', r.id, 'number', r.number, 'text', r.text, 'status', r.status, \
               'parts', coalesce((SELECT jsonb_agg(jsonb_build_object('label', p.label, \
                   'text', p.text) ORDER BY p.position) FROM recommendation_parts p \
                   WHERE p.recommendation_id = r.id AND p.withdrawn_reason IS NULL), '[]'::jsonb), \
               'latest_accepted_grade', (SELECT jsonb_build_object('grade', e.accepted_grade, \
                   'round', pr.label, 'meeting_date', e.accepted_meeting_date) \
                   FROM progress_entries e JOIN progress_rounds pr ON pr.id = e.round_id \
                   WHERE e.recommendation_id = r.id AND e.part_id IS NULL \
                     AND e.state = 'accepted' AND e.accepted_grade IS NOT NULL \
                   ORDER BY pr.sequence DESC LIMIT 1) \
             ) ORDER BY r.position, r.id) FROM recommendations r \
             WHERE r.review_id = rv.id AND r.status <> 'withdrawn'), '[]'::jsonb), \
           'decisions', coalesce((SELECT jsonb_agg(jsonb_build_object( \
               'id', d.id, 'body', d.body, 'meeting_date', d.meeting_date, \
               'item_title', d.item_title, 'decision_text', d.decision_text, \
               'reasons', d.reasons, 'alternatives', d.alternatives, 'reference', d.reference, \
               'published_on', d.published_on, 'call_in_state', d.call_in_state, \
               'call_in_deadline', d.computed_call_in_deadline, \
               'resolutions', coalesce((SELECT jsonb_agg(jsonb_build_object('number', dr.number, \
                   'text', dr.text, 'parts', coalesce((SELECT jsonb_agg(jsonb_build_object( \
                   'label', dp.label, 'text', dp.text) ORDER BY dp.position) \
                   FROM decision_resolution_parts dp WHERE dp.resolution_id = dr.id), '[]'::jsonb)) \
                   ORDER BY dr.position) FROM decision_resolutions dr \
                   WHERE dr.decision_id = d.id), '[]'::jsonb) \
             ) ORDER BY d.meeting_date, d.id) FROM decisions d \
             WHERE d.review_id = rv.id AND d.published_on IS NOT NULL), '[]'::jsonb), \
           'action_plan', (SELECT jsonb_build_object('title', ap.title, 'status', ap.status, \
               'agreed_on', ap.agreed_on, 'agreed_on_precision', ap.agreed_on_precision, \
               'actions', coalesce((SELECT jsonb_agg(jsonb_build_object( \
                   'recommendation_number', rr.number, 'proposed_actions', a.proposed_actions, \
                   'success_measures', to_jsonb(a.success_measures), 'status', a.status, \
                   'responsible', CASE WHEN a.responsible_all THEN '[\"All partners\"]'::jsonb \
                       ELSE coalesce((SELECT jsonb_agg(DISTINCT o.name) FROM action_owners ow \
                       LEFT JOIN contacts ct ON ct.id = ow.contact_id \
                       JOIN organisations o ON o.id = coalesce(ow.organisation_id, ct.organisation_id) \
                       WHERE ow.action_id = a.id), '[]'::jsonb) END, \
                   'milestones', coalesce((SELECT jsonb_agg(jsonb_build_object('due_on', m.due_on, \
                       'precision', m.due_precision, 'label', m.label, \
                       'met', m.completed_on IS NOT NULL) ORDER BY m.position) FROM milestones m \
                       WHERE m.action_id = a.id), '[]'::jsonb) \
                 ) ORDER BY rr.position, a.position) FROM actions a \
                 JOIN recommendations rr ON rr.id = a.recommendation_id \
                 WHERE a.plan_id = ap.id AND a.status <> 'withdrawn' \
                   AND rr.status <> 'withdrawn'), '[]'::jsonb)) \
             FROM action_plans ap WHERE ap.review_id = rv.id \
               AND ap.status IN ('agreed', 'signed_off')) \
         ) AS doc \
         FROM reviews rv JOIN organisations c ON c.id = rv.council_id \
         JOIN committees cm ON cm.id = rv.committee_id \
         WHERE rv.id = $1 AND rv.status IN {PUBLISHED}"
    ))
    .bind::<SqlUuid, _>(id)
    .kept().get_result(conn)
    .await
    .map(Some)
    .or_else(|e| match e {
        Error::NotFound => Ok(None),
        e => Err(e),
    })?;
    Ok(row.map(|r| r.doc))
}

/// One row of the recommendations CSV.
#[derive(Debug, Clone, diesel::QueryableByName)]
pub struct RecommendationRow {
    #[diesel(sql_type = Text)]
    pub council: String,
    #[diesel(sql_type = Text)]
    pub committee: String,
    #[diesel(sql_type = Text)]
    pub review: String,
    #[diesel(sql_type = Text)]
    pub number: String,
    #[diesel(sql_type = Text)]
    pub text: String,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub accepted_grade: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub round: Option<String>,
    #[diesel(sql_type = SqlUuid)]
    pub council_id: Uuid,
}

/// The published recommendations of one council (or all), with their latest accepted grades; at
/// most `limit`.
pub async fn recommendations(
    conn: &mut AsyncPgConnection,
    council: Option<Uuid>,
    limit: i64,
) -> Result<Vec<RecommendationRow>, Error> {
    diesel::sql_query(format!(
        "SELECT c.name AS council, cm.name AS committee, rv.title AS review, r.number, r.text, \
                r.status, g.accepted_grade, g.label AS round, c.id AS council_id \
         FROM recommendations r JOIN reviews rv ON rv.id = r.review_id \
         JOIN organisations c ON c.id = rv.council_id JOIN committees cm ON cm.id = rv.committee_id \
         LEFT JOIN LATERAL (SELECT e.accepted_grade, pr.label FROM progress_entries e \
             JOIN progress_rounds pr ON pr.id = e.round_id \
             WHERE e.recommendation_id = r.id AND e.part_id IS NULL AND e.state = 'accepted' \
               AND e.accepted_grade IS NOT NULL \
             ORDER BY pr.sequence DESC LIMIT 1) g ON true \
         WHERE rv.status IN {PUBLISHED} AND r.status <> 'withdrawn' \
           AND ($1::uuid IS NULL OR rv.council_id = $1) \
         ORDER BY c.name, rv.title, r.position, r.id LIMIT $2"
    ))
    .bind::<Nullable<SqlUuid>, _>(council)
    .bind::<BigInt, _>(limit)
    .kept().load(conn)
    .await
}
