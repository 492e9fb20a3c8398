//! `GET /events`: the event feed for other council systems (`scrutiny_app::events`).
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ListErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::events::{self as uc, EventPage};
use scrutiny_app::Ctx;
use serde::Deserialize;
use utoipa::IntoParams;

pub use scrutiny_app::events::CloudEvent;

/// The most events one page holds.
const MAX_LIMIT: u32 = 500;
const DEFAULT_LIMIT: u32 = 100;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventQuery {
    /// The `next_cursor` (or an event's `cursor`) read last; from the first event when absent.
    pub after: Option<String>,
    /// Only these event types, comma-separated: `progress_entry.submitted,decision.recorded`.
    #[param(example = "progress_entry.submitted,progress_entry.accepted")]
    pub types: Option<String>,
    /// How many events to return, 1 to 500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

/// The changes other systems hear of, in commit order: typed events (`review.status_changed`,
/// `recommendation.created|closed|withdrawn`, `decision.recorded`, `decision.call_in_expired`,
/// `action_plan.agreed|amended`, `action.completed`, `progress_round.opened|closed`,
/// `progress_entry.submitted|returned|validated|accepted`, `attachment.added`,
/// `statutory_response.requested|received|published`, …) in CloudEvents 1.0 JSON, each written in
/// the transaction of its change. The cursor is stable: no event is skipped or repeated, even when
/// transactions commit out of order, because the feed stops before the oldest transaction still
/// running. Poll with `after` = the last `next_cursor`. Council staff read their council's events;
/// a partner its own organisation's and the public events of the reviews it has actions in;
/// viewers public events only.
#[utoipa::path(
    tag = "events",
    params(EventQuery),
    responses((status = 200, description = "A page of events", body = EventPage), ListErrors),
    security(("bearer" = []))
)]
#[get("/events")]
pub async fn list_events(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    query: web::Query<EventQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let limit = match query.limit {
        None => DEFAULT_LIMIT,
        Some(n) if (1..=MAX_LIMIT).contains(&n) => n,
        Some(_) => {
            return Err(ApiError::invalid(
                "limit",
                format!("must be between 1 and {MAX_LIMIT}"),
            ))
        }
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let page = uc::feed(
        &mut ctx,
        uc::FeedQuery {
            after: query.after,
            types: query.types,
            limit,
        },
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("cache-control", "no-store"))
        .json(page))
}
