//! Select committees. Committees are renamed and replaced: a replacement is a new committee, and
//! the old one keeps its name and points at its successor, so history reads as it happened.
use crate::access;
use crate::audit;
use crate::auth::principal::ANY_ROLE;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, IfMatch, PageParams, ValidJson};
use crate::openapi::{ActionErrors, CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::audit_events::AuditEvent;
use crate::routes::history;
use crate::routes::types::{double_option, with_etag, Page};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::audit as audit_q;
use scrutiny_db::queries::committees::{self as q, CommitteeChanges, NewCommittee};
use scrutiny_db::scope::Scope;
use scrutiny_db::AsyncConnection;
use scrutiny_domain::people::Name;
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct Committee {
    pub id: Uuid,
    pub council_id: Uuid,
    #[schema(example = "Crime and Disorder Select Committee")]
    pub name: String,
    pub description: Option<String>,
    /// Months between progress rounds after the first.
    pub update_interval_months: i32,
    /// The committee that replaced this one, when it was renamed or replaced.
    pub successor_id: Option<Uuid>,
    pub replaced_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<q::Committee> for Committee {
    fn from(row: q::Committee) -> Self {
        Self {
            id: row.id,
            council_id: row.council_id,
            name: row.name,
            description: row.description,
            update_interval_months: row.update_interval_months,
            successor_id: row.successor_id,
            replaced_on: row.replaced_on,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommitteeDetail {
    #[serde(flatten)]
    pub committee: Committee,
    /// Committees this one replaced.
    pub predecessors: Vec<Committee>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCommittee {
    #[schema(example = "Crime and Disorder Select Committee")]
    pub name: String,
    pub description: Option<String>,
    /// Months between progress rounds after the first (default 6).
    pub update_interval_months: Option<i32>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCommittee {
    /// For corrections; a committee that is renamed by the council gets a successor instead.
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub description: Option<Option<String>>,
    pub update_interval_months: Option<i32>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplaceCommittee {
    /// The successor's name.
    pub name: String,
    pub description: Option<String>,
    /// When the change took effect (default today).
    pub replaced_on: Option<NaiveDate>,
    pub update_interval_months: Option<i32>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommitteeFilter {
    /// Only this council's committees (admins; others see their own council's).
    pub council_id: Option<Uuid>,
    /// `false`: only current committees; `true`: only replaced ones.
    pub replaced: Option<bool>,
}

fn interval(errors: &mut ValidationErrors, value: Option<i32>) -> Option<i32> {
    match value {
        Some(n) if !(1..=60).contains(&n) => {
            errors.add("update_interval_months", "must be between 1 and 60");
            None
        }
        other => other,
    }
}

fn text(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The council whose committees a principal lists: their own, or any for admins and partners.
fn list_council(scope: Scope, requested: Option<Uuid>) -> Option<Uuid> {
    match scope {
        Scope::Council(own) => Some(own),
        Scope::All | Scope::Responsible(_) => requested,
    }
}

/// List select committees, by name. Committees are public bodies: everyone signed in reads them.
#[utoipa::path(
    tag = "committees",
    params(CommitteeFilter, PageParams),
    responses((status = 200, description = "A page of committees", body = Page<Committee>), ListErrors),
    security(("bearer" = []))
)]
#[get("/committees")]
pub async fn list_committees(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<CommitteeFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let limit = page.limit()?;
    let after = page
        .decode_cursor::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let db_filter = q::Filter {
        council_id: list_council(access::scope(&principal), filter.council_id),
        replaced: filter.replaced,
    };
    let mut conn = state.pool.get().await?;
    let rows = q::list(&mut conn, &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.name, r.id)));
    Ok(HttpResponse::Ok().json(Page {
        items: rows.into_iter().map(Committee::from).collect::<Vec<_>>(),
        next_cursor,
    }))
}

/// Create a select committee in the caller's council.
#[utoipa::path(
    tag = "committees",
    request_body = CreateCommittee,
    responses((status = 201, description = "Created", body = Committee), CreateErrors),
    security(("bearer" = []))
)]
#[post("/committees")]
pub async fn create_committee(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateCommittee>,
) -> Result<HttpResponse, ApiError> {
    let council = access::writing_council(&principal)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", Name::parse(&body.name));
    let months = interval(&mut errors, body.update_interval_months);
    errors.into_result()?;
    let name = name.expect("checked");
    let description = text(body.description.as_deref());
    let mut conn = state.pool.get().await?;
    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            if q::find_by_name(conn, council, name.as_str())
                .await?
                .is_some()
            {
                return Err(ApiError::conflict(
                    "The council already has a committee of that name.",
                ));
            }
            let row = q::insert(
                conn,
                &NewCommittee {
                    id: Uuid::now_v7(),
                    council_id: council,
                    name: name.as_str(),
                    description: description.as_deref(),
                    update_interval_months: months.unwrap_or(6),
                },
            )
            .await?;
            let dto = Committee::from(row);
            audit::created(
                conn,
                &principal,
                "committee.created",
                "committee",
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

/// Read a committee, with the committees it replaced.
#[utoipa::path(
    tag = "committees",
    params(("id" = Uuid, Path, description = "Committee id")),
    responses((status = 200, description = "The committee, with its ETag", body = CommitteeDetail), ReadErrors),
    security(("bearer" = []))
)]
#[get("/committees/{id}")]
pub async fn get_committee(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let row = q::find(&mut conn, id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    access::check_council_visible(access::scope(&principal), row.council_id)?;
    let predecessors = q::predecessors(&mut conn, row.id).await?;
    let detail = CommitteeDetail {
        committee: Committee::from(row),
        predecessors: predecessors.into_iter().map(Committee::from).collect(),
    };
    Ok(with_etag(
        HttpResponse::Ok(),
        detail.committee.version,
        &detail,
    ))
}

/// Correct a committee's name or description, or change its update interval.
#[utoipa::path(
    tag = "committees",
    params(("id" = Uuid, Path, description = "Committee id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateCommittee,
    responses((status = 200, description = "Updated", body = Committee), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/committees/{id}")]
pub async fn update_committee(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateCommittee>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let name = body
        .name
        .as_deref()
        .and_then(|n| errors.check("name", Name::parse(n)));
    let months = interval(&mut errors, body.update_interval_months);
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
            let before = Committee::from(before);
            let row = q::update(
                conn,
                id,
                &CommitteeChanges {
                    name: name.map(Name::into_inner),
                    description: body.description.map(|d| text(d.as_deref())),
                    update_interval_months: months,
                    ..Default::default()
                },
            )
            .await?;
            let after = Committee::from(row);
            audit::changed(
                conn,
                &principal,
                "committee.updated",
                "committee",
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

/// Rename or replace a committee: creates its successor and links the two. Reviews stay with the
/// committee that ran them.
#[utoipa::path(
    tag = "committees",
    params(("id" = Uuid, Path, description = "Committee id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = ReplaceCommittee,
    responses((status = 201, description = "The successor", body = Committee), (status = 412, description = "Stale If-Match", body = crate::error::Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match required", body = crate::error::Problem, content_type = "application/problem+json"), ActionErrors),
    security(("bearer" = []))
)]
#[post("/committees/{id}/successor")]
pub async fn replace_committee(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<ReplaceCommittee>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", Name::parse(&body.name));
    let months = interval(&mut errors, body.update_interval_months);
    errors.into_result()?;
    let name = name.expect("checked");
    let id = id.into_inner();
    let replaced_on = body.replaced_on.unwrap_or_else(|| Utc::now().date_naive());
    let description = text(body.description.as_deref());
    let mut conn = state.pool.get().await?;
    let successor = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let old = q::find_for_update(conn, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            access::check_write(&principal, old.council_id)?;
            if_match.check(old.version)?;
            if old.successor_id.is_some() {
                return Err(ApiError::conflict(
                    "This committee has already been replaced; replace its successor instead.",
                ));
            }
            let before = Committee::from(old.clone());
            let new = q::insert(
                conn,
                &NewCommittee {
                    id: Uuid::now_v7(),
                    council_id: old.council_id,
                    name: name.as_str(),
                    description: description.as_deref().or(old.description.as_deref()),
                    update_interval_months: months.unwrap_or(old.update_interval_months),
                },
            )
            .await?;
            let successor = Committee::from(new);
            let replaced = q::update(
                conn,
                id,
                &CommitteeChanges {
                    successor_id: Some(Some(successor.id)),
                    replaced_on: Some(Some(replaced_on)),
                    ..Default::default()
                },
            )
            .await?;
            audit::created(
                conn,
                &principal,
                "committee.created",
                "committee",
                successor.id,
                &successor,
            )
            .await?;
            audit_q::record(
                conn,
                &audit::event(
                    &principal,
                    "committee.replaced",
                    "committee",
                    id,
                    audit::snapshot(&before),
                    audit::snapshot(&Committee::from(replaced)),
                ),
            )
            .await?;
            Ok(successor)
        })
        .await?;
    Ok(with_etag(
        HttpResponse::Created(),
        successor.version,
        &successor,
    ))
}

/// A committee's changes, newest first.
#[utoipa::path(
    tag = "committees",
    params(("id" = Uuid, Path, description = "Committee id"), PageParams),
    responses((status = 200, description = "Audit events of the committee", body = Page<AuditEvent>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/committees/{id}/history")]
pub async fn committee_history(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let row = q::find(&mut conn, id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    access::check_council_visible(access::scope(&principal), row.council_id)?;
    Ok(HttpResponse::Ok().json(history::page(&mut conn, "committee", row.id, &page).await?))
}
