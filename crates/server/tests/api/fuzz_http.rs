//! Fuzzed files over HTTP: the seed documents (as text, CSV and XLSX), a PDF and the parsers'
//! kept corpus, damaged at random and uploaded to every endpoint that reads a file (the
//! action-plan import, the progress-update import and attachments), and the multipart envelope of
//! an upload damaged itself. Each is answered, never with a server error, and the server stays
//! up. `HTTP_FUZZ_FILES` sets how many (a few hundred on every run; `scripts/fuzz-http` sends
//! 10,000); `HTTP_FUZZ_SEED` replays a run.
use crate::attachments::{form, partner_entry, pdf};
use crate::helpers::TestApp;
use crate::support::json_of;
use reqwest::{Method, StatusCode};
use std::collections::BTreeMap;
use std::path::Path;

const PLAN: &[u8] = include_bytes!("../fixtures/seeds/action-plan-police-communications.txt");
const UPDATE: &[u8] = include_bytes!("../fixtures/seeds/progress-update-police-communications.txt");
const TRACKER: &[u8] = b"Ref,Rec,Recommendation,Lead,Target,RAG,Progress\n\
2024/25-01,1,That the council publishes its policy.,JS/AB,Jun 2025,Green,\"Done, early.\"\n\
2024/25-01,2,That routes are reviewed.,Cleveland Police,01/09/25,Amber,Two of five\n";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// xorshift64*: deterministic, so a failing run is replayed with its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Damages `seed` with a few random edits: bytes overwritten, inserted, deleted or a run repeated.
fn damaged(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(16) {
        if bytes.is_empty() {
            bytes.push(rng.next() as u8);
            continue;
        }
        let at = rng.below(bytes.len());
        match rng.below(5) {
            0 => bytes[at] = rng.next() as u8,
            1 => bytes.insert(at, rng.next() as u8),
            2 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(256)).min(bytes.len());
                let run = bytes[at..end].to_vec();
                let to = rng.below(bytes.len());
                bytes.splice(to..to, run);
            }
            _ => bytes[at] = [b'\t', b'\n', b',', b'"', 0, 0xff][rng.below(6)],
        }
    }
    bytes
}

/// The seed plan as a workbook and as CSV, made by the server's own export.
async fn exported(app: &TestApp, officer: &str, review: &str) -> (Vec<u8>, Vec<u8>) {
    let mut files = Vec::new();
    for format in ["xlsx", "csv"] {
        let r = app
            .request(
                Method::GET,
                &format!("/api/v1/reviews/{review}/action-plan/export.{format}"),
                Some(officer),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "export as {format}");
        files.push(r.bytes().await.unwrap().to_vec());
    }
    let csv = files.pop().unwrap();
    (files.pop().unwrap(), csv)
}

fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../import/tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[tokio::test]
async fn fuzzed_files_over_http_are_answered_and_the_server_stays_up() {
    let count: usize = std::env::var("HTTP_FUZZ_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let seed: u64 = std::env::var("HTTP_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("HTTP_FUZZ_SEED={seed} HTTP_FUZZ_FILES={count}");
    let mut rng = Rng(seed);

    let app = TestApp::spawn().await;
    // A partner's draft entry in an open round of a review with an agreed plan.
    let fx = partner_entry(&app, "Cleveland Police").await;
    let entry = json_of(
        app.get(
            &format!("/api/v1/progress-entries/{}", fx.entry),
            &fx.officer,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let round = entry["round"]["id"].as_str().unwrap().to_owned();
    let review = entry["review_id"].as_str().unwrap().to_owned();
    let (xlsx, csv) = exported(&app, &fx.officer, &review).await;
    // Each seed with its media type and the file name an attachment of it would have.
    let mut seeds: Vec<(Vec<u8>, &str, &str)> = vec![
        (PLAN.to_vec(), "text/plain; charset=utf-8", "plan.txt"),
        (UPDATE.to_vec(), "text/plain; charset=utf-8", "update.txt"),
        (csv, "text/csv", "plan.csv"),
        (xlsx, XLSX, "plan.xlsx"),
        (pdf(), "application/pdf", "evidence.pdf"),
        (TRACKER.to_vec(), "text/csv", "tracker.csv"),
    ];
    seeds.extend(
        corpus()
            .into_iter()
            .map(|b| (b, "application/octet-stream", "corpus.bin")),
    );

    let plan_import = format!("/api/v1/reviews/{review}/imports/action-plan?dry_run=true");
    let update_import =
        format!("/api/v1/progress-rounds/{round}/imports/progress-update?dry_run=true");
    let attachments = format!("/api/v1/progress-entries/{}/attachments", fx.entry);
    // A tracker profile, for the tracker import; any file's columns need none.
    let profile = json_of(
        app.post(
            "/api/v1/import-profiles",
            &fx.officer,
            &serde_json::json!({"kind": "tracker", "name": "Fuzzed", "columns": [
                {"heading": "Ref", "field": "review_reference"},
                {"heading": "Rec", "field": "number"},
                {"heading": "Recommendation", "field": "recommendation"},
                {"heading": "Lead", "field": "lead"},
                {"heading": "Target", "field": "due_date"},
                {"heading": "RAG", "field": "status"},
                {"heading": "Progress", "field": "progress"}]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let tracker_import = format!(
        "/api/v1/imports/tracker?dry_run=true&profile_id={}",
        profile["id"].as_str().unwrap()
    );
    let mut answers: BTreeMap<(&str, u16), usize> = BTreeMap::new();
    for i in 0..count {
        let (seed_bytes, media, file_name) = &seeds[rng.below(seeds.len())];
        let mut bytes = damaged(&mut rng, seed_bytes);
        let (target, request) = match rng.below(6) {
            0 => (
                "action-plan import",
                app.request(Method::POST, &plan_import, Some(&fx.officer))
                    .header("content-type", *media)
                    .body(bytes.clone()),
            ),
            1 => (
                "progress-update import",
                app.request(Method::POST, &update_import, Some(&fx.officer))
                    .header("content-type", *media)
                    .body(bytes.clone()),
            ),
            3 => (
                "tracker import",
                app.request(Method::POST, &tracker_import, Some(&fx.officer))
                    .header("content-type", *media)
                    .body(bytes.clone()),
            ),
            4 => (
                "columns",
                app.request(Method::POST, "/api/v1/imports/columns", Some(&fx.officer))
                    .header("content-type", *media)
                    .body(bytes.clone()),
            ),
            2 => (
                "attachment",
                app.request(Method::POST, &attachments, Some(&fx.contributor))
                    .multipart(form(&format!("{i}-{file_name}"), &bytes, None)),
            ),
            // The multipart envelope itself damaged: boundaries, headers, names and lengths.
            _ => {
                let mut envelope = format!(
                    "--fuzz{i}\r\nContent-Disposition: form-data; name=\"file\"; \
                     filename=\"{file_name}\"\r\nContent-Type: {media}\r\n\r\n"
                )
                .into_bytes();
                envelope.extend_from_slice(&bytes[..bytes.len().min(2048)]);
                envelope.extend_from_slice(
                    format!("\r\n--fuzz{i}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nEvidence\r\n--fuzz{i}--\r\n")
                        .as_bytes(),
                );
                // What is kept, should it fail, is the body as sent.
                bytes = damaged(&mut rng, &envelope);
                (
                    "attachment (damaged envelope)",
                    app.request(Method::POST, &attachments, Some(&fx.contributor))
                        .header(
                            "content-type",
                            format!("multipart/form-data; boundary=fuzz{i}"),
                        )
                        .body(bytes.clone()),
                )
            }
        };
        // A request the server leaves unanswered is a failure as much as a server error.
        let response = request
            .timeout(std::time::Duration::from_secs(30))
            .send()
            .await
            .unwrap_or_else(|e| {
                let kept = std::env::temp_dir().join(format!("http-fuzz-{seed}-{i}.bin"));
                std::fs::write(&kept, &bytes).unwrap();
                panic!(
                    "file {i} to the {target} cut the connection ({e}); kept in {}",
                    kept.display()
                )
            });
        let status = response.status();
        if status.is_server_error() {
            let kept = std::env::temp_dir().join(format!("http-fuzz-{seed}-{i}.bin"));
            std::fs::write(&kept, &bytes).unwrap();
            panic!(
                "file {i} to the {target} answered {status}: {}; kept in {}",
                response.text().await.unwrap_or_default(),
                kept.display()
            );
        }
        *answers.entry((target, status.as_u16())).or_default() += 1;
    }
    println!("answers by endpoint and status: {answers:?}");
    assert!(app.is_live().await, "the server is still up");
    assert!(
        answers.keys().any(|(_, s)| *s == 422),
        "some damaged files are refused as such"
    );
}

/// An upload whose multipart envelope ends without its closing boundary (a file the fuzzing above
/// found, kept as `fixtures/multipart-cut-boundary.bin`) once left the request waiting for ever
/// (actix-multipart before 0.8.2); it is a 400 at once, and so are shorter cuts.
#[tokio::test]
async fn an_upload_cut_before_its_closing_boundary_is_answered() {
    let app = TestApp::spawn().await;
    let fx = partner_entry(&app, "Cleveland Police").await;
    let attachments = format!("/api/v1/progress-entries/{}/attachments", fx.entry);
    let found: &[u8] = include_bytes!("../fixtures/multipart-cut-boundary.bin");
    let cuts: [(&str, &[u8]); 3] = [
        ("fuzz243", found),
        ("b", b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello"),
        ("b", b"--b\r\nContent-Disposition: form-data; name=\"fi"),
    ];
    for (boundary, body) in cuts {
        let response = app
            .request(Method::POST, &attachments, Some(&fx.contributor))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body.to_vec())
            .timeout(std::time::Duration::from_secs(10))
            .send()
            .await
            .expect("answered, not left waiting");
        assert!(response.status().is_client_error(), "{}", response.status());
    }
}
