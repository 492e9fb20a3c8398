//! The one error type of the API, rendered as RFC 9457 `application/problem+json`.
use crate::request_id;
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use scrutiny_domain::validation::ValidationErrors;
use serde::Serialize;
use std::fmt;
use utoipa::ToSchema;

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation",
    "title": "The request has invalid fields",
    "status": 422,
    "detail": "email: must be an email address such as name@example.org",
    "request_id": "0192f7a4-5c1e-7d6a-9b0e-3f6d2a1c9e77",
    "errors": [{"field": "email", "message": "must be an email address such as name@example.org"}]
}))]
pub struct Problem {
    /// A URI reference naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The id of the request, also in the `X-Request-Id` header and the server's log.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The fields at fault (422).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
    /// What is allowed instead (409 on an illegal state transition).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    /// The path of the field, e.g. `email` or `milestones[1].date`.
    pub field: String,
    pub message: String,
}

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("malformed request: {0}")]
    BadRequest(String),
    #[error("authentication required: {0}")]
    Unauthorized(&'static str),
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The record is kept, but what was asked for is no longer served (a withdrawn attachment).
    #[error("gone: {0}")]
    Gone(String),
    #[error("conflict: {detail}")]
    Conflict {
        detail: String,
        allowed: Vec<String>,
    },
    /// The path exists, not with this method: `Allow` lists the ones it has.
    #[error("method not allowed")]
    MethodNotAllowed { allow: String },
    #[error("precondition failed")]
    PreconditionFailed,
    #[error("precondition required")]
    PreconditionRequired,
    #[error("payload too large")]
    PayloadTooLarge { limit: usize },
    #[error("unsupported media type")]
    UnsupportedMediaType { expected: &'static str },
    #[error("validation failed: {0}")]
    Validation(ValidationErrors),
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(BoxError),
}

impl ApiError {
    pub fn internal(e: impl Into<BoxError>) -> Self {
        ApiError::Internal(e.into())
    }

    /// The RFC 9457 document of this error, for request `request_id`.
    pub fn problem(&self, request_id: Option<String>) -> Problem {
        let (kind, title) = self.parts();
        let status = self.status_code();
        Problem {
            kind: kind.to_owned(),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: self.detail(),
            request_id,
            errors: match self {
                ApiError::Validation(errors) => errors
                    .0
                    .iter()
                    .map(|e| ProblemField {
                        field: e.field.clone(),
                        message: e.message.clone(),
                    })
                    .collect(),
                _ => Vec::new(),
            },
            allowed: match self {
                ApiError::Conflict { allowed, .. } => allowed.clone(),
                _ => Vec::new(),
            },
        }
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        ApiError::Conflict {
            detail: detail.into(),
            allowed: Vec::new(),
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Validation(ValidationErrors::single(field, message))
    }

    fn parts(&self) -> (&'static str, &'static str) {
        match self {
            ApiError::BadRequest(_) => ("/problems/malformed-request", "The request is malformed"),
            ApiError::Unauthorized(_) => ("/problems/unauthorized", "Authentication is required"),
            ApiError::Forbidden => ("/problems/forbidden", "You are not allowed to do this"),
            ApiError::NotFound => ("/problems/not-found", "Not found"),
            ApiError::Gone(_) => ("/problems/gone", "No longer available"),
            ApiError::Conflict { .. } => (
                "/problems/conflict",
                "The request conflicts with the current state",
            ),
            ApiError::MethodNotAllowed { .. } => (
                "/problems/method-not-allowed",
                "This method is not allowed here",
            ),
            ApiError::PreconditionFailed => (
                "/problems/precondition-failed",
                "The record has changed since you read it",
            ),
            ApiError::PreconditionRequired => (
                "/problems/precondition-required",
                "An If-Match header is required",
            ),
            ApiError::PayloadTooLarge { .. } => (
                "/problems/payload-too-large",
                "The request body is too large",
            ),
            ApiError::UnsupportedMediaType { .. } => {
                ("/problems/unsupported-media-type", "Unsupported media type")
            }
            ApiError::Validation(_) => ("/problems/validation", "The request has invalid fields"),
            ApiError::TooManyRequests { .. } => {
                ("/problems/too-many-requests", "Too many requests")
            }
            ApiError::Unavailable(_) => (
                "/problems/unavailable",
                "The service is temporarily unavailable",
            ),
            ApiError::Internal(_) => ("/problems/internal", "Something went wrong on our side"),
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            ApiError::BadRequest(d) => Some(d.clone()),
            ApiError::Unauthorized(d) => Some((*d).to_owned()),
            ApiError::Forbidden => Some("Your role does not allow this action.".into()),
            ApiError::NotFound => Some("No such record, or it is not visible to you.".into()),
            ApiError::Gone(d) => Some(d.clone()),
            ApiError::Conflict { detail, .. } => Some(detail.clone()),
            ApiError::MethodNotAllowed { allow } => {
                Some(format!("This address answers {allow}."))
            }
            ApiError::PreconditionFailed => Some(
                "Someone else changed this record after you loaded it. Reload it, then apply your change again."
                    .into(),
            ),
            ApiError::PreconditionRequired => Some(
                "Send the record's ETag in an If-Match header so that concurrent edits are not lost.".into(),
            ),
            ApiError::PayloadTooLarge { limit } => Some(format!("The limit is {limit} bytes.")),
            ApiError::UnsupportedMediaType { expected } => Some(format!("Send the body as {expected}.")),
            ApiError::Validation(errors) => Some(errors.to_string()),
            ApiError::TooManyRequests { retry_after_secs } => {
                Some(format!("Try again in {retry_after_secs} seconds."))
            }
            ApiError::Unavailable(_) => Some("Please try again shortly.".into()),
            // The cause is logged, never returned.
            ApiError::Internal(_) => None,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Gone(_) => StatusCode::GONE,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let request_id = request_id::current();
        match self {
            ApiError::Internal(cause) => log::error!(
                "internal error (request {}): {cause}",
                request_id.as_deref().unwrap_or("-")
            ),
            ApiError::Unavailable(cause) => log::warn!(
                "service unavailable (request {}): {cause}",
                request_id.as_deref().unwrap_or("-")
            ),
            _ => {}
        }
        let status = self.status_code();
        let problem = self.problem(request_id);
        let mut response = HttpResponse::build(status);
        response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        match self {
            ApiError::Unauthorized(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::TooManyRequests { retry_after_secs } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            ApiError::Unavailable(_) => {
                response.insert_header((header::RETRY_AFTER, "5"));
            }
            ApiError::MethodNotAllowed { allow } => {
                response.insert_header((header::ALLOW, allow.as_str()));
            }
            _ => {}
        }
        response.body(serde_json::to_string(&problem).unwrap_or_default())
    }
}

impl From<scrutiny_app::AppError> for ApiError {
    fn from(e: scrutiny_app::AppError) -> Self {
        use scrutiny_app::AppError as A;
        match e {
            A::Forbidden => ApiError::Forbidden,
            A::NotFound => ApiError::NotFound,
            A::Gone(why) => ApiError::Gone(why),
            A::Conflict { detail, allowed } => ApiError::Conflict { detail, allowed },
            A::PreconditionFailed => ApiError::PreconditionFailed,
            A::PreconditionRequired => ApiError::PreconditionRequired,
            A::Validation(errors) => ApiError::Validation(errors),
            A::TooManyRequests { retry_after_secs } => {
                ApiError::TooManyRequests { retry_after_secs }
            }
            A::Unavailable(why) => ApiError::Unavailable(why),
            A::Internal(cause) => ApiError::Internal(cause),
        }
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(errors: ValidationErrors) -> Self {
        ApiError::Validation(errors)
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        scrutiny_app::AppError::from(e).into()
    }
}

impl From<scrutiny_db::PoolError> for ApiError {
    fn from(e: scrutiny_db::PoolError) -> Self {
        ApiError::Unavailable(format!("database pool: {e}"))
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        ApiError::internal(e.to_string())
    }
}

/// Renders problems for errors raised by actix itself (unknown routes, bad paths or queries).
pub fn not_found_handler() -> HttpResponse {
    ApiError::NotFound.error_response()
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.title, self.status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_hide_their_cause() {
        let e = ApiError::internal("secret detail");
        assert_eq!(e.detail(), None);
        assert_eq!(e.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
