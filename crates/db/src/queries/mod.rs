//! Queries, one module per table. Every function takes a connection so that callers decide the
//! transaction.
pub mod action_plans;
pub mod actions;
pub mod audit;
pub mod calendars;
pub mod committees;
pub mod contacts;
pub mod decisions;
pub mod organisations;
pub mod recommendations;
pub mod refresh_tokens;
pub mod reviews;
pub mod service_accounts;
pub mod users;
