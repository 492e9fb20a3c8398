//! What the use cases answer with: the records as the API shows them, with their loaders (a
//! bounded number of queries whatever the number of rows). One module per area.
pub mod actions;
pub mod audit;
pub mod progress;
pub mod committees;
pub mod contacts;
pub mod organisations;
pub mod recommendations;
pub mod plans;
pub mod reviews;
pub mod service_accounts;
pub mod users;
