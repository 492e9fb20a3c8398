//! An HTTP client that reaches only the addresses a deployment allows: every address a name
//! resolves to is checked when the connection is made (so a name cannot be pointed at the machine
//! later), literal addresses are checked before the request, and redirects are not followed.
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// Resolves names to public addresses only (unless allowed).
struct PublicOnly {
    allow_private: bool,
}

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let allowed: Vec<SocketAddr> = found
                .filter(|a| allow_private || scrutiny_domain::network::is_public(a.ip()))
                .collect();
            if allowed.is_empty() {
                return Err(format!("{} resolves to no public address", name.as_str()).into());
            }
            let addrs: Addrs = Box::new(allowed.into_iter());
            Ok(addrs)
        })
    }
}

/// Whether `url`'s host, when written as a literal address, may be reached: names are checked
/// by the resolver, literals are not resolved, so they are checked here.
pub fn literal_address_allowed(url: &str, allow_private: bool) -> bool {
    if allow_private {
        return true;
    }
    let literal = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(|h| h.trim_matches(['[', ']']).to_owned()))
        .and_then(|h| h.parse::<IpAddr>().ok());
    literal.is_none_or(scrutiny_domain::network::is_public)
}

/// A client with the guard, and whether private addresses are allowed.
#[derive(Clone)]
pub struct GuardedClient {
    pub client: reqwest::Client,
    pub allow_private: bool,
}

impl GuardedClient {
    /// A client that gives up after `timeout` and names itself `user_agent`.
    pub fn new(allow_private: bool, timeout: Duration, user_agent: &str) -> Result<Self, String> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(user_agent)
            .dns_resolver(Arc::new(PublicOnly { allow_private }))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Self {
            client,
            allow_private,
        })
    }

    /// Whether `url` may be requested (its literal address, if it is one, is allowed).
    pub fn allows(&self, url: &str) -> bool {
        literal_address_allowed(url, self.allow_private)
    }
}

/// The chain of an error's causes, joined ("connection refused", "no public address").
pub fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_private_addresses_are_refused_unless_allowed() {
        for url in [
            "http://127.0.0.1:8080/x",
            "https://10.1.2.3/",
            "https://[::1]/",
            "https://169.254.169.254/latest/meta-data",
        ] {
            assert!(!literal_address_allowed(url, false), "{url}");
            assert!(literal_address_allowed(url, true), "{url}");
        }
        assert!(literal_address_allowed("https://8.8.8.8/", false));
        assert!(literal_address_allowed(
            "https://idp.council.example/",
            false
        ));
    }

    #[tokio::test]
    async fn names_that_resolve_only_to_private_addresses_are_not_reached() {
        let guarded = GuardedClient::new(false, Duration::from_secs(5), "test").unwrap();
        let error = guarded
            .client
            .get("http://localhost:9/")
            .send()
            .await
            .unwrap_err();
        assert!(
            describe(&error).contains("no public address"),
            "{}",
            describe(&error)
        );
    }
}
