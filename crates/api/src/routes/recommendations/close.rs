//! `POST /recommendations/{id}/closure`: the committee closed a recommendation, with its reason.
use super::RecommendationReason;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidJson};
use crate::openapi::UpdateErrors;
use crate::routes::types::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::recommendations as uc;
use scrutiny_app::views::recommendations::Recommendation;
use scrutiny_app::AppError;
use uuid::Uuid;

/// Record that the committee closed a recommendation, with its reason (for example when it was
/// overtaken by events rather than achieved).
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = RecommendationReason,
    responses((status = 200, description = "Closed", body = Recommendation), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/recommendations/{id}/closure")]
pub async fn close_recommendation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<RecommendationReason>,
) -> Result<HttpResponse, ApiError> {
    let cmd = body
        .into_inner()
        .command(id.into_inner(), if_match.precondition());
    let mut ctx = scrutiny_app::Ctx::new(state.pool.get().await?, principal);
    let updated: Recommendation = ctx
        .tx(async |ctx| {
            let after = uc::close(ctx, cmd).await?;
            // The last one closed signs the plan off.
            // TODO(lead): call scrutiny_app::progress::follow::after_recommendation_closed inside
            // the use case (`uc::close`), and drop this outer transaction and `into_app`.
            let on = ctx.today();
            crate::routes::progress_rounds::after_recommendation_closed(
                &mut ctx.conn,
                &ctx.principal,
                after.review_id,
                on,
            )
            .await
            .map_err(into_app)?;
            Ok(after)
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}

/// The follow-on's error, carried through the use case's transaction (it rolls back the closure
/// too) and mapped back to the same answer by `From<AppError> for ApiError`.
fn into_app(e: ApiError) -> AppError {
    match e {
        ApiError::Forbidden => AppError::Forbidden,
        ApiError::NotFound => AppError::NotFound,
        ApiError::Gone(why) => AppError::Gone(why),
        ApiError::Conflict { detail, allowed } => AppError::Conflict { detail, allowed },
        ApiError::PreconditionFailed => AppError::PreconditionFailed,
        ApiError::PreconditionRequired => AppError::PreconditionRequired,
        ApiError::Validation(errors) => AppError::Validation(errors),
        ApiError::TooManyRequests { retry_after_secs } => {
            AppError::TooManyRequests { retry_after_secs }
        }
        ApiError::Unavailable(why) => AppError::Unavailable(why),
        ApiError::Internal(cause) => AppError::Internal(cause),
        other => AppError::internal(other.to_string()),
    }
}
