//! The HTTP resources, one folder each (a file per handler); shared answers are in `crate::respond`.
pub mod attachments;
pub mod audit_events;
pub mod auth;
pub mod committees;
pub mod contacts;
pub mod health;
pub mod me;
pub mod open_data;
pub mod organisations;
pub mod service_accounts;
pub mod users;

pub mod action_plans;
pub mod actions;
pub mod calendar_feeds;
pub mod calendars;
pub mod decisions;
pub mod events;
pub mod exports;
pub mod imports;
pub mod papers;
pub mod progress_entries;
pub mod progress_rounds;
pub mod recommendations;
pub mod reviews;
pub mod statutory_responses;
pub mod webhooks;
