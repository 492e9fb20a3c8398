//! Actions of an action plan: what a partner will do for a recommendation (or one of its parts),
//! how success is measured, who is responsible and by when (zero or more milestones, each a date
//! given to the month or the day, and a label). Nothing is deleted: an action is withdrawn with a
//! reason, or completed.
use crate::access;
use crate::audit;
use crate::auth::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::auth::{Auth, Principal};
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, IfMatch, PageParams, ValidJson};
use crate::openapi::{ActionErrors, CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::action_plans::{self, optional_text, stored_date, REASON_MAX};
use crate::routes::audit_events::AuditEvent;
use crate::routes::history;
use crate::routes::types::{double_option, with_etag, Page};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};

use scrutiny_db::queries::action_plans::{self as plans_q, PlanKey};
use scrutiny_db::queries::actions::{
    self as q, ActionChanges, ActionKey, ActionRow, NewAction, NewOwner,
};
use scrutiny_db::queries::audit as audit_q;
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::dates::{self, PartialDate};
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub const TEXT_MAX: usize = 20_000;
pub const MEASURE_MAX: usize = 5_000;
pub const RESPONSIBILITY_MAX: usize = 500;
pub const LABEL_MAX: usize = 200;
pub const POSITION_MAX: i32 = 100_000;
pub const OWNERS_MAX: usize = 50;
pub const MILESTONES_MAX: usize = 50;
pub const MEASURES_MAX: usize = 50;

/// Who is responsible for an action: an organisation, or a named person (a contact, with their
/// organisation when known).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Owner {
    pub organisation_id: Option<Uuid>,
    #[schema(example = "Cleveland Police")]
    pub organisation_name: Option<String>,
    pub contact_id: Option<Uuid>,
    #[schema(example = "C/Supt Lang")]
    pub contact_name: Option<String>,
}

impl From<q::OwnerRow> for Owner {
    fn from(row: q::OwnerRow) -> Self {
        Self {
            organisation_id: row.organisation_id,
            organisation_name: row.organisation_name,
            contact_id: row.contact_id,
            contact_name: row.contact_name,
        }
    }
}

/// One due date of an action, as the document gives it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Milestone {
    pub id: Uuid,
    /// ISO `2022-05` (a month) or `2022-05-14` (a day); null when no date was given.
    #[schema(example = "2022-05")]
    pub date: Option<String>,
    /// `month` or `day`; null without a date.
    #[schema(example = "month")]
    pub precision: Option<String>,
    /// The date as documents write it ("May 2022", "14 October 2022"), or the label when there
    /// is no date.
    #[schema(example = "May 2022")]
    pub display: Option<String>,
    #[schema(example = "Development of protocol")]
    pub label: Option<String>,
    /// The milestone written the document's way.
    #[schema(example = "May 2022 (Development of protocol)")]
    pub text: String,
    /// The last day of the period: due by the end of a month given to the month.
    #[schema(example = "2022-05-31")]
    pub due_by: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
}

impl From<q::Milestone> for Milestone {
    fn from(row: q::Milestone) -> Self {
        let date = stored_date(row.due_on, row.due_precision.as_deref());
        let text = dates::Milestone::new(date, row.label.as_deref()).canonical_text();
        Self {
            id: row.id,
            date: date.map(|d| d.to_iso()),
            precision: date.map(|d| d.precision().as_str().to_owned()),
            display: date.map(|d| d.to_string()).or_else(|| row.label.clone()),
            label: row.label,
            text,
            due_by: row.due_by,
            completed_on: row.completed_on,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Action {
    pub id: Uuid,
    pub council_id: Uuid,
    pub plan_id: Uuid,
    pub review_id: Uuid,
    pub recommendation_id: Uuid,
    #[schema(example = "2")]
    pub recommendation_number: String,
    pub part_id: Option<Uuid>,
    #[schema(example = "a")]
    pub part_label: Option<String>,
    /// Order within the plan.
    pub position: i32,
    /// As written, bullets and line breaks kept.
    pub proposed_actions: String,
    pub success_measures: Vec<String>,
    pub owners: Vec<Owner>,
    /// The Responsibility cell as written ("Cleveland Police", "C/Supt Lang", "All").
    #[schema(example = "Cleveland Police")]
    pub responsibility_text: Option<String>,
    /// Every partner of the review is responsible ("All").
    pub responsible_all: bool,
    pub milestones: Vec<Milestone>,
    /// Free-text progress notes ("Action complete").
    pub status_notes: Option<String>,
    /// open, complete or withdrawn.
    #[schema(example = "open")]
    pub status: String,
    pub withdrawn_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Action {
    fn new(row: ActionRow, owners: Vec<Owner>, milestones: Vec<Milestone>) -> Self {
        let a = row.action;
        Self {
            id: a.id,
            council_id: a.council_id,
            plan_id: a.plan_id,
            review_id: a.review_id,
            recommendation_id: a.recommendation_id,
            recommendation_number: row.recommendation_number,
            part_id: a.part_id,
            part_label: row.part_label,
            position: a.position,
            proposed_actions: a.proposed_actions,
            success_measures: a.success_measures,
            owners,
            responsibility_text: a.responsibility_text,
            responsible_all: a.responsible_all,
            milestones,
            status_notes: a.status_notes,
            status: a.status,
            withdrawn_reason: a.withdrawn_reason,
            created_at: a.created_at,
            updated_at: a.updated_at,
            version: a.version,
        }
    }
}

/// Gives actions their owners and milestones: two queries for any number of actions.
pub(crate) async fn assemble(
    conn: &mut AsyncPgConnection,
    rows: Vec<ActionRow>,
) -> Result<Vec<Action>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.action.id).collect();
    let mut owners: HashMap<Uuid, Vec<Owner>> = HashMap::new();
    for row in q::owners(conn, &ids).await? {
        owners.entry(row.action_id).or_default().push(row.into());
    }
    let mut milestones: HashMap<Uuid, Vec<Milestone>> = HashMap::new();
    for row in q::milestones(conn, &ids).await? {
        milestones
            .entry(row.action_id)
            .or_default()
            .push(row.into());
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.action.id;
            Action::new(
                row,
                owners.remove(&id).unwrap_or_default(),
                milestones.remove(&id).unwrap_or_default(),
            )
        })
        .collect())
}

async fn load_one(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Action, ApiError> {
    let row = q::find_row(conn, id).await?;
    let mut actions = assemble(conn, vec![row]).await?;
    actions.pop().ok_or(ApiError::NotFound)
}

/// An owner: give an organisation or a contact (whose organisation is then recorded too).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnerInput {
    pub organisation_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneInput {
    /// "May 2022", "2022-05", "14 October 2022" or "2022-10-14"; null or blank for none (then
    /// give a label).
    #[schema(example = "May 2022")]
    pub date: Option<String>,
    #[schema(example = "Development of protocol")]
    pub label: Option<String>,
    /// The day the milestone was met (ISO date).
    pub completed_on: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAction {
    /// A recommendation of the plan's review.
    pub recommendation_id: Uuid,
    /// A part of that recommendation.
    pub part_id: Option<Uuid>,
    /// Kept exactly as given: bullets and line breaks stay.
    pub proposed_actions: String,
    /// One or more, none blank.
    pub success_measures: Vec<String>,
    /// Organisations or contacts; or set `responsible_all`.
    #[serde(default)]
    pub owners: Vec<OwnerInput>,
    /// Every partner of the review is responsible ("All").
    #[serde(default)]
    pub responsible_all: bool,
    /// The Responsibility cell as written; defaults to the owners' names, or "All".
    pub responsibility_text: Option<String>,
    #[serde(default)]
    pub milestones: Vec<MilestoneInput>,
    #[schema(example = "Action complete")]
    pub status_notes: Option<String>,
    /// Order in the plan; defaults to after the last action.
    pub position: Option<i32>,
    /// Required when the plan is agreed: why it is amended.
    pub amendment_reason: Option<String>,
}

/// Absent fields are left alone; `null` clears a nullable field; `owners` and `milestones`, when
/// given, replace the action's wholesale.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAction {
    pub recommendation_id: Option<Uuid>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>, nullable)]
    pub part_id: Option<Option<Uuid>>,
    pub proposed_actions: Option<String>,
    pub success_measures: Option<Vec<String>>,
    pub owners: Option<Vec<OwnerInput>>,
    pub responsible_all: Option<bool>,
    /// `null` resets it to the owners' names (or "All").
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub responsibility_text: Option<Option<String>>,
    pub milestones: Option<Vec<MilestoneInput>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub status_notes: Option<Option<String>>,
    /// open or complete (withdraw with `POST /actions/{id}/withdrawal`).
    pub status: Option<String>,
    pub position: Option<i32>,
    /// Required when the plan is agreed: why it is amended.
    pub amendment_reason: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    #[schema(example = "Superseded by the force-wide engagement plan")]
    pub reason: String,
    /// Required when the plan is agreed: why it is amended.
    pub amendment_reason: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    /// Replaces the status notes when given.
    #[schema(example = "Action complete")]
    pub status_notes: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionFilter {
    pub review_id: Option<Uuid>,
    pub plan_id: Option<Uuid>,
    pub recommendation_id: Option<Uuid>,
    /// Actions this organisation owns (directly or through a contact of it).
    pub responsible_organisation_id: Option<Uuid>,
    /// open, complete or withdrawn.
    pub status: Option<String>,
    /// A milestone not yet met (no `completed_on`) due on or after this date ("2022-05",
    /// "2022-05-14", "May 2022"; a month counts from its first day).
    pub due_from: Option<String>,
    /// A milestone not yet met due on or before this date (a month counts to its last day).
    pub due_to: Option<String>,
    /// `true`: open actions with a milestone not completed and due before today.
    pub overdue: Option<bool>,
    /// Words to find in the proposed actions and status notes.
    pub q: Option<String>,
}

const STATUSES: [&str; 3] = ["open", "complete", "withdrawn"];

/// A non-blank text kept exactly as given.
fn required_text(
    errors: &mut ValidationErrors,
    field: &str,
    raw: &str,
    max: usize,
) -> Option<String> {
    if raw.trim().is_empty() {
        errors.add(field, "must not be blank");
        None
    } else if raw.chars().count() > max {
        errors.add(field, format!("must be at most {max} characters"));
        None
    } else {
        Some(raw.to_owned())
    }
}

fn parse_measures(errors: &mut ValidationErrors, raw: &[String]) -> Option<Vec<String>> {
    if raw.is_empty() {
        errors.add("success_measures", "give at least one success measure");
        return None;
    }
    if raw.len() > MEASURES_MAX {
        errors.add("success_measures", format!("at most {MEASURES_MAX}"));
        return None;
    }
    let before = errors.0.len();
    let measures: Vec<String> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            required_text(errors, &format!("success_measures[{i}]"), m, MEASURE_MAX)
        })
        .collect();
    (errors.0.len() == before).then_some(measures)
}

/// The owners' shapes (each one organisation or one contact, none twice); whether they exist is
/// checked against the database later.
fn parse_owners(errors: &mut ValidationErrors, raw: &[OwnerInput]) -> Option<Vec<OwnerInput>> {
    if raw.len() > OWNERS_MAX {
        errors.add("owners", format!("at most {OWNERS_MAX}"));
        return None;
    }
    let before = errors.0.len();
    let mut seen = HashSet::new();
    for (i, owner) in raw.iter().enumerate() {
        match (owner.organisation_id, owner.contact_id) {
            (None, None) => {
                errors.add(format!("owners[{i}]"), "give organisation_id or contact_id")
            }
            (Some(_), Some(_)) => errors.add(
                format!("owners[{i}]"),
                "give organisation_id or contact_id, not both",
            ),
            (org, contact) => {
                if !seen.insert((org, contact)) {
                    errors.add(format!("owners[{i}]"), "is named twice");
                }
            }
        }
    }
    (errors.0.len() == before).then(|| raw.to_vec())
}

/// A milestone ready to store.
#[derive(Debug, Clone, PartialEq)]
struct MilestoneValue {
    date: Option<PartialDate>,
    label: Option<String>,
    completed_on: Option<NaiveDate>,
}

fn parse_milestones(
    errors: &mut ValidationErrors,
    raw: &[MilestoneInput],
) -> Option<Vec<MilestoneValue>> {
    if raw.len() > MILESTONES_MAX {
        errors.add("milestones", format!("at most {MILESTONES_MAX}"));
        return None;
    }
    let before = errors.0.len();
    let mut out = Vec::new();
    for (i, m) in raw.iter().enumerate() {
        let date_field = format!("milestones[{i}].date");
        let date = match m.date.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(text) => errors
                .check(&date_field, PartialDate::parse(text))
                .map(Some),
        };
        let label = optional_text(
            errors,
            &format!("milestones[{i}].label"),
            m.label.as_deref(),
            LABEL_MAX,
        )
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
        if let Some(date) = date {
            if date.is_none()
                && label.is_none()
                && m.label.as_deref().is_none_or(|l| l.trim().is_empty())
            {
                errors.add(&date_field, "give a date, or a label when there is no date");
            }
            out.push(MilestoneValue {
                date,
                label,
                completed_on: m.completed_on,
            });
        }
    }
    (errors.0.len() == before).then_some(out)
}

fn parse_position(errors: &mut ValidationErrors, raw: Option<i32>) -> Option<i32> {
    let position = raw?;
    if (1..=POSITION_MAX).contains(&position) {
        Some(position)
    } else {
        errors.add("position", format!("must be between 1 and {POSITION_MAX}"));
        None
    }
}

/// Owners as stored, with the name each contributes to the default responsibility text.
struct ResolvedOwners {
    rows: Vec<(Option<Uuid>, Option<Uuid>)>,
    names: Vec<String>,
}

/// Checks that the owners exist; a contact owner is stored with the contact's organisation.
async fn resolve_owners(
    conn: &mut AsyncPgConnection,
    owners: &[OwnerInput],
) -> Result<ResolvedOwners, ApiError> {
    let org_ids: Vec<Uuid> = owners.iter().filter_map(|o| o.organisation_id).collect();
    let contact_ids: Vec<Uuid> = owners.iter().filter_map(|o| o.contact_id).collect();
    let orgs: HashMap<Uuid, String> = q::organisation_names(conn, &org_ids)
        .await?
        .into_iter()
        .collect();
    let contacts: HashMap<Uuid, q::ContactRef> = q::contact_refs(conn, &contact_ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut errors = ValidationErrors::new();
    let mut resolved = ResolvedOwners {
        rows: Vec::new(),
        names: Vec::new(),
    };
    for (i, owner) in owners.iter().enumerate() {
        if let Some(org) = owner.organisation_id {
            match orgs.get(&org) {
                Some(name) => {
                    resolved.rows.push((Some(org), None));
                    resolved.names.push(name.clone());
                }
                None => errors.add(
                    format!("owners[{i}].organisation_id"),
                    "no such organisation",
                ),
            }
        } else if let Some(contact) = owner.contact_id {
            match contacts.get(&contact) {
                Some(c) => {
                    resolved.rows.push((c.organisation_id, Some(contact)));
                    resolved.names.push(c.name.clone());
                }
                None => errors.add(format!("owners[{i}].contact_id"), "no such contact"),
            }
        }
    }
    errors.into_result()?;
    Ok(resolved)
}

fn new_owners(action_id: Uuid, rows: &[(Option<Uuid>, Option<Uuid>)]) -> Vec<NewOwner> {
    rows.iter()
        .enumerate()
        .map(|(i, (organisation_id, contact_id))| NewOwner {
            action_id,
            position: i as i32 + 1,
            organisation_id: *organisation_id,
            contact_id: *contact_id,
        })
        .collect()
}

fn new_milestones(action_id: Uuid, values: &[MilestoneValue]) -> Vec<q::Milestone> {
    values
        .iter()
        .enumerate()
        .map(|(i, m)| q::Milestone {
            id: Uuid::now_v7(),
            action_id,
            position: i as i32 + 1,
            due_on: m.date.map(|d| d.first_day()),
            due_precision: m.date.map(|d| d.precision().as_str().to_owned()),
            due_by: m.date.map(|d| d.last_day()),
            label: m.label.clone(),
            completed_on: m.completed_on,
        })
        .collect()
}

/// The Responsibility cell when none is given: the owners' names, or "All".
fn default_responsibility(all: bool, names: &[String]) -> Option<String> {
    if all {
        Some("All".to_owned())
    } else if names.is_empty() {
        None
    } else {
        Some(names.join(", "))
    }
}

/// Checks that the recommendation belongs to the plan's review and the part to the
/// recommendation.
async fn check_recommendation(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    recommendation_id: Uuid,
    part_id: Option<Uuid>,
) -> Result<(), ApiError> {
    let mut errors = ValidationErrors::new();
    match q::find_recommendation(conn, recommendation_id).await? {
        Some(rec) if rec.review_id == review_id => {
            if let Some(part) = part_id {
                if q::part_recommendation(conn, part).await? != Some(rec.id) {
                    errors.add("part_id", "is not a part of the action's recommendation");
                }
            }
        }
        _ => errors.add(
            "recommendation_id",
            "is not a recommendation of the plan's review",
        ),
    }
    errors.into_result()?;
    Ok(())
}

fn owners_required(errors: &mut ValidationErrors, owners: &[OwnerInput], all: bool) {
    if all && !owners.is_empty() {
        errors.add(
            "responsible_all",
            "cannot be combined with named owners: name the owners, or set responsible_all alone",
        );
    } else if !all && owners.is_empty() {
        errors.add(
            "owners",
            "name at least one organisation or contact, or set responsible_all",
        );
    }
}

/// Add an action to a plan.
#[utoipa::path(
    tag = "actions",
    params(("id" = Uuid, Path, description = "Action plan id")),
    request_body = CreateAction,
    responses((status = 201, description = "Created", body = Action), CreateErrors),
    security(("bearer" = []))
)]
#[post("/action-plans/{id}/actions")]
pub async fn create_action(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<CreateAction>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let proposed = required_text(
        &mut errors,
        "proposed_actions",
        &body.proposed_actions,
        TEXT_MAX,
    );
    let measures = parse_measures(&mut errors, &body.success_measures);
    let owners = parse_owners(&mut errors, &body.owners);
    owners_required(&mut errors, &body.owners, body.responsible_all);
    let responsibility = optional_text(
        &mut errors,
        "responsibility_text",
        body.responsibility_text.as_deref(),
        RESPONSIBILITY_MAX,
    );
    let milestones = parse_milestones(&mut errors, &body.milestones);
    let notes = optional_text(
        &mut errors,
        "status_notes",
        body.status_notes.as_deref(),
        TEXT_MAX,
    );
    let position = parse_position(&mut errors, body.position);
    errors.into_result()?;
    let (proposed, measures, owners, milestones) = (
        proposed.expect("checked"),
        measures.expect("checked"),
        owners.expect("checked"),
        milestones.expect("checked"),
    );
    let plan_id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let plan = plans_q::find_for_update(conn, PlanKey::Id(plan_id))
                .await?
                .ok_or(ApiError::NotFound)?;
            access::check_write(&principal, plan.council_id)?;
            action_plans::check_open(&plan)?;
            check_recommendation(conn, plan.review_id, body.recommendation_id, body.part_id)
                .await?;
            let resolved = resolve_owners(conn, &owners).await?;
            let plan = action_plans::amend_if_agreed(
                conn,
                &principal,
                plan,
                body.amendment_reason.as_deref(),
                None,
            )
            .await?;
            let position = match position {
                Some(p) => p,
                None => q::next_position(conn, plan.id).await?,
            };
            let responsibility = responsibility
                .or_else(|| default_responsibility(body.responsible_all, &resolved.names));
            let action_id = Uuid::now_v7();
            q::insert(
                conn,
                &NewAction {
                    id: action_id,
                    council_id: plan.council_id,
                    plan_id: plan.id,
                    review_id: plan.review_id,
                    recommendation_id: body.recommendation_id,
                    part_id: body.part_id,
                    position,
                    proposed_actions: &proposed,
                    success_measures: &measures,
                    responsibility_text: responsibility.as_deref(),
                    responsible_all: body.responsible_all,
                    status_notes: notes.as_deref(),
                },
            )
            .await?;
            q::replace_owners(conn, action_id, &new_owners(action_id, &resolved.rows)).await?;
            q::replace_milestones(conn, action_id, &new_milestones(action_id, &milestones)).await?;
            let dto = load_one(conn, action_id).await?;
            audit::created(
                conn,
                &principal,
                "action.created",
                "action",
                action_id,
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

/// List actions, by plan and position.
#[utoipa::path(
    tag = "actions",
    params(ActionFilter, PageParams),
    responses((status = 200, description = "A page of actions", body = Page<Action>), ListErrors),
    security(("bearer" = []))
)]
#[get("/actions")]
pub async fn list_actions(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<ActionFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let limit = page.limit()?;
    let after = page
        .decode_cursor::<(Uuid, i32, Uuid)>()?
        .map(|(plan_id, position, id)| ActionKey {
            plan_id,
            position,
            id,
        });
    let db_filter = parse_filter(&filter)?;
    let mut conn = state.pool.get().await?;
    let rows = q::list(
        &mut conn,
        access::scope(&principal),
        &db_filter,
        after.as_ref(),
        limit,
    )
    .await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| {
        encode_cursor(&(r.action.plan_id, r.action.position, r.action.id))
    });
    let items = assemble(&mut conn, rows).await?;
    Ok(HttpResponse::Ok().json(Page { items, next_cursor }))
}

/// The list's query, checked (422 naming each bad field); the exports take the same.
pub(crate) fn parse_filter(filter: &ActionFilter) -> Result<q::Filter, ApiError> {
    let mut errors = ValidationErrors::new();
    let status = filter.status.as_deref().and_then(|s| {
        if STATUSES.contains(&s) {
            Some(s.to_owned())
        } else {
            errors.add("status", "must be open, complete or withdrawn");
            None
        }
    });
    let due_from = filter
        .due_from
        .as_deref()
        .and_then(|d| errors.check("due_from", PartialDate::parse(d)))
        .map(|d| d.first_day());
    let due_to = filter
        .due_to
        .as_deref()
        .and_then(|d| errors.check("due_to", PartialDate::parse(d)))
        .map(|d| d.last_day());
    errors.into_result()?;
    Ok(q::Filter {
        review_id: filter.review_id,
        plan_id: filter.plan_id,
        recommendation_id: filter.recommendation_id,
        responsible_organisation_id: filter.responsible_organisation_id,
        status,
        due_from,
        due_to,
        overdue_on: (filter.overdue == Some(true)).then(|| Utc::now().date_naive()),
        q: filter
            .q
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_owned),
    })
}

/// Read one action, with its owners and milestones.
#[utoipa::path(
    tag = "actions",
    params(("id" = Uuid, Path, description = "Action id")),
    responses((status = 200, description = "The action, with its ETag", body = Action), ReadErrors),
    security(("bearer" = []))
)]
#[get("/actions/{id}")]
pub async fn get_action(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let row = q::find_visible(&mut conn, id.into_inner(), access::scope(&principal))
        .await?
        .ok_or(ApiError::NotFound)?;
    let dto = assemble(&mut conn, vec![row])
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?;
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}

/// Locks the action's plan, then the action, for a write; checks access, If-Match and that the
/// action is not withdrawn.
async fn lock_for_write(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
    if_match: Option<&IfMatch>,
) -> Result<(plans_q::ActionPlan, q::Action), ApiError> {
    let action = q::find(conn, id).await?.ok_or(ApiError::NotFound)?;
    access::check_write(principal, action.council_id)?;
    let plan = plans_q::find_for_update(conn, PlanKey::Id(action.plan_id))
        .await?
        .ok_or(ApiError::NotFound)?;
    let action = q::find_for_update(conn, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if let Some(if_match) = if_match {
        if_match.check(action.version)?;
    }
    action_plans::check_open(&plan)?;
    if action.status == "withdrawn" {
        return Err(ApiError::conflict(
            "The action is withdrawn; it can no longer be changed.",
        ));
    }
    Ok((plan, action))
}

/// Change an action; `owners` and `milestones`, when given, replace the action's. Once the plan
/// is agreed, give `amendment_reason`.
#[utoipa::path(
    tag = "actions",
    params(("id" = Uuid, Path, description = "Action id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateAction,
    responses((status = 200, description = "Updated", body = Action), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/actions/{id}")]
pub async fn update_action(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateAction>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let proposed = body
        .proposed_actions
        .as_deref()
        .and_then(|p| required_text(&mut errors, "proposed_actions", p, TEXT_MAX));
    let measures = body
        .success_measures
        .as_deref()
        .and_then(|m| parse_measures(&mut errors, m));
    let owners = body
        .owners
        .as_deref()
        .and_then(|o| parse_owners(&mut errors, o));
    let responsibility = body.responsibility_text.as_ref().map(|raw| {
        optional_text(
            &mut errors,
            "responsibility_text",
            raw.as_deref(),
            RESPONSIBILITY_MAX,
        )
    });
    let milestones = body
        .milestones
        .as_deref()
        .and_then(|m| parse_milestones(&mut errors, m));
    let notes = body
        .status_notes
        .as_ref()
        .map(|raw| optional_text(&mut errors, "status_notes", raw.as_deref(), TEXT_MAX));
    let status = body.status.as_deref().and_then(|s| {
        if s == "open" || s == "complete" {
            Some(s.to_owned())
        } else {
            errors.add(
                "status",
                "must be open or complete (withdraw with POST /actions/{id}/withdrawal)",
            );
            None
        }
    });
    let position = parse_position(&mut errors, body.position);
    errors.into_result()?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let (plan, current) = lock_for_write(conn, &principal, id, Some(&if_match)).await?;
            let before = load_one(conn, id).await?;
            // The owners after the change: given ones replace the action's; `responsible_all`
            // alone (true) clears them.
            let (final_owners, all) = match (&owners, body.responsible_all) {
                (Some(o), Some(all)) => (Some(o.clone()), all),
                (Some(o), None) => (Some(o.clone()), o.is_empty() && current.responsible_all),
                (None, Some(true)) => (Some(Vec::new()), true),
                (None, Some(false)) => (None, false),
                (None, None) => (None, current.responsible_all),
            };
            let mut errors = ValidationErrors::new();
            match &final_owners {
                Some(o) => owners_required(&mut errors, o, all),
                None if !all && before.owners.is_empty() => owners_required(&mut errors, &[], all),
                None => {}
            }
            errors.into_result()?;
            let recommendation_id = body.recommendation_id.unwrap_or(current.recommendation_id);
            let part_id = body.part_id.unwrap_or(current.part_id);
            if body.recommendation_id.is_some() || body.part_id.is_some() {
                check_recommendation(conn, plan.review_id, recommendation_id, part_id).await?;
            }
            let resolved = match &final_owners {
                Some(o) => Some(resolve_owners(conn, o).await?),
                None => None,
            };
            action_plans::amend_if_agreed(
                conn,
                &principal,
                plan,
                body.amendment_reason.as_deref(),
                None,
            )
            .await?;
            // A reset (null) or new owners without a stated text: the owners' names, or "All".
            let responsibility_text = match (responsibility, &resolved) {
                (Some(Some(text)), _) => Some(Some(text)),
                (Some(None), _) | (None, Some(_)) => {
                    let names: Vec<String> = match &resolved {
                        Some(r) => r.names.clone(),
                        None => before
                            .owners
                            .iter()
                            .filter_map(|o| o.contact_name.clone().or(o.organisation_name.clone()))
                            .collect(),
                    };
                    Some(default_responsibility(all, &names))
                }
                (None, None) => None,
            };
            let status_changes = status.as_deref().filter(|s| *s != current.status);
            q::update(
                conn,
                id,
                &ActionChanges {
                    recommendation_id: body.recommendation_id,
                    part_id: body.part_id,
                    position,
                    proposed_actions: proposed,
                    success_measures: measures,
                    responsibility_text,
                    responsible_all: Some(all).filter(|a| *a != current.responsible_all),
                    status_notes: notes,
                    status: status_changes.map(str::to_owned),
                    withdrawn_reason: None,
                },
            )
            .await?;
            if let Some(resolved) = &resolved {
                q::replace_owners(conn, id, &new_owners(id, &resolved.rows)).await?;
            }
            if let Some(milestones) = &milestones {
                q::replace_milestones(conn, id, &new_milestones(id, milestones)).await?;
            }
            let after = load_one(conn, id).await?;
            audit_q::record(
                conn,
                &audit::event(
                    &principal,
                    if status_changes == Some("complete") {
                        "action.completed"
                    } else {
                        "action.updated"
                    },
                    "action",
                    id,
                    audit::snapshot(&before),
                    audit::snapshot(&after),
                ),
            )
            .await?;
            Ok(after)
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}

/// Withdraw an action: it stays, with the reason. Once the plan is agreed, give
/// `amendment_reason` too.
#[utoipa::path(
    tag = "actions",
    params(("id" = Uuid, Path, description = "Action id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = Withdrawal,
    responses((status = 200, description = "Withdrawn", body = Action), UpdateErrors),
    security(("bearer" = []))
)]
#[post("/actions/{id}/withdrawal")]
pub async fn withdraw_action(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<Withdrawal>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let reason = required_text(&mut errors, "reason", body.reason.trim(), REASON_MAX);
    errors.into_result()?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let (plan, _) = lock_for_write(conn, &principal, id, Some(&if_match)).await?;
            action_plans::amend_if_agreed(
                conn,
                &principal,
                plan,
                body.amendment_reason.as_deref(),
                None,
            )
            .await?;
            let before = load_one(conn, id).await?;
            q::update(
                conn,
                id,
                &ActionChanges {
                    status: Some("withdrawn".to_owned()),
                    withdrawn_reason: Some(reason),
                    ..Default::default()
                },
            )
            .await?;
            let after = load_one(conn, id).await?;
            audit::changed(
                conn,
                &principal,
                "action.withdrawn",
                "action",
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

/// Mark an action complete, optionally with progress notes ("Action complete"). If-Match is
/// checked when sent.
#[utoipa::path(
    tag = "actions",
    params(("id" = Uuid, Path, description = "Action id"), ("If-Match" = Option<String>, Header, description = "The ETag last read (optional)")),
    request_body = Completion,
    responses((status = 200, description = "Completed", body = Action), ActionErrors),
    security(("bearer" = []))
)]
#[post("/actions/{id}/completion")]
pub async fn complete_action(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: Option<IfMatch>,
    body: ValidJson<Completion>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let notes = optional_text(
        &mut errors,
        "status_notes",
        body.status_notes.as_deref(),
        TEXT_MAX,
    );
    errors.into_result()?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let (_, current) = lock_for_write(conn, &principal, id, if_match.as_ref()).await?;
            if current.status == "complete" {
                return Err(ApiError::Conflict {
                    detail: "The action is already complete.".into(),
                    allowed: vec!["open".into()],
                });
            }
            let before = load_one(conn, id).await?;
            q::update(
                conn,
                id,
                &ActionChanges {
                    status: Some("complete".to_owned()),
                    status_notes: notes.map(Some),
                    ..Default::default()
                },
            )
            .await?;
            let after = load_one(conn, id).await?;
            audit::changed(
                conn,
                &principal,
                "action.completed",
                "action",
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

/// An action's changes, newest first.
#[utoipa::path(
    tag = "actions",
    params(("id" = Uuid, Path, description = "Action id"), PageParams),
    responses((status = 200, description = "Audit events of the action", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/actions/{id}/history")]
pub async fn action_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let row = q::find_visible(&mut conn, id.into_inner(), access::scope(&principal))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(history::page(&mut conn, "action", row.action.id, &page).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn milestone(date: Option<&str>, label: Option<&str>) -> MilestoneInput {
        MilestoneInput {
            date: date.map(str::to_owned),
            label: label.map(str::to_owned),
            completed_on: None,
        }
    }

    fn fields(errors: &ValidationErrors) -> Vec<&str> {
        errors.0.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn milestones_keep_their_precision_and_blank_dates() {
        let mut errors = ValidationErrors::new();
        let parsed = parse_milestones(
            &mut errors,
            &[
                milestone(Some("May 2022"), Some("Development of protocol")),
                milestone(Some("2022-10-14"), None),
                milestone(None, Some("Ongoing")),
                milestone(Some("  "), Some("TBC")),
            ],
        )
        .unwrap();
        assert!(errors.is_empty());
        let stored = new_milestones(Uuid::nil(), &parsed);
        assert_eq!(stored[0].due_on, NaiveDate::from_ymd_opt(2022, 5, 1));
        assert_eq!(stored[0].due_by, NaiveDate::from_ymd_opt(2022, 5, 31));
        assert_eq!(stored[0].due_precision.as_deref(), Some("month"));
        assert_eq!(stored[1].due_by, NaiveDate::from_ymd_opt(2022, 10, 14));
        assert_eq!(stored[1].due_precision.as_deref(), Some("day"));
        assert_eq!(stored[2].due_on, None);
        let shown: Vec<Milestone> = stored.into_iter().map(Milestone::from).collect();
        assert_eq!(shown[0].display.as_deref(), Some("May 2022"));
        assert_eq!(shown[0].text, "May 2022 (Development of protocol)");
        assert_eq!(shown[1].display.as_deref(), Some("14 October 2022"));
        assert_eq!(shown[2].display.as_deref(), Some("Ongoing"));
        assert_eq!(shown[3].date, None);
    }

    #[test]
    fn milestone_errors_name_their_index() {
        let mut errors = ValidationErrors::new();
        assert!(parse_milestones(
            &mut errors,
            &[
                milestone(Some("May 2022"), None),
                milestone(Some("Maytember 2022"), None),
                milestone(None, Some("  ")),
            ],
        )
        .is_none());
        assert_eq!(
            fields(&errors),
            ["milestones[1].date", "milestones[2].date"]
        );
    }

    #[test]
    fn measures_and_owners_are_checked_one_by_one() {
        let mut errors = ValidationErrors::new();
        assert!(parse_measures(&mut errors, &["ok".into(), " ".into()]).is_none());
        assert!(parse_measures(&mut errors, &[]).is_none());
        let org = Some(Uuid::now_v7());
        assert!(parse_owners(
            &mut errors,
            &[
                OwnerInput {
                    organisation_id: org,
                    contact_id: None
                },
                OwnerInput {
                    organisation_id: None,
                    contact_id: None
                },
                OwnerInput {
                    organisation_id: org,
                    contact_id: None
                },
            ],
        )
        .is_none());
        assert_eq!(
            fields(&errors),
            [
                "success_measures[1]",
                "success_measures",
                "owners[1]",
                "owners[2]"
            ]
        );
    }

    #[test]
    fn responsibility_defaults_to_owner_names_or_all() {
        assert_eq!(default_responsibility(true, &[]).as_deref(), Some("All"));
        assert_eq!(
            default_responsibility(false, &["Cleveland Police".into(), "Steve Hume".into()])
                .as_deref(),
            Some("Cleveland Police, Steve Hume")
        );
        assert_eq!(default_responsibility(false, &[]), None);
    }

    #[test]
    fn proposed_actions_are_kept_exactly() {
        let mut errors = ValidationErrors::new();
        let text = "This assurance will be provided through:\n\u{2022} Reporting of measures\n\u{2022} A repeat report  \n";
        assert_eq!(
            required_text(&mut errors, "proposed_actions", text, TEXT_MAX).as_deref(),
            Some(text)
        );
        assert!(required_text(&mut errors, "proposed_actions", " \n ", TEXT_MAX).is_none());
    }
}
