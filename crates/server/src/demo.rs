//! The demo data set: one real cycle of the work, the Stockton-on-Tees review of police
//! communications (Cabinet decision of 20 January 2022, action plan agreed March 2022), loaded from
//! `demo/police-communications.json`. Loading is idempotent: a review that is already there is left
//! as it is.
//!
//! The records go through the application's use cases, as the demo user who would make them in
//! real life (the council's scrutiny officer records the committee, the link officer, the review,
//! its recommendations, Cabinet's decision and the action plan), so that they meet the same rules
//! as a user's and are audited with that user as their actor. Only the organisations and the
//! accounts themselves are set up by the system (see [`crate::accounts`]).
use crate::accounts::{ensure_organisation, AccountError, DEMO_OFFICER};
use chrono::NaiveDate;
use scrutiny_app::actions::{AddAction, MilestoneInput, OwnerInput};
use scrutiny_app::committees::CreateCommittee;
use scrutiny_app::contacts::CreateContact;
use scrutiny_app::decisions::{
    CreateDecision, ResolutionInput, ResolutionPartInput, StatedCallIn, TransitionCallIn,
};
use scrutiny_app::plans::{ChangePlan, PutPlan};
use scrutiny_app::recommendations::{CreateRecommendation, NewPartText};
use scrutiny_app::reviews::CreateReview;
use scrutiny_app::views::recommendations::Recommendation;
use scrutiny_app::{ActorKind, Ctx, Precondition, Principal};
use scrutiny_db::queries::{committees, contacts, reviews, users};
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::dates::parse_milestones;
use scrutiny_domain::people::OrganisationKind;
use scrutiny_domain::records::{parse_owners_with, OwnerName};
use serde::Deserialize;

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
    /// The status the review is recorded in (after the fact: the plan is agreed).
    pub status: scrutiny_domain::records::ReviewStatus,
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
    pub status: scrutiny_domain::status::PlanStatus,
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

/// Letters and digits only, lower case: "Stockton on Tees Borough Council" matches
/// "Stockton-on-Tees Borough Council".
fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The principal a demo account acts as, built from its rows as signing in would build it: the
/// account must exist and be active.
pub async fn principal_of(
    conn: &mut AsyncPgConnection,
    email: &str,
) -> Result<Principal, AccountError> {
    let missing = || invalid("account", format!("the demo account {email} is not there"));
    let user = users::find_by_email(conn, email)
        .await?
        .ok_or_else(missing)?;
    let (user, org) = users::find_with_organisation(conn, user.id)
        .await?
        .ok_or_else(missing)?;
    if !user.active {
        return Err(invalid(
            "account",
            format!("the demo account {email} is not active"),
        ));
    }
    Ok(Principal {
        kind: ActorKind::User,
        id: user.id,
        name: user.name,
        role: user.role.parse().map_err(|e| invalid("role", e))?,
        organisation_id: org.id.into(),
        organisation_kind: org.kind.parse().map_err(|e| invalid("kind", e))?,
        organisation_name: org.name,
        email: Some(user.email),
    })
}

/// Loads the review when it is not there yet; answers whether it was loaded. The demo accounts
/// must be there (see [`crate::accounts::load_demo`]).
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
    let officer = principal_of(conn, DEMO_OFFICER).await?;
    if officer.organisation_id.as_uuid() != council.id {
        return Err(invalid(
            "account",
            format!(
                "the demo account {DEMO_OFFICER} is not an officer of {}",
                data.council
            ),
        ));
    }
    let mut ctx = Ctx::borrowed(conn, officer);

    // The committee and the link officers, when the council does not have them yet.
    let committee = match committees::find_by_name(ctx.db(), council.id, &data.committee).await? {
        Some(c) => c.id,
        None => {
            scrutiny_app::committees::create(
                &mut ctx,
                CreateCommittee {
                    name: data.committee.clone(),
                    description: None,
                    update_interval_months: None,
                },
            )
            .await?
            .id
        }
    };
    let mut link_officer_ids = Vec::new();
    for name in &data.review.link_officers {
        let id = match contacts::find_by_name(ctx.db(), council.id, name, Some(council.id)).await? {
            Some(c) => c.id,
            None => {
                scrutiny_app::contacts::create(
                    &mut ctx,
                    CreateContact {
                        name: name.clone(),
                        job_title: Some("Scrutiny Officer".to_owned()),
                        email: None,
                        phone: None,
                        organisation_id: Some(council.id),
                        user_id: None,
                    },
                )
                .await?
                .id
            }
        };
        link_officer_ids.push(id);
    }

    // The review, recorded after the fact in the status the data gives.
    let r = &data.review;
    let review = scrutiny_app::reviews::create(
        &mut ctx,
        CreateReview {
            committee_id: committee,
            title: r.title.clone(),
            review_type: r.review_type.clone(),
            work_programme_year: Some(r.work_programme_year.clone()),
            scrutiny_officer_id: None,
            link_officer_ids,
            summary: None,
            status: Some(r.status),
            reference: None,
        },
    )
    .await?;

    // Recommendations and their parts, as the action plan words them.
    let mut recommendations: Vec<Recommendation> = Vec::new();
    for rec in &data.recommendations {
        let created = scrutiny_app::recommendations::create(
            &mut ctx,
            CreateRecommendation {
                review_id: review.id,
                number: rec.number.clone(),
                text: rec.text.clone(),
                parts: rec
                    .parts
                    .iter()
                    .map(|p| NewPartText {
                        label: p.label.clone(),
                        text: p.text.clone(),
                    })
                    .collect(),
                split_parts: false,
            },
        )
        .await?;
        recommendations.push(created);
    }
    let recommendation = |number: &str| recommendations.iter().find(|r| r.number == number);

    // Cabinet's decision, each resolution mapped to its recommendation and parts; the call-in
    // period is computed from the council's calendar, and has long expired.
    let d = &data.decision;
    let resolutions = d
        .resolutions
        .iter()
        .map(|resolution| {
            let rec = recommendation(&resolution.number);
            ResolutionInput {
                number: resolution.number.clone(),
                text: resolution.text.clone(),
                recommendation_id: rec.map(|r| r.id),
                parts: resolution
                    .parts
                    .iter()
                    .map(|part| ResolutionPartInput {
                        label: part.label.clone(),
                        text: part.text.clone(),
                        recommendation_part_id: rec.and_then(|r| {
                            r.parts.iter().find(|p| p.label == part.label).map(|p| p.id)
                        }),
                    })
                    .collect(),
            }
        })
        .collect();
    let decision = scrutiny_app::decisions::create(
        &mut ctx,
        CreateDecision {
            review_id: review.id,
            body: d.body.clone(),
            meeting_date: d.meeting_date.to_string(),
            item_title: d.item_title.clone(),
            decision_text: Some(d.decision_text.clone()),
            resolutions,
            reasons: Some(d.reasons.clone()),
            alternatives: Some(d.alternatives.clone()),
            conflicts: Some(d.conflicts.clone()),
            dispensations: Some(d.dispensations.clone()),
            reference: None,
            key_decision: None,
            published_on: Some(d.published_on.to_string()),
            stated_call_in: Some(StatedCallIn {
                text: d.stated_call_in_text.clone(),
                deadline: None,
            }),
        },
    )
    .await?;
    scrutiny_app::decisions::transition_call_in(
        &mut ctx,
        TransitionCallIn {
            id: decision.id,
            precondition: Precondition::version(decision.version),
            to: scrutiny_domain::records::CallInState::Expired,
            note: None,
        },
    )
    .await?;

    // The action plan: drafted, its actions added with their owners and milestones as the
    // document gives them, then agreed on the date the committee agreed it.
    let p = &data.action_plan;
    let plan = scrutiny_app::plans::put(
        &mut ctx,
        PutPlan {
            review_id: review.id,
            title: Some(p.title.clone()),
            agreed_on: None,
            status: None,
            call_in_override_reason: None,
        },
    )
    .await?
    .plan;
    let known: Vec<&str> = organisations.iter().map(|o| o.name.as_str()).collect();
    for a in &p.actions {
        let recommendation_id = recommendation(&a.recommendation)
            .ok_or_else(|| invalid("recommendation", &a.recommendation))?
            .id;
        let named = parse_owners_with(&a.responsibility_text, &known);
        let mut owners = Vec::new();
        for owner in named.iter().filter_map(OwnerName::name) {
            let org = organisations
                .iter()
                .find(|o| loose(&o.name) == loose(owner))
                .ok_or_else(|| {
                    invalid("responsibility", format!("no organisation named {owner}"))
                })?;
            owners.push(OwnerInput {
                organisation_id: Some(org.id),
                contact_id: None,
            });
        }
        let milestones = parse_milestones(&a.date_text)
            .map_err(|e| invalid("date", e))?
            .into_iter()
            .map(|m| MilestoneInput {
                date: m.date.map(|d| d.to_iso()),
                label: m.label,
                completed_on: None,
            })
            .collect();
        scrutiny_app::actions::create(
            &mut ctx,
            AddAction {
                plan_id: plan.id,
                recommendation_id,
                proposed_actions: a.proposed_actions.clone(),
                success_measures: a.success_measures.clone(),
                owners,
                responsible_all: named.iter().any(OwnerName::is_all),
                responsibility_text: Some(a.responsibility_text.clone()),
                milestones,
                ..Default::default()
            },
        )
        .await?;
    }
    let drafted = scrutiny_app::plans::get(&mut ctx, plan.id).await?;
    scrutiny_app::plans::update(
        &mut ctx,
        ChangePlan {
            id: plan.id,
            if_match: Precondition::version(drafted.version),
            title: None,
            agreed_on: Some(Some(p.agreed_on.clone())),
            status: Some(p.status),
            amendment_reason: None,
            call_in_override_reason: None,
        },
    )
    .await?;
    Ok(true)
}
