//! The seed documents (crates/server/tests/fixtures/seeds/, one real cycle of the work): every value
//! read, and the action plan's export read back to the same plan.
use scrutiny_domain::progress::{GradeScale, Impact};
use scrutiny_domain::records::OwnerName;
use scrutiny_import::export::{to_csv, to_xlsx};
use scrutiny_import::{
    parse_action_plan, parse_action_plan_csv, parse_action_plan_xlsx, parse_progress_update_bytes,
    ActionPlanImport, Format, ImportedMilestone, Severity,
};

const PLAN: &[u8] =
    include_bytes!("../../server/tests/fixtures/seeds/action-plan-police-communications.txt");
const UPDATE: &[u8] =
    include_bytes!("../../server/tests/fixtures/seeds/progress-update-police-communications.txt");

const TITLE: &str =
    "ACTION PLAN: Review of Police Communications in Stockton-on-Tees (Task & Finish)";
const REC1: &str = "Any scheduled reviews of Cleveland Police's 'Community Engagement Strategy 2020-2025' document factors in the key findings and recommendations from this review.";
const REC2_LEAD: &str = "As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:";
const REC2_PARTS: [(&str, &str); 6] = [
    ("a", "Cleveland Police promotes the need for regular and Ward-specific engagement with SBC Ward Councillors amongst its internal workforce (including the provision of information to Elected Members which is relevant to their particular Ward);"),
    ("b", "Cleveland Police and SBC use their various public-facing communication platforms to raise the profile of Force-Councillor partnership-working (highlighting examples of positive engagement leading to direct action and good outcomes);"),
    ("c", "Expectations around the physical visibility of police officers (i.e. Ward Surgeries, partnershipmeetings, resident meetings) be reestablished between Cleveland Police and all SBC Ward Councillors;"),
    ("d", "PCSO contacts for each Ward be reinforced to all SBC Ward Councillors, along with relevant escalation points if a PCSO is unavailable for any reason;"),
    ("e", "Consideration be given to using available platforms to raise the profile of PCSOs and their crucial part in the policing function (providing clarity on what they can and cannot do, including their use of social media as a communication tool);"),
    ("f", "Cleveland Police provides a response to concerns raised within the SBC Ward Councillor survey (undertaken as part of this review), with specific reference to what it is doing to promote better engagement in those Wards where Councillors have expressed dissatisfaction with existing communications arrangements."),
];
const REC3_LEAD: &str =
    "Cleveland Police ensures robust mechanisms are in place for victims of crime / ASB which:";
const REC3_PARTS: [(&str, &str); 2] = [
    ("a", "provides clarity on the expected communication process between Force and victim;"),
    ("b", "ensures updates are provided (as regularly as agreed with each individual victim) regarding the progression of investigations, even when there have been no developments."),
];
const REC4: &str = "The SBC Ward Councillor survey is repeated in approximately 12 months to gauge developments around Cleveland Police-SBC Ward Councillor communications arrangements.";
const ACTIONS: [&str; 4] = [
    "Cleveland Police commit to incorporating the key findings and recommendations from the review into any future communication engagement strategy for the period 2020 to 2025.",
    "A comprehensive written and agreed communication protocol is developed between Cleveland Police and Ward Councillors that looks to demonstrably achieve recommendations a) – f) in a way that is beneficial to both organisations and clearly sets the expectations placed upon both Cleveland Police and Stockton Borough Council.",
    "Demonstratable assurance is provided to the committee those robust mechanisms are in place to protect and support victims of crime and those suffering because of anti-social behaviour. This assurance will be provided through: Reporting of existing measures in place that monitors engagement and victim support. A repeat report to the committee within 6 months.",
    "A Stockton Borough Council Councillor survey is conducted to establish if the findings and recommendations of the review have had any impact on the levels and quality of engagement at ward level.",
];
const MEASURES: [&str; 4] = [
    "Any changes to the Cleveland Police Community Engagement Strategy are done in a way that reflects the key findings and recommendations of the task and finish review of police communications.",
    "Development of a written communication protocol that is introduced and followed by both organisations accordingly. The success of the protocol will be reviewed as part of the Ward Councillor survey detailed in recommendation (4).",
    "Clear and demonstratable evidence that victims of crime and anti-social behaviour are engaged and supported by the police evidence by improvements in key performance measures around this thematic objective.",
    "A survey is completed within 12 months of the last survey by Councillor(s) in each of the borough's wards.",
];

fn milestones(plan: &ActionPlanImport, rec: usize) -> Vec<(String, Option<u32>, Option<String>)> {
    plan.recommendations[rec].actions[0]
        .milestones
        .iter()
        .map(|m: &ImportedMilestone| {
            let d = m.date.expect("every seed milestone has a date");
            (d.to_string(), d.day_of_month(), m.label.clone())
        })
        .collect()
}

fn assert_seed_plan(plan: &ActionPlanImport) {
    assert_eq!(plan.title.as_deref(), Some(TITLE));
    let numbers: Vec<&str> = plan
        .recommendations
        .iter()
        .map(|r| r.number.as_str())
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
    let [r1, r2, r3, r4] = &plan.recommendations[..] else {
        panic!("four recommendations");
    };
    assert_eq!(r1.text, REC1);
    assert!(r1.parts.is_empty());
    assert_eq!(r2.text, REC2_LEAD);
    let parts2: Vec<(&str, &str)> = r2
        .parts
        .iter()
        .map(|p| (p.label.as_str(), p.text.as_str()))
        .collect();
    assert_eq!(parts2, REC2_PARTS);
    assert_eq!(r3.text, REC3_LEAD);
    let parts3: Vec<(&str, &str)> = r3
        .parts
        .iter()
        .map(|p| (p.label.as_str(), p.text.as_str()))
        .collect();
    assert_eq!(parts3, REC3_PARTS);
    assert_eq!(r4.text, REC4);
    assert!(r4.parts.is_empty());
    for (i, rec) in plan.recommendations.iter().enumerate() {
        assert_eq!(rec.actions.len(), 1, "recommendation {}", rec.number);
        let a = &rec.actions[0];
        assert_eq!(
            a.part, None,
            "each seed action answers its whole recommendation"
        );
        assert_eq!(a.proposed_actions, ACTIONS[i]);
        assert_eq!(a.success_measures, vec![MEASURES[i].to_owned()]);
        assert_eq!(a.status_notes, None);
        let owner = if i == 3 {
            "Stockton on Tees Borough Council"
        } else {
            "Cleveland Police"
        };
        assert_eq!(a.responsibility, owner);
        assert_eq!(a.owners, vec![OwnerName::Named(owner.to_owned())]);
        assert!(!a.responsible_all());
    }
    let month = |s: &str| (s.to_owned(), None, None);
    assert_eq!(milestones(plan, 0), vec![month("April 2022")]);
    assert_eq!(
        milestones(plan, 1),
        vec![
            (
                "May 2022".to_owned(),
                None,
                Some("Development of protocol".to_owned())
            ),
            (
                "September 2022".to_owned(),
                None,
                Some("Assessment of protocol".to_owned())
            ),
        ]
    );
    assert_eq!(milestones(plan, 2), vec![month("September 2022")]);
    assert_eq!(milestones(plan, 3), vec![month("September 2022")]);
}

#[test]
fn the_seed_action_plan_is_read_whole() {
    let format = Format::detect(Some("text/plain"), None, PLAN).unwrap();
    assert_eq!(format, Format::Text);
    let parsed = parse_action_plan(format, PLAN).unwrap();
    assert_seed_plan(&parsed.value);
    // The rows the recommendations and actions come from.
    let rows: Vec<u32> = parsed.value.recommendations.iter().map(|r| r.row).collect();
    assert_eq!(rows, [5, 6, 21, 22]);
    // Nothing rejected or guessed: only page furniture and repeated headers left out.
    let report = &parsed.report;
    assert_eq!(report.rows_rejected, 0);
    assert!(
        report
            .issues
            .iter()
            .all(|i| i.severity == Severity::Skipped),
        "{:#?}",
        report.issues
    );
    let skipped: Vec<u32> = report.issues.iter().filter_map(|i| i.row).collect();
    assert_eq!(skipped, [1, 2, 8, 9, 11, 17, 18, 20]);
    assert_eq!(report.rows_read, 8);
}

#[test]
fn the_seed_action_plan_exported_and_imported_again_is_the_same() {
    let plan = parse_action_plan(Format::Text, PLAN).unwrap().value;
    let csv = to_csv(&plan);
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(text
        .contains("May 2022 (Development of protocol); September 2022 (Assessment of protocol)"));
    assert!(text.contains("\"As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:\na) Cleveland Police promotes"));
    let from_csv = parse_action_plan_csv(&csv).unwrap();
    assert_eq!(from_csv.report.rows_rejected, 0, "{:#?}", from_csv.report);
    assert!(
        from_csv.report.of(Severity::Guessed).next().is_none(),
        "{:#?}",
        from_csv.report
    );
    assert_seed_plan(&from_csv.value);
    assert_eq!(from_csv.value.without_rows(), plan.without_rows());

    let xlsx = to_xlsx(&plan).unwrap();
    assert_eq!(
        Format::detect(None, Some("plan.xlsx"), &xlsx).unwrap(),
        Format::Xlsx
    );
    let from_xlsx = parse_action_plan_xlsx(&xlsx).unwrap();
    assert_eq!(from_xlsx.report.rows_rejected, 0, "{:#?}", from_xlsx.report);
    assert_eq!(from_xlsx.value.without_rows(), plan.without_rows());
    // And the CSV of the re-import is byte for byte the first export.
    assert_eq!(to_csv(&from_xlsx.value), csv);
}

#[test]
fn the_seed_progress_update_is_read_whole() {
    let parsed = parse_progress_update_bytes(UPDATE, &GradeScale::rag()).unwrap();
    let u = &parsed.value;
    assert_eq!(
        u.title.as_deref(),
        Some(
            "PROGRESS UPDATE: Review of Police Communications in Stockton-on-Tees (Task & Finish)"
        )
    );
    assert_eq!(
        u.review.as_deref(),
        Some("Police Communications in Stockton-on-Tees (Task & Finish)")
    );
    assert_eq!(u.link_officers, vec!["Marc Stephenson"]);
    assert_eq!(
        u.action_plan_agreed.map(|d| d.to_string()).as_deref(),
        Some("March 2022")
    );
    assert_eq!(u.action_plan_agreed.unwrap().day_of_month(), None);
    assert_eq!(u.round_label.as_deref(), Some("November 2022"));
    // The grading key at the end is the default 1–4 scale, not the fallback given.
    assert!(u.grade_scale_from_document);
    assert_eq!(u.grade_scale, GradeScale::default_scale());
    let numbers: Vec<&str> = u
        .recommendations
        .iter()
        .map(|r| r.number.as_str())
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
    let [r1, r2, r3, r4] = &u.recommendations[..] else {
        panic!("four blocks")
    };

    assert_eq!(r1.text, REC1);
    assert_eq!(r1.responsibility, "Cleveland Police");
    assert_eq!(r1.date_text, "April 2022");
    assert_eq!(r1.agreed_action, ACTIONS[0]);
    assert_eq!(r1.success_measures, vec![MEASURES[0]]);
    assert_eq!(r1.progress, "The current Cleveland Police Community Strategy is not due for review until 2025. Whilst the current strategy reflects much of the findings of the committee a commitment is given that the outcomes and key findings of this review will b considered and where appropriate reflected when developing a new strategy for 2025 to 2030.");
    assert_eq!(
        (
            r1.grade.as_deref(),
            r1.grade_text.as_deref(),
            r1.explanation.as_deref()
        ),
        (Some("1"), Some("1 (Fully Achieved)"), None)
    );
    assert_eq!(r1.impact, Impact::NoneUndertaken);

    assert_eq!(r2.text, REC2_LEAD);
    let parts2: Vec<(&str, &str)> = r2
        .parts
        .iter()
        .map(|p| (p.label.as_str(), p.text.as_str()))
        .collect();
    // The progress update spells parts c) as the decision does ("partnership meetings", "re-established").
    let mut expected = REC2_PARTS;
    expected[2].1 = "Expectations around the physical visibility of police officers (i.e. Ward Surgeries, partnership meetings, resident meetings) be re-established between Cleveland Police and all SBC Ward Councillors;";
    assert_eq!(parts2, expected);
    assert_eq!(r2.responsibility, "Cleveland Police");
    assert_eq!(
        r2.date_text,
        "May 2022 (Development of protocol) September 2022 (Assessment of protocol)"
    );
    let texts: Vec<String> = r2.milestones.iter().map(ImportedMilestone::text).collect();
    assert_eq!(
        texts,
        [
            "May 2022 (Development of protocol)",
            "September 2022 (Assessment of protocol)"
        ]
    );
    assert_eq!(r2.agreed_action, ACTIONS[1]);
    assert_eq!(
        r2.success_measures,
        vec![
            "Development of a written communication protocol that is introduced and followed by both organisations accordingly.",
            "The success of the protocol will be reviewed as part of the Ward Councillor survey detailed in recommendation (4).",
        ]
    );
    assert!(r2.progress.starts_with("Engagement for Neighbourhood Police Teams is defined in our community engagement ward pledge (note: those aspects of the ward pledge more relevant to the agreed action are underlined):\nKey message statements from the NPT Chief Inspector"));
    for line in [
        "- Scanning and analysis of local issues to identify up to three Ward priorities on a bi-monthly basis",
        "- Ward profiles to help understand the demographics and engagement needs of each area in the force",
        "In addition to the Ward Pledge all Stockton district PCSOs have been asked to make monthly contact with their ward councillors.",
        "- d) Details of PCSOs have been cascaded to councillors periodically over the past year. For example, a mail was sent to Outer Stockton wards on 09/03/22 advising of all PCSO and Sergeant contact details.",
        "- Due to staff movement a fresh list will be circulated shortly.",
    ] {
        assert!(r2.progress.contains(line), "{line}");
    }
    assert!(r2.progress.ends_with("If any councillor is not getting the contact they desire they are to contact T/C Insp Jon Willoughby to resolve the problem."));
    assert!(!r2.progress.contains("APPENDIX"), "page furniture left out");
    assert_eq!(
        (r2.grade.as_deref(), r2.grade_text.as_deref()),
        (Some("3"), Some("3 (Slipped)"))
    );
    assert_eq!(r2.explanation.as_deref(), Some("Although some progress has been made this area is still not to the desired standard and further improvement is expected. Factors contributing to this include staff turnover/numbers and competing demands. This has resulted in most officers having ownership of multiple wards, which has diluted their focus and resulted in periodic disruptions to coverage."));
    assert_eq!(r2.impact, Impact::NotRecorded);

    assert_eq!(r3.text, REC3_LEAD);
    let parts3: Vec<(&str, &str)> = r3
        .parts
        .iter()
        .map(|p| (p.label.as_str(), p.text.as_str()))
        .collect();
    assert_eq!(parts3, REC3_PARTS);
    assert_eq!(r3.date_text, "September 2022");
    assert_eq!(r3.agreed_action, ACTIONS[2]);
    assert_eq!(r3.success_measures, vec![MEASURES[2]]);
    assert!(r3
        .progress
        .starts_with("a) Every effort should be made to meet the needs of victims"));
    assert!(r3.progress.ends_with("Stockton neighbourhood officers have a VCOP compliance rate of 100% for their 102 live crimes (as of 02/11/22)."));
    // The grade whose label is split over two lines, with its explanation on the second.
    assert_eq!(
        (r3.grade.as_deref(), r3.explanation.as_deref()),
        (Some("1"), Some("Ongoing compliance is reviewed."))
    );
    assert_eq!(r3.impact, Impact::NotRecorded);
    let figures: Vec<(&str, &str, Option<&str>, Option<String>)> = r3
        .key_figures
        .iter()
        .map(|f| {
            (
                f.label.as_str(),
                f.value.as_str(),
                f.scope.as_deref(),
                f.as_of.map(|d| d.to_string()),
            )
        })
        .collect();
    assert_eq!(
        figures,
        vec![
            ("VCOP compliance", "95.2", Some("Northside officers"), None),
            (
                "VCOP compliance rate",
                "100",
                Some("102 live crimes"),
                Some("2022-11-02".to_owned())
            ),
        ]
    );

    assert_eq!(r4.text, REC4);
    assert_eq!(r4.responsibility, "Stockton-on-Tees Borough Council");
    assert_eq!(r4.agreed_action, ACTIONS[3]);
    assert_eq!(r4.success_measures, vec![MEASURES[3]]);
    assert_eq!(r4.progress, "The survey that was conducted as part of the original review was re-issued to all SBC Ward Councillors in September 2022 (with a deadline of the 14 th October 2022). There were 10 responses – feedback can be seen at Appendix 2 (attached).");
    assert_eq!(
        (r4.grade.as_deref(), r4.explanation.as_deref()),
        (Some("1"), None)
    );
    assert_eq!(
        r4.impact,
        Impact::Evidence("Feedback demonstrates that there are still very mixed feelings about the level of communications with Cleveland Police.".to_owned())
    );
    assert_eq!(r4.key_figures.len(), 1);
    assert_eq!(
        (
            r4.key_figures[0].label.as_str(),
            r4.key_figures[0].value.as_str()
        ),
        ("responses", "10")
    );

    let report = &parsed.report;
    assert_eq!(report.rows_read, 4);
    assert_eq!(report.rows_rejected, 0);
    let guesses: Vec<(Option<u32>, &str)> = report
        .of(Severity::Guessed)
        .map(|i| (i.row, i.reason.as_str()))
        .collect();
    assert_eq!(
        guesses,
        vec![(
            Some(26),
            "a paragraph split by a page break: joined to the line before it"
        )]
    );
}
