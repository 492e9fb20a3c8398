//! Queries, one module per table. Every function takes a connection so that callers decide the
//! transaction.
pub mod action_plans;
pub mod actions;
pub mod attachments;
pub mod audit;
pub mod calendar_feeds;
pub mod calendars;
pub mod committees;
pub mod contacts;
pub mod council_partners;
pub mod decisions;
pub mod email;
pub mod events;
pub mod idempotency;
pub mod imports;
pub mod jobs;
pub mod open_data;
pub mod organisations;
pub mod progress;
pub mod recommendations;
pub mod refresh_tokens;
pub mod reviews;
pub mod server_secrets;
pub mod service_accounts;
pub mod statutory_responses;
pub mod users;
pub mod webhooks;
