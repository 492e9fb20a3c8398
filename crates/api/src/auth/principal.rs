//! Who is making the request: resolved from the bearer token and checked against the database, or
//! against what the database said a moment ago and has not announced a change to since
//! ([`crate::auth::cache`]), so a deactivated account or a changed role takes effect at once.
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use scrutiny_app::credentials::secrets;
use scrutiny_db::queries::{service_accounts, users};

pub use scrutiny_app::principal::{ActorKind, Principal, ADMIN, ANY_ROLE, COUNCIL_STAFF};

/// The principal of a request, as a handler's argument: `Auth(principal): Auth`.
#[derive(Debug, Clone)]
pub struct Auth(pub Principal);

impl std::ops::Deref for Auth {
    type Target = Principal;
    fn deref(&self) -> &Principal {
        &self.0
    }
}

/// The token of an `Authorization: Bearer …` header.
pub(crate) fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
        .filter(|t| !t.is_empty())
}

impl FromRequest for Auth {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // Already resolved for this request by a middleware (see `crate::idempotency`).
        if let Some(principal) = req.extensions().get::<Principal>().cloned() {
            return Box::pin(std::future::ready(Ok(Auth(principal))));
        }
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("application state missing"))?;
            let token = token.ok_or(ApiError::Unauthorized(
                "Send an access token in an Authorization: Bearer header.",
            ))?;
            authenticate(&state, &token).await.map(Auth)
        })
    }
}

/// The principal an access token stands for, checked against the database (or taken from the
/// principals checked a moment ago: [`crate::auth::cache`]): the account must still be active and
/// its credentials unchanged since the token was issued.
pub async fn authenticate(state: &AppState, token: &str) -> Result<Principal, ApiError> {
    let claims = state
        .jwt
        .verify(token)
        .map_err(|_| ApiError::Unauthorized("The access token is invalid or has expired."))?;
    let service = match claims.kind.as_str() {
        "user" => false,
        "service_account" => true,
        _ => {
            return Err(ApiError::Unauthorized(
                "The access token is invalid or has expired.",
            ))
        }
    };
    let changed = if service {
        "The client secret has been rotated since this token was issued."
    } else {
        "The password has changed since this token was issued. Sign in again."
    };
    match state.principals.get(service, claims.sub, &claims.cst) {
        Some(Ok(principal)) => return Ok(principal),
        Some(Err(())) => return Err(ApiError::Unauthorized(changed)),
        None => {}
    }
    let generation = state.principals.generation();
    let (principal, stamp) = load(state, service, claims.sub).await?;
    // A password change or reset ends the sessions that began before it; a rotated secret, the
    // service account's.
    if !secrets::same_digest(&claims.cst, &stamp) {
        return Err(ApiError::Unauthorized(changed));
    }
    state
        .principals
        .keep(generation, service, claims.sub, stamp, &principal);
    Ok(principal)
}

/// An active account's principal and credential stamp, from the database.
async fn load(
    state: &AppState,
    service: bool,
    id: uuid::Uuid,
) -> Result<(Principal, String), ApiError> {
    let inactive = ApiError::Unauthorized("The account is no longer active.");
    let mut conn = scrutiny_db::pool::unbound(&state.pool).await?;
    if service {
        let (account, org) = service_accounts::find_with_organisation(&mut conn, id)
            .await?
            .ok_or(inactive)?;
        if !account.active {
            return Err(ApiError::Unauthorized("The account is no longer active."));
        }
        let stamp = secrets::credential_stamp(&account.secret_hash);
        Ok((
            principal(
                ActorKind::ServiceAccount,
                account.id,
                account.name,
                None,
                &account.role,
                org,
            )?,
            stamp,
        ))
    } else {
        let (user, org) = users::find_with_organisation(&mut conn, id)
            .await?
            .ok_or(inactive)?;
        if !user.active {
            return Err(ApiError::Unauthorized("The account is no longer active."));
        }
        let stamp = secrets::credential_stamp(&user.password_hash);
        Ok((
            principal(
                ActorKind::User,
                user.id,
                user.name,
                Some(user.email),
                &user.role,
                org,
            )?,
            stamp,
        ))
    }
}

fn principal(
    kind: ActorKind,
    id: uuid::Uuid,
    name: String,
    email: Option<String>,
    role: &str,
    org: scrutiny_db::models::Organisation,
) -> Result<Principal, ApiError> {
    Ok(Principal {
        kind,
        id,
        name,
        role: role.parse().map_err(ApiError::internal)?,
        organisation_id: org.id.into(),
        organisation_kind: org.kind.parse().map_err(ApiError::internal)?,
        organisation_name: org.name,
        email,
    })
}
