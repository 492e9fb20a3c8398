//! Text queries kept prepared on their connection.
//!
//! diesel never keeps a statement sent as text (`diesel::sql_query`): its text could be made
//! afresh on each call (with values written in), and a cache keyed by text would then grow without
//! end. So each call is parsed, planned and prepared again, one round trip more than a statement
//! built with the query builder, which diesel prepares once per connection and keeps. The
//! dashboards' statements spent about 4 ms of 14 on that at national scale (`docs/benchmarks.md`).
//!
//! [`Kept`] marks a text query as safe to keep. diesel-async then keeps it like any other, keyed
//! by its text and the types of its parameters, and PostgreSQL may switch it to a reusable plan
//! after five calls. Only texts from a fixed set may be kept: a constant, or one of a few texts
//! chosen by a match, never a value written into the text. The same holds for a query built with
//! the query builder that holds a fragment of text (`diesel::dsl::sql`), which diesel does not
//! keep either: it may be kept when the fragment is a constant.
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::QueryResult;

/// A text query whose prepared statement is kept on the connection: `diesel::sql_query` with its
/// parameters bound, wrapped by [`kept`].
#[derive(Debug, Clone)]
#[must_use = "a query does nothing until it is run"]
pub struct Kept<Q>(Q);

/// Keeps the statement of `query`, a `diesel::sql_query(text)` with its parameters bound, whose
/// text is a constant or one of a few texts chosen by a match (by scope, say), never one with a
/// value written in: each distinct text is one statement kept on each connection.
pub fn kept<Q>(query: Q) -> Kept<Q> {
    Kept(query)
}

impl<Q: Query> Query for Kept<Q> {
    type SqlType = Q::SqlType;
}

/// Keyed by text: there is no static id (the same Rust type carries many texts).
impl<Q> QueryId for Kept<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for Kept<Q> {
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        self.0.walk_ast(pass)
    }

    /// The text comes from a fixed set (see the module's documentation), so its statement may
    /// be kept, unlike an arbitrary `sql_query`'s.
    fn is_safe_to_cache_prepared(&self, _backend: &Pg) -> QueryResult<bool> {
        Ok(true)
    }
}

/// `.kept()` on a text query: [`kept`].
pub trait KeepDsl: Sized {
    fn kept(self) -> Kept<Self> {
        Kept(self)
    }
}

impl<Q: Query> KeepDsl for Q {}
