//! Reminders, chasers and the officers' digest, sent by the background jobs worker over SMTP to
//! a real SMTP server started here (`smtp_sink`), with "today" moved by `jobs_today_override`
//! and the server stopped and started again on the same database.
use crate::fixtures::{conn, insert_action, insert_action_plan, seed_review, NewAction, Seed};
use crate::helpers::{TestApp, PASSWORD};
use crate::smtp_sink::{Mail, SmtpSink};
use crate::support::{audit, current_etag, json_of};
use chrono::NaiveDate;
use diesel::sql_types::{BigInt, Text};
use diesel_async::RunQueryDsl;
use reqwest::StatusCode;
use scrutiny_server::settings::Settings;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;
use uuid::Uuid;

const PUBLIC_URL: &str = "https://scrutiny.council.example";
const REVIEW_TITLE: &str = "Police Communications & Engagement";
const WAIT: Duration = Duration::from_secs(20);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The round's deadline; the reminder (14 days before, the default) is on 31 October 2022.
fn deadline() -> NaiveDate {
    day(2022, 11, 14)
}

/// The worker on, sending to `port` without TLS, on `today`, with quick polls and retries.
fn jobs_on(port: u16, today: NaiveDate) -> impl FnOnce(&mut Settings) {
    move |s: &mut Settings| {
        s.jobs.enabled = true;
        s.jobs.smtp_host = Some("127.0.0.1".into());
        s.jobs.smtp_port = port;
        s.jobs.smtp_starttls = false;
        s.jobs.smtp_timeout_ms = 5_000;
        s.jobs.mail_from = "Scrutiny tracker <no-reply@council.example>".into();
        s.jobs.app_public_url = format!("{PUBLIC_URL}/");
        s.jobs.today_override = Some(today);
        s.jobs.poll_interval_ms = 100;
        s.jobs.schedule_interval_ms = 300;
        s.jobs.retry_base_ms = 200;
        s.jobs.retry_cap_ms = 800;
    }
}

/// The people and the open round every test starts from.
struct World {
    sink: SmtpSink,
    seed: Seed,
    round_id: Uuid,
    officer: String,
    /// Active contributors of Cleveland Police, which owes recommendations 1 and 2.
    police: [String; 2],
    police_org: Uuid,
    police_token: String,
    /// Cleveland Police's inactive contributor and its viewer: never written to.
    police_inactive: String,
    police_viewer: String,
    /// Cleveland Fire Brigade submitted its entries (recommendations 3 and 4).
    fire: String,
    /// North Tees NHS owes nothing in the round.
    health: String,
    /// The council's officers (the digest's readers), and an officer of another council.
    officers: [String; 2],
    other_officer: String,
}

async fn user(app: &TestApp, email: &str, role: &str, org: Uuid) -> Uuid {
    app.create_user(email, role, org).await
}

/// Entries of the round, as the admin sees them.
async fn entries(app: &TestApp, round_id: Uuid) -> Vec<Value> {
    let body = json_of(
        app.get(
            &format!("/api/v1/progress-entries?round_id={round_id}&limit=100"),
            &app.admin,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    body["items"].as_array().unwrap().clone()
}

/// A contributor fills in and submits an entry.
async fn submit(app: &TestApp, token: &str, entry_id: &str) {
    let path = format!("/api/v1/progress-entries/{entry_id}");
    let tag = current_etag(app, &path).await;
    let body = json!({"progress": "Work is complete.", "proposed_grade": "1",
                      "impact": {"kind": "none_undertaken"}});
    json_of(app.patch(&path, token, &tag, &body).await, StatusCode::OK).await;
    json_of(
        app.post(&format!("{path}/submit"), token, &json!({})).await,
        StatusCode::OK,
    )
    .await;
}

/// A seed review of the council with its plan agreed in March 2022, recommendation i's action
/// owned by `owners[i]`.
async fn agreed_review(app: &TestApp, title: &str, owners: &[Uuid]) -> Seed {
    let seed = seed_review(app, app.council_id, title, "action_plan_agreed").await;
    let mut c = conn(app).await;
    let plan = insert_action_plan(
        &mut c,
        app.council_id,
        seed.review_id,
        Some(day(2022, 3, 1)),
    )
    .await;
    drop(c);
    for (i, org) in owners.iter().enumerate() {
        let mut action = NewAction::new(seed.recs[i], "Agreed action");
        action.owners = vec![(Some(*org), None)];
        insert_action(app, seed.review_id, plan, action).await;
    }
    seed
}

/// Opens the review's round `label`, due on [`deadline`], through the API as `officer`.
async fn open_round(app: &TestApp, officer: &str, seed: &Seed, label: &str) -> Uuid {
    let round = json_of(
        app.post(
            &format!("/api/v1/reviews/{}/progress-rounds", seed.review_id),
            officer,
            &json!({"label": label, "deadline": deadline(), "meeting_date": "2022-11-24"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    round["id"].as_str().unwrap().parse().unwrap()
}

/// Starts the app with the worker off, builds the review, its agreed plan (recommendations 1
/// and 2 for the police, 3 and 4 for the fire brigade), the people, and opens the round through
/// the API; the fire brigade submits both its entries.
async fn world() -> (TestApp, World) {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn().await;
    let police_org = app.create_organisation("Cleveland Police", "police").await;
    let fire_org = app
        .create_organisation("Cleveland Fire Brigade", "fire")
        .await;
    let health_org = app.create_organisation("North Tees NHS", "health").await;
    let other_council = app
        .create_organisation("Hartlepool Borough Council", "council")
        .await;

    let police = [
        "jo.lang@police.example".to_owned(),
        "sam.hume@police.example".to_owned(),
    ];
    for email in &police {
        user(&app, email, "contributor", police_org).await;
    }
    let police_inactive = "gone@police.example".to_owned();
    let gone = user(&app, &police_inactive, "contributor", police_org).await;
    let path = format!("/api/v1/users/{gone}");
    let tag = current_etag(&app, &path).await;
    json_of(
        app.patch(&path, &app.admin, &tag, &json!({"active": false}))
            .await,
        StatusCode::OK,
    )
    .await;
    let police_viewer = "viewer@police.example".to_owned();
    user(&app, &police_viewer, "viewer", police_org).await;
    let fire = "crew@fire.example".to_owned();
    user(&app, &fire, "contributor", fire_org).await;
    let health = "nurse@nhs.example".to_owned();
    user(&app, &health, "contributor", health_org).await;
    let officers = [
        "marc.stephenson@stockton.example".to_owned(),
        "judy.trainer@stockton.example".to_owned(),
    ];
    for email in &officers {
        user(&app, email, "officer", app.council_id).await;
    }
    let other_officer = "officer@hartlepool.example".to_owned();
    user(&app, &other_officer, "officer", other_council).await;

    let seed = agreed_review(
        &app,
        REVIEW_TITLE,
        &[police_org, police_org, fire_org, fire_org],
    )
    .await;
    let officer = app.login(&officers[0], PASSWORD).await;
    let round_id = open_round(&app, &officer, &seed, "November 2022").await;

    let fire_token = app.login(&fire, PASSWORD).await;
    let all = entries(&app, round_id).await;
    assert_eq!(all.len(), 4, "one entry per recommendation: {all:?}");
    for entry in &all {
        if entry["organisation"]["id"] == fire_org.to_string() {
            submit(&app, &fire_token, entry["id"].as_str().unwrap()).await;
        }
    }
    let police_token = app.login(&police[0], PASSWORD).await;
    (
        app,
        World {
            sink,
            seed,
            round_id,
            officer,
            police,
            police_org,
            police_token,
            police_inactive,
            police_viewer,
            fire,
            health,
            officers,
            other_officer,
        },
    )
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let mut c = conn(app).await;
    diesel::sql_query(sql)
        .get_result::<Count>(&mut c)
        .await
        .unwrap()
        .n
}

/// Waits until the scheduler has run at least `runs` times since the (re)start and nothing is
/// left to do: no due job, no due email.
async fn settle(app: &TestApp, since: i64, runs: i64) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let done = count(
            app,
            "SELECT count(*) AS n FROM jobs WHERE kind = 'progress.schedule' AND state = 'done'",
        )
        .await;
        let busy = count(
            app,
            "SELECT (SELECT count(*) FROM jobs WHERE state = 'running' \
                        OR (state = 'pending' AND run_at <= now())) \
                  + (SELECT count(*) FROM email_outbox \
                        WHERE state = 'pending' AND next_attempt_at <= now()) AS n",
        )
        .await;
        if done >= since + runs && busy == 0 {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the worker did not settle: {done} scheduler runs (wanted {}), {busy} due",
            since + runs
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Scheduler runs so far.
async fn runs(app: &TestApp) -> i64 {
    count(
        app,
        "SELECT count(*) AS n FROM jobs WHERE kind = 'progress.schedule' AND state = 'done'",
    )
    .await
}

/// Restarts the app on `today` and waits for the scheduler to have run at least `min_runs`
/// times on it.
async fn restart_on(app: &mut TestApp, w: &World, today: NaiveDate, min_runs: i64) {
    let before = runs(app).await;
    app.restart_with(jobs_on(w.sink.port, today)).await;
    settle(app, before, min_runs).await;
}

fn to(mails: &[Mail], prefix: &str) -> Vec<(String, Mail)> {
    mails
        .iter()
        .filter(|m| m.subject.starts_with(prefix))
        .map(|m| (m.to.clone(), m.clone()))
        .collect()
}

fn recipients(mails: &[(String, Mail)]) -> BTreeSet<String> {
    mails.iter().map(|(to, _)| to.clone()).collect()
}

fn set(emails: &[&String]) -> BTreeSet<String> {
    emails.iter().map(|e| (*e).clone()).collect()
}

const REMINDER: &str = "Progress update due";
const CHASER: &str = "Overdue progress update";
const DIGEST: &str = "Scrutiny progress: weekly summary";

#[tokio::test]
async fn a_reminder_goes_once_to_the_contributors_of_each_organisation_that_owes() {
    let (mut app, w) = world().await;
    // 4 November: the reminder day (31 October) has passed, the deadline has not.
    restart_on(&mut app, &w, day(2022, 11, 4), 1).await;
    // A second worker on the same database, as a second server would run.
    let mut settings = Settings::for_database(&app.db.url);
    jobs_on(w.sink.port, day(2022, 11, 4))(&mut settings);
    let second = scrutiny_server::jobs::start(&settings, app.pool.clone())
        .unwrap()
        .unwrap();
    let before = runs(&app).await;
    settle(&app, before, 4).await;
    second.stop(Duration::from_secs(10)).await;

    let mails = w.sink.mails();
    let reminders = to(&mails, REMINDER);
    assert_eq!(
        recipients(&reminders),
        set(&[&w.police[0], &w.police[1]]),
        "only the police's active contributors: {mails:#?}"
    );
    assert_eq!(reminders.len(), 2, "one each, however many workers ran");
    let everyone: BTreeSet<String> = mails.iter().map(|m| m.to.clone()).collect();
    for never in [
        &w.police_inactive,
        &w.police_viewer,
        &w.fire,
        &w.health,
        &w.other_officer,
    ] {
        assert!(!everyone.contains(never), "{never} got mail");
    }

    let (_, mail) = &reminders[0];
    assert_eq!(
        mail.subject,
        format!("{REMINDER} 14 November 2022: {REVIEW_TITLE} (November 2022)")
    );
    assert_eq!(mail.from, "no-reply@council.example");
    assert_eq!(mail.envelope_to, vec![mail.to.clone()]);
    assert_eq!(mail.envelope_from, "<no-reply@council.example>");
    assert_eq!(mail.content_type, "multipart/alternative");
    assert!(
        mail.message_id.ends_with("@council.example"),
        "{}",
        mail.message_id
    );
    let link = format!("{PUBLIC_URL}/reviews/{}", w.seed.review_id);
    for needle in [
        "Cleveland Police has a progress update to send",
        &format!("Review: {REVIEW_TITLE}"),
        "Round: November 2022",
        "Deadline: 14 November 2022",
        "committee meeting of 24 November 2022",
        "Still owed (2 recommendations):",
        "- Recommendation 1: Recommendation 1\n",
        "- Recommendation 2: Recommendation 2\n",
        &link,
    ] {
        assert!(mail.text.contains(needle), "{needle:?} in {}", mail.text);
    }
    assert!(
        !mail.text.contains("Recommendation 3"),
        "the fire brigade's"
    );
    assert!(mail.html.contains("Police Communications &amp; Engagement"));
    assert!(!mail.html.contains("Communications & Engagement"));
    assert!(mail.html.contains(&format!("<a href=\"{link}\">")));

    // Every email queued and sent is audited, by the system.
    let queued = audit(&app, "action=email.queued").await;
    let sent = audit(&app, "action=email.sent").await;
    let outbox = count(&app, "SELECT count(*) AS n FROM email_outbox").await;
    assert_eq!(queued.len() as i64, outbox);
    assert_eq!(sent.len(), mails.len());
    for event in queued.iter().chain(&sent) {
        assert_eq!(event["actor"]["kind"], "system", "{event}");
        assert_eq!(event["actor"]["name"], "Scrutiny reminders");
        assert_eq!(event["entity_type"], "email");
    }
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM email_outbox WHERE state = 'sent' AND attempts = 1"
        )
        .await,
        outbox
    );
}

#[tokio::test]
async fn nothing_goes_to_an_organisation_whose_entries_are_all_submitted() {
    let (mut app, w) = world().await;
    for entry in entries(&app, w.round_id).await {
        if entry["organisation"]["id"] == w.police_org.to_string() {
            submit(&app, &w.police_token, entry["id"].as_str().unwrap()).await;
        }
    }
    restart_on(&mut app, &w, day(2022, 11, 4), 3).await;
    let mails = w.sink.mails();
    assert!(to(&mails, REMINDER).is_empty(), "{mails:#?}");
    assert!(to(&mails, CHASER).is_empty());

    // An officer returns recommendation 1: the police owe it again, and are reminded of it alone.
    let first = entries(&app, w.round_id)
        .await
        .into_iter()
        .find(|e| e["recommendation"]["id"] == w.seed.recs[0].to_string())
        .unwrap();
    json_of(
        app.post(
            &format!(
                "/api/v1/progress-entries/{}/return",
                first["id"].as_str().unwrap()
            ),
            &w.officer,
            &json!({"comments": "Please add the figures."}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let mails = w.sink.wait_for(mails.len() + 2, WAIT).await;
    let reminders = to(&mails, REMINDER);
    assert_eq!(recipients(&reminders), set(&[&w.police[0], &w.police[1]]));
    let text = &reminders[0].1.text;
    assert!(text.contains("Still owed (1 recommendation):"), "{text}");
    assert!(text.contains("- Recommendation 1: Recommendation 1 (returned with comments)"));
    assert!(!text.contains("Recommendation 2:"));
}

#[tokio::test]
async fn a_chaser_goes_the_day_after_the_deadline_and_again_a_week_later() {
    let (mut app, w) = world().await;
    restart_on(&mut app, &w, day(2022, 11, 15), 1).await;
    let mails = w.sink.mails();
    let chasers = to(&mails, CHASER);
    assert_eq!(recipients(&chasers), set(&[&w.police[0], &w.police[1]]));
    assert_eq!(chasers.len(), 2);
    assert!(
        to(&mails, REMINDER).is_empty(),
        "the reminder window has closed"
    );
    let mail = &chasers[0].1;
    assert_eq!(
        mail.subject,
        format!("{CHASER}: {REVIEW_TITLE} (November 2022), due 14 November 2022")
    );
    assert!(mail.text.contains("was due on 14 November 2022"));
    assert!(mail.text.contains("- Recommendation 2: Recommendation 2\n"));

    // Later the same week: nothing more.
    restart_on(&mut app, &w, day(2022, 11, 18), 2).await;
    assert_eq!(to(&w.sink.mails(), CHASER).len(), 2);
    // A week after the first chaser (the default interval): the second.
    restart_on(&mut app, &w, day(2022, 11, 22), 1).await;
    assert_eq!(to(&w.sink.mails(), CHASER).len(), 4);
    let days = count(
        &app,
        "SELECT count(DISTINCT day) AS n FROM email_outbox WHERE purpose = 'chaser'",
    )
    .await;
    assert_eq!(days, 2);
}

#[tokio::test]
async fn officers_get_a_weekly_digest_of_what_to_assess_and_what_is_due() {
    let (mut app, w) = world().await;
    restart_on(&mut app, &w, day(2022, 11, 4), 1).await;
    let mails = w.sink.mails();
    let digests = to(&mails, DIGEST);
    assert_eq!(
        recipients(&digests),
        set(&[&w.officers[0], &w.officers[1]]),
        "the council's officers, not another council's"
    );
    assert_eq!(digests.len(), 2);
    let mail = &digests[0].1;
    assert_eq!(
        mail.subject,
        format!("{DIGEST} for Test Council (week of 31 October 2022)")
    );
    for needle in [
        "Submissions to assess (2):",
        &format!("- {REVIEW_TITLE} (November 2022), recommendation 3, from Cleveland Fire Brigade, submitted "),
        &format!("- {REVIEW_TITLE} (November 2022), recommendation 4, from Cleveland Fire Brigade"),
        "Overdue rounds (0):\n- none",
        "Rounds due in the next 45 days (1):",
        &format!("- {REVIEW_TITLE} (November 2022), deadline 14 November 2022: 2 updates still owed by Cleveland Police"),
        &format!("{PUBLIC_URL}/"),
    ] {
        assert!(mail.text.contains(needle), "{needle:?} in {}", mail.text);
    }
    assert!(mail.html.contains("<h2>Submissions to assess (2)</h2>"));

    // Later the same week: no second digest.
    restart_on(&mut app, &w, day(2022, 11, 6), 2).await;
    assert_eq!(to(&w.sink.mails(), DIGEST).len(), 2);
    // The next week the round is overdue.
    restart_on(&mut app, &w, day(2022, 11, 15), 1).await;
    let digests = to(&w.sink.mails(), DIGEST);
    assert_eq!(digests.len(), 4);
    let latest = &digests.last().unwrap().1;
    assert!(latest.subject.ends_with("(week of 14 November 2022)"));
    assert!(
        latest.text.contains("Overdue rounds (1):"),
        "{}",
        latest.text
    );
    assert!(latest.text.contains("Rounds due in the next 45 days (0):"));
}

#[tokio::test]
async fn a_reminder_due_while_the_server_is_down_is_sent_once_after_it_restarts() {
    let (mut app, w) = world().await;
    // 20 October: the worker runs, nothing is due yet.
    restart_on(&mut app, &w, day(2022, 10, 20), 2).await;
    assert!(to(&w.sink.mails(), REMINDER).is_empty());

    // The server is down over the reminder day (31 October) ...
    app.stop().await;
    assert!(app.jobs.is_none());
    // ... and starts again on 2 November.
    restart_on(&mut app, &w, day(2022, 11, 2), 1).await;
    let reminders = to(&w.sink.mails(), REMINDER);
    assert_eq!(recipients(&reminders), set(&[&w.police[0], &w.police[1]]));
    assert_eq!(reminders.len(), 2, "once each");

    // Another restart, a day later: nothing more.
    restart_on(&mut app, &w, day(2022, 11, 3), 2).await;
    assert_eq!(to(&w.sink.mails(), REMINDER).len(), 2);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) AS n FROM email_outbox WHERE purpose = 'reminder' \
             AND state = 'sent' AND day = '2022-10-31'"
        )
        .await,
        2
    );
    assert_eq!(
        audit(&app, "action=email.sent").await.len(),
        w.sink.mails().len()
    );
}

#[derive(diesel::QueryableByName, Debug)]
struct Attempt {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    attempts: i32,
    #[diesel(sql_type = Text)]
    state: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    last_error: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Double)]
    wait_secs: f64,
}

async fn reminder_attempts(app: &TestApp) -> Vec<Attempt> {
    let mut c = conn(app).await;
    diesel::sql_query(
        "SELECT attempts, state, last_error, \
                extract(epoch FROM next_attempt_at - updated_at)::float8 AS wait_secs \
         FROM email_outbox WHERE purpose = 'reminder' ORDER BY recipient",
    )
    .load(&mut c)
    .await
    .unwrap()
}

#[tokio::test]
async fn an_smtp_failure_is_retried_with_backoff_and_sent_once_when_the_server_is_back() {
    let (mut app, w) = world().await;
    w.sink.set_available(false);
    app.restart_with(|s| {
        jobs_on(w.sink.port, day(2022, 11, 4))(s);
        // Room for a slow machine: the emails must not run out of attempts while it is down.
        s.jobs.max_attempts = 50;
    })
    .await;
    // Each reminder fails a few times; the waits grow (200 ms, 400 ms, 800 ms, capped).
    let deadline = tokio::time::Instant::now() + WAIT;
    let attempts = loop {
        let attempts = reminder_attempts(&app).await;
        if attempts.len() == 2 && attempts.iter().all(|a| a.attempts >= 3) {
            break attempts;
        }
        assert!(tokio::time::Instant::now() < deadline, "{attempts:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    for a in &attempts {
        assert_eq!(a.state, "pending");
        assert!(
            a.last_error.as_deref().unwrap_or_default().contains("421"),
            "{a:?}"
        );
        // 200 ms × 2^(attempts − 1), at most 800 ms.
        let expected = (0.2 * 2f64.powi(a.attempts - 1)).min(0.8);
        assert!((a.wait_secs - expected).abs() < 0.01, "backoff {a:?}");
    }
    assert!(w.sink.messages().is_empty());
    assert!(w.sink.refused() >= 6);
    assert_eq!(audit(&app, "action=email.sent").await.len(), 0);

    w.sink.set_available(true);
    let mails = w.sink.wait_for(4, WAIT).await;
    let before = runs(&app).await;
    settle(&app, before, 3).await;
    let mails_after = w.sink.mails();
    assert_eq!(mails_after.len(), mails.len(), "nothing sent twice");
    let reminders = to(&mails_after, REMINDER);
    assert_eq!(recipients(&reminders), set(&[&w.police[0], &w.police[1]]));
    assert_eq!(reminders.len(), 2);
    for a in reminder_attempts(&app).await {
        assert_eq!(a.state, "sent");
        assert!(a.attempts >= 4, "{a:?}");
        assert_eq!(a.last_error, None);
    }
    let sent = audit(&app, "action=email.sent").await;
    assert_eq!(sent.len(), mails_after.len());
}

#[tokio::test]
async fn a_job_enqueued_elsewhere_wakes_the_idle_worker_at_once() {
    let (mut app, w) = world().await;
    // Polls once a minute, schedules once an hour: only NOTIFY can wake it in time.
    app.restart_with(|s| {
        jobs_on(w.sink.port, day(2022, 10, 1))(s);
        s.jobs.poll_interval_ms = 60_000;
        s.jobs.schedule_interval_ms = 3_600_000;
    })
    .await;
    settle(&app, 0, 1).await;
    let mut c = conn(&app).await;
    let job = scrutiny_db::queries::jobs::NewJob::new(
        "progress.schedule",
        "progress.schedule:test-wake".into(),
        json!({}),
    );
    let job = scrutiny_db::queries::jobs::enqueue(&mut c, &job)
        .await
        .unwrap()
        .expect("a new job");
    let again = scrutiny_db::queries::jobs::NewJob::new(
        "progress.schedule",
        "progress.schedule:test-wake".into(),
        json!({}),
    );
    assert!(
        scrutiny_db::queries::jobs::enqueue(&mut c, &again)
            .await
            .unwrap()
            .is_none(),
        "the same key is never enqueued twice"
    );
    let started = tokio::time::Instant::now();
    loop {
        let row = scrutiny_db::queries::jobs::find(&mut c, job.id)
            .await
            .unwrap()
            .unwrap();
        if row.state == "done" {
            assert_eq!(row.attempts, 1);
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the worker slept through the NOTIFY: {row:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_job_whose_worker_died_is_taken_over_once_its_lease_expires() {
    let (mut app, w) = world().await;
    let mut c = conn(&app).await;
    // One job held by a worker that died, its lease over; one whose lease still runs; one that
    // died during its last allowed attempt.
    diesel::sql_query(
        "INSERT INTO jobs (id, kind, unique_key, state, attempts, max_attempts, locked_until, locked_by) VALUES \
         (gen_random_uuid(), 'progress.schedule', 'test:expired', 'running', 1, 5, now() - interval '1 second', 'dead'), \
         (gen_random_uuid(), 'progress.schedule', 'test:held', 'running', 1, 5, now() + interval '1 hour', 'alive'), \
         (gen_random_uuid(), 'progress.schedule', 'test:last', 'running', 5, 5, now() - interval '1 second', 'dead')",
    )
    .execute(&mut c)
    .await
    .unwrap();
    drop(c);
    app.restart_with(jobs_on(w.sink.port, day(2022, 10, 1)))
        .await;
    #[derive(diesel::QueryableByName, Debug, PartialEq)]
    struct Row {
        #[diesel(sql_type = Text)]
        unique_key: String,
        #[diesel(sql_type = Text)]
        state: String,
        #[diesel(sql_type = diesel::sql_types::Integer)]
        attempts: i32,
        #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
        locked_by: Option<String>,
    }
    let expected = [
        // Taken over and finished by this server's worker.
        ("test:expired", "done", 2, Some("this server")),
        ("test:held", "running", 1, Some("alive")),
        ("test:last", "failed", 5, None),
    ];
    let started = tokio::time::Instant::now();
    loop {
        let mut c = conn(&app).await;
        let rows: Vec<Row> = diesel::sql_query(
            "SELECT unique_key, state, attempts, locked_by FROM jobs \
             WHERE unique_key LIKE 'test:%' ORDER BY unique_key",
        )
        .load(&mut c)
        .await
        .unwrap();
        let summary: Vec<(&str, &str, i32, Option<&str>)> = rows
            .iter()
            .map(|r| {
                (
                    r.unique_key.as_str(),
                    r.state.as_str(),
                    r.attempts,
                    r.locked_by.as_deref().map(|by| {
                        if by.starts_with("pid") {
                            "this server"
                        } else {
                            by
                        }
                    }),
                )
            })
            .collect();
        if summary == expected {
            break;
        }
        assert!(started.elapsed() < WAIT, "{summary:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut c = conn(&app).await;
    let last_error = scrutiny_db::queries::jobs::find_by_key(&mut c, "test:last")
        .await
        .unwrap()
        .unwrap()
        .last_error;
    assert_eq!(
        last_error.as_deref(),
        Some("the worker stopped during the last attempt")
    );
}

/// A milestone ("September 2022: assessment of protocol", due by the end of the month) passing
/// with its action open: the owners' active contributors get one chaser each, however many workers
/// run and however often the scheduler runs, and the officers' weekly digest lists it.
#[tokio::test]
async fn a_milestone_passing_with_its_action_open_is_chased_once() {
    let (mut app, w) = world().await;
    let mut c = conn(&app).await;
    diesel::sql_query(
        "INSERT INTO milestones (id, action_id, position, due_on, due_precision, due_by, label)
         SELECT gen_random_uuid(), a.id, 1, DATE '2022-09-01', 'month', DATE '2022-09-30',
                'Assessment of protocol'
           FROM actions a WHERE a.recommendation_id = $1",
    )
    .bind::<diesel::sql_types::Uuid, _>(w.seed.recs[0])
    .execute(&mut c)
    .await
    .unwrap();
    drop(c);
    // 1 October: the day after the milestone fell due.
    restart_on(&mut app, &w, day(2022, 10, 1), 1).await;
    let mut settings = Settings::for_database(&app.db.url);
    jobs_on(w.sink.port, day(2022, 10, 1))(&mut settings);
    let second = scrutiny_server::jobs::start(&settings, app.pool.clone())
        .unwrap()
        .unwrap();
    let before = runs(&app).await;
    settle(&app, before, 3).await;
    second.stop(Duration::from_secs(10)).await;

    let mails = w.sink.mails();
    let chased = to(&mails, "Milestone passed");
    assert_eq!(
        recipients(&chased),
        set(&[&w.police[0], &w.police[1]]),
        "the police's active contributors: {mails:#?}"
    );
    assert_eq!(chased.len(), 2, "one each");
    let (_, mail) = &chased[0];
    assert!(
        mail.subject.contains("Assessment of protocol"),
        "{}",
        mail.subject
    );
    assert!(
        mail.text.contains("by the end of September 2022"),
        "{}",
        mail.text
    );
    assert!(mail.text.contains("Cleveland Police"), "{}", mail.text);

    // The council's officers read it in their weekly digest, with who owns the action.
    let digests = to(&mails, DIGEST);
    assert!(!digests.is_empty(), "{mails:#?}");
    for (_, digest) in &digests {
        assert!(
            digest
                .text
                .contains("Milestones passed and not yet met (1):"),
            "{}",
            digest.text
        );
        assert!(
            digest.text.contains(
                "recommendation 1: Assessment of protocol, due by the end of September 2022 (Cleveland Police)"
            ),
            "{}",
            digest.text
        );
    }

    // The next day, nothing more: the next chaser is a week after the first.
    restart_on(&mut app, &w, day(2022, 10, 2), 1).await;
    assert_eq!(to(&w.sink.mails(), "Milestone passed").len(), 2);
}

/// Statutory responses to the review's report: the police's (28 days from 20 October 2022: due
/// 17 November) and the executive's (2 months: due 20 December). Each responder hears once before
/// its due day and once after it passes: the police's active contributors, and, for the
/// executive's, the council's officers; nothing once a response has been received.
#[tokio::test]
async fn a_statutory_response_is_reminded_before_it_is_due_and_chased_once_after() {
    let (mut app, w) = world().await;
    let tracker = format!("/api/v1/reviews/{}/statutory-responses", w.seed.review_id);
    let police = json_of(
        app.post(
            &tracker,
            &w.officer,
            &json!({"responder_kind": "partner", "organisation_id": w.police_org,
                    "report_received_on": "2022-10-20"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(police["due_on"], "2022-11-17");
    let executive = json_of(
        app.post(
            &tracker,
            &w.officer,
            &json!({"responder_kind": "executive", "report_received_on": "2022-10-20"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(executive["due_on"], "2022-12-20");

    // 4 November: 13 days before the police's response is due (the reminder day was the 3rd).
    restart_on(&mut app, &w, day(2022, 11, 4), 2).await;
    let mails = w.sink.mails();
    let reminded = to(&mails, "Response due");
    assert_eq!(
        recipients(&reminded),
        set(&[&w.police[0], &w.police[1]]),
        "{mails:#?}"
    );
    assert_eq!(reminded.len(), 2, "one each");
    let (_, mail) = &reminded[0];
    assert!(
        mail.subject
            .contains("Response due 17 November 2022: Cleveland Police"),
        "{}",
        mail.subject
    );
    assert!(mail.text.contains(REVIEW_TITLE), "{}", mail.text);
    assert!(
        mail.text.contains(&format!(
            "{PUBLIC_URL}/statutory-responses/{}",
            police["id"].as_str().unwrap()
        )),
        "{}",
        mail.text
    );

    // 18 November: the police's is a day overdue: one chaser each, however often it runs.
    restart_on(&mut app, &w, day(2022, 11, 18), 2).await;
    restart_on(&mut app, &w, day(2022, 11, 18), 1).await;
    let chased = to(&w.sink.mails(), "Response overdue");
    assert_eq!(recipients(&chased), set(&[&w.police[0], &w.police[1]]));
    assert_eq!(chased.len(), 2, "once each");
    assert_eq!(
        to(&w.sink.mails(), "Response due").len(),
        2,
        "no reminder again"
    );

    // The police respond; the executive's falls due: its chaser goes to the council's officers.
    let path = format!(
        "/api/v1/statutory-responses/{}",
        police["id"].as_str().unwrap()
    );
    let tag = current_etag(&app, &path).await;
    let answer = json!({"items": [{"recommendation_id": w.seed.recs[0], "verdict": "accepted",
                                   "proposed_action": "Agree the protocol by March."},
                                  {"recommendation_id": w.seed.recs[1], "verdict": "accepted"}]});
    let answered = json_of(
        app.patch(&path, &w.police_token, &tag, &answer).await,
        StatusCode::OK,
    )
    .await;
    let tag = format!("\"{}\"", answered["version"]);
    let received = app
        .request(
            reqwest::Method::POST,
            &format!("{path}/receipt"),
            Some(&w.police_token),
        )
        .header("if-match", tag)
        .send()
        .await
        .unwrap();
    let received = json_of(received, StatusCode::OK).await;
    assert_eq!(received["state"], "received");
    restart_on(&mut app, &w, day(2022, 12, 21), 2).await;
    let chased = to(&w.sink.mails(), "Response overdue");
    let executive_chasers: Vec<_> = chased
        .iter()
        .filter(|(_, m)| m.subject.contains("Cabinet"))
        .collect();
    assert_eq!(
        executive_chasers
            .iter()
            .map(|(to, _)| to.clone())
            .collect::<BTreeSet<_>>(),
        set(&[&w.officers[0], &w.officers[1]]),
        "the council's officers: {chased:#?}"
    );
    assert!(
        executive_chasers[0]
            .1
            .text
            .contains("The executive (Cabinet)"),
        "{}",
        executive_chasers[0].1.text
    );
    // The officers' weekly digest lists it as overdue.
    let digests: Vec<_> = to(&w.sink.mails(), DIGEST)
        .into_iter()
        .filter(|(_, m)| m.subject.contains("19 December 2022"))
        .collect();
    assert!(!digests.is_empty());
    for (_, digest) in &digests {
        assert!(
            digest.text.contains(&format!(
                "Statutory responses overdue (1):\n- {REVIEW_TITLE}: the response of Cabinet, due 20 December 2022"
            )),
            "{}",
            digest.text
        );
    }
    // The police's response was received: no chaser for it on this notice day.
    assert_eq!(
        chased.len(),
        2 + executive_chasers.len(),
        "nothing more for the police: {chased:#?}"
    );
}

/// The statements one run of the scheduler sends, on `today`, over its own connection.
async fn scheduler_statements(app: &TestApp, today: NaiveDate) -> usize {
    use diesel_async::AsyncConnection;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let mut c = scrutiny_db::pool::unbound(&app.pool).await.unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    c.set_instrumentation(move |event: diesel::connection::InstrumentationEvent<'_>| {
        if matches!(
            event,
            diesel::connection::InstrumentationEvent::StartQuery { .. }
        ) {
            seen.fetch_add(1, Ordering::SeqCst);
        }
    });
    let clock = scrutiny_jobs::FixedToday(today);
    let ctx = scrutiny_jobs::schedule::Context {
        clock: &clock,
        public_url: PUBLIC_URL,
        max_attempts: 3,
    };
    scrutiny_jobs::schedule::run(&mut c, &ctx).await.unwrap();
    AtomicUsize::load(&count, Ordering::SeqCst)
}

/// At national scale tens of thousands of rounds are open at once: a run of the scheduler reads
/// what is owed for the rounds with a notice due that day, and counts it for the digests, in a
/// fixed number of statements however many rounds are open.
#[tokio::test]
async fn the_scheduler_sends_the_same_statements_however_many_rounds_are_open() {
    let (app, w) = world().await;
    // Between the reminder (31 October) and the deadline: the reminder is due on every run (it
    // is queued once), and the digest counts the round as due soon.
    let today = day(2022, 11, 2);
    scheduler_statements(&app, today).await;
    let one_round = scheduler_statements(&app, today).await;

    // Five more reviews with rounds open, the police owing in each, due on the same day.
    for n in 1..=5 {
        let seed = agreed_review(&app, &format!("Review {n}"), &[w.police_org]).await;
        open_round(&app, &w.officer, &seed, &format!("Round {n}")).await;
    }
    // The first run reminds the police of the five new rounds; after it, a run costs what it
    // cost with one round open.
    scheduler_statements(&app, today).await;
    let reminded = count(
        &app,
        "SELECT count(DISTINCT round_id) AS n FROM email_outbox WHERE purpose = 'reminder'",
    )
    .await;
    assert_eq!(reminded, 6, "each round's reminder is queued");
    let six_rounds = scheduler_statements(&app, today).await;
    assert_eq!(
        six_rounds, one_round,
        "statements per run with one and six rounds open"
    );
}
