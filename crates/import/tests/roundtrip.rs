//! Export → import is the identity on generated plans: recommendations with parts, actions with
//! several owners or "All", bulleted actions and measures, milestones to the month, to the day
//! or without a date, notes; through CSV and through XLSX.
use proptest::prelude::*;
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::records::{parse_owners, PartLabel, RecommendationNumber};
use scrutiny_import::export::{to_csv, to_xlsx};
use scrutiny_import::{
    parse_action_plan_csv, parse_action_plan_xlsx, ActionPlanImport, ImportedAction,
    ImportedMilestone, ImportedPart, ImportedRecommendation, Severity,
};

const WORDS: &[&str] = &[
    "police",
    "council",
    "ward",
    "survey",
    "protocol",
    "victims",
    "engagement",
    "report",
    "committee",
    "partners",
    "review",
    "strategy",
    "officers",
    "residents",
    "update",
    "measures",
    "community",
    "protocols",
    "Cleveland",
    "Stockton",
    "PCSO",
    "ASB",
    "newsletter",
    "monthly",
];
const OWNERS: &[&str] = &[
    "Cleveland Police",
    "SBC",
    "C/Supt Lang",
    "Steve Hume",
    "Thirteen Group",
    "Stockton-on-Tees Borough Council",
    "Redcar and Cleveland Borough Council",
    "Cleveland Fire Brigade",
];

fn words(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), min..=max).prop_map(|w| w.join(" "))
}

/// A sentence, maybe over several lines.
fn text(max_lines: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(words(2, 8), 1..=max_lines).prop_map(|lines| {
        let mut t = lines.join("\n");
        t.push('.');
        let mut c = t.chars();
        let first = c.next().unwrap().to_uppercase().collect::<String>();
        first + c.as_str()
    })
}

fn actions_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(&["", "* ", "• ", "- "][..]),
            words(1, 6),
        ),
        1..=4,
    )
    .prop_map(|lines| {
        lines
            .into_iter()
            .map(|(bullet, w)| format!("{bullet}{w}"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn milestone() -> impl Strategy<Value = ImportedMilestone> {
    let date = prop_oneof![
        Just(None),
        (2015i32..2035, 1u32..=12).prop_map(|(y, m)| Some(PartialDate::month(y, m).unwrap())),
        (2015i32..2035, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| Some(PartialDate::day(y, m, d).unwrap())),
    ];
    let label = prop_oneof![
        Just(None),
        words(1, 4).prop_map(Some),
        words(1, 2).prop_map(|w| Some(format!("{w} (draft)"))),
    ];
    (date, label).prop_map(|(date, label)| {
        // A milestone has a date or a label.
        let label = if date.is_none() && label.is_none() {
            Some("Ongoing".to_owned())
        } else {
            label
        };
        ImportedMilestone { date, label }
    })
}

fn responsibility() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just("All".to_owned()),
        4 => (prop::sample::subsequence(OWNERS, 1..=3), prop::sample::select(&[", ", "\n", " / ", "; "][..]))
            .prop_map(|(names, sep)| names.join(sep)),
    ]
}

fn action(labels: Vec<PartLabel>) -> impl Strategy<Value = ImportedAction> {
    let part = if labels.is_empty() {
        Just(None).boxed()
    } else {
        prop_oneof![Just(None), prop::sample::select(labels).prop_map(Some)].boxed()
    };
    (
        part,
        actions_text(),
        prop::collection::vec(text(2), 1..=3),
        responsibility(),
        prop::collection::vec(milestone(), 0..=3),
        prop::option::of(text(2)),
    )
        .prop_map(
            |(part, proposed, measures, resp, milestones, notes)| ImportedAction {
                part,
                proposed_actions: proposed,
                success_measures: measures,
                owners: parse_owners(&resp),
                responsibility: resp,
                milestones,
                status_notes: notes,
                row: 0,
            },
        )
}

fn recommendation(number: usize) -> impl Strategy<Value = ImportedRecommendation> {
    (text(2), prop::collection::vec(text(2), 0..=5)).prop_flat_map(move |(lead, part_texts)| {
        let parts: Vec<ImportedPart> = part_texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| ImportedPart {
                label: PartLabel::letter(i as u32 + 1).unwrap(),
                text: t,
            })
            .collect();
        let labels: Vec<PartLabel> = parts.iter().map(|p| p.label.clone()).collect();
        let lead = if parts.is_empty() {
            lead
        } else {
            format!("{}:", lead.trim_end_matches('.'))
        };
        prop::collection::vec(action(labels), 0..=4).prop_map(move |actions| {
            ImportedRecommendation {
                number: RecommendationNumber::parse(&number.to_string()).unwrap(),
                text: lead.clone(),
                parts: parts.clone(),
                actions,
                row: 0,
            }
        })
    })
}

fn plan() -> impl Strategy<Value = ActionPlanImport> {
    (prop::option::of(words(2, 6)), 1usize..=6).prop_flat_map(|(title, n)| {
        let recs: Vec<_> = (1..=n).map(recommendation).collect();
        (Just(title.map(|t| format!("ACTION PLAN: {t}"))), recs).prop_map(
            |(title, recommendations)| ActionPlanImport {
                title,
                recommendations,
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn csv_export_then_import_is_the_identity(plan in plan()) {
        let csv = to_csv(&plan);
        let back = parse_action_plan_csv(&csv).unwrap();
        prop_assert_eq!(back.report.rows_rejected, 0, "{:#?}", back.report);
        prop_assert_eq!(back.value.without_rows(), plan.without_rows());
        // Nothing had to be guessed in the export's own layout but what the cells say
        // (several owners or measures, a date cell without a date, are reported so that a
        // person can check them).
        for issue in back.report.of(Severity::Guessed) {
            prop_assert!(
                issue.reason.starts_with("read as ") || issue.reason.starts_with("no date in the cell"),
                "{:?}",
                issue
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn xlsx_export_then_import_is_the_identity(plan in plan()) {
        let xlsx = to_xlsx(&plan).unwrap();
        let back = parse_action_plan_xlsx(&xlsx).unwrap();
        prop_assert_eq!(back.report.rows_rejected, 0, "{:#?}", back.report);
        prop_assert_eq!(back.value.without_rows(), plan.without_rows());
    }
}

/// A plan whose texts start like spreadsheet formulas exports as CSV that no spreadsheet
/// evaluates (each such cell starts with an apostrophe), and imports back as it was.
#[test]
fn formula_like_cells_are_exported_inert_and_read_back_unchanged() {
    let hostile = [
        "=HYPERLINK(\"http://example.org\",\"click\")",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
    ];
    let plan = ActionPlanImport {
        title: Some("=1+1 plan".to_owned()),
        recommendations: vec![ImportedRecommendation {
            number: "1".parse().unwrap(),
            text: hostile[0].to_owned(),
            parts: Vec::new(),
            actions: vec![ImportedAction {
                part: None,
                proposed_actions: hostile[1].to_owned(),
                success_measures: vec![hostile[2].to_owned()],
                responsibility: "Cleveland Police".to_owned(),
                owners: parse_owners("Cleveland Police"),
                milestones: Vec::new(),
                status_notes: Some(hostile[3].to_owned()),
                row: 0,
            }],
            row: 0,
        }],
    };
    let csv = String::from_utf8(to_csv(&plan)).unwrap();
    for line in csv.lines().skip(2) {
        for cell in line.split(',') {
            let cell = cell.trim_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a cell a spreadsheet would evaluate: {cell} in {csv}"
            );
        }
    }
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    let back = parse_action_plan_csv(csv.as_bytes()).unwrap().value;
    assert_eq!(back.title.as_deref(), Some("=1+1 plan"));
    let rec = &back.recommendations[0];
    assert_eq!(rec.text, hostile[0]);
    assert_eq!(rec.actions[0].proposed_actions, hostile[1]);
    assert_eq!(rec.actions[0].success_measures, vec![hostile[2].to_owned()]);
    assert_eq!(rec.actions[0].status_notes.as_deref(), Some(hostile[3]));
}
