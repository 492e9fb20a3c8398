//! The application layer, between the HTTP API (`scrutiny-api`) and the database
//! (`scrutiny-db`): every write is one use case, `async fn(&mut Ctx, command) -> Result<View,
//! AppError>`, run in one transaction with everything that follows from it. The API, the
//! imports, the jobs and the demo loader all call the same use cases, so a rule is written once.
//!
//! - [`ctx`]: the context (connection, principal, clock) and its transaction boundary;
//! - [`error`]: the one error type, mapped to problem+json by the API;
//! - [`access`]: who sees which council's records and who may write them;
//! - [`audit`]: the audit builder (every write records who, what, before and after);
//! - [`views`]: the records as the API shows them, with their loaders.
//!
//! The domain, roles and rules are described in `docs/domain.md`.
pub mod access;
pub mod actions;
pub mod attachments;
pub mod audit;
pub mod audit_events;
pub mod calendar_feeds;
pub mod calendars;
pub mod committees;
pub mod contacts;
pub mod credentials;
pub mod ctx;
pub mod decisions;
pub mod error;
pub mod events;
pub mod exports;
pub mod identity_providers;
pub mod import_profiles;
pub mod imports;
pub mod input;
pub mod me;
pub mod open_data;
pub mod organisations;
pub mod paging;
pub mod papers;
pub mod plans;
pub mod precondition;
pub mod principal;
pub mod progress;
pub mod recommendations;
pub mod request_id;
pub mod responses;
pub mod reviews;
pub mod service_accounts;
pub mod sessions;
pub mod sso;
pub mod users;
pub mod views;
pub mod webhooks;

pub use ctx::{Clock, Ctx};
pub use error::AppError;
pub use paging::{Page, PageRequest};
pub use precondition::Precondition;
pub use principal::{ActorKind, Principal};
