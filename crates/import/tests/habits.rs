//! The habits of real documents: one action per part, several owners in a cell, "All", bullets
//! as `*`, `•`, `-` or private-use glyphs, blank and month-only dates, notes inside the actions
//! text, cells wrapped across lines; and what is rejected, with row, column, value and why.
use scrutiny_domain::records::OwnerName;
use scrutiny_import::{
    parse_action_plan, parse_action_plan_csv, parse_action_plan_text, Format, ImportError, Issue,
    Severity,
};

fn named(names: &[&str]) -> Vec<OwnerName> {
    names
        .iter()
        .map(|n| OwnerName::Named((*n).to_owned()))
        .collect()
}

fn issues(report: &scrutiny_import::Report, severity: Severity) -> Vec<&Issue> {
    report.of(severity).collect()
}

/// An older plan: header in another order and wording, one action per part, several owners,
/// "All", bullets of every kind, a Word Symbol bullet with its tab, a blank and a day date, a
/// note inside the actions, and a cell wrapped over two lines.
const OLDER_PLAN: &str = "Appendix A\r
Crime and Disorder Select Committee – Action Plan\r
Rec\tRecommendation\tAgreed Action\tMeasure of success\tLead\tTarget date\r
5\tThat the Council: a) reviews its CCTV policy;\t* Review the policy\tPolicy published\tSBC / Cleveland Police\tJune 2023\r
\tb) consults residents on camera sites;\t\u{F0B7}\tOnline consultation\tResidents consulted\tAll partners\t\r
\tc) reports back to the committee.\t- Report to committee\tReport received\tC/Supt Lang and Steve Hume\t14 March 2024\r
6\tPartners share data monthly.\tData sharing agreement signed.\r
Action complete\tAgreement in place\tAll\tApril 2023\r
7\tThe protocol is reviewed.\t• Review\r
• Publish\t* Reviewed\r
* Published\tCleveland Police\tOngoing\r
";

#[test]
fn older_plan_habits() {
    let parsed = parse_action_plan_text(OLDER_PLAN).unwrap();
    let plan = &parsed.value;
    assert_eq!(
        plan.title.as_deref(),
        Some("Crime and Disorder Select Committee – Action Plan")
    );
    assert_eq!(plan.recommendations.len(), 3);

    let r5 = &plan.recommendations[0];
    assert_eq!(r5.number.as_str(), "5");
    assert_eq!(r5.text, "That the Council:");
    let labels: Vec<&str> = r5.parts.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["a", "b", "c"]);
    assert_eq!(r5.parts[1].text, "consults residents on camera sites;");
    // One action per part.
    let parts: Vec<Option<&str>> = r5
        .actions
        .iter()
        .map(|a| a.part.as_ref().map(|p| p.as_str()))
        .collect();
    assert_eq!(parts, [Some("a"), Some("b"), Some("c")]);
    let a = &r5.actions[0];
    assert_eq!(a.proposed_actions, "* Review the policy");
    assert_eq!(a.owners, named(&["SBC", "Cleveland Police"]));
    assert_eq!(a.milestones[0].date.unwrap().to_string(), "June 2023");
    assert_eq!(
        a.milestones[0].date.unwrap().day_of_month(),
        None,
        "no day invented"
    );
    // The Symbol bullet and its tab are one bulleted paragraph, not two cells.
    let b = &r5.actions[1];
    assert_eq!(b.proposed_actions, "• Online consultation");
    assert_eq!(b.success_measures, vec!["Residents consulted"]);
    assert_eq!(b.owners, vec![OwnerName::All]);
    assert!(b.responsible_all());
    assert!(b.milestones.is_empty(), "a blank date is valid");
    let c = &r5.actions[2];
    assert_eq!(c.proposed_actions, "- Report to committee");
    assert_eq!(c.owners, named(&["C/Supt Lang", "Steve Hume"]));
    assert_eq!(c.milestones[0].date.unwrap().day_of_month(), Some(14));

    // A cell wrapped across lines, with a note at the end of the actions.
    let r6 = &plan.recommendations[1];
    assert_eq!(r6.actions.len(), 1);
    assert_eq!(
        r6.actions[0].proposed_actions,
        "Data sharing agreement signed."
    );
    assert_eq!(
        r6.actions[0].status_notes.as_deref(),
        Some("Action complete")
    );
    assert_eq!(r6.actions[0].owners, vec![OwnerName::All]);

    // Bulleted lines inside cells: actions kept as written, measures one per bullet.
    let r7 = &plan.recommendations[2];
    assert_eq!(r7.actions[0].proposed_actions, "• Review\n• Publish");
    assert_eq!(
        r7.actions[0].success_measures,
        vec!["Reviewed", "Published"]
    );
    assert_eq!(r7.actions[0].milestones.len(), 1);
    assert_eq!(r7.actions[0].milestones[0].date, None);
    assert_eq!(
        r7.actions[0].milestones[0].label.as_deref(),
        Some("Ongoing")
    );

    let report = &parsed.report;
    assert_eq!(report.rows_rejected, 0, "{:#?}", report.issues);
    let guessed = issues(report, Severity::Guessed);
    let said = |needle: &str, row: u32| {
        guessed
            .iter()
            .any(|i| i.row == Some(row) && i.reason.contains(needle))
    };
    assert!(said("one action per part", 4), "{guessed:#?}");
    assert!(said("one action per part", 5));
    assert!(said("read as 2 owners", 4));
    assert!(said("private-use bullet glyph U+F0B7", 5));
    assert!(said("a cell wrapped across lines", 8));
    assert!(said("progress note", 7));
    assert!(said("no date in the cell", 9));
    assert!(said("read as 2 success measures", 9));
}

#[test]
fn bad_rows_are_rejected_with_row_column_value_and_why() {
    let csv = "No.,Part,Recommendation,Proposed Actions,Success Measures,Responsibility,Date,Status notes\n\
1,,Rec one.,Act one,Measure one,Cleveland Police,31 February 2022,\n\
2,,Rec two.,Act two,Measure two,Cleveland Police,May 2022,\n\
2,z,,Act three,Measure three,Cleveland Police,,\n\
3/4,,Rec three.,Act four,Measure,SBC,,\n\
,,continues,Act five,Measure,SBC,,\n\
5,,Rec five.,Act six,,,,\n";
    let parsed = parse_action_plan_csv(csv.as_bytes()).unwrap();
    let rejected = issues(&parsed.report, Severity::Rejected);
    let seen: Vec<(Option<u32>, Option<&str>, &str)> = rejected
        .iter()
        .map(|i| (i.row, i.column.as_deref(), i.value.as_str()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (Some(2), Some("Date"), "31 February 2022"),
            (Some(4), Some("Part"), "z"),
            (Some(5), Some("No."), "3/4"),
            (Some(6), Some("No."), ""),
            (Some(7), Some("Responsibility"), ""),
        ]
    );
    // A blank success measure is not a rejection: the action would go in without one, and the
    // report says so.
    assert!(issues(&parsed.report, Severity::Guessed)
        .iter()
        .any(|i| i.row == Some(7)
            && i.column.as_deref() == Some("Success Measures")
            && i.reason.contains("no success measure")));
    assert!(
        rejected[0].reason.contains("February 2022 has 28 days"),
        "{}",
        rejected[0].reason
    );
    assert!(rejected[1].reason.contains("has no part z)"));
    assert!(rejected[3].reason.contains("which is rejected"));
    assert_eq!(parsed.report.rows_rejected, 5);
    // What is left is what skip_invalid would import.
    let plan = &parsed.value;
    let numbers: Vec<&str> = plan
        .recommendations
        .iter()
        .map(|r| r.number.as_str())
        .collect();
    assert_eq!(numbers, ["1", "2", "5"]);
    assert!(plan.recommendations[0].actions.is_empty());
    assert_eq!(plan.recommendations[1].actions.len(), 1);
    assert!(plan.recommendations[2].actions.is_empty());
}

#[test]
fn blank_cells_under_merged_ones_take_the_row_above() {
    let text = "No.\tRecommendation\tAction\tSuccess Measures\tResponsibility\tDate\n\
1\tThe council: a) does x; b) does y.\ta) Act for x\tMeasured\tCleveland Police\tMay 2022\n\
\t\tb) Act for y\t\t\t\n";
    let parsed = parse_action_plan_text(text).unwrap();
    let actions = &parsed.value.recommendations[0].actions;
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[1].part.as_ref().unwrap().as_str(), "b");
    assert_eq!(actions[1].success_measures, vec!["Measured"]);
    assert_eq!(actions[1].owners, named(&["Cleveland Police"]));
    assert!(
        actions[1].milestones.is_empty(),
        "a date is never inherited"
    );
    let guessed = issues(&parsed.report, Severity::Guessed);
    assert!(guessed
        .iter()
        .any(|i| i.row == Some(3) && i.reason.contains("merged")));
}

#[test]
fn bad_files() {
    // No recognisable header.
    let err = parse_action_plan(Format::Text, b"Just some notes\nabout the plan\n").unwrap_err();
    assert!(matches!(err, ImportError::NoHeader(_)));
    assert!(err
        .to_string()
        .contains("No. (or Number, Rec), Recommendation and Proposed Actions"));
    let err = parse_action_plan(Format::Csv, b"a,b,c\n1,2,3\n").unwrap_err();
    assert_eq!(err.code(), "no_header");
    // Unreadable encoding.
    let err = parse_action_plan(Format::Csv, b"No.,Recommendation\x00\x01\x02").unwrap_err();
    assert_eq!(err.code(), "encoding");
    // Not a workbook.
    assert_eq!(
        parse_action_plan(Format::Xlsx, b"No.,Recommendation")
            .unwrap_err()
            .code(),
        "unreadable"
    );
    assert_eq!(
        parse_action_plan(Format::Xlsx, b"PK\x03\x04garbage")
            .unwrap_err()
            .code(),
        "unreadable"
    );
    // Wrong types.
    for (media, name, bytes) in [
        (Some("application/pdf"), None, &b"%PDF-1.7"[..]),
        (None, Some("plan.docx"), &b"PK\x03\x04"[..]),
        (Some("image/png"), None, &b"\x89PNG\r\n"[..]),
        (Some("application/json"), None, &b"{}"[..]),
    ] {
        assert_eq!(
            Format::detect(media, name, bytes).unwrap_err().code(),
            "wrong_type",
            "{media:?} {name:?}"
        );
    }
    assert_eq!(
        Format::detect(Some("text/csv; charset=utf-8"), None, b"a,b").unwrap(),
        Format::Csv
    );
    assert_eq!(
        Format::detect(None, Some("Plan.CSV"), b"a,b").unwrap(),
        Format::Csv
    );
    assert_eq!(
        Format::detect(Some("text/plain"), None, b"a\tb").unwrap(),
        Format::Text
    );
}

#[test]
fn windows_1252_and_semicolons() {
    let mut bytes =
        b"No.;Recommendation;Proposed Actions;Success Measures;Responsibility;Date\r\n".to_vec();
    bytes.extend_from_slice(b"1;Councillors\x92 survey a) \x96 f);Survey;Done;SBC;Sept 2022\r\n");
    let parsed = parse_action_plan_csv(&bytes).unwrap();
    let rec = &parsed.value.recommendations[0];
    assert_eq!(rec.text, "Councillors’ survey a) – f)");
    assert_eq!(
        rec.actions[0].milestones[0].date.unwrap().to_string(),
        "September 2022"
    );
    assert!(parsed.report.issues[0].reason.contains("Windows-1252"));
}

#[test]
fn xlsx_dates_never_gain_a_day() {
    use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let month_format = XFormat::new().set_num_format("mmm-yy");
    let day_format = XFormat::new().set_num_format("dd/mm/yyyy");
    for (col, heading) in [
        "No.",
        "Recommendation",
        "Proposed Actions",
        "Success Measures",
        "Responsibility",
        "Date",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, col as u16, *heading).unwrap();
    }
    sheet.write_string(0, 0, "Action plan").unwrap();
    for (row, (number, date, format)) in [
        (
            3u32,
            (
                1.0,
                ExcelDateTime::from_ymd(2022, 4, 1).unwrap(),
                &month_format,
            ),
        ),
        (
            4,
            (
                2.0,
                ExcelDateTime::from_ymd(2022, 10, 14).unwrap(),
                &day_format,
            ),
        ),
    ] {
        sheet.write_number(row, 0, number).unwrap();
        sheet.write_string(row, 1, "A recommendation.").unwrap();
        sheet.write_string(row, 2, "An action").unwrap();
        sheet.write_string(row, 3, "Measured").unwrap();
        sheet.write_string(row, 4, "Cleveland Police").unwrap();
        sheet
            .write_datetime_with_format(row, 5, &date, format)
            .unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    let parsed = scrutiny_import::parse_action_plan_xlsx(&bytes).unwrap();
    let plan = &parsed.value;
    assert_eq!(plan.title.as_deref(), Some("Action plan"));
    let numbers: Vec<&str> = plan
        .recommendations
        .iter()
        .map(|r| r.number.as_str())
        .collect();
    assert_eq!(
        numbers,
        ["1", "2"],
        "numbers stored as Excel numbers read as written"
    );
    let april = plan.recommendations[0].actions[0].milestones[0]
        .date
        .unwrap();
    assert_eq!(
        (april.to_string(), april.day_of_month()),
        ("April 2022".to_owned(), None)
    );
    let october = plan.recommendations[1].actions[0].milestones[0]
        .date
        .unwrap();
    assert_eq!(october.to_string(), "14 October 2022");
    let guessed = issues(&parsed.report, Severity::Guessed);
    assert!(
        guessed
            .iter()
            .any(|i| i.row == Some(4) && i.reason.contains("read as April 2022")),
        "{guessed:#?}"
    );
}

/// An older plan pasted from Word: recommendations made only of lettered parts (no lead-in
/// sentence), a completed action with no success measure, people named as responsible (two in
/// one cell without a separator), and a last part whose cells wrap over several lines.
const PARTS_ONLY_PLAN: &str = "Community Safety Select Committee – Review of Anti-Social Behaviour – Action Plan\n\
Rec No.\tRecommendation\tProposed Action\tSuccess Measure\tResponsibility\tTarget Date\tProgress\n\
1\ta) That a single point of contact for ASB is published;\tPublish the contact details\t\tInsp Smith\tMarch 2019\tComplete\n\
\tb) That residents are told the outcome of their reports.\tIntroduce outcome letters\tLetters sent\tC/Supt Lang Steve Hume\tJune 2019\tComplete\n\
2\tThat ward councillors receive monthly ASB data.\tMonthly data pack to ward members\tPack issued monthly\tCllr Jones\tApril 2019\tOngoing\n\
3\ta) That the council reviews its CCTV provision;\tReview CCTV\tReview reported\tSgt Patel\tSeptember 2019\t\n\
\tb) That partners share hotspot maps\n\
with the neighbourhood\tAgree a data\n\
sharing protocol and\n\
publish maps\tMaps shared\n\
quarterly\tInsp Smith\tDecember 2019\tIn progress\n";

#[test]
fn recommendations_made_only_of_parts_and_actions_without_measures_are_read() {
    let parsed = parse_action_plan_text(PARTS_ONLY_PLAN).unwrap();
    let plan = &parsed.value;
    assert_eq!(
        parsed.report.rows_rejected, 0,
        "{:#?}",
        parsed.report.issues
    );
    let shape: Vec<(&str, &str, usize, usize)> = plan
        .recommendations
        .iter()
        .map(|r| {
            (
                r.number.as_str(),
                r.text.as_str(),
                r.parts.len(),
                r.actions.len(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("1", "", 2, 2),
            ("2", "That ward councillors receive monthly ASB data.", 0, 1),
            ("3", "", 2, 2),
        ]
    );
    let r1 = &plan.recommendations[0];
    assert_eq!(
        r1.parts[0].text,
        "That a single point of contact for ASB is published;"
    );
    // The completed action with no success measure is imported without one, and said.
    assert!(r1.actions[0].success_measures.is_empty());
    assert_eq!(r1.actions[0].status_notes.as_deref(), Some("Complete"));
    assert_eq!(r1.actions[1].success_measures, vec!["Letters sent"]);
    let guessed = issues(&parsed.report, Severity::Guessed);
    assert!(guessed
        .iter()
        .any(|i| i.row == Some(3) && i.reason.contains("no success measure")));
    // The last part, wrapped over five lines, is one part with one action.
    let r3 = &plan.recommendations[2];
    assert_eq!(
        r3.parts[1].text,
        "That partners share hotspot maps\nwith the neighbourhood"
    );
    let last = &r3.actions[1];
    assert_eq!(last.part.as_ref().map(|p| p.as_str()), Some("b"));
    assert_eq!(
        last.proposed_actions,
        "Agree a data\nsharing protocol and\npublish maps"
    );
    assert_eq!(last.success_measures, vec!["Maps shared\nquarterly"]);
    assert_eq!(last.owners, named(&["Insp Smith"]));
}
