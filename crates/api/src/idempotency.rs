//! `Idempotency-Key` on POSTs under `/api/v1`: a partner's system that retries a POST (after a
//! timeout, say) gets the first response again instead of a second record.
//!
//! For a signed-in caller that sends the header, the first request with a key is handled and its
//! status, `Content-Type`, `Location` and body are kept for 24 hours under (caller, key). A retry
//! with the same key, method, path and body gets that response again, marked
//! `Idempotency-Replayed: true`; the same key with another method, path or body is a 422 naming
//! `Idempotency-Key`; a retry while the first request is still being handled is a 409. Server
//! errors (5xx) are not kept: the key is released so that a retry runs again.
//!
//! Only a hash of the request is kept, never its body. A response marked `Cache-Control: no-store`
//! (one that carries a secret: a service account's client secret) is not kept either: a retry gets
//! a 409 saying that the first request succeeded, with its `Location`, and that the secret is not
//! shown again.
//!
//! The body is read (to hash it) only as far as the largest body a request of its media type may
//! have: JSON to the JSON limit, anything else to the largest file an endpoint takes.
//!
//! The caller is known only once the bearer token is checked, so this middleware checks it the
//! way the `Principal` extractor does and hands the principal on to the handler. Requests without
//! a valid token pass through untouched, and the handler answers them 401.
use crate::auth::principal::{authenticate, bearer};
use crate::error::ApiError;
use crate::extract::{JsonLimit, DEFAULT_JSON_LIMIT};
use crate::state::AppState;
use actix_web::body::{self, BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes, BytesMut};
use actix_web::{HttpMessage, HttpResponse};
use futures_util::StreamExt;
use scrutiny_db::queries::idempotency::{self as q, Claim, Completion};
use scrutiny_db::DbPool;
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub const HEADER: HeaderName = HeaderName::from_static("idempotency-key");
pub const REPLAYED: HeaderName = HeaderName::from_static("idempotency-replayed");
/// The field a problem about the key names.
pub const FIELD: &str = "Idempotency-Key";
pub const MAX_KEY_LENGTH: usize = 255;
/// Room for the parts of a multipart upload around the file itself.
const MULTIPART_ALLOWANCE: usize = 1024 * 1024;

/// A key is 1 to 255 visible ASCII characters.
fn valid_key(key: &str) -> bool {
    (1..=MAX_KEY_LENGTH).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

/// What identifies a request's content: its media type (without parameters) and body. A multipart
/// body's boundary is left out, since a client that retries an upload may draw a new one while
/// sending the same parts.
pub fn request_hash(content_type: Option<&str>, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    let (essence, params) = content_type
        .map(|ct| ct.split_once(';').unwrap_or((ct, "")))
        .unwrap_or(("", ""));
    let essence = essence.trim().to_ascii_lowercase();
    hasher.update(essence.as_bytes());
    hasher.update(b"\n");
    let boundary = essence
        .starts_with("multipart/")
        .then(|| {
            params.split(';').find_map(|p| {
                let (name, value) = p.split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("boundary")
                    .then(|| value.trim().trim_matches('"').to_owned())
            })
        })
        .flatten()
        .filter(|b| !b.is_empty());
    match boundary {
        Some(boundary) => {
            let delimiter = format!("--{boundary}");
            for (i, piece) in split_on(body, delimiter.as_bytes()).enumerate() {
                if i > 0 {
                    hasher.update(b"--");
                }
                hasher.update(piece);
            }
        }
        None => hasher.update(body),
    }
    hex::encode(hasher.finalize())
}

/// The pieces of `haystack` between occurrences of `needle` (not empty).
fn split_on<'a>(haystack: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut start = 0;
    let mut cuts = memchr::memmem::find_iter(haystack, needle);
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match cuts.next() {
            Some(at) => {
                let piece = &haystack[start..at];
                start = at + needle.len();
                Some(piece)
            }
            None => {
                done = true;
                Some(&haystack[start..])
            }
        }
    })
}

/// The largest body read to hash it: the largest an endpoint takes in the request's media type
/// (JSON, or a file: an attachment or an import), so that the handler, not this middleware,
/// answers for a body of its own kind.
fn body_limit(req: &ServiceRequest, state: &AppState) -> usize {
    let json = req
        .app_data::<JsonLimit>()
        .or_else(|| req.app_data::<web::Data<JsonLimit>>().map(|d| d.get_ref()))
        .map(|l| l.0)
        .unwrap_or(DEFAULT_JSON_LIMIT);
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|essence| {
            let essence = essence.trim().to_ascii_lowercase();
            essence == "application/json" || essence.ends_with("+json")
        });
    if is_json {
        return json;
    }
    let file = state.attachments.max_bytes.max(state.import_max_bytes);
    json.max(file.saturating_add(MULTIPART_ALLOWANCE))
}

/// Whether a response may not be stored (it carries a secret).
fn no_store(headers: &actix_web::http::header::HeaderMap) -> bool {
    headers
        .get_all(header::CACHE_CONTROL)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|directive| directive.trim().eq_ignore_ascii_case("no-store"))
}

/// What a retry gets in place of a response that carried a secret: a 409 problem.
fn withheld(status: StatusCode, location: Option<&str>) -> Bytes {
    let detail = format!(
        "The first request with this Idempotency-Key succeeded ({}){}, and nothing was done \
         again. Its response held a secret, which is not kept and cannot be shown again; rotate \
         the secret if it was lost.",
        status.as_u16(),
        location
            .map(|l| format!(": the record is at {l}"))
            .unwrap_or_default(),
    );
    let problem = ApiError::conflict(detail).problem(None);
    Bytes::from(serde_json::to_vec(&problem).unwrap_or_default())
}

async fn read_body(req: &mut ServiceRequest, limit: usize) -> Result<Bytes, ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(ApiError::PayloadTooLarge { limit });
    }
    let mut payload = req.take_payload();
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::BadRequest(format!("cannot read the body: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn refuse(req: ServiceRequest, error: ApiError) -> ServiceResponse<BoxBody> {
    req.error_response(error)
}

/// The response kept under a key, again.
fn replay(row: &q::IdempotencyKey) -> HttpResponse {
    let status = row
        .status
        .and_then(|s| u16::try_from(s).ok())
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let mut builder = HttpResponse::build(status);
    if let Some(content_type) = &row.content_type {
        builder.insert_header((header::CONTENT_TYPE, content_type.as_str()));
    }
    if let Some(location) = &row.location {
        builder.insert_header((header::LOCATION, location.as_str()));
    }
    builder.insert_header((REPLAYED, HeaderValue::from_static("true")));
    builder.body(row.body.clone().unwrap_or_default())
}

/// A claimed key; released when the request ends without a response to keep (a server error,
/// a failure to read the response, or the request being dropped when the client goes away).
struct Pending {
    pool: DbPool,
    principal_id: Uuid,
    key: String,
    settled: bool,
}

impl Pending {
    async fn release(mut self) {
        self.settled = true;
        release(&self.pool, self.principal_id, &self.key).await;
    }

    async fn complete(mut self, completion: &Completion<'_>) {
        let stored = match scrutiny_db::pool::unbound(&self.pool).await {
            Ok(mut conn) => q::complete(&mut conn, self.principal_id, &self.key, completion)
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = stored {
            log::warn!("idempotency: cannot keep the response to a key, releasing it: {e}");
            release(&self.pool, self.principal_id, &self.key).await;
        }
        self.settled = true;
    }
}

async fn release(pool: &DbPool, principal_id: Uuid, key: &str) {
    let released = match scrutiny_db::pool::unbound(pool).await {
        Ok(mut conn) => q::release(&mut conn, principal_id, key)
            .await
            .map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    if let Err(e) = released {
        // The claim lapses by itself after `q::ABANDONED_AFTER_MINUTES`.
        log::warn!("idempotency: cannot release a key: {e}");
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if self.settled {
            return;
        }
        let pool = self.pool.clone();
        let principal_id = self.principal_id;
        let key = std::mem::take(&mut self.key);
        if tokio::runtime::Handle::try_current().is_ok() {
            actix_web::rt::spawn(async move { release(&pool, principal_id, &key).await });
        }
    }
}

/// The middleware; see the module documentation.
pub async fn middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let applies = req.method() == Method::POST && req.path().starts_with("/api/v1/");
    let mut keys = req.headers().get_all(HEADER);
    let first = keys.next().cloned();
    let repeated = keys.next().is_some();
    let (Some(raw_key), true) = (first, applies) else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    let (Some(state), Some(token)) = (
        req.app_data::<web::Data<AppState>>().cloned(),
        bearer(req.request()),
    ) else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    let principal = match authenticate(&state, &token).await {
        Ok(principal) => principal,
        // The handler answers for the token.
        Err(ApiError::Unauthorized(_)) => {
            return next
                .call(req)
                .await
                .map(ServiceResponse::map_into_boxed_body)
        }
        Err(e) => return Ok(refuse(req, e)),
    };
    let key = match raw_key.to_str() {
        _ if repeated => {
            return Ok(refuse(
                req,
                ApiError::invalid(FIELD, "send one Idempotency-Key header, not several"),
            ))
        }
        Ok(key) if valid_key(key) => key.to_owned(),
        _ => {
            return Ok(refuse(
                req,
                ApiError::invalid(
                    FIELD,
                    format!("must be 1 to {MAX_KEY_LENGTH} visible ASCII characters (no spaces)"),
                ),
            ))
        }
    };
    let limit = body_limit(&req, &state);
    let body = match read_body(&mut req, limit).await {
        Ok(body) => body,
        Err(e) => return Ok(refuse(req, e)),
    };
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let hash = request_hash(content_type, &body);
    let method = req.method().as_str().to_owned();
    let path = match req.query_string() {
        "" => req.path().to_owned(),
        query => format!("{}?{query}", req.path()),
    };
    let claim = async {
        let mut conn = scrutiny_db::pool::unbound(&state.pool).await?;
        Ok::<_, ApiError>(q::claim(&mut conn, principal.id, &key, &method, &path, &hash).await?)
    };
    match claim.await {
        Err(e) => return Ok(refuse(req, e)),
        Ok(Claim::Existing(row)) => {
            if row.method != method || row.path != path || row.request_hash != hash {
                let error = ApiError::invalid(
                    FIELD,
                    format!(
                        "was used with a different request ({} {}) in the last {} hours; \
                         use a new key for a new request",
                        row.method,
                        row.path,
                        q::RETENTION_HOURS
                    ),
                );
                return Ok(refuse(req, error));
            }
            if row.status.is_none() {
                return Ok(refuse(
                    req,
                    ApiError::conflict(
                        "The first request with this Idempotency-Key is still being handled. \
                         Retry when it has finished.",
                    ),
                ));
            }
            let (http_req, _) = req.into_parts();
            return Ok(ServiceResponse::new(http_req, replay(&row)));
        }
        Ok(Claim::Claimed) => {}
    }
    let pending = Pending {
        pool: state.pool.clone(),
        principal_id: principal.id,
        key,
        settled: false,
    };
    req.extensions_mut().insert(principal);
    req.set_payload(Payload::from(body));
    let response = match next.call(req).await {
        Ok(response) => response,
        Err(e) => {
            pending.release().await;
            return Err(e);
        }
    };
    if response.status().is_server_error() {
        pending.release().await;
        return Ok(response.map_into_boxed_body());
    }
    let (http_req, response) = response.into_parts();
    let (head, response_body) = response.into_parts();
    let bytes = match body::to_bytes(response_body).await {
        Ok(bytes) => bytes,
        Err(e) => {
            pending.release().await;
            let cause: Box<dyn std::error::Error> = e.into();
            let error = ApiError::internal(format!("reading the response: {cause}"));
            return Ok(ServiceResponse::new(
                http_req,
                actix_web::ResponseError::error_response(&error),
            ));
        }
    };
    let header_text = |name: HeaderName| {
        head.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header_text(header::CONTENT_TYPE);
    let location = header_text(header::LOCATION);
    if no_store(head.headers()) {
        let kept = withheld(head.status(), location.as_deref());
        pending
            .complete(&Completion {
                status: 409,
                content_type: Some("application/problem+json"),
                location: location.as_deref(),
                body: &kept,
            })
            .await;
    } else {
        pending
            .complete(&Completion {
                status: i32::from(head.status().as_u16()),
                content_type: content_type.as_deref(),
                location: location.as_deref(),
                body: &bytes,
            })
            .await;
    }
    Ok(ServiceResponse::new(
        http_req,
        head.set_body(bytes).map_into_boxed_body(),
    ))
}

/// Forgets keys older than 24 hours; run now and then by the server's housekeeping.
pub async fn purge_expired(pool: &DbPool) -> Result<usize, ApiError> {
    let mut conn = scrutiny_db::pool::unbound(pool).await?;
    Ok(q::purge_expired(&mut conn).await?)
}

/// Documents the `Idempotency-Key` header on every POST under `/api/v1` that takes a bearer
/// token (the middleware honours it on all of them), in the document `crate::openapi_document`
/// builds.
pub fn document(api: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    use utoipa::openapi::Required;
    let parameter = ParameterBuilder::new()
        .name(FIELD)
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(format!(
            "Makes a retry safe: the first response to a request with this key (1 to \
             {MAX_KEY_LENGTH} visible ASCII characters, e.g. a UUID) is kept for {} hours and \
             returned again, with `Idempotency-Replayed: true`, for a retry with the same key, \
             path and body; nothing is written twice. The same key with a different request is \
             422; a retry while the first is still being handled is 409. Server errors (5xx) are \
             not kept. A response holding a secret (a service account's credentials) is not kept \
             either: its retry is 409, saying the first request succeeded.",
            q::RETENTION_HOURS
        )))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(MAX_KEY_LENGTH))
                .pattern(Some("^[!-~]+$"))
                .examples(["0192f7a4-5c1e-7d6a-9b0e-3f6d2a1c9e77"]),
        ))
        .build();
    for (path, item) in api.paths.paths.iter_mut() {
        if !path.starts_with("/api/v1/") || path.starts_with("/api/v1/auth/") {
            continue;
        }
        let Some(operation) = item.post.as_mut() else {
            continue;
        };
        let parameters = operation.parameters.get_or_insert_with(Vec::new);
        if !parameters
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(FIELD))
        {
            parameters.push(parameter.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_visible_ascii() {
        assert!(valid_key("5f0c1a2e-9d3b-4c5e-8f7a-1b2c3d4e5f60"));
        assert!(valid_key(&"k".repeat(255)));
        assert!(!valid_key(&"k".repeat(256)));
        assert!(!valid_key(""));
        assert!(!valid_key("with space"));
        assert!(!valid_key("tab\there"));
        assert!(!valid_key("ünïcode"));
    }

    #[test]
    fn json_bodies_hash_by_their_bytes() {
        let a = request_hash(Some("application/json"), br#"{"name":"A"}"#);
        assert_eq!(
            a,
            request_hash(Some("application/json; charset=utf-8"), br#"{"name":"A"}"#)
        );
        assert_ne!(
            a,
            request_hash(Some("application/json"), br#"{"name":"B"}"#)
        );
        assert_ne!(a, request_hash(Some("text/plain"), br#"{"name":"A"}"#));
        assert_ne!(a, request_hash(None, br#"{"name":"A"}"#));
    }

    fn multipart(boundary: &str, content: &str) -> Vec<u8> {
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n{content}\r\n--{boundary}--\r\n"
        )
        .into_bytes()
    }

    #[test]
    fn multipart_bodies_hash_without_their_boundary() {
        let one = request_hash(
            Some("multipart/form-data; boundary=abc123"),
            &multipart("abc123", "hello"),
        );
        let two = request_hash(
            Some("multipart/form-data; boundary=\"zz-9\""),
            &multipart("zz-9", "hello"),
        );
        assert_eq!(one, two);
        let other = request_hash(
            Some("multipart/form-data; boundary=abc123"),
            &multipart("abc123", "hellO"),
        );
        assert_ne!(one, other);
    }

    #[test]
    fn the_document_names_the_header_on_every_signed_in_post() {
        let api = crate::openapi_document();
        let takes_key = |path: &str, post: bool| {
            let item = &api.paths.paths[path];
            let operation = if post { &item.post } else { &item.get };
            operation
                .as_ref()
                .and_then(|o| o.parameters.as_ref())
                .is_some_and(|ps| ps.iter().any(|p| p.name == FIELD))
        };
        assert!(takes_key("/api/v1/progress-entries/{id}/attachments", true));
        assert!(takes_key("/api/v1/progress-entries/{id}/submit", true));
        assert!(takes_key("/api/v1/committees", true));
        assert!(!takes_key("/api/v1/committees", false));
        assert!(!takes_key("/api/v1/auth/token", true));
    }

    #[test]
    fn split_on_finds_every_piece() {
        let pieces: Vec<_> = split_on(b"a--xb--xc", b"--x").collect();
        assert_eq!(pieces, [&b"a"[..], b"b", b"c"]);
        let pieces: Vec<_> = split_on(b"abc", b"--x").collect();
        assert_eq!(pieces, [&b"abc"[..]]);
    }
}
