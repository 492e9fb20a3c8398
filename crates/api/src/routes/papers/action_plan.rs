//! `GET /reviews/{review_id}/papers/action-plan.{format}`: the action plan as a committee paper.
use super::{
    milestones_of, paper_response, parse_appendix, parse_format, parts_of, render,
    responsibility_of, review_line, FileBytes, PaperQuery,
};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::papers::{self as uc, ActionPlanSources};
use scrutiny_app::Ctx;
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::status::ActionStatus;
use scrutiny_domain::status::RecommendationStatus;
use scrutiny_papers::{ActionPlanPaper, PlanAction, PlanRecommendation};
use uuid::Uuid;

fn action_plan_paper(src: &ActionPlanSources, appendix: Option<String>) -> ActionPlanPaper {
    let ActionPlanSources {
        info,
        plan,
        recommendations,
    } = src;
    let title = plan
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| format!("ACTION PLAN: Review of {}", review_line(&info.review)));
    ActionPlanPaper {
        appendix,
        title,
        council: Some(info.council.clone()).filter(|c| !c.is_empty()),
        committee: Some(info.committee.clone()).filter(|c| !c.is_empty()),
        agreed: plan
            .agreed_on
            .as_deref()
            .and_then(|d| PartialDate::from_iso(d).ok()),
        recommendations: recommendations
            .iter()
            .filter(|d| d.recommendation.status != RecommendationStatus::Withdrawn)
            .map(|d| PlanRecommendation {
                number: d.recommendation.number.clone(),
                text: d.recommendation.text.clone(),
                parts: parts_of(d),
                actions: plan
                    .actions
                    .iter()
                    .filter(|a| {
                        a.recommendation_id == d.recommendation.id
                            && a.status != ActionStatus::Withdrawn
                    })
                    .map(|a| PlanAction {
                        part_label: a.part_label.clone(),
                        proposed_actions: a.proposed_actions.clone(),
                        notes: a.status_notes.clone(),
                        success_measures: a.success_measures.clone(),
                        responsibility: responsibility_of(a),
                        milestones: milestones_of(a),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The review's action plan as a committee paper (the seed's Appendix 1): landscape, one table
/// (No. / Recommendation / Proposed Actions / Success Measures / Responsibility / Date) whose
/// header row repeats on every page. Dates read as the plan gives them ("April 2022"). `format`
/// is `docx`, `pdf` or `html`.
#[utoipa::path(
    tag = "papers",
    params(
        ("review_id" = Uuid, Path, description = "Review id"),
        ("format" = String, Path, description = "docx, pdf or html"),
        PaperQuery
    ),
    responses(
        (status = 200, description = "The paper (DOCX, PDF or HTML) with its file name in Content-Disposition", content(
            (FileBytes = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (FileBytes = "application/pdf"),
            (String = "text/html")
        )),
        ReadErrors
    ),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/papers/action-plan.{format}")]
pub async fn action_plan_paper_file(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    path: web::Path<(Uuid, String)>,
    query: web::Query<PaperQuery>,
) -> Result<HttpResponse, ApiError> {
    let (review_id, format) = path.into_inner();
    let format = parse_format(&format)?;
    let appendix = parse_appendix(query.appendix.as_deref())?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let sources = uc::action_plan(&mut ctx, review_id).await?;
    drop(ctx);
    let paper = action_plan_paper(&sources, appendix);
    let agreed = paper.agreed.map(|d| d.to_string()).unwrap_or_default();
    let bytes = render(paper, format, scrutiny_papers::render_action_plan).await?;
    Ok(paper_response(
        bytes,
        format,
        &["Action plan", &sources.info.review.title, &agreed],
    ))
}
