//! The one error of the use cases. The API maps each variant to a problem+json response; the
//! command line and the jobs print or log it.
use scrutiny_domain::validation::ValidationErrors;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The actor's role does not allow this.
    #[error("forbidden")]
    Forbidden,
    /// No such record, or not visible to the actor (the two are never told apart).
    #[error("not found")]
    NotFound,
    /// The record is kept, but what was asked for is no longer served (a withdrawn attachment).
    #[error("gone: {0}")]
    Gone(String),
    /// The record's state does not allow this; `allowed` lists what it does allow.
    #[error("conflict: {detail}")]
    Conflict {
        detail: String,
        allowed: Vec<String>,
    },
    /// The record changed after the caller read it.
    #[error("precondition failed")]
    PreconditionFailed,
    /// The caller did not say which version it read.
    #[error("precondition required")]
    PreconditionRequired,
    /// Fields of the command are invalid.
    #[error("validation failed: {0}")]
    Validation(ValidationErrors),
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// The database (or another dependency) cannot be reached now.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(BoxError),
}

impl AppError {
    pub fn internal(e: impl Into<BoxError>) -> Self {
        AppError::Internal(e.into())
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        AppError::Conflict {
            detail: detail.into(),
            allowed: Vec::new(),
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation(ValidationErrors::single(field, message))
    }
}

impl From<ValidationErrors> for AppError {
    fn from(e: ValidationErrors) -> Self {
        AppError::Validation(e)
    }
}

impl From<scrutiny_db::DbError> for AppError {
    fn from(e: scrutiny_db::DbError) -> Self {
        use diesel::result::{DatabaseErrorKind as K, Error as E};
        match e {
            E::NotFound => AppError::NotFound,
            E::DatabaseError(K::UniqueViolation, info) => AppError::conflict(format!(
                "A record with the same {} already exists.",
                unique_subject(info.constraint_name())
            )),
            E::DatabaseError(K::ForeignKeyViolation, _) => {
                AppError::conflict("The request refers to a record that does not exist.")
            }
            E::DatabaseError(K::CheckViolation, info) => AppError::invalid(
                info.column_name().unwrap_or("body"),
                format!("violates {}", info.constraint_name().unwrap_or("a rule")),
            ),
            E::DatabaseError(K::ClosedConnection, _) => {
                AppError::Unavailable("database connection closed".into())
            }
            E::DatabaseError(K::SerializationFailure, _) => {
                AppError::conflict("A concurrent change got in the way. Try again.")
            }
            other => AppError::internal(other),
        }
    }
}

/// "users_email_key" reads as "email".
fn unique_subject(constraint: Option<&str>) -> String {
    match constraint {
        Some(name) => {
            let trimmed = name.trim_end_matches("_key").trim_end_matches("_idx");
            let subject = trimmed.split_once('_').map(|(_, s)| s).unwrap_or(trimmed);
            subject.replace('_', " ")
        }
        None => "key".into(),
    }
}

impl From<scrutiny_db::PoolError> for AppError {
    fn from(e: scrutiny_db::PoolError) -> Self {
        AppError::Unavailable(format!("database pool: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_constraint_names_read_as_subjects() {
        assert_eq!(unique_subject(Some("users_email_key")), "email");
        assert_eq!(unique_subject(Some("organisations_name_key")), "name");
        assert_eq!(unique_subject(None), "key");
    }
}
