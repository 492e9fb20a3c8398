//! Black-box tests of the API: one binary, one module per resource.
mod fixtures;
mod helpers;
mod smtp_sink;
mod support;

mod action_plans;
mod attachments;
mod audit_events;
mod auth;
mod authz_matrix;
mod calendars;
mod committees_reviews;
mod contacts;
mod decisions;
mod errors;
mod health;
mod idempotency;
mod imports;
mod papers;
mod progress;
mod recommendations;
mod reminders;
mod seed_progress;
mod seed_readback;
mod service_accounts;
mod tenancy;
mod users;
