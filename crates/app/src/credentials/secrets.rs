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

/// The credential stamp an access token carries for an account: a digest of its password hash
/// (salted argon2) or client-secret hash. It changes when the password or secret does, and nothing
/// public (the account's id, its dates) tells what it is.
pub fn credential_stamp(credential_hash: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"scrutiny credential stamp\n");
    hasher.update(credential_hash.as_bytes());
    URL_SAFE_NO_PAD.encode(&hasher.finalize()[..16])
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

    #[test]
    fn stamps_follow_the_credential() {
        let a = credential_stamp("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
        assert_eq!(
            a,
            credential_stamp("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")
        );
        assert_ne!(
            a,
            credential_stamp("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$b3RoZXI")
        );
        assert_eq!(a.len(), 22);
    }
}
