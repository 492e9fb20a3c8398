//! docs/integration.md's commands, run as written (with `bash` and `curl`) against the real
//! server: a partner's system gets a token with its client credentials, reads what it owes and the
//! event feed, and subscribes a webhook. Each answer must be JSON and no problem.
use crate::helpers::TestApp;
use crate::support::json_of;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;

/// The ```sh blocks of the guide, in order.
fn shell_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_start()) {
            (None, l) if l.starts_with("```sh") => current = Some(String::new()),
            (Some(_), l) if l.starts_with("```") => blocks.extend(current.take()),
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

fn run(block: &str, env: &[(&str, &str)]) -> Value {
    let output = Command::new("bash")
        .args(["-euo", "pipefail", "-c", block])
        .envs(env.iter().copied())
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{block}\nfailed: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{block}\nanswered no JSON ({e}): {stdout}"));
    assert!(
        answer
            .get("status")
            .and_then(Value::as_u64)
            .is_none_or(|s| s < 400),
        "{block}\nanswered a problem: {answer}"
    );
    answer
}

#[tokio::test]
async fn the_integration_guides_commands_work_as_written() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
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
    let guide = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/integration.md"),
    )
    .expect("docs/integration.md");
    let blocks = shell_blocks(&guide);
    assert!(blocks.len() >= 4, "the guide's commands: {blocks:?}");
    let base = app.url("");
    let client_id = account["account"]["client_id"].as_str().unwrap().to_owned();
    let client_secret = account["client_secret"].as_str().unwrap().to_owned();
    // The first command gets the token the others use.
    let token = run(
        &blocks[0],
        &[
            ("BASE", &base),
            ("CLIENT_ID", &client_id),
            ("CLIENT_SECRET", &client_secret),
        ],
    );
    let token = token["access_token"]
        .as_str()
        .expect("an access token")
        .to_owned();
    let env = [("BASE", base.as_str()), ("TOKEN", token.as_str())];
    for block in &blocks[1..] {
        run(block, &env);
    }
    // The webhook command subscribed the system.
    let subscriptions = json_of(
        app.get("/api/v1/webhook-subscriptions", &token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(subscriptions["items"].as_array().unwrap().len(), 1);
}
