//! The dry run of a 10,000-row CSV action plan import (issue 6: well under 2 seconds), and of
//! the same plan pasted from Word and as XLSX. Run with `cargo bench -p scrutiny-import`.
use scrutiny_import::export::{to_csv, to_xlsx};
use scrutiny_import::{parse_action_plan, Format};
use std::time::{Duration, Instant};

/// 2,000 recommendations (half with parts a–c) of 5 actions each: 10,000 data rows, each with
/// text of the seed's length, several owners and two milestones.
fn big_csv() -> Vec<u8> {
    let mut out = String::from("No.,Part,Recommendation,Proposed Actions,Success Measures,Responsibility,Date,Status notes\r\n");
    for rec in 1..=2000 {
        for action in 0..5 {
            let text = if action == 0 {
                if rec % 2 == 0 {
                    format!("\"Recommendation {rec}: as part of the future communications protocol between Cleveland Police and Stockton-on-Tees Borough Council:\na) Cleveland Police promotes regular and Ward-specific engagement with Ward Councillors;\nb) both use their public-facing platforms to raise the profile of partnership working;\nc) expectations around the visibility of police officers are re-established.\"")
                } else {
                    format!("Recommendation {rec}: any scheduled reviews of the Community Engagement Strategy factor in the key findings and recommendations from this review.")
                }
            } else {
                String::new()
            };
            let part = if rec % 2 == 0 && action > 0 && action < 4 {
                ["a", "b", "c"][action - 1]
            } else {
                ""
            };
            out.push_str(&format!(
                "{rec},{part},{text},\"* A comprehensive written and agreed protocol is developed for action {action}\n* It is reviewed after six months\",\"Development of a written protocol followed by both organisations; reviewed in the Ward Councillor survey.\",\"Cleveland Police, SBC\",\"May 2022 (Development of protocol); September 2022 (Assessment of protocol)\",{}\r\n",
                if action == 4 { "Action complete" } else { "" }
            ));
        }
    }
    out.into_bytes()
}

fn time<F: FnMut()>(name: &str, runs: usize, mut f: F) -> Duration {
    f(); // warm up
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[runs / 2];
    println!(
        "{name}: median {:.1} ms, min {:.1} ms, max {:.1} ms over {runs} runs",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[runs - 1].as_secs_f64() * 1e3
    );
    median
}

fn main() {
    let csv = big_csv();
    let parsed = parse_action_plan(Format::Csv, &csv).expect("the generated CSV reads");
    assert_eq!(parsed.report.rows_read, 10_000);
    assert_eq!(parsed.report.rows_rejected, 0);
    assert_eq!(parsed.value.action_count(), 10_000);
    println!(
        "10,000-row CSV: {} bytes, {} recommendations, {} actions, {} report issues",
        csv.len(),
        parsed.value.recommendations.len(),
        parsed.value.action_count(),
        parsed.report.issues.len()
    );
    let median = time("CSV dry run (parse + report, 10,000 rows)", 11, || {
        let p = parse_action_plan(Format::Csv, &csv).unwrap();
        std::hint::black_box(p);
    });
    // The dry run answers with the parsed plan and report as JSON.
    time("CSV dry run + JSON of plan and report", 11, || {
        let p = parse_action_plan(Format::Csv, &csv).unwrap();
        std::hint::black_box(serde_json_len(&p));
    });
    let xlsx = to_xlsx(&parsed.value).unwrap();
    time("XLSX dry run (10,000 rows)", 5, || {
        std::hint::black_box(parse_action_plan(Format::Xlsx, &xlsx).unwrap());
    });
    time("CSV export (10,000 rows)", 11, || {
        std::hint::black_box(to_csv(&parsed.value));
    });
    assert!(
        median < Duration::from_secs(2),
        "the 10,000-row CSV dry run took {median:?}, over the 2 s the issue allows"
    );
}

/// The size of the plan and report as JSON (what the API sends back).
fn serde_json_len<T: serde::Serialize>(value: &T) -> usize {
    serde_json::to_vec(value).map(|v| v.len()).unwrap_or(0)
}
