//! What the use cases answer with: the records as the API shows them, with their loaders (a
//! bounded number of queries whatever the number of rows). One module per area.
pub mod actions;
pub mod attachments;
pub mod audit;
pub mod calendars;
pub mod committees;
pub mod contacts;
pub mod decisions;
pub mod imports;
pub mod organisations;
pub mod plans;
pub mod progress;
pub mod recommendations;
pub mod responses;
pub mod reviews;
pub mod service_accounts;
pub mod users;
