//! Set-up shared by the resource tests (on top of `helpers` and `support`): records inserted
//! straight into the database (committees, reviews, recommendations and their parts, action plans
//! and actions, which have their own endpoints tested elsewhere), requests with an optional
//! If-Match, and users signed in to organisations of their own.
use crate::helpers::{etag, TestApp, PASSWORD};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use reqwest::{Method, Response};
use scrutiny_db::schema::{
    action_owners, action_plans, actions, committees, milestones, recommendation_parts,
    recommendations, reviews,
};
use serde_json::{json, Value};
use uuid::Uuid;

/// The England and Wales calendar, seeded by the migrations.
pub const ENGLAND_AND_WALES: &str = "00000000-0000-7000-8000-000000000001";

// ---------------------------------------------------------------------------------------------
// Records straight into the database.

pub async fn conn(app: &TestApp) -> scrutiny_db::pool::PooledConnection {
    scrutiny_db::pool::unbound(&app.pool).await.unwrap()
}

/// A committee named `committee` and a task and finish review of it, of the 2021-2022 work
/// programme, at `status`; returns (committee, review).
pub async fn insert_review(
    conn: &mut scrutiny_db::AsyncPgConnection,
    council_id: Uuid,
    committee: &str,
    title: &str,
    status: &str,
) -> (Uuid, Uuid) {
    let committee_id = Uuid::now_v7();
    diesel::insert_into(committees::table)
        .values((
            committees::id.eq(committee_id),
            committees::council_id.eq(council_id),
            committees::name.eq(committee),
        ))
        .execute(conn)
        .await
        .unwrap();
    let review_id = Uuid::now_v7();
    diesel::insert_into(reviews::table)
        .values((
            reviews::id.eq(review_id),
            reviews::council_id.eq(council_id),
            reviews::committee_id.eq(committee_id),
            reviews::title.eq(title),
            reviews::review_type.eq("task_and_finish"),
            reviews::work_programme_year.eq("2021-2022"),
            reviews::status.eq(status),
        ))
        .execute(conn)
        .await
        .unwrap();
    (committee_id, review_id)
}

/// Recommendation `n` ("Recommendation n", at position n) of a review.
pub async fn insert_recommendation(
    conn: &mut scrutiny_db::AsyncPgConnection,
    council_id: Uuid,
    review_id: Uuid,
    n: i32,
) -> Uuid {
    let id = Uuid::now_v7();
    diesel::insert_into(recommendations::table)
        .values((
            recommendations::id.eq(id),
            recommendations::council_id.eq(council_id),
            recommendations::review_id.eq(review_id),
            recommendations::number.eq(n.to_string()),
            recommendations::position.eq(n),
            recommendations::text.eq(format!("Recommendation {n}")),
        ))
        .execute(conn)
        .await
        .unwrap();
    id
}

/// Parts of a recommendation ("Part a", ...), in the order of `labels`.
pub async fn insert_parts(
    conn: &mut scrutiny_db::AsyncPgConnection,
    rec: Uuid,
    labels: &[&str],
) -> Vec<Uuid> {
    let mut ids = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let id = Uuid::now_v7();
        diesel::insert_into(recommendation_parts::table)
            .values((
                recommendation_parts::id.eq(id),
                recommendation_parts::recommendation_id.eq(rec),
                recommendation_parts::label.eq(*label),
                recommendation_parts::position.eq(i as i32 + 1),
                recommendation_parts::text.eq(format!("Part {label}")),
            ))
            .execute(conn)
            .await
            .unwrap();
        ids.push(id);
    }
    ids
}

/// The action plan of a review: a draft, or agreed in the month of `agreed_on`.
pub async fn insert_action_plan(
    conn: &mut scrutiny_db::AsyncPgConnection,
    council_id: Uuid,
    review_id: Uuid,
    agreed_on: Option<NaiveDate>,
) -> Uuid {
    let id = Uuid::now_v7();
    diesel::insert_into(action_plans::table)
        .values((
            action_plans::id.eq(id),
            action_plans::council_id.eq(council_id),
            action_plans::review_id.eq(review_id),
            action_plans::agreed_on.eq(agreed_on),
            action_plans::agreed_on_precision.eq(agreed_on.map(|_| "month")),
            action_plans::status.eq(if agreed_on.is_some() {
                "agreed"
            } else {
                "draft"
            }),
        ))
        .execute(conn)
        .await
        .unwrap();
    id
}

/// The parts of recommendation 2 of the seed review.
pub const PARTS_2: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
/// The parts of recommendation 3 of the seed review.
pub const PARTS_3: [&str; 2] = ["a", "b"];

/// A review of the "Crime and Disorder Select Committee" with recommendations 1 to 4 (2 with
/// parts a to f, 3 with a and b), inserted directly.
pub struct Seed {
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub recs: Vec<Uuid>,
    /// Parts of recommendation 2, a to f.
    pub parts_2: Vec<Uuid>,
    /// Parts of recommendation 3, a and b.
    pub parts_3: Vec<Uuid>,
}

/// The seed review `title` of `council_id`, at `status`.
pub async fn seed_review(app: &TestApp, council_id: Uuid, title: &str, status: &str) -> Seed {
    let mut c = conn(app).await;
    let committee = "Crime and Disorder Select Committee";
    let (_, review_id) = insert_review(&mut c, council_id, committee, title, status).await;
    let mut recs = Vec::new();
    for n in 1..=4 {
        recs.push(insert_recommendation(&mut c, council_id, review_id, n).await);
    }
    let parts_2 = insert_parts(&mut c, recs[1], &PARTS_2).await;
    let parts_3 = insert_parts(&mut c, recs[2], &PARTS_3).await;
    Seed {
        council_id,
        review_id,
        recs,
        parts_2,
        parts_3,
    }
}

/// A milestone: (due_on, precision, due_by, label, completed_on).
pub type Due = (
    Option<NaiveDate>,
    Option<&'static str>,
    Option<NaiveDate>,
    Option<&'static str>,
    Option<NaiveDate>,
);

/// A milestone due in a month.
pub fn month(y: i32, m: u32) -> Due {
    let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap();
    let last = (28..=31)
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(y, m, d))
        .unwrap();
    (Some(first), Some("month"), Some(last), None, None)
}

pub struct NewAction<'a> {
    pub recommendation_id: Uuid,
    pub part_id: Option<Uuid>,
    pub proposed_actions: &'a str,
    pub responsibility_text: Option<&'a str>,
    pub responsible_all: bool,
    pub status: &'a str,
    /// (organisation, contact) of each owner.
    pub owners: Vec<(Option<Uuid>, Option<Uuid>)>,
    pub milestones: Vec<Due>,
}

impl<'a> NewAction<'a> {
    pub fn new(recommendation_id: Uuid, proposed_actions: &'a str) -> Self {
        Self {
            recommendation_id,
            part_id: None,
            proposed_actions,
            responsibility_text: None,
            responsible_all: false,
            status: "open",
            owners: Vec::new(),
            milestones: Vec::new(),
        }
    }
}

/// An action of the plan `plan_id` of the review `review_id`, with its owners and milestones.
pub async fn insert_action(
    app: &TestApp,
    review_id: Uuid,
    plan_id: Uuid,
    action: NewAction<'_>,
) -> Uuid {
    let mut c = conn(app).await;
    let council_id: Uuid = reviews::table
        .find(review_id)
        .select(reviews::council_id)
        .first(&mut c)
        .await
        .unwrap();
    let id = Uuid::now_v7();
    diesel::insert_into(actions::table)
        .values((
            actions::id.eq(id),
            actions::council_id.eq(council_id),
            actions::plan_id.eq(plan_id),
            actions::review_id.eq(review_id),
            actions::recommendation_id.eq(action.recommendation_id),
            actions::part_id.eq(action.part_id),
            actions::position.eq(1),
            actions::proposed_actions.eq(action.proposed_actions),
            actions::responsibility_text.eq(action.responsibility_text),
            actions::responsible_all.eq(action.responsible_all),
            actions::status.eq(action.status),
            actions::withdrawn_reason.eq((action.status == "withdrawn").then_some("test")),
        ))
        .execute(&mut c)
        .await
        .unwrap();
    for (i, (organisation, contact)) in action.owners.iter().enumerate() {
        diesel::insert_into(action_owners::table)
            .values((
                action_owners::action_id.eq(id),
                action_owners::position.eq(i as i32 + 1),
                action_owners::organisation_id.eq(*organisation),
                action_owners::contact_id.eq(*contact),
            ))
            .execute(&mut c)
            .await
            .unwrap();
    }
    for (i, (due_on, precision, due_by, label, completed_on)) in
        action.milestones.iter().enumerate()
    {
        diesel::insert_into(milestones::table)
            .values((
                milestones::id.eq(Uuid::now_v7()),
                milestones::action_id.eq(id),
                milestones::position.eq(i as i32 + 1),
                milestones::due_on.eq(*due_on),
                milestones::due_precision.eq(*precision),
                milestones::due_by.eq(*due_by),
                milestones::label.eq(*label),
                milestones::completed_on.eq(*completed_on),
            ))
            .execute(&mut c)
            .await
            .unwrap();
    }
    id
}

/// Runs one statement straight against the database, with `id` as its `$1` (to set up what the
/// API has no way to make, or to make it quickly).
pub async fn execute_for(app: &TestApp, sql: &str, id: Uuid) {
    diesel::sql_query(sql)
        .bind::<diesel::sql_types::Uuid, _>(id)
        .execute(&mut conn(app).await)
        .await
        .unwrap();
}

/// Makes `organisation` responsible for an action of the seed review (a draft plan, an action of
/// recommendation 1 and its owner row).
pub async fn make_responsible(app: &TestApp, seed: &Seed, organisation: Uuid) {
    let mut c = conn(app).await;
    let plan_id = insert_action_plan(&mut c, seed.council_id, seed.review_id, None).await;
    drop(c);
    let mut action = NewAction::new(seed.recs[0], "Review the Community Engagement Strategy");
    action.owners = vec![(Some(organisation), None)];
    insert_action(app, seed.review_id, plan_id, action).await;
}

// ---------------------------------------------------------------------------------------------
// Requests

/// Sends a request with an optional If-Match and an optional JSON body.
pub async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    if_match: Option<&str>,
    body: Option<&Value>,
) -> Response {
    let mut request = app.request(method, path, Some(token));
    if let Some(tag) = if_match {
        request = request.header("if-match", tag);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    request.send().await.unwrap()
}

/// POST of a JSON body, with an optional If-Match.
pub async fn post_with(
    app: &TestApp,
    path: &str,
    token: &str,
    if_match: Option<&str>,
    body: &Value,
) -> Response {
    send(app, Method::POST, path, token, if_match, Some(body)).await
}

/// PUT of a JSON body, with an optional If-Match.
pub async fn put_with(
    app: &TestApp,
    path: &str,
    token: &str,
    if_match: Option<&str>,
    body: &Value,
) -> Response {
    send(app, Method::PUT, path, token, if_match, Some(body)).await
}

/// GET read as JSON, whatever the status.
pub async fn get_json(app: &TestApp, path: &str, token: &str) -> Value {
    app.get(path, token).await.json().await.unwrap()
}

/// The ETag of a GET, whatever the status.
pub async fn etag_of(app: &TestApp, path: &str, token: &str) -> String {
    etag(&app.get(path, token).await)
}

/// The `action` of each event of a history or audit list.
pub fn event_actions(events: &Value) -> Vec<&str> {
    events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect()
}

/// A council's settings on `calendar_id`, call-in ending `days` working days after publication.
pub fn settings(calendar_id: &str, days: i64) -> Value {
    json!({"calendar_id": calendar_id, "call_in_working_days": days, "call_in_end_time": "23:59",
           "time_zone": "Europe/London", "first_update_months": 12})
}

// ---------------------------------------------------------------------------------------------
// Users

/// Creates a user of `role` in `organisation` and returns their access token.
pub async fn signed_in(app: &TestApp, email: &str, role: &str, organisation: Uuid) -> String {
    app.create_user(email, role, organisation).await;
    app.login(email, PASSWORD).await
}

/// An officer of a council of its own, named `council`; returns (token, council).
pub async fn officer_of_another_council(
    app: &TestApp,
    council: &str,
    email: &str,
) -> (String, Uuid) {
    let council_id = app.create_organisation(council, "council").await;
    (
        signed_in(app, email, "officer", council_id).await,
        council_id,
    )
}
