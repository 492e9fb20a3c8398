//! People who sign in. Admins manage them.
use crate::audit;
use crate::auth::passwords;
use crate::auth::principal::ADMIN;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, IfMatch, PageParams, ValidJson};
use crate::openapi::{ActionErrors, CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::types::{with_etag, Page};
use crate::state::AppState;
use actix_web::{get, patch, post, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use scrutiny_db::models::{self, NewUser, UserChanges};
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::{audit as audit_q, organisations, refresh_tokens, users as q};
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::people::{
    role_fits_organisation, Email, Name, NewPassword, OrganisationKind, Role,
};
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct User {
    pub id: Uuid,
    #[schema(example = "marc.stephenson@stockton.example")]
    pub email: String,
    #[schema(example = "Marc Stephenson")]
    pub name: String,
    /// admin, officer, contributor or viewer.
    #[schema(example = "officer")]
    pub role: String,
    pub organisation_id: Uuid,
    pub active: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<models::User> for User {
    fn from(row: models::User) -> Self {
        Self {
            id: row.id,
            email: row.email,
            name: row.name,
            role: row.role,
            organisation_id: row.organisation_id,
            active: row.active,
            last_login_at: row.last_login_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    pub email: String,
    pub name: String,
    pub role: String,
    pub organisation_id: Uuid,
    /// At least 12 characters. The user can change it after signing in.
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    pub email: Option<String>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub organisation_id: Option<Uuid>,
    /// `false` deactivates the account: it loses access on its next request.
    pub active: Option<bool>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPassword {
    /// At least 12 characters.
    pub password: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilter {
    pub role: Option<String>,
    pub organisation_id: Option<Uuid>,
    pub active: Option<bool>,
}

/// Hashes a password off the async executor.
pub async fn hash_password(password: NewPassword) -> Result<String, ApiError> {
    web::block(move || passwords::hash(password.expose()))
        .await?
        .map_err(|e| ApiError::internal(e.to_string()))
}

/// Checks that the organisation exists and suits the role (officers and admins belong to councils).
async fn check_organisation(
    conn: &mut AsyncPgConnection,
    organisation_id: Uuid,
    role: Role,
) -> Result<(), ApiError> {
    let org = organisations::find(conn, organisation_id)
        .await?
        .ok_or_else(|| ApiError::invalid("organisation_id", "no such organisation"))?;
    let kind: OrganisationKind = org.kind.parse().map_err(ApiError::internal)?;
    role_fits_organisation(role, kind).map_err(|m| ApiError::invalid("role", m))
}

/// Refuses a change that would leave no active admin.
async fn keep_an_admin(
    conn: &mut AsyncPgConnection,
    before: &models::User,
    role: Option<Role>,
    active: Option<bool>,
) -> Result<(), ApiError> {
    let stops_being_admin = before.role == "admin"
        && before.active
        && (role.is_some_and(|r| r != Role::Admin) || active == Some(false));
    if !stops_being_admin {
        return Ok(());
    }
    // Two admins demoting each other at once must not both succeed.
    q::lock_admin_changes(conn).await?;
    if q::count_admins(conn).await? <= 1 {
        return Err(ApiError::conflict(
            "This is the last active admin; make another admin first.",
        ));
    }
    Ok(())
}

/// List users, by name.
#[utoipa::path(
    tag = "users",
    params(UserFilter, PageParams),
    responses((status = 200, description = "A page of users", body = Page<User>), ListErrors),
    security(("bearer" = []))
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<UserFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let limit = page.limit()?;
    let after = page
        .decode_cursor::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let mut errors = ValidationErrors::new();
    let role = filter
        .role
        .as_deref()
        .and_then(|r| errors.check("role", r.parse::<Role>()));
    errors.into_result()?;
    let db_filter = q::Filter {
        role: role.map(|r| r.as_str().to_owned()),
        organisation_id: filter.organisation_id,
        active: filter.active,
    };
    let mut conn = state.pool.get().await?;
    let rows = q::list(&mut conn, &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.name, r.id)));
    Ok(HttpResponse::Ok().json(Page {
        items: rows.into_iter().map(User::from).collect::<Vec<_>>(),
        next_cursor,
    }))
}

/// Create a user.
#[utoipa::path(
    tag = "users",
    request_body = CreateUser,
    responses((status = 201, description = "Created", body = User), CreateErrors),
    security(("bearer" = []))
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateUser>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let email = errors.check("email", Email::parse(&body.email));
    let name = errors.check("name", Name::parse(&body.name));
    let role = errors.check("role", body.role.parse::<Role>());
    let password = errors.check("password", NewPassword::parse(&body.password));
    errors.into_result()?;
    let (email, name, role) = (
        email.expect("checked"),
        name.expect("checked"),
        role.expect("checked"),
    );
    let hash = hash_password(password.expect("checked")).await?;
    let mut conn = state.pool.get().await?;
    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            check_organisation(conn, body.organisation_id, role).await?;
            let row = q::insert(
                conn,
                &NewUser {
                    id: Uuid::now_v7(),
                    email: email.as_str(),
                    name: name.as_str(),
                    role: role.as_str(),
                    organisation_id: body.organisation_id,
                    password_hash: &hash,
                },
            )
            .await?;
            let dto = User::from(row);
            audit::created(conn, &principal, "user.created", "user", dto.id, &dto).await?;
            Ok(dto)
        })
        .await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}

/// Read one user.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "User id")),
    responses((status = 200, description = "The user, with its ETag", body = User), ReadErrors),
    security(("bearer" = []))
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let mut conn = state.pool.get().await?;
    let dto = User::from(
        q::find(&mut conn, id.into_inner())
            .await?
            .ok_or(ApiError::NotFound)?,
    );
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}

/// Change a user's details or role, move them to another organisation, or (de)activate them.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "User id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateUser,
    responses((status = 200, description = "Updated", body = User), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateUser>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let email = body
        .email
        .as_deref()
        .and_then(|e| errors.check("email", Email::parse(e)));
    let name = body
        .name
        .as_deref()
        .and_then(|n| errors.check("name", Name::parse(n)));
    let role = body
        .role
        .as_deref()
        .and_then(|r| errors.check("role", r.parse::<Role>()));
    errors.into_result()?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let before = q::find_for_update(conn, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            if_match.check(before.version)?;
            keep_an_admin(conn, &before, role, body.active).await?;
            let new_role = match role {
                Some(r) => r,
                None => before.role.parse().map_err(ApiError::internal)?,
            };
            // Re-checked on reactivation too: the organisation may have changed kind meanwhile.
            if role.is_some() || body.organisation_id.is_some() || body.active == Some(true) {
                check_organisation(
                    conn,
                    body.organisation_id.unwrap_or(before.organisation_id),
                    new_role,
                )
                .await?;
            }
            let deactivated = before.active && body.active == Some(false);
            let before = User::from(before);
            let row = q::update(
                conn,
                id,
                &UserChanges {
                    email: email.map(Email::into_inner),
                    name: name.map(Name::into_inner),
                    role: role.map(|r| r.as_str().to_owned()),
                    organisation_id: body.organisation_id,
                    active: body.active,
                },
            )
            .await?;
            if deactivated {
                refresh_tokens::revoke_all_for_user(conn, id).await?;
            }
            let after = User::from(row);
            audit::changed(
                conn,
                &principal,
                "user.updated",
                "user",
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

/// Set a new password for a user (for example when they have forgotten theirs). Signs them out
/// everywhere.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "User id")),
    request_body = SetPassword,
    responses((status = 204, description = "Password set"), ActionErrors),
    security(("bearer" = []))
)]
#[put("/users/{id}/password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<SetPassword>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let password = NewPassword::parse(&body.into_inner().password)
        .map_err(|e| ApiError::invalid("password", e.to_string()))?;
    let hash = hash_password(password).await?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    conn.transaction::<_, ApiError, _>(async |conn| {
        q::find_for_update(conn, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let row = q::set_password(conn, id, &hash).await?;
        refresh_tokens::revoke_all_for_user(conn, id).await?;
        audit_q::record(
            conn,
            &audit::event(
                &principal,
                "user.password_reset",
                "user",
                id,
                None,
                audit::snapshot(&User::from(row)),
            ),
        )
        .await?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
