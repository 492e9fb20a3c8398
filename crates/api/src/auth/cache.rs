//! Principals already checked against the database, kept for a short while so that a request
//! costs no query to know who makes it (docs/benchmarks.md, "Per-request cost").
//!
//! What is kept is forgotten:
//! - when the database announces a change to the account, the service account or any
//!   organisation (`scrutiny_principals`, migration `per_request`), from whichever server or tool
//!   made it, as its transaction commits;
//! - when this process records a write to one of them ([`scrutiny_app::principal::account_writes`]),
//!   before the write commits, so that a deactivation answered here takes effect at once here;
//! - after [`PrincipalCache::ttl`] in any case (never longer than an access token lives);
//! - all of it, whenever the database cannot be listened to: nothing is kept until it can again.
//!
//! A token is still checked against the credential stamp kept with its principal, so that a
//! token issued before a password change is refused even while its account is kept.
use scrutiny_app::principal::Principal;
use secrecy::{ExposeSecret, SecretString};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// The channel the database announces changes to principals on.
pub const CHANNEL: &str = "scrutiny_principals";

struct Kept {
    principal: Principal,
    /// The credential stamp a token must carry (from the password or secret hash).
    stamp: String,
    at: Instant,
}

/// What the cache looked like when a request began to load a principal: a load that began before
/// something was forgotten must not be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generation {
    forgotten: u64,
    writes: u64,
}

pub struct PrincipalCache {
    kept: Mutex<HashMap<(bool, Uuid), Kept>>,
    /// Whether changes are being heard: nothing is kept otherwise.
    live: AtomicBool,
    /// Counts every forgetting.
    forgotten: AtomicU64,
    /// This process's writes to accounts when last looked at.
    seen_writes: AtomicU64,
    ttl: Duration,
    capacity: usize,
}

impl PrincipalCache {
    /// A cache that keeps at most `capacity` principals for `ttl` each, once [`listen`] hears the
    /// database.
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        PrincipalCache {
            kept: Mutex::new(HashMap::new()),
            live: AtomicBool::new(false),
            forgotten: AtomicU64::new(0),
            seen_writes: AtomicU64::new(scrutiny_app::principal::account_writes()),
            ttl,
            capacity,
        }
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// Whether principals are being kept (the database is being listened to).
    pub fn is_live(&self) -> bool {
        self.live.load(Ordering::Acquire)
    }

    /// Taken before loading a principal, and given back to [`PrincipalCache::keep`].
    pub fn generation(&self) -> Generation {
        Generation {
            forgotten: self.forgotten.load(Ordering::Acquire),
            writes: scrutiny_app::principal::account_writes(),
        }
    }

    /// The principal kept for this account (`service`: a service account), if it is still fresh,
    /// nothing about accounts has been written here since, and the token's stamp is its stamp.
    /// `Err(())` when it is kept but the stamp differs (the token predates a credential change).
    pub fn get(&self, service: bool, id: Uuid, stamp: &str) -> Option<Result<Principal, ()>> {
        if !self.is_live() {
            return None;
        }
        self.forget_if_written();
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let entry = kept.get(&(service, id))?;
        if entry.at.elapsed() >= self.ttl {
            return None;
        }
        Some(
            if scrutiny_app::credentials::secrets::same_digest(stamp, &entry.stamp) {
                Ok(entry.principal.clone())
            } else {
                Err(())
            },
        )
    }

    /// Keeps a principal loaded since `generation` was taken, unless something was forgotten or
    /// written in the meantime.
    pub fn keep(
        &self,
        generation: Generation,
        service: bool,
        id: Uuid,
        stamp: String,
        principal: &Principal,
    ) {
        if !self.is_live() || self.generation() != generation {
            return;
        }
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() >= self.capacity {
            kept.retain(|_, k| k.at.elapsed() < self.ttl);
            if kept.len() >= self.capacity {
                kept.clear();
            }
        }
        kept.insert(
            (service, id),
            Kept {
                principal: principal.clone(),
                stamp,
                at: Instant::now(),
            },
        );
    }

    /// Forgets one account or service account (an announcement from the database).
    pub fn forget(&self, id: Uuid) {
        self.forgotten.fetch_add(1, Ordering::AcqRel);
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.remove(&(false, id));
        kept.remove(&(true, id));
    }

    /// Forgets everything.
    pub fn forget_all(&self) {
        self.forgotten.fetch_add(1, Ordering::AcqRel);
        self.kept.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Starts or stops keeping principals (stopping forgets them all).
    pub fn set_live(&self, live: bool) {
        if !live {
            self.live.store(false, Ordering::Release);
        }
        self.forget_all();
        if live {
            self.live.store(true, Ordering::Release);
        }
    }

    /// Forgets everything when this process has written to accounts since the last look.
    fn forget_if_written(&self) {
        let writes = scrutiny_app::principal::account_writes();
        if self.seen_writes.swap(writes, Ordering::AcqRel) != writes {
            self.forget_all();
        }
    }

    /// Applies one announcement: an id, or `*` (anything else forgets everything too).
    pub fn heard(&self, payload: &str) {
        match payload.parse::<Uuid>() {
            Ok(id) => self.forget(id),
            Err(_) => self.forget_all(),
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.kept.lock().unwrap().len()
    }
}

/// Listens to the database's announcements for as long as the server's state holds the cache,
/// reconnecting after a lost connection (every 2 s); principals are kept only while it hears.
pub async fn listen(cache: Arc<PrincipalCache>, url: SecretString) {
    use futures_util::StreamExt;
    // Only this task holds the cache: the server that kept it has gone.
    let orphaned = |cache: &Arc<PrincipalCache>| Arc::strong_count(cache) == 1;
    while !orphaned(&cache) {
        match scrutiny_db::pool::listening(url.expose_secret(), CHANNEL).await {
            Ok(mut conn) => {
                cache.set_live(true);
                let mut notifications = std::pin::pin!(conn.notifications_stream());
                while !orphaned(&cache) {
                    let next = tokio::time::timeout(Duration::from_secs(10), notifications.next());
                    match next.await {
                        Ok(Some(Ok(n))) => cache.heard(&n.payload),
                        Ok(Some(Err(e))) => {
                            log::warn!("principals LISTEN: {e}");
                            break;
                        }
                        Ok(None) => break,
                        Err(_) => {} // quiet for a while: look whether the server is still there
                    }
                }
                cache.set_live(false);
            }
            Err(e) => log::warn!("principals LISTEN: {e}"),
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrutiny_app::principal::ActorKind;
    use scrutiny_domain::people::{OrganisationKind, Role};

    fn someone() -> Principal {
        Principal {
            kind: ActorKind::User,
            id: Uuid::now_v7(),
            name: "Someone".into(),
            role: Role::Officer,
            organisation_id: Uuid::now_v7().into(),
            organisation_kind: OrganisationKind::Council,
            organisation_name: "A council".into(),
            email: Some("someone@council.example".into()),
        }
    }

    #[test]
    fn nothing_is_kept_until_the_database_is_heard() {
        let cache = PrincipalCache::new(Duration::from_secs(60), 10);
        let p = someone();
        cache.keep(cache.generation(), false, p.id, "s".into(), &p);
        assert!(cache.get(false, p.id, "s").is_none());
        cache.set_live(true);
        cache.keep(cache.generation(), false, p.id, "s".into(), &p);
        assert_eq!(cache.get(false, p.id, "s").unwrap().unwrap().id, p.id);
        assert!(
            cache.get(true, p.id, "s").is_none(),
            "a service account is another key"
        );
        assert!(cache.get(false, p.id, "other").unwrap().is_err());
        cache.set_live(false);
        assert!(cache.get(false, p.id, "s").is_none());
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn an_announcement_forgets_and_a_load_begun_before_it_is_not_kept() {
        let cache = PrincipalCache::new(Duration::from_secs(60), 10);
        cache.set_live(true);
        let p = someone();
        let before = cache.generation();
        cache.heard(&p.id.to_string());
        cache.keep(before, false, p.id, "s".into(), &p);
        assert!(cache.get(false, p.id, "s").is_none());
        cache.keep(cache.generation(), false, p.id, "s".into(), &p);
        assert!(cache.get(false, p.id, "s").is_some());
        cache.heard("*");
        assert!(cache.get(false, p.id, "s").is_none());
    }

    #[test]
    fn entries_expire_and_the_cache_is_bounded() {
        let cache = PrincipalCache::new(Duration::from_millis(0), 2);
        cache.set_live(true);
        let p = someone();
        cache.keep(cache.generation(), false, p.id, "s".into(), &p);
        assert!(cache.get(false, p.id, "s").is_none(), "expired at once");
        let cache = PrincipalCache::new(Duration::from_secs(60), 2);
        cache.set_live(true);
        for _ in 0..5 {
            let q = someone();
            cache.keep(cache.generation(), false, q.id, "s".into(), &q);
        }
        assert!(cache.len() <= 2);
    }
}
