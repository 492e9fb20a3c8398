//! Calendar feeds (`scrutiny_app::calendar_feeds`): a person's scrutiny dates as an iCalendar
//! feed their calendar client subscribes to, at an unguessable, revocable address.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::{CreateErrors, ListErrors, ReadErrors};
use crate::respond::{with_etag, Page};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use scrutiny_app::calendar_feeds::{self as uc, CalendarFeed, CalendarFeedCreated};
use scrutiny_app::Ctx;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCalendarFeed {
    /// `user` (your own work), `organisation` (a council's or a partner's) or `committee` (one
    /// committee's reviews, for a council's staff).
    #[schema(example = "user")]
    pub kind: String,
    pub organisation_id: Option<Uuid>,
    pub committee_id: Option<Uuid>,
    /// What calendar clients show as the calendar's name.
    #[schema(max_length = 200)]
    pub name: Option<String>,
}

/// Your calendar feeds (revoked ones too).
#[utoipa::path(
    tag = "calendar-feeds",
    responses((status = 200, description = "Your feeds", body = Page<CalendarFeed>), ListErrors),
    security(("bearer" = []))
)]
#[get("/calendar-feeds")]
pub async fn list_calendar_feeds(
    state: web::Data<AppState>,
    Auth(principal): Auth,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    Ok(HttpResponse::Ok().json(uc::list(&mut ctx).await?))
}

/// Make a calendar feed of the dates you may read: milestones (a month's on its last working
/// day), round deadlines, committee and Cabinet meetings, call-in deadlines and statutory
/// responses due. The answer's `path` (shown once) is the feed's address: subscribe to it from
/// your calendar client.
#[utoipa::path(
    tag = "calendar-feeds",
    request_body = CreateCalendarFeed,
    responses((status = 201, description = "Made; its address is shown once", body = CalendarFeedCreated), CreateErrors),
    security(("bearer" = []))
)]
#[post("/calendar-feeds")]
pub async fn create_calendar_feed(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateCalendarFeed>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let cmd = uc::CreateFeed {
        kind: b.kind,
        organisation_id: b.organisation_id,
        committee_id: b.committee_id,
        name: b.name,
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let created = uc::create(&mut ctx, cmd).await?;
    // The address is a credential: never cached, nor kept for an idempotent replay.
    let mut builder = HttpResponse::Created();
    builder.insert_header(("cache-control", "no-store"));
    Ok(builder.json(created))
}

/// Revoke one of your feeds: its address answers 404 from now on.
#[utoipa::path(
    tag = "calendar-feeds",
    params(("id" = Uuid, Path, description = "Calendar feed id")),
    responses((status = 200, description = "Revoked", body = CalendarFeed), ReadErrors),
    security(("bearer" = []))
)]
#[post("/calendar-feeds/{id}/revocation")]
pub async fn revoke_calendar_feed(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let feed = uc::revoke(&mut ctx, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), 1, &feed))
}

/// A calendar feed (RFC 5545), for calendar clients: no bearer token, the address is the
/// credential. 404 when it is unknown or revoked, or its owner's account is deactivated.
#[utoipa::path(
    tag = "calendar-feeds",
    params(("token" = String, Path, description = "The feed's token (`cal_…`) from its address")),
    responses(
        (status = 200, description = "The feed", content_type = "text/calendar", body = String),
        (status = 404, description = "No such feed", body = crate::error::Problem, content_type = "application/problem+json")
    )
)]
#[get("/calendar-feeds/{token}.ics")]
pub async fn calendar_feed_ics(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let principal = scrutiny_app::Principal::system("calendar feeds");
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let (_, text) = uc::render(ctx.db(), &token.into_inner(), &state.public_url).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("cache-control", "private, max-age=300"))
        .insert_header(("content-disposition", "inline; filename=\"scrutiny.ics\""))
        .body(text))
}
