//! `GET /reviews/{id}`, with the related records asked for in `include`.
//!
//! The recommendations and the action plan are shown with the views of their own areas.
use super::{Review, ReviewInclude};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::reviews::Includes;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A review with the related records asked for in `include`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewDetail {
    #[serde(flatten)]
    pub review: Review,
    /// With `include=recommendations`: every recommendation with its parts and actions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommendations: Option<Vec<scrutiny_app::views::recommendations::Recommendation>>,
    /// With `include=decisions`: Cabinet's decision records, latest meeting first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decisions: Option<Vec<scrutiny_app::views::decisions::Decision>>,
    /// With `include=action_plan`: the plan, or null when there is none yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable)]
    pub action_plan: Option<Option<scrutiny_app::views::plans::ActionPlan>>,
}

/// Read a review; `include` adds its recommendations (with parts and actions), Cabinet decisions
/// and action plan in the same answer, in a fixed number of queries.
#[utoipa::path(
    tag = "reviews",
    params(("id" = Uuid, Path, description = "Review id"), ReviewInclude),
    responses((status = 200, description = "The review, with its ETag", body = ReviewDetail), ReadErrors),
    security(("bearer" = []))
)]
#[get("/reviews/{id}")]
pub async fn get_review(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    include: web::Query<ReviewInclude>,
) -> Result<HttpResponse, ApiError> {
    let includes = Includes::parse(include.include.as_deref())?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let found = scrutiny_app::reviews::get(&mut ctx, id.into_inner(), includes).await?;
    let action_plan = match found.action_plan {
        Some(Some(plan)) => Some(Some(
            scrutiny_app::views::plans::load(ctx.db(), plan).await?,
        )),
        Some(None) => Some(None),
        None => None,
    };
    let version = found.review.version;
    let detail = ReviewDetail {
        review: found.review,
        recommendations: found
            .recommendations
            .map(|rows| rows.into_iter().map(Into::into).collect()),
        decisions: found.decisions,
        action_plan,
    };
    Ok(with_etag(HttpResponse::Ok(), version, &detail))
}
