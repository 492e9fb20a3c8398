//! Recommendations of a review ("1".."4") and their parts ("a".."f"), shown with the actions of
//! the action plan that answer them.
use crate::access;
use crate::audit;
use crate::auth::principal::ANY_ROLE;
use crate::auth::{Auth, Principal};
use crate::error::ApiError;
use crate::extract::{encode_cursor, IfMatch, PageParams, ValidJson};
use crate::openapi::{CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::audit_events::AuditEvent;
use crate::routes::history;
use crate::routes::types::{with_etag, Page};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use scrutiny_db::queries::recommendations::{
    self as q, After, NewPart, NewRecommendation, PartChanges, RecommendationChanges, Sort,
};
use scrutiny_db::scope::Scope;
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::records::{split_parts, PartLabel, Reason, RecommendationNumber};
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

// ---------------------------------------------------------------------------------------------
// Wire types

#[derive(Debug, Serialize, ToSchema)]
pub struct Recommendation {
    pub id: Uuid,
    pub review_id: Uuid,
    pub council_id: Uuid,
    /// Its number within the review, as the report gives it.
    #[schema(example = "2")]
    pub number: String,
    /// The recommendation, or the lead-in to its parts.
    #[schema(
        example = "As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:"
    )]
    pub text: String,
    /// Its place in the review's order.
    pub position: i32,
    /// open, closed or withdrawn.
    #[schema(example = "open")]
    pub status: String,
    /// Why the committee closed it.
    pub closed_reason: Option<String>,
    pub withdrawn_reason: Option<String>,
    pub parts: Vec<RecommendationPart>,
    /// The actions of the action plan that answer it.
    pub actions: Vec<ActionSummary>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationPart {
    pub id: Uuid,
    pub recommendation_id: Uuid,
    #[schema(example = "a")]
    pub label: String,
    pub position: i32,
    #[schema(
        example = "Cleveland Police promotes the need for regular and Ward-specific engagement with SBC Ward Councillors amongst its internal workforce"
    )]
    pub text: String,
    /// Set when the part is withdrawn; the part stays, with the reason.
    pub withdrawn_reason: Option<String>,
    pub version: i32,
}

/// An action of the action plan, as a recommendation shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionSummary {
    pub id: Uuid,
    /// The part it answers, when it answers one part only.
    pub part_id: Option<Uuid>,
    pub proposed_actions: String,
    /// open, complete or withdrawn.
    #[schema(example = "open")]
    pub status: String,
    /// The Responsibility cell as written.
    #[schema(example = "Cleveland Police")]
    pub responsibility_text: Option<String>,
    /// "All" partners are responsible.
    pub responsible_all: bool,
    pub owners: Vec<ActionSummaryOwner>,
    pub milestones: Vec<ActionSummaryMilestone>,
}

/// Who is responsible for an action: an organisation, a named person, or both.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionSummaryOwner {
    pub organisation_id: Option<Uuid>,
    #[schema(example = "Cleveland Police")]
    pub organisation_name: Option<String>,
    pub contact_id: Option<Uuid>,
    #[schema(example = "C/Supt Lang")]
    pub contact_name: Option<String>,
}

/// A due date of an action, given to the month or to the day, or only a label.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionSummaryMilestone {
    /// ISO 8601 to the precision given: "2022-05" or "2022-05-14"; absent when blank.
    #[schema(example = "2022-05")]
    pub date: Option<String>,
    /// The date as documents write it.
    #[schema(example = "May 2022")]
    pub display: Option<String>,
    #[schema(example = "Development of protocol")]
    pub label: Option<String>,
}

impl From<q::Part> for RecommendationPart {
    fn from(row: q::Part) -> Self {
        Self {
            id: row.id,
            recommendation_id: row.recommendation_id,
            label: row.label,
            position: row.position,
            text: row.text,
            withdrawn_reason: row.withdrawn_reason,
            version: row.version,
        }
    }
}

fn milestone_date(row: &q::Milestone) -> Option<PartialDate> {
    let day = row.due_on?;
    match row.due_precision.as_deref() {
        Some("month") => {
            use chrono::Datelike;
            PartialDate::month(day.year(), day.month()).ok()
        }
        _ => Some(PartialDate::from(day)),
    }
}

impl From<q::Milestone> for ActionSummaryMilestone {
    fn from(row: q::Milestone) -> Self {
        let date = milestone_date(&row);
        Self {
            date: date.map(|d| d.to_iso()),
            display: date.map(|d| d.to_string()),
            label: row.label,
        }
    }
}

impl From<q::ActionDetail> for ActionSummary {
    fn from(detail: q::ActionDetail) -> Self {
        let a = detail.action;
        Self {
            id: a.id,
            part_id: a.part_id,
            proposed_actions: a.proposed_actions,
            status: a.status,
            responsibility_text: a.responsibility_text,
            responsible_all: a.responsible_all,
            owners: detail
                .owners
                .into_iter()
                .map(|o| ActionSummaryOwner {
                    organisation_id: o.organisation_id,
                    organisation_name: o.organisation_name,
                    contact_id: o.contact_id,
                    contact_name: o.contact_name,
                })
                .collect(),
            milestones: detail
                .milestones
                .into_iter()
                .map(ActionSummaryMilestone::from)
                .collect(),
        }
    }
}

impl From<q::RecommendationDetail> for Recommendation {
    fn from(detail: q::RecommendationDetail) -> Self {
        let r = detail.recommendation;
        Self {
            id: r.id,
            review_id: r.review_id,
            council_id: r.council_id,
            number: r.number,
            text: r.text,
            position: r.position,
            status: r.status,
            closed_reason: r.closed_reason,
            withdrawn_reason: r.withdrawn_reason,
            parts: detail
                .parts
                .into_iter()
                .map(RecommendationPart::from)
                .collect(),
            actions: detail
                .actions
                .into_iter()
                .map(ActionSummary::from)
                .collect(),
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPartInput {
    #[schema(example = "a")]
    pub label: String,
    pub text: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRecommendation {
    #[schema(example = "2")]
    pub number: String,
    pub text: String,
    /// The parts, in order.
    pub parts: Option<Vec<NewPartInput>>,
    /// When no parts are given: split a text with parts "a) … b) …" into its lead-in (kept as
    /// the text) and its parts.
    pub split_parts: Option<bool>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateRecommendation {
    pub number: Option<String>,
    pub text: Option<String>,
    /// Its place in the review's order (1 or more).
    pub position: Option<i32>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationReason {
    /// Why it is withdrawn or closed.
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateRecommendationPart {
    pub label: Option<String>,
    pub text: Option<String>,
    /// Its place among the recommendation's parts (1 or more).
    pub position: Option<i32>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecommendationFilter {
    pub review_id: Option<Uuid>,
    pub committee_id: Option<Uuid>,
    /// open, closed or withdrawn.
    pub status: Option<String>,
    /// An organisation named as an owner of one of its actions.
    pub responsible_organisation_id: Option<Uuid>,
    /// A milestone of one of its actions is due on or after this day (YYYY-MM-DD; a month-precision
    /// milestone is due at the end of its month).
    pub due_from: Option<String>,
    /// ...and on or before this day (YYYY-MM-DD).
    pub due_to: Option<String>,
    /// Only those with a milestone of an open action past due and not complete.
    pub overdue: Option<bool>,
    /// Words to find in the recommendation, its parts or its actions (web search syntax:
    /// `"exact phrase"`, `or`, `-not`).
    pub q: Option<String>,
    /// `position` (by review, then position; the default) or `updated` (latest change first).
    pub sort: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Parsing

const STATUSES: [&str; 3] = ["open", "closed", "withdrawn"];

/// A required text: trimmed, not blank.
fn text(errors: &mut ValidationErrors, field: &str, raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        errors.add(field, "must not be blank");
        None
    } else {
        Some(trimmed.to_owned())
    }
}

fn position(errors: &mut ValidationErrors, field: &str, raw: Option<i32>) -> Option<i32> {
    match raw {
        Some(p) if p < 1 => {
            errors.add(field, "must be 1 or more");
            None
        }
        other => other,
    }
}

fn number(errors: &mut ValidationErrors, raw: &str) -> Option<String> {
    errors
        .check("number", RecommendationNumber::parse(raw))
        .map(|n| n.as_str().to_owned())
}

/// The database keeps labels of up to six characters ("xxxiii").
const LABEL_MAX: usize = 6;

fn label(errors: &mut ValidationErrors, field: &str, raw: &str) -> Option<String> {
    let label = errors.check(field, PartLabel::parse(raw))?;
    if label.as_str().len() > LABEL_MAX {
        errors.add(field, format!("must be at most {LABEL_MAX} characters"));
        return None;
    }
    Some(label.as_str().to_owned())
}

fn reason(body: RecommendationReason) -> Result<String, ApiError> {
    Reason::parse(&body.reason)
        .map(|r| r.as_str().to_owned())
        .map_err(|e| ApiError::invalid("reason", e.to_string()))
}

fn parse_day(errors: &mut ValidationErrors, field: &str, raw: Option<&str>) -> Option<NaiveDate> {
    raw.and_then(|raw| {
        errors.check(
            field,
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .map_err(|_| "must be a date such as 2022-09-30"),
        )
    })
}

pub(crate) struct ParsedFilter {
    pub(crate) filter: q::Filter,
}

/// The list's query, checked (422 naming each bad field); the exports take the same.
pub(crate) fn parse_filter(raw: &RecommendationFilter) -> Result<ParsedFilter, ApiError> {
    let mut errors = ValidationErrors::new();
    let status = match raw.status.as_deref() {
        Some(s) if STATUSES.contains(&s) => Some(s.to_owned()),
        Some(_) => {
            errors.add("status", "must be open, closed or withdrawn");
            None
        }
        None => None,
    };
    let sort = match raw.sort.as_deref() {
        None | Some("position") => Sort::Position,
        Some("updated") => Sort::Updated,
        Some(_) => {
            errors.add("sort", "must be position or updated");
            Sort::Position
        }
    };
    let due_from = parse_day(&mut errors, "due_from", raw.due_from.as_deref());
    let due_to = parse_day(&mut errors, "due_to", raw.due_to.as_deref());
    if let (Some(from), Some(to)) = (due_from, due_to) {
        if from > to {
            errors.add("due_to", "must not be before due_from");
        }
    }
    let q = match raw.q.as_deref().map(str::trim) {
        Some("") | None => None,
        Some(q) if q.chars().count() > 200 => {
            errors.add("q", "must be at most 200 characters");
            None
        }
        Some(q) => Some(q.to_owned()),
    };
    errors.into_result()?;
    Ok(ParsedFilter {
        filter: q::Filter {
            review_id: raw.review_id,
            committee_id: raw.committee_id,
            status,
            responsible_organisation_id: raw.responsible_organisation_id,
            due_from,
            due_to,
            overdue_on: (raw.overdue == Some(true)).then(|| Utc::now().date_naive()),
            q,
            sort,
        },
    })
}

/// The cursor of a list in `sort` order.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Cursor {
    Position(Uuid, i32, Uuid),
    Updated(DateTime<Utc>, Uuid),
}

fn decode_after(page: &PageParams, sort: Sort) -> Result<Option<After>, ApiError> {
    let wrong = || ApiError::invalid("cursor", "is not a cursor returned by this list");
    match page.decode_cursor::<Cursor>()? {
        None => Ok(None),
        Some(Cursor::Position(review_id, position, id)) if sort == Sort::Position => {
            Ok(Some(After::Position {
                review_id,
                position,
                id,
            }))
        }
        Some(Cursor::Updated(at, id)) if sort == Sort::Updated => {
            Ok(Some(After::Updated { at, id }))
        }
        Some(_) => Err(wrong()),
    }
}

fn encode_after(row: &q::Recommendation, sort: Sort) -> String {
    match sort {
        Sort::Position => encode_cursor(&Cursor::Position(row.review_id, row.position, row.id)),
        Sort::Updated => encode_cursor(&Cursor::Updated(row.updated_at, row.id)),
    }
}

// ---------------------------------------------------------------------------------------------
// Access

/// Whether the scope may see this recommendation (council scopes need no query).
async fn visible(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    row: &q::Recommendation,
) -> Result<bool, ApiError> {
    Ok(match scope {
        Scope::All => true,
        Scope::Council(council) => council == row.council_id,
        Scope::Responsible(_) => q::is_visible(conn, scope, row.id).await?,
    })
}

/// Locks the recommendation for a write: 404 when the principal may not see it, 403 when they
/// may see it but not write it.
async fn lock_for_write(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
) -> Result<q::Recommendation, ApiError> {
    let row = q::find_for_update(conn, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !visible(conn, access::scope(principal), &row).await? {
        return Err(ApiError::NotFound);
    }
    access::check_write(principal, row.council_id)?;
    Ok(row)
}

/// Locks a part and its recommendation for a write, with the same answers as [`lock_for_write`].
async fn lock_part_for_write(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
) -> Result<(q::Recommendation, q::Part), ApiError> {
    let part = q::find_part(conn, id).await?.ok_or(ApiError::NotFound)?;
    let recommendation = lock_for_write(conn, principal, part.recommendation_id).await?;
    let part = q::find_part_for_update(conn, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((recommendation, part))
}

fn refuse_if_withdrawn(row: &q::Recommendation) -> Result<(), ApiError> {
    if row.status == "withdrawn" {
        return Err(ApiError::conflict(
            "The recommendation is withdrawn; it is kept as it was.",
        ));
    }
    Ok(())
}

async fn check_number_free(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    number: &str,
    except: Option<Uuid>,
) -> Result<(), ApiError> {
    if q::number_taken(conn, review_id, number, except).await? {
        return Err(ApiError::conflict(format!(
            "The review already has a recommendation {number}."
        )));
    }
    Ok(())
}

async fn check_label_free(
    conn: &mut AsyncPgConnection,
    recommendation_id: Uuid,
    label: &str,
    except: Option<Uuid>,
) -> Result<(), ApiError> {
    if q::label_taken(conn, recommendation_id, label, except).await? {
        return Err(ApiError::conflict(format!(
            "The recommendation already has a part {label})."
        )));
    }
    Ok(())
}

async fn dto(
    conn: &mut AsyncPgConnection,
    row: q::Recommendation,
) -> Result<Recommendation, ApiError> {
    Ok(Recommendation::from(q::detail(conn, row).await?))
}

// ---------------------------------------------------------------------------------------------
// Lists

async fn list(
    state: &AppState,
    principal: &Principal,
    filter: q::Filter,
    page: &PageParams,
) -> Result<HttpResponse, ApiError> {
    let limit = page.limit()?;
    let after = decode_after(page, filter.sort)?;
    let mut conn = state.pool.get().await?;
    let (rows, more) = q::load_page(
        &mut conn,
        access::scope(principal),
        &filter,
        after.as_ref(),
        limit,
    )
    .await?;
    let next_cursor = more
        .then(|| {
            rows.last()
                .map(|d| encode_after(&d.recommendation, filter.sort))
        })
        .flatten();
    Ok(HttpResponse::Ok().json(Page {
        items: rows
            .into_iter()
            .map(Recommendation::from)
            .collect::<Vec<_>>(),
        next_cursor,
    }))
}

/// List recommendations across reviews, with their parts and actions.
#[utoipa::path(
    tag = "recommendations",
    params(RecommendationFilter, PageParams),
    responses((status = 200, description = "A page of recommendations", body = Page<Recommendation>), ListErrors),
    security(("bearer" = []))
)]
#[get("/recommendations")]
pub async fn list_recommendations(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<RecommendationFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let parsed = parse_filter(&filter)?;
    list(&state, &principal, parsed.filter, &page).await
}

/// List a review's recommendations in order, with their parts and actions.
#[utoipa::path(
    tag = "recommendations",
    params(("review_id" = Uuid, Path, description = "Review id"), RecommendationFilter, PageParams),
    responses((status = 200, description = "A page of the review's recommendations", body = Page<Recommendation>), ListErrors, ReadErrors),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/recommendations")]
pub async fn list_review_recommendations(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    filter: web::Query<RecommendationFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let review_id = review_id.into_inner();
    let mut parsed = parse_filter(&filter)?;
    {
        let mut conn = state.pool.get().await?;
        q::find_review(&mut conn, access::scope(&principal), review_id)
            .await?
            .ok_or(ApiError::NotFound)?;
    }
    parsed.filter.review_id = Some(review_id);
    list(&state, &principal, parsed.filter, &page).await
}

// ---------------------------------------------------------------------------------------------
// Recommendations

/// Add a recommendation to a review, after its last one. Its parts may be given, or split from a
/// text that lists them ("… : a) …; b) …").
#[utoipa::path(
    tag = "recommendations",
    params(("review_id" = Uuid, Path, description = "Review id")),
    request_body = CreateRecommendation,
    responses((status = 201, description = "Created", body = Recommendation), CreateErrors, ReadErrors),
    security(("bearer" = []))
)]
#[post("/reviews/{review_id}/recommendations")]
pub async fn create_recommendation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    body: ValidJson<CreateRecommendation>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let body = body.into_inner();
    let review_id = review_id.into_inner();
    let mut errors = ValidationErrors::new();
    let number = number(&mut errors, &body.number);
    let mut lead = text(&mut errors, "text", &body.text);
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut labels = HashSet::new();
    for (i, part) in body.parts.iter().flatten().enumerate() {
        let l = label(&mut errors, &format!("parts[{i}].label"), &part.label);
        let t = text(&mut errors, &format!("parts[{i}].text"), &part.text);
        if let Some(l) = &l {
            if !labels.insert(l.clone()) {
                errors.add(format!("parts[{i}].label"), "is given twice");
            }
        }
        if let (Some(l), Some(t)) = (l, t) {
            parts.push((l, t));
        }
    }
    let no_parts_given = body.parts.as_ref().is_none_or(Vec::is_empty);
    if body.split_parts == Some(true) && no_parts_given {
        if let Some(whole) = &lead {
            let (lead_in, split) = split_parts(whole);
            if !split.is_empty() {
                lead = Some(lead_in).filter(|s| !s.is_empty());
                if lead.is_none() {
                    errors.add("text", "has parts but no lead-in text before them");
                }
                for (l, t) in &split {
                    if t.is_empty() {
                        errors.add("text", format!("part {l}) has no text"));
                    }
                }
                parts = split
                    .into_iter()
                    .map(|(l, t)| (l.as_str().to_owned(), t))
                    .collect();
            }
        }
    }
    errors.into_result()?;
    let (number, lead) = (number.expect("checked"), lead.expect("checked"));
    let mut conn = state.pool.get().await?;
    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let review = q::find_review(conn, access::scope(&principal), review_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            access::check_write(&principal, review.council_id)?;
            let review = q::find_review_for_update(conn, review.id)
                .await?
                .ok_or(ApiError::NotFound)?;
            if review.status == "withdrawn" {
                return Err(ApiError::conflict(
                    "The review is withdrawn; it takes no new recommendations.",
                ));
            }
            check_number_free(conn, review.id, &number, None).await?;
            let position = q::next_position(conn, review.id).await?;
            let row = q::insert(
                conn,
                &NewRecommendation {
                    id: Uuid::now_v7(),
                    council_id: review.council_id,
                    review_id: review.id,
                    number: &number,
                    position,
                    text: &lead,
                },
            )
            .await?;
            for (i, (l, t)) in parts.iter().enumerate() {
                let part = q::insert_part(
                    conn,
                    &NewPart {
                        id: Uuid::now_v7(),
                        recommendation_id: row.id,
                        label: l,
                        position: i as i32 + 1,
                        text: t,
                    },
                )
                .await?;
                let part = RecommendationPart::from(part);
                audit::created(
                    conn,
                    &principal,
                    "recommendation_part.created",
                    "recommendation_part",
                    part.id,
                    &part,
                )
                .await?;
            }
            let dto = dto(conn, row).await?;
            audit::created(
                conn,
                &principal,
                "recommendation.created",
                "recommendation",
                dto.id,
                &dto,
            )
            .await?;
            Ok(dto)
        })
        .await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}

/// Read one recommendation, with its parts and actions.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation id")),
    responses((status = 200, description = "The recommendation, with its ETag", body = Recommendation), ReadErrors),
    security(("bearer" = []))
)]
#[get("/recommendations/{id}")]
pub async fn get_recommendation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let row = q::find(&mut conn, access::scope(&principal), id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    let dto = dto(&mut conn, row).await?;
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}

/// Change a recommendation's number, text or position.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateRecommendation,
    responses((status = 200, description = "Updated", body = Recommendation), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/recommendations/{id}")]
pub async fn update_recommendation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateRecommendation>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let number = body.number.as_deref().and_then(|n| number(&mut errors, n));
    let new_text = body
        .text
        .as_deref()
        .and_then(|t| text(&mut errors, "text", t));
    let position = position(&mut errors, "position", body.position);
    errors.into_result()?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let before = lock_for_write(conn, &principal, id).await?;
            if_match.check(before.version)?;
            refuse_if_withdrawn(&before)?;
            if let Some(n) = &number {
                check_number_free(conn, before.review_id, n, Some(id)).await?;
            }
            let before = dto(conn, before).await?;
            let row = q::update(
                conn,
                id,
                &RecommendationChanges {
                    number,
                    text: new_text,
                    position,
                },
            )
            .await?;
            let after = dto(conn, row).await?;
            audit::changed(
                conn,
                &principal,
                "recommendation.updated",
                "recommendation",
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

/// Withdraw a recommendation. It is kept, with the reason, and shows as withdrawn.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = RecommendationReason,
    responses((status = 200, description = "Withdrawn", body = Recommendation), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/recommendations/{id}/withdrawal")]
pub async fn withdraw_recommendation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<RecommendationReason>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let reason = reason(body.into_inner())?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let before = lock_for_write(conn, &principal, id).await?;
            if_match.check(before.version)?;
            refuse_if_withdrawn(&before)?;
            let before = dto(conn, before).await?;
            let row = q::withdraw(conn, id, &reason).await?;
            let after = dto(conn, row).await?;
            audit::changed(
                conn,
                &principal,
                "recommendation.withdrawn",
                "recommendation",
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
    principal.require(ANY_ROLE)?;
    let reason = reason(body.into_inner())?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let before = lock_for_write(conn, &principal, id).await?;
            if_match.check(before.version)?;
            if before.status != "open" {
                return Err(ApiError::Conflict {
                    detail: format!(
                        "The recommendation is {}; only an open one can be closed.",
                        before.status
                    ),
                    allowed: Vec::new(),
                });
            }
            let before = dto(conn, before).await?;
            let row = q::close(conn, id, &reason).await?;
            let after = dto(conn, row).await?;
            audit::changed(
                conn,
                &principal,
                "recommendation.closed",
                "recommendation",
                id,
                &before,
                &after,
            )
            .await?;
            // The last one closed signs the plan off.
            scrutiny_app::progress::follow::after_recommendation_closed(
                &mut scrutiny_app::Ctx::borrowed(conn, principal.clone()),
                after.review_id,
                chrono::Utc::now().date_naive(),
            )
            .await?;
            Ok(after)
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}

/// A recommendation's changes, newest first.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation id"), PageParams),
    responses((status = 200, description = "Audit events of the recommendation", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/recommendations/{id}/history")]
pub async fn recommendation_history(
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
    Ok(HttpResponse::Ok().json(history::page(&mut conn, "recommendation", row.id, &page).await?))
}

// ---------------------------------------------------------------------------------------------
// Parts

/// Add a part to a recommendation, after its last one.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation id")),
    request_body = NewPartInput,
    responses((status = 201, description = "Created", body = RecommendationPart), CreateErrors, ReadErrors),
    security(("bearer" = []))
)]
#[post("/recommendations/{id}/parts")]
pub async fn create_recommendation_part(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<NewPartInput>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let new_label = label(&mut errors, "label", &body.label);
    let new_text = text(&mut errors, "text", &body.text);
    errors.into_result()?;
    let (new_label, new_text) = (new_label.expect("checked"), new_text.expect("checked"));
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let recommendation = lock_for_write(conn, &principal, id).await?;
            refuse_if_withdrawn(&recommendation)?;
            check_label_free(conn, id, &new_label, None).await?;
            let position = q::next_part_position(conn, id).await?;
            let row = q::insert_part(
                conn,
                &NewPart {
                    id: Uuid::now_v7(),
                    recommendation_id: id,
                    label: &new_label,
                    position,
                    text: &new_text,
                },
            )
            .await?;
            let dto = RecommendationPart::from(row);
            audit::created(
                conn,
                &principal,
                "recommendation_part.created",
                "recommendation_part",
                dto.id,
                &dto,
            )
            .await?;
            Ok(dto)
        })
        .await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}

/// Read one part of a recommendation.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation part id")),
    responses((status = 200, description = "The part, with its ETag", body = RecommendationPart), ReadErrors),
    security(("bearer" = []))
)]
#[get("/recommendation-parts/{id}")]
pub async fn get_recommendation_part(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let part = q::find_part(&mut conn, id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    q::find(&mut conn, access::scope(&principal), part.recommendation_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let dto = RecommendationPart::from(part);
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}

/// Change a part's label, text or position.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation part id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateRecommendationPart,
    responses((status = 200, description = "Updated", body = RecommendationPart), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/recommendation-parts/{id}")]
pub async fn update_recommendation_part(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateRecommendationPart>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let new_label = body
        .label
        .as_deref()
        .and_then(|l| label(&mut errors, "label", l));
    let new_text = body
        .text
        .as_deref()
        .and_then(|t| text(&mut errors, "text", t));
    let position = position(&mut errors, "position", body.position);
    errors.into_result()?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let (recommendation, before) = lock_part_for_write(conn, &principal, id).await?;
            if_match.check(before.version)?;
            refuse_if_withdrawn(&recommendation)?;
            if before.withdrawn_reason.is_some() {
                return Err(ApiError::conflict(
                    "The part is withdrawn; it is kept as it was.",
                ));
            }
            if let Some(l) = &new_label {
                check_label_free(conn, recommendation.id, l, Some(id)).await?;
            }
            let before = RecommendationPart::from(before);
            let row = q::update_part(
                conn,
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
                conn,
                &principal,
                "recommendation_part.updated",
                "recommendation_part",
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

/// Withdraw a part. It is kept, with the reason.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation part id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = RecommendationReason,
    responses((status = 200, description = "Withdrawn", body = RecommendationPart), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/recommendation-parts/{id}/withdrawal")]
pub async fn withdraw_recommendation_part(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<RecommendationReason>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let reason = reason(body.into_inner())?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let (_, before) = lock_part_for_write(conn, &principal, id).await?;
            if_match.check(before.version)?;
            if before.withdrawn_reason.is_some() {
                return Err(ApiError::conflict("The part is already withdrawn."));
            }
            let before = RecommendationPart::from(before);
            let row = q::withdraw_part(conn, id, &reason).await?;
            let after = RecommendationPart::from(row);
            audit::changed(
                conn,
                &principal,
                "recommendation_part.withdrawn",
                "recommendation_part",
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

/// A part's changes, newest first.
#[utoipa::path(
    tag = "recommendations",
    params(("id" = Uuid, Path, description = "Recommendation part id"), PageParams),
    responses((status = 200, description = "Audit events of the part", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/recommendation-parts/{id}/history")]
pub async fn recommendation_part_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let part = q::find_part(&mut conn, id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    q::find(&mut conn, access::scope(&principal), part.recommendation_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok()
        .json(history::page(&mut conn, "recommendation_part", part.id, &page).await?))
}
