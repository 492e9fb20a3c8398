//! Calendar feeds (RFC 5545): the dates people work to, in their own calendar. A signed-in
//! person makes a feed of what they may read:
//! - `user`: their own work (a council's people: their council's; a partner's: what their
//!   organisation is responsible for);
//! - `organisation`: a council's staff for their council or a partner working with it; a
//!   partner's people for their own organisation;
//! - `committee`: a council's staff for one of its committees.
//!
//! Calendar clients cannot send a bearer token, so the feed's URL carries an unguessable token
//! (shown once; only its SHA-256 is kept). The owner revokes it. A feed shows milestones of open
//! actions (one given as a month, "September 2022", falls on that month's last working day and
//! says so), open rounds' deadlines, committee and Cabinet meetings, call-in deadlines and
//! statutory responses awaited, each with a stable UID so that an update replaces the event.
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::principal::{ActorKind, ANY_ROLE};
use crate::views::calendars::ENGLAND_AND_WALES;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rand::RngCore;
use scrutiny_db::queries::calendar_feeds::{self as q, Feed, Item, ItemFilter};
use scrutiny_db::queries::{
    calendars as calendars_q, committees as committees_q, council_partners, organisations,
    users as users_q,
};
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::calendar::HolidayCalendar;
use scrutiny_domain::ical::{self, Event, When};
use scrutiny_domain::people::Role;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

const ENTITY: &str = "calendar_feed";

/// A feed as its owner sees it (never its token).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarFeed {
    pub id: Uuid,
    /// `user`, `organisation` or `committee`.
    #[schema(example = "user")]
    pub kind: String,
    #[schema(example = "My scrutiny dates")]
    pub name: String,
    pub organisation_id: Option<Uuid>,
    pub committee_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_read_at: Option<DateTime<Utc>>,
}

/// A new feed with its address, shown once.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarFeedCreated {
    pub feed: CalendarFeed,
    /// The feed's path on this server (`/api/v1/calendar-feeds/{token}.ics`): subscribe to it from
    /// a calendar client. Anyone with it reads the feed, so keep it private; revoke it if it leaks.
    #[schema(
        example = "/api/v1/calendar-feeds/cal_Fz0n4S3bU2h1gq7lZkqXoGzQ1bMh0Ue5v7xgHYw8c1A.ics"
    )]
    pub path: String,
}

fn dto(f: &Feed) -> CalendarFeed {
    CalendarFeed {
        id: f.id,
        kind: f.kind.clone(),
        name: f.name.clone(),
        organisation_id: f.organisation_id,
        committee_id: f.committee_id,
        created_at: f.created_at,
        revoked_at: f.revoked_at,
        last_read_at: f.last_read_at,
    }
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[derive(Debug, Clone)]
pub struct CreateFeed {
    /// `user`, `organisation` or `committee`.
    pub kind: String,
    pub organisation_id: Option<Uuid>,
    pub committee_id: Option<Uuid>,
    pub name: Option<String>,
}

/// Makes a feed of what the caller may read. People only (a system polls the API instead).
/// Audited as `calendar_feed.created` (without the token).
pub async fn create(ctx: &mut Ctx<'_>, cmd: CreateFeed) -> Result<CalendarFeedCreated, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    if ctx.principal.kind != ActorKind::User {
        return Err(AppError::Forbidden);
    }
    let principal = ctx.principal.clone();
    let own = principal.organisation_id.as_uuid();
    let staff_council = principal.own_council();
    let (kind, council_id, organisation_id, committee_id, default_name) = match cmd.kind.as_str() {
        "user" => (
            "user",
            staff_council,
            None,
            None,
            "My scrutiny dates".to_owned(),
        ),
        "organisation" => {
            let org = cmd.organisation_id.ok_or_else(|| {
                AppError::invalid("organisation_id", "is required for an organisation's feed")
            })?;
            let named = organisations::find(ctx.db(), org)
                .await?
                .ok_or_else(|| AppError::invalid("organisation_id", "no such organisation"))?;
            let allowed = match staff_council {
                _ if principal.is_operator() => true,
                Some(council) => {
                    org == council || council_partners::works_with(ctx.db(), org, council).await?
                }
                None => org == own,
            };
            if !allowed {
                return Err(AppError::invalid(
                    "organisation_id",
                    "is not an organisation whose dates you may read",
                ));
            }
            (
                "organisation",
                staff_council,
                Some(org),
                None,
                format!("Scrutiny dates: {}", named.name),
            )
        }
        "committee" => {
            let Some(council) = staff_council else {
                return Err(AppError::Forbidden);
            };
            let id = cmd.committee_id.ok_or_else(|| {
                AppError::invalid("committee_id", "is required for a committee's feed")
            })?;
            let committee = committees_q::find(ctx.db(), id)
                .await?
                .filter(|c| c.council_id == council)
                .ok_or_else(|| {
                    AppError::invalid("committee_id", "no such committee of your council")
                })?;
            (
                "committee",
                Some(council),
                None,
                Some(id),
                format!("Scrutiny dates: {}", committee.name),
            )
        }
        _ => {
            return Err(AppError::invalid(
                "kind",
                "must be user, organisation or committee",
            ))
        }
    };
    let mut errors = scrutiny_domain::validation::ValidationErrors::new();
    let name = crate::input::optional_text(&mut errors, "name", cmd.name.as_deref(), 200)
        .unwrap_or(default_name);
    errors.into_result()?;
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = format!("cal_{}", URL_SAFE_NO_PAD.encode(bytes));
    ctx.tx(async |ctx| {
        let feed = Feed {
            id: Uuid::now_v7(),
            token_sha256: token_hash(&token),
            kind: kind.to_owned(),
            name,
            user_id: principal.id,
            council_id,
            organisation_id,
            committee_id,
            created_at: ctx.now(),
            revoked_at: None,
            last_read_at: None,
        };
        q::insert(ctx.db(), &feed).await?;
        let shown = dto(&feed);
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "calendar_feed.created",
            ENTITY,
            feed.id,
            &shown,
        )
        .await?;
        Ok(CalendarFeedCreated {
            feed: shown,
            path: format!("/api/v1/calendar-feeds/{token}.ics"),
        })
    })
    .await
}

/// The caller's feeds, revoked ones too.
pub async fn list(ctx: &mut Ctx<'_>) -> Result<crate::Page<CalendarFeed>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let id = ctx.principal.id;
    let feeds = q::of_user(ctx.db(), id).await?;
    Ok(crate::Page {
        items: feeds.iter().map(dto).collect(),
        next_cursor: None,
    })
}

/// Revokes one of the caller's feeds: its address answers 404 from now on. Audited as
/// `calendar_feed.revoked`.
pub async fn revoke(ctx: &mut Ctx<'_>, id: Uuid) -> Result<CalendarFeed, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let me = ctx.principal.id;
    ctx.tx(async |ctx| {
        let feed = q::find(ctx.db(), id)
            .await?
            .filter(|f| f.user_id == me)
            .ok_or(AppError::NotFound)?;
        if feed.revoked_at.is_some() {
            return Ok(dto(&feed));
        }
        let after = dto(&q::revoke(ctx.db(), id).await?);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "calendar_feed.revoked",
            ENTITY,
            id,
            &dto(&feed),
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// The feed of a token as iCalendar text, or 404 (unknown, revoked, or its owner deactivated).
/// `app_url` is the web app's address, for the events' links.
pub async fn render(
    conn: &mut AsyncPgConnection,
    token: &str,
    app_url: &str,
) -> Result<(String, String), AppError> {
    if !token.starts_with("cal_") || token.len() > 100 {
        return Err(AppError::NotFound);
    }
    let feed = q::by_token(conn, &token_hash(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = users_q::find(conn, feed.user_id)
        .await?
        .filter(|u| u.active)
        .ok_or(AppError::NotFound)?;
    let owner_council = organisations::find(conn, owner.organisation_id)
        .await?
        .filter(|o| o.kind == "council")
        .map(|o| o.id);
    let operator = owner_council.is_none() && owner.role == Role::Admin.as_str();
    // What the owner may read now.
    let filter = match feed.kind.as_str() {
        "committee" => ItemFilter {
            council_id: owner_council,
            partner_id: None,
            committee_id: feed.committee_id,
        },
        "organisation" => match (owner_council, feed.organisation_id) {
            (Some(c), Some(org)) if org == c => ItemFilter {
                council_id: Some(c),
                ..Default::default()
            },
            (council, Some(org)) => ItemFilter {
                council_id: council,
                partner_id: Some(org),
                committee_id: None,
            },
            (_, None) => return Err(AppError::NotFound),
        },
        _ => match owner_council {
            Some(c) => ItemFilter {
                council_id: Some(c),
                ..Default::default()
            },
            None if operator => ItemFilter::default(),
            None => ItemFilter {
                partner_id: Some(owner.organisation_id),
                ..Default::default()
            },
        },
    };
    if filter.council_id.is_none() && filter.partner_id.is_none() && !operator {
        return Err(AppError::NotFound);
    }
    let items = q::items(conn, filter).await?;
    let calendars = working_day_calendars(conn, &items).await?;
    let events: Vec<Event> = items
        .iter()
        .map(|item| event(item, &calendars, app_url))
        .collect();
    q::touch(conn, feed.id).await?;
    Ok((feed.name.clone(), ical::calendar(&feed.name, &events)))
}

/// The working-day calendars of the councils whose month milestones a feed shows, over the
/// months those milestones fall in.
async fn working_day_calendars(
    conn: &mut AsyncPgConnection,
    items: &[Item],
) -> Result<HashMap<Uuid, HolidayCalendar>, AppError> {
    let mut spans: HashMap<Uuid, (NaiveDate, NaiveDate)> = HashMap::new();
    for item in items
        .iter()
        .filter(|i| i.precision.as_deref() == Some("month"))
    {
        let (Some(day), calendar) = (item.day, item.calendar_id.unwrap_or(ENGLAND_AND_WALES))
        else {
            continue;
        };
        let span = spans.entry(calendar).or_insert((day, day));
        span.0 = span.0.min(day);
        span.1 = span.1.max(day);
    }
    let mut out = HashMap::new();
    for (calendar, (from, to)) in spans {
        let from = from.with_day(1).unwrap_or(from);
        let dates = calendars_q::holiday_dates(conn, calendar, from, to).await?;
        out.insert(calendar, HolidayCalendar::new(dates));
    }
    Ok(out)
}

/// The last working day on or before `day` (a month's last day), within its month.
fn last_working_day(day: NaiveDate, calendar: Option<&HolidayCalendar>) -> NaiveDate {
    let Some(calendar) = calendar else {
        return day;
    };
    let mut d = day;
    while !calendar.is_working_day(d) {
        match d.pred_opt() {
            Some(p) if p.month() == day.month() => d = p,
            _ => return day,
        }
    }
    d
}

fn event(item: &Item, calendars: &HashMap<Uuid, HolidayCalendar>, app_url: &str) -> Event {
    let url = Some(format!("{app_url}/reviews/{}", item.review_id));
    let uid = format!("{}@scrutiny-tracker", item.uid);
    let (when, summary, mut description) = match (item.kind.as_str(), item.day, item.at) {
        ("milestone", Some(day), _) if item.precision.as_deref() == Some("month") => {
            let calendar = calendars.get(&item.calendar_id.unwrap_or(ENGLAND_AND_WALES));
            let month = day.format("%B %Y").to_string();
            (
                When::AllDay(last_working_day(day, calendar)),
                format!(
                    "Milestone: {} ({month}) – {}",
                    item.title, item.review_title
                ),
                vec![format!(
                    "Due by the end of {month}: shown on the month's last working day."
                )],
            )
        }
        ("milestone", Some(day), _) => (
            When::AllDay(day),
            format!("Milestone: {} – {}", item.title, item.review_title),
            Vec::new(),
        ),
        ("call_in", _, Some(at)) => (
            When::At(at),
            format!("{} – {}", item.title, item.review_title),
            vec!["The call-in period ends.".to_owned()],
        ),
        (_, Some(day), _) => (
            When::AllDay(day),
            format!("{} – {}", item.title, item.review_title),
            Vec::new(),
        ),
        (_, None, at) => (
            When::At(at.unwrap_or(item.updated_at)),
            format!("{} – {}", item.title, item.review_title),
            Vec::new(),
        ),
    };
    if let Some(detail) = item.detail.as_deref().filter(|d| !d.trim().is_empty()) {
        if item.kind == "call_in" {
            description.push(format!("Call-in: {}", detail.replace('_', " ")));
        } else {
            description.push(detail.to_owned());
        }
    }
    if item.done && item.kind == "milestone" {
        description.push("Met, or its action is complete.".to_owned());
    }
    Event {
        uid,
        stamp: item.updated_at,
        when,
        summary,
        description: (!description.is_empty()).then(|| description.join("\n")),
        url,
        categories: Some(item.kind.replace('_', " ")),
    }
}
