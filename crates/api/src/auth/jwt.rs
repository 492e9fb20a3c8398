//! Short-lived access tokens (HS256 JWT).
//!
//! Each token names its key in the header (`kid`: a digest of the secret, never the secret).
//! Keys rotate without signing anyone out: the new secret signs, and the previous one still
//! verifies until the tokens it signed have expired (`SCRUTINY_JWT_PREVIOUS_SECRET`, removed after
//! one access-token lifetime). Sessions go on through rotation, since refresh tokens are not JWTs.
use chrono::Utc;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub const ISSUER: &str = "scrutiny-tracker";
pub const AUDIENCE: &str = "scrutiny-api";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// The user's or service account's id.
    pub sub: Uuid,
    /// `user` or `service_account`.
    pub kind: String,
    pub role: String,
    pub org: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub jti: Uuid,
    pub iss: String,
    pub aud: String,
    /// The credential stamp: a digest of the account's password or client-secret hash
    /// (`scrutiny_app::credentials::secrets::credential_stamp`). A token whose stamp no longer
    /// matches the account's is refused, so a password change or secret rotation ends every
    /// session that began before it; and it cannot be worked out from anything public, so a
    /// leaked signing key alone does not let anyone make a token for an account.
    pub cst: String,
}

/// The key id of a secret: the first 16 hex digits of its SHA-256 (it names the key, and tells
/// nothing of it).
pub fn key_id(secret: &SecretString) -> String {
    let digest = Sha256::digest(secret.expose_secret().as_bytes());
    hex::encode(&digest[..8])
}

#[derive(Clone)]
struct Key {
    id: String,
    decoding: DecodingKey,
}

#[derive(Clone)]
pub struct JwtKeys {
    signing_id: String,
    encoding: EncodingKey,
    /// The current key first, then the previous one while a rotation runs.
    verifying: Vec<Key>,
    pub access_ttl_secs: i64,
}

impl JwtKeys {
    pub fn new(secret: &SecretString, access_ttl_secs: i64) -> Self {
        Self::rotating(secret, None, access_ttl_secs)
    }

    /// Keys that sign with `current` and verify tokens of `current` or `previous`.
    pub fn rotating(
        current: &SecretString,
        previous: Option<&SecretString>,
        access_ttl_secs: i64,
    ) -> Self {
        let key = |secret: &SecretString| Key {
            id: key_id(secret),
            decoding: DecodingKey::from_secret(secret.expose_secret().as_bytes()),
        };
        let mut verifying = vec![key(current)];
        verifying.extend(previous.map(key).filter(|k| k.id != verifying[0].id));
        Self {
            signing_id: key_id(current),
            encoding: EncodingKey::from_secret(current.expose_secret().as_bytes()),
            verifying,
            access_ttl_secs,
        }
    }

    /// The id of the key that signs.
    pub fn signing_key_id(&self) -> &str {
        &self.signing_id
    }

    pub fn issue(
        &self,
        sub: Uuid,
        kind: &str,
        role: &str,
        org: Uuid,
        credential_stamp: &str,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub,
            kind: kind.to_owned(),
            role: role.to_owned(),
            org,
            iat: now,
            exp: now + self.access_ttl_secs,
            jti: Uuid::new_v4(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            cst: credential_stamp.to_owned(),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.signing_id.clone());
        encode(&header, &claims, &self.encoding)
    }

    /// The claims of a token signed by one of the keys, which its `kid` names.
    pub fn verify(&self, token: &str) -> Result<Claims, jsonwebtoken::errors::Error> {
        use jsonwebtoken::errors::{Error, ErrorKind};
        let header = jsonwebtoken::decode_header(token)?;
        let key = header
            .kid
            .as_deref()
            .and_then(|kid| self.verifying.iter().find(|k| k.id == kid))
            .ok_or_else(|| Error::from(ErrorKind::InvalidKeyFormat))?;
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        decode::<Claims>(token, &key.decoding, &validation).map(|data| data.claims)
    }
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtKeys([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(secret: &str, ttl: i64) -> JwtKeys {
        JwtKeys::new(&SecretString::from(secret.to_owned()), ttl)
    }

    #[test]
    fn tokens_verify_with_their_own_key_only() {
        let k = keys("a-test-secret-that-is-long-enough-1234", 60);
        let sub = Uuid::new_v4();
        let org = Uuid::new_v4();
        let token = k.issue(sub, "user", "officer", org, "stamp").unwrap();
        let claims = k.verify(&token).unwrap();
        assert_eq!(
            (claims.sub, claims.org, claims.role.as_str()),
            (sub, org, "officer")
        );
        assert!(claims.exp > claims.iat);
        let other = keys("another-secret-that-is-long-enough-5678", 60);
        assert!(other.verify(&token).is_err());
    }

    #[test]
    fn expired_tokens_are_rejected() {
        let k = keys("a-test-secret-that-is-long-enough-1234", -120);
        let token = k
            .issue(Uuid::new_v4(), "user", "viewer", Uuid::new_v4(), "stamp")
            .unwrap();
        assert!(k.verify(&token).is_err());
    }

    #[test]
    fn a_rotation_keeps_the_previous_keys_tokens_until_it_is_dropped() {
        let old = SecretString::from("the-old-secret-that-is-long-enough-000".to_owned());
        let new = SecretString::from("the-new-secret-that-is-long-enough-111".to_owned());
        let before = JwtKeys::new(&old, 60);
        let during = JwtKeys::rotating(&new, Some(&old), 60);
        let after = JwtKeys::new(&new, 60);
        let issue = |k: &JwtKeys| {
            k.issue(Uuid::new_v4(), "user", "officer", Uuid::new_v4(), "s")
                .unwrap()
        };
        let old_token = issue(&before);
        let new_token = issue(&during);
        assert_eq!(
            jsonwebtoken::decode_header(&new_token)
                .unwrap()
                .kid
                .as_deref(),
            Some(key_id(&new).as_str())
        );
        assert!(during.verify(&old_token).is_ok());
        assert!(during.verify(&new_token).is_ok());
        assert!(after.verify(&new_token).is_ok());
        assert!(after.verify(&old_token).is_err());
        assert!(before.verify(&new_token).is_err());
        assert_ne!(key_id(&old), key_id(&new));
        assert!(!key_id(&old).contains("old-secret"));
    }

    #[test]
    fn a_token_without_a_known_kid_is_refused() {
        let secret = SecretString::from("a-test-secret-that-is-long-enough-1234".to_owned());
        let k = JwtKeys::new(&secret, 60);
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: Uuid::new_v4(),
            kind: "user".into(),
            role: "admin".into(),
            org: Uuid::new_v4(),
            iat: now,
            exp: now + 60,
            jti: Uuid::new_v4(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            cst: "s".into(),
        };
        let key = EncodingKey::from_secret(secret.expose_secret().as_bytes());
        let bare = encode(&Header::new(Algorithm::HS256), &claims, &key).unwrap();
        assert!(k.verify(&bare).is_err());
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some("0000000000000000".into());
        let unknown = encode(&header, &claims, &key).unwrap();
        assert!(k.verify(&unknown).is_err());
        header.kid = Some(k.signing_key_id().to_owned());
        assert!(k.verify(&encode(&header, &claims, &key).unwrap()).is_ok());
    }
}
