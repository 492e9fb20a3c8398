//! Committee papers made from the records: the action plan (Appendix 1), the progress update of
//! a round and the record of a decision, as DOCX, PDF or printable HTML (`scrutiny-papers`
//! renders them). Each shows what the caller may read through the list and detail endpoints:
//! a partner's paper holds the recommendations and progress entries of its own organisation,
//! a viewer's progress update the accepted entries.
use crate::access;
use crate::auth::principal::ANY_ROLE;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::progress::round_for_read;
use scrutiny_app::progress::{self as entries, ProgressEntry};
use scrutiny_app::views::actions::Action;
use scrutiny_app::views::calendars;
use scrutiny_app::views::plans::{self as action_plans, ActionPlan};
use scrutiny_db::queries::action_plans::{self as plans_q, PlanKey};
use scrutiny_db::queries::{
    attachments as attachments_q, committees as committees_q, decisions as decisions_q,
    organisations as organisations_q, progress as progress_q, recommendations as recs_q,
    reviews as reviews_q,
};
use scrutiny_db::scope::Scope;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::dates::{Milestone, PartialDate};
use scrutiny_domain::progress::{GradeCode, Impact};
use scrutiny_domain::records::ReviewType;
use scrutiny_papers::{
    ActionPlanPaper, Assessment, DecisionRecordPaper, Format, PaperPart, PaperResolution,
    PlanAction, PlanRecommendation, ProgressRecommendation, ProgressUpdatePaper,
    DEFAULT_PROGRESS_INTRODUCTION,
};
use serde::Deserialize;
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// The bytes of a file (a DOCX, PDF or XLSX).
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)] // Only its schema is used.
pub struct FileBytes(Vec<u8>);

/// Options of a paper.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaperQuery {
    /// Print the paper as an appendix of a committee report: `1` gives "APPENDIX 1" above the
    /// title. Letters and digits, at most 10.
    #[param(example = "1")]
    pub appendix: Option<String>,
}

fn parse_appendix(raw: Option<&str>) -> Result<Option<String>, ApiError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(a) if a.len() <= 10 && a.chars().all(|c| c.is_ascii_alphanumeric()) => {
            Ok(Some(format!("APPENDIX {}", a.to_uppercase())))
        }
        Some(_) => Err(ApiError::invalid(
            "appendix",
            "must be letters and digits only, at most 10 (such as 1 or A)",
        )),
    }
}

/// The format a path ends with; any other extension is a resource that does not exist.
fn parse_format(raw: &str) -> Result<Format, ApiError> {
    Format::from_extension(raw).ok_or(ApiError::NotFound)
}

/// The review as papers name it: "Police Communications in Stockton-on-Tees (Task & Finish)".
fn review_line(review: &reviews_q::Review) -> String {
    match ReviewType::parse(&review.review_type) {
        Ok(ReviewType::Other) | Err(_) => review.title.trim().to_owned(),
        Ok(t) => format!("{} ({})", review.title.trim(), t.label()),
    }
}

/// The paper as a response: its content type, and its file name in `Content-Disposition`
/// (ASCII in `filename`, UTF-8 in `filename*`). HTML opens in the browser, ready to print,
/// under a policy that lets it run nothing; the other formats download.
pub(crate) fn file_response(
    bytes: Vec<u8>,
    content_type: &str,
    name_parts: &[&str],
    extension: &str,
    inline: bool,
) -> HttpResponse {
    let name = scrutiny_papers::file_name(name_parts, extension);
    let ascii = scrutiny_papers::ascii_file_name(&name);
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!(
        "{}; filename=\"{}\"; filename*=UTF-8''{encoded}",
        if inline { "inline" } else { "attachment" },
        ascii.replace('"', "'")
    );
    let mut builder = HttpResponse::Ok();
    builder
        .content_type(content_type)
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    if inline {
        builder.insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'",
        ));
    }
    builder.body(bytes)
}

/// Renders off the async workers (a PDF takes tens of milliseconds).
async fn render<P, F>(paper: P, format: Format, f: F) -> Result<Vec<u8>, ApiError>
where
    P: Send + 'static,
    F: FnOnce(&P, Format) -> Result<Vec<u8>, scrutiny_papers::PaperError> + Send + 'static,
{
    web::block(move || f(&paper, format))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)
}

fn paper_response(bytes: Vec<u8>, format: Format, name_parts: &[&str]) -> HttpResponse {
    file_response(
        bytes,
        format.content_type(),
        name_parts,
        format.extension(),
        format == Format::Html,
    )
}

// ---- shared loading ------------------------------------------------------------------------------

/// Every recommendation of a review the scope may see, in order, with parts and actions.
async fn recommendations_of(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    review_id: Uuid,
) -> Result<Vec<recs_q::RecommendationDetail>, ApiError> {
    let filter = recs_q::Filter {
        review_id: Some(review_id),
        ..Default::default()
    };
    let mut out: Vec<recs_q::RecommendationDetail> = Vec::new();
    loop {
        let after = out.last().map(|d| recs_q::After::Position {
            review_id: d.recommendation.review_id,
            position: d.recommendation.position,
            id: d.recommendation.id,
        });
        let (page, more) = recs_q::load_page(conn, scope, &filter, after.as_ref(), 200).await?;
        out.extend(page);
        if !more {
            return Ok(out);
        }
    }
}

fn parts_of(detail: &recs_q::RecommendationDetail) -> Vec<PaperPart> {
    detail
        .parts
        .iter()
        .filter(|p| p.withdrawn_reason.is_none())
        .map(|p| PaperPart::new(&p.label, &p.text))
        .collect()
}

fn milestones_of(action: &Action) -> Vec<Milestone> {
    action
        .milestones
        .iter()
        .map(|m| Milestone {
            date: m
                .date
                .as_deref()
                .and_then(|d| PartialDate::from_iso(d).ok()),
            label: m.label.clone(),
            raw: m.text.clone(),
        })
        .collect()
}

/// The Responsibility cell: as written, else the owners' names, else "All".
fn responsibility_of(action: &Action) -> String {
    if let Some(text) = action
        .responsibility_text
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        return text.trim().to_owned();
    }
    if action.responsible_all {
        return "All".to_owned();
    }
    action
        .owners
        .iter()
        .filter_map(|o| {
            o.contact_name
                .clone()
                .or_else(|| o.organisation_name.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

struct ReviewInfo {
    review: reviews_q::Review,
    council: String,
    committee: String,
    link_officers: Vec<String>,
}

async fn review_info(
    conn: &mut AsyncPgConnection,
    review: reviews_q::Review,
) -> Result<ReviewInfo, ApiError> {
    let council = organisations_q::find(conn, review.council_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let committee = committees_q::find(conn, review.committee_id)
        .await?
        .map(|c| c.name)
        .unwrap_or_default();
    let link_officers = reviews_q::link_officers(conn, &[review.id])
        .await?
        .into_iter()
        .map(|o| o.name)
        .collect();
    Ok(ReviewInfo {
        review,
        council,
        committee,
        link_officers,
    })
}

// ---- action plan -----------------------------------------------------------------------------

fn action_plan_paper(
    info: &ReviewInfo,
    plan: &ActionPlan,
    recommendations: &[recs_q::RecommendationDetail],
    appendix: Option<String>,
) -> ActionPlanPaper {
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
            .filter(|d| d.recommendation.status != "withdrawn")
            .map(|d| PlanRecommendation {
                number: d.recommendation.number.clone(),
                text: d.recommendation.text.clone(),
                parts: parts_of(d),
                actions: plan
                    .actions
                    .iter()
                    .filter(|a| {
                        a.recommendation_id == d.recommendation.id && a.status != "withdrawn"
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
    principal.require(ANY_ROLE)?;
    let (review_id, format) = path.into_inner();
    let format = parse_format(&format)?;
    let appendix = parse_appendix(query.appendix.as_deref())?;
    let scope = access::scope(&principal);
    let mut conn = state.pool.get().await?;
    let review = reviews_q::find(&mut conn, scope, review_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let plan_row = plans_q::find_visible(&mut conn, PlanKey::Review(review_id), scope)
        .await?
        .ok_or(ApiError::NotFound)?;
    let plan = action_plans::load(&mut conn, plan_row).await?;
    let recommendations = recommendations_of(&mut conn, scope, review_id).await?;
    let info = review_info(&mut conn, review).await?;
    drop(conn);
    let paper = action_plan_paper(&info, &plan, &recommendations, appendix);
    let agreed = paper.agreed.map(|d| d.to_string()).unwrap_or_default();
    let bytes = render(paper, format, scrutiny_papers::render_action_plan).await?;
    Ok(paper_response(
        bytes,
        format,
        &["Action plan", &info.review.title, &agreed],
    ))
}

// ---- decision record -------------------------------------------------------------------------

/// The record of a decision in the layout of the council's proforma (the seed's Cabinet
/// record): meeting, title, the decision with its resolutions and their parts, reasons,
/// alternatives, conflicts, dispensations, the call-in deadline (as the record states it, else
/// as computed in the council's time zone) and the Proper Officer's date.
#[utoipa::path(
    tag = "papers",
    params(
        ("id" = Uuid, Path, description = "Decision id"),
        ("format" = String, Path, description = "docx, pdf or html")
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
#[get("/decisions/{id}/papers/decision-record.{format}")]
pub async fn decision_record_paper_file(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    path: web::Path<(Uuid, String)>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let (id, format) = path.into_inner();
    let format = parse_format(&format)?;
    let mut conn = state.pool.get().await?;
    let row = decisions_q::find(&mut conn, access::scope(&principal), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let resolutions = decisions_q::resolutions_of(&mut conn, &[row.id]).await?;
    let ids: Vec<Uuid> = resolutions.iter().map(|r| r.id).collect();
    let mut parts: HashMap<Uuid, Vec<PaperPart>> = HashMap::new();
    for p in decisions_q::parts_of(&mut conn, &ids).await? {
        parts
            .entry(p.resolution_id)
            .or_default()
            .push(PaperPart::new(&p.label, &p.text));
    }
    let council = organisations_q::find(&mut conn, row.council_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let review_title = reviews_q::find(&mut conn, Scope::All, row.review_id)
        .await?
        .map(|r| r.title)
        .unwrap_or_default();
    let settings = calendars::effective_settings(&mut conn, row.council_id).await?;
    drop(conn);
    let call_in = row
        .stated_call_in_text
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| {
            row.computed_call_in_deadline.map(|at| {
                let local = at.with_timezone(&settings.rule.tz);
                scrutiny_papers::call_in_text(local.date_naive(), local.time())
            })
        });
    let paper = DecisionRecordPaper {
        council,
        body: row.body.clone(),
        meeting_date: row.meeting_date,
        item_title: row.item_title.clone(),
        decision_text: row.decision_text.clone(),
        resolutions: resolutions
            .into_iter()
            .map(|r| PaperResolution {
                number: r.number,
                text: r.text,
                parts: parts.remove(&r.id).unwrap_or_default(),
            })
            .collect(),
        reasons: row.reasons.clone(),
        alternatives: row.alternatives.clone(),
        conflicts: row.conflicts.clone(),
        dispensations: row.dispensations.clone(),
        call_in,
        published_on: row.published_on,
        reference: row.reference.clone(),
        key_decision: row.key_decision,
    };
    let meeting = row.meeting_date.format("%-d %B %Y").to_string();
    let bytes = render(paper, format, scrutiny_papers::render_decision_record).await?;
    Ok(paper_response(
        bytes,
        format,
        &[
            &format!("{} decision", row.body.trim()),
            &review_title,
            &meeting,
        ],
    ))
}

// ---- progress update -------------------------------------------------------------------------

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

/// What a progress update is made of.
struct ProgressSources {
    info: ReviewInfo,
    round: progress_q::Round,
    plan: Option<ActionPlan>,
    recommendations: Vec<recs_q::RecommendationDetail>,
    entries: Vec<ProgressEntry>,
    /// The names of each entry's attachments (withdrawn ones left out).
    attachments: HashMap<Uuid, Vec<String>>,
    grade_scale: scrutiny_domain::progress::GradeScale,
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
                    .filter(|a| a.recommendation_id == id && a.status != "withdrawn")
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
    principal.require(ANY_ROLE)?;
    let (id, format) = path.into_inner();
    let format = parse_format(&format)?;
    let appendix = parse_appendix(query.appendix.as_deref())?;
    let mut conn = state.pool.get().await?;
    let round = round_for_read(&mut conn, &principal, id).await?;
    let viewer = entries::accepted_only(&principal);
    let own = match access::scope(&principal) {
        Scope::Responsible(org) => Some(org),
        _ => None,
    };
    let rows: Vec<progress_q::Entry> = progress_q::entries_of_round(&mut conn, round.id)
        .await?
        .into_iter()
        .filter(|e| !viewer || e.state == "accepted")
        .filter(|e| own.is_none() || e.organisation_id == own)
        .collect();
    let entry_dtos =
        entries::dtos(&mut conn, &principal, rows, chrono::Utc::now().date_naive()).await?;
    let mut attachments: HashMap<Uuid, Vec<String>> = HashMap::new();
    for entry in &entry_dtos {
        let names: Vec<String> = attachments_q::list_for_entry(&mut conn, entry.id, None, 100)
            .await?
            .into_iter()
            .filter(|a| a.withdrawn_at.is_none())
            .map(|a| match a.title.filter(|t| !t.trim().is_empty()) {
                Some(title) => format!("{title} ({})", a.file_name),
                None => a.file_name,
            })
            .collect();
        if !names.is_empty() {
            attachments.insert(entry.id, names);
        }
    }
    let review = reviews_q::find(&mut conn, Scope::All, round.review_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let plan =
        match plans_q::find_visible(&mut conn, PlanKey::Review(review.id), Scope::All).await? {
            Some(row) => Some(action_plans::load(&mut conn, row).await?),
            None => None,
        };
    let recommendations = recommendations_of(&mut conn, Scope::All, review.id).await?;
    let grade_scale = entries::scale_of(&mut conn, round.council_id).await?;
    let info = review_info(&mut conn, review).await?;
    drop(conn);
    let sources = ProgressSources {
        info,
        round,
        plan,
        recommendations,
        entries: entry_dtos,
        attachments,
        grade_scale,
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appendix_and_format() {
        assert_eq!(parse_appendix(None).unwrap(), None);
        assert_eq!(parse_appendix(Some(" ")).unwrap(), None);
        assert_eq!(
            parse_appendix(Some("1")).unwrap().as_deref(),
            Some("APPENDIX 1")
        );
        assert_eq!(
            parse_appendix(Some("b")).unwrap().as_deref(),
            Some("APPENDIX B")
        );
        assert!(parse_appendix(Some("1<script>")).is_err());
        assert!(parse_appendix(Some("12345678901")).is_err());
        assert_eq!(parse_format("pdf").unwrap(), Format::Pdf);
        assert!(matches!(parse_format("exe"), Err(ApiError::NotFound)));
    }

    #[test]
    fn content_disposition_names_the_file_safely() {
        let r = file_response(
            vec![1],
            "application/pdf",
            &["Progress update", "Café \"review\"/x", "November 2022"],
            "pdf",
            false,
        );
        let cd = r
            .headers()
            .get(header::CONTENT_DISPOSITION)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            cd,
            "attachment; filename=\"Progress update - Cafe review x - November 2022.pdf\"; filename*=UTF-8''Progress%20update%20-%20Caf%C3%A9%20review%20x%20-%20November%202022.pdf"
        );
        let html = file_response(vec![], "text/html", &["x"], "html", true);
        assert!(html
            .headers()
            .get(header::CONTENT_DISPOSITION)
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("inline;"));
        assert!(html.headers().contains_key(header::CONTENT_SECURITY_POLICY));
    }
}
