//! Credentials: password hashing (argon2id) and high-entropy opaque secrets (refresh tokens,
//! client secrets). Hashing is slow on purpose: the async helpers here run it on the blocking pool.
pub mod passwords;
pub mod secrets;

use crate::error::AppError;
use scrutiny_domain::people::NewPassword;

/// Hashes a password off the async executor.
pub async fn hash_password(password: NewPassword) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || passwords::hash(password.expose()))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| AppError::internal(e.to_string()))
}

/// Whether `password` matches `stored`, checked off the async executor.
/// Whether a stored hash is a password's (an account made by a sign-in through an identity
/// provider has none: its hash is a marker no password matches).
pub fn has_password(stored: &str) -> bool {
    stored.starts_with("$argon2")
}

pub async fn verify_password(password: String, stored: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || passwords::verify(&password, &stored))
        .await
        .map_err(AppError::internal)
}
