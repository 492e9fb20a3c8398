//! PostgreSQL crashes under load: every write the server acknowledged is there afterwards, the
//! server reports the outage on /health/ready and recovers by itself, with no restart.
//!
//! It restarts the machine's PostgreSQL (`pg_ctlcluster … restart -m immediate`, or the command in
//! `SCRUTINY_PG_RESTART`), so it cannot run beside other tests: it is ignored by a normal run, and
//! `scripts/fault-restart` runs it alone once the rest of the suite is done.
use crate::attachments::partner_entry;
use crate::helpers::{etag, TestApp};
use diesel::sql_types::{Text, Uuid as SqlUuid};
use diesel::QueryableByName;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// What one writer saw: the texts the server acknowledged (2xx), and how many writes failed.
#[derive(Default)]
struct Tally {
    acknowledged: Vec<String>,
    failed: usize,
}

/// A partner's autosave, again and again, each with a text of its own, until `stop`.
async fn autosave(
    app: Arc<TestApp>,
    token: String,
    entry: Uuid,
    writer: usize,
    stop: Arc<AtomicBool>,
) -> Tally {
    let path = format!("/api/v1/progress-entries/{entry}");
    let mut tally = Tally::default();
    let mut tag: Option<String> = None;
    let mut i = 0;
    while !stop.load(Ordering::Relaxed) {
        let Some(if_match) = tag.clone() else {
            // After a failure, whether the write happened is unknown: read the entry again.
            match app.request(Method::GET, &path, Some(&token)).send().await {
                Ok(r) if r.status() == StatusCode::OK => tag = Some(etag(&r)),
                _ => tokio::time::sleep(Duration::from_millis(100)).await,
            }
            continue;
        };
        i += 1;
        let text = format!("Writer {writer}, save {i}: checked with the neighbourhood teams.");
        let sent = app
            .request(Method::PATCH, &path, Some(&token))
            .header("if-match", if_match)
            .json(&json!({ "progress": text }))
            .timeout(Duration::from_secs(10))
            .send()
            .await;
        match sent {
            Ok(r) if r.status().is_success() => {
                tag = Some(etag(&r));
                tally.acknowledged.push(text);
            }
            _ => {
                tally.failed += 1;
                tag = None;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
    tally
}

/// The command that crashes and restarts PostgreSQL: `SCRUTINY_PG_RESTART`, else the cluster on
/// port 5432 restarted in immediate mode (no checkpoint: as after a crash).
fn restart_command() -> String {
    if let Ok(command) = std::env::var("SCRUTINY_PG_RESTART") {
        return command;
    }
    let clusters = std::process::Command::new("pg_lsclusters")
        .arg("-h")
        .output()
        .expect("pg_lsclusters runs (or set SCRUTINY_PG_RESTART)");
    let listing = String::from_utf8_lossy(&clusters.stdout).into_owned();
    let cluster = listing
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|f| f.len() > 2 && f[2] == "5432")
        .expect("a cluster on port 5432");
    format!(
        "pg_ctlcluster {} {} restart -m immediate",
        cluster[0], cluster[1]
    )
}

#[derive(QueryableByName)]
struct Saved {
    #[diesel(sql_type = Text)]
    text: String,
}

#[tokio::test]
#[ignore = "restarts PostgreSQL: run alone by scripts/fault-restart"]
async fn acknowledged_writes_survive_a_postgresql_crash() {
    use diesel_async::RunQueryDsl;
    let app = Arc::new(
        TestApp::spawn_with(|s| {
            s.database_wait_timeout_ms = 1000;
            s.jobs.enabled = false;
        })
        .await,
    );
    let mut entries = Vec::new();
    for writer in 0..4 {
        let fx = partner_entry(&app, &format!("Police Force {writer}")).await;
        entries.push((fx.contributor, fx.entry));
    }
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = entries
        .iter()
        .enumerate()
        .map(|(writer, (token, entry))| {
            tokio::spawn(autosave(
                app.clone(),
                token.clone(),
                *entry,
                writer,
                stop.clone(),
            ))
        })
        .collect();

    tokio::time::sleep(Duration::from_secs(2)).await;
    let command = restart_command();
    let crashed = tokio::task::spawn_blocking(move || {
        std::process::Command::new("sh")
            .args(["-c", &command])
            .status()
            .expect("the restart command runs")
    });
    // While it is down, readiness says so.
    let mut saw_outage = false;
    let deadline = Instant::now() + Duration::from_secs(60);
    while !crashed.is_finished() && Instant::now() < deadline {
        let ready = app
            .client
            .get(app.url("/health/ready"))
            .timeout(Duration::from_secs(5))
            .send()
            .await;
        if ready.is_ok_and(|r| r.status() == StatusCode::SERVICE_UNAVAILABLE) {
            saw_outage = true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(crashed.await.unwrap().success(), "PostgreSQL restarted");

    // The server recovers by itself: ready again, and writes go through again.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let ready = app.client.get(app.url("/health/ready")).send().await;
        if ready.is_ok_and(|r| r.status() == StatusCode::OK) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not ready a minute after the restart"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::Relaxed);
    let mut tallies = Vec::new();
    for writer in writers {
        tallies.push(writer.await.unwrap());
    }

    // Every acknowledged save is in the audit trail, written in the save's own transaction.
    let mut conn = scrutiny_db::pool::connect(&app.db.url).await.unwrap();
    let mut acknowledged = 0;
    let mut failed = 0;
    for ((_, entry), tally) in entries.iter().zip(&tallies) {
        let saved: Vec<Saved> = diesel::sql_query(
            "SELECT after->>'progress' AS text FROM audit_events
              WHERE entity_id = $1 AND action = 'progress_entry.updated'",
        )
        .bind::<SqlUuid, _>(*entry)
        .load(&mut conn)
        .await
        .unwrap();
        let saved: std::collections::HashSet<String> = saved.into_iter().map(|s| s.text).collect();
        let lost: Vec<_> = tally
            .acknowledged
            .iter()
            .filter(|t| !saved.contains(*t))
            .collect();
        assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
        acknowledged += tally.acknowledged.len();
        failed += tally.failed;
    }
    // Writes went through after the restart too: each writer's last save is acknowledged.
    for tally in &tallies {
        assert!(!tally.acknowledged.is_empty());
    }
    println!(
        "PostgreSQL restart: {acknowledged} saves acknowledged and all found afterwards; \
         {failed} refused or cut off during the outage; outage seen on /health/ready: {saw_outage}"
    );
    assert!(saw_outage, "/health/ready reported the outage");
    assert!(failed > 0, "the restart happened during the load");
}
