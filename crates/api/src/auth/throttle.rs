//! Sign-in throttling per client address and per account name (whether or not the account exists,
//! so that the answer never reveals it).
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct ThrottleSettings {
    /// Attempts a client address may make in a burst, refilled at one per `per_ip_refill`.
    pub per_ip_burst: u32,
    pub per_ip_refill: Duration,
    /// Attempts one account name may receive in a burst, refilled at one per `per_account_refill`.
    pub per_account_burst: u32,
    pub per_account_refill: Duration,
}

impl Default for ThrottleSettings {
    fn default() -> Self {
        Self {
            per_ip_burst: 100,
            per_ip_refill: Duration::from_secs(1),
            per_account_burst: 10,
            per_account_refill: Duration::from_secs(30),
        }
    }
}

pub struct LoginThrottle {
    by_ip: DefaultKeyedRateLimiter<String>,
    by_account: DefaultKeyedRateLimiter<String>,
    clock: DefaultClock,
}

fn quota(burst: u32, refill: Duration) -> Quota {
    let burst = NonZeroU32::new(burst.max(1)).expect("non-zero");
    Quota::with_period(refill.max(Duration::from_millis(1)))
        .expect("non-zero period")
        .allow_burst(burst)
}

impl LoginThrottle {
    pub fn new(settings: ThrottleSettings) -> Self {
        Self {
            by_ip: RateLimiter::keyed(quota(settings.per_ip_burst, settings.per_ip_refill)),
            by_account: RateLimiter::keyed(quota(
                settings.per_account_burst,
                settings.per_account_refill,
            )),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one attempt; `Err(seconds)` says how long to wait.
    pub fn check(&self, ip: &str, account: &str) -> Result<(), u64> {
        let wait = |e: governor::NotUntil<_>| {
            e.wait_time_from(self.clock.now())
                .as_secs_f64()
                .ceil()
                .max(1.0) as u64
        };
        self.by_ip.check_key(&ip.to_owned()).map_err(wait)?;
        self.by_account
            .check_key(&account.trim().to_lowercase())
            .map_err(wait)?;
        Ok(())
    }

    /// Counts one attempt that names no account (a sign-in through an identity provider, whose
    /// provider counts the person's attempts); `Err(seconds)` says how long to wait.
    pub fn check_address(&self, ip: &str) -> Result<(), u64> {
        self.by_ip.check_key(&ip.to_owned()).map_err(|e| {
            e.wait_time_from(self.clock.now())
                .as_secs_f64()
                .ceil()
                .max(1.0) as u64
        })
    }

    /// Forgets keys that are back to a full bucket, so memory stays bounded.
    pub fn prune(&self) {
        self.by_ip.retain_recent();
        self.by_account.retain_recent();
    }
}

/// Requests to the open data endpoints per client address: a burst, refilled steadily.
pub struct OpenDataThrottle {
    by_ip: DefaultKeyedRateLimiter<String>,
    clock: DefaultClock,
}

impl OpenDataThrottle {
    pub fn new(burst: u32, refill: Duration) -> Self {
        Self {
            by_ip: RateLimiter::keyed(quota(burst, refill)),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one request; `Err(seconds)` says how long to wait.
    pub fn check(&self, ip: &str) -> Result<(), u64> {
        self.by_ip.check_key(&ip.to_owned()).map_err(|e| {
            e.wait_time_from(self.clock.now())
                .as_secs_f64()
                .ceil()
                .max(1.0) as u64
        })
    }

    /// Forgets addresses that are back to a full bucket.
    pub fn prune(&self) {
        self.by_ip.retain_recent();
    }
}

impl Default for OpenDataThrottle {
    /// 120 requests at once, then 10 a second, per address.
    fn default() -> Self {
        Self::new(120, Duration::from_millis(100))
    }
}

impl std::fmt::Debug for LoginThrottle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LoginThrottle")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_are_limited_whatever_their_case() {
        let t = LoginThrottle::new(ThrottleSettings {
            per_ip_burst: 100,
            per_ip_refill: Duration::from_secs(1),
            per_account_burst: 3,
            per_account_refill: Duration::from_secs(60),
        });
        for _ in 0..3 {
            assert!(t.check("10.0.0.1", "A@x.org").is_ok());
        }
        let wait = t.check("10.0.0.2", "a@x.org").unwrap_err();
        assert!((1..=60).contains(&wait));
        assert!(t.check("10.0.0.1", "b@x.org").is_ok());
    }

    #[test]
    fn addresses_are_limited() {
        let t = LoginThrottle::new(ThrottleSettings {
            per_ip_burst: 2,
            per_ip_refill: Duration::from_secs(60),
            per_account_burst: 100,
            per_account_refill: Duration::from_secs(1),
        });
        assert!(t.check("10.0.0.1", "a").is_ok());
        assert!(t.check("10.0.0.1", "b").is_ok());
        assert!(t.check("10.0.0.1", "c").is_err());
        assert!(t.check("10.0.0.9", "c").is_ok());
    }
}
