//! Reading one recommendation or part, and their histories.
use super::find_visible;
use crate::access;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{Page, PageRequest};
use crate::principal::ANY_ROLE;
use crate::views::audit::{self, AuditEvent};
use crate::views::recommendations::{Recommendation, RecommendationPart};
use scrutiny_db::queries::recommendations as q;
use uuid::Uuid;

/// One recommendation with its parts and actions (404 when the actor may not see it), read in
/// one round trip to the database (`q::find_detail`).
pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<Recommendation, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    q::find_detail(ctx.db(), scope, id)
        .await?
        .map(Recommendation::from)
        .ok_or(AppError::NotFound)
}

/// A recommendation's changes, newest first.
pub async fn history(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: &PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let row = find_visible(ctx, id).await?;
    audit::history(ctx.db(), "recommendation", row.id, page).await
}

/// A part, when the actor may see its recommendation.
async fn find_visible_part(ctx: &mut Ctx<'_>, id: Uuid) -> Result<q::Part, AppError> {
    let part = q::find_part(ctx.db(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    find_visible(ctx, part.recommendation_id).await?;
    Ok(part)
}

/// One part of a recommendation.
pub async fn get_part(ctx: &mut Ctx<'_>, id: Uuid) -> Result<RecommendationPart, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    Ok(RecommendationPart::from(find_visible_part(ctx, id).await?))
}

/// A part's changes, newest first.
pub async fn part_history(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: &PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let part = find_visible_part(ctx, id).await?;
    audit::history(ctx.db(), "recommendation_part", part.id, page).await
}
