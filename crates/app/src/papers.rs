//! What the committee papers show: the action plan (Appendix 1), the progress update of a round
//! and the record of a decision, loaded as the caller may read them through the list and detail
//! endpoints: a partner's paper holds the recommendations and progress entries of its own
//! organisation, a viewer's progress update the accepted entries. Composing and rendering the
//! paper (DOCX, PDF, HTML) is the caller's (`scrutiny-papers`).
use crate::access;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::principal::ANY_ROLE;
use crate::views::calendars;
use crate::views::plans::{self as plan_views, ActionPlan};
use crate::views::progress::{accepted_only, dtos, round_for_read, scale_of, ProgressEntry};
use chrono::NaiveDateTime;
use scrutiny_db::queries::action_plans::{self as plans_q, PlanKey};
use scrutiny_db::queries::{
    attachments as attachments_q, committees as committees_q, decisions as decisions_q,
    organisations as organisations_q, progress as progress_q, recommendations as recs_q,
    reviews as reviews_q,
};
use scrutiny_db::scope::Scope;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::progress::GradeScale;
use scrutiny_domain::progress::SubmissionState;
use std::collections::HashMap;
use uuid::Uuid;

/// A review with the names a paper's header gives.
pub struct ReviewInfo {
    pub review: reviews_q::Review,
    /// The council's name (empty when unknown).
    pub council: String,
    /// The committee's name (empty when unknown).
    pub committee: String,
    pub link_officers: Vec<String>,
}

/// What an action plan paper is made of.
pub struct ActionPlanSources {
    pub info: ReviewInfo,
    pub plan: ActionPlan,
    /// The review's recommendations the caller may see, in order, with parts and actions.
    pub recommendations: Vec<recs_q::RecommendationDetail>,
}

/// A resolution of a decision with its parts, in order.
pub struct ResolutionSources {
    pub resolution: decisions_q::ResolutionRow,
    pub parts: Vec<decisions_q::ResolutionPartRow>,
}

/// What a decision record is made of.
pub struct DecisionRecordSources {
    pub decision: decisions_q::DecisionRow,
    pub resolutions: Vec<ResolutionSources>,
    /// The council's name (empty when unknown).
    pub council: String,
    /// The title of the decision's review (empty when unknown).
    pub review_title: String,
    /// The computed call-in deadline, in the council's time zone, when there is one.
    pub computed_call_in_local: Option<NaiveDateTime>,
}

/// What a progress update is made of.
pub struct ProgressSources {
    pub info: ReviewInfo,
    pub round: progress_q::Round,
    pub plan: Option<ActionPlan>,
    pub recommendations: Vec<recs_q::RecommendationDetail>,
    /// The round's entries the caller may see.
    pub entries: Vec<ProgressEntry>,
    /// The names of each entry's attachments (withdrawn ones left out).
    pub attachments: HashMap<Uuid, Vec<String>>,
    pub grade_scale: GradeScale,
}

/// Every recommendation of a review the scope may see, in order, with parts and actions.
async fn recommendations_of(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    review_id: Uuid,
) -> Result<Vec<recs_q::RecommendationDetail>, AppError> {
    let filter = recs_q::Filter {
        review_id: Some(review_id),
        ..Default::default()
    };
    let mut out: Vec<recs_q::RecommendationDetail> = Vec::new();
    loop {
        let after = out
            .last()
            .map(|d| recs_q::After::following(d, recs_q::Sort::Position));
        let (page, more) = recs_q::load_page(conn, scope, &filter, after.as_ref(), 200).await?;
        out.extend(page);
        if !more {
            return Ok(out);
        }
    }
}

async fn review_info(
    conn: &mut AsyncPgConnection,
    review: reviews_q::Review,
) -> Result<ReviewInfo, AppError> {
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

/// A review's action plan with the review's recommendations the caller may see (404 when the
/// review or its plan is not visible).
pub async fn action_plan(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
) -> Result<ActionPlanSources, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    let conn = ctx.db();
    let review = reviews_q::find(conn, scope, review_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let plan_row = plans_q::find_visible(conn, PlanKey::Review(review_id), scope)
        .await?
        .ok_or(AppError::NotFound)?;
    let plan = plan_views::load(conn, plan_row).await?;
    let recommendations = recommendations_of(conn, scope, review_id).await?;
    let info = review_info(conn, review).await?;
    Ok(ActionPlanSources {
        info,
        plan,
        recommendations,
    })
}

/// A decision with its resolutions and their parts, and the council's and review's names (404
/// when not visible).
pub async fn decision_record(
    ctx: &mut Ctx<'_>,
    id: Uuid,
) -> Result<DecisionRecordSources, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    let conn = ctx.db();
    let decision = decisions_q::find(conn, scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let resolutions = decisions_q::resolutions_of(conn, &[decision.id]).await?;
    let ids: Vec<Uuid> = resolutions.iter().map(|r| r.id).collect();
    let mut parts: HashMap<Uuid, Vec<decisions_q::ResolutionPartRow>> = HashMap::new();
    for p in decisions_q::parts_of(conn, &ids).await? {
        parts.entry(p.resolution_id).or_default().push(p);
    }
    let council = organisations_q::find(conn, decision.council_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let review_title = reviews_q::find(conn, Scope::All, decision.review_id)
        .await?
        .map(|r| r.title)
        .unwrap_or_default();
    let settings = calendars::effective_settings(conn, decision.council_id).await?;
    let computed_call_in_local = decision
        .computed_call_in_deadline
        .map(|at| at.with_timezone(&settings.rule.tz).naive_local());
    Ok(DecisionRecordSources {
        resolutions: resolutions
            .into_iter()
            .map(|r| ResolutionSources {
                parts: parts.remove(&r.id).unwrap_or_default(),
                resolution: r,
            })
            .collect(),
        decision,
        council,
        review_title,
        computed_call_in_local,
    })
}

/// A round's progress update: the review, its action plan and recommendations, and the round's
/// entries the caller may see (a partner its own organisation's, a viewer the accepted ones) with
/// the names of their attachments, and the council's grade scale (404 when the round is not
/// visible).
pub async fn progress_update(
    ctx: &mut Ctx<'_>,
    round_id: Uuid,
) -> Result<ProgressSources, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let principal = ctx.principal.clone();
    let today = ctx.today();
    let conn = ctx.db();
    let round = round_for_read(conn, &principal, round_id).await?;
    let viewer = accepted_only(&principal);
    let own = match access::scope(&principal) {
        Scope::Responsible(org) => Some(org),
        _ => None,
    };
    let rows: Vec<progress_q::Entry> = progress_q::entries_of_round(conn, round.id)
        .await?
        .into_iter()
        .filter(|e| !viewer || e.state == SubmissionState::Accepted)
        .filter(|e| own.is_none() || e.organisation_id == own)
        .collect();
    let entries = dtos(conn, &principal, rows, today).await?;
    let mut attachments: HashMap<Uuid, Vec<String>> = HashMap::new();
    for entry in &entries {
        let names: Vec<String> = attachments_q::list_for_entry(conn, entry.id, None, 100)
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
    let review = reviews_q::find(conn, Scope::All, round.review_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let plan = match plans_q::find_visible(conn, PlanKey::Review(review.id), Scope::All).await? {
        Some(row) => Some(plan_views::load(conn, row).await?),
        None => None,
    };
    let recommendations = recommendations_of(conn, Scope::All, review.id).await?;
    let grade_scale = scale_of(conn, round.council_id).await?;
    let info = review_info(conn, review).await?;
    Ok(ProgressSources {
        info,
        round,
        plan,
        recommendations,
        entries,
        attachments,
        grade_scale,
    })
}
