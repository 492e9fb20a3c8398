//! Each paper, composed into the shared document model in the seed's layout.
use crate::doc::{markdown, plain, Block, Cell, Doc, Marker, Orientation, Para, Row, Style, Table};
use crate::model::*;
use chrono::NaiveDate;
use scrutiny_domain::dates::Milestone;
use scrutiny_domain::progress::{GradeLevel, GradeScale};

/// The action plan table's header, as the seed has it.
pub const ACTION_PLAN_COLUMNS: [&str; 6] = [
    "No.",
    "Recommendation",
    "Proposed Actions / Progress",
    "Success Measures",
    "Responsibility",
    "Date",
];

/// Widths of the action plan's columns (fractions of the text width).
pub(crate) const ACTION_PLAN_WIDTHS: [f32; 6] = [0.05, 0.27, 0.24, 0.20, 0.12, 0.12];

/// Widths of the progress update's label and value columns.
pub(crate) const PROGRESS_WIDTHS: [f32; 2] = [0.27, 0.73];

fn running_header(appendix: &Option<String>, title: &str) -> Vec<String> {
    appendix
        .iter()
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .chain(std::iter::once(title.trim().to_owned()))
        .collect()
}

/// A recommendation's text and its parts "a) …", one paragraph each.
fn recommendation_paras(text: &str, parts: &[PaperPart]) -> Vec<Para> {
    let mut paras = plain(text);
    for part in parts {
        let mut body = plain(&part.text);
        if body.is_empty() {
            body.push(Para::text(""));
        }
        let first = body.remove(0);
        paras.push(first.marked(Marker::Label(format!("{})", part.label)), 1));
        // Further lines of a part stay under it.
        for mut p in body {
            if p.marker.is_none() {
                p.level = 1;
                p = p.marked(Marker::Label(String::new()), 1);
            }
            paras.push(p);
        }
    }
    paras
}

fn milestone_paras(milestones: &[Milestone]) -> Vec<Para> {
    milestones
        .iter()
        .map(|m| {
            let raw = m.raw.trim();
            if raw.is_empty() {
                m.canonical_text()
            } else {
                raw.to_owned()
            }
        })
        .filter(|t| !t.is_empty())
        .map(|t| Para::text(&t))
        .collect()
}

// ---- action plan -------------------------------------------------------------------------------

struct PlanRow {
    number: String,
    recommendation: Vec<Para>,
    actions: Vec<PlanAction>,
}

/// The rows of one recommendation: the first carries its number, text and the parts that have
/// no action of their own, with the actions for the whole recommendation (one row each after the
/// first); a part with its own actions gets its own rows, No. left empty as Word tables do.
fn plan_rows(rec: &PlanRecommendation) -> Vec<PlanRow> {
    let own = |label: &str| {
        rec.actions
            .iter()
            .filter(|a| a.part_label.as_deref() == Some(label))
            .cloned()
            .collect::<Vec<_>>()
    };
    let known: Vec<&str> = rec.parts.iter().map(|p| p.label.as_str()).collect();
    let shared_parts: Vec<PaperPart> = rec
        .parts
        .iter()
        .filter(|p| own(&p.label).is_empty())
        .cloned()
        .collect();
    // Actions for the whole recommendation, and any naming a part it does not have.
    let whole: Vec<PlanAction> = rec
        .actions
        .iter()
        .filter(|a| a.part_label.as_deref().is_none_or(|l| !known.contains(&l)))
        .cloned()
        .collect();
    let mut rows = Vec::new();
    let mut whole = whole.into_iter();
    rows.push(PlanRow {
        number: rec.number.clone(),
        recommendation: recommendation_paras(&rec.text, &shared_parts),
        actions: whole.next().into_iter().collect(),
    });
    for action in whole {
        rows.push(PlanRow {
            number: String::new(),
            recommendation: Vec::new(),
            actions: vec![action],
        });
    }
    for part in &rec.parts {
        let actions = own(&part.label);
        if actions.is_empty() {
            continue;
        }
        for (i, action) in actions.into_iter().enumerate() {
            rows.push(PlanRow {
                number: String::new(),
                recommendation: if i == 0 {
                    recommendation_paras("", std::slice::from_ref(part))
                } else {
                    Vec::new()
                },
                actions: vec![action],
            });
        }
    }
    rows
}

fn plan_action_cells(actions: &[PlanAction]) -> [Cell; 4] {
    let mut proposed = Vec::new();
    let mut measures = Vec::new();
    let mut owners = Vec::new();
    let mut dates = Vec::new();
    for a in actions {
        proposed.extend(plain(&a.proposed_actions));
        if let Some(notes) = a.notes.as_deref().filter(|n| !n.trim().is_empty()) {
            proposed.extend(plain(notes).into_iter().map(|mut p| {
                for inline in &mut p.runs {
                    if let crate::doc::Inline::Text(run) = inline {
                        run.bold = true;
                    }
                }
                p
            }));
        }
        for m in &a.success_measures {
            measures.extend(plain(m));
        }
        owners.extend(plain(&a.responsibility));
        dates.extend(milestone_paras(&a.milestones));
    }
    [
        Cell::new(proposed),
        Cell::new(measures),
        Cell::new(owners),
        Cell::new(dates),
    ]
}

pub(crate) fn action_plan(paper: &ActionPlanPaper) -> Doc {
    let mut blocks = Vec::new();
    let header = Row {
        cells: ACTION_PLAN_COLUMNS.iter().map(|c| Cell::label(c)).collect(),
    };
    let mut rows = vec![header];
    for rec in &paper.recommendations {
        for row in plan_rows(rec) {
            let [proposed, measures, owners, dates] = plan_action_cells(&row.actions);
            rows.push(Row {
                cells: vec![
                    Cell::new(vec![Para::bold(&row.number)]),
                    Cell::new(row.recommendation),
                    proposed,
                    measures,
                    owners,
                    dates,
                ],
            });
        }
    }
    blocks.push(Block::Table(Table {
        widths: ACTION_PLAN_WIDTHS.to_vec(),
        header_rows: 1,
        rows,
    }));
    // Who agreed it and when, under the table (the table starts at the top of the page).
    let details: Vec<String> = [paper.council.clone(), paper.committee.clone()]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
    if !details.is_empty() {
        blocks.push(Block::Para(Para::text(&details.join(" – "))));
    }
    if let Some(agreed) = paper.agreed {
        blocks.push(Block::Para(Para::text(&format!(
            "Action plan agreed: {agreed}"
        ))));
    }
    Doc {
        title: paper.title.clone(),
        orientation: Orientation::Landscape,
        running_header: running_header(&paper.appendix, &paper.title),
        blocks,
        body_pt: 9.0,
    }
}

// ---- progress update ---------------------------------------------------------------------------

fn label_row(label: &str, value: Vec<Para>) -> Row {
    Row {
        cells: vec![Cell::label(label), Cell::new(value)],
    }
}

fn grade_paras(scale: &GradeScale, a: &Assessment) -> Vec<Para> {
    let mut paras = Vec::new();
    if let Some(code) = &a.grade {
        let form = scale
            .level(code.as_str())
            .map(GradeLevel::document_form)
            .unwrap_or_else(|| code.to_string());
        paras.push(Para::bold(&form));
    }
    if let Some(explanation) = a.explanation.as_deref().filter(|e| !e.trim().is_empty()) {
        paras.extend(plain(explanation));
    }
    if let (Some(proposed), Some(grade)) = (&a.proposed_grade, &a.grade) {
        if proposed != grade {
            let form = scale
                .level(proposed.as_str())
                .map(GradeLevel::document_form)
                .unwrap_or_else(|| proposed.to_string());
            paras.push(Para::text(&format!(
                "(Grade proposed by the partner: {form})"
            )));
        }
    }
    paras
}

pub(crate) fn progress_update(paper: &ProgressUpdatePaper) -> Doc {
    let round = paper.round_label.trim();
    let mut blocks = Vec::new();
    let agreed = paper
        .action_plan_agreed
        .map(|d| d.to_string())
        .unwrap_or_default();
    blocks.push(Block::Table(Table {
        widths: PROGRESS_WIDTHS.to_vec(),
        header_rows: 0,
        rows: vec![
            Row {
                cells: vec![Cell::label("SCRUTINY MONITORING – PROGRESS UPDATE").spanning(2)],
            },
            label_row("Review:", plain(&paper.review)),
            label_row("Link Officer/s:", plain(&paper.link_officers.join(", "))),
            label_row("Action Plan Agreed:", plain(&agreed)),
        ],
    }));
    if let Some(intro) = paper
        .introduction
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        blocks.extend(plain(intro).into_iter().map(Block::Para));
    }
    let scale = &paper.grade_scale;
    for rec in &paper.recommendations {
        let mut rows = vec![
            label_row(
                &format!("Recommendation {}:", rec.number),
                recommendation_paras(&rec.text, &rec.parts),
            ),
            label_row("Responsibility:", plain(&rec.responsibility)),
            label_row("Date:", milestone_paras(&rec.milestones)),
            label_row(
                "Agreed Action:",
                rec.agreed_actions.iter().flat_map(|a| plain(a)).collect(),
            ),
            label_row(
                "Agreed Success Measure:",
                rec.agreed_success_measures
                    .iter()
                    .flat_map(|m| plain(m))
                    .collect(),
            ),
        ];
        let blank;
        let assessments = if rec.assessments.is_empty() {
            blank = [Assessment {
                part_label: None,
                progress: None,
                grade: None,
                explanation: None,
                proposed_grade: None,
                impact: scrutiny_domain::progress::Impact::NotRecorded,
                attachments: Vec::new(),
            }];
            &blank[..]
        } else {
            &rec.assessments[..]
        };
        for a in assessments {
            let part = a
                .part_label
                .as_deref()
                .map(|l| format!(" – part {l})"))
                .unwrap_or_default();
            rows.push(label_row(
                &format!("Evidence of Progress{part} ({round}):"),
                markdown(a.progress.as_deref().unwrap_or("")),
            ));
            rows.push(label_row(
                &format!(
                    "Assessment of Progress{part} ({round}): (include explanation if required)"
                ),
                grade_paras(scale, a),
            ));
            let mut impact = plain(a.impact.document_text());
            for attachment in &a.attachments {
                impact.push(Para::text(&format!("Attachment: {attachment}")));
            }
            rows.push(label_row(
                &format!("Evidence of Impact{part} ({round}):"),
                impact,
            ));
        }
        blocks.push(Block::Table(Table {
            widths: PROGRESS_WIDTHS.to_vec(),
            header_rows: 0,
            rows,
        }));
    }
    blocks.extend(grade_summary(paper));
    blocks.push(Block::Table(grading_key(scale)));
    Doc {
        title: paper.title.clone(),
        orientation: Orientation::Portrait,
        running_header: running_header(&paper.appendix, &paper.title),
        blocks,
        body_pt: 10.0,
    }
}

/// How many recommendations have each grade (every level of the scale, zeros included).
pub fn grade_counts(paper: &ProgressUpdatePaper) -> (Vec<(&GradeLevel, usize)>, usize) {
    let scale = &paper.grade_scale;
    let mut counts: Vec<(&GradeLevel, usize)> = scale.levels().iter().map(|l| (l, 0)).collect();
    let mut ungraded = 0;
    for rec in &paper.recommendations {
        match rec
            .summary_grade(scale)
            .and_then(|g| counts.iter_mut().find(|(l, _)| l.code == *g))
        {
            Some((_, n)) => *n += 1,
            None => ungraded += 1,
        }
    }
    (counts, ungraded)
}

fn grade_summary(paper: &ProgressUpdatePaper) -> Vec<Block> {
    let (counts, ungraded) = grade_counts(paper);
    let mut rows = vec![Row {
        cells: vec![
            Cell::label("Assessment of Progress"),
            Cell::label("Recommendations"),
        ],
    }];
    for (level, n) in &counts {
        rows.push(Row {
            cells: vec![
                Cell::text(&level.document_form()),
                Cell::text(&n.to_string()),
            ],
        });
    }
    if ungraded > 0 {
        rows.push(Row {
            cells: vec![
                Cell::text("Not yet assessed"),
                Cell::text(&ungraded.to_string()),
            ],
        });
    }
    rows.push(Row {
        cells: vec![
            Cell::new(vec![Para::bold("Total")]),
            Cell::new(vec![Para::bold(&paper.recommendations.len().to_string())]),
        ],
    });
    vec![
        Block::Para(Para::styled(
            Style::Heading,
            &format!("Summary of Assessments ({})", paper.round_label.trim()),
        )),
        Block::Table(Table {
            widths: vec![0.6, 0.4],
            header_rows: 1,
            rows,
        }),
    ]
}

/// The grading key: the scale's levels, best first ("1 / Fully Achieved", "Green / Achieved").
fn grading_key(scale: &GradeScale) -> Table {
    let levels = scale.levels();
    let label_width = 0.28;
    let each = (1.0 - label_width) / levels.len().max(1) as f32;
    let mut widths = vec![label_width];
    widths.extend(levels.iter().map(|_| each));
    let same = |l: &GradeLevel| l.label.eq_ignore_ascii_case(l.code.as_str());
    let top = levels
        .iter()
        .map(|l| {
            let text = if same(l) { &l.label } else { l.code.as_str() };
            Cell::new(vec![Para::bold(text).centered()])
        })
        .collect::<Vec<_>>();
    let bottom = levels
        .iter()
        .map(|l| {
            let text = if same(l) {
                l.description.clone().unwrap_or_default()
            } else {
                match &l.description {
                    Some(d) => format!("{} ({d})", l.label),
                    None => l.label.clone(),
                }
            };
            Cell::new(vec![Para::text(&text).centered()])
        })
        .collect::<Vec<_>>();
    // Broken as the seed breaks it: "Assessment of / Progress Gradings:".
    let mut first = vec![Cell::label("Assessment of\nProgress Gradings:")];
    first.extend(top);
    let mut second = vec![Cell {
        shaded: true,
        ..Cell::empty()
    }];
    second.extend(bottom);
    Table {
        widths,
        header_rows: 0,
        rows: vec![Row { cells: first }, Row { cells: second }],
    }
}

// ---- decision record ---------------------------------------------------------------------------

pub(crate) fn decision_record(paper: &DecisionRecordPaper) -> Doc {
    let body = paper.body.trim();
    let mut blocks = vec![
        Block::Para(Para::styled(Style::Title, &paper.council.trim().to_uppercase()).centered()),
        Block::Para(
            Para::styled(
                Style::Title,
                &format!("{} RECOMMENDATIONS", body.to_uppercase()),
            )
            .centered(),
        ),
        Block::Para(Para::styled(Style::Heading, "PROFORMA").centered()),
        Block::Table(Table {
            widths: vec![0.35, 0.65],
            header_rows: 0,
            rows: vec![label_row(
                &format!("{body} Meeting"),
                vec![Para::text(&ordinal_date(paper.meeting_date))],
            )],
        }),
    ];
    let section = |blocks: &mut Vec<Block>, heading: &str, paras: Vec<Para>| {
        blocks.push(Block::Para(Para::styled(Style::Heading, heading)));
        blocks.extend(paras.into_iter().map(Block::Para));
    };
    let optional = |text: &Option<String>| plain(text.as_deref().unwrap_or(""));

    let mut title = plain(&paper.item_title);
    if let Some(reference) = paper.reference.as_deref().filter(|r| !r.trim().is_empty()) {
        title.push(Para::text(&format!("Reference: {}", reference.trim())));
    }
    if paper.key_decision {
        title.push(Para::text("Key decision"));
    }
    section(&mut blocks, "1. Title of Item/Report", title);

    let mut record = optional(&paper.decision_text);
    if !paper.resolutions.is_empty() {
        record.push(Para::bold("RESOLVED that:"));
        for r in &paper.resolutions {
            let mut text = plain(&r.text);
            if text.is_empty() {
                text.push(Para::text(""));
            }
            let first = text.remove(0);
            record.push(first.marked(Marker::Label(format!("{})", r.number)), 1));
            for mut p in text {
                if p.marker.is_none() {
                    p = p.marked(Marker::Label(String::new()), 1);
                }
                record.push(p);
            }
            for part in &r.parts {
                for (i, p) in plain(&part.text).into_iter().enumerate() {
                    let label = if i == 0 {
                        format!("{})", part.label)
                    } else {
                        String::new()
                    };
                    record.push(p.marked(Marker::Label(label), 2));
                }
            }
        }
    }
    section(&mut blocks, "2. Record of the Decision", record);
    section(
        &mut blocks,
        "3. Reasons for the Decision",
        optional(&paper.reasons),
    );
    section(
        &mut blocks,
        "4. Alternative Options Considered and Rejected",
        optional(&paper.alternatives),
    );
    section(
        &mut blocks,
        &format!("5. Declared ({body} Member) Conflicts of Interest"),
        optional(&paper.conflicts),
    );
    section(
        &mut blocks,
        "6. Details of any Dispensations",
        optional(&paper.dispensations),
    );
    section(
        &mut blocks,
        "7. Date and Time by which Call In must be executed",
        optional(&paper.call_in),
    );
    blocks.push(Block::Para(Para::styled(Style::Heading, "Proper Officer")));
    if let Some(published) = paper.published_on {
        blocks.push(Block::Para(Para::text(
            &published.format("%-d %B %Y").to_string(),
        )));
    }
    Doc {
        title: format!("{body} decision – {}", paper.item_title.trim()),
        orientation: Orientation::Portrait,
        running_header: Vec::new(),
        blocks,
        body_pt: 10.0,
    }
}

/// The response table's columns.
pub const RESPONSE_COLUMNS: [&str; 5] = [
    "No.",
    "Recommendation",
    "Response",
    "Reasons",
    "Proposed action",
];
const RESPONSE_WIDTHS: [f32; 5] = [0.06, 0.32, 0.12, 0.25, 0.25];

/// A statutory response: the council and the report it answers, who responds and the days the
/// period runs between, the covering summary, and a table of the answer to each recommendation.
pub(crate) fn statutory_response(paper: &StatutoryResponsePaper) -> Doc {
    let day = |d: NaiveDate| Para::text(&ordinal_date(d));
    let optional_day = |d: Option<NaiveDate>| match d {
        Some(d) => vec![day(d)],
        None => vec![Para::text("Not yet")],
    };
    let mut blocks = vec![
        Block::Para(Para::styled(Style::Title, &paper.council.trim().to_uppercase()).centered()),
        Block::Para(
            Para::styled(
                Style::Title,
                &format!(
                    "RESPONSE TO THE REVIEW OF {}",
                    paper.review_title.trim().to_uppercase()
                ),
            )
            .centered(),
        ),
        Block::Table(Table {
            widths: vec![0.3, 0.7],
            header_rows: 0,
            rows: vec![
                label_row("Committee", plain(&paper.committee)),
                label_row("Review", plain(&paper.review_title)),
                label_row(
                    "Response of",
                    vec![Para::text(&format!(
                        "{} ({})",
                        paper.responder.trim(),
                        paper.responder_role.trim()
                    ))],
                ),
                label_row("Report received", vec![day(paper.report_received_on)]),
                label_row("Response due", vec![day(paper.due_on)]),
                label_row("Response received", optional_day(paper.received_on)),
                label_row("Published", optional_day(paper.published_on)),
            ],
        }),
    ];
    if let Some(summary) = paper.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        blocks.push(Block::Para(Para::styled(Style::Heading, "Response")));
        blocks.extend(markdown(summary).into_iter().map(Block::Para));
    }
    blocks.push(Block::Para(Para::styled(
        Style::Heading,
        "Response to each recommendation",
    )));
    let mut rows = vec![Row {
        cells: RESPONSE_COLUMNS.iter().map(|c| Cell::label(c)).collect(),
    }];
    for item in &paper.items {
        let optional = |t: &Option<String>| markdown(t.as_deref().unwrap_or(""));
        rows.push(Row {
            cells: vec![
                Cell::new(vec![Para::bold(&item.number)]),
                Cell::new(plain(&item.recommendation)),
                Cell::new(vec![Para::bold(&item.verdict)]),
                Cell::new(optional(&item.reasons)),
                Cell::new(optional(&item.proposed_action)),
            ],
        });
    }
    blocks.push(Block::Table(Table {
        widths: RESPONSE_WIDTHS.to_vec(),
        header_rows: 1,
        rows,
    }));
    Doc {
        title: format!(
            "Response of {} – {}",
            paper.responder.trim(),
            paper.review_title.trim()
        ),
        orientation: Orientation::Landscape,
        running_header: Vec::new(),
        blocks,
        body_pt: 10.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(part: Option<&str>, text: &str) -> PlanAction {
        PlanAction {
            part_label: part.map(str::to_owned),
            proposed_actions: text.into(),
            notes: None,
            success_measures: vec![],
            responsibility: "All".into(),
            milestones: vec![],
        }
    }

    fn texts(rows: &[PlanRow]) -> Vec<(String, String, Vec<String>)> {
        rows.iter()
            .map(|r| {
                (
                    r.number.clone(),
                    r.recommendation
                        .iter()
                        .map(|p| p.plain())
                        .collect::<Vec<_>>()
                        .join(" | "),
                    r.actions
                        .iter()
                        .map(|a| a.proposed_actions.clone())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn plan_rows_follow_word_habits() {
        let rec = PlanRecommendation {
            number: "2".into(),
            text: "Lead-in:".into(),
            parts: vec![PaperPart::new("a", "first"), PaperPart::new("b", "second")],
            actions: vec![
                action(None, "whole one"),
                action(Some("b"), "for b"),
                action(None, "whole two"),
                action(Some("b"), "for b again"),
                action(Some("z"), "unknown part"),
            ],
        };
        assert_eq!(
            texts(&plan_rows(&rec)),
            vec![
                (
                    "2".into(),
                    "Lead-in: | a) first".into(),
                    vec!["whole one".into()]
                ),
                (String::new(), String::new(), vec!["whole two".into()]),
                (String::new(), String::new(), vec!["unknown part".into()]),
                (String::new(), "b) second".into(), vec!["for b".into()]),
                (String::new(), String::new(), vec!["for b again".into()]),
            ]
        );
        let bare = PlanRecommendation {
            number: "4".into(),
            text: "Survey".into(),
            parts: vec![],
            actions: vec![],
        };
        assert_eq!(
            texts(&plan_rows(&bare)),
            vec![("4".into(), "Survey".into(), vec![])]
        );
    }
}
