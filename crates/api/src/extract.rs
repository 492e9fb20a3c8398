//! Request extraction with problem+json errors: JSON bodies (400 malformed, 413 too large, 415 not
//! JSON, 422 naming the field at fault, unknown fields rejected), `If-Match`, and list paging.
use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use futures_util::StreamExt;
use scrutiny_domain::validation::ValidationErrors;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use utoipa::IntoParams;

/// The largest JSON body accepted, in bytes (settable through `JsonLimit` app data).
pub const DEFAULT_JSON_LIMIT: usize = 1024 * 1024;

#[derive(Debug, Clone, Copy)]
pub struct JsonLimit(pub usize);

/// A JSON body, deserialised with the path of any field at fault.
#[derive(Debug)]
pub struct ValidJson<T>(pub T);

impl<T> ValidJson<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json"
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        })
        .unwrap_or(false)
}

impl<T: DeserializeOwned + 'static> FromRequest for ValidJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<JsonLimit>()
            .or_else(|| req.app_data::<web::Data<JsonLimit>>().map(|d| d.get_ref()))
            .map(|l| l.0)
            .unwrap_or(DEFAULT_JSON_LIMIT);
        let json = is_json(req);
        let declared_length = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if !json {
                return Err(ApiError::UnsupportedMediaType {
                    expected: "application/json",
                });
            }
            if declared_length.is_some_and(|n| n > limit) {
                return Err(ApiError::PayloadTooLarge { limit });
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk
                    .map_err(|e| ApiError::BadRequest(format!("cannot read the body: {e}")))?;
                if body.len() + chunk.len() > limit {
                    return Err(ApiError::PayloadTooLarge { limit });
                }
                body.extend_from_slice(&chunk);
            }
            parse_json(&body).map(ValidJson)
        })
    }
}

/// Deserialises JSON, naming the field at fault.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::BadRequest(
            "the request body is empty; send a JSON object".into(),
        ));
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(value) => Ok(value),
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            use serde_json::error::Category;
            match inner.classify() {
                Category::Syntax | Category::Eof | Category::Io => {
                    Err(ApiError::BadRequest(format!("malformed JSON: {inner}")))
                }
                Category::Data => {
                    // Off the common path: read once more with integral numbers as integers.
                    if let Some(value) = reread_with_integers(body) {
                        return Ok(value);
                    }
                    let message = strip_position(&inner.to_string());
                    Err(ApiError::Validation(ValidationErrors::single(
                        field_of(&path, &message),
                        message,
                    )))
                }
            }
        }
    }
}

/// The body read again with every number that has a zero fraction (`3.0`) as the integer it
/// equals, as JSON Schema's `integer` counts it; `None` when there was no such number or the body
/// is still refused (its first error is the one reported).
fn reread_with_integers<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    let mut value: serde_json::Value = serde_json::from_slice(body).ok()?;
    if !integral_numbers(&mut value) {
        return None;
    }
    serde_json::from_value(value).ok()
}

/// Turns integral floats into integers in place; whether any was turned.
fn integral_numbers(value: &mut serde_json::Value) -> bool {
    use serde_json::{Number, Value};
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f)
                if n.is_f64()
                    && f.fract() == 0.0
                    && f >= i64::MIN as f64
                    && f < i64::MAX as f64 =>
            {
                *n = Number::from(f as i64);
                true
            }
            _ => false,
        },
        // Every element is visited (no short circuit): all of them are turned.
        Value::Array(items) => {
            items
                .iter_mut()
                .map(integral_numbers)
                .filter(|c| *c)
                .count()
                > 0
        }
        Value::Object(fields) => {
            fields
                .values_mut()
                .map(integral_numbers)
                .filter(|c| *c)
                .count()
                > 0
        }
        _ => false,
    }
}

/// An optional body of options: none, or JSON `null`, is the defaults.
pub fn parse_optional_json<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, ApiError> {
    let text = body.trim_ascii();
    if text.is_empty() || text == b"null" {
        return Ok(T::default());
    }
    parse_json(text)
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Where serde reports a missing or unknown field against the parent, name the field itself.
fn field_of(path: &str, message: &str) -> String {
    let named = ["missing field `", "unknown field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next());
    let parent = if path == "." { "" } else { path };
    match named {
        Some(name) if parent == name || parent.ends_with(&format!(".{name}")) => parent.to_owned(),
        Some(name) if parent.is_empty() => name.to_owned(),
        Some(name) => format!("{parent}.{name}"),
        None if parent.is_empty() => "body".to_owned(),
        None => parent.to_owned(),
    }
}

/// The `If-Match` precondition of an update: required (428), and compared with the record's
/// current version (412 when stale).
#[derive(Debug, Clone)]
pub struct IfMatch(Option<String>);

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let value = req
            .headers()
            .get(header::IF_MATCH)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        std::future::ready(match value {
            None => Err(ApiError::PreconditionRequired),
            Some(v) => Ok(IfMatch(Some(v))),
        })
    }
}

impl IfMatch {
    /// The precondition as the use cases take it.
    pub fn precondition(&self) -> scrutiny_app::Precondition {
        scrutiny_app::Precondition(self.0.clone())
    }

    /// Checks the precondition against the current version of the record.
    pub fn check(&self, version: i32) -> Result<(), ApiError> {
        Ok(self.precondition().check(version)?)
    }
}

pub use scrutiny_app::precondition::etag;

/// Paging parameters shared by every list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// How many items to return, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200, example = 50)]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

impl PageParams {
    pub fn limit(&self) -> Result<u32, ApiError> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            Some(_) => Err(ApiError::invalid(
                "limit",
                format!("must be between 1 and {MAX_LIMIT}"),
            )),
        }
    }

    pub fn decode_cursor<K: DeserializeOwned>(&self) -> Result<Option<K>, ApiError> {
        self.cursor.as_deref().map(decode_cursor).transpose()
    }
}

pub use scrutiny_app::paging::{encode_cursor, paginate};

pub fn decode_cursor<K: DeserializeOwned>(raw: &str) -> Result<K, ApiError> {
    Ok(scrutiny_app::paging::decode_cursor(raw)?)
}

impl PageParams {
    /// The page as the use cases take it (the limit checked).
    pub fn request(&self) -> Result<scrutiny_app::PageRequest, ApiError> {
        Ok(scrutiny_app::PageRequest {
            limit: self.limit()?,
            cursor: self.cursor.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        inner: Option<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        count: u8,
    }

    fn fields(e: ApiError) -> Vec<String> {
        match e {
            ApiError::Validation(v) => v.0.into_iter().map(|f| f.field).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn json_errors_name_their_field() {
        assert!(matches!(
            parse_json::<Body>(b"{"),
            Err(ApiError::BadRequest(_))
        ));
        assert!(matches!(
            parse_json::<Body>(b"  "),
            Err(ApiError::BadRequest(_))
        ));
        assert_eq!(fields(parse_json::<Body>(b"{}").unwrap_err()), ["name"]);
        assert_eq!(
            fields(parse_json::<Body>(br#"{"name":"a","x":1}"#).unwrap_err()),
            ["x"]
        );
        assert_eq!(
            fields(parse_json::<Body>(br#"{"name":"a","inner":{"count":300}}"#).unwrap_err()),
            ["inner.count"]
        );
        assert_eq!(
            fields(parse_json::<Body>(br#"{"name":"a","inner":{"count":1,"y":2}}"#).unwrap_err()),
            ["inner.y"]
        );
        assert!(parse_json::<Body>(br#"{"name":"a"}"#).is_ok());
    }

    #[test]
    fn integral_numbers_and_a_null_body_read_as_json_means_them() {
        let body: Body = parse_json(br#"{"name":"a","inner":{"count":3.0}}"#).unwrap();
        assert_eq!(body.inner.unwrap().count, 3);
        assert_eq!(
            fields(parse_json::<Body>(br#"{"name":"a","inner":{"count":3.5}}"#).unwrap_err()),
            ["inner.count"]
        );
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Options {
            note: Option<String>,
        }
        assert!(parse_optional_json::<Options>(b" null ")
            .unwrap()
            .note
            .is_none());
        assert!(parse_optional_json::<Options>(b"").unwrap().note.is_none());
        assert!(parse_json::<Options>(b"null").is_err());
    }

    #[test]
    fn if_match_compares_versions() {
        let header = IfMatch(Some("\"3\"".into()));
        assert!(header.check(3).is_ok());
        assert!(matches!(header.check(4), Err(ApiError::PreconditionFailed)));
        assert!(IfMatch(Some("W/\"4\"".into())).check(4).is_ok());
        assert!(IfMatch(Some("*".into())).check(9).is_ok());
        assert!(matches!(
            IfMatch(None).check(1),
            Err(ApiError::PreconditionRequired)
        ));
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let raw = encode_cursor(&("Cleveland Police", 7));
        let back: (String, i32) = decode_cursor(&raw).unwrap();
        assert_eq!(back, ("Cleveland Police".to_owned(), 7));
        assert!(decode_cursor::<(String, i32)>("not-a-cursor!").is_err());
    }

    #[test]
    fn limits_are_bounded() {
        let p = |limit| PageParams {
            limit,
            cursor: None,
        };
        assert_eq!(p(None).limit().unwrap(), 50);
        assert!(p(Some(0)).limit().is_err());
        assert!(p(Some(201)).limit().is_err());
    }
}
