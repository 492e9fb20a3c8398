//! Persistence: the diesel schema, rows, queries, the connection pool and migrations.
//! Handlers never write SQL; they call the functions here, inside one transaction per write.
pub mod models;
pub mod page;
pub mod pool;
pub mod prepared;
pub mod queries;
pub mod schema;
pub mod scope;
pub mod tenant;
pub mod text;

pub use diesel_async::AsyncPgConnection;
pub use pool::{DbPool, PoolError};

pub use diesel_async::AsyncConnection;

pub type DbError = diesel::result::Error;
