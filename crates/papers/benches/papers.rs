//! How long the papers take to generate: the progress update of a review with 50
//! recommendations (each shaped like one of the seed's, bullets, parts and long evidence
//! included) as DOCX, PDF and HTML, and the seed's action plan and decision record.
//!
//! `cargo bench -p scrutiny-papers` (a plain `harness = false` benchmark: each case is run once to
//! warm up, then timed over several runs; min / median / mean / max are printed). Run with
//! `--test` (as `cargo test --all-targets` does) it makes each paper once and checks it, fast.
#[path = "../tests/support/seed.rs"]
mod seed;

use scrutiny_papers::{
    render_action_plan, render_decision_record, render_progress_update, Format, PaperError,
};
use std::time::{Duration, Instant};

fn time<F: FnMut() -> Result<Vec<u8>, PaperError>>(name: &str, runs: usize, mut f: F) {
    let bytes = f().expect("the paper renders").len();
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = f().expect("the paper renders");
            let elapsed = start.elapsed();
            assert!(!out.is_empty());
            elapsed
        })
        .collect();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = samples.iter().map(|d| ms(*d)).sum::<f64>() / samples.len() as f64;
    println!(
        "{name:<44} {runs:>3} runs  min {:>8.1} ms  median {:>8.1} ms  mean {:>8.1} ms  max {:>8.1} ms  {:>9} bytes",
        ms(samples[0]),
        ms(samples[samples.len() / 2]),
        mean,
        ms(samples[samples.len() - 1]),
        bytes
    );
}

fn main() {
    let smoke = std::env::args().any(|a| a == "--test");
    let runs = if smoke { 1 } else { 20 };
    let large = seed::large_progress_update(50);
    assert_eq!(large.recommendations.len(), 50);
    println!("scrutiny-papers benchmark ({runs} timed runs per case after one warm-up)");
    for format in Format::ALL {
        time(
            &format!("progress update, 50 recommendations, {format}"),
            runs,
            || render_progress_update(&large, format),
        );
    }
    let plan = seed::action_plan();
    let decision = seed::decision_record();
    for format in [Format::Docx, Format::Pdf] {
        time(&format!("seed action plan, {format}"), runs, || {
            render_action_plan(&plan, format)
        });
        time(&format!("seed decision record, {format}"), runs, || {
            render_decision_record(&decision, format)
        });
    }
}
