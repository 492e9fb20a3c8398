//! High-entropy opaque secrets (refresh tokens, client secrets): random, shown once, stored as SHA-256.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new random secret with a readable prefix, e.g. `rt_…` or `cs_…`.
pub fn generate(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{prefix}_{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// A new public client id.
pub fn client_id() -> String {
    let mut bytes = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("sa_{}", hex::encode(bytes))
}

pub fn digest(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

pub fn digest_hex(secret: &str) -> String {
    hex::encode(digest(secret))
}

/// Compares digests in constant time.
pub fn same_digest(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_digests_stable() {
        let a = generate("rt");
        let b = generate("rt");
        assert_ne!(a, b);
        assert!(a.starts_with("rt_") && a.len() > 40);
        assert_eq!(digest_hex(&a), digest_hex(&a));
        assert!(same_digest(&digest_hex(&a), &digest_hex(&a)));
        assert!(!same_digest(&digest_hex(&a), &digest_hex(&b)));
        assert!(client_id().starts_with("sa_"));
    }
}
