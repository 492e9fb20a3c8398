//! Open data (`scrutiny_app::open_data`): what councils publish anyway, read without signing in,
//! for residents and anyone else: published reviews, their recommendations with the grades the
//! committee accepted, Cabinet's published decisions and agreed action plans. Never drafts,
//! returned entries, contacts or attachments. Answers are cacheable (`ETag`, `Cache-Control:
//! public`), readable from any web page (`Access-Control-Allow-Origin: *`) and rate-limited per
//! client address (429 with `Retry-After`).
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::routes::auth::client_address;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use scrutiny_app::open_data as uc;
use scrutiny_app::{Ctx, Principal};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::IntoParams;
use uuid::Uuid;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OpenQuery {
    /// Only this council's.
    pub council_id: Option<Uuid>,
    /// How many items to return, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Counts the request against its address's allowance.
fn throttle(req: &HttpRequest, state: &AppState) -> Result<(), ApiError> {
    let ip = client_address(req, state);
    state
        .open_data_throttle
        .check(&ip)
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })
}

/// A cacheable public answer: a strong ETag of the body, 304 when the client has it.
fn public(req: &HttpRequest, content_type: &str, body: Vec<u8>) -> HttpResponse {
    let tag = format!("\"{}\"", &hex::encode(Sha256::digest(&body))[..32]);
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let mut builder = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    builder
        .insert_header((header::ETAG, tag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .insert_header((header::ACCESS_CONTROL_EXPOSE_HEADERS, "ETag"));
    if fresh {
        builder.finish()
    } else {
        builder.content_type(content_type).body(body)
    }
}

async fn system(state: &AppState) -> Result<Ctx<'_>, ApiError> {
    Ok(Ctx::open(&state.pool, Principal::system("open data")).await?)
}

fn json_body(value: &serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// The councils, each with how many reviews it publishes.
#[utoipa::path(
    tag = "open-data",
    responses(
        (status = 200, description = "`{items: [{id, name, published_reviews}], next_cursor: null}`", body = Object),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 429, description = "Too many requests from this address", body = crate::error::Problem, content_type = "application/problem+json")
    )
)]
#[get("/open/councils")]
pub async fn open_councils(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    throttle(&req, &state)?;
    let mut ctx = system(&state).await?;
    let doc = uc::councils(&mut ctx).await?;
    Ok(public(&req, "application/json", json_body(&doc)))
}

/// Published reviews (from the committee's approval of the report on), by title.
#[utoipa::path(
    tag = "open-data",
    params(OpenQuery),
    responses(
        (status = 200, description = "`{items: [review], next_cursor}`", body = Object),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 422, description = "A parameter is not valid", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address", body = crate::error::Problem, content_type = "application/problem+json")
    )
)]
#[get("/open/reviews")]
pub async fn open_reviews(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<OpenQuery>,
) -> Result<HttpResponse, ApiError> {
    throttle(&req, &state)?;
    let q = query.into_inner();
    let page = PageParams {
        limit: q.limit,
        cursor: q.cursor,
    }
    .request()?;
    let mut ctx = system(&state).await?;
    let doc = uc::reviews(&mut ctx, q.council_id, page).await?;
    Ok(public(&req, "application/json", json_body(&doc)))
}

/// One published review: its recommendations (with parts and the latest grade the committee
/// accepted), Cabinet's published decisions with their resolutions, and the agreed action plan
/// with the organisations responsible and the milestones. 404 when it is not published.
#[utoipa::path(
    tag = "open-data",
    params(("id" = Uuid, Path, description = "Review id")),
    responses(
        (status = 200, description = "The review", body = Object),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 404, description = "No such published review", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address", body = crate::error::Problem, content_type = "application/problem+json")
    )
)]
#[get("/open/reviews/{id}")]
pub async fn open_review(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    throttle(&req, &state)?;
    let mut ctx = system(&state).await?;
    let doc = uc::review(&mut ctx, id.into_inner()).await?;
    Ok(public(&req, "application/json", json_body(&doc)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OpenCsvQuery {
    /// Only this council's.
    pub council_id: Option<Uuid>,
}

/// Published recommendations as CSV (RFC 4180, UTF-8 with a byte order mark, formula-safe):
/// council, committee, review, number, text, status, the latest accepted grade and its round.
#[utoipa::path(
    tag = "open-data",
    params(OpenCsvQuery),
    responses(
        (status = 200, description = "The CSV", content_type = "text/csv", body = String),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 429, description = "Too many requests from this address", body = crate::error::Problem, content_type = "application/problem+json")
    )
)]
#[get("/open/recommendations.csv")]
pub async fn open_recommendations_csv(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<OpenCsvQuery>,
) -> Result<HttpResponse, ApiError> {
    throttle(&req, &state)?;
    let mut ctx = system(&state).await?;
    let rows = uc::recommendation_rows(&mut ctx, query.council_id).await?;
    drop(ctx);
    let mut csv = String::from(scrutiny_papers::table::UTF8_BOM);
    for row in rows {
        scrutiny_papers::table::csv_record(&mut csv, row);
    }
    Ok(public(&req, "text/csv; charset=utf-8", csv.into_bytes()))
}
