//! Progress rounds: one monitoring update of one review ("November 2022"), with the committee
//! meeting it goes to, a deadline for partners and the recommendations it covers (DOMAIN.md rules
//! 5 and 6). Opening a round makes one draft entry per covered recommendation (and, on request,
//! per part) for the organisation responsible for it. Also the dashboard.
use crate::access;
use crate::audit;
use crate::auth::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::auth::{Auth, Principal};
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, IfMatch, PageParams, ValidJson};
use crate::openapi::{CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::audit_events::AuditEvent;
use crate::routes::history;
use crate::routes::progress_entries::{self as entries, ProgressEntry};
use crate::routes::types::{double_option, with_etag, Page};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use scrutiny_app::input::{optional_text, stored_date};
use scrutiny_db::queries::action_plans as plan_q;
use scrutiny_db::queries::progress::{
    self as q, NewEntry, NewRound, Round, RoundChanges, RoundFilter,
};
use scrutiny_db::queries::reviews as review_q;
use scrutiny_db::scope::Scope;
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::progress as rules;
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub const LABEL_MAX: usize = 200;
/// "Due soon": within this many days.
pub const DUE_SOON_DAYS: u32 = 45;

/// How many of a round's entries are in each state.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct StateCounts {
    pub total: i64,
    pub draft: i64,
    pub submitted: i64,
    pub returned: i64,
    pub validated: i64,
    pub accepted: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgressRound {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    pub committee_id: Uuid,
    /// 1 for the review's first round.
    pub sequence: i32,
    #[schema(example = "November 2022")]
    pub label: String,
    /// The committee meeting the update goes to.
    pub meeting_date: Option<NaiveDate>,
    /// When partners' entries are due.
    pub deadline: NaiveDate,
    /// open or closed (the committee has accepted every entry).
    pub status: String,
    pub minute_reference: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The entries the caller can see, by state.
    pub entries: StateCounts,
    /// The deadline has passed and entries are still owed.
    pub overdue: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

fn round_dto(row: Round, counts: StateCounts, today: NaiveDate) -> ProgressRound {
    let owed = counts.draft + counts.returned;
    ProgressRound {
        overdue: row.status == "open" && today > row.deadline && owed > 0,
        id: row.id,
        council_id: row.council_id,
        review_id: row.review_id,
        committee_id: row.committee_id,
        sequence: row.sequence,
        label: row.label,
        meeting_date: row.meeting_date,
        deadline: row.deadline,
        status: row.status,
        minute_reference: row.minute_reference,
        closed_at: row.closed_at,
        entries: counts,
        created_at: row.created_at,
        updated_at: row.updated_at,
        version: row.version,
    }
}

/// The rounds with their entry counts (one query for all the counts). Partners count only their
/// organisation's entries; viewers only accepted ones.
async fn round_dtos(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    rows: Vec<Round>,
) -> Result<Vec<ProgressRound>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut counts: HashMap<Uuid, StateCounts> = HashMap::new();
    let own = match access::scope(principal) {
        Scope::Responsible(org) => Some(org),
        _ => None,
    };
    let tallies = match own {
        None => q::round_state_counts(conn, &ids).await?,
        Some(org) => q::round_state_counts_for(conn, &ids, org).await?,
    };
    let viewer = entries::accepted_only(principal);
    for (round, state, n) in tallies {
        if viewer && state != "accepted" {
            continue;
        }
        let c = counts.entry(round).or_default();
        c.total += n;
        match state.as_str() {
            "draft" => c.draft += n,
            "submitted" => c.submitted += n,
            "returned" => c.returned += n,
            "validated" => c.validated += n,
            "accepted" => c.accepted += n,
            _ => {}
        }
    }
    let today = Utc::now().date_naive();
    Ok(rows
        .into_iter()
        .map(|r| {
            let c = counts.remove(&r.id).unwrap_or_default();
            round_dto(r, c, today)
        })
        .collect())
}

async fn round_dto_one(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    row: Round,
) -> Result<ProgressRound, ApiError> {
    round_dtos(conn, principal, vec![row])
        .await?
        .pop()
        .ok_or_else(|| ApiError::internal("a round went missing"))
}

/// The round, when the caller may see it: council staff of its council, partners with an entry
/// in it.
pub(crate) async fn round_for_read(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
) -> Result<Round, ApiError> {
    let round = q::find_round(conn, id).await?.ok_or(ApiError::NotFound)?;
    match access::scope(principal) {
        Scope::All => {}
        Scope::Council(council) => {
            access::check_council_visible(Scope::Council(council), round.council_id)?
        }
        Scope::Responsible(org) => {
            if !q::organisation_in_round(conn, round.id, org).await? {
                return Err(ApiError::NotFound);
            }
        }
    }
    Ok(round)
}

// ---------------------------------------------------------------------------------------------
// Opening a round

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProgressRound {
    /// As papers name the update; by default the month of the meeting (or of the deadline):
    /// "November 2022".
    #[schema(example = "November 2022")]
    pub label: Option<String>,
    /// When partners' entries are due.
    pub deadline: NaiveDate,
    /// The committee meeting the update goes to.
    pub meeting_date: Option<NaiveDate>,
    /// The recommendations to cover; by default every one still open (all of them in the first
    /// round; later, those not yet closed).
    pub recommendation_ids: Option<Vec<Uuid>>,
    /// Also ask for an entry per part of recommendations that have parts (each graded on its
    /// own; the recommendation's suggested grade is the worst of them).
    #[serde(default)]
    pub include_parts: bool,
}

/// A review's next round as the rules propose it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoundProposal {
    pub sequence: i32,
    #[schema(example = "March 2023")]
    pub label: String,
    /// When the update is due, as precise as its basis: `2023-03` (a month) or a day.
    #[schema(example = "2023-03")]
    pub due: String,
    /// The due date as documents write it.
    #[schema(example = "March 2023")]
    pub due_display: String,
    /// A deadline for partners: the due date (the last day of a month-precision one).
    pub deadline: NaiveDate,
    /// Why: "12 months after the action plan was agreed (March 2022)".
    pub basis: String,
    /// The recommendations it would cover (those still open).
    pub recommendation_ids: Vec<Uuid>,
}

/// Open a progress round for a review: one draft entry for each covered recommendation, for the
/// organisation its actions name first (the council itself when none). Only one round of a review
/// is open at a time; the action plan must be agreed. The review moves to "monitoring".
#[utoipa::path(
    tag = "progress",
    params(("review_id" = Uuid, Path, description = "Review id")),
    request_body = NewProgressRound,
    responses((status = 201, description = "Opened", body = ProgressRound), CreateErrors, ReadErrors),
    security(("bearer" = []))
)]
#[post("/reviews/{review_id}/progress-rounds")]
pub async fn open_progress_round(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    body: ValidJson<NewProgressRound>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let review_id = review_id.into_inner();
    let mut errors = ValidationErrors::new();
    let label = optional_text(&mut errors, "label", body.label.as_deref(), LABEL_MAX);
    if let Some(meeting) = body.meeting_date {
        if meeting < body.deadline {
            errors.add(
                "meeting_date",
                "must not be before the deadline for partners",
            );
        }
    }
    errors.into_result()?;
    let label = label.unwrap_or_else(|| {
        body.meeting_date
            .unwrap_or(body.deadline)
            .format("%B %Y")
            .to_string()
    });
    let mut conn = state.pool.get().await?;
    let round = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let review = review_q::find_for_update(conn, review_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            access::check_write(&principal, review.council_id)?;
            if matches!(review.status.as_str(), "withdrawn" | "signed_off") {
                return Err(ApiError::conflict(format!(
                    "The review is {}; it takes no more progress rounds.",
                    review.status.replace('_', " ")
                )));
            }
            let plan = plan_q::find_visible(conn, plan_q::PlanKey::Review(review.id), Scope::All).await?;
            match plan.as_ref().map(|p| p.status.as_str()) {
                Some("agreed") => {}
                Some("signed_off") => {
                    return Err(ApiError::conflict(
                        "The action plan is signed off; nothing is left to monitor.",
                    ))
                }
                _ => {
                    return Err(ApiError::conflict(
                        "The review's action plan is not agreed yet; progress is monitored against an agreed plan.",
                    ))
                }
            }
            let previous = q::rounds_of_review(conn, review.id).await?;
            if let Some(open) = previous.iter().find(|r| r.status == "open") {
                return Err(ApiError::conflict(format!(
                    "The round \"{}\" of this review is still open; the committee must accept it first.",
                    open.label
                )));
            }
            let coverable = q::coverable(conn, review.id).await?;
            let chosen: Vec<&q::Coverable> = match &body.recommendation_ids {
                None => coverable.iter().filter(|c| c.status == "open").collect(),
                Some(ids) => {
                    let mut errors = ValidationErrors::new();
                    let mut out = Vec::new();
                    for (i, id) in ids.iter().enumerate() {
                        match coverable.iter().find(|c| c.id == *id) {
                            None => errors.add(
                                format!("recommendation_ids[{i}]"),
                                "is not a recommendation of this review",
                            ),
                            Some(c) if c.status != "open" => errors.add(
                                format!("recommendation_ids[{i}]"),
                                format!("is {}; only open recommendations are monitored", c.status),
                            ),
                            Some(c) if out.iter().any(|o: &&q::Coverable| o.id == c.id) => errors
                                .add(format!("recommendation_ids[{i}]"), "is listed twice"),
                            Some(c) => out.push(c),
                        }
                    }
                    errors.into_result()?;
                    // In the review's order, whatever the order given.
                    out.sort_by_key(|c| coverable.iter().position(|x| x.id == c.id));
                    out
                }
            };
            if chosen.is_empty() {
                return Err(ApiError::conflict(
                    "No recommendation of the review is outstanding; there is nothing to report on.",
                ));
            }
            let sequence = previous.last().map_or(1, |r| r.sequence + 1);
            let round = q::insert_round(
                conn,
                &NewRound {
                    id: Uuid::now_v7(),
                    council_id: review.council_id,
                    review_id: review.id,
                    committee_id: review.committee_id,
                    sequence,
                    label: &label,
                    meeting_date: body.meeting_date,
                    deadline: body.deadline,
                },
            )
            .await?;
            let reporting = q::reporting_organisations(conn, review.id).await?;
            let mut new = Vec::new();
            for c in &chosen {
                let organisation = reporting
                    .get(&(c.id, None))
                    .copied()
                    .unwrap_or(review.council_id);
                new.push(NewEntry {
                    id: Uuid::now_v7(),
                    council_id: review.council_id,
                    review_id: review.id,
                    round_id: round.id,
                    recommendation_id: c.id,
                    part_id: None,
                    organisation_id: Some(organisation),
                });
                if body.include_parts {
                    for part in &c.parts {
                        new.push(NewEntry {
                            id: Uuid::now_v7(),
                            council_id: review.council_id,
                            review_id: review.id,
                            round_id: round.id,
                            recommendation_id: c.id,
                            part_id: Some(*part),
                            organisation_id: Some(
                                reporting
                                    .get(&(c.id, Some(*part)))
                                    .copied()
                                    .unwrap_or(organisation),
                            ),
                        });
                    }
                }
            }
            let created = q::insert_entries(conn, &new).await?;
            if review.status == "action_plan_agreed" {
                scrutiny_app::reviews::advance(
                    &mut scrutiny_app::Ctx::borrowed(conn, principal.clone()),
                    review.id,
                    scrutiny_domain::records::ReviewStatus::Monitoring,
                    Some("progress round opened"),
                )
                .await?;
            }
            let dto = round_dto_one(conn, &principal, round).await?;
            let mut snapshot = audit::snapshot(&dto);
            if let Some(serde_json::Value::Object(map)) = &mut snapshot {
                map.insert(
                    "entry_ids".to_owned(),
                    serde_json::json!(created.iter().map(|e| e.id).collect::<Vec<_>>()),
                );
            }
            scrutiny_db::queries::audit::record(
                conn,
                &audit::event(&principal, "progress_round.opened", "progress_round", dto.id, None, snapshot),
            )
            .await?;
            for entry in &created {
                scrutiny_db::queries::audit::record(
                    conn,
                    &audit::event(
                        &principal,
                        "progress_entry.created",
                        "progress_entry",
                        entry.id,
                        None,
                        Some(serde_json::json!({
                            "round_id": entry.round_id,
                            "recommendation_id": entry.recommendation_id,
                            "part_id": entry.part_id,
                            "organisation_id": entry.organisation_id,
                            "state": entry.state,
                        })),
                    ),
                )
                .await?;
            }
            Ok(dto)
        })
        .await?;
    Ok(with_etag(HttpResponse::Created(), round.version, &round))
}

/// The next round of a review as the rules propose it: the first about 12 months (a council
/// setting) after the action plan was agreed; later ones at the committee's interval after the
/// previous round's meeting.
#[utoipa::path(
    tag = "progress",
    params(("review_id" = Uuid, Path, description = "Review id")),
    responses((status = 200, description = "The proposal", body = RoundProposal), ReadErrors, (status = 409, description = "No agreed plan or nothing outstanding")),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/progress-rounds/next")]
pub async fn propose_progress_round(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let mut conn = state.pool.get().await?;
    let review = review_q::find(&mut conn, access::scope(&principal), review_id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    let plan = plan_q::find_visible(&mut conn, plan_q::PlanKey::Review(review.id), Scope::All)
        .await?
        .filter(|p| p.status == "agreed")
        .ok_or_else(|| ApiError::conflict("The review has no agreed action plan to monitor."))?;
    let previous = q::rounds_of_review(&mut conn, review.id).await?;
    let outstanding: Vec<Uuid> = q::coverable(&mut conn, review.id)
        .await?
        .into_iter()
        .filter(|c| c.status == "open")
        .map(|c| c.id)
        .collect();
    if outstanding.is_empty() {
        return Err(ApiError::conflict(
            "No recommendation of the review is outstanding.",
        ));
    }
    let (due, basis) = match previous.last() {
        None => {
            let agreed = stored_date(plan.agreed_on, plan.agreed_on_precision.as_deref())
                .ok_or_else(|| {
                    ApiError::conflict("The action plan has no agreed date to count from.")
                })?;
            let months = q::council_progress_settings(&mut conn, review.council_id)
                .await?
                .map_or(rules::FIRST_ROUND_MONTHS as i32, |(_, m)| m);
            let due = rules::first_round_due(agreed, months as u32).map_err(ApiError::internal)?;
            (
                due,
                format!("{months} months after the action plan was agreed ({agreed})"),
            )
        }
        Some(last) => {
            let committee = scrutiny_db::queries::committees::find(&mut conn, review.committee_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let from = last.meeting_date.unwrap_or(last.deadline);
            let due = rules::next_round_due(from, committee.update_interval_months as u32)
                .map_err(ApiError::internal)?;
            (
                PartialDate::from(due),
                format!(
                    "{} months (the committee's interval) after the previous round's {} ({})",
                    committee.update_interval_months,
                    if last.meeting_date.is_some() {
                        "meeting"
                    } else {
                        "deadline"
                    },
                    from.format("%-d %B %Y")
                ),
            )
        }
    };
    let proposal = RoundProposal {
        sequence: previous.last().map_or(1, |r| r.sequence + 1),
        label: format!("{} {}", month_name(due.first_day()), due.first_day().year()),
        due: due.to_iso(),
        due_display: due.to_string(),
        deadline: due.last_day(),
        basis,
        recommendation_ids: outstanding,
    };
    Ok(HttpResponse::Ok().json(proposal))
}

fn month_name(day: NaiveDate) -> String {
    day.format("%B").to_string()
}

// ---------------------------------------------------------------------------------------------
// Reading and changing rounds

/// A review's rounds, first first, with their entry counts.
#[utoipa::path(
    tag = "progress",
    params(("review_id" = Uuid, Path, description = "Review id")),
    responses((status = 200, description = "The review's rounds", body = Vec<ProgressRound>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/progress-rounds")]
pub async fn list_review_progress_rounds(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let review = review_q::find(&mut conn, access::scope(&principal), review_id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut rows = q::rounds_of_review(&mut conn, review.id).await?;
    if let Scope::Responsible(org) = access::scope(&principal) {
        let mut visible = Vec::new();
        for row in rows {
            if q::organisation_in_round(&mut conn, row.id, org).await? {
                visible.push(row);
            }
        }
        rows = visible;
    }
    Ok(HttpResponse::Ok().json(round_dtos(&mut conn, &principal, rows).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    pub review_id: Option<Uuid>,
    pub committee_id: Option<Uuid>,
    /// open or closed.
    pub status: Option<String>,
    /// Deadlines on or after this day.
    pub deadline_from: Option<NaiveDate>,
    /// Deadlines on or before this day.
    pub deadline_to: Option<NaiveDate>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Progress rounds the caller may see, by deadline.
#[utoipa::path(
    tag = "progress",
    params(RoundQuery),
    responses((status = 200, description = "A page of rounds", body = Page<ProgressRound>), ListErrors),
    security(("bearer" = []))
)]
#[get("/progress-rounds")]
pub async fn list_progress_rounds(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    query: web::Query<RoundQuery>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let query = query.into_inner();
    let params = PageParams {
        limit: query.limit,
        cursor: query.cursor,
    };
    let limit = params.limit()?;
    let after = params.decode_cursor::<(NaiveDate, Uuid)>()?;
    if let Some(status) = &query.status {
        if status != "open" && status != "closed" {
            return Err(ApiError::invalid("status", "must be open or closed"));
        }
    }
    let filter = RoundFilter {
        review_id: query.review_id,
        committee_id: query.committee_id,
        status: query.status,
        deadline_from: query.deadline_from,
        deadline_to: query.deadline_to,
    };
    let mut conn = state.pool.get().await?;
    let rows = q::list_rounds(&mut conn, access::scope(&principal), &filter, after, limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(r.deadline, r.id)));
    Ok(HttpResponse::Ok().json(Page {
        items: round_dtos(&mut conn, &principal, rows).await?,
        next_cursor,
    }))
}

/// One round.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Round id")),
    responses((status = 200, description = "The round, with its ETag", body = ProgressRound), ReadErrors),
    security(("bearer" = []))
)]
#[get("/progress-rounds/{id}")]
pub async fn get_progress_round(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let round = round_for_read(&mut conn, &principal, id.into_inner()).await?;
    let body = round_dto_one(&mut conn, &principal, round).await?;
    Ok(with_etag(HttpResponse::Ok(), body.version, &body))
}

/// The round's entries the caller may see, in the review's order (recommendation, then part).
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Round id")),
    responses((status = 200, description = "The entries", body = Vec<ProgressEntry>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/progress-rounds/{id}/entries")]
pub async fn list_round_entries(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let round = round_for_read(&mut conn, &principal, id.into_inner()).await?;
    let viewer = entries::accepted_only(&principal);
    let own = match access::scope(&principal) {
        Scope::Responsible(org) => Some(org),
        _ => None,
    };
    let rows: Vec<q::Entry> = q::entries_of_round(&mut conn, round.id)
        .await?
        .into_iter()
        .filter(|e| !viewer || e.state == "accepted")
        .filter(|e| own.is_none() || e.organisation_id == own)
        .collect();
    Ok(HttpResponse::Ok().json(entries::dtos(&mut conn, &principal, rows).await?))
}

/// Absent fields are left alone; `null` clears a nullable one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateProgressRound {
    pub label: Option<String>,
    pub deadline: Option<NaiveDate>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub meeting_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub minute_reference: Option<Option<String>>,
}

/// Change a round's label, deadline, meeting date or minute reference.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Round id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateProgressRound,
    responses((status = 200, description = "Changed", body = ProgressRound), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/progress-rounds/{id}")]
pub async fn update_progress_round(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateProgressRound>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let round = q::lock_round(conn, id).await?.ok_or(ApiError::NotFound)?;
            access::check_write(&principal, round.council_id)?;
            if_match.check(round.version)?;
            let mut errors = ValidationErrors::new();
            let mut changes = RoundChanges::default();
            if let Some(label) = &body.label {
                match optional_text(&mut errors, "label", Some(label), LABEL_MAX) {
                    Some(l) => changes.label = Some(l),
                    None => errors.add("label", "must not be blank"),
                }
            }
            changes.deadline = body.deadline;
            changes.meeting_date = body.meeting_date;
            if let Some(minute) = &body.minute_reference {
                changes.minute_reference = Some(optional_text(
                    &mut errors,
                    "minute_reference",
                    minute.as_deref(),
                    200,
                ));
            }
            let deadline = changes.deadline.unwrap_or(round.deadline);
            let meeting = changes.meeting_date.unwrap_or(round.meeting_date);
            if meeting.is_some_and(|m| m < deadline) {
                errors.add(
                    "meeting_date",
                    "must not be before the deadline for partners",
                );
            }
            errors.into_result()?;
            let before = round_dto_one(conn, &principal, round).await?;
            let row = q::update_round(conn, id, &changes).await?;
            let after = round_dto_one(conn, &principal, row).await?;
            audit::changed(
                conn,
                &principal,
                "progress_round.updated",
                "progress_round",
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddRoundEntry {
    pub recommendation_id: Uuid,
    /// For an entry on one part of the recommendation.
    pub part_id: Option<Uuid>,
    /// Who reports; by default the organisation the recommendation's actions name first.
    pub organisation_id: Option<Uuid>,
}

/// Add a recommendation (or one of its parts) to an open round.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Round id")),
    request_body = AddRoundEntry,
    responses((status = 201, description = "Added", body = ProgressEntry), CreateErrors, ReadErrors),
    security(("bearer" = []))
)]
#[post("/progress-rounds/{id}/entries")]
pub async fn add_round_entry(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<AddRoundEntry>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let round = q::lock_round(conn, id).await?.ok_or(ApiError::NotFound)?;
            access::check_write(&principal, round.council_id)?;
            if round.status != "open" {
                return Err(ApiError::conflict(
                    "The round is closed; it takes no more entries.",
                ));
            }
            let coverable = q::coverable(conn, round.review_id).await?;
            let Some(rec) = coverable.iter().find(|c| c.id == body.recommendation_id) else {
                return Err(ApiError::invalid(
                    "recommendation_id",
                    "is not a recommendation of the round's review",
                ));
            };
            if rec.status != "open" {
                return Err(ApiError::invalid(
                    "recommendation_id",
                    format!("is {}; only open recommendations are monitored", rec.status),
                ));
            }
            if let Some(part) = body.part_id {
                if !rec.parts.contains(&part) {
                    return Err(ApiError::invalid(
                        "part_id",
                        "is not a current part of the recommendation",
                    ));
                }
            }
            if let Some(org) = body.organisation_id {
                if scrutiny_db::queries::organisations::find(conn, org)
                    .await?
                    .is_none()
                {
                    return Err(ApiError::invalid(
                        "organisation_id",
                        "is not an organisation",
                    ));
                }
            }
            let reporting = q::reporting_organisations(conn, round.review_id).await?;
            let organisation = body
                .organisation_id
                .or_else(|| reporting.get(&(rec.id, body.part_id)).copied())
                .or_else(|| reporting.get(&(rec.id, None)).copied())
                .unwrap_or(round.council_id);
            let inserted = q::insert_entries(
                conn,
                &[NewEntry {
                    id: Uuid::now_v7(),
                    council_id: round.council_id,
                    review_id: round.review_id,
                    round_id: round.id,
                    recommendation_id: rec.id,
                    part_id: body.part_id,
                    organisation_id: Some(organisation),
                }],
            )
            .await
            .map_err(|e| match e {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                ) => ApiError::conflict("The round already covers it."),
                other => other.into(),
            })?;
            let entry = inserted
                .into_iter()
                .next()
                .ok_or_else(|| ApiError::internal("no entry inserted"))?;
            let dto = entries::dto(conn, &principal, entry).await?;
            audit::created(
                conn,
                &principal,
                "progress_entry.created",
                "progress_entry",
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

/// A round's changes, newest first. For council staff: the snapshots count every organisation's
/// entries.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Round id"), PageParams),
    responses((status = 200, description = "Audit events of the round", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/progress-rounds/{id}/history")]
pub async fn progress_round_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let mut conn = state.pool.get().await?;
    let round = round_for_read(&mut conn, &principal, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(history::page(&mut conn, "progress_round", round.id, &page).await?))
}

// ---------------------------------------------------------------------------------------------
// What follows from acceptance and closure

/// Closes the round when every recommendation-level entry of it is accepted.
pub(crate) async fn close_round_if_done(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    round_id: Uuid,
) -> Result<(), ApiError> {
    let Some(round) = q::lock_round(conn, round_id).await? else {
        return Ok(());
    };
    if round.status != "open" {
        return Ok(());
    }
    let entries = q::entries_of_round(conn, round.id).await?;
    let done = entries
        .iter()
        .filter(|e| e.part_id.is_none())
        .all(|e| e.state == "accepted");
    if !done {
        return Ok(());
    }
    let before = round_dto_one(conn, principal, round).await?;
    let row = q::close_round(conn, round_id).await?;
    let after = round_dto_one(conn, principal, row).await?;
    audit::changed(
        conn,
        principal,
        "progress_round.closed",
        "progress_round",
        round_id,
        &before,
        &after,
    )
    .await?;
    Ok(())
}

/// After a recommendation of a review is closed (accepted at a closing grade, or closed by the
/// committee): when none is left outstanding, the action plan is signed off and the review moves to
/// "signed off" (DOMAIN.md rule 5).
pub(crate) async fn after_recommendation_closed(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    review_id: Uuid,
    on: NaiveDate,
) -> Result<(), ApiError> {
    let coverable = q::coverable(conn, review_id).await?;
    if coverable.is_empty() || coverable.iter().any(|c| c.status == "open") {
        return Ok(());
    }
    let reason = "Every recommendation is closed or withdrawn.";
    if q::sign_off_plan(conn, review_id, on, reason).await? == 0 {
        return Ok(());
    }
    if let Some(plan) =
        plan_q::find_visible(conn, plan_q::PlanKey::Review(review_id), Scope::All).await?
    {
        scrutiny_db::queries::audit::record(
            conn,
            &audit::event(
                principal,
                "action_plan.signed_off",
                "action_plan",
                plan.id,
                Some(serde_json::json!({ "status": "agreed" })),
                Some(serde_json::json!({ "status": plan.status, "signed_off_on": plan.signed_off_on, "signed_off_reason": plan.signed_off_reason, "version": plan.version })),
            ),
        )
        .await?;
    }
    scrutiny_app::reviews::advance(
        &mut scrutiny_app::Ctx::borrowed(conn, principal.clone()),
        review_id,
        scrutiny_domain::records::ReviewStatus::SignedOff,
        Some(reason),
    )
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Dashboard

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GradeCount {
    /// The entry's state.
    pub state: String,
    /// The current grade code; absent: not graded yet.
    pub grade: Option<String>,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DashboardGroup {
    /// The committee, review or organisation; absent for entries the council reports itself.
    pub id: Option<Uuid>,
    pub name: Option<String>,
    pub counts: Vec<GradeCount>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoundWork {
    pub round_id: Uuid,
    pub review_id: Uuid,
    pub review_title: String,
    pub label: String,
    pub deadline: NaiveDate,
    pub meeting_date: Option<NaiveDate>,
    /// Entries partners still owe (draft or returned).
    pub owed: i64,
    /// Submitted, awaiting an officer.
    pub to_assess: i64,
    /// Validated, awaiting the committee.
    pub to_accept: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Dashboard {
    /// The day the figures are for.
    pub on: NaiveDate,
    /// Recommendations in scope by status: open, closed, withdrawn.
    pub recommendations: BTreeMap<String, i64>,
    /// The latest report on each recommendation, by state and current grade.
    pub by_committee: Vec<DashboardGroup>,
    pub by_review: Vec<DashboardGroup>,
    pub by_organisation: Vec<DashboardGroup>,
    /// Open rounds whose deadline has passed with entries still owed.
    pub overdue_rounds: Vec<RoundWork>,
    /// Open rounds due in the next 45 days.
    pub due_soon_rounds: Vec<RoundWork>,
    /// Open actions with a milestone passed.
    pub overdue_actions: i64,
    /// Open actions with a milestone in the next 45 days.
    pub due_soon_actions: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// The day to count overdue and due-soon from; today by default.
    pub on: Option<NaiveDate>,
}

/// Counts by grade and state per committee, review and organisation; what is overdue and what
/// falls due in the next 45 days, in the caller's scope.
#[utoipa::path(
    tag = "progress",
    params(DashboardQuery),
    responses((status = 200, description = "The dashboard", body = Dashboard), ListErrors),
    security(("bearer" = []))
)]
#[get("/dashboard")]
pub async fn dashboard(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    query: web::Query<DashboardQuery>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let on = query.on.unwrap_or_else(|| Utc::now().date_naive());
    let until = on
        .checked_add_days(Days::new(DUE_SOON_DAYS.into()))
        .ok_or_else(|| ApiError::invalid("on", "is out of range"))?;
    let scope = access::scope(&principal);
    let viewer = entries::accepted_only(&principal);
    let mut conn = state.pool.get().await?;
    let counts = q::dashboard_counts(&mut conn, scope, viewer).await?;
    let statuses = q::recommendation_status_counts(&mut conn, scope).await?;
    let work = if viewer {
        Vec::new()
    } else {
        q::open_round_work(&mut conn, scope, until, 500).await?
    };
    let milestones = q::milestone_counts(&mut conn, scope, on, until).await?;
    let mut groups: BTreeMap<(String, Option<Uuid>), DashboardGroup> = BTreeMap::new();
    let mut order: Vec<(String, Option<Uuid>)> = Vec::new();
    for row in counts {
        let key = (row.dimension.clone(), row.key);
        let group = groups.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            DashboardGroup {
                id: row.key,
                name: row.name.clone(),
                counts: Vec::new(),
            }
        });
        group.counts.push(GradeCount {
            state: row.state,
            grade: row.grade,
            count: row.count,
        });
    }
    let mut by = |dimension: &str| -> Vec<DashboardGroup> {
        order
            .iter()
            .filter(|k| k.0 == dimension)
            .filter_map(|k| groups.remove(k))
            .collect()
    };
    let by_committee = by("committee");
    let by_review = by("review");
    let by_organisation = by("organisation");
    let to_work = |w: &q::RoundWork| RoundWork {
        round_id: w.round_id,
        review_id: w.review_id,
        review_title: w.review_title.clone(),
        label: w.label.clone(),
        deadline: w.deadline,
        meeting_date: w.meeting_date,
        owed: w.owed,
        to_assess: w.to_assess,
        to_accept: w.to_accept,
    };
    let body = Dashboard {
        on,
        recommendations: statuses.into_iter().map(|s| (s.status, s.count)).collect(),
        by_committee,
        by_review,
        by_organisation,
        overdue_rounds: work
            .iter()
            .filter(|w| w.deadline < on && w.owed > 0)
            .map(to_work)
            .collect(),
        due_soon_rounds: work
            .iter()
            .filter(|w| rules::due_within(w.deadline, on, DUE_SOON_DAYS))
            .map(to_work)
            .collect(),
        overdue_actions: milestones.overdue_actions,
        due_soon_actions: milestones.due_soon_actions,
    };
    Ok(HttpResponse::Ok().json(body))
}
