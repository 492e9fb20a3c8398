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

/// What a transaction PostgreSQL rolled back because of another (a serialisation failure or a
/// deadlock) tells the caller: nothing was written, and the same request may be sent again.
const TRY_AGAIN: &str = "A concurrent change got in the way. Try again.";

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
            E::DatabaseError(K::SerializationFailure, _) => AppError::conflict(TRY_AGAIN),
            E::DatabaseError(K::Unknown, info) => match unnamed_kind(info.message()) {
                Some(Unnamed::Deadlock) => AppError::conflict(TRY_AGAIN),
                Some(Unnamed::Cancelled) => AppError::Unavailable(format!(
                    "the database did not answer in time ({})",
                    info.message()
                )),
                None => AppError::internal(E::DatabaseError(K::Unknown, info)),
            },
            other => AppError::internal(other),
        }
    }
}

/// Errors diesel does not name (it keeps PostgreSQL's message but not its SQLSTATE) that are not
/// the server's fault.
#[derive(Debug, PartialEq, Eq)]
enum Unnamed {
    /// 40P01: two transactions waited for each other and PostgreSQL rolled this one back. Like a
    /// serialisation failure, the same request may simply be sent again.
    Deadlock,
    /// 57014 or 55P03: the statement ran past the pool's `statement_timeout` (or a lock timeout)
    /// and was cancelled.
    Cancelled,
}

/// Known by PostgreSQL's message, which is all diesel keeps. The messages are those of a server
/// whose `lc_messages` is English or `C` (`docs/architecture.md`, "A request"): under another
/// language these errors are reported as internal errors.
fn unnamed_kind(message: &str) -> Option<Unnamed> {
    match message {
        "deadlock detected" => Some(Unnamed::Deadlock),
        "canceling statement due to statement timeout"
        | "canceling statement due to lock timeout" => Some(Unnamed::Cancelled),
        _ => None,
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
    fn a_deadlock_is_a_conflict_to_try_again_and_a_cancelled_statement_is_unavailable() {
        use diesel::result::{DatabaseErrorKind as K, Error as E};
        let unknown = |message: &str| E::DatabaseError(K::Unknown, Box::new(message.to_owned()));
        assert!(matches!(
            AppError::from(unknown("deadlock detected")),
            AppError::Conflict { .. }
        ));
        assert!(matches!(
            AppError::from(unknown("canceling statement due to statement timeout")),
            AppError::Unavailable(_)
        ));
        assert!(matches!(
            AppError::from(unknown("relation \"x\" does not exist")),
            AppError::Internal(_)
        ));
    }

    #[test]
    fn unique_constraint_names_read_as_subjects() {
        assert_eq!(unique_subject(Some("users_email_key")), "email");
        assert_eq!(unique_subject(Some("organisations_name_key")), "name");
        assert_eq!(unique_subject(None), "key");
    }
}
