//! Organisations: councils and partners. Everyone signed in reads them; admins write.
use crate::audit;
use crate::auth::principal::{ADMIN, ANY_ROLE};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, IfMatch, PageParams, ValidJson};
use crate::openapi::{CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::types::{with_etag, Page};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use scrutiny_db::models::{self, NewOrganisation, OrganisationChanges};
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::organisations as q;
use scrutiny_db::AsyncConnection;
use scrutiny_domain::people::{Name, OrganisationKind};
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct Organisation {
    pub id: Uuid,
    #[schema(example = "Cleveland Police")]
    pub name: String,
    #[schema(value_type = String, example = "police")]
    pub kind: String,
    /// A statutory crime-and-disorder responsible authority.
    pub responsible_authority: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<models::Organisation> for Organisation {
    fn from(row: models::Organisation) -> Self {
        Self {
            id: row.id,
            name: row.name,
            kind: row.kind,
            responsible_authority: row.responsible_authority,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganisation {
    #[schema(example = "Cleveland Police")]
    pub name: String,
    /// council, police, fire, health, probation or other.
    #[schema(example = "police")]
    pub kind: String,
    /// Defaults to true for every kind but `other`.
    pub responsible_authority: Option<bool>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganisation {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub responsible_authority: Option<bool>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganisationFilter {
    /// Only organisations of this kind.
    pub kind: Option<String>,
    pub responsible_authority: Option<bool>,
}

fn parse_kind(errors: &mut ValidationErrors, raw: &str) -> Option<OrganisationKind> {
    errors.check("kind", raw.parse::<OrganisationKind>())
}

/// List organisations, by name.
#[utoipa::path(
    tag = "organisations",
    params(OrganisationFilter, PageParams),
    responses((status = 200, description = "A page of organisations", body = Page<Organisation>), ListErrors),
    security(("bearer" = []))
)]
#[get("/organisations")]
pub async fn list_organisations(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<OrganisationFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let limit = page.limit()?;
    let after = page
        .decode_cursor::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let mut errors = ValidationErrors::new();
    let kind = filter
        .kind
        .as_deref()
        .and_then(|k| parse_kind(&mut errors, k));
    errors.into_result()?;
    let db_filter = q::Filter {
        kind: kind.map(|k| k.as_str().to_owned()),
        responsible_authority: filter.responsible_authority,
    };
    let mut conn = state.pool.get().await?;
    let rows = q::list(&mut conn, &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.name, r.id)));
    Ok(HttpResponse::Ok().json(Page {
        items: rows.into_iter().map(Organisation::from).collect::<Vec<_>>(),
        next_cursor,
    }))
}

/// Create an organisation.
#[utoipa::path(
    tag = "organisations",
    request_body = CreateOrganisation,
    responses((status = 201, description = "Created", body = Organisation), CreateErrors),
    security(("bearer" = []))
)]
#[post("/organisations")]
pub async fn create_organisation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateOrganisation>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", Name::parse(&body.name));
    let kind = parse_kind(&mut errors, &body.kind);
    errors.into_result()?;
    let (name, kind) = (name.expect("checked"), kind.expect("checked"));
    let responsible = body
        .responsible_authority
        .unwrap_or_else(|| kind.usually_responsible_authority());
    let mut conn = state.pool.get().await?;
    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let row = q::insert(
                conn,
                &NewOrganisation {
                    id: Uuid::now_v7(),
                    name: name.as_str(),
                    kind: kind.as_str(),
                    responsible_authority: responsible,
                },
            )
            .await?;
            let dto = Organisation::from(row);
            audit::created(
                conn,
                &principal,
                "organisation.created",
                "organisation",
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

/// Read one organisation.
#[utoipa::path(
    tag = "organisations",
    params(("id" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, description = "The organisation, with its ETag", body = Organisation), ReadErrors),
    security(("bearer" = []))
)]
#[get("/organisations/{id}")]
pub async fn get_organisation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let row = q::find(&mut conn, id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    let dto = Organisation::from(row);
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}

/// Change an organisation's name, kind or responsible-authority flag.
#[utoipa::path(
    tag = "organisations",
    params(("id" = Uuid, Path, description = "Organisation id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateOrganisation,
    responses((status = 200, description = "Updated", body = Organisation), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/organisations/{id}")]
pub async fn update_organisation(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateOrganisation>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let name = body
        .name
        .as_deref()
        .and_then(|n| errors.check("name", Name::parse(n)));
    let kind = body
        .kind
        .as_deref()
        .and_then(|k| parse_kind(&mut errors, k));
    errors.into_result()?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let before = q::find_for_update(conn, id).await?.ok_or(ApiError::NotFound)?;
            if_match.check(before.version)?;
            if let Some(kind) = kind {
                if kind != OrganisationKind::Council && before.kind == "council" {
                    let staff = scrutiny_db::queries::users::count_in_organisation_with_roles(
                        conn,
                        id,
                        &["admin", "officer"],
                    )
                    .await?
                        + scrutiny_db::queries::service_accounts::count_in_organisation_with_roles(
                            conn,
                            id,
                            &["officer"],
                        )
                        .await?;
                    if staff > 0 {
                        return Err(ApiError::conflict(
                            "The organisation has council officers, admins or officer service accounts (active or not); it must stay a council.",
                        ));
                    }
                }
            }
            let before = Organisation::from(before);
            let row = q::update(
                conn,
                id,
                &OrganisationChanges {
                    name: name.map(Name::into_inner),
                    kind: kind.map(|k| k.as_str().to_owned()),
                    responsible_authority: body.responsible_authority,
                },
            )
            .await?;
            let after = Organisation::from(row);
            audit::changed(conn, &principal, "organisation.updated", "organisation", id, &before, &after).await?;
            Ok(after)
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
}
