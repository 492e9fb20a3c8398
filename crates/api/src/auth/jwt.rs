//! Short-lived access tokens (HS256 JWT).
use chrono::Utc;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
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
    /// The credential stamp: when the password was last set (or the client secret rotated), in
    /// milliseconds. A token whose stamp no longer matches the account's is refused, so a password
    /// change or secret rotation ends every session that began before it.
    pub cst: i64,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub access_ttl_secs: i64,
}

impl JwtKeys {
    pub fn new(secret: &SecretString, access_ttl_secs: i64) -> Self {
        let bytes = secret.expose_secret().as_bytes();
        Self {
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
            access_ttl_secs,
        }
    }

    pub fn issue(
        &self,
        sub: Uuid,
        kind: &str,
        role: &str,
        org: Uuid,
        credential_stamp: i64,
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
            cst: credential_stamp,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    pub fn verify(&self, token: &str) -> Result<Claims, jsonwebtoken::errors::Error> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        decode::<Claims>(token, &self.decoding, &validation).map(|data| data.claims)
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
        let token = k.issue(sub, "user", "officer", org, 1).unwrap();
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
            .issue(Uuid::new_v4(), "user", "viewer", Uuid::new_v4(), 1)
            .unwrap();
        assert!(k.verify(&token).is_err());
    }
}
