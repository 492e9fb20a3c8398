//! Use cases of reviews, and the status moves that follow from other records' workflow.
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::views::reviews::{one_dto, parse_status};
use scrutiny_db::queries::reviews::{self as q, ReviewChanges};
use scrutiny_domain::records::ReviewStatus;
use uuid::Uuid;

/// Moves a review forward to `to` as a consequence of another record's workflow (Cabinet's
/// decision recorded, the action plan agreed, every recommendation closed). A review already
/// there or beyond, finished or withdrawn, stays where it is. Audited as `review.status_changed`
/// with the review before and after, and `reason` when one is given.
pub async fn advance(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
    to: ReviewStatus,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let Some(row) = q::find_for_update(ctx.db(), review_id).await? else {
        return Ok(());
    };
    let from = parse_status(&row.status)?;
    let rank = |s: ReviewStatus| ReviewStatus::ALL.iter().position(|x| *x == s);
    let forward = matches!((rank(from), rank(to)), (Some(a), Some(b)) if a < b);
    if !forward || from.is_final() || to == ReviewStatus::Withdrawn {
        return Ok(());
    }
    let now = ctx.now();
    let before = one_dto(ctx.db(), row).await?;
    let updated = q::update(
        ctx.db(),
        review_id,
        &ReviewChanges {
            status: Some(to.as_str().to_owned()),
            status_changed_at: Some(now),
            ..Default::default()
        },
    )
    .await?;
    let after = one_dto(ctx.db(), updated).await?;
    let mut after_json = audit::snapshot(&after);
    if let (Some(serde_json::Value::Object(map)), Some(reason)) = (&mut after_json, reason) {
        map.insert("reason".to_owned(), reason.into());
    }
    let event = audit::event(
        &ctx.principal,
        "review.status_changed",
        "review",
        review_id,
        audit::snapshot(&before),
        after_json,
    );
    scrutiny_db::queries::audit::record(ctx.db(), &event).await?;
    Ok(())
}
