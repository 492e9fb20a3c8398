//! The action plan in the import's layout (No., Part, Recommendation, Proposed Actions, Success
//! Measures, Responsibility, Date, Status notes; one row per action): what the import reads back.
use crate::access;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::principal::ANY_ROLE;
use crate::views::plans::{load, ActionPlan};
use scrutiny_db::queries::action_plans::{self as plans_q, PlanKey};
use scrutiny_db::queries::imports::{self as q, RecommendationRef};
use scrutiny_db::queries::recommendations as recs_q;
use scrutiny_db::scope::Scope;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::status::{ActionStatus, RecommendationStatus};
use scrutiny_import::{
    ActionPlanImport, ImportedAction, ImportedMilestone, ImportedPart, ImportedRecommendation,
};
use uuid::Uuid;

/// A review's action plan as the import would read it: the recommendations its actions answer
/// (and those of the review without actions), in the review's order, with their parts; withdrawn
/// actions left out. A partner sees the recommendations it is responsible for.
pub async fn export_plan(ctx: &mut Ctx<'_>, review_id: Uuid) -> Result<ActionPlanImport, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    let plan_row = plans_q::find_visible(ctx.db(), PlanKey::Review(review_id), scope)
        .await?
        .ok_or(AppError::NotFound)?;
    let plan = load(ctx.db(), plan_row).await?;
    let recs = q::recommendations_of_review(ctx.db(), review_id).await?;
    plan_for_export(&plan, &recs, scope, ctx.db()).await
}

/// The plan in the import's terms: the recommendations its actions answer (and those of the
/// review without actions), in the review's order, with their parts.
async fn plan_for_export(
    plan: &ActionPlan,
    recs: &[RecommendationRef],
    scope: Scope,
    conn: &mut AsyncPgConnection,
) -> Result<ActionPlanImport, AppError> {
    use scrutiny_domain::dates::PartialDate;
    use scrutiny_domain::records::{parse_owners, OwnerName, PartLabel, RecommendationNumber};
    let mut out = Vec::new();
    for rec in recs
        .iter()
        .filter(|r| r.status != RecommendationStatus::Withdrawn)
    {
        // A partner sees the recommendations it is responsible for, as in the lists.
        let Some(row) = recs_q::find(conn, scope, rec.id).await? else {
            continue;
        };
        let detail = recs_q::detail(conn, row).await?;
        let parts: Vec<ImportedPart> = detail
            .parts
            .iter()
            .filter(|p| p.withdrawn_reason.is_none())
            .filter_map(|p| {
                Some(ImportedPart {
                    label: PartLabel::parse(&p.label).ok()?,
                    text: p.text.clone(),
                })
            })
            .collect();
        let actions = plan
            .actions
            .iter()
            .filter(|a| a.recommendation_id == rec.id && a.status != ActionStatus::Withdrawn)
            .map(|a| {
                let responsibility = a.responsibility_text.clone().unwrap_or_else(|| {
                    if a.responsible_all {
                        "All".to_owned()
                    } else {
                        a.owners
                            .iter()
                            .filter_map(|o| o.contact_name.clone().or(o.organisation_name.clone()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                });
                let mut owners = parse_owners(&responsibility);
                if a.responsible_all {
                    owners = vec![OwnerName::All];
                }
                ImportedAction {
                    part: a
                        .part_label
                        .as_deref()
                        .and_then(|l| PartLabel::parse(l).ok()),
                    proposed_actions: a.proposed_actions.clone(),
                    success_measures: a.success_measures.clone(),
                    responsibility,
                    owners,
                    milestones: a
                        .milestones
                        .iter()
                        .map(|m| ImportedMilestone {
                            date: m
                                .date
                                .as_deref()
                                .and_then(|d| PartialDate::from_iso(d).ok()),
                            label: m.label.clone(),
                        })
                        .collect(),
                    status_notes: a.status_notes.clone(),
                    row: 0,
                }
            })
            .collect();
        let Ok(number) = RecommendationNumber::parse(&rec.number) else {
            continue;
        };
        out.push(ImportedRecommendation {
            number,
            text: rec.text.clone(),
            parts,
            actions,
            row: 0,
        });
    }
    Ok(ActionPlanImport {
        title: plan.title.clone(),
        recommendations: out,
    })
}
