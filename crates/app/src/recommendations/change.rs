//! Changing a recommendation: its number, text or position; withdrawing it; the committee closing
//! it.
use super::{
    check_number_free, lock_for_write, number, position, reason, refuse_if_withdrawn, text,
};
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::precondition::Precondition;
use crate::principal::ANY_ROLE;
use crate::views::recommendations::{self as views, Recommendation};
use scrutiny_db::queries::recommendations::{self as q, RecommendationChanges};
use scrutiny_domain::status::RecommendationStatus;
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

/// Changes a recommendation's number, text or position (absent fields are kept).
#[derive(Debug, Clone, Default)]
pub struct UpdateRecommendation {
    pub id: Uuid,
    /// The version the caller read.
    pub precondition: Precondition,
    pub number: Option<String>,
    pub text: Option<String>,
    /// Its place in the review's order (1 or more).
    pub position: Option<i32>,
}

/// Withdraws or closes a recommendation, with the reason.
#[derive(Debug, Clone, Default)]
pub struct RecommendationReason {
    pub id: Uuid,
    /// The version the caller read.
    pub precondition: Precondition,
    /// Why it is withdrawn or closed.
    pub reason: String,
}

/// Changes a recommendation; audited as `recommendation.updated`. 409 when it is withdrawn or the
/// number is taken in its review.
pub async fn update(
    ctx: &mut Ctx<'_>,
    cmd: UpdateRecommendation,
) -> Result<Recommendation, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let mut errors = ValidationErrors::new();
    let number = cmd.number.as_deref().and_then(|n| number(&mut errors, n));
    // Blank: a recommendation made only of its parts (refused below when it has none).
    let new_text = match cmd.text.as_deref() {
        Some(t) if t.trim().is_empty() => Some(String::new()),
        Some(t) => text(&mut errors, "text", t),
        None => None,
    };
    let position = position(&mut errors, "position", cmd.position);
    errors.into_result()?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let before = lock_for_write(ctx, id).await?;
        cmd.precondition.check(before.version)?;
        refuse_if_withdrawn(&before)?;
        if let Some(n) = &number {
            check_number_free(ctx, before.review_id, n, Some(id)).await?;
        }
        let before = views::load(ctx.db(), before).await?;
        if new_text.as_deref() == Some("") && before.parts.is_empty() {
            return Err(AppError::invalid(
                "text",
                "must not be blank: only a recommendation made of parts has no text of its own",
            ));
        }
        let row = q::update(
            ctx.db(),
            id,
            &RecommendationChanges {
                number,
                text: new_text,
                position,
            },
        )
        .await?;
        let after = views::load(ctx.db(), row).await?;
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "recommendation.updated",
            "recommendation",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// Withdraws a recommendation: it is kept, with the reason, and shows as withdrawn. Audited as
/// `recommendation.withdrawn`; 409 when it is already withdrawn. A withdrawn recommendation does
/// not block sign-off: when it was the last one open, the action plan is signed off and the
/// review moves on, in the same transaction (docs/domain.md rule 5).
pub async fn withdraw(
    ctx: &mut Ctx<'_>,
    cmd: RecommendationReason,
) -> Result<Recommendation, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let reason = reason(&cmd.reason)?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let before = lock_for_write(ctx, id).await?;
        cmd.precondition.check(before.version)?;
        refuse_if_withdrawn(&before)?;
        let before = views::load(ctx.db(), before).await?;
        let row = q::withdraw(ctx.db(), id, &reason).await?;
        let after = views::load(ctx.db(), row).await?;
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "recommendation.withdrawn",
            "recommendation",
            id,
            &before,
            &after,
        )
        .await?;
        let on = ctx.today();
        crate::progress::follow::after_recommendation_closed(ctx, after.review_id, on).await?;
        Ok(after)
    })
    .await
}

/// Records that the committee closed a recommendation, with its reason. Audited as
/// `recommendation.closed`; 409 unless it is open.
///
/// What follows (the last one closed signs the action plan off and moves the review on) is
/// for the caller to run in the same transaction, with the closed recommendation's `review_id`.
pub async fn close(
    ctx: &mut Ctx<'_>,
    cmd: RecommendationReason,
) -> Result<Recommendation, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let reason = reason(&cmd.reason)?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let before = lock_for_write(ctx, id).await?;
        cmd.precondition.check(before.version)?;
        if before.status != RecommendationStatus::Open {
            return Err(AppError::conflict(format!(
                "The recommendation is {}; only an open one can be closed.",
                before.status
            )));
        }
        let before = views::load(ctx.db(), before).await?;
        let row = q::close(ctx.db(), id, &reason).await?;
        let after = views::load(ctx.db(), row).await?;
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "recommendation.closed",
            "recommendation",
            id,
            &before,
            &after,
        )
        .await?;
        // The last one closed signs the plan off, in the same transaction.
        let on = ctx.today();
        crate::progress::follow::after_recommendation_closed(ctx, after.review_id, on).await?;
        Ok(after)
    })
    .await
}
