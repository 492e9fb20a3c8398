//! Authentication (tokens, passwords, secrets, throttling) and the principal of a request.
pub mod cache;
pub mod jwt;
pub mod principal;
pub mod throttle;
pub mod tokens;

pub use principal::{ActorKind, Auth, Principal};

pub use scrutiny_app::credentials::{passwords, secrets};
