//! The seed progress update (November 2022), loaded through the workflow as the demo's progress,
//! reads back through the API value for value. The document is parsed here on its own, so that a
//! value lost or changed on the way fails.
use crate::fixtures::{conn, get_json};
use crate::helpers::TestApp;
use scrutiny_server::accounts::{load_demo, DEMO_PASSWORD};
use scrutiny_server::demo::police_communications;
use scrutiny_server::demo_progress::load_progress;
use serde_json::Value;

const UPDATE: &str = include_str!("../fixtures/seeds/progress-update-police-communications.txt");

/// The page furniture repeated on every page of the paper.
fn is_furniture(line: &str) -> bool {
    let t = line.trim();
    t == "APPENDIX 1" || (t.contains("PROGRESS UPDATE:") && !t.starts_with("SCRUTINY"))
}

/// The text of the paper without its page furniture.
fn body() -> String {
    UPDATE
        .lines()
        .filter(|l| !is_furniture(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text after `label` (from `from`) up to `next`; returns it and where it ends.
fn cell(text: &str, from: usize, label: &str, next: &str) -> (String, usize) {
    let start = text[from..]
        .find(label)
        .unwrap_or_else(|| panic!("{label}"))
        + from
        + label.len();
    let end = text[start..].find(next).unwrap_or_else(|| panic!("{next}")) + start;
    (text[start..end].trim().to_owned(), end)
}

/// Letters and digits, lower case, as words: what must survive whatever the layout.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether every word of `expected` appears in `actual`, in order (the API's Markdown may add
/// bullets or a part's letter the paper's layout lost, never lose or reorder a word).
fn in_order(expected: &str, actual: &str) -> bool {
    let actual = words(actual);
    let mut at = 0;
    for w in words(expected) {
        match actual[at..].iter().position(|a| *a == w) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

struct Block {
    number: String,
    responsibility: String,
    agreed_action: String,
    success_measure: String,
    progress: String,
    assessment: String,
    impact: String,
}

fn blocks() -> Vec<Block> {
    let text = body();
    let mut out = Vec::new();
    let mut at = 0;
    for n in 1..=4 {
        let next = if n < 4 {
            format!("Recommendation {}:", n + 1)
        } else {
            "Assessment of\t1".to_owned()
        };
        let (_, a) = cell(
            &text,
            at,
            &format!("Recommendation {n}:"),
            "Responsibility:",
        );
        let (responsibility, a) = cell(&text, a, "Responsibility:", "Date:");
        let (agreed_action, a) = cell(&text, a, "Agreed Action:", "Agreed Success Measure:");
        let (success_measure, a) =
            cell(&text, a, "Agreed Success Measure:", "Evidence of Progress");
        let (progress, a) = cell(
            &text,
            a,
            "Evidence of Progress (November 2022):",
            "Assessment of Progress",
        );
        // "Assessment of Progress (November 2022): (include explanation if required)" is the
        // label; a page may split it around the grade (recommendation 3).
        let (assessment, a) = cell(&text, a, "Assessment of Progress", "Evidence of Impact");
        let assessment = assessment
            .replace("(November 2022):", "")
            .replace("(include explanation if required)", "")
            .trim()
            .to_owned();
        let (impact, a) = cell(&text, a, "Evidence of Impact (November 2022):", &next);
        out.push(Block {
            number: n.to_string(),
            responsibility,
            agreed_action,
            success_measure,
            progress,
            assessment,
            impact,
        });
        at = a;
    }
    out
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_seed_progress_update_reads_back_value_for_value() {
    let app = TestApp::spawn().await;
    let mut c = conn(&app).await;
    load_demo(&mut c).await.expect("the demo data loads");
    let data = police_communications();
    assert!(load_progress(&mut c, &data)
        .await
        .expect("the progress loads"));
    assert!(
        !load_progress(&mut c, &data).await.expect("and again"),
        "loading twice changes nothing"
    );
    drop(c);
    let officer = app.login("officer@stockton.example", DEMO_PASSWORD).await;

    // The header block: review, link officer, when the plan was agreed.
    let reviews = get_json(&app, "/api/v1/reviews", &officer).await;
    let review = &reviews["items"][0];
    let review_id = review["id"].as_str().unwrap();
    let text = body();
    let (title, _) = cell(&text, 0, "Review:", "Link Officer/s:");
    // The paper writes the review's type after its title.
    assert_eq!(
        format!("{} (Task & Finish)", review["title"].as_str().unwrap()),
        title.trim()
    );
    assert_eq!(review["review_type"], "task_and_finish");
    let (link, _) = cell(&text, 0, "Link Officer/s:", "Action Plan Agreed:");
    let detail = get_json(&app, &format!("/api/v1/reviews/{review_id}"), &officer).await;
    assert_eq!(detail["link_officers"][0]["name"], link.as_str());
    let (agreed, _) = cell(&text, 0, "Action Plan Agreed:", "Updates on the progress");
    let plan = get_json(
        &app,
        &format!("/api/v1/reviews/{review_id}/action-plan"),
        &officer,
    )
    .await;
    assert_eq!(plan["agreed_on_display"], agreed.as_str());
    assert_eq!(detail["status"], "monitoring");

    // The rounds: November 2022, accepted; the next holds recommendation 2 alone.
    let rounds = get_json(
        &app,
        &format!("/api/v1/reviews/{review_id}/progress-rounds"),
        &officer,
    )
    .await;
    assert_eq!(rounds["next_cursor"], serde_json::Value::Null);
    let rounds = rounds["items"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[0]["label"], "November 2022");
    assert_eq!(rounds[0]["status"], "closed");
    assert_eq!(rounds[1]["status"], "open");
    let first = get_json(
        &app,
        &format!(
            "/api/v1/progress-rounds/{}/entries",
            rounds[0]["id"].as_str().unwrap()
        ),
        &officer,
    )
    .await;
    let second = get_json(
        &app,
        &format!(
            "/api/v1/progress-rounds/{}/entries",
            rounds[1]["id"].as_str().unwrap()
        ),
        &officer,
    )
    .await;
    let second = second.as_array().unwrap();
    assert_eq!(second.len(), 1);
    assert_eq!(second[0]["recommendation"]["number"], "2");
    assert_eq!(second[0]["state"], "draft");

    let entries = first.as_array().unwrap();
    assert_eq!(entries.len(), 4);
    for block in blocks() {
        let entry: &Value = entries
            .iter()
            .find(|e| e["recommendation"]["number"] == block.number.as_str())
            .unwrap();
        let n = &block.number;
        assert_eq!(entry["state"], "accepted", "recommendation {n}");
        // Evidence of progress: every word, in order.
        let progress = entry["progress"].as_str().unwrap();
        assert!(
            in_order(&block.progress, progress),
            "recommendation {n}: {progress}"
        );
        // Assessment: the grade as the paper writes it, then its explanation.
        let grade = entry["grades"]["accepted"]["display"].as_str().unwrap();
        assert!(
            block.assessment.starts_with(grade),
            "recommendation {n}: {}",
            block.assessment
        );
        let explanation = squash(block.assessment[grade.len()..].trim());
        assert_eq!(
            entry["proposed_explanation"].as_str().map(squash),
            (!explanation.is_empty()).then_some(explanation),
            "recommendation {n}"
        );
        for which in ["proposed", "officer", "accepted"] {
            assert_eq!(
                entry["grades"][which]["display"], grade,
                "recommendation {n} {which}"
            );
        }
        // Evidence of impact: as written, or the explicit statement, or blank.
        assert_eq!(
            entry["impact_text"].as_str().unwrap(),
            squash(&block.impact),
            "recommendation {n}"
        );
        // Responsibility, agreed action and success measure come from the plan.
        let rec = get_json(
            &app,
            &format!(
                "/api/v1/recommendations/{}",
                entry["recommendation"]["id"].as_str().unwrap()
            ),
            &officer,
        )
        .await;
        let plan_actions: Vec<&Value> = plan["actions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["recommendation_number"] == n.as_str())
            .collect();
        // The papers spell the council "Stockton-on-Tees" and "Stockton on Tees": the words.
        assert_eq!(
            words(plan_actions[0]["responsibility_text"].as_str().unwrap()),
            words(&block.responsibility),
            "recommendation {n}"
        );
        let actions: String = plan_actions
            .iter()
            .map(|a| a["proposed_actions"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            in_order(&block.agreed_action, &actions),
            "recommendation {n}"
        );
        let measures: String = plan_actions
            .iter()
            .flat_map(|a| a["success_measures"].as_array().unwrap().iter())
            .map(|m| m.as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            in_order(&block.success_measure, &measures),
            "recommendation {n}"
        );
        // Carry forward: 1 closes; 3 leaves it outstanding.
        let expected = if grade.starts_with('1') {
            "closed"
        } else {
            "open"
        };
        assert_eq!(rec["status"], expected, "recommendation {n}");
    }
    // The paper's figures, as key figures of recommendation 3.
    let rec3 = entries
        .iter()
        .find(|e| e["recommendation"]["number"] == "3")
        .unwrap();
    let figures = rec3["key_figures"].as_array().unwrap();
    assert_eq!(figures[0]["value"], "95.2");
    assert_eq!(figures[0]["unit"], "%");
    assert_eq!(figures[0]["scope"], "Northside officers");
    assert_eq!(figures[1]["value"], "100");
    assert_eq!(figures[1]["as_of"], "2022-11-02");
    assert!(
        text.contains("VCOP compliance of 95.2%")
            && text.contains("102 live crimes (as of 02/11/22)")
    );
    // The grading key at the end of the paper is the council's scale.
    let key = &text[text.find("Assessment of\t1").unwrap()..];
    for label in ["Fully Achieved", "On-Track", "Slipped", "Not Achieved"] {
        assert!(key.contains(label));
    }
    let rec1 = entries
        .iter()
        .find(|e| e["recommendation"]["number"] == "1")
        .unwrap();
    assert_eq!(rec1["impact"]["kind"], "none_undertaken");

    // The police contributor owes recommendation 2 in the next round.
    let police = app
        .login("contributor@cleveland-police.example", DEMO_PASSWORD)
        .await;
    let inbox = get_json(&app, "/api/v1/me/inbox", &police).await;
    let items = inbox["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["recommendation"]["number"], "2");
}
