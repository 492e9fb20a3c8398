//! The demo data set: one real cycle of the work, the Stockton-on-Tees review of police
//! communications (Cabinet decision of 20 January 2022, action plan agreed March 2022), loaded from
//! `demo/police-communications.json`. Loading is idempotent: a review that is already there is left
//! as it is. Every record written is audited with the system as its actor.
use crate::accounts::{ensure_organisation, AccountError};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use scrutiny_api::audit;
use scrutiny_db::queries::{audit as audit_q, committees, contacts, reviews};
use scrutiny_db::schema::{
    action_owners, action_plans, actions, decision_resolution_parts, decision_resolutions,
    decisions, milestones, recommendation_parts, recommendations, review_link_officers,
};
use scrutiny_domain::dates::{parse_milestones, PartialDate, Precision};
use scrutiny_domain::people::OrganisationKind;
use scrutiny_domain::records::{parse_owners_with, OwnerName};
use serde::Deserialize;
use uuid::Uuid;

pub const POLICE_COMMUNICATIONS: &str = include_str!("../demo/police-communications.json");

#[derive(Debug, Deserialize)]
pub struct DemoReview {
    pub council: String,
    pub partners: Vec<Partner>,
    pub committee: String,
    pub review: ReviewData,
    pub recommendations: Vec<RecommendationData>,
    pub decision: DecisionData,
    pub action_plan: PlanData,
    pub progress: crate::demo_progress::ProgressData,
}

#[derive(Debug, Deserialize)]
pub struct Partner {
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Deserialize)]
pub struct ReviewData {
    pub title: String,
    pub review_type: String,
    pub work_programme_year: String,
    pub link_officers: Vec<String>,
    pub status: String,
}

#[derive(Debug, Deserialize)]
pub struct RecommendationData {
    pub number: String,
    pub text: String,
    pub parts: Vec<PartData>,
}

#[derive(Debug, Deserialize)]
pub struct PartData {
    pub label: String,
    pub text: String,
}

#[derive(Debug, Deserialize)]
pub struct ResolutionData {
    pub number: String,
    pub text: String,
    pub parts: Vec<PartData>,
}

#[derive(Debug, Deserialize)]
pub struct DecisionData {
    pub body: String,
    pub meeting_date: NaiveDate,
    pub item_title: String,
    pub decision_text: String,
    pub resolutions: Vec<ResolutionData>,
    pub reasons: String,
    pub alternatives: String,
    pub conflicts: String,
    pub dispensations: String,
    pub stated_call_in_text: String,
    pub published_on: NaiveDate,
}

#[derive(Debug, Deserialize)]
pub struct PlanData {
    pub title: String,
    pub agreed_on: String,
    pub status: String,
    pub actions: Vec<ActionData>,
}

#[derive(Debug, Deserialize)]
pub struct ActionData {
    pub recommendation: String,
    pub proposed_actions: String,
    pub success_measures: Vec<String>,
    pub responsibility_text: String,
    pub date_text: String,
}

pub fn police_communications() -> DemoReview {
    serde_json::from_str(POLICE_COMMUNICATIONS).expect("the demo data set parses")
}

fn invalid(field: &'static str, message: impl ToString) -> AccountError {
    AccountError::Invalid {
        field,
        message: message.to_string(),
    }
}

async fn record(
    conn: &mut AsyncPgConnection,
    action: &str,
    entity_type: &str,
    id: Uuid,
) -> Result<(), AccountError> {
    audit_q::record(
        conn,
        &audit::event_by("system", None, "demo data", action, entity_type, id, None),
    )
    .await?;
    Ok(())
}

/// Letters and digits only, lower case: "Stockton on Tees Borough Council" matches
/// "Stockton-on-Tees Borough Council".
fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Loads the review when it is not there yet; answers whether it was loaded.
pub async fn load_review(
    conn: &mut AsyncPgConnection,
    data: &DemoReview,
) -> Result<bool, AccountError> {
    let council = ensure_organisation(conn, &data.council, OrganisationKind::Council, true).await?;
    if reviews::find_by_title(conn, council.id, &data.review.title)
        .await?
        .is_some()
    {
        return Ok(false);
    }
    let mut organisations = vec![council.clone()];
    for partner in &data.partners {
        let kind: OrganisationKind = partner.kind.parse().map_err(|e| invalid("kind", e))?;
        organisations.push(ensure_organisation(conn, &partner.name, kind, true).await?);
    }

    let committee = match committees::find_by_name(conn, council.id, &data.committee).await? {
        Some(c) => c,
        None => {
            let c = committees::insert(
                conn,
                &committees::NewCommittee {
                    id: Uuid::now_v7(),
                    council_id: council.id,
                    name: &data.committee,
                    description: None,
                    update_interval_months: 6,
                },
            )
            .await?;
            record(conn, "committee.created", "committee", c.id).await?;
            c
        }
    };

    let review = reviews::insert(
        conn,
        &reviews::NewReview {
            id: Uuid::now_v7(),
            council_id: council.id,
            committee_id: committee.id,
            title: &data.review.title,
            review_type: &data.review.review_type,
            work_programme_year: Some(&data.review.work_programme_year),
            status: &data.review.status,
            scrutiny_officer_id: None,
            summary: None,
        },
    )
    .await?;
    record(conn, "review.created", "review", review.id).await?;
    for (i, name) in data.review.link_officers.iter().enumerate() {
        let contact = match contacts::find_by_name(conn, name, Some(council.id)).await? {
            Some(c) => c,
            None => {
                let c = contacts::insert(
                    conn,
                    &scrutiny_db::models::NewContact {
                        id: Uuid::now_v7(),
                        name,
                        job_title: Some("Scrutiny Officer"),
                        email: None,
                        phone: None,
                        organisation_id: Some(council.id),
                        user_id: None,
                    },
                )
                .await?;
                record(conn, "contact.created", "contact", c.id).await?;
                c
            }
        };
        diesel::insert_into(review_link_officers::table)
            .values((
                review_link_officers::review_id.eq(review.id),
                review_link_officers::contact_id.eq(contact.id),
                review_link_officers::position.eq(i as i32),
            ))
            .execute(conn)
            .await?;
    }

    // Recommendations and their parts, as the action plan words them.
    let mut recommendation_ids = Vec::new();
    let mut part_ids: Vec<(String, String, Uuid)> = Vec::new();
    for (position, rec) in data.recommendations.iter().enumerate() {
        let id = Uuid::now_v7();
        diesel::insert_into(recommendations::table)
            .values((
                recommendations::id.eq(id),
                recommendations::council_id.eq(council.id),
                recommendations::review_id.eq(review.id),
                recommendations::number.eq(&rec.number),
                recommendations::position.eq(position as i32 + 1),
                recommendations::text.eq(&rec.text),
            ))
            .execute(conn)
            .await?;
        record(conn, "recommendation.created", "recommendation", id).await?;
        recommendation_ids.push((rec.number.clone(), id));
        for (i, part) in rec.parts.iter().enumerate() {
            let part_id = Uuid::now_v7();
            diesel::insert_into(recommendation_parts::table)
                .values((
                    recommendation_parts::id.eq(part_id),
                    recommendation_parts::recommendation_id.eq(id),
                    recommendation_parts::label.eq(&part.label),
                    recommendation_parts::position.eq(i as i32 + 1),
                    recommendation_parts::text.eq(&part.text),
                ))
                .execute(conn)
                .await?;
            record(
                conn,
                "recommendation_part.created",
                "recommendation_part",
                part_id,
            )
            .await?;
            part_ids.push((rec.number.clone(), part.label.clone(), part_id));
        }
    }
    let recommendation = |number: &str| {
        recommendation_ids
            .iter()
            .find(|(n, _)| n == number)
            .map(|(_, id)| *id)
    };

    // Cabinet's decision, with the call-in period computed from the council's calendar.
    let d = &data.decision;
    let settings = scrutiny_api::routes::calendars::effective_settings(conn, council.id)
        .await
        .map_err(|e| invalid("decision", e))?;
    let computed =
        scrutiny_api::routes::calendars::call_in_deadline(conn, &settings, d.published_on)
            .await
            .map_err(|e| invalid("decision", e))?;
    let stated = scrutiny_api::routes::decisions::read_stated_deadline(
        &d.stated_call_in_text,
        &settings.rule,
    );
    let decision_id = Uuid::now_v7();
    diesel::insert_into(decisions::table)
        .values((
            decisions::id.eq(decision_id),
            decisions::council_id.eq(council.id),
            decisions::review_id.eq(review.id),
            decisions::body.eq(&d.body),
            decisions::meeting_date.eq(d.meeting_date),
            decisions::item_title.eq(&d.item_title),
            decisions::decision_text.eq(&d.decision_text),
            decisions::reasons.eq(&d.reasons),
            decisions::alternatives.eq(&d.alternatives),
            decisions::conflicts.eq(&d.conflicts),
            decisions::dispensations.eq(&d.dispensations),
            decisions::published_on.eq(d.published_on),
            decisions::stated_call_in_text.eq(&d.stated_call_in_text),
            decisions::stated_call_in_deadline.eq(stated),
            decisions::computed_call_in_deadline.eq(computed),
            decisions::call_in_state.eq("expired"),
            decisions::call_in_state_changed_at.eq(computed),
        ))
        .execute(conn)
        .await?;
    record(conn, "decision.created", "decision", decision_id).await?;
    for (position, resolution) in d.resolutions.iter().enumerate() {
        let id = Uuid::now_v7();
        diesel::insert_into(decision_resolutions::table)
            .values((
                decision_resolutions::id.eq(id),
                decision_resolutions::decision_id.eq(decision_id),
                decision_resolutions::number.eq(&resolution.number),
                decision_resolutions::position.eq(position as i32 + 1),
                decision_resolutions::text.eq(&resolution.text),
                decision_resolutions::recommendation_id.eq(recommendation(&resolution.number)),
            ))
            .execute(conn)
            .await?;
        for (i, part) in resolution.parts.iter().enumerate() {
            let part_id = part_ids
                .iter()
                .find(|(n, l, _)| n == &resolution.number && l == &part.label)
                .map(|(_, _, id)| *id);
            diesel::insert_into(decision_resolution_parts::table)
                .values((
                    decision_resolution_parts::id.eq(Uuid::now_v7()),
                    decision_resolution_parts::resolution_id.eq(id),
                    decision_resolution_parts::label.eq(&part.label),
                    decision_resolution_parts::position.eq(i as i32 + 1),
                    decision_resolution_parts::text.eq(&part.text),
                    decision_resolution_parts::recommendation_part_id.eq(part_id),
                ))
                .execute(conn)
                .await?;
        }
    }

    // The action plan, its actions, owners and milestones as the document gives them.
    let p = &data.action_plan;
    let agreed = PartialDate::parse(&p.agreed_on).map_err(|e| invalid("agreed_on", e))?;
    let plan_id = Uuid::now_v7();
    diesel::insert_into(action_plans::table)
        .values((
            action_plans::id.eq(plan_id),
            action_plans::council_id.eq(council.id),
            action_plans::review_id.eq(review.id),
            action_plans::title.eq(&p.title),
            action_plans::agreed_on.eq(agreed.first_day()),
            action_plans::agreed_on_precision.eq(precision(&agreed)),
            action_plans::status.eq(&p.status),
        ))
        .execute(conn)
        .await?;
    record(conn, "action_plan.created", "action_plan", plan_id).await?;
    let known: Vec<&str> = organisations.iter().map(|o| o.name.as_str()).collect();
    for (position, a) in p.actions.iter().enumerate() {
        let recommendation_id = recommendation(&a.recommendation)
            .ok_or_else(|| invalid("recommendation", &a.recommendation))?;
        let owners = parse_owners_with(&a.responsibility_text, &known);
        let action_id = Uuid::now_v7();
        diesel::insert_into(actions::table)
            .values((
                actions::id.eq(action_id),
                actions::council_id.eq(council.id),
                actions::plan_id.eq(plan_id),
                actions::review_id.eq(review.id),
                actions::recommendation_id.eq(recommendation_id),
                actions::position.eq(position as i32 + 1),
                actions::proposed_actions.eq(&a.proposed_actions),
                actions::success_measures.eq(&a.success_measures),
                actions::responsibility_text.eq(&a.responsibility_text),
                actions::responsible_all.eq(owners.iter().any(OwnerName::is_all)),
            ))
            .execute(conn)
            .await?;
        record(conn, "action.created", "action", action_id).await?;
        for (owner_position, owner) in owners.iter().filter_map(OwnerName::name).enumerate() {
            let org = organisations
                .iter()
                .find(|o| loose(&o.name) == loose(owner))
                .ok_or_else(|| {
                    invalid("responsibility", format!("no organisation named {owner}"))
                })?;
            diesel::insert_into(action_owners::table)
                .values((
                    action_owners::action_id.eq(action_id),
                    action_owners::position.eq(owner_position as i32),
                    action_owners::organisation_id.eq(org.id),
                ))
                .execute(conn)
                .await?;
        }
        let parsed = parse_milestones(&a.date_text).map_err(|e| invalid("date", e))?;
        for (i, m) in parsed.iter().enumerate() {
            diesel::insert_into(milestones::table)
                .values((
                    milestones::id.eq(Uuid::now_v7()),
                    milestones::action_id.eq(action_id),
                    milestones::position.eq(i as i32 + 1),
                    milestones::due_on.eq(m.date.map(|d| d.first_day())),
                    milestones::due_precision.eq(m.date.as_ref().map(precision)),
                    milestones::due_by.eq(m.date.map(|d| d.last_day())),
                    milestones::label.eq(&m.label),
                ))
                .execute(conn)
                .await?;
        }
    }
    Ok(true)
}

fn precision(date: &PartialDate) -> &'static str {
    match date.precision() {
        Precision::Month => "month",
        Precision::Day => "day",
    }
}
