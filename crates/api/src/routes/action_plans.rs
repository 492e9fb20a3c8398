//! Action plans: one per review, with the date the committee agreed it ("March 2022"). A plan is
//! read whole (its actions in order, each with owners and milestones). Once agreed, every change
//! to the plan or its actions is an amendment: the caller says why, and the plan as it stood
//! before is kept.
use crate::access;
use crate::audit;
use crate::auth::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::auth::{Auth, Principal};
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, IfMatch, PageParams, ValidJson};
use crate::openapi::{ReadErrors, UpdateErrors};
use crate::routes::actions::{self, Action};
use crate::routes::audit_events::AuditEvent;
use crate::routes::history;
use crate::routes::types::{double_option, with_etag, Page};
use crate::state::AppState;
use actix_web::{get, patch, put, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};

use scrutiny_db::queries::action_plans::{
    self as q, ActionPlanChanges, NewActionPlan, NewAmendment, PlanKey,
};
use scrutiny_db::queries::actions as actions_q;
use scrutiny_db::queries::audit as audit_q;
use scrutiny_db::scope::Scope;
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub const TITLE_MAX: usize = 500;
pub use scrutiny_app::input::REASON_MAX;

/// A plan with its actions in order, each with its owners and milestones.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionPlan {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    #[schema(example = "Action plan: Review of Police Communications in Stockton-on-Tees")]
    pub title: Option<String>,
    /// When the committee agreed the plan, as given: ISO `2022-03` (a month) or `2022-03-15`.
    #[schema(example = "2022-03")]
    pub agreed_on: Option<String>,
    /// `month` or `day`.
    #[schema(example = "month")]
    pub agreed_on_precision: Option<String>,
    /// The agreed date as documents write it.
    #[schema(example = "March 2022")]
    pub agreed_on_display: Option<String>,
    /// draft, agreed or signed_off.
    #[schema(example = "agreed")]
    pub status: String,
    pub signed_off_on: Option<NaiveDate>,
    pub signed_off_reason: Option<String>,
    /// How many amendments were made after the plan was agreed.
    pub amendment_count: i32,
    pub actions: Vec<Action>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl ActionPlan {
    fn new(row: q::ActionPlan, actions: Vec<Action>) -> Self {
        let agreed = stored_date(row.agreed_on, row.agreed_on_precision.as_deref());
        Self {
            id: row.id,
            council_id: row.council_id,
            review_id: row.review_id,
            title: row.title,
            agreed_on: agreed.map(|d| d.to_iso()),
            agreed_on_precision: agreed.map(|d| d.precision().as_str().to_owned()),
            agreed_on_display: agreed.map(|d| d.to_string()),
            status: row.status,
            signed_off_on: row.signed_off_on,
            signed_off_reason: row.signed_off_reason,
            amendment_count: row.amendment_count,
            actions,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

/// One amendment of an agreed plan, with the plan as it stood before it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Amendment {
    pub id: Uuid,
    /// 1 for the first amendment after the plan was agreed.
    pub number: i32,
    #[schema(example = "Milestone moved after the protocol was delayed")]
    pub reason: String,
    pub created_at: DateTime<Utc>,
    /// Who made the amendment.
    pub created_by: String,
    /// The whole plan (an `ActionPlan`) before the amendment.
    #[schema(value_type = Object)]
    pub previous: serde_json::Value,
}

impl From<q::Amendment> for Amendment {
    fn from(row: q::Amendment) -> Self {
        Self {
            id: row.id,
            number: row.number,
            reason: row.reason,
            created_at: row.created_at,
            created_by: row.created_by,
            previous: row.previous,
        }
    }
}

/// Creates the review's plan if it has none.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutActionPlan {
    pub title: Option<String>,
    /// "March 2022", "2022-03" or "2022-03-15"; never a day that was not given.
    #[schema(example = "March 2022")]
    pub agreed_on: Option<String>,
    /// draft (the default) or agreed.
    #[schema(example = "agreed")]
    pub status: Option<String>,
}

/// Absent fields are left alone; `null` clears a nullable field.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateActionPlan {
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub title: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable, example = "March 2022")]
    pub agreed_on: Option<Option<String>>,
    /// draft or agreed.
    pub status: Option<String>,
    /// Required when the plan is agreed: why it is amended.
    pub amendment_reason: Option<String>,
}

/// The plan's status values that callers may set (sign-off has its own workflow).
const SETTABLE_STATUSES: [&str; 2] = ["draft", "agreed"];

pub(crate) use scrutiny_app::input::{optional_text, stored_date};

fn parse_agreed_on(errors: &mut ValidationErrors, raw: &str) -> Option<Option<PartialDate>> {
    if raw.trim().is_empty() {
        return Some(None);
    }
    errors.check("agreed_on", PartialDate::parse(raw)).map(Some)
}

fn parse_status(errors: &mut ValidationErrors, raw: &str) -> Option<String> {
    if SETTABLE_STATUSES.contains(&raw) {
        Some(raw.to_owned())
    } else {
        errors.add("status", "must be draft or agreed");
        None
    }
}

/// The plan with its actions, owners and milestones: four queries in all.
pub(crate) async fn load(
    conn: &mut AsyncPgConnection,
    row: q::ActionPlan,
) -> Result<ActionPlan, ApiError> {
    let rows = actions_q::for_plan(conn, row.id).await?;
    let actions = actions::assemble(conn, rows).await?;
    Ok(ActionPlan::new(row, actions))
}

/// Writes to a signed-off plan are refused.
pub(crate) fn check_open(plan: &q::ActionPlan) -> Result<(), ApiError> {
    if plan.status == "signed_off" {
        return Err(ApiError::conflict(
            "The action plan is signed off; it can no longer be changed.",
        ));
    }
    Ok(())
}

/// Before a change to an agreed plan (the plan row locked): requires a reason, keeps the plan as
/// it stands as a numbered amendment and counts it. Does nothing to a draft plan. `before` is the
/// plan as loaded already, if the caller has it. Returns the plan row as it is now.
pub(crate) async fn amend_if_agreed(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    plan: q::ActionPlan,
    reason: Option<&str>,
    before: Option<&ActionPlan>,
) -> Result<q::ActionPlan, ApiError> {
    check_open(&plan)?;
    if plan.status != "agreed" {
        return Ok(plan);
    }
    let mut errors = ValidationErrors::new();
    let reason = optional_text(&mut errors, "amendment_reason", reason, REASON_MAX);
    errors.into_result()?;
    let reason = reason.ok_or_else(|| {
        ApiError::invalid(
            "amendment_reason",
            "is required: the action plan is agreed, so this change is an amendment; say why it is made",
        )
    })?;
    let previous = match before {
        Some(dto) => dto.clone(),
        None => load(conn, plan.clone()).await?,
    };
    let previous_json = serde_json::to_value(&previous).map_err(ApiError::internal)?;
    let number = plan.amendment_count + 1;
    let id = Uuid::now_v7();
    let row = q::record_amendment(
        conn,
        &NewAmendment {
            id,
            plan_id: plan.id,
            number,
            reason: &reason,
            previous: &previous_json,
            created_by: &principal.name,
        },
    )
    .await?;
    audit_q::record(
        conn,
        &audit::event(
            principal,
            "action_plan.amended",
            "action_plan",
            plan.id,
            Some(serde_json::json!({ "amendment_count": plan.amendment_count, "version": plan.version })),
            Some(serde_json::json!({ "amendment_id": id, "number": number, "reason": reason, "amendment_count": row.amendment_count, "version": row.version })),
        ),
    )
    .await?;
    Ok(row)
}

/// Create the review's action plan, unless it has one already.
///
/// Answers 201 with the new plan, or 200 with the review's plan as it is when it already has one
/// (change that with `PATCH /action-plans/{id}`).
#[utoipa::path(
    tag = "action-plans",
    params(("review_id" = Uuid, Path, description = "Review id")),
    request_body = PutActionPlan,
    responses(
        (status = 201, description = "Created", body = ActionPlan),
        (status = 200, description = "The review already had this plan", body = ActionPlan),
        UpdateErrors
    ),
    security(("bearer" = []))
)]
#[put("/reviews/{review_id}/action-plan")]
pub async fn put_review_action_plan(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    body: ValidJson<PutActionPlan>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let title = optional_text(&mut errors, "title", body.title.as_deref(), TITLE_MAX);
    let agreed_on = body
        .agreed_on
        .as_deref()
        .and_then(|raw| parse_agreed_on(&mut errors, raw))
        .flatten();
    let status = body
        .status
        .as_deref()
        .map(|raw| parse_status(&mut errors, raw));
    errors.into_result()?;
    let status = status.flatten().unwrap_or_else(|| "draft".to_owned());
    let review_id = review_id.into_inner();
    let mut conn = state.pool.get().await?;
    let (created, plan) = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let review = q::find_review(conn, review_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            access::check_write(&principal, review.council_id)?;
            if review.status == "withdrawn" {
                return Err(ApiError::conflict(
                    "The review is withdrawn; it cannot have a new action plan.",
                ));
            }
            let inserted = q::insert(
                conn,
                &NewActionPlan {
                    id: Uuid::now_v7(),
                    council_id: review.council_id,
                    review_id: review.id,
                    title: title.as_deref(),
                    agreed_on: agreed_on.map(|d| d.first_day()),
                    agreed_on_precision: agreed_on.map(|d| d.precision().as_str()),
                    status: &status,
                },
            )
            .await?;
            let Some(row) = inserted else {
                let existing = q::find_visible(conn, PlanKey::Review(review_id), Scope::All)
                    .await?
                    .ok_or(ApiError::NotFound)?;
                return Ok((false, load(conn, existing).await?));
            };
            if row.status == "agreed" {
                scrutiny_app::reviews::advance(
                    &mut scrutiny_app::Ctx::borrowed(conn, principal.clone()),
                    row.review_id,
                    scrutiny_domain::records::ReviewStatus::ActionPlanAgreed,
                    None,
                )
                .await?;
            }
            let dto = ActionPlan::new(row, Vec::new());
            audit::created(
                conn,
                &principal,
                "action_plan.created",
                "action_plan",
                dto.id,
                &dto,
            )
            .await?;
            Ok((true, dto))
        })
        .await?;
    let builder = if created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(with_etag(builder, plan.version, &plan))
}

/// Read a review's action plan, with its actions in order.
#[utoipa::path(
    tag = "action-plans",
    params(("review_id" = Uuid, Path, description = "Review id")),
    responses((status = 200, description = "The plan, with its ETag", body = ActionPlan), ReadErrors),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/action-plan")]
pub async fn get_review_action_plan(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    read(state, principal, PlanKey::Review(review_id.into_inner())).await
}

/// Read an action plan, with its actions in order.
#[utoipa::path(
    tag = "action-plans",
    params(("id" = Uuid, Path, description = "Action plan id")),
    responses((status = 200, description = "The plan, with its ETag", body = ActionPlan), ReadErrors),
    security(("bearer" = []))
)]
#[get("/action-plans/{id}")]
pub async fn get_action_plan(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    read(state, principal, PlanKey::Id(id.into_inner())).await
}

async fn read(
    state: web::Data<AppState>,
    principal: Principal,
    key: PlanKey,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let row = q::find_visible(&mut conn, key, access::scope(&principal))
        .await?
        .ok_or(ApiError::NotFound)?;
    let dto = load(&mut conn, row).await?;
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}

/// Change a plan's title, agreed date or status. Once the plan is agreed, give
/// `amendment_reason`: the plan as it stood is kept as an amendment.
#[utoipa::path(
    tag = "action-plans",
    params(("id" = Uuid, Path, description = "Action plan id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateActionPlan,
    responses((status = 200, description = "Updated", body = ActionPlan), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/action-plans/{id}")]
pub async fn update_action_plan(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateActionPlan>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let title = body
        .title
        .as_ref()
        .map(|raw| optional_text(&mut errors, "title", raw.as_deref(), TITLE_MAX));
    let agreed_on = body.agreed_on.as_ref().and_then(|raw| match raw {
        None => Some(None),
        Some(raw) => parse_agreed_on(&mut errors, raw),
    });
    let status = body
        .status
        .as_deref()
        .and_then(|raw| parse_status(&mut errors, raw));
    errors.into_result()?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let plan = q::find_for_update(conn, PlanKey::Id(id))
                .await?
                .ok_or(ApiError::NotFound)?;
            access::check_write(&principal, plan.council_id)?;
            if_match.check(plan.version)?;
            check_open(&plan)?;
            let before = load(conn, plan.clone()).await?;
            amend_if_agreed(
                conn,
                &principal,
                plan,
                body.amendment_reason.as_deref(),
                Some(&before),
            )
            .await?;
            let row = q::update(
                conn,
                id,
                &ActionPlanChanges {
                    title,
                    agreed_on: agreed_on.map(|d| d.map(|d| d.first_day())),
                    agreed_on_precision: agreed_on
                        .map(|d| d.map(|d| d.precision().as_str().to_owned())),
                    status,
                },
            )
            .await?;
            if row.status == "agreed" && before.status != "agreed" {
                scrutiny_app::reviews::advance(
                    &mut scrutiny_app::Ctx::borrowed(conn, principal.clone()),
                    row.review_id,
                    scrutiny_domain::records::ReviewStatus::ActionPlanAgreed,
                    None,
                )
                .await?;
            }
            let after = ActionPlan::new(row, before.actions.clone());
            audit::changed(
                conn,
                &principal,
                "action_plan.updated",
                "action_plan",
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

/// A plan's amendments, oldest first, each with the plan as it stood before it.
#[utoipa::path(
    tag = "action-plans",
    params(("id" = Uuid, Path, description = "Action plan id"), PageParams),
    responses((status = 200, description = "A page of amendments", body = Page<Amendment>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/action-plans/{id}/amendments")]
pub async fn list_amendments(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let limit = page.limit()?;
    let after = page.decode_cursor::<i32>()?;
    let mut conn = state.pool.get().await?;
    let plan = q::find_visible(
        &mut conn,
        PlanKey::Id(id.into_inner()),
        access::scope(&principal),
    )
    .await?
    .ok_or(ApiError::NotFound)?;
    let rows = q::amendments(&mut conn, plan.id, after, limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&r.number));
    Ok(HttpResponse::Ok().json(Page {
        items: rows.into_iter().map(Amendment::from).collect::<Vec<_>>(),
        next_cursor,
    }))
}

/// A plan's changes, newest first.
#[utoipa::path(
    tag = "action-plans",
    params(("id" = Uuid, Path, description = "Action plan id"), PageParams),
    responses((status = 200, description = "Audit events of the plan", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/action-plans/{id}/history")]
pub async fn action_plan_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let plan = q::find_visible(
        &mut conn,
        PlanKey::Id(id.into_inner()),
        access::scope(&principal),
    )
    .await?
    .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(history::page(&mut conn, "action_plan", plan.id, &page).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_dates_keep_their_precision() {
        let march = stored_date(NaiveDate::from_ymd_opt(2022, 3, 1), Some("month")).unwrap();
        assert_eq!(march.to_string(), "March 2022");
        assert_eq!(march.to_iso(), "2022-03");
        let day = stored_date(NaiveDate::from_ymd_opt(2022, 3, 15), Some("day")).unwrap();
        assert_eq!(day.to_string(), "15 March 2022");
        assert_eq!(stored_date(None, None), None);
    }

    #[test]
    fn agreed_dates_parse_as_written() {
        let mut errors = ValidationErrors::new();
        for (raw, iso) in [
            ("March 2022", "2022-03"),
            ("2022-03", "2022-03"),
            ("2022-03-15", "2022-03-15"),
        ] {
            let parsed = parse_agreed_on(&mut errors, raw).flatten().unwrap();
            assert_eq!(parsed.to_iso(), iso);
        }
        assert_eq!(parse_agreed_on(&mut errors, "  "), Some(None));
        assert!(errors.is_empty());
        assert_eq!(parse_agreed_on(&mut errors, "Marchember"), None);
        assert_eq!(errors.0[0].field, "agreed_on");
    }

    #[test]
    fn only_draft_and_agreed_are_settable() {
        let mut errors = ValidationErrors::new();
        assert_eq!(
            parse_status(&mut errors, "agreed").as_deref(),
            Some("agreed")
        );
        assert_eq!(parse_status(&mut errors, "signed_off"), None);
        assert_eq!(errors.0.len(), 1);
    }
}
