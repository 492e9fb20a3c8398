//! What follows from an acceptance or a closure, in the caller's transaction: the recommendation
//! closed at a closing grade, the round closed when every recommendation-level entry of it is
//! accepted, and the action plan signed off (with the review moved to "signed off") when no
//! recommendation is left outstanding (docs/domain.md rule 5).
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::views::progress::round_dto_one;
use chrono::NaiveDate;
use scrutiny_db::queries::action_plans as plan_q;
use scrutiny_db::queries::progress as q;
use scrutiny_db::queries::recommendations as rec_q;
use scrutiny_db::scope::Scope;
use scrutiny_domain::progress::SubmissionState;
use scrutiny_domain::records::ReviewStatus;
use scrutiny_domain::status::RecommendationStatus;
use scrutiny_domain::status::RoundStatus;
use uuid::Uuid;

/// Closes an open recommendation with a reason, audited as `recommendation.closed`. One already
/// closed or withdrawn is left alone.
pub async fn close_recommendation(
    ctx: &mut Ctx<'_>,
    recommendation_id: Uuid,
    reason: &str,
) -> Result<(), AppError> {
    let Some(before) = rec_q::find_for_update(ctx.db(), recommendation_id).await? else {
        return Err(AppError::NotFound);
    };
    if before.status != RecommendationStatus::Open {
        return Ok(());
    }
    let after = rec_q::close(ctx.db(), recommendation_id, reason).await?;
    let event = audit::event(
        &ctx.principal,
        "recommendation.closed",
        "recommendation",
        recommendation_id,
        Some(serde_json::json!({ "status": before.status, "version": before.version })),
        Some(
            serde_json::json!({ "status": after.status, "closed_reason": after.closed_reason, "version": after.version }),
        ),
    );
    crate::audit::record(ctx.db(), &event).await?;
    Ok(())
}

/// Closes the round when every recommendation-level entry of it is accepted, audited as
/// `progress_round.closed`.
pub async fn close_round_if_done(ctx: &mut Ctx<'_>, round_id: Uuid) -> Result<(), AppError> {
    let Some(round) = q::lock_round(ctx.db(), round_id).await? else {
        return Ok(());
    };
    if round.status != RoundStatus::Open {
        return Ok(());
    }
    let entries = q::entries_of_round(ctx.db(), round.id).await?;
    let done = entries
        .iter()
        .filter(|e| e.part_id.is_none())
        .all(|e| e.state == SubmissionState::Accepted);
    if !done {
        return Ok(());
    }
    let today = ctx.today();
    let principal = ctx.principal.clone();
    let before = round_dto_one(ctx.db(), &principal, round, today).await?;
    let row = q::close_round(ctx.db(), round_id).await?;
    let after = round_dto_one(ctx.db(), &principal, row, today).await?;
    audit::changed(
        ctx.db(),
        &principal,
        "progress_round.closed",
        "progress_round",
        round_id,
        &before,
        &after,
    )
    .await?;
    Ok(())
}

/// After a recommendation of a review is closed (accepted at a closing grade, or closed by the
/// committee) or withdrawn: when none is left outstanding, the action plan is signed off on `on` and the review
/// moves to "signed off" (docs/domain.md rule 5). Runs in the caller's transaction.
pub async fn after_recommendation_closed(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
    on: NaiveDate,
) -> Result<(), AppError> {
    let coverable = q::coverable(ctx.db(), review_id).await?;
    if coverable.is_empty()
        || coverable
            .iter()
            .any(|c| c.status == RecommendationStatus::Open)
    {
        return Ok(());
    }
    let reason = "Every recommendation is closed or withdrawn.";
    if q::sign_off_plan(ctx.db(), review_id, on, reason).await? == 0 {
        return Ok(());
    }
    if let Some(plan) =
        plan_q::find_visible(ctx.db(), plan_q::PlanKey::Review(review_id), Scope::All).await?
    {
        let event = audit::event(
            &ctx.principal,
            "action_plan.signed_off",
            "action_plan",
            plan.id,
            Some(serde_json::json!({ "status": "agreed" })),
            Some(
                serde_json::json!({ "status": plan.status, "signed_off_on": plan.signed_off_on, "signed_off_reason": plan.signed_off_reason, "version": plan.version }),
            ),
        );
        crate::audit::record(ctx.db(), &event).await?;
    }
    crate::reviews::advance(ctx, review_id, ReviewStatus::SignedOff, Some(reason)).await?;
    Ok(())
}
