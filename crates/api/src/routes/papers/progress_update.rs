//! `GET /progress-rounds/{id}/papers/progress-update.{format}`: a round's progress update.
use super::{
    milestones_of, paper_response, parse_appendix, parse_format, parts_of, render,
    responsibility_of, review_line, FileBytes, PaperQuery,
};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::papers::{self as uc, ProgressSources};
use scrutiny_app::views::actions::Action;
use scrutiny_app::views::progress::ProgressEntry;
use scrutiny_app::Ctx;
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::progress::{GradeCode, Impact};
use scrutiny_domain::status::ActionStatus;
use scrutiny_papers::{
    Assessment, ProgressRecommendation, ProgressUpdatePaper, DEFAULT_PROGRESS_INTRODUCTION,
};
use std::collections::HashMap;
use uuid::Uuid;

fn code(raw: Option<&str>) -> Option<GradeCode> {
    raw.and_then(|c| GradeCode::parse(c).ok())
}

fn assessment_of(entry: &ProgressEntry, attachments: &HashMap<Uuid, Vec<String>>) -> Assessment {
    let impact = match entry.impact.kind.as_str() {
        "evidence" => entry
            .impact
            .text
            .as_deref()
            .map_or(Impact::NotRecorded, Impact::parse),
        "none_undertaken" => Impact::NoneUndertaken,
        _ => Impact::NotRecorded,
    };
    Assessment {
        part_label: entry.part.as_ref().map(|p| p.label.clone()),
        progress: entry.progress.clone(),
        grade: code(entry.grades.current.as_ref().map(|g| g.code.as_str())),
        explanation: entry.proposed_explanation.clone(),
        proposed_grade: code(entry.grades.proposed.as_ref().map(|g| g.code.as_str())),
        impact,
        attachments: attachments.get(&entry.id).cloned().unwrap_or_default(),
    }
}

fn progress_paper(src: &ProgressSources, appendix: Option<String>) -> ProgressUpdatePaper {
    let ProgressSources {
        info,
        round,
        plan,
        recommendations,
        entries,
        attachments,
        grade_scale,
    } = src;
    let plan = plan.as_ref();
    let review = review_line(&info.review);
    let no_actions: Vec<Action> = Vec::new();
    let actions = plan.map_or(&no_actions, |p| &p.actions);
    ProgressUpdatePaper {
        appendix,
        title: format!("PROGRESS UPDATE: Review of {review}"),
        review,
        link_officers: info.link_officers.clone(),
        action_plan_agreed: plan
            .and_then(|p| p.agreed_on.as_deref())
            .and_then(|d| PartialDate::from_iso(d).ok()),
        round_label: round.label.clone(),
        introduction: Some(DEFAULT_PROGRESS_INTRODUCTION.to_owned()),
        grade_scale: grade_scale.clone(),
        recommendations: recommendations
            .iter()
            .filter_map(|d| {
                let id = d.recommendation.id;
                let mut assessments: Vec<&ProgressEntry> = entries
                    .iter()
                    .filter(|e| e.recommendation.id == id)
                    .collect();
                if assessments.is_empty() {
                    return None;
                }
                // The whole recommendation's entry first, then its parts' in order.
                assessments.sort_by_key(|e| e.part.is_some());
                let own: Vec<&Action> = actions
                    .iter()
                    .filter(|a| a.recommendation_id == id && a.status != ActionStatus::Withdrawn)
                    .collect();
                let mut owners: Vec<String> = Vec::new();
                for a in &own {
                    let r = responsibility_of(a);
                    if !r.is_empty() && !owners.contains(&r) {
                        owners.push(r);
                    }
                }
                Some(ProgressRecommendation {
                    number: d.recommendation.number.clone(),
                    text: d.recommendation.text.clone(),
                    parts: parts_of(d),
                    responsibility: owners.join("; "),
                    milestones: own.iter().flat_map(|a| milestones_of(a)).collect(),
                    agreed_actions: own.iter().map(|a| a.proposed_actions.clone()).collect(),
                    agreed_success_measures: own
                        .iter()
                        .flat_map(|a| a.success_measures.clone())
                        .collect(),
                    assessments: assessments
                        .into_iter()
                        .map(|e| assessment_of(e, attachments))
                        .collect(),
                })
            })
            .collect(),
    }
}

/// The progress update of a round as a committee paper (the seed's layout): the header block
/// (review, link officers, when the action plan was agreed), one block per recommendation
/// (responsibility, dates, agreed action and success measure, evidence of progress with its
/// bullets, the assessment and its explanation, evidence of impact), how many recommendations
/// have each grade, and the council's grading key. Partners get their own organisation's
/// entries; viewers the accepted ones.
#[utoipa::path(
    tag = "papers",
    params(
        ("id" = Uuid, Path, description = "Progress round id"),
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
#[get("/progress-rounds/{id}/papers/progress-update.{format}")]
pub async fn progress_update_paper_file(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    path: web::Path<(Uuid, String)>,
    query: web::Query<PaperQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, format) = path.into_inner();
    let format = parse_format(&format)?;
    let appendix = parse_appendix(query.appendix.as_deref())?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let sources = uc::progress_update(&mut ctx, id).await?;
    drop(ctx);
    let paper = progress_paper(&sources, appendix);
    let bytes = render(paper, format, scrutiny_papers::render_progress_update).await?;
    Ok(paper_response(
        bytes,
        format,
        &[
            "Progress update",
            &sources.info.review.title,
            &sources.round.label,
        ],
    ))
}
