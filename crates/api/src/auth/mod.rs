//! Authentication (tokens, passwords, secrets, throttling) and the principal of a request.
pub mod jwt;
pub mod passwords;
pub mod principal;
pub mod secrets;
pub mod throttle;

pub use principal::{ActorKind, Auth, Principal};
