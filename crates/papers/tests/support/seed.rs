//! The three seed documents (crates/server/tests/fixtures/seeds/*.txt) as paper inputs, built by hand the way the API
//! builds them from its records, and the values each generated paper must show, in order, as
//! the seed documents show them.
#![allow(dead_code)]
use scrutiny_domain::dates::{parse_milestones, PartialDate};
use scrutiny_domain::progress::{GradeCode, GradeScale, Impact};
use scrutiny_papers::*;

pub const REVIEW: &str = "Police Communications in Stockton-on-Tees (Task & Finish)";
pub const ACTION_PLAN_TITLE: &str =
    "ACTION PLAN: Review of Police Communications in Stockton-on-Tees (Task & Finish)";
pub const PROGRESS_TITLE: &str =
    "PROGRESS UPDATE: Review of Police Communications in Stockton-on-Tees (Task & Finish)";

pub const REC1: &str = "Any scheduled reviews of Cleveland Police's 'Community Engagement Strategy 2020-2025' document factors in the key findings and recommendations from this review.";
pub const REC2: &str = "As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:";
pub const REC3: &str =
    "Cleveland Police ensures robust mechanisms are in place for victims of crime / ASB which:";
pub const REC4: &str = "The SBC Ward Councillor survey is repeated in approximately 12 months to gauge developments around Cleveland Police-SBC Ward Councillor communications arrangements.";

pub const REC2_A: &str = "Cleveland Police promotes the need for regular and Ward-specific engagement with SBC Ward Councillors amongst its internal workforce (including the provision of information to Elected Members which is relevant to their particular Ward);";
pub const REC2_B: &str = "Cleveland Police and SBC use their various public-facing communication platforms to raise the profile of Force-Councillor partnership-working (highlighting examples of positive engagement leading to direct action and good outcomes);";
/// The action plan's wording of part c) (as pasted: "partnershipmeetings", "reestablished").
pub const REC2_C_PLAN: &str = "Expectations around the physical visibility of police officers (i.e. Ward Surgeries, partnershipmeetings, resident meetings) be reestablished between Cleveland Police and all SBC Ward Councillors;";
/// The progress update's and decision's wording of part c).
pub const REC2_C: &str = "Expectations around the physical visibility of police officers (i.e. Ward Surgeries, partnership meetings, resident meetings) be re-established between Cleveland Police and all SBC Ward Councillors;";
pub const REC2_C_DECISION: &str = "Expectations around the physical visibility of police officers (i.e. Ward Surgeries, partnership-meetings, resident meetings) be re-established between Cleveland Police and all SBC Ward Councillors;";
pub const REC2_D: &str = "PCSO contacts for each Ward be reinforced to all SBC Ward Councillors, along with relevant escalation points if a PCSO is unavailable for any reason;";
pub const REC2_E: &str = "Consideration be given to using available platforms to raise the profile of PCSOs and their crucial part in the policing function (providing clarity on what they can and cannot do, including their use of social media as a communication tool);";
pub const REC2_F: &str = "Cleveland Police provides a response to concerns raised within the SBC Ward Councillor survey (undertaken as part of this review), with specific reference to what it is doing to promote better engagement in those Wards where Councillors have expressed dissatisfaction with existing communications arrangements.";
pub const REC3_A: &str =
    "provides clarity on the expected communication process between Force and victim;";
pub const REC3_B: &str = "ensures updates are provided (as regularly as agreed with each individual victim) regarding the progression of investigations, even when there have been no developments.";

pub const ACTION1: &str = "Cleveland Police commit to incorporating the key findings and recommendations from the review into any future communication engagement strategy for the period 2020 to 2025.";
pub const MEASURE1: &str = "Any changes to the Cleveland Police Community Engagement Strategy are done in a way that reflects the key findings and recommendations of the task and finish review of police communications.";
pub const ACTION2: &str = "A comprehensive written and agreed communication protocol is developed between Cleveland Police and Ward Councillors that looks to demonstrably achieve recommendations a) – f) in a way that is beneficial to both organisations and clearly sets the expectations placed upon both Cleveland Police and Stockton Borough Council.";
pub const MEASURE2A: &str = "Development of a written communication protocol that is introduced and followed by both organisations accordingly.";
pub const MEASURE2B: &str = "The success of the protocol will be reviewed as part of the Ward Councillor survey detailed in recommendation (4).";
pub const ACTION3: &str = "Demonstratable assurance is provided to the committee those robust mechanisms are in place to protect and support victims of crime and those suffering because of anti-social behaviour. This assurance will be provided through: Reporting of existing measures in place that monitors engagement and victim support. A repeat report to the committee within 6 months.";
pub const MEASURE3: &str = "Clear and demonstratable evidence that victims of crime and anti-social behaviour are engaged and supported by the police evidence by improvements in key performance measures around this thematic objective.";
pub const ACTION4: &str = "A Stockton Borough Council Councillor survey is conducted to establish if the findings and recommendations of the review have had any impact on the levels and quality of engagement at ward level.";
pub const MEASURE4: &str = "A survey is completed within 12 months of the last survey by Councillor(s) in each of the borough's wards.";
pub const DATE2: &str =
    "May 2022 (Development of protocol) September 2022 (Assessment of protocol)";

fn month(y: i32, m: u32) -> PartialDate {
    PartialDate::month(y, m).unwrap()
}

fn parts(list: &[(&str, &str)]) -> Vec<PaperPart> {
    list.iter().map(|(l, t)| PaperPart::new(l, t)).collect()
}

fn plan_action(text: &str, measures: &[&str], owner: &str, date: &str) -> PlanAction {
    PlanAction {
        part_label: None,
        proposed_actions: text.into(),
        notes: None,
        success_measures: measures.iter().map(|m| m.to_string()).collect(),
        responsibility: owner.into(),
        milestones: parse_milestones(date).unwrap(),
    }
}

// ---- action plan -------------------------------------------------------------------------------

pub fn action_plan() -> ActionPlanPaper {
    ActionPlanPaper {
        appendix: Some("APPENDIX 1".into()),
        title: ACTION_PLAN_TITLE.into(),
        council: Some("Stockton-on-Tees Borough Council".into()),
        committee: Some("Crime and Disorder Select Committee".into()),
        agreed: Some(month(2022, 3)),
        recommendations: vec![
            PlanRecommendation {
                number: "1".into(),
                text: REC1.into(),
                parts: vec![],
                actions: vec![plan_action(
                    ACTION1,
                    &[MEASURE1],
                    "Cleveland Police",
                    "April 2022",
                )],
            },
            PlanRecommendation {
                number: "2".into(),
                text: REC2.into(),
                parts: parts(&[
                    ("a", REC2_A),
                    ("b", REC2_B),
                    ("c", REC2_C_PLAN),
                    ("d", REC2_D),
                    ("e", REC2_E),
                    ("f", REC2_F),
                ]),
                actions: vec![plan_action(
                    ACTION2,
                    &[MEASURE2A, MEASURE2B],
                    "Cleveland Police",
                    DATE2,
                )],
            },
            PlanRecommendation {
                number: "3".into(),
                text: REC3.into(),
                parts: parts(&[("a", REC3_A), ("b", REC3_B)]),
                actions: vec![plan_action(
                    ACTION3,
                    &[MEASURE3],
                    "Cleveland Police",
                    "September 2022",
                )],
            },
            PlanRecommendation {
                number: "4".into(),
                text: REC4.into(),
                parts: vec![],
                actions: vec![plan_action(
                    ACTION4,
                    &[MEASURE4],
                    "Stockton on Tees Borough Council",
                    "September 2022",
                )],
            },
        ],
    }
}

/// The seed action plan's values, column by column, in order (the header row, then each cell).
pub fn action_plan_columns() -> Vec<Vec<&'static str>> {
    vec![
        vec!["No.", "1", "2", "3", "4"],
        vec![
            "Recommendation",
            REC1,
            REC2,
            "a)",
            REC2_A,
            "b)",
            REC2_B,
            "c)",
            REC2_C_PLAN,
            "d)",
            REC2_D,
            "e)",
            REC2_E,
            "f)",
            REC2_F,
            REC3,
            "a)",
            REC3_A,
            "b)",
            REC3_B,
            REC4,
        ],
        vec![
            "Proposed Actions / Progress",
            ACTION1,
            ACTION2,
            ACTION3,
            ACTION4,
        ],
        vec![
            "Success Measures",
            MEASURE1,
            MEASURE2A,
            MEASURE2B,
            MEASURE3,
            MEASURE4,
        ],
        vec![
            "Responsibility",
            "Cleveland Police",
            "Cleveland Police",
            "Cleveland Police",
            "Stockton on Tees Borough Council",
        ],
        vec![
            "Date",
            "April 2022",
            "May 2022 (Development of protocol)",
            "September 2022 (Assessment of protocol)",
            "September 2022",
            "September 2022",
        ],
    ]
}

/// Every value of the seed action plan in reading order (row by row).
pub fn action_plan_values() -> Vec<&'static str> {
    vec![
        "No.",
        "Recommendation",
        "Proposed Actions / Progress",
        "Success Measures",
        "Responsibility",
        "Date",
        "1",
        REC1,
        ACTION1,
        MEASURE1,
        "Cleveland Police",
        "April 2022",
        "2",
        REC2,
        "a)",
        REC2_A,
        "b)",
        REC2_B,
        "c)",
        REC2_C_PLAN,
        "d)",
        REC2_D,
        "e)",
        REC2_E,
        "f)",
        REC2_F,
        ACTION2,
        MEASURE2A,
        MEASURE2B,
        "Cleveland Police",
        DATE2,
        "3",
        REC3,
        "a)",
        REC3_A,
        "b)",
        REC3_B,
        ACTION3,
        MEASURE3,
        "Cleveland Police",
        "September 2022",
        "4",
        REC4,
        ACTION4,
        MEASURE4,
        "Stockton on Tees Borough Council",
        "September 2022",
    ]
}

// ---- progress update ---------------------------------------------------------------------------

pub const PROGRESS1: &str = "The current Cleveland Police Community Strategy is not due for review until 2025. Whilst the current strategy reflects much of the findings of the committee a commitment is given that the outcomes and key findings of this review will b considered and where appropriate reflected when developing a new strategy for 2025 to 2030.";

pub const PROGRESS2_INTRO: &str = "Engagement for Neighbourhood Police Teams is defined in our community engagement ward pledge (note: those aspects of the ward pledge more relevant to the agreed action are underlined):";
pub const PLEDGE: [&str; 14] = [
    "Key message statements from the NPT Chief Inspector to your elected representatives on a bi-monthly basis",
    "Bespoke Ward newsletters on a bi-monthly basis",
    "Regular contact with relevant partners to address neighbourhood priorities.",
    "At least one community meeting per month in each Ward*",
    "Scanning and analysis of local issues to identify up to three Ward priorities on a bi-monthly basis",
    "An update to the community of progress against the identify priorities",
    "A two-way mechanism to obtain views, advice and feedback from the Community",
    "A designated PCSO assigned to every school",
    "Engagement opportunities with ongoing youth outreach in our Wards",
    "NPT to engage with community and faith groups",
    "Advance notice of Community engagement opportunities via the Ward newsletter and social media platforms",
    "Effective use of social media to engage communities and provide effective feedback.",
    "Visible patrols in hotspots for anti-social behaviour & crime",
    "Ward profiles to help understand the demographics and engagement needs of each area in the force",
];
pub const PROGRESS2_ADDITION: &str = "In addition to the Ward Pledge all Stockton district PCSOs have been asked to make monthly contact with their ward councillors. A follow-up email was sent to ward councillors following this direction and there were no issues raised, so it is understood that this process is largely working.";
pub const PROGRESS2_A: &str = "a) As part of Cleveland Police's community engagement ward pledge regular updates are provided to ward councillors by the PCSO for that area and via bi-monthly C/Insp updates.";
pub const PROGRESS2_B: &str = "All ward officers have been provided with login details for social media and requested to improve output. Corporate communications have improved due to the recent return to work of a dedicated member of staff for the district";
pub const PROGRESS2_B2: &str = "Our corporate coms department are developing an app to improve social media engagement this should be available by the end of the year.";
pub const PROGRESS2_C: &str = "c) PCSOs are the visible side of neighbourhood policing at present due to the competing demands placed on Police officers. There is an expectation for the PCSOs to incorporate engagement and targeted activity work in their daily patrols.";
pub const PROGRESS2_C2: &str = "The value of involving police officers in engagement and improving their visibility is desirable but often not always achievable.";
pub const PROGRESS2_D: &str = "d) Details of PCSOs have been cascaded to councillors periodically over the past year. For example, a mail was sent to Outer Stockton wards on 09/03/22 advising of all PCSO and Sergeant contact details. A follow up mail was sent district wide to advise of ward officers.";
pub const PROGRESS2_D2: &str = "Due to staff movement a fresh list will be circulated shortly.";
pub const PROGRESS2_E: &str = "e) All PCSOs have been encouraged to explore different methods for engagement, including public meetings, social media.";
pub const PROGRESS2_E2: &str = "To improve this a training day has been delivered to raise the awareness of the value of effective engagement. During this training different method were discussed and best practice examples given.";
pub const PROGRESS2_F: &str = "f) All ward PCSOs have been asked to make monthly contact with each councillor. There have been no failures reported. If any councillor is not getting the contact they desire they are to contact T/C Insp Jon Willoughby to resolve the problem.";
pub const EXPLANATION2: &str = "Although some progress has been made this area is still not to the desired standard and further improvement is expected. Factors contributing to this include staff turnover/numbers and competing demands. This has resulted in most officers having ownership of multiple wards, which has diluted their focus and resulted in periodic disruptions to coverage.";

pub const PROGRESS3: [&str; 8] = [
    "a) Every effort should be made to meet the needs of victims, including individual needs pre and post-charge. Complying with the Victims Code of Practice (VCOP) helps Cleveland Police achieve this.",
    "As per VCOP, Cleveland Police are committed to meeting the needs of all victims and witnesses; we live in a very diverse society and every victim and witness should be treated with the respect and sensitivity they deserve.",
    "As per VCOP a Victim/Witness is entitled to be informed by police of the following information and to have the reasons explained to them within 5 working days of a suspect being:",
    "For victims of the most serious crimes, persistently targeted or vulnerable or intimidated, a victim is entitled to receive this information within 1 working day.",
    "Enhanced services which are offered to victims who are more likely to require extra support and services through the criminal justice process due to the nature of the crime they are victim of, or because of their particular vulnerability as a victim. An enhanced service is also applicable to a nominated representative of a business who has been a victim of crime in line with their entitlements under VCOP.",
    "At the beginning of the criminal justice process the method and frequency of updates is agreed with the victim (or their representative).",
    "Repeat victims are raised weekly by the district problem solving co- ordinator and the resulting plans are then scrutinised at monthly meetings involving the neighbourhood police Inspectors.",
    "b) The force monitors VCOP compliance and this is reviewed regularly by supervision.",
];
pub const VCOP_EVENTS: [&str; 5] = [
    "Arrested",
    "Interviewed under caution",
    "Charged, given an out of court disposal or released with no further action",
    "Released without charge",
    "Released under investigation/on police bail, or if police bail conditions are changed or cancelled",
];
pub const PROGRESS3_FIGURES: [&str; 2] = [
    "At present Northside officers have a VCOP compliance of 95.2% (Figures for all Stockton officers are not available because IRT and CID officers cover Hartlepool too.)",
    "Stockton neighbourhood officers have a VCOP compliance rate of 100% for their 102 live crimes (as of 02/11/22).",
];
pub const PROGRESS4: &str = "The survey that was conducted as part of the original review was re-issued to all SBC Ward Councillors in September 2022 (with a deadline of the 14 th October 2022). There were 10 responses – feedback can be seen at Appendix 2 (attached).";
/// The survey results the seed's recommendation 4 refers to ("Appendix 2 (attached)").
pub const ATTACHMENT4: &str = "Appendix 2 – Ward Councillor survey results (appendix-2.pdf)";
pub const IMPACT4: &str = "Feedback demonstrates that there are still very mixed feelings about the level of communications with Cleveland Police.";

/// Recommendation 2's evidence of progress, as Markdown.
pub fn progress2_markdown() -> String {
    let mut md = format!("{PROGRESS2_INTRO}\n\n");
    for item in PLEDGE {
        md.push_str(&format!("- {item}\n"));
    }
    md.push_str(&format!("\n{PROGRESS2_ADDITION}\n\n"));
    md.push_str(&format!(
        "- {PROGRESS2_A}\n- {PROGRESS2_B}\n  - {PROGRESS2_B2}\n- {PROGRESS2_C}\n  - {PROGRESS2_C2}\n- {PROGRESS2_D}\n  - {PROGRESS2_D2}\n- {PROGRESS2_E}\n\n{PROGRESS2_E2}\n\n{PROGRESS2_F}\n"
    ));
    md
}

/// Recommendation 3's evidence of progress, as Markdown (the list of events pasted with Word's
/// private-use bullet glyph).
pub fn progress3_markdown() -> String {
    let mut md = String::new();
    for (i, para) in PROGRESS3.iter().enumerate() {
        md.push_str(para);
        md.push_str("\n\n");
        if i == 2 {
            for event in VCOP_EVENTS {
                md.push_str(&format!("\u{F0B7} {event}\n"));
            }
            md.push('\n');
        }
    }
    for figure in PROGRESS3_FIGURES {
        md.push_str(figure);
        md.push_str("\n\n");
    }
    md
}

fn code(c: &str) -> GradeCode {
    GradeCode::parse(c).unwrap()
}

fn assessment(
    progress: String,
    grade: &str,
    explanation: Option<&str>,
    impact: Impact,
) -> Assessment {
    Assessment {
        part_label: None,
        progress: Some(progress),
        grade: Some(code(grade)),
        explanation: explanation.map(str::to_owned),
        proposed_grade: Some(code(grade)),
        impact,
        attachments: vec![],
    }
}

pub fn progress_update() -> ProgressUpdatePaper {
    let ms = |t: &str| parse_milestones(t).unwrap();
    ProgressUpdatePaper {
        appendix: Some("APPENDIX 1".into()),
        title: PROGRESS_TITLE.into(),
        review: REVIEW.into(),
        link_officers: vec!["Marc Stephenson".into()],
        action_plan_agreed: Some(month(2022, 3)),
        round_label: "November 2022".into(),
        introduction: Some(DEFAULT_PROGRESS_INTRODUCTION.into()),
        grade_scale: GradeScale::default_scale(),
        recommendations: vec![
            ProgressRecommendation {
                number: "1".into(),
                text: REC1.into(),
                parts: vec![],
                responsibility: "Cleveland Police".into(),
                milestones: ms("April 2022"),
                agreed_actions: vec![ACTION1.into()],
                agreed_success_measures: vec![MEASURE1.into()],
                assessments: vec![assessment(
                    PROGRESS1.into(),
                    "1",
                    None,
                    Impact::NoneUndertaken,
                )],
            },
            ProgressRecommendation {
                number: "2".into(),
                text: REC2.into(),
                parts: parts(&[
                    ("a", REC2_A),
                    ("b", REC2_B),
                    ("c", REC2_C),
                    ("d", REC2_D),
                    ("e", REC2_E),
                    ("f", REC2_F),
                ]),
                responsibility: "Cleveland Police".into(),
                milestones: ms(DATE2),
                agreed_actions: vec![ACTION2.into()],
                agreed_success_measures: vec![MEASURE2A.into(), MEASURE2B.into()],
                assessments: vec![assessment(
                    progress2_markdown(),
                    "3",
                    Some(EXPLANATION2),
                    Impact::NotRecorded,
                )],
            },
            ProgressRecommendation {
                number: "3".into(),
                text: REC3.into(),
                parts: parts(&[("a", REC3_A), ("b", REC3_B)]),
                responsibility: "Cleveland Police".into(),
                milestones: ms("September 2022"),
                agreed_actions: vec![ACTION3.into()],
                agreed_success_measures: vec![MEASURE3.into()],
                assessments: vec![assessment(
                    progress3_markdown(),
                    "1",
                    Some("Ongoing compliance is reviewed."),
                    Impact::NotRecorded,
                )],
            },
            ProgressRecommendation {
                number: "4".into(),
                text: REC4.into(),
                parts: vec![],
                responsibility: "Stockton-on-Tees Borough Council".into(),
                milestones: ms("September 2022"),
                agreed_actions: vec![ACTION4.into()],
                agreed_success_measures: vec![MEASURE4.into()],
                assessments: vec![Assessment {
                    attachments: vec![ATTACHMENT4.into()],
                    ..assessment(
                        PROGRESS4.into(),
                        "1",
                        None,
                        Impact::Evidence(IMPACT4.into()),
                    )
                }],
            },
        ],
    }
}

/// The labels of the progress update's left column, in order (after the header block's title
/// row, which spans both columns: "SCRUTINY MONITORING – PROGRESS UPDATE").
pub fn progress_labels() -> Vec<String> {
    let mut labels: Vec<String> = vec![
        "Review:".into(),
        "Link Officer/s:".into(),
        "Action Plan Agreed:".into(),
    ];
    for n in 1..=4 {
        labels.push(format!("Recommendation {n}:"));
        for l in [
            "Responsibility:",
            "Date:",
            "Agreed Action:",
            "Agreed Success Measure:",
            "Evidence of Progress (November 2022):",
            "Assessment of Progress (November 2022): (include explanation if required)",
            "Evidence of Impact (November 2022):",
        ] {
            labels.push(l.into());
        }
    }
    labels
}

/// Every value of the seed progress update's right column (and the header block), in order.
pub fn progress_values() -> Vec<String> {
    let mut v: Vec<String> = vec![REVIEW.into(), "Marc Stephenson".into(), "March 2022".into()];
    let rec = |v: &mut Vec<String>,
               text: &str,
               parts: &[(&str, &str)],
               owner: &str,
               dates: &[&str],
               action: &str,
               measures: &[&str]| {
        v.push(text.into());
        for (l, t) in parts {
            v.push(format!("{l}) {t}"));
        }
        v.push(owner.into());
        v.extend(dates.iter().map(|d| d.to_string()));
        v.push(action.into());
        v.extend(measures.iter().map(|m| m.to_string()));
    };
    rec(
        &mut v,
        REC1,
        &[],
        "Cleveland Police",
        &["April 2022"],
        ACTION1,
        &[MEASURE1],
    );
    v.push(PROGRESS1.into());
    v.push("1 (Fully Achieved)".into());
    v.push("No assessment of impact undertaken.".into());
    rec(
        &mut v,
        REC2,
        &[
            ("a", REC2_A),
            ("b", REC2_B),
            ("c", REC2_C),
            ("d", REC2_D),
            ("e", REC2_E),
            ("f", REC2_F),
        ],
        "Cleveland Police",
        &[
            "May 2022 (Development of protocol)",
            "September 2022 (Assessment of protocol)",
        ],
        ACTION2,
        &[MEASURE2A, MEASURE2B],
    );
    v.push(PROGRESS2_INTRO.into());
    v.extend(PLEDGE.iter().map(|s| s.to_string()));
    for s in [
        PROGRESS2_ADDITION,
        PROGRESS2_A,
        PROGRESS2_B,
        PROGRESS2_B2,
        PROGRESS2_C,
        PROGRESS2_C2,
        PROGRESS2_D,
        PROGRESS2_D2,
        PROGRESS2_E,
        PROGRESS2_E2,
        PROGRESS2_F,
    ] {
        v.push(s.into());
    }
    v.push("3 (Slipped)".into());
    v.push(EXPLANATION2.into());
    rec(
        &mut v,
        REC3,
        &[("a", REC3_A), ("b", REC3_B)],
        "Cleveland Police",
        &["September 2022"],
        ACTION3,
        &[MEASURE3],
    );
    for (i, p) in PROGRESS3.iter().enumerate() {
        v.push(p.to_string());
        if i == 2 {
            v.extend(VCOP_EVENTS.iter().map(|e| e.to_string()));
        }
    }
    v.extend(PROGRESS3_FIGURES.iter().map(|s| s.to_string()));
    v.push("1 (Fully Achieved)".into());
    v.push("Ongoing compliance is reviewed.".into());
    rec(
        &mut v,
        REC4,
        &[],
        "Stockton-on-Tees Borough Council",
        &["September 2022"],
        ACTION4,
        &[MEASURE4],
    );
    v.push(PROGRESS4.into());
    v.push("1 (Fully Achieved)".into());
    v.push(IMPACT4.into());
    v.push(format!("Attachment: {ATTACHMENT4}"));
    v
}

/// The grading key as the seed lays it out (two rows: codes, then labels).
pub const GRADING_KEY_LAYOUT: [&str; 10] = [
    "Assessment of",
    "1",
    "2",
    "3",
    "4",
    "Progress Gradings:",
    "Fully Achieved",
    "On-Track",
    "Slipped",
    "Not Achieved",
];

/// The grading key at the end, in order.
pub const GRADING_KEY: [&str; 9] = [
    "Assessment of Progress Gradings:",
    "1",
    "2",
    "3",
    "4",
    "Fully Achieved",
    "On-Track",
    "Slipped",
    "Not Achieved",
];

// ---- decision record ---------------------------------------------------------------------------

pub const DECISION_TEXT: &str = "Consideration was given to the final report that presented the outcome of the Crime & Disorder Select Committee Scrutiny Review of Police Communications in Stockton-on-Tees (Task & Finish).";
pub const ITEM_TITLE: &str = "Crime and Disorder Select Committee - Scrutiny Review of Police Communications in Stockton-on-Tees (Task & Finish)";
pub const REASONS: &str = "This topic was included on the Scrutiny Work Programme for 2021-2022. The review is now complete, and the recommendations have been endorsed by the Crime and Disorder Select Committee for submission to Cabinet.";
pub const RES1: &str = "Any scheduled reviews of Cleveland Police's 'Community Engagement Strategy 2020-2025' document factors in the key findings and recommendations from this review;";
pub const RES2_F: &str = "Cleveland Police provides a response to concerns raised within the SBC Ward Councillor survey (undertaken as part of this review), with specific reference to what it is doing to promote better engagement in those Wards where Councillors have expressed dissatisfaction with existing communications arrangements;";
pub const RES3_B: &str = "ensures updates are provided (as regularly as agreed with each individual victim) regarding the progression of investigations, even when there have been no developments;";

pub fn decision_record() -> DecisionRecordPaper {
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
    DecisionRecordPaper {
        council: "Stockton-on-Tees Borough Council".into(),
        body: "Cabinet".into(),
        meeting_date: d(2022, 1, 20),
        item_title: ITEM_TITLE.into(),
        decision_text: Some(DECISION_TEXT.into()),
        resolutions: vec![
            PaperResolution {
                number: "1".into(),
                text: RES1.into(),
                parts: vec![],
            },
            PaperResolution {
                number: "2".into(),
                text: REC2.into(),
                parts: parts(&[
                    ("a", REC2_A),
                    ("b", REC2_B),
                    ("c", REC2_C_DECISION),
                    ("d", REC2_D),
                    ("e", REC2_E),
                    ("f", RES2_F),
                ]),
            },
            PaperResolution {
                number: "3".into(),
                text: REC3.into(),
                parts: parts(&[("a", REC3_A), ("b", RES3_B)]),
            },
            PaperResolution {
                number: "4".into(),
                text: REC4.into(),
                parts: vec![],
            },
        ],
        reasons: Some(REASONS.into()),
        alternatives: Some("None".into()),
        conflicts: Some("None".into()),
        dispensations: Some("N/A".into()),
        call_in: Some("Midnight - Friday 28th January 2022".into()),
        published_on: Some(d(2022, 1, 24)),
        reference: None,
        key_decision: false,
    }
}

/// Every value of the seed decision record, in order.
pub fn decision_values() -> Vec<String> {
    let mut v: Vec<String> = [
        "STOCKTON-ON-TEES BOROUGH COUNCIL",
        "CABINET RECOMMENDATIONS",
        "PROFORMA",
        "Cabinet Meeting",
        "20th January 2022",
        "1. Title of Item/Report",
        ITEM_TITLE,
        "2. Record of the Decision",
        DECISION_TEXT,
        "RESOLVED that:",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push(format!("1) {RES1}"));
    v.push(format!("2) {REC2}"));
    for (l, t) in [
        ("a", REC2_A),
        ("b", REC2_B),
        ("c", REC2_C_DECISION),
        ("d", REC2_D),
        ("e", REC2_E),
        ("f", RES2_F),
    ] {
        v.push(format!("{l}) {t}"));
    }
    v.push(format!("3) {REC3}"));
    v.push(format!("a) {REC3_A}"));
    v.push(format!("b) {RES3_B}"));
    v.push(format!("4) {REC4}"));
    for s in [
        "3. Reasons for the Decision",
        REASONS,
        "4. Alternative Options Considered and Rejected",
        "None",
        "5. Declared (Cabinet Member) Conflicts of Interest",
        "None",
        "6. Details of any Dispensations",
        "N/A",
        "7. Date and Time by which Call In must be executed",
        "Midnight - Friday 28th January 2022",
        "Proper Officer",
        "24 January 2022",
    ] {
        v.push(s.into());
    }
    v
}

// ---- a large review, for the benchmark ---------------------------------------------------------

/// A progress update of `n` recommendations shaped like the seed's (cycling through its four).
pub fn large_progress_update(n: usize) -> ProgressUpdatePaper {
    let seed = progress_update();
    let mut paper = seed.clone();
    paper.recommendations = (0..n)
        .map(|i| {
            let mut rec = seed.recommendations[i % 4].clone();
            rec.number = (i + 1).to_string();
            rec
        })
        .collect();
    paper
}
