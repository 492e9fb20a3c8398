//! Optimistic concurrency: an update names the version it read (HTTP's `If-Match` with the
//! record's `ETag`), and is refused when the record has moved on since.
use crate::error::AppError;

/// The strong entity tag of a version.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The entity tags a caller sent (`If-Match`), or none.
#[derive(Debug, Clone, Default)]
pub struct Precondition(pub Option<String>);

impl Precondition {
    /// A precondition on one version (callers inside the system that know what they read).
    pub fn version(version: i32) -> Self {
        Precondition(Some(etag(version)))
    }

    /// Checks the precondition against the current version of the record.
    pub fn check(&self, version: i32) -> Result<(), AppError> {
        let expected = etag(version);
        let Some(header) = &self.0 else {
            return Err(AppError::PreconditionRequired);
        };
        let matches = header.split(',').map(str::trim).any(|tag| {
            tag == "*" || tag == expected || tag.strip_prefix("W/") == Some(expected.as_str())
        });
        if matches {
            Ok(())
        } else {
            Err(AppError::PreconditionFailed)
        }
    }
}
