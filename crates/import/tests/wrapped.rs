//! A table copied out of Word whose cells wrap across physical lines imports as the same plan as
//! the table with every cell on one line: the reader joins the continuation lines to their
//! columns (by tab positions and by content) and says which cells it joined.
use proptest::prelude::*;
use scrutiny_import::{parse_action_plan_text, ActionPlanImport, Severity};

const HEADER: &str =
    "No.\tRecommendation\tProposed Actions\tSuccess Measures\tResponsibility\tDate";
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
    "community",
    "newsletter",
    "monthly",
    "published",
    "agreed",
];
const OWNERS: &[&str] = &["Cleveland Police", "SBC", "Thirteen Group", "All"];
const DATES: &[&str] = &["May 2022", "September 2022", "14 March 2023", "Ongoing", ""];

/// One row of the table: its six cells, each on one line.
#[derive(Debug, Clone)]
struct Row([String; 6]);

fn words(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), min..=max).prop_map(|w| w.join(" "))
}

fn sentence(min: usize, max: usize) -> impl Strategy<Value = String> {
    words(min, max).prop_map(|w| {
        let mut c = w.chars();
        let first = c.next().unwrap().to_uppercase().collect::<String>();
        format!("{first}{}.", c.as_str())
    })
}

/// A plan of 1–5 recommendations with one or two actions each (the second on its own row).
fn table() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        (
            sentence(4, 14),
            prop::collection::vec(
                (
                    sentence(3, 12),
                    sentence(2, 8),
                    prop::sample::select(OWNERS),
                    prop::sample::select(DATES),
                ),
                1..=2,
            ),
        ),
        1..=5,
    )
    .prop_map(|recs| {
        let mut rows = Vec::new();
        for (i, (text, actions)) in recs.into_iter().enumerate() {
            for (j, (action, measure, owner, date)) in actions.into_iter().enumerate() {
                let (number, rec) = if j == 0 {
                    ((i + 1).to_string(), text.clone())
                } else {
                    (String::new(), String::new())
                };
                rows.push(Row([
                    number,
                    rec,
                    action,
                    measure,
                    owner.to_owned(),
                    date.to_owned(),
                ]));
            }
        }
        rows
    })
}

fn render(rows: &[Row]) -> String {
    let mut out = format!("{HEADER}\n");
    for r in rows {
        out.push_str(&r.0.join("\t"));
        out.push('\n');
    }
    out
}

/// Breaks a cell of the long-text columns (recommendation, actions, measures) at a space before
/// a word in lower case, as Word does when a cell's text wraps; `picks` chooses which cells.
fn wrap(rows: &[Row], picks: &[(usize, usize, usize)]) -> Vec<Row> {
    let mut rows = rows.to_vec();
    for &(r, c, at) in picks {
        let n = rows.len().max(1);
        let Some(row) = rows.get_mut(r % n) else {
            continue;
        };
        let column = 1 + c % 3;
        let cell = &row.0[column];
        let spaces: Vec<usize> = cell
            .match_indices(' ')
            .map(|(i, _)| i)
            .filter(|&i| cell[i + 1..].starts_with(|ch: char| ch.is_lowercase()))
            .collect();
        if spaces.is_empty() {
            continue;
        }
        let i = spaces[at % spaces.len()];
        let mut wrapped = cell.clone();
        wrapped.replace_range(i..=i, "\n");
        row.0[column] = wrapped;
    }
    rows
}

/// The plan with every text's white space folded, so that a line break reads as a space, and
/// without the line numbers (which the wrapping moves).
fn folded(plan: &ActionPlanImport) -> String {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.remove("row");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(plan).unwrap();
    strip(&mut value);
    value.to_string().replace("\\n", " ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn wrapped_cells_import_as_the_unwrapped_table(
        rows in table(),
        picks in prop::collection::vec((0usize..20, 0usize..3, 0usize..20), 1..6),
    ) {
        let plain = parse_action_plan_text(&render(&rows)).unwrap();
        prop_assert_eq!(plain.report.rows_rejected, 0, "{:#?}", plain.report.issues);
        let wrapped_rows = wrap(&rows, &picks);
        let wrapped_text = render(&wrapped_rows);
        let wrapped = parse_action_plan_text(&wrapped_text).unwrap();
        prop_assert_eq!(wrapped.report.rows_rejected, 0, "{}\n{:#?}", wrapped_text, wrapped.report.issues);
        prop_assert_eq!(folded(&wrapped.value), folded(&plain.value), "{}", wrapped_text);
        // Every join is said.
        let joins = wrapped.report.issues.iter().filter(|i| {
            i.severity == Severity::Guessed && i.reason.contains("wrapped across lines")
        }).count();
        let breaks = wrapped_text.matches('\n').count() - render(&rows).matches('\n').count();
        prop_assert!(joins >= breaks.min(1), "{} breaks, {} joins said", breaks, joins);
    }
}
