//! The seed documents (tests/fixtures/seeds, one real cycle of the work) are loaded as the demo
//! data, and every value of the Cabinet decision and the action plan reads back through the API.
//! The documents are parsed here independently of the loader, so a value lost on the way fails.
use crate::fixtures::{conn, get_json};
use crate::helpers::{problem, TestApp};
use reqwest::StatusCode;
use scrutiny_server::accounts::{load_demo, DEMO_PASSWORD};
use serde_json::Value;

const DECISION: &str = include_str!("../fixtures/seeds/cabinet-decision-police-communications.txt");
const PLAN: &str = include_str!("../fixtures/seeds/action-plan-police-communications.txt");

/// One numbered row of the action plan table, with the recommendation cells of the rows that
/// continue it (a recommendation's parts spill over page breaks onto rows with an empty No.).
struct PlanRow {
    number: String,
    recommendation: Vec<String>,
    actions: String,
    measures: String,
    responsibility: String,
    date: String,
}

fn plan_rows() -> Vec<PlanRow> {
    let mut rows: Vec<PlanRow> = Vec::new();
    for line in PLAN
        .lines()
        .filter(|l| l.contains('\t') && !l.starts_with("No.\t"))
    {
        let cells: Vec<&str> = line.split('\t').collect();
        let cell = |i: usize| cells.get(i).copied().unwrap_or("").to_owned();
        if cell(0).trim().is_empty() {
            rows.last_mut()
                .expect("a continuation follows a numbered row")
                .recommendation
                .push(cell(1));
        } else {
            rows.push(PlanRow {
                number: cell(0).trim().to_owned(),
                recommendation: vec![cell(1)],
                actions: cell(2),
                measures: cell(3),
                responsibility: cell(4),
                date: cell(5),
            });
        }
    }
    rows
}

/// The text of a numbered section of the decision record, up to the next one.
fn section<'a>(title: &str, next: &str) -> &'a str
where
    'static: 'a,
{
    let start = DECISION.find(title).expect(title) + title.len();
    let end = DECISION[start..].find(next).expect(next) + start;
    DECISION[start..end].trim()
}

fn items(value: &Value) -> &Vec<Value> {
    value.as_array().expect("an array")
}

#[tokio::test]
async fn the_seed_decision_and_action_plan_read_back_value_for_value() {
    let app = TestApp::spawn().await;
    let mut c = conn(&app).await;
    load_demo(&mut c).await.expect("the demo data loads");
    load_demo(&mut c)
        .await
        .expect("and loads again without change");
    drop(c);
    let officer = app.login("officer@stockton.example", DEMO_PASSWORD).await;

    let reviews = get_json(&app, "/api/v1/reviews", &officer).await;
    assert_eq!(
        items(&reviews["items"]).len(),
        1,
        "loading twice made one review"
    );
    let review_id = reviews["items"][0]["id"].as_str().unwrap().to_owned();
    let review = get_json(
        &app,
        &format!("/api/v1/reviews/{review_id}?include=recommendations,decisions,action_plan"),
        &officer,
    )
    .await;

    // The review, as the documents name it.
    let title_line = PLAN
        .lines()
        .find(|l| l.starts_with("ACTION PLAN: "))
        .unwrap();
    assert_eq!(
        title_line,
        format!(
            "ACTION PLAN: Review of {} ({})",
            review["title"].as_str().unwrap(),
            review["review_type_label"].as_str().unwrap()
        )
    );
    assert!(
        section("3. Reasons for the Decision", "4. Alternative").contains(&format!(
            "Scrutiny Work Programme for {}",
            review["work_programme_year"].as_str().unwrap()
        ))
    );
    assert_eq!(review["link_officers"][0]["name"], "Marc Stephenson");
    let committee_path = format!(
        "/api/v1/committees/{}",
        review["committee_id"].as_str().unwrap()
    );
    let committee = get_json(&app, &committee_path, &officer).await;
    assert!(section("1. Title of Item/Report", "2. Record")
        .starts_with(committee["name"].as_str().unwrap()));

    // The Cabinet decision.
    let decision = &review["decisions"][0];
    assert_eq!(items(&review["decisions"]).len(), 1);
    let meeting = DECISION
        .lines()
        .find(|l| l.starts_with("Cabinet Meeting"))
        .unwrap();
    assert_eq!(decision["body"], "Cabinet");
    assert_eq!(meeting, "Cabinet Meeting20th January 2022");
    assert_eq!(decision["meeting_date"], "2022-01-20");
    assert_eq!(
        decision["item_title"],
        section("1. Title of Item/Report", "2. Record")
    );
    assert_eq!(
        decision["decision_text"],
        section("2. Record of the Decision", "RESOLVED that:")
    );
    let resolved = section("RESOLVED that:", "3. Reasons");
    let mut expected = Vec::new();
    for resolution in items(&decision["resolutions"]) {
        expected.push(format!(
            "{}) {}",
            resolution["number"].as_str().unwrap(),
            resolution["text"].as_str().unwrap()
        ));
        for part in items(&resolution["parts"]) {
            expected.push(format!(
                "{}) {}",
                part["label"].as_str().unwrap(),
                part["text"].as_str().unwrap()
            ));
        }
    }
    let paragraphs: Vec<&str> = resolved
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    assert_eq!(paragraphs, expected);
    assert_eq!(items(&decision["resolutions"]).len(), 4);
    assert_eq!(items(&decision["resolutions"][1]["parts"]).len(), 6);
    assert_eq!(items(&decision["resolutions"][2]["parts"]).len(), 2);
    assert_eq!(
        decision["reasons"],
        section("3. Reasons for the Decision", "4. Alternative")
    );
    assert_eq!(
        decision["alternatives"],
        section(
            "4. Alternative Options Considered and Rejected",
            "5. Declared"
        )
    );
    assert_eq!(decision["alternatives"], "None");
    assert_eq!(
        decision["conflicts"],
        section(
            "5. Declared (Cabinet Member) Conflicts of Interest",
            "6. Details"
        )
    );
    assert_eq!(
        decision["dispensations"],
        section("6. Details of any Dispensations", "7. Date and Time")
    );
    assert_eq!(decision["dispensations"], "N/A");
    let call_in = &decision["call_in"];
    assert_eq!(
        call_in["stated_text"],
        section(
            "7. Date and Time by which Call In must be executed",
            "Proper Officer"
        )
    );
    assert_eq!(
        DECISION.trim_end().lines().last().unwrap(),
        "24 January 2022"
    );
    assert_eq!(call_in["published_on"], "2022-01-24");
    assert_eq!(call_in["computed_deadline_local"], "2022-01-28T23:59");
    assert_eq!(call_in["time_zone"], "Europe/London");
    assert_eq!(call_in["agreement"], "agrees");
    assert_eq!(call_in["implementable"], true);
    // Each resolution is mapped to its recommendation and parts.
    for (resolution, recommendation) in items(&decision["resolutions"])
        .iter()
        .zip(items(&review["recommendations"]))
    {
        assert_eq!(resolution["recommendation_id"], recommendation["id"]);
        for (a, b) in items(&resolution["parts"])
            .iter()
            .zip(items(&recommendation["parts"]))
        {
            assert_eq!(a["recommendation_part_id"], b["id"]);
        }
    }

    // The action plan.
    let plan = &review["action_plan"];
    assert_eq!(plan["title"], title_line);
    assert_eq!(plan["agreed_on_display"], "March 2022");
    let rows = plan_rows();
    assert_eq!(rows.len(), 4);
    assert_eq!(items(&plan["actions"]).len(), rows.len());
    for ((row, action), recommendation) in rows
        .iter()
        .zip(items(&plan["actions"]))
        .zip(items(&review["recommendations"]))
    {
        assert_eq!(recommendation["number"], row.number.as_str());
        assert_eq!(action["recommendation_number"], row.number.as_str());
        let mut text = vec![recommendation["text"].as_str().unwrap().to_owned()];
        text.extend(items(&recommendation["parts"]).iter().map(|p| {
            format!(
                "{}) {}",
                p["label"].as_str().unwrap(),
                p["text"].as_str().unwrap()
            )
        }));
        assert_eq!(
            row.recommendation.join(" "),
            text.join(" "),
            "recommendation {}",
            row.number
        );
        assert_eq!(action["proposed_actions"], row.actions.as_str());
        let measures: Vec<&str> = items(&action["success_measures"])
            .iter()
            .map(|m| m.as_str().unwrap())
            .collect();
        assert_eq!(measures.join(" "), row.measures);
        assert_eq!(action["responsibility_text"], row.responsibility.as_str());
        let dates: Vec<&str> = items(&action["milestones"])
            .iter()
            .map(|m| m["text"].as_str().unwrap())
            .collect();
        assert_eq!(
            dates.join(" "),
            row.date,
            "date of recommendation {}",
            row.number
        );
        assert!(
            !items(&action["owners"]).is_empty(),
            "recommendation {} has an owner",
            row.number
        );
    }
    // Recommendation 2's milestones: month precision, labelled.
    let milestones = items(&plan["actions"][1]["milestones"]);
    assert_eq!(milestones[0]["display"], "May 2022");
    assert_eq!(milestones[0]["label"], "Development of protocol");
    assert_eq!(milestones[1]["display"], "September 2022");
    assert_eq!(milestones[1]["label"], "Assessment of protocol");
    assert_eq!(
        plan["actions"][3]["owners"][0]["organisation_name"],
        "Stockton-on-Tees Borough Council"
    );
}

#[tokio::test]
async fn the_seed_review_is_visible_to_the_police_and_not_to_another_partner() {
    let app = TestApp::spawn().await;
    let mut c = conn(&app).await;
    load_demo(&mut c).await.unwrap();
    drop(c);
    let police = app
        .login("contributor@cleveland-police.example", DEMO_PASSWORD)
        .await;
    let reviews = get_json(&app, "/api/v1/reviews", &police).await;
    assert_eq!(items(&reviews["items"]).len(), 1);
    let id = reviews["items"][0]["id"].as_str().unwrap().to_owned();
    let (other, _) = app.user_with_role("contributor").await;
    for path in [
        format!("/api/v1/reviews/{id}"),
        format!("/api/v1/reviews/{id}/action-plan"),
        format!("/api/v1/reviews/{id}/decisions"),
    ] {
        assert_eq!(
            app.get(&path, &police).await.status(),
            StatusCode::OK,
            "{path}"
        );
        problem(app.get(&path, &other).await, StatusCode::NOT_FOUND).await;
    }
    let recs = get_json(&app, "/api/v1/recommendations", &other).await;
    assert!(items(&recs["items"]).is_empty());
    let recs = get_json(
        &app,
        &format!("/api/v1/reviews/{id}/recommendations"),
        &police,
    )
    .await;
    assert_eq!(
        items(&recs["items"]).len(),
        3,
        "the police own actions on recommendations 1-3; the council owns 4"
    );
}
