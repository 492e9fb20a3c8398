//! The context every use case runs in: a database connection, the acting principal and the
//! clock. [`Ctx::tx`] is the one transaction boundary: a use case and everything that follows
//! from it (a round closing, a plan signed off, the audit events) commit together or not at all.
//! A use case called from inside another's transaction (an import creating recommendations) runs
//! in a savepoint of it.
use crate::error::AppError;
use crate::principal::Principal;
use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::{AnsiTransactionManager, AsyncPgConnection, TransactionManager};
use scrutiny_db::pool::PooledConnection;
use scrutiny_db::DbPool;
use std::sync::Arc;

/// Where "now" comes from: the system clock, or a fixed instant (tests, replays).
#[derive(Clone)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
    Custom(Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
            Clock::Custom(f) => f(),
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Clock::System => f.write_str("Clock::System"),
            Clock::Fixed(at) => write!(f, "Clock::Fixed({at})"),
            Clock::Custom(_) => f.write_str("Clock::Custom"),
        }
    }
}

/// A connection: one checked out of the pool, one the caller owns (tests, commands), or one
/// borrowed from a caller that is already in a transaction.
pub enum Conn<'c> {
    Pooled(Box<PooledConnection>),
    Owned(Box<AsyncPgConnection>),
    Borrowed(&'c mut AsyncPgConnection),
}

impl std::ops::Deref for Conn<'_> {
    type Target = AsyncPgConnection;
    fn deref(&self) -> &AsyncPgConnection {
        match self {
            Conn::Pooled(c) => c,
            Conn::Owned(c) => c,
            Conn::Borrowed(c) => c,
        }
    }
}

impl std::ops::DerefMut for Conn<'_> {
    fn deref_mut(&mut self) -> &mut AsyncPgConnection {
        match self {
            Conn::Pooled(c) => c,
            Conn::Owned(c) => c,
            Conn::Borrowed(c) => c,
        }
    }
}

/// The time zone of a council without settings of its own, and of everyone else.
pub const DEFAULT_TIME_ZONE: chrono_tz::Tz = chrono_tz::Europe::London;

pub struct Ctx<'c> {
    /// The connection every query of the use case goes through.
    pub conn: Conn<'c>,
    /// Who acts.
    pub principal: Principal,
    pub clock: Clock,
    /// Where "today" is: the time zone of the principal's council (its settings), else the
    /// default, Europe/London. An item due yesterday local time is overdue at 00:30 in summer.
    pub time_zone: chrono_tz::Tz,
}

impl<'c> Ctx<'c> {
    pub fn new(conn: PooledConnection, principal: Principal) -> Self {
        Ctx {
            conn: Conn::Pooled(Box::new(conn)),
            principal,
            clock: Clock::System,
            time_zone: DEFAULT_TIME_ZONE,
        }
    }

    /// A context for one request: a connection from the pool, bound to the principal's council
    /// when it is a council's admin, officer or viewer, or to the councils its organisation works
    /// with when it is a partner's, so that PostgreSQL's row-level security keeps every query of
    /// the request to those councils, whatever the query's own filter says. Operators and the
    /// system work unbound. Within its councils, a partner sees what its organisation is
    /// responsible for, which [`crate::access::scope`] applies.
    pub async fn open(pool: &DbPool, principal: Principal) -> Result<Ctx<'static>, AppError> {
        use scrutiny_db::pool::Binding;
        let binding = match crate::access::scope(&principal) {
            scrutiny_db::scope::Scope::Council(council) => Binding::Council(council),
            scrutiny_db::scope::Scope::Responsible(organisation) => Binding::Partner(organisation),
            scrutiny_db::scope::Scope::All => Binding::Unbound,
        };
        let (conn, zone) = scrutiny_db::pool::checkout(pool, binding).await?;
        let mut ctx = Ctx::new(conn, principal);
        if let Some(zone) = zone.and_then(|z| z.parse().ok()) {
            ctx.time_zone = zone;
        }
        Ok(ctx)
    }

    /// A context on a connection the caller owns.
    pub fn on(conn: AsyncPgConnection, principal: Principal) -> Self {
        Ctx {
            conn: Conn::Owned(Box::new(conn)),
            principal,
            clock: Clock::System,
            time_zone: DEFAULT_TIME_ZONE,
        }
    }

    /// A context on a connection the caller is using (already in a transaction or not).
    pub fn borrowed(conn: &'c mut AsyncPgConnection, principal: Principal) -> Self {
        Ctx {
            conn: Conn::Borrowed(conn),
            principal,
            clock: Clock::System,
            time_zone: DEFAULT_TIME_ZONE,
        }
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Acts as another principal on the same connection (the demo loader playing each role).
    pub fn acting_as(&mut self, principal: Principal) -> &mut Self {
        self.principal = principal;
        self
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today's date where the principal's council is ([`Ctx::time_zone`]).
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&self.time_zone).date_naive()
    }

    pub fn with_time_zone(mut self, zone: chrono_tz::Tz) -> Self {
        self.time_zone = zone;
        self
    }

    /// The connection, for queries.
    pub fn db(&mut self) -> &mut AsyncPgConnection {
        &mut self.conn
    }

    /// Runs `f` in a transaction: committed when it returns `Ok`, rolled back when it returns
    /// `Err` (or when the future is dropped half-way: the pool then discards the connection).
    /// Inside another `tx` it runs in a savepoint, so a failing inner step rolls back alone
    /// and the outer use case decides what follows.
    pub async fn tx<R>(
        &mut self,
        f: impl AsyncFnOnce(&mut Ctx<'c>) -> Result<R, AppError>,
    ) -> Result<R, AppError> {
        AnsiTransactionManager::begin_transaction(&mut *self.conn).await?;
        let result = f(self).await;
        self.end_tx(result).await
    }

    /// [`Ctx::tx`] for work that must be `Send` (a task the background worker runs on another
    /// thread): `f` returns a boxed `Send` future, which an async closure cannot yet promise.
    pub async fn tx_send<R: Send>(
        &mut self,
        f: impl for<'x> FnOnce(
            &'x mut Ctx<'c>,
        ) -> std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<R, AppError>> + Send + 'x>,
        >,
    ) -> Result<R, AppError> {
        AnsiTransactionManager::begin_transaction(&mut *self.conn).await?;
        let result = f(self).await;
        self.end_tx(result).await
    }

    /// Commits after `Ok`, rolls back after `Err`.
    async fn end_tx<R>(&mut self, result: Result<R, AppError>) -> Result<R, AppError> {
        match result {
            Ok(value) => {
                AnsiTransactionManager::commit_transaction(&mut *self.conn).await?;
                Ok(value)
            }
            Err(e) => {
                if let Err(rollback) =
                    AnsiTransactionManager::rollback_transaction(&mut *self.conn).await
                {
                    log::warn!("rollback failed after {e}: {rollback}");
                }
                Err(e)
            }
        }
    }
}
