//! Keyset pagination: a page is the rows after the last key of the previous page, never an offset.
use uuid::Uuid;

/// A position in a list ordered by (a text key, id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextKey {
    pub key: String,
    pub id: Uuid,
}

/// A position in a list ordered by (a time, id), newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeKey {
    pub at: chrono::DateTime<chrono::Utc>,
    pub id: Uuid,
}

/// How many rows to fetch for a page of `limit`: one more tells whether a next page exists.
pub fn fetch_size(limit: u32) -> i64 {
    i64::from(limit) + 1
}

/// The LIMIT a page of `limit` is read with when it is written into the SQL ([`PagedDsl`]): one
/// more than the page (to tell whether a next page exists), rounded up to one of a few sizes, so
/// that each list has a handful of statements to prepare, whatever limits callers ask for.
pub fn fetch_bucket(limit: u32) -> i64 {
    const SIZES: [i64; 5] = [11, 26, 51, 101, 201];
    let wanted = fetch_size(limit);
    SIZES
        .into_iter()
        .find(|size| *size >= wanted)
        .unwrap_or(wanted)
}

/// A list's query with its LIMIT written into the SQL as a number ([`fetch_bucket`]), not sent
/// as a parameter. PostgreSQL plans a statement whose LIMIT is a parameter for a tenth of the
/// table, so it judges the reusable (generic) plan dearer than one made for the values of each
/// call and plans the statement again on every call (half a millisecond for a page of progress
/// entries); with the number in the SQL the plan is made once per connection and kept. Read the
/// page with [`split_page`].
#[derive(Debug, Clone)]
pub struct Paged<Q> {
    query: Q,
    rows: i64,
}

/// `.paged(limit)` on an ordered query without a LIMIT of its own.
pub trait PagedDsl: Sized {
    fn paged(self, limit: u32) -> Paged<Self> {
        Paged {
            query: self,
            rows: fetch_bucket(limit),
        }
    }
}

impl<Q: diesel::query_builder::Query> PagedDsl for Q {}

impl<Q: diesel::query_builder::Query> diesel::query_builder::Query for Paged<Q> {
    type SqlType = Q::SqlType;
}

impl<Q> diesel::query_builder::QueryId for Paged<Q> {
    // Cached by its SQL text, which holds the number.
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q> diesel::query_builder::QueryFragment<diesel::pg::Pg> for Paged<Q>
where
    Q: diesel::query_builder::QueryFragment<diesel::pg::Pg>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> diesel::QueryResult<()> {
        self.query.walk_ast(out.reborrow())?;
        out.push_sql(&format!(" LIMIT {}", self.rows));
        Ok(())
    }
}

/// Cuts the extra row off; returns the page and whether more follow.
pub fn split_page<T>(mut rows: Vec<T>, limit: u32) -> (Vec<T>, bool) {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    (rows, more)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_page_detects_more() {
        assert_eq!(split_page(vec![1, 2, 3], 2), (vec![1, 2], true));
        assert_eq!(split_page(vec![1, 2], 2), (vec![1, 2], false));
        assert_eq!(fetch_size(50), 51);
    }

    #[test]
    fn pages_are_read_in_a_few_sizes_each_at_least_one_more_than_the_page() {
        for limit in 1..=200 {
            let rows = fetch_bucket(limit);
            assert!(rows > i64::from(limit), "{limit}");
            assert!([11, 26, 51, 101, 201].contains(&rows), "{limit}: {rows}");
        }
        assert_eq!(fetch_bucket(50), 51);
        assert_eq!(fetch_bucket(10), 11);
        assert_eq!(fetch_bucket(11), 26);
        assert_eq!(fetch_bucket(500), 501);
    }
}
