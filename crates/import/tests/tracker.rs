//! A recommendations tracker (one row per recommendation across reviews) read from CSV and from
//! XLSX: the columns previewed and proposed, then every row read with the proposed mapping, the
//! same from both files, dates to the month or the day as given. And an action plan with
//! headings of its own, read with a mapping.
use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook};
use scrutiny_domain::dates::{PartialDate, Precision};
use scrutiny_import::{
    describe, parse_action_plan_mapped, parse_tracker, proposed_mapping, read_records,
    ColumnMapping, Field, Format, ImportKind, Mapping, Severity, TrackerRow,
};

const HEADINGS: [&str; 10] = [
    "Ref",
    "Review",
    "Origin",
    "Rec",
    "Recommendation",
    "Lead(s)",
    "Cabinet decision",
    "Target",
    "RAG",
    "Progress update",
];

const PROPOSED: [Field; 10] = [
    Field::ReviewReference,
    Field::ReviewTitle,
    Field::Committee,
    Field::Number,
    Field::Recommendation,
    Field::Lead,
    Field::DecisionDate,
    Field::DueDate,
    Field::Status,
    Field::Progress,
];

/// A target date: as the CSV writes it, and as the workbook holds it.
#[derive(Clone, Copy)]
enum Target {
    /// "Feb 2026" in the CSV; an Excel date on the 1st shown as "mmm yyyy" in the workbook.
    Month(u16, u8),
    /// "14/10/2025" in the CSV; an Excel date in the workbook.
    Day(u16, u8, u8),
    /// A word meaning no date, the same in both.
    Word(&'static str),
}

struct Rec {
    reference: &'static str,
    review: &'static str,
    committee: &'static str,
    number: &'static str,
    text: &'static str,
    leads: &'static str,
    decision: &'static str,
    target: Target,
    rag: &'static str,
    progress: &'static str,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn recs() -> Vec<Rec> {
    vec![
        Rec {
            reference: "2024/25-01",
            review: "Fly-tipping",
            committee: "CSC",
            number: "1",
            text: "That the Council publishes fly-tipping hotspots quarterly.",
            leads: "JS/AB",
            decision: "01/02/26",
            target: Target::Month(2026, 2),
            rag: "Green",
            progress:
                "Hotspot map agreed, first publication due in February.\nData from Q3 included.",
        },
        Rec {
            reference: "2024/25-01",
            review: "Fly-tipping",
            committee: "CSC",
            number: "2",
            text: "That enforcement officers report fixed penalty notices to the committee.",
            leads: "C/Supt Smith & Cllr Jones",
            decision: "01/02/26",
            target: Target::Day(2026, 3, 31),
            rag: "Amber",
            progress: "Reporting template drafted, awaiting data, \"FPN\" figures partial.",
        },
        Rec {
            reference: "2024/25-01",
            review: "Fly-tipping",
            committee: "CSC",
            number: "3",
            text: "That the Council reviews bulky waste charges.",
            leads: "AB",
            decision: "01/02/26",
            target: Target::Word("Ongoing"),
            rag: "Ongoing",
            progress: "",
        },
        Rec {
            reference: "2024/25-02",
            review: "Home care recruitment",
            committee: "ASC",
            number: "1",
            text: "That the Council pays home care staff for travel time.",
            leads: "KL/MN",
            decision: "14/03/25",
            target: Target::Month(2025, 7),
            rag: "Complete",
            progress:
                "Travel time paid from July 2025.\n\nAll providers, including agencies, signed up.",
        },
        Rec {
            reference: "2024/25-02",
            review: "Home care recruitment",
            committee: "ASC",
            number: "2",
            text: "That a recruitment campaign targets school leavers.",
            leads: "KL",
            decision: "14/03/25",
            target: Target::Day(2025, 10, 14),
            rag: "Paused",
            progress: "Paused pending the budget, see report to Cabinet, 10 October.",
        },
        Rec {
            reference: "2023/24-05",
            review: "Town centre safety",
            committee: "CSC",
            number: "4",
            text: "That CCTV coverage is extended to the bus station.",
            leads: "D/Insp Brown + JS",
            decision: "20/11/24",
            target: Target::Month(2025, 4),
            rag: "Red",
            progress: "Procurement delayed; new date to be set.",
        },
        Rec {
            reference: "2023/24-05",
            review: "Town centre safety",
            committee: "CSC",
            number: "5",
            text: "That street pastors are funded for a further year.",
            leads: "Community Safety Team",
            decision: "20/11/24",
            target: Target::Word("TBC"),
            rag: "Complete",
            progress: "Funded to March 2026.",
        },
    ]
}

fn target_text(target: Target) -> String {
    match target {
        Target::Month(y, m) => format!("{} {y}", MONTHS[usize::from(m) - 1]),
        Target::Day(y, m, d) => format!("{d:02}/{m:02}/{y}"),
        Target::Word(w) => w.to_owned(),
    }
}

fn cells(rec: &Rec) -> [String; 10] {
    [
        rec.reference.to_owned(),
        rec.review.to_owned(),
        rec.committee.to_owned(),
        rec.number.to_owned(),
        rec.text.to_owned(),
        rec.leads.to_owned(),
        rec.decision.to_owned(),
        target_text(rec.target),
        rec.rag.to_owned(),
        rec.progress.to_owned(),
    ]
}

const TITLE: &str = "Scrutiny recommendations tracker 2025/26";

fn tracker_csv() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record([TITLE]).unwrap();
        writer.write_record([""]).unwrap();
        writer.write_record(HEADINGS).unwrap();
        for rec in recs() {
            writer.write_record(cells(&rec)).unwrap();
        }
        writer.flush().unwrap();
    }
    out
}

fn tracker_xlsx() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let month = XFormat::new().set_num_format("mmm yyyy");
    let day = XFormat::new().set_num_format("dd/mm/yyyy");
    sheet.write_string(0, 0, TITLE).unwrap();
    for (c, h) in HEADINGS.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    for (r, rec) in recs().iter().enumerate() {
        let row = 3 + r as u32;
        let texts = cells(rec);
        for (c, text) in texts.iter().enumerate() {
            match (c, rec.target) {
                // The number as a number.
                (3, _) => {
                    sheet
                        .write_number(row, 3, rec.number.parse::<f64>().unwrap())
                        .unwrap();
                }
                (7, Target::Month(y, m)) => {
                    let date = ExcelDateTime::from_ymd(y, m, 1).unwrap();
                    sheet
                        .write_datetime_with_format(row, 7, date, &month)
                        .unwrap();
                }
                (7, Target::Day(y, m, d)) => {
                    let date = ExcelDateTime::from_ymd(y, m, d).unwrap();
                    sheet
                        .write_datetime_with_format(row, 7, date, &day)
                        .unwrap();
                }
                _ if text.is_empty() => {}
                _ => {
                    sheet.write_string(row, c as u16, text).unwrap();
                }
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

fn date(text: &str) -> PartialDate {
    PartialDate::parse(text).unwrap()
}

fn expected() -> Vec<TrackerRow> {
    recs()
        .iter()
        .map(|rec| {
            let leads: Vec<String> = match rec.leads {
                "JS/AB" => vec!["JS".into(), "AB".into()],
                "C/Supt Smith & Cllr Jones" => vec!["C/Supt Smith".into(), "Cllr Jones".into()],
                "KL/MN" => vec!["KL".into(), "MN".into()],
                "D/Insp Brown + JS" => vec!["D/Insp Brown".into(), "JS".into()],
                one => vec![one.to_owned()],
            };
            TrackerRow {
                row: 0,
                review_reference: rec.reference.to_owned(),
                review_title: Some(rec.review.to_owned()),
                committee: Some(rec.committee.to_owned()),
                decision_date: Some(date(rec.decision)),
                number: Some(
                    scrutiny_domain::records::RecommendationNumber::parse(rec.number).unwrap(),
                ),
                recommendation: rec.text.to_owned(),
                action: None,
                measures: Vec::new(),
                leads,
                lead_text: Some(rec.leads.to_owned()),
                due: match rec.target {
                    Target::Month(y, m) => Some(PartialDate::month(y.into(), m.into()).unwrap()),
                    Target::Day(y, m, d) => {
                        Some(PartialDate::day(y.into(), m.into(), d.into()).unwrap())
                    }
                    Target::Word(_) => None,
                },
                status: Some(rec.rag.to_owned()),
                progress: (!rec.progress.is_empty()).then(|| rec.progress.to_owned()),
                updated_on: None,
                updated_by: None,
            }
        })
        .collect()
}

fn without_rows(rows: &[TrackerRow]) -> Vec<TrackerRow> {
    rows.iter()
        .cloned()
        .map(|mut r| {
            r.row = 0;
            r
        })
        .collect()
}

fn check(format: Format, bytes: &[u8], first_data_row: u32) {
    let (records, report) = read_records(format, bytes).unwrap();
    let shape = describe(&records, ImportKind::Tracker).unwrap();
    assert_eq!(shape.header_row, 3, "{format:?}");
    assert_eq!(shape.data_rows, 7, "{format:?}");
    let headings: Vec<&str> = shape.columns.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(headings, HEADINGS, "{format:?}");
    let proposed: Vec<Field> = shape.columns.iter().map(|c| c.proposed).collect();
    assert_eq!(proposed, PROPOSED, "{format:?}");
    let origin = &shape.columns[2];
    assert_eq!(origin.letter, "C");
    assert_eq!(origin.samples, vec!["CSC", "ASC"]);
    assert_eq!(origin.distinct_values, vec!["CSC", "ASC"]);
    assert_eq!(
        shape.columns[8].distinct_values,
        vec!["Green", "Amber", "Ongoing", "Complete", "Paused", "Red"]
    );
    // Progress text is too long to list.
    assert!(shape.columns[9].distinct_values.is_empty());
    assert_eq!(shape.columns[9].samples.len(), 3);

    let mapping = proposed_mapping(&shape);
    assert_eq!(mapping.header_row, Some(3));
    let fields: Vec<Field> = mapping.columns.iter().map(|c| c.field).collect();
    assert_eq!(fields, PROPOSED);

    let parsed = parse_tracker(records, report, &mapping).unwrap();
    let rows = &parsed.value.rows;
    assert_eq!(rows.len(), 7, "{format:?}: {:#?}", parsed.report);
    assert_eq!(rows[0].row, first_data_row);
    assert_eq!(without_rows(rows), expected(), "{format:?}");
    assert_eq!(parsed.report.rows_read, 7);
    assert_eq!(parsed.report.rows_rejected, 0, "{:#?}", parsed.report);

    // Month precision kept; day-first numeric dates.
    assert_eq!(rows[0].due.unwrap().precision(), Precision::Month);
    assert_eq!(rows[0].due.unwrap().to_iso(), "2026-02");
    assert_eq!(rows[0].decision_date.unwrap().to_iso(), "2026-02-01");
    assert_eq!(rows[3].due.unwrap().to_string(), "July 2025");
    assert_eq!(rows[4].due.unwrap().to_iso(), "2025-10-14");
    assert!(rows[0].progress.as_deref().unwrap().contains('\n'));

    let guessed: Vec<(Option<u32>, Option<&str>, &str)> = parsed
        .report
        .of(Severity::Guessed)
        .map(|i| (i.row, i.column.as_deref(), i.value.as_str()))
        .collect();
    // The leads split, the no-date words.
    for (i, value) in [(0, "JS/AB"), (1, "C/Supt Smith & Cllr Jones"), (3, "KL/MN")] {
        assert!(
            guessed.contains(&(Some(rows[i].row), Some("Lead(s)"), value)),
            "{format:?}: {guessed:?}"
        );
    }
    assert!(guessed.contains(&(Some(rows[2].row), Some("Target"), "Ongoing")));
    assert!(guessed.contains(&(Some(rows[6].row), Some("Target"), "TBC")));
    assert_eq!(parsed.report.of(Severity::Rejected).count(), 0);

    let json = serde_json::to_value(&parsed.value).unwrap();
    assert_eq!(json["rows"][0]["due"], "2026-02");
    assert_eq!(json["rows"][0]["decision_date"], "2026-02-01");
    assert_eq!(json["rows"][0]["review_reference"], "2024/25-01");
}

#[test]
fn a_csv_tracker_is_read_with_the_proposed_mapping() {
    check(Format::Csv, &tracker_csv(), 4);
}

#[test]
fn an_xlsx_tracker_reads_the_same() {
    let bytes = tracker_xlsx();
    check(Format::Xlsx, &bytes, 4);
    // Excel keeps a month as its first day: each such target is read to the month, and said so.
    let (_, report) = read_records(Format::Xlsx, &bytes).unwrap();
    assert_eq!(
        report
            .of(Severity::Guessed)
            .filter(|i| i.reason.contains("Excel keeps a month"))
            .count(),
        3
    );
}

#[test]
fn the_profile_reads_next_years_file_with_columns_moved() {
    let (records, report) = read_records(Format::Csv, &tracker_csv()).unwrap();
    let mapping = proposed_mapping(&describe(&records, ImportKind::Tracker).unwrap());
    // Next year: columns moved, headings written differently, the header higher, an extra column.
    let moved = "RAG,TARGET,Progress  Update,Extra,REF.,Recommendation\n\
                 Green,Jan 2027,\"Started, on track\",x,2025/26-01,Do it\n";
    let (records, _) = read_records(Format::Csv, moved.as_bytes()).unwrap();
    let parsed = parse_tracker(records, report, &mapping).unwrap();
    let row = &parsed.value.rows[0];
    assert_eq!(row.review_reference, "2025/26-01");
    assert_eq!(row.due.unwrap().to_iso(), "2027-01");
    assert_eq!(row.progress.as_deref(), Some("Started, on track"));
    let issues: Vec<(Severity, Option<&str>)> = parsed
        .report
        .issues
        .iter()
        .map(|i| (i.severity, i.column.as_deref()))
        .collect();
    assert!(
        issues.contains(&(Severity::Skipped, Some("Extra"))),
        "{issues:?}"
    );
    assert!(
        issues.contains(&(Severity::Guessed, Some("Lead(s)"))),
        "{issues:?}"
    );
    // The profile's header row (3) is not this file's (1): found and said so.
    assert!(parsed
        .report
        .issues
        .iter()
        .any(|i| i.reason.contains("on row 3, but in this file on row 1")));
}

#[test]
fn an_action_plan_with_headings_of_its_own_is_read_with_a_mapping() {
    let text = "Action plan: Review of Fly-tipping\n\
                Rec #\tWhat we'll do\tWhat\tWho\tWhen by\tRAG\n\
                1\tThat the Council publishes hotspots.\tPublish a map\tJS/AB\tMay 2022\tGreen\n\
                \tAgreed.\tReview the map\tAB\t14 October 2022\t\n\
                2\tThat fines are reported.\tReport quarterly\tCleveland Police\tOngoing\tAmber\n";
    let (records, report) = read_records(Format::Text, text.as_bytes()).unwrap();
    let m = |pairs: &[(&str, Field)]| Mapping {
        columns: pairs
            .iter()
            .map(|(h, f)| ColumnMapping {
                heading: (*h).to_owned(),
                field: *f,
            })
            .collect(),
        header_row: None,
    };
    let mapping = m(&[
        ("Rec #", Field::Number),
        ("What we'll do", Field::Recommendation),
        ("What", Field::Action),
        ("Who", Field::Lead),
        ("When by", Field::DueDate),
        ("RAG", Field::Status),
    ]);
    let parsed = parse_action_plan_mapped(records.clone(), report.clone(), &mapping).unwrap();
    let plan = &parsed.value;
    assert_eq!(
        plan.title.as_deref(),
        Some("Action plan: Review of Fly-tipping")
    );
    assert_eq!(plan.recommendations.len(), 2, "{:#?}", parsed.report);
    assert_eq!(plan.recommendations[0].actions.len(), 2);
    let action = &plan.recommendations[0].actions[1];
    assert_eq!(action.proposed_actions, "Review the map");
    assert_eq!(action.milestones[0].date.unwrap().to_iso(), "2022-10-14");
    assert_eq!(
        plan.recommendations[0].actions[0].milestones[0]
            .date
            .unwrap()
            .precision(),
        Precision::Month
    );
    // The status is no column of an action plan: said so.
    assert!(parsed
        .report
        .of(Severity::Skipped)
        .any(|i| i.column.as_deref() == Some("RAG") && i.reason.contains("does not hold")));

    let without_actions = m(&[
        ("Rec #", Field::Number),
        ("What we'll do", Field::Recommendation),
    ]);
    match parse_action_plan_mapped(records, report, &without_actions) {
        Err(scrutiny_import::ImportError::NoHeader(why)) => {
            assert!(why.contains("Action"), "{why}")
        }
        other => panic!("{other:?}"),
    }
}
