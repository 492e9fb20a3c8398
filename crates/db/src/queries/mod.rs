//! Queries, one module per table. Every function takes a connection so that callers decide the
//! transaction.
pub mod audit;
pub mod contacts;
pub mod organisations;
pub mod refresh_tokens;
pub mod service_accounts;
pub mod users;
