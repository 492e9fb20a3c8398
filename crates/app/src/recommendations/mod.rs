//! Use cases of recommendations ("1".."4" of a review) and their parts ("a".."f"): create, change,
//! withdraw and close them, and read them with the actions of the action plan that answer them.
//!
//! The limits and checks of their fields live here once ([`LABEL_MAX`], [`TEXT_MAX`], [`number`], [`label`],
//! [`text`], [`reason`]), so that the imports enforce the same ones as the API.
use crate::access;
use crate::ctx::Ctx;
use crate::error::AppError;
use scrutiny_db::queries::recommendations as q;
use scrutiny_db::scope::Scope;
use scrutiny_domain::records::{PartLabel, Reason, RecommendationNumber};
use scrutiny_domain::status::RecommendationStatus;
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

mod change;
mod create;
mod list;
mod parts;
mod read;

pub use self::change::*;
pub use self::create::*;
pub use self::list::*;
pub use self::parts::*;
pub use self::read::*;

// ---------------------------------------------------------------------------------------------
// Limits and field checks

/// The database keeps labels of up to six characters ("xxxiii").
pub const LABEL_MAX: usize = scrutiny_domain::records::limits::PART_LABEL_MAX;
/// The longest text of a recommendation (or its lead-in) or of a part, in characters.
pub const TEXT_MAX: usize = scrutiny_domain::records::limits::RECOMMENDATION_TEXT_MAX;
/// The longest recommendation number ("12", "3.1"), in characters.
pub const NUMBER_MAX: usize = RecommendationNumber::MAX;
/// The longest reason (withdrawal, closure), in characters.
pub const REASON_MAX: usize = Reason::MAX;
pub use crate::input::SEARCH_MAX;

/// A required text: trimmed, not blank, at most [`TEXT_MAX`] characters.
pub fn text(errors: &mut ValidationErrors, field: &str, raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        errors.add(field, "must not be blank");
        None
    } else if trimmed.chars().count() > TEXT_MAX {
        errors.add(field, format!("must be at most {TEXT_MAX} characters"));
        None
    } else {
        Some(trimmed.to_owned())
    }
}

/// A position in an order: 1 or more.
pub fn position(errors: &mut ValidationErrors, field: &str, raw: Option<i32>) -> Option<i32> {
    match raw {
        Some(p) if p < 1 => {
            errors.add(field, "must be 1 or more");
            None
        }
        other => other,
    }
}

/// A recommendation's number, as the report gives it.
pub fn number(errors: &mut ValidationErrors, raw: &str) -> Option<String> {
    errors
        .check("number", RecommendationNumber::parse(raw))
        .map(|n| n.as_str().to_owned())
}

/// A part's label ("a", "iv"), at most [`LABEL_MAX`] characters.
pub fn label(errors: &mut ValidationErrors, field: &str, raw: &str) -> Option<String> {
    let label = errors.check(field, PartLabel::parse(raw))?;
    if label.as_str().len() > LABEL_MAX {
        errors.add(field, format!("must be at most {LABEL_MAX} characters"));
        return None;
    }
    Some(label.as_str().to_owned())
}

/// Why a recommendation or a part is withdrawn or closed: not blank, at most [`REASON_MAX`]
/// characters.
pub fn reason(raw: &str) -> Result<String, AppError> {
    Reason::parse(raw)
        .map(|r| r.as_str().to_owned())
        .map_err(|e| AppError::invalid("reason", e.to_string()))
}

// ---------------------------------------------------------------------------------------------
// Access and state

/// Whether the scope may see this recommendation (council scopes need no query).
async fn visible(
    ctx: &mut Ctx<'_>,
    scope: Scope,
    row: &q::Recommendation,
) -> Result<bool, AppError> {
    Ok(match scope {
        Scope::All => true,
        Scope::Council(council) => council == row.council_id,
        Scope::Responsible(_) => q::is_visible(ctx.db(), scope, row.id).await?,
    })
}

/// A recommendation the actor may see, or 404.
async fn find_visible(ctx: &mut Ctx<'_>, id: Uuid) -> Result<q::Recommendation, AppError> {
    let scope = access::scope(&ctx.principal);
    q::find(ctx.db(), scope, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Locks the recommendation for a write: 404 when the principal may not see it, 403 when they
/// may see it but not write it.
async fn lock_for_write(ctx: &mut Ctx<'_>, id: Uuid) -> Result<q::Recommendation, AppError> {
    let row = q::find_for_update(ctx.db(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let scope = access::scope(&ctx.principal);
    if !visible(ctx, scope, &row).await? {
        return Err(AppError::NotFound);
    }
    access::check_write(&ctx.principal, row.council_id)?;
    Ok(row)
}

/// Locks a part and its recommendation for a write, with the same answers as [`lock_for_write`].
async fn lock_part_for_write(
    ctx: &mut Ctx<'_>,
    id: Uuid,
) -> Result<(q::Recommendation, q::Part), AppError> {
    let part = q::find_part(ctx.db(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let recommendation = lock_for_write(ctx, part.recommendation_id).await?;
    let part = q::find_part_for_update(ctx.db(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((recommendation, part))
}

fn refuse_if_withdrawn(row: &q::Recommendation) -> Result<(), AppError> {
    if row.status == RecommendationStatus::Withdrawn {
        return Err(AppError::conflict(
            "The recommendation is withdrawn; it is kept as it was.",
        ));
    }
    Ok(())
}

async fn check_number_free(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
    number: &str,
    except: Option<Uuid>,
) -> Result<(), AppError> {
    if q::number_taken(ctx.db(), review_id, number, except).await? {
        return Err(AppError::conflict(format!(
            "The review already has a recommendation {number}."
        )));
    }
    Ok(())
}

async fn check_label_free(
    ctx: &mut Ctx<'_>,
    recommendation_id: Uuid,
    label: &str,
    except: Option<Uuid>,
) -> Result<(), AppError> {
    if q::label_taken(ctx.db(), recommendation_id, label, except).await? {
        return Err(AppError::conflict(format!(
            "The recommendation already has a part {label})."
        )));
    }
    Ok(())
}
