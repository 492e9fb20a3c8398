//! Signing in with a council's identity provider (OpenID Connect, authorization code flow with
//! PKCE; `scrutiny_app::sso`). The browser is sent to `GET /auth/oidc/{id}/start`, goes to the
//! provider, comes back to `GET /auth/oidc/callback`, and lands on the web app's `/signin/sso`
//! with a one-time code in the URL's fragment (`#code=…&next=…`, or `#error=…`), which the web
//! app exchanges at `POST /auth/token` (`grant_type` `authorization_code`) for its tokens.
use crate::error::ApiError;
use crate::openapi::PublicReadErrors;
use crate::respond::Page;
use crate::routes::auth::client_address;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use scrutiny_app::sso::{self, Callback, SignInOption};
use scrutiny_app::{Ctx, Principal};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

/// The path the provider sends the browser back to, on this server.
pub const CALLBACK_PATH: &str = "/api/v1/auth/oidc/callback";
/// The web app's page that finishes a sign-in.
const LANDING: &str = "/signin/sso";

fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// A 303 to `location`, never cached.
fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header(("referrer-policy", "no-referrer"))
        .finish()
}

fn to_error_page(message: &str) -> HttpResponse {
    see_other(&format!("{LANDING}#error={}", encode(message)))
}

async fn system_ctx(state: &AppState) -> Result<Ctx<'static>, ApiError> {
    Ok(Ctx::new(
        scrutiny_db::pool::unbound(&state.pool).await?,
        Principal::system("authentication"),
    ))
}

/// The identity providers people may sign in with, by council: a button each on the sign-in page.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "The sign-in options", body = Page<SignInOption>), PublicReadErrors)
)]
#[get("/auth/providers")]
pub async fn list_sign_in_options(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let mut ctx = system_ctx(&state).await?;
    let items = sso::options(&mut ctx).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .json(Page {
            items,
            next_cursor: None,
        }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StartParams {
    /// The web app's page to open once signed in (a path of this site; anything else, or a path
    /// longer than 500 characters, is `/`).
    #[param(example = "/reviews")]
    pub return_to: Option<String>,
}

/// Start signing in with identity provider `id`: answers 303 to the provider's sign-in page (or
/// to the web app's `/signin/sso#error=…` when it cannot start). Open it in the browser.
#[utoipa::path(
    tag = "auth",
    params(("id" = Uuid, Path, description = "Identity provider id"), StartParams),
    responses(
        (status = 303, description = "To the provider's sign-in page, or to the web app with an error", headers(("location" = String, description = "Where to go"))),
        (status = 429, description = "Too many attempts from this address; see Retry-After", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unreachable or busy", body = crate::error::Problem, content_type = "application/problem+json")
    )
)]
#[get("/auth/oidc/{id}/start")]
pub async fn start_sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    params: web::Query<StartParams>,
) -> Result<HttpResponse, ApiError> {
    throttle(&req, &state)?;
    let redirect_uri = format!("{}{CALLBACK_PATH}", state.public_url);
    let mut ctx = system_ctx(&state).await?;
    let begun = sso::begin(
        &mut ctx,
        &state.oidc,
        id.into_inner(),
        &redirect_uri,
        params.return_to.as_deref(),
    )
    .await?;
    Ok(match begun {
        Ok(url) => see_other(&url),
        Err(refusal) => to_error_page(&refusal.0),
    })
}

fn throttle(req: &HttpRequest, state: &AppState) -> Result<(), ApiError> {
    state
        .throttle
        .check_address(&client_address(req, state))
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackParams {
    /// Any value is taken: one this server did not issue (or too long to be one) is answered
    /// through the redirect, as every other failure of the sign-in is.
    pub state: Option<String>,
    pub code: Option<String>,
    /// The provider's error instead of a code, e.g. `access_denied`.
    pub error: Option<String>,
    pub error_description: Option<String>,
    /// The issuer (RFC 9207), when the provider sends it; not needed, since the state names the
    /// provider.
    pub iss: Option<String>,
}

/// Where the identity provider sends the browser back (register
/// `{public address}/api/v1/auth/oidc/callback` as the redirect URI). Answers 303 to the web
/// app's `/signin/sso` with a one-time code (`#code=…&next=…`) or an error (`#error=…`).
#[utoipa::path(
    tag = "auth",
    params(CallbackParams),
    responses(
        (status = 303, description = "To the web app, signed in or with the reason why not", headers(("location" = String, description = "The web app's /signin/sso with a fragment"))),
        (status = 429, description = "Too many attempts from this address; see Retry-After", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unreachable or busy", body = crate::error::Problem, content_type = "application/problem+json")
    )
)]
#[get("/auth/oidc/callback")]
pub async fn finish_sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: web::Query<CallbackParams>,
) -> Result<HttpResponse, ApiError> {
    throttle(&req, &state)?;
    let p = params.into_inner();
    let mut ctx = system_ctx(&state).await?;
    let finished = sso::finish(
        &mut ctx,
        &state.oidc,
        &state.public_url,
        Callback {
            state: p.state,
            code: p.code,
            error: p.error,
            error_description: p.error_description,
        },
    )
    .await?;
    Ok(match finished {
        Ok(done) => see_other(&format!(
            "{LANDING}#code={}&next={}",
            encode(&done.code),
            encode(&done.return_to)
        )),
        Err(refusal) => to_error_page(&refusal.0),
    })
}
