//! Every parser over hostile input: arbitrary bytes, the seed documents damaged at random, and the
//! kept corpus (`tests/corpus/`, one file per input that once troubled a parser or stands for a
//! class of them). Each input is read or refused with an [`ImportError`]; none may panic.
//! Failing cases that proptest finds are kept in `fuzz.proptest-regressions` beside this file
//! and replayed first on every run.
use proptest::prelude::*;
use scrutiny_domain::progress::GradeScale;
use scrutiny_import::{
    describe, parse_action_plan, parse_action_plan_mapped, parse_progress_update_bytes,
    parse_tracker, proposed_mapping, read_records, ColumnMapping, Field, Format, ImportKind,
    Mapping,
};
use std::path::Path;

const PLAN: &[u8] =
    include_bytes!("../../server/tests/fixtures/seeds/action-plan-police-communications.txt");
const UPDATE: &[u8] =
    include_bytes!("../../server/tests/fixtures/seeds/progress-update-police-communications.txt");

/// Runs every reader over `bytes`, as any upload could reach them.
fn read_every_way(bytes: &[u8]) {
    for (media, name) in [
        (Some("text/plain"), Some("plan.txt")),
        (Some("text/csv"), Some("plan.csv")),
        (None, Some("plan.xlsx")),
        (Some("application/octet-stream"), None),
    ] {
        if let Ok(format) = Format::detect(media, name, bytes) {
            let _ = parse_action_plan(format, bytes);
        }
    }
    for format in [Format::Text, Format::Csv, Format::Xlsx] {
        let _ = parse_action_plan(format, bytes);
    }
    let _ = parse_progress_update_bytes(bytes, &GradeScale::default_scale());
    read_mapped_every_way(bytes);
}

/// A tracker profile as a council would keep one.
fn fixed_mapping() -> Mapping {
    let columns = [
        ("Ref", Field::ReviewReference),
        ("Review", Field::ReviewTitle),
        ("Origin", Field::Committee),
        ("No.", Field::Number),
        ("Recommendation", Field::Recommendation),
        ("Proposed Actions", Field::Action),
        ("Lead(s)", Field::Lead),
        ("Cabinet decision", Field::DecisionDate),
        ("Date", Field::DueDate),
        ("RAG", Field::Status),
        ("Progress update", Field::Progress),
        ("Success Measures", Field::Measures),
        ("Responsibility", Field::Ignore),
    ]
    .into_iter()
    .map(|(heading, field)| ColumnMapping {
        heading: heading.to_owned(),
        field,
    })
    .collect();
    Mapping {
        columns,
        header_row: None,
    }
}

/// The generic rows of `bytes` in every format, previewed and read with a fixed mapping and
/// with the mapping proposed.
fn read_mapped_every_way(bytes: &[u8]) {
    let fixed = fixed_mapping();
    for format in [Format::Text, Format::Csv, Format::Xlsx] {
        let Ok((records, report)) = read_records(format, bytes) else {
            continue;
        };
        let _ = parse_tracker(records.clone(), report.clone(), &fixed);
        let _ = parse_action_plan_mapped(records.clone(), report.clone(), &fixed);
        for kind in [ImportKind::Tracker, ImportKind::ActionPlan] {
            if let Ok(shape) = describe(&records, kind) {
                let proposed = proposed_mapping(&shape);
                let _ = parse_tracker(records.clone(), report.clone(), &proposed);
                let _ = parse_action_plan_mapped(records.clone(), report.clone(), &proposed);
            }
        }
    }
}

/// Damages `seed`: each edit overwrites, inserts or deletes a run of bytes somewhere.
fn damaged(seed: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for &(at, kind, value) in edits {
        if bytes.is_empty() {
            bytes.push(value);
            continue;
        }
        let i = at % bytes.len();
        match kind % 4 {
            0 => bytes[i] = value,
            1 => bytes.insert(i, value),
            2 => {
                let end = (i + usize::from(value)).min(bytes.len());
                bytes.drain(i..end);
            }
            _ => {
                // Splices a line of the seed somewhere else (repeated headers, shuffled rows).
                let line_start = bytes[..i]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |p| p + 1);
                let line_end = bytes[i..]
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(bytes.len(), |p| i + p);
                let line = bytes[line_start..line_end].to_vec();
                let to = (i * 7 + usize::from(value)) % bytes.len();
                bytes.splice(to..to, line.into_iter().chain([b'\n']));
            }
        }
    }
    bytes
}

#[test]
fn the_kept_corpus_is_read_or_refused() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        read_every_way(&bytes);
        count += 1;
    }
    assert!(
        count >= 8,
        "the corpus in {} has {count} files",
        dir.display()
    );
}

/// Cases per property: a few hundred on every test run; a long fuzzing run sets `FUZZ_CASES`
/// (e.g. `FUZZ_CASES=100000 cargo test --release -p scrutiny-import --test fuzz`).
fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        read_every_way(&bytes);
    }

    #[test]
    fn arbitrary_text_is_read_or_refused(text in "(\\PC|\t|\n|\r){0,2000}") {
        read_every_way(text.as_bytes());
    }

    #[test]
    fn the_seed_plan_damaged_is_read_or_refused(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..24)) {
        read_every_way(&damaged(PLAN, &edits));
    }

    #[test]
    fn arbitrary_trackers_are_read_or_refused(rows in proptest::collection::vec(proptest::collection::vec("(\\PC|\t|\n|,|/|&|\"){0,24}", 0..12), 0..24)) {
        let mut csv = String::from("Ref,Review,Origin,No.,Recommendation,Lead(s),Cabinet decision,Date,RAG,Progress update\n");
        let mut text = csv.replace(',', "\t");
        for row in &rows {
            let quoted: Vec<String> = row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
            csv.push_str(&quoted.join(","));
            csv.push('\n');
            text.push_str(&row.join("\t").replace('\n', " "));
            text.push('\n');
        }
        read_mapped_every_way(csv.as_bytes());
        read_mapped_every_way(text.as_bytes());
    }

    #[test]
    fn the_seed_update_damaged_is_read_or_refused(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..24)) {
        read_every_way(&damaged(UPDATE, &edits));
    }
}
