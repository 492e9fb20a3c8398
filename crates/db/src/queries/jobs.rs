//! Background jobs persisted in PostgreSQL: enqueued once per unique key, claimed with
//! `FOR UPDATE SKIP LOCKED` under a lease, completed, or failed and retried with exponential
//! backoff until `max_attempts`.
use crate::prepared::KeepDsl;
use crate::schema::jobs;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel::sql_types::{Array, Double, Integer, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use std::time::Duration;
use uuid::Uuid;

pub const PENDING: &str = "pending";
pub const RUNNING: &str = "running";
pub const DONE: &str = "done";
pub const FAILED: &str = "failed";

/// The channel `NOTIFY`d when a job is enqueued, so that idle workers wake at once.
pub const CHANNEL: &str = "scrutiny_jobs";

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = jobs, check_for_backend(diesel::pg::Pg))]
pub struct Job {
    pub id: Uuid,
    pub kind: String,
    pub payload: serde_json::Value,
    pub unique_key: String,
    pub run_at: DateTime<Utc>,
    pub state: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub locked_until: Option<DateTime<Utc>>,
    pub locked_by: Option<String>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = jobs)]
pub struct NewJob {
    pub id: Uuid,
    pub kind: String,
    pub payload: serde_json::Value,
    pub unique_key: String,
    /// `None`: now.
    pub run_at: Option<DateTime<Utc>>,
    pub max_attempts: i32,
}

impl NewJob {
    /// A job of `kind` that may run now, tried at most 10 times.
    pub fn new(kind: &str, unique_key: String, payload: serde_json::Value) -> Self {
        Self {
            id: Uuid::now_v7(),
            kind: kind.to_owned(),
            payload,
            unique_key,
            run_at: None,
            max_attempts: 10,
        }
    }
}

/// Exponential backoff: `base × 2^(attempts − 1)`, at most `cap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
}

impl Default for Backoff {
    /// One minute, doubling, at most six hours.
    fn default() -> Self {
        Self {
            base: Duration::from_secs(60),
            cap: Duration::from_secs(6 * 3600),
        }
    }
}

impl Backoff {
    /// How long to wait after the `attempts`-th failed attempt (1 for the first).
    pub fn delay(&self, attempts: i32) -> Duration {
        let exponent = attempts.saturating_sub(1).clamp(0, 30) as u32;
        self.base
            .checked_mul(1u32 << exponent)
            .map_or(self.cap, |d| d.min(self.cap))
    }
}

/// Enqueues a job unless one with the same unique key exists (whatever its state); returns the
/// new job, or `None` when the key was taken. Workers listening on [`CHANNEL`] are woken when
/// the enqueueing transaction commits.
pub async fn enqueue(conn: &mut AsyncPgConnection, new: &NewJob) -> Result<Option<Job>, Error> {
    let run_at = new.run_at.unwrap_or_else(Utc::now);
    let job = diesel::insert_into(jobs::table)
        .values((
            jobs::id.eq(new.id),
            jobs::kind.eq(&new.kind),
            jobs::payload.eq(&new.payload),
            jobs::unique_key.eq(&new.unique_key),
            jobs::run_at.eq(run_at),
            jobs::max_attempts.eq(new.max_attempts),
        ))
        .on_conflict_do_nothing()
        .returning(Job::as_returning())
        .get_result(conn)
        .await
        .optional()?;
    if let Some(job) = &job {
        diesel::sql_query("SELECT pg_notify($1, $2)")
            .bind::<Text, _>(CHANNEL)
            .bind::<Text, _>(&job.kind)
            .kept()
            .execute(conn)
            .await?;
    }
    Ok(job)
}

/// Fails the running jobs whose lease has expired after their last allowed attempt (their
/// worker stopped mid-way); returns how many.
pub async fn fail_abandoned(conn: &mut AsyncPgConnection) -> Result<usize, Error> {
    diesel::sql_query(
        "UPDATE jobs SET state = 'failed', locked_until = NULL, locked_by = NULL, \
                finished_at = now(), updated_at = now(), \
                last_error = coalesce(last_error || '; ', '') || 'the worker stopped during the last attempt' \
         WHERE state = 'running' AND locked_until <= now() AND attempts >= max_attempts",
    )
    .kept().execute(conn)
    .await
}

/// Claims up to `limit` due jobs of the given kinds for `worker`: pending jobs whose time has
/// come and running jobs whose lease has expired (their worker died). Each claim counts an
/// attempt and holds the job for `lease`. Concurrent workers never claim the same job.
pub async fn claim(
    conn: &mut AsyncPgConnection,
    worker: &str,
    kinds: &[&str],
    lease: Duration,
    limit: i32,
) -> Result<Vec<Job>, Error> {
    let kinds: Vec<String> = kinds.iter().map(|k| (*k).to_owned()).collect();
    diesel::sql_query(
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, \
                locked_until = now() + make_interval(secs => $2), locked_by = $1, updated_at = now() \
         WHERE id IN ( \
             SELECT id FROM jobs \
             WHERE kind = ANY($3) \
               AND ((state = 'pending' AND run_at <= now()) \
                    OR (state = 'running' AND locked_until <= now() AND attempts < max_attempts)) \
             ORDER BY run_at, id \
             LIMIT $4 \
             FOR UPDATE SKIP LOCKED) \
         RETURNING *",
    )
    .bind::<Text, _>(worker)
    .bind::<Double, _>(lease.as_secs_f64())
    .bind::<Array<Text>, _>(&kinds)
    .bind::<Integer, _>(limit)
    .kept().load(conn)
    .await
}

/// Marks a job done; `false` when `worker` no longer holds it (its lease expired and another
/// worker claimed it).
pub async fn complete(conn: &mut AsyncPgConnection, id: Uuid, worker: &str) -> Result<bool, Error> {
    let n = diesel::update(
        jobs::table
            .find(id)
            .filter(jobs::state.eq(RUNNING))
            .filter(jobs::locked_by.eq(worker)),
    )
    .set((
        jobs::state.eq(DONE),
        jobs::locked_until.eq(None::<DateTime<Utc>>),
        jobs::finished_at.eq(diesel::dsl::now),
        jobs::updated_at.eq(diesel::dsl::now),
    ))
    .execute(conn)
    .await?;
    Ok(n == 1)
}

/// What became of a failed attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Pending again, to run at this time.
    Retry(DateTime<Utc>),
    /// No attempts left.
    Failed,
    /// The worker no longer held the job.
    NotHeld,
}

/// Records a failed attempt: the job runs again after the backoff for its attempts so far, or
/// fails for good once it has had `max_attempts`.
pub async fn fail(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    worker: &str,
    error: &str,
    backoff: &Backoff,
) -> Result<Failure, Error> {
    let held: Option<Job> = jobs::table
        .find(id)
        .filter(jobs::state.eq(RUNNING))
        .filter(jobs::locked_by.eq(worker))
        .select(Job::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()?;
    let Some(job) = held else {
        return Ok(Failure::NotHeld);
    };
    let error: String = error.chars().take(2000).collect();
    if job.attempts >= job.max_attempts {
        diesel::update(jobs::table.find(id))
            .set((
                jobs::state.eq(FAILED),
                jobs::locked_until.eq(None::<DateTime<Utc>>),
                jobs::locked_by.eq(None::<String>),
                jobs::last_error.eq(&error),
                jobs::finished_at.eq(diesel::dsl::now),
                jobs::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .await?;
        return Ok(Failure::Failed);
    }
    let delay = backoff.delay(job.attempts);
    let job: Job = diesel::sql_query(
        "UPDATE jobs SET state = 'pending', locked_until = NULL, locked_by = NULL, \
                last_error = $2, run_at = now() + make_interval(secs => $3), updated_at = now() \
         WHERE id = $1 RETURNING *",
    )
    .bind::<diesel::sql_types::Uuid, _>(id)
    .bind::<Text, _>(&error)
    .bind::<Double, _>(delay.as_secs_f64())
    .kept()
    .get_result(conn)
    .await?;
    Ok(Failure::Retry(job.run_at))
}

/// Deletes done jobs finished more than `age` ago (failed ones stay for inspection); returns
/// how many.
pub async fn prune_done(conn: &mut AsyncPgConnection, age: Duration) -> Result<usize, Error> {
    diesel::sql_query(
        "DELETE FROM jobs WHERE state = 'done' AND finished_at < now() - make_interval(secs => $1)",
    )
    .bind::<Double, _>(age.as_secs_f64())
    .kept()
    .execute(conn)
    .await
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Job>, Error> {
    jobs::table
        .find(id)
        .select(Job::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_by_key(conn: &mut AsyncPgConnection, key: &str) -> Result<Option<Job>, Error> {
    jobs::table
        .filter(jobs::unique_key.eq(key))
        .select(Job::as_select())
        .first(conn)
        .await
        .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let b = Backoff::default();
        assert_eq!(b.delay(1), Duration::from_secs(60));
        assert_eq!(b.delay(2), Duration::from_secs(120));
        assert_eq!(b.delay(3), Duration::from_secs(240));
        assert_eq!(b.delay(9), Duration::from_secs(60 * 256));
        assert_eq!(b.delay(10), Duration::from_secs(6 * 3600));
        assert_eq!(b.delay(1000), Duration::from_secs(6 * 3600));
        assert_eq!(b.delay(0), Duration::from_secs(60));
        let fast = Backoff {
            base: Duration::from_millis(100),
            cap: Duration::from_millis(250),
        };
        assert_eq!(fast.delay(2), Duration::from_millis(200));
        assert_eq!(fast.delay(3), Duration::from_millis(250));
    }
}
