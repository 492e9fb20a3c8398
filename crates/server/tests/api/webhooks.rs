//! Webhooks: subscriptions managed by council admins and by partners' systems, deliveries POSTed
//! by the jobs worker to a real HTTP receiver started here, which verifies every signature with
//! an independent Standard Webhooks implementation (the `standardwebhooks` crate), fails when told
//! to, and keeps what it received.
use crate::fixtures::{conn, insert_action, insert_action_plan, seed_review, signed_in, NewAction};
use crate::helpers::{fields, problem, TestApp};
use crate::support::{current_etag, json_of};
use diesel_async::RunQueryDsl;
use reqwest::{Method, StatusCode};
use scrutiny_server::settings::Settings;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use uuid::Uuid;

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Received {
    headers: http::HeaderMap,
    body: Vec<u8>,
    /// What the receiver answered.
    status: u16,
}

/// A webhook receiver on 127.0.0.1: answers 500 to the first `fail_first` requests, then 204.
#[derive(Clone)]
struct Receiver {
    port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    fail_first: Arc<AtomicUsize>,
}

impl Receiver {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let receiver = Receiver {
            port,
            received: Arc::default(),
            fail_first: Arc::default(),
        };
        let r = receiver.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let r = r.clone();
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    // Headers, then the body of Content-Length.
                    let (head_end, length) = loop {
                        let n = match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => n,
                        };
                        buf.extend_from_slice(&chunk[..n]);
                        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                            let head = String::from_utf8_lossy(&buf[..i]).to_string();
                            let length = head
                                .lines()
                                .find_map(|l| {
                                    let (k, v) = l.split_once(':')?;
                                    k.eq_ignore_ascii_case("content-length")
                                        .then(|| v.trim().parse::<usize>().ok())?
                                })
                                .unwrap_or(0);
                            break (i + 4, length);
                        }
                    };
                    while buf.len() < head_end + length {
                        let n = match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => n,
                        };
                        buf.extend_from_slice(&chunk[..n]);
                    }
                    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
                    let mut headers = http::HeaderMap::new();
                    for line in head.lines().skip(1) {
                        if let Some((k, v)) = line.split_once(':') {
                            if let (Ok(k), Ok(v)) = (
                                http::HeaderName::from_bytes(k.trim().as_bytes()),
                                http::HeaderValue::from_str(v.trim()),
                            ) {
                                headers.append(k, v);
                            }
                        }
                    }
                    let failing = r
                        .fail_first
                        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                        .is_ok();
                    let status = if failing { 500 } else { 204 };
                    r.received.lock().unwrap().push(Received {
                        headers,
                        body: buf[head_end..head_end + length].to_vec(),
                        status,
                    });
                    let reason = if failing {
                        "Internal Server Error"
                    } else {
                        "No Content"
                    };
                    let answer = format!(
                        "HTTP/1.1 {status} {reason}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                    );
                    let _ = stream.write_all(answer.as_bytes()).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        receiver
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hooks/scrutiny", self.port)
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until `n` requests came.
    async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(40);
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "{} of {n} requests came: {got:#?}",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The worker on, delivering to loopback over http, retrying after 200 ms (doubling).
fn webhooks_on(s: &mut Settings) {
    s.jobs.enabled = true;
    s.jobs.poll_interval_ms = 100;
    s.jobs.schedule_interval_ms = 60_000;
    s.jobs.webhooks_allow_http = true;
    s.jobs.webhooks_allow_private = true;
    s.jobs.webhooks_retry_base_ms = 200;
    s.jobs.retry_cap_ms = 1_000;
}

/// A partner's system (a contributor service account of Cleveland Police) and a police entry
/// of an open round that its contributor can submit.
struct World {
    police: Uuid,
    police_contributor: String,
    system_token: String,
    entry: String,
}

async fn world(app: &TestApp) -> World {
    let police = app.create_organisation("Cleveland Police", "police").await;
    let seed = seed_review(
        app,
        app.council_id,
        "Police Communications",
        "action_plan_agreed",
    )
    .await;
    let mut c = conn(app).await;
    let plan = insert_action_plan(
        &mut c,
        app.council_id,
        seed.review_id,
        Some(chrono::NaiveDate::from_ymd_opt(2022, 3, 1).unwrap()),
    )
    .await;
    drop(c);
    let mut action = NewAction::new(seed.recs[0], "Agreed action");
    action.owners = vec![(Some(police), None)];
    insert_action(app, seed.review_id, plan, action).await;
    let officer = signed_in(app, "officer@stockton.example", "officer", app.council_id).await;
    let police_contributor = signed_in(app, "jo@police.example", "contributor", police).await;
    let round = json_of(
        app.post(
            &format!("/api/v1/reviews/{}/progress-rounds", seed.review_id),
            &officer,
            &json!({"label": "November 2030", "deadline": "2030-11-14"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let entries = json_of(
        app.get(
            &format!(
                "/api/v1/progress-entries?round_id={}",
                round["id"].as_str().unwrap()
            ),
            &officer,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let entry = entries["items"][0]["id"].as_str().unwrap().to_owned();
    let account = json_of(
        app.post(
            "/api/v1/service-accounts",
            &app.admin,
            &json!({"name": "Police case system", "role": "contributor", "organisation_id": police}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let token = json_of(
        app.token_response(&json!({"grant_type": "client_credentials",
            "client_id": account["account"]["client_id"],
            "client_secret": account["client_secret"]}))
            .await,
        StatusCode::OK,
    )
    .await;
    World {
        police,
        police_contributor,
        system_token: token["access_token"].as_str().unwrap().to_owned(),
        entry,
    }
}

async fn submit(app: &TestApp, token: &str, entry: &str) {
    let path = format!("/api/v1/progress-entries/{entry}");
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

fn verify(secret: &str, r: &Received) -> Value {
    standardwebhooks::Webhook::new(secret)
        .expect("a whsec_ secret")
        .verify(&r.body, &r.headers)
        .unwrap_or_else(|e| panic!("the signature does not verify: {e:?}; {:?}", r.headers));
    serde_json::from_slice(&r.body).unwrap()
}

#[tokio::test]
async fn a_partner_system_receives_a_signed_event_after_three_failures_and_a_restart() {
    let receiver = Receiver::start().await;
    let mut app = TestApp::spawn_with(webhooks_on).await;
    let w = world(&app).await;
    let response = app
        .post(
            "/api/v1/webhook-subscriptions",
            &w.system_token,
            &json!({"url": receiver.url(), "event_types": ["progress_entry.submitted"],
                    "owner_email": "integrations@police.example"}),
        )
        .await;
    assert_eq!(
        response.headers()["cache-control"],
        "no-store",
        "it holds the secret"
    );
    let created = json_of(response, StatusCode::CREATED).await;
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    let id = created["subscription"]["id"].as_str().unwrap().to_owned();
    assert_eq!(created["subscription"]["organisation_id"], json!(w.police));
    assert!(
        !json_of(
            app.get(
                &format!("/api/v1/webhook-subscriptions/{id}"),
                &w.system_token
            )
            .await,
            StatusCode::OK
        )
        .await
        .to_string()
        .contains(&secret),
        "the secret is shown once"
    );

    // The receiver fails three times; a restart comes between the failures.
    receiver.fail_first.store(3, Ordering::SeqCst);
    submit(&app, &w.police_contributor, &w.entry).await;
    receiver.wait_for(2).await;
    app.restart_with(webhooks_on).await;
    let got = receiver.wait_for(4).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let got_after = receiver.received();
    assert_eq!(
        got_after.len(),
        4,
        "delivered on the fourth try, once: {got:#?}"
    );
    let statuses: Vec<u16> = got.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [500, 500, 500, 204]);
    // The same message every time, each attempt signed afresh and verified independently.
    let ids: Vec<&str> = got
        .iter()
        .map(|r| r.headers["webhook-id"].to_str().unwrap())
        .collect();
    assert!(
        ids.iter().all(|i| *i == ids[0] && i.starts_with("msg_")),
        "{ids:?}"
    );
    let event = verify(&secret, &got[3]);
    assert_eq!(event["type"], "progress_entry.submitted");
    assert_eq!(event["specversion"], "1.0");
    assert_eq!(event["subject"], format!("progress-entries/{}", w.entry));
    assert_eq!(event["data"]["state"], "submitted");
    // A tampered body does not verify.
    let mut tampered = got[3].clone();
    tampered.body = tampered.body.replace_first(b"submitted", b"validated");
    assert!(standardwebhooks::Webhook::new(&secret)
        .unwrap()
        .verify(&tampered.body, &tampered.headers)
        .is_err());

    // The delivery log.
    let log = json_of(
        app.get(
            &format!("/api/v1/webhook-subscriptions/{id}/deliveries"),
            &w.system_token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let delivery = &log["items"][0];
    assert_eq!(log["items"].as_array().unwrap().len(), 1);
    assert_eq!(delivery["state"], "delivered");
    assert_eq!(delivery["attempts"], 4);
    assert_eq!(delivery["last_status"], 204);
    assert!(delivery["last_latency_ms"].is_number());

    // Redelivered on request; after a rotation both secrets verify for a while.
    let path = format!("/api/v1/webhook-subscriptions/{id}");
    let r = app
        .request(
            Method::POST,
            &format!("{path}/secret-rotation"),
            Some(&w.system_token),
        )
        .header(
            "if-match",
            current_etag_as(&app, &path, &w.system_token).await,
        )
        .send()
        .await
        .unwrap();
    let rotated = json_of(r, StatusCode::OK).await;
    let new_secret = rotated["secret"].as_str().unwrap().to_owned();
    assert_ne!(new_secret, secret);
    let r = app
        .post(
            &format!(
                "/api/v1/webhook-deliveries/{}/redelivery",
                delivery["id"].as_str().unwrap()
            ),
            &w.system_token,
            &json!({}),
        )
        .await;
    json_of(r, StatusCode::OK).await;
    let got = receiver.wait_for(5).await;
    verify(&new_secret, &got[4]);
    verify(&secret, &got[4]);
    assert_eq!(got[4].headers["webhook-id"], got[3].headers["webhook-id"]);
}

/// `current_etag` as a given caller (a service account reads its own subscription).
async fn current_etag_as(app: &TestApp, path: &str, token: &str) -> String {
    let r = app.get(path, token).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.headers()["etag"].to_str().unwrap().to_owned()
}

trait ReplaceFirst {
    fn replace_first(&self, from: &[u8], to: &[u8]) -> Vec<u8>;
}

impl ReplaceFirst for Vec<u8> {
    fn replace_first(&self, from: &[u8], to: &[u8]) -> Vec<u8> {
        match self.windows(from.len()).position(|w| w == from) {
            Some(i) => [&self[..i], to, &self[i + from.len()..]].concat(),
            None => self.clone(),
        }
    }
}

#[tokio::test]
async fn a_subscription_whose_deliveries_keep_failing_is_disabled_and_its_owner_told() {
    let receiver = Receiver::start().await;
    let app = TestApp::spawn_with(webhooks_on).await;
    let w = world(&app).await;
    let created = json_of(
        app.post(
            "/api/v1/webhook-subscriptions",
            &app.admin,
            &json!({"url": receiver.url(), "description": "Council intranet"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let id: Uuid = created["subscription"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(created["subscription"]["owner_email"], "admin@test.example");
    receiver.fail_first.store(1000, Ordering::SeqCst);
    // Deliveries due now give up at once: three days have "passed".
    let mut c = conn(&app).await;
    submit(&app, &w.police_contributor, &w.entry).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let n = diesel::sql_query(format!(
            "UPDATE webhook_deliveries SET give_up_at = now() - interval '1 second' \
             WHERE subscription_id = '{id}' AND state = 'pending'"
        ))
        .execute(&mut c)
        .await
        .unwrap();
        if n > 0 {
            break;
        }
        assert!(Instant::now() < deadline, "no delivery was queued");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let path = format!("/api/v1/webhook-subscriptions/{id}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let disabled = loop {
        let s = json_of(app.get(&path, &app.admin).await, StatusCode::OK).await;
        if s["status"] == "disabled" {
            break s;
        }
        assert!(Instant::now() < deadline, "still {s}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(
        disabled["disabled_reason"]
            .as_str()
            .unwrap()
            .contains("kept failing"),
        "{disabled}"
    );
    #[derive(diesel::QueryableByName)]
    struct Queued {
        #[diesel(sql_type = diesel::sql_types::Text)]
        recipient: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        subject: String,
    }
    let emails: Vec<Queued> = diesel::sql_query(
        "SELECT recipient, subject FROM email_outbox WHERE purpose = 'webhook_disabled'",
    )
    .load(&mut c)
    .await
    .unwrap();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].recipient, "admin@test.example");
    assert!(emails[0].subject.starts_with("Webhook disabled: "));
    // Redelivery waits until it is enabled again.
    let log = json_of(
        app.get(&format!("{path}/deliveries"), &app.admin).await,
        StatusCode::OK,
    )
    .await;
    // (A new subscription starts at the feed's head as of the oldest transaction still open, so
    // an event committed just before it may be queued too: the one given up is the one here.)
    let failed = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["state"] == "failed")
        .unwrap_or_else(|| panic!("no delivery given up: {log}"));
    let redeliver = format!(
        "/api/v1/webhook-deliveries/{}/redelivery",
        failed["id"].as_str().unwrap()
    );
    problem(
        app.post(&redeliver, &app.admin, &json!({})).await,
        StatusCode::CONFLICT,
    )
    .await;
    receiver.fail_first.store(0, Ordering::SeqCst);
    let tag = current_etag(&app, &path).await;
    let enabled = json_of(
        app.patch(&path, &app.admin, &tag, &json!({"status": "active"}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(enabled["status"], "active");
    let before = receiver.received().len();
    json_of(
        app.post(&redeliver, &app.admin, &json!({})).await,
        StatusCode::OK,
    )
    .await;
    let got = receiver.wait_for(before + 1).await;
    assert_eq!(got.last().unwrap().status, 204);
}

#[tokio::test]
async fn subscriptions_are_https_to_public_addresses_and_managed_by_their_owners() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let (contributor, _) = app.user_with_role("contributor").await;
    for (url, _why) in [
        ("http://hooks.example.com/x", "plain http"),
        ("https://127.0.0.1/x", "loopback"),
        ("https://10.0.0.8/x", "private"),
        ("https://169.254.169.254/latest/meta-data", "cloud metadata"),
        ("https://[::1]/x", "IPv6 loopback"),
        ("https://localhost/x", "this machine"),
        ("https://intranet/x", "a name without a domain"),
        ("ftp://hooks.example.com/x", "not http"),
        ("https://user:pw@hooks.example.com/x", "credentials"),
        ("not a url", "not a URL"),
    ] {
        let p = problem(
            app.post(
                "/api/v1/webhook-subscriptions",
                &app.admin,
                &json!({"url": url}),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&p), ["url"], "{url}: {p}");
    }
    let p = problem(
        app.post(
            "/api/v1/webhook-subscriptions",
            &app.admin,
            &json!({"url": "https://hooks.example.com/x", "event_types": ["progress_entry.lost"]}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&p), ["event_types"]);
    let created = json_of(
        app.post(
            "/api/v1/webhook-subscriptions",
            &app.admin,
            &json!({"url": "https://hooks.example.com/x", "event_types": ["decision.recorded"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let id = created["subscription"]["id"].as_str().unwrap();
    let path = format!("/api/v1/webhook-subscriptions/{id}");
    // Officers, contributors and other councils' admins do not manage it.
    for token in [&officer, &contributor] {
        problem(
            app.get("/api/v1/webhook-subscriptions", token).await,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let other = app
        .create_organisation("Hartlepool Borough Council", "council")
        .await;
    let other_admin = signed_in(&app, "admin@hartlepool.example", "admin", other).await;
    problem(app.get(&path, &other_admin).await, StatusCode::NOT_FOUND).await;
    let listed = json_of(
        app.get("/api/v1/webhook-subscriptions", &other_admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(listed["items"], json!([]));
    // Its owner changes it, and removes it.
    let tag = current_etag(&app, &path).await;
    let changed = json_of(
        app.patch(
            &path,
            &app.admin,
            &tag,
            &json!({"event_types": ["decision.recorded", "decision.call_in_expired"],
                    "description": "Democratic services"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["event_types"].as_array().unwrap().len(), 2);
    let r = app
        .request(Method::DELETE, &path, Some(&app.admin))
        .header("if-match", format!("\"{}\"", changed["version"]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.audit_count("webhook_subscription.deleted").await, 1);
    let history = crate::support::audit(&app, "entity_type=webhook_subscription").await;
    assert!(
        !Value::from(history).to_string().contains("whsec_"),
        "no secret in the audit trail"
    );
}

/// A subscription that none of the new events match still moves on through the feed, so that it
/// does not read the same events again on every pass; nothing is delivered to it.
#[tokio::test]
async fn a_subscription_moves_past_events_it_does_not_want() {
    let receiver = Receiver::start().await;
    let app = TestApp::spawn_with(webhooks_on).await;
    let w = world(&app).await;
    let created = json_of(
        app.post(
            "/api/v1/webhook-subscriptions",
            &app.admin,
            &json!({"url": receiver.url(), "event_types": ["decision.recorded"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let id: Uuid = created["subscription"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    submit(&app, &w.police_contributor, &w.entry).await;
    #[derive(diesel::QueryableByName)]
    struct Seqs {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        cursor: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        submitted: i64,
    }
    let mut c = conn(&app).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let seqs: Seqs = diesel::sql_query(format!(
            "SELECT (SELECT cursor_seq FROM webhook_subscriptions WHERE id = '{id}') AS cursor, \
                    (SELECT coalesce(max(seq), 0) FROM events \
                      WHERE type = 'progress_entry.submitted') AS submitted"
        ))
        .get_result(&mut c)
        .await
        .unwrap();
        if seqs.submitted > 0 && seqs.cursor >= seqs.submitted {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the cursor stays at {}",
            seqs.cursor
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(receiver.received().is_empty());
}
