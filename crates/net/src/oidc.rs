//! The OpenID Connect relying party: discovery (cached), the authorization request with PKCE
//! (S256), the code exchange at the token endpoint, the ID token's verification against the
//! provider's published keys (fetched again when a token names a key not seen yet), and the
//! userinfo endpoint. Everything read from a provider is bounded in size.
use crate::guarded::{describe, GuardedClient};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use rand::RngCore;
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The most read from a provider in one answer (discovery, keys, tokens, userinfo).
const MAX_BODY: usize = 512 * 1024;
/// How long discovery and keys are kept before they are fetched again.
const CACHE_FOR: Duration = Duration::from_secs(3600);
/// The least time between two fetches of a provider's keys for an unknown key id.
const KEYS_REFETCH_AFTER: Duration = Duration::from_secs(60);
/// Clock skew allowed between us and the provider.
const LEEWAY_SECS: u64 = 60;

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider could not be reached or answered something unusable.
    #[error("the identity provider: {0}")]
    Provider(String),
    /// What came back does not prove who the person is (signature, issuer, audience, nonce …).
    #[error("the identity provider's answer was refused: {0}")]
    Rejected(String),
}

fn provider(e: impl Into<String>) -> OidcError {
    OidcError::Provider(e.into())
}

fn rejected(e: impl Into<String>) -> OidcError {
    OidcError::Rejected(e.into())
}

/// A provider's discovery document (the parts used).
#[derive(Debug, Clone, Deserialize)]
pub struct Metadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
    pub jwks_uri: String,
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
    #[serde(default)]
    pub code_challenge_methods_supported: Option<Vec<String>>,
    #[serde(default)]
    pub token_endpoint_auth_methods_supported: Option<Vec<String>>,
}

/// The relying party's registration at a provider.
#[derive(Debug, Clone)]
pub struct Client {
    pub issuer: String,
    pub client_id: String,
    /// None: a public client (PKCE alone).
    pub client_secret: Option<String>,
}

/// What the token endpoint answered.
#[derive(Debug, Clone, Deserialize)]
pub struct Tokens {
    pub id_token: String,
    #[serde(default)]
    pub access_token: Option<String>,
}

/// The verified claims of a person: the ID token's, with the userinfo endpoint's added.
pub type Claims = Map<String, Value>;

struct Cached {
    metadata: Arc<Metadata>,
    keys: Arc<JwkSet>,
    fetched: Instant,
    keys_fetched: Instant,
}

/// The relying party, shared by every request (its cache is per issuer).
pub struct RelyingParty {
    http: GuardedClient,
    /// Whether a provider may be reached over plain http (development and tests only).
    allow_http: bool,
    cache: Mutex<HashMap<String, Arc<Cached>>>,
}

impl std::fmt::Debug for RelyingParty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RelyingParty")
            .field("allow_http", &self.allow_http)
            .field("allow_private", &self.http.allow_private)
            .finish()
    }
}

/// A random URL-safe value of 32 bytes (state, nonce, PKCE verifier, one-time codes).
pub fn random_value() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The S256 challenge of a PKCE verifier (RFC 7636).
pub fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Whether `issuer` is an address a provider may have: https (or http when allowed), a host, no
/// query or fragment.
pub fn check_issuer(issuer: &str, allow_http: bool) -> Result<(), &'static str> {
    let url = url::Url::parse(issuer).map_err(|_| "must be an absolute https URL")?;
    match url.scheme() {
        "https" => {}
        "http" if allow_http => {}
        _ => return Err("must be an https URL"),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("must name a host");
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err("must have no query, fragment or credentials");
    }
    Ok(())
}

impl RelyingParty {
    pub fn new(allow_http: bool, allow_private: bool, timeout: Duration) -> Result<Self, String> {
        Ok(Self {
            http: GuardedClient::new(allow_private, timeout, "scrutiny-tracker-oidc/1")?,
            allow_http,
            cache: Mutex::new(HashMap::new()),
        })
    }

    pub fn allows_http(&self) -> bool {
        self.allow_http
    }

    fn check_url(&self, url: &str, what: &str) -> Result<(), OidcError> {
        let parsed = url::Url::parse(url).map_err(|_| provider(format!("{what} is not a URL")))?;
        let scheme_ok =
            parsed.scheme() == "https" || (self.allow_http && parsed.scheme() == "http");
        if !scheme_ok {
            return Err(provider(format!("{what} must be an https URL")));
        }
        if !self.http.allows(url) {
            return Err(provider(format!("{what} is not a public address")));
        }
        Ok(())
    }

    async fn read_json<T: serde::de::DeserializeOwned>(
        &self,
        response: reqwest::Response,
        what: &str,
    ) -> Result<T, OidcError> {
        let status = response.status();
        if response
            .content_length()
            .is_some_and(|n| n > MAX_BODY as u64)
        {
            return Err(provider(format!("{what}: the answer is too large")));
        }
        let mut body = Vec::new();
        let mut response = response;
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| provider(format!("{what}: {}", describe(&e))))?
        {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(provider(format!("{what}: the answer is too large")));
            }
            body.extend_from_slice(&chunk);
        }
        if !status.is_success() {
            let detail: Option<Value> = serde_json::from_slice(&body).ok();
            let reason = detail
                .as_ref()
                .and_then(|d| d.get("error_description").or_else(|| d.get("error")))
                .and_then(Value::as_str)
                .map(|s| s.chars().take(300).collect::<String>())
                .unwrap_or_default();
            return Err(provider(format!("{what} answered HTTP {status} {reason}")));
        }
        serde_json::from_slice(&body).map_err(|e| provider(format!("{what}: {e}")))
    }

    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        url: &str,
        what: &str,
    ) -> Result<T, OidcError> {
        self.check_url(url, what)?;
        let response = self
            .http
            .client
            .get(url)
            .header("accept", "application/json")
            .send()
            .await
            .map_err(|e| provider(format!("{what}: {}", describe(&e))))?;
        self.read_json(response, what).await
    }

    async fn fetch(&self, issuer: &str) -> Result<Arc<Cached>, OidcError> {
        check_issuer(issuer, self.allow_http).map_err(|e| provider(format!("the issuer {e}")))?;
        let url = format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        );
        let metadata: Metadata = self.get_json(&url, "discovery").await?;
        if metadata.issuer != issuer {
            return Err(provider(format!(
                "discovery names the issuer {:?}, not {issuer:?}",
                metadata.issuer
            )));
        }
        if let Some(methods) = &metadata.code_challenge_methods_supported {
            if !methods.iter().any(|m| m == "S256") {
                return Err(provider("the provider does not support PKCE with S256"));
            }
        }
        let keys: JwkSet = self.get_json(&metadata.jwks_uri, "the key set").await?;
        let now = Instant::now();
        let cached = Arc::new(Cached {
            metadata: Arc::new(metadata),
            keys: Arc::new(keys),
            fetched: now,
            keys_fetched: now,
        });
        self.cache
            .lock()
            .expect("cache lock")
            .insert(issuer.to_owned(), cached.clone());
        Ok(cached)
    }

    async fn cached(&self, issuer: &str) -> Result<Arc<Cached>, OidcError> {
        let hit = self.cache.lock().expect("cache lock").get(issuer).cloned();
        match hit {
            Some(c) if c.fetched.elapsed() < CACHE_FOR => Ok(c),
            _ => self.fetch(issuer).await,
        }
    }

    /// The provider's discovery document (cached for an hour).
    pub async fn metadata(&self, issuer: &str) -> Result<Arc<Metadata>, OidcError> {
        Ok(self.cached(issuer).await?.metadata.clone())
    }

    /// Forgets what is cached of a provider (its settings changed).
    pub fn forget(&self, issuer: &str) {
        self.cache.lock().expect("cache lock").remove(issuer);
    }

    /// The address to send the browser to: the authorization code flow with PKCE (S256).
    pub fn authorization_url(
        metadata: &Metadata,
        client_id: &str,
        redirect_uri: &str,
        scopes: &str,
        state: &str,
        nonce: &str,
        code_verifier: &str,
    ) -> Result<String, OidcError> {
        let mut url = url::Url::parse(&metadata.authorization_endpoint)
            .map_err(|_| provider("the authorization endpoint is not a URL"))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", client_id)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("scope", scopes)
            .append_pair("state", state)
            .append_pair("nonce", nonce)
            .append_pair("code_challenge", &challenge(code_verifier))
            .append_pair("code_challenge_method", "S256");
        Ok(url.into())
    }

    /// The address that ends the provider's session too (RP-initiated logout), when it has one.
    pub fn logout_url(
        metadata: &Metadata,
        client_id: &str,
        id_token: &str,
        post_logout_redirect_uri: &str,
    ) -> Option<String> {
        let mut url = url::Url::parse(metadata.end_session_endpoint.as_deref()?).ok()?;
        url.query_pairs_mut()
            .append_pair("client_id", client_id)
            .append_pair("id_token_hint", id_token)
            .append_pair("post_logout_redirect_uri", post_logout_redirect_uri);
        Some(url.into())
    }

    /// Exchanges an authorization code (with its PKCE verifier) for tokens.
    pub async fn exchange(
        &self,
        client: &Client,
        code: &str,
        redirect_uri: &str,
        code_verifier: &str,
    ) -> Result<Tokens, OidcError> {
        let metadata = self.metadata(&client.issuer).await?;
        self.check_url(&metadata.token_endpoint, "the token endpoint")?;
        let mut form: Vec<(&str, &str)> = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("code_verifier", code_verifier),
        ];
        let mut request = self
            .http
            .client
            .post(&metadata.token_endpoint)
            .header("accept", "application/json");
        match &client.client_secret {
            Some(secret) => {
                let basic_supported = metadata
                    .token_endpoint_auth_methods_supported
                    .as_ref()
                    .is_none_or(|m| m.iter().any(|m| m == "client_secret_basic"));
                if basic_supported {
                    // RFC 6749 2.3.1: both parts form-urlencoded before Basic encoding.
                    let enc = |s: &str| {
                        url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>()
                    };
                    request = request.basic_auth(enc(&client.client_id), Some(enc(secret)));
                } else {
                    form.push(("client_id", &client.client_id));
                    form.push(("client_secret", secret));
                }
            }
            None => form.push(("client_id", &client.client_id)),
        }
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let response = request
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .map_err(|e| provider(format!("the token endpoint: {}", describe(&e))))?;
        self.read_json(response, "the token endpoint").await
    }

    /// The key that signed a token: by its `kid` (the only key when it names none), the key set
    /// fetched again once when the id is unknown (the provider rotated its keys).
    async fn key_for(
        &self,
        issuer: &str,
        kid: Option<&str>,
    ) -> Result<jsonwebtoken::jwk::Jwk, OidcError> {
        let find = |keys: &JwkSet| -> Option<jsonwebtoken::jwk::Jwk> {
            match kid {
                Some(kid) => keys.find(kid).cloned(),
                None if keys.keys.len() == 1 => keys.keys.first().cloned(),
                None => None,
            }
        };
        let cached = self.cached(issuer).await?;
        if let Some(key) = find(&cached.keys) {
            return Ok(key);
        }
        if cached.keys_fetched.elapsed() < KEYS_REFETCH_AFTER {
            return Err(rejected(
                "the ID token is signed with a key the provider does not publish",
            ));
        }
        let keys: JwkSet = self
            .get_json(&cached.metadata.jwks_uri, "the key set")
            .await?;
        let found = find(&keys);
        let refreshed = Arc::new(Cached {
            metadata: cached.metadata.clone(),
            keys: Arc::new(keys),
            fetched: cached.fetched,
            keys_fetched: Instant::now(),
        });
        self.cache
            .lock()
            .expect("cache lock")
            .insert(issuer.to_owned(), refreshed);
        found.ok_or_else(|| {
            rejected("the ID token is signed with a key the provider does not publish")
        })
    }

    /// The claims of an ID token, once its signature (an asymmetric algorithm, by a published
    /// key), issuer, audience, expiry and nonce are right.
    pub async fn verify_id_token(
        &self,
        client: &Client,
        id_token: &str,
        nonce: &str,
    ) -> Result<Claims, OidcError> {
        let header = jsonwebtoken::decode_header(id_token)
            .map_err(|e| rejected(format!("the ID token is malformed: {e}")))?;
        let asymmetric = matches!(
            header.alg,
            Algorithm::RS256
                | Algorithm::RS384
                | Algorithm::RS512
                | Algorithm::PS256
                | Algorithm::PS384
                | Algorithm::PS512
                | Algorithm::ES256
                | Algorithm::ES384
                | Algorithm::EdDSA
        );
        if !asymmetric {
            return Err(rejected(format!(
                "the ID token's algorithm {:?} is not accepted",
                header.alg
            )));
        }
        let metadata = self.metadata(&client.issuer).await?;
        let jwk = self.key_for(&client.issuer, header.kid.as_deref()).await?;
        let key = DecodingKey::from_jwk(&jwk)
            .map_err(|e| rejected(format!("the provider's key cannot be used: {e}")))?;
        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[metadata.issuer.as_str()]);
        validation.set_audience(&[client.client_id.as_str()]);
        validation.leeway = LEEWAY_SECS;
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        let claims: Claims = jsonwebtoken::decode(id_token, &key, &validation)
            .map_err(|e| rejected(format!("the ID token is not valid: {e}")))?
            .claims;
        if claims.get("nonce").and_then(Value::as_str) != Some(nonce) {
            return Err(rejected("the ID token's nonce is not the one sent"));
        }
        // Several audiences: the authorized party must be us (OpenID Connect Core 3.1.3.7).
        if claims.get("aud").is_some_and(Value::is_array) {
            if let Some(azp) = claims.get("azp").and_then(Value::as_str) {
                if azp != client.client_id {
                    return Err(rejected("the ID token was issued to another client"));
                }
            }
        }
        match claims.get("sub").and_then(Value::as_str) {
            Some(sub) if !sub.is_empty() && sub.len() <= 255 => Ok(claims),
            _ => Err(rejected("the ID token has no usable subject")),
        }
    }

    /// The userinfo endpoint's claims for an access token, when the provider has one; its `sub`
    /// must be the ID token's.
    pub async fn userinfo(
        &self,
        client: &Client,
        access_token: &str,
        subject: &str,
    ) -> Result<Option<Claims>, OidcError> {
        let metadata = self.metadata(&client.issuer).await?;
        let Some(endpoint) = metadata.userinfo_endpoint.as_deref() else {
            return Ok(None);
        };
        self.check_url(endpoint, "the userinfo endpoint")?;
        let response = self
            .http
            .client
            .get(endpoint)
            .bearer_auth(access_token)
            .header("accept", "application/json")
            .send()
            .await
            .map_err(|e| provider(format!("the userinfo endpoint: {}", describe(&e))))?;
        // A signed (JWT) userinfo answer is not asked for; JSON is the default.
        let claims: Claims = self.read_json(response, "the userinfo endpoint").await?;
        if claims.get("sub").and_then(Value::as_str) != Some(subject) {
            return Err(rejected("the userinfo endpoint names another subject"));
        }
        Ok(Some(claims))
    }

    /// The whole return leg: the code exchanged, the ID token verified, the userinfo claims added
    /// (the ID token's win where both have one). Answers the claims and the ID token.
    pub async fn complete(
        &self,
        client: &Client,
        code: &str,
        redirect_uri: &str,
        code_verifier: &str,
        nonce: &str,
    ) -> Result<(Claims, String), OidcError> {
        let tokens = self
            .exchange(client, code, redirect_uri, code_verifier)
            .await?;
        let mut claims = self
            .verify_id_token(client, &tokens.id_token, nonce)
            .await?;
        let subject = claims
            .get("sub")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if let Some(access) = tokens.access_token.as_deref() {
            if let Some(extra) = self.userinfo(client, access, &subject).await? {
                for (name, value) in extra {
                    claims.entry(name).or_insert(value);
                }
            }
        }
        Ok((claims, tokens.id_token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pkce_challenge_is_rfc_7636s() {
        // RFC 7636 appendix B.
        assert_eq!(
            challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        let a = random_value();
        assert_eq!(a.len(), 43);
        assert_ne!(a, random_value());
    }

    #[test]
    fn issuers_must_be_https_hosts_without_query() {
        assert!(check_issuer("https://login.council.example/realms/staff", false).is_ok());
        assert!(check_issuer("http://127.0.0.1:4000", false).is_err());
        assert!(check_issuer("http://127.0.0.1:4000", true).is_ok());
        assert!(check_issuer("https://idp.example/?x=1", false).is_err());
        assert!(check_issuer("https://user:pw@idp.example/", false).is_err());
        assert!(check_issuer("idp.example", false).is_err());
        assert!(check_issuer("ftp://idp.example", true).is_err());
    }

    #[test]
    fn the_authorization_url_carries_pkce_state_and_nonce() {
        let m = Metadata {
            issuer: "https://idp.example".into(),
            authorization_endpoint: "https://idp.example/auth?tenant=a".into(),
            token_endpoint: "https://idp.example/token".into(),
            userinfo_endpoint: None,
            jwks_uri: "https://idp.example/jwks".into(),
            end_session_endpoint: Some("https://idp.example/logout".into()),
            code_challenge_methods_supported: None,
            token_endpoint_auth_methods_supported: None,
        };
        let url = RelyingParty::authorization_url(
            &m,
            "client 1",
            "https://app.example/cb",
            "openid email",
            "st",
            "no",
            "verifier",
        )
        .unwrap();
        let parsed = url::Url::parse(&url).unwrap();
        let q: HashMap<_, _> = parsed.query_pairs().into_owned().collect();
        assert_eq!(q["tenant"], "a");
        assert_eq!(q["client_id"], "client 1");
        assert_eq!(q["code_challenge"], challenge("verifier"));
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!((q["state"].as_str(), q["nonce"].as_str()), ("st", "no"));
        let out = RelyingParty::logout_url(&m, "c", "tok", "https://app.example/sign-in").unwrap();
        assert!(out.starts_with("https://idp.example/logout?client_id=c&id_token_hint=tok"));
    }
}
