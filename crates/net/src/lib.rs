//! Talking to other systems over HTTP. [`guarded`] builds a client that reaches only public
//! addresses unless the deployment allows private ones (a webhook URL or an identity provider's
//! address is chosen by a council's admin, so it must not reach the machine or its network), and
//! [`oidc`] is the OpenID Connect relying party that signs people in with their council's
//! identity provider.
pub mod guarded;
pub mod oidc;

pub use guarded::{literal_address_allowed, GuardedClient};
