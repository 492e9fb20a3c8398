//! The signed-in principal: who am I, and changing my own password.
use crate::audit;
use crate::auth::principal::ANY_ROLE;
use crate::auth::{passwords, ActorKind, Auth};
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::{ActionErrors, ReadErrors};
use crate::routes::users::{hash_password, User};
use crate::state::AppState;
use actix_web::{get, put, web, HttpResponse};
use scrutiny_db::queries::{audit as audit_q, organisations, refresh_tokens, users};
use scrutiny_db::AsyncConnection;
use scrutiny_domain::people::NewPassword;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct MeOrganisation {
    pub id: Uuid,
    pub name: String,
    #[schema(example = "council")]
    pub kind: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: Uuid,
    /// `user` or `service_account`.
    pub kind: ActorKind,
    pub name: String,
    /// Absent for service accounts.
    pub email: Option<String>,
    #[schema(example = "contributor")]
    pub role: String,
    pub organisation: MeOrganisation,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    pub current_password: String,
    /// At least 12 characters.
    pub new_password: String,
}

/// Who the access token belongs to.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "The signed-in user or service account", body = Me), ReadErrors),
    security(("bearer" = []))
)]
#[get("/me")]
pub async fn get_me(
    state: web::Data<AppState>,
    Auth(principal): Auth,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let org = organisations::find(&mut conn, principal.organisation_id.as_uuid())
        .await?
        .ok_or(ApiError::NotFound)?;
    let email = match principal.kind {
        ActorKind::User => users::find(&mut conn, principal.id).await?.map(|u| u.email),
        ActorKind::ServiceAccount | ActorKind::System => None,
    };
    Ok(HttpResponse::Ok().json(Me {
        id: principal.id,
        kind: principal.kind,
        name: principal.name.clone(),
        email,
        role: principal.role.as_str().to_owned(),
        organisation: MeOrganisation {
            id: org.id,
            name: org.name,
            kind: org.kind,
        },
    }))
}

/// Change my own password. Every session that began before it ends (access and refresh tokens);
/// the answer carries a new pair for this one.
#[utoipa::path(
    tag = "auth",
    request_body = ChangePassword,
    responses((status = 200, description = "Changed; new tokens for this session", body = crate::routes::auth::TokenResponse), (status = 429, description = "Too many attempts", body = crate::error::Problem, content_type = "application/problem+json"), ActionErrors),
    security(("bearer" = []))
)]
#[put("/me/password")]
pub async fn change_my_password(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<ChangePassword>,
) -> Result<HttpResponse, ApiError> {
    if principal.kind != ActorKind::User {
        return Err(ApiError::Forbidden);
    }
    let body = body.into_inner();
    let new = NewPassword::parse(&body.new_password)
        .map_err(|e| ApiError::invalid("new_password", e.to_string()))?;
    let mut conn = state.pool.get().await?;
    let user = users::find(&mut conn, principal.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    state
        .throttle
        .check("password-change", &user.email)
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })?;
    let stored = user.password_hash.clone();
    let current = body.current_password;
    if !web::block(move || passwords::verify(&current, &stored)).await? {
        return Err(ApiError::invalid(
            "current_password",
            "is not your current password",
        ));
    }
    let hash = hash_password(new).await?;
    let (row, refresh) = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let row = users::set_password(conn, principal.id, &hash).await?;
            refresh_tokens::revoke_all_for_user(conn, principal.id).await?;
            audit_q::record(
                conn,
                &audit::event(
                    &principal,
                    "user.password_changed",
                    "user",
                    principal.id,
                    None,
                    audit::snapshot(&User::from(row.clone())),
                ),
            )
            .await?;
            let refresh =
                crate::routes::auth::new_refresh_token(conn, &state, &row, Uuid::now_v7()).await?;
            Ok((row, refresh))
        })
        .await?;
    let tokens = crate::routes::auth::user_tokens(&state, &row, refresh)?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(tokens))
}
