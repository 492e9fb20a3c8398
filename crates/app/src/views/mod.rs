//! What the use cases answer with: the records as the API shows them, with their loaders (a
//! bounded number of queries whatever the number of rows). One module per area.
pub mod audit;
pub mod calendars;
pub mod decisions;
pub mod reviews;
