//! The parts of a recommendation: adding, changing and withdrawing them.
use super::{
    check_label_free, label, lock_for_write, lock_part_for_write, position, reason,
    refuse_if_withdrawn, text,
};
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::precondition::Precondition;
use crate::principal::ANY_ROLE;
use crate::views::recommendations::RecommendationPart;
use scrutiny_db::queries::recommendations::{self as q, NewPart, PartChanges};
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

/// Adds a part to a recommendation, after its last one.
#[derive(Debug, Clone, Default)]
pub struct CreatePart {
    pub recommendation_id: Uuid,
    pub label: String,
    pub text: String,
}

/// Changes a part's label, text or position (absent fields are kept).
#[derive(Debug, Clone, Default)]
pub struct UpdatePart {
    pub id: Uuid,
    /// The version the caller read.
    pub precondition: Precondition,
    pub label: Option<String>,
    pub text: Option<String>,
    /// Its place among the recommendation's parts (1 or more).
    pub position: Option<i32>,
}

/// Withdraws a part, with the reason.
#[derive(Debug, Clone, Default)]
pub struct WithdrawPart {
    pub id: Uuid,
    /// The version the caller read.
    pub precondition: Precondition,
    pub reason: String,
}

/// A [`CreatePart`]'s label and text, checked as [`create_part`] checks them (the action-plan
/// import's dry run calls this too).
pub fn check_part(cmd: &CreatePart) -> Result<(String, String), AppError> {
    let mut errors = ValidationErrors::new();
    let new_label = label(&mut errors, "label", &cmd.label);
    let new_text = text(&mut errors, "text", &cmd.text);
    errors.into_result()?;
    match (new_label, new_text) {
        (Some(l), Some(t)) => Ok((l, t)),
        // Unreachable: a missing field has added an error above.
        _ => Err(AppError::invalid("body", "is not a part")),
    }
}

/// Adds a part after the recommendation's last one; audited as `recommendation_part.created`.
/// 409 when the recommendation is withdrawn or already has the label.
pub async fn create_part(
    ctx: &mut Ctx<'_>,
    cmd: CreatePart,
) -> Result<RecommendationPart, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let (new_label, new_text) = check_part(&cmd)?;
    let id = cmd.recommendation_id;
    ctx.tx(async |ctx| {
        let recommendation = lock_for_write(ctx, id).await?;
        refuse_if_withdrawn(&recommendation)?;
        check_label_free(ctx, id, &new_label, None).await?;
        let position = q::next_part_position(ctx.db(), id).await?;
        let row = q::insert_part(
            ctx.db(),
            &NewPart {
                id: Uuid::now_v7(),
                recommendation_id: id,
                label: &new_label,
                position,
                text: &new_text,
            },
        )
        .await?;
        let view = RecommendationPart::from(row);
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "recommendation_part.created",
            "recommendation_part",
            view.id,
            &view,
        )
        .await?;
        Ok(view)
    })
    .await
}

/// Changes a part; audited as `recommendation_part.updated`. 409 when the part or its
/// recommendation is withdrawn, or the label is taken.
pub async fn update_part(
    ctx: &mut Ctx<'_>,
    cmd: UpdatePart,
) -> Result<RecommendationPart, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let mut errors = ValidationErrors::new();
    let new_label = cmd
        .label
        .as_deref()
        .and_then(|l| label(&mut errors, "label", l));
    let new_text = cmd
        .text
        .as_deref()
        .and_then(|t| text(&mut errors, "text", t));
    let position = position(&mut errors, "position", cmd.position);
    errors.into_result()?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let (recommendation, before) = lock_part_for_write(ctx, id).await?;
        cmd.precondition.check(before.version)?;
        refuse_if_withdrawn(&recommendation)?;
        if before.withdrawn_reason.is_some() {
            return Err(AppError::conflict(
                "The part is withdrawn; it is kept as it was.",
            ));
        }
        if let Some(l) = &new_label {
            check_label_free(ctx, recommendation.id, l, Some(id)).await?;
        }
        let before = RecommendationPart::from(before);
        let row = q::update_part(
            ctx.db(),
            id,
            &PartChanges {
                label: new_label,
                text: new_text,
                position,
            },
        )
        .await?;
        let after = RecommendationPart::from(row);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "recommendation_part.updated",
            "recommendation_part",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// Withdraws a part: it is kept, with the reason. Audited as `recommendation_part.withdrawn`;
/// 409 when it is already withdrawn.
pub async fn withdraw_part(
    ctx: &mut Ctx<'_>,
    cmd: WithdrawPart,
) -> Result<RecommendationPart, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let reason = reason(&cmd.reason)?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let (_, before) = lock_part_for_write(ctx, id).await?;
        cmd.precondition.check(before.version)?;
        if before.withdrawn_reason.is_some() {
            return Err(AppError::conflict("The part is already withdrawn."));
        }
        let before = RecommendationPart::from(before);
        let row = q::withdraw_part(ctx.db(), id, &reason).await?;
        let after = RecommendationPart::from(row);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "recommendation_part.withdrawn",
            "recommendation_part",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}
