//! Scrutiny reviews: the committee's investigation, from proposal to sign-off.
use crate::access;
use crate::audit;
use crate::auth::principal::ANY_ROLE;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, IfMatch, PageParams, ValidJson};
use crate::openapi::{CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::audit_events::AuditEvent;
use crate::routes::history;
use crate::routes::types::{double_option, with_etag, Page};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use chrono::Utc;
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::committees;
use scrutiny_db::queries::reviews::{self as q, NewReview, ReviewChanges};
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::records::{ReviewStatus, ReviewType, WorkProgrammeYear};
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub use scrutiny_app::views::reviews::{one_dto, parse_status, to_dtos, ContactRef, Review};

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
    pub decisions: Option<Vec<crate::routes::decisions::Decision>>,
    /// With `include=action_plan`: the plan, or null when there is none yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable)]
    pub action_plan: Option<Option<scrutiny_app::views::plans::ActionPlan>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewInclude {
    /// Comma-separated: `recommendations`, `decisions`, `action_plan`.
    pub include: Option<String>,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Includes {
    recommendations: bool,
    decisions: bool,
    action_plan: bool,
}

fn parse_includes(raw: Option<&str>) -> Result<Includes, ApiError> {
    let mut includes = Includes::default();
    for item in raw
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        match item {
            "recommendations" => includes.recommendations = true,
            "decisions" => includes.decisions = true,
            "action_plan" => includes.action_plan = true,
            other => {
                return Err(ApiError::invalid(
                    "include",
                    format!("unknown `{other}`; use recommendations, decisions or action_plan"),
                ))
            }
        }
    }
    Ok(includes)
}

/// Most recommendations a review can carry inline; a longer review is read through its own list.
const INLINE_RECOMMENDATIONS: u32 = 200;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateReview {
    pub committee_id: Uuid,
    #[schema(example = "Police Communications in Stockton-on-Tees")]
    pub title: String,
    /// task_and_finish, in_depth or other ("Task & Finish" and "In-depth" are understood too).
    #[schema(example = "task_and_finish")]
    pub review_type: String,
    /// e.g. "2021-2022" (or "2021/22").
    pub work_programme_year: Option<String>,
    pub scrutiny_officer_id: Option<Uuid>,
    /// Contacts, in order.
    #[serde(default)]
    pub link_officer_ids: Vec<Uuid>,
    pub summary: Option<String>,
    /// The status it starts in (default proposed), for reviews recorded after the fact.
    pub status: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateReview {
    pub committee_id: Option<Uuid>,
    pub title: Option<String>,
    pub review_type: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub work_programme_year: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>, nullable)]
    pub scrutiny_officer_id: Option<Option<Uuid>>,
    pub link_officer_ids: Option<Vec<Uuid>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub summary: Option<Option<String>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewTransition {
    /// The status to move to; it must be one of the review's `allowed_transitions`.
    #[schema(example = "scoping")]
    pub to: String,
    /// Required when withdrawing.
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewFilter {
    pub committee_id: Option<Uuid>,
    pub status: Option<String>,
    /// e.g. 2021-2022
    pub work_programme_year: Option<String>,
    /// Reviews with an action this organisation is responsible for.
    pub responsible_organisation_id: Option<Uuid>,
}

fn title(errors: &mut ValidationErrors, raw: &str) -> Option<String> {
    let t = raw.trim();
    if t.is_empty() {
        errors.add("title", "must not be blank");
        None
    } else if t.chars().count() > 500 {
        errors.add("title", "must be at most 500 characters");
        None
    } else {
        Some(t.to_owned())
    }
}

fn optional_text(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Checks the committee (same council) and the contacts named.
async fn check_references(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
    committee_id: Option<Uuid>,
    scrutiny_officer_id: Option<Uuid>,
    link_officer_ids: Option<&[Uuid]>,
) -> Result<(), ApiError> {
    let mut errors = ValidationErrors::new();
    if let Some(id) = committee_id {
        match committees::find(conn, id).await? {
            Some(c) if c.council_id == council_id => {}
            _ => errors.add("committee_id", "no such committee in this council"),
        }
    }
    if let Some(id) = scrutiny_officer_id {
        if q::count_contacts(conn, &[id]).await? != 1 {
            errors.add("scrutiny_officer_id", "no such contact");
        }
    }
    if let Some(ids) = link_officer_ids {
        let mut unique = ids.to_vec();
        unique.sort();
        unique.dedup();
        if unique.len() != ids.len() {
            errors.add("link_officer_ids", "names a contact twice");
        } else if q::count_contacts(conn, ids).await? != ids.len() as i64 {
            errors.add("link_officer_ids", "names a contact that does not exist");
        }
    }
    errors.into_result().map_err(ApiError::from)
}

/// List reviews, by title.
#[utoipa::path(
    tag = "reviews",
    params(ReviewFilter, PageParams),
    responses((status = 200, description = "A page of reviews", body = Page<Review>), ListErrors),
    security(("bearer" = []))
)]
#[get("/reviews")]
pub async fn list_reviews(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<ReviewFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let limit = page.limit()?;
    let after = page
        .decode_cursor::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let mut errors = ValidationErrors::new();
    let status = filter
        .status
        .as_deref()
        .and_then(|s| errors.check("status", s.parse::<ReviewStatus>()));
    let year = filter
        .work_programme_year
        .as_deref()
        .and_then(|y| errors.check("work_programme_year", y.parse::<WorkProgrammeYear>()));
    errors.into_result()?;
    let db_filter = q::Filter {
        committee_id: filter.committee_id,
        status: status.map(|s| s.as_str().to_owned()),
        work_programme_year: year.map(|y| y.to_string()),
        responsible_organisation_id: filter.responsible_organisation_id,
    };
    let mut conn = state.pool.get().await?;
    let rows = q::list(
        &mut conn,
        access::scope(&principal),
        &db_filter,
        after.as_ref(),
        limit,
    )
    .await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.title, r.id)));
    let items = to_dtos(&mut conn, rows).await?;
    Ok(HttpResponse::Ok().json(Page { items, next_cursor }))
}

/// Start a review in the caller's council.
#[utoipa::path(
    tag = "reviews",
    request_body = CreateReview,
    responses((status = 201, description = "Created", body = Review), CreateErrors),
    security(("bearer" = []))
)]
#[post("/reviews")]
pub async fn create_review(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateReview>,
) -> Result<HttpResponse, ApiError> {
    let council = access::writing_council(&principal)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let title = title(&mut errors, &body.title);
    let review_type = errors.check("review_type", body.review_type.parse::<ReviewType>());
    let year = body
        .work_programme_year
        .as_deref()
        .filter(|y| !y.trim().is_empty())
        .and_then(|y| errors.check("work_programme_year", y.parse::<WorkProgrammeYear>()));
    let status = match body.status.as_deref() {
        Some(s) => errors.check("status", s.parse::<ReviewStatus>()),
        None => Some(ReviewStatus::Proposed),
    };
    if status == Some(ReviewStatus::Withdrawn) {
        errors.add("status", "a review cannot start withdrawn");
    }
    errors.into_result()?;
    let (title, review_type, status) = (
        title.expect("checked"),
        review_type.expect("checked"),
        status.expect("checked"),
    );
    let summary = optional_text(body.summary.as_deref());
    let year = year.map(|y| y.to_string());
    let mut conn = state.pool.get().await?;
    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            check_references(
                conn,
                council,
                Some(body.committee_id),
                body.scrutiny_officer_id,
                Some(&body.link_officer_ids),
            )
            .await?;
            let row = q::insert(
                conn,
                &NewReview {
                    id: Uuid::now_v7(),
                    council_id: council,
                    committee_id: body.committee_id,
                    title: &title,
                    review_type: review_type.as_str(),
                    work_programme_year: year.as_deref(),
                    status: status.as_str(),
                    scrutiny_officer_id: body.scrutiny_officer_id,
                    summary: summary.as_deref(),
                },
            )
            .await?;
            q::set_link_officers(conn, row.id, &body.link_officer_ids).await?;
            let dto = one_dto(conn, row).await?;
            audit::created(conn, &principal, "review.created", "review", dto.id, &dto).await?;
            Ok(dto)
        })
        .await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
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
    principal.require(ANY_ROLE)?;
    let includes = parse_includes(include.include.as_deref())?;
    let scope = access::scope(&principal);
    let mut conn = state.pool.get().await?;
    let row = q::find(&mut conn, scope, id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    let review_id = row.id;
    let review = one_dto(&mut conn, row).await?;
    let recommendations = if includes.recommendations {
        let filter = scrutiny_db::queries::recommendations::Filter {
            review_id: Some(review_id),
            ..Default::default()
        };
        let (rows, _) = scrutiny_db::queries::recommendations::load_page(
            &mut conn,
            scope,
            &filter,
            None,
            INLINE_RECOMMENDATIONS,
        )
        .await?;
        Some(rows.into_iter().map(Into::into).collect())
    } else {
        None
    };
    let decisions = if includes.decisions {
        let filter = scrutiny_db::queries::decisions::Filter {
            review_id: Some(review_id),
            ..Default::default()
        };
        let rows =
            scrutiny_db::queries::decisions::list(&mut conn, scope, &filter, None, 50).await?;
        Some(crate::routes::decisions::load(&mut conn, rows).await?)
    } else {
        None
    };
    let action_plan = if includes.action_plan {
        let key = scrutiny_db::queries::action_plans::PlanKey::Review(review_id);
        match scrutiny_db::queries::action_plans::find_visible(&mut conn, key, scope).await? {
            Some(plan) => Some(Some(
                scrutiny_app::views::plans::load(&mut conn, plan).await?,
            )),
            None => Some(None),
        }
    } else {
        None
    };
    let version = review.version;
    let detail = ReviewDetail {
        review,
        recommendations,
        decisions,
        action_plan,
    };
    Ok(with_etag(HttpResponse::Ok(), version, &detail))
}

/// Change a review's details.
#[utoipa::path(
    tag = "reviews",
    params(("id" = Uuid, Path, description = "Review id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateReview,
    responses((status = 200, description = "Updated", body = Review), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/reviews/{id}")]
pub async fn update_review(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateReview>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let title = body.title.as_deref().and_then(|t| title(&mut errors, t));
    let review_type = body
        .review_type
        .as_deref()
        .and_then(|t| errors.check("review_type", t.parse::<ReviewType>()));
    let year = match &body.work_programme_year {
        Some(Some(y)) if !y.trim().is_empty() => errors
            .check("work_programme_year", y.parse::<WorkProgrammeYear>())
            .map(|y| Some(y.to_string())),
        Some(_) => Some(None),
        None => None,
    };
    errors.into_result()?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let before = q::find_for_update(conn, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            access::check_write(&principal, before.council_id)?;
            if_match.check(before.version)?;
            check_references(
                conn,
                before.council_id,
                body.committee_id,
                body.scrutiny_officer_id.flatten(),
                body.link_officer_ids.as_deref(),
            )
            .await?;
            let before = one_dto(conn, before).await?;
            let row = q::update(
                conn,
                id,
                &ReviewChanges {
                    committee_id: body.committee_id,
                    title,
                    review_type: review_type.map(|t| t.as_str().to_owned()),
                    work_programme_year: year,
                    scrutiny_officer_id: body.scrutiny_officer_id,
                    summary: body.summary.map(|s| optional_text(s.as_deref())),
                    ..Default::default()
                },
            )
            .await?;
            if let Some(ids) = &body.link_officer_ids {
                q::set_link_officers(conn, id, ids).await?;
            }
            let after = one_dto(conn, row).await?;
            audit::changed(
                conn,
                &principal,
                "review.updated",
                "review",
                id,
                &before,
                &after,
            )
            .await?;
            Ok(after)
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}

/// Move a review to its next status (or back one, to correct a mistake), or withdraw it with a reason.
/// An illegal move is 409 and names the allowed ones.
#[utoipa::path(
    tag = "reviews",
    params(("id" = Uuid, Path, description = "Review id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = ReviewTransition,
    responses((status = 200, description = "Moved", body = Review), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/reviews/{id}/status-transitions")]
pub async fn transition_review(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<ReviewTransition>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let to = body
        .to
        .parse::<ReviewStatus>()
        .map_err(|e| ApiError::invalid("to", e.to_string()))?;
    let reason = optional_text(body.reason.as_deref());
    if to == ReviewStatus::Withdrawn && reason.is_none() {
        return Err(ApiError::invalid(
            "reason",
            "is required to withdraw a review",
        ));
    }
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let before = q::find_for_update(conn, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            access::check_write(&principal, before.council_id)?;
            if_match.check(before.version)?;
            let from = parse_status(&before.status)?;
            let next = from.transition(to).map_err(|e| ApiError::Conflict {
                detail: e.to_string(),
                allowed: e.allowed.iter().map(|s| s.as_str().to_owned()).collect(),
            })?;
            let before = one_dto(conn, before).await?;
            let row = q::update(
                conn,
                id,
                &ReviewChanges {
                    status: Some(next.as_str().to_owned()),
                    status_changed_at: Some(Utc::now()),
                    withdrawn_reason: (next == ReviewStatus::Withdrawn).then(|| reason.clone()),
                    ..Default::default()
                },
            )
            .await?;
            let after = one_dto(conn, row).await?;
            audit::changed(
                conn,
                &principal,
                "review.status_changed",
                "review",
                id,
                &before,
                &after,
            )
            .await?;
            Ok(after)
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}

/// A review's changes, newest first.
#[utoipa::path(
    tag = "reviews",
    params(("id" = Uuid, Path, description = "Review id"), PageParams),
    responses((status = 200, description = "Audit events of the review", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/reviews/{id}/history")]
pub async fn review_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let row = q::find(&mut conn, access::scope(&principal), id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(history::page(&mut conn, "review", row.id, &page).await?))
}
