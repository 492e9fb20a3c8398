//! Service accounts: OAuth2 client-credentials for partners' systems. Admins only. The client
//! secret is shown once, when created or rotated; only its SHA-256 digest is stored.
use crate::audit;
use crate::auth::principal::ADMIN;
use crate::auth::{secrets, Auth};
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, IfMatch, PageParams, ValidJson};
use crate::openapi::{CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::types::{with_etag, Page};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{get, patch, post, web, HttpResponse, HttpResponseBuilder};
use chrono::{DateTime, Utc};
use scrutiny_db::models::{self, NewServiceAccount, ServiceAccountChanges};
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::service_accounts as q;
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::people::{role_fits_organisation, Name, OrganisationKind, Role};
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceAccount {
    pub id: Uuid,
    #[schema(example = "Cleveland Police case system")]
    pub name: String,
    /// The public half of the credentials, sent with the secret to `POST /auth/token`.
    #[schema(example = "sa_5f0c2a9e41d3b7c86a1e2f40")]
    pub client_id: String,
    /// officer, contributor or viewer (never admin).
    #[schema(example = "contributor")]
    pub role: String,
    pub organisation_id: Uuid,
    /// False once revoked: the account can no longer get tokens.
    pub active: bool,
    pub secret_rotated_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<models::ServiceAccount> for ServiceAccount {
    fn from(row: models::ServiceAccount) -> Self {
        Self {
            id: row.id,
            name: row.name,
            client_id: row.client_id,
            role: row.role,
            organisation_id: row.organisation_id,
            active: row.active,
            secret_rotated_at: row.secret_rotated_at,
            last_used_at: row.last_used_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

/// A service account with its new client secret. The secret is shown this once: store it now.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceAccountCredentials {
    pub account: ServiceAccount,
    #[schema(example = "cs_Qm9vZ2llV29vZ2llQm9vZ2llV29vZ2llQm9vZ2ll")]
    pub client_secret: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateServiceAccount {
    #[schema(example = "Cleveland Police case system")]
    pub name: String,
    /// officer, contributor or viewer; officer needs a council organisation.
    #[schema(example = "contributor")]
    pub role: String,
    pub organisation_id: Uuid,
}

/// Absent fields are left alone. `active: false` revokes the account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateServiceAccount {
    pub name: Option<String>,
    pub role: Option<String>,
    pub active: Option<bool>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceAccountFilter {
    /// Only accounts of this organisation.
    pub organisation_id: Option<Uuid>,
    /// Only active (true) or revoked (false) accounts.
    pub active: Option<bool>,
}

/// Parses a role and checks that a service account may hold it.
fn parse_role(errors: &mut ValidationErrors, raw: &str) -> Option<Role> {
    let role = errors.check("role", raw.parse::<Role>())?;
    if role.allowed_for_service_account() {
        Some(role)
    } else {
        errors.add("role", "a service account cannot be an admin");
        None
    }
}

/// The kind of an organisation, or a 422 naming `organisation_id` when it does not exist.
async fn organisation_kind(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<OrganisationKind, ApiError> {
    let org = scrutiny_db::queries::organisations::find(conn, id)
        .await?
        .ok_or_else(|| ApiError::invalid("organisation_id", "no such organisation"))?;
    org.kind.parse().map_err(ApiError::internal)
}

fn check_role_fits(role: Role, kind: OrganisationKind) -> Result<(), ApiError> {
    role_fits_organisation(role, kind).map_err(|message| ApiError::invalid("role", message))
}

/// A response carrying a secret: never cached.
fn credentials_response(credentials: &ServiceAccountCredentials) -> HttpResponse {
    let mut builder = HttpResponseBuilder::new(actix_web::http::StatusCode::CREATED);
    builder.insert_header((header::CACHE_CONTROL, "no-store"));
    with_etag(builder, credentials.account.version, credentials)
}

/// List service accounts, by name.
#[utoipa::path(
    tag = "service-accounts",
    params(ServiceAccountFilter, PageParams),
    responses((status = 200, description = "A page of service accounts", body = Page<ServiceAccount>), ListErrors),
    security(("bearer" = []))
)]
#[get("/service-accounts")]
pub async fn list_service_accounts(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<ServiceAccountFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let limit = page.limit()?;
    let after = page
        .decode_cursor::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let db_filter = q::Filter {
        organisation_id: filter.organisation_id,
        active: filter.active,
    };
    let mut conn = state.pool.get().await?;
    let rows = q::list(&mut conn, &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.name, r.id)));
    Ok(HttpResponse::Ok().json(Page {
        items: rows
            .into_iter()
            .map(ServiceAccount::from)
            .collect::<Vec<_>>(),
        next_cursor,
    }))
}

/// Create a service account. The answer holds the client secret, shown this once.
#[utoipa::path(
    tag = "service-accounts",
    request_body = CreateServiceAccount,
    responses(
        (status = 201, description = "Created; the client secret is shown this once", body = ServiceAccountCredentials),
        CreateErrors
    ),
    security(("bearer" = []))
)]
#[post("/service-accounts")]
pub async fn create_service_account(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateServiceAccount>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", Name::parse(&body.name));
    let role = parse_role(&mut errors, &body.role);
    errors.into_result()?;
    let (name, role) = (name.expect("checked"), role.expect("checked"));
    let client_id = secrets::client_id();
    let client_secret = secrets::generate("cs");
    let secret_hash = secrets::digest_hex(&client_secret);
    let mut conn = state.pool.get().await?;
    let account = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let kind = organisation_kind(conn, body.organisation_id).await?;
            check_role_fits(role, kind)?;
            let row = q::insert(
                conn,
                &NewServiceAccount {
                    id: Uuid::now_v7(),
                    name: name.as_str(),
                    client_id: &client_id,
                    secret_hash: &secret_hash,
                    role: role.as_str(),
                    organisation_id: body.organisation_id,
                },
            )
            .await?;
            let dto = ServiceAccount::from(row);
            audit::created(
                conn,
                &principal,
                "service_account.created",
                "service_account",
                dto.id,
                &dto,
            )
            .await?;
            Ok(dto)
        })
        .await?;
    Ok(credentials_response(&ServiceAccountCredentials {
        account,
        client_secret,
    }))
}

/// Read one service account (never its secret).
#[utoipa::path(
    tag = "service-accounts",
    params(("id" = Uuid, Path, description = "Service account id")),
    responses((status = 200, description = "The service account, with its ETag", body = ServiceAccount), ReadErrors),
    security(("bearer" = []))
)]
#[get("/service-accounts/{id}")]
pub async fn get_service_account(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let mut conn = state.pool.get().await?;
    let row = q::find(&mut conn, id.into_inner())
        .await?
        .ok_or(ApiError::NotFound)?;
    let dto = ServiceAccount::from(row);
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}

/// Rename a service account, change its role, or revoke it (`active: false`).
#[utoipa::path(
    tag = "service-accounts",
    params(("id" = Uuid, Path, description = "Service account id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateServiceAccount,
    responses((status = 200, description = "Updated", body = ServiceAccount), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/service-accounts/{id}")]
pub async fn update_service_account(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateServiceAccount>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let name = body
        .name
        .as_deref()
        .and_then(|n| errors.check("name", Name::parse(n)));
    let role = body
        .role
        .as_deref()
        .and_then(|r| parse_role(&mut errors, r));
    errors.into_result()?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let before = q::find_for_update(conn, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            if_match.check(before.version)?;
            if let Some(role) = role {
                let kind = organisation_kind(conn, before.organisation_id).await?;
                check_role_fits(role, kind)?;
            }
            let before = ServiceAccount::from(before);
            let row = q::update(
                conn,
                id,
                &ServiceAccountChanges {
                    name: name.map(Name::into_inner),
                    role: role.map(|r| r.as_str().to_owned()),
                    active: body.active,
                },
            )
            .await?;
            let after = ServiceAccount::from(row);
            audit::changed(
                conn,
                &principal,
                "service_account.updated",
                "service_account",
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

/// Replace a service account's client secret. The old secret stops working at once; the answer
/// holds the new one, shown this once.
#[utoipa::path(
    tag = "service-accounts",
    params(("id" = Uuid, Path, description = "Service account id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 201, description = "Rotated; the new client secret is shown this once", body = ServiceAccountCredentials),
        UpdateErrors
    ),
    security(("bearer" = []))
)]
#[post("/service-accounts/{id}/secret")]
pub async fn rotate_secret(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let id = id.into_inner();
    let client_secret = secrets::generate("cs");
    let secret_hash = secrets::digest_hex(&client_secret);
    let mut conn = state.pool.get().await?;
    let account = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let before = q::find_for_update(conn, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            if_match.check(before.version)?;
            let before = ServiceAccount::from(before);
            let row = q::set_secret(conn, id, &secret_hash).await?;
            let after = ServiceAccount::from(row);
            audit::changed(
                conn,
                &principal,
                "service_account.secret_rotated",
                "service_account",
                id,
                &before,
                &after,
            )
            .await?;
            Ok(after)
        })
        .await?;
    Ok(credentials_response(&ServiceAccountCredentials {
        account,
        client_secret,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_accounts_cannot_be_admins() {
        let mut errors = ValidationErrors::new();
        assert_eq!(
            parse_role(&mut errors, "contributor"),
            Some(Role::Contributor)
        );
        assert!(errors.is_empty());
        assert_eq!(parse_role(&mut errors, "admin"), None);
        assert_eq!(parse_role(&mut errors, "root"), None);
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["role", "role"]);
        assert_eq!(errors.0[0].message, "a service account cannot be an admin");
    }

    #[test]
    fn council_roles_need_a_council() {
        assert!(check_role_fits(Role::Officer, OrganisationKind::Police).is_err());
        assert!(check_role_fits(Role::Officer, OrganisationKind::Council).is_ok());
        assert!(check_role_fits(Role::Viewer, OrganisationKind::Fire).is_ok());
    }

    #[test]
    fn credentials_are_not_cached() {
        let response = credentials_response(&ServiceAccountCredentials {
            account: ServiceAccount {
                id: Uuid::nil(),
                name: "x".into(),
                client_id: "sa_x".into(),
                role: "viewer".into(),
                organisation_id: Uuid::nil(),
                active: true,
                secret_rotated_at: Utc::now(),
                last_used_at: None,
                created_at: Utc::now(),
                updated_at: Utc::now(),
                version: 3,
            },
            client_secret: "cs_x".into(),
        });
        assert_eq!(response.status(), actix_web::http::StatusCode::CREATED);
        assert_eq!(
            response.headers().get(header::CACHE_CONTROL).unwrap(),
            "no-store"
        );
        assert_eq!(response.headers().get(header::ETAG).unwrap(), "\"3\"");
    }
}
