//! Typed identifiers, so that one kind of id can never be passed where another belongs.
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! typed_id {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered id (UUIDv7), which keeps b-tree inserts local.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

typed_id!(
    /// An organisation: a council or a partner such as a police force.
    OrganisationId,
    /// A person who can sign in.
    UserId,
    /// A person named as responsible or as a link officer, with or without an account.
    ContactId,
    /// A partner system's credentials.
    ServiceAccountId,
    /// One entry of the audit trail.
    AuditEventId,
    /// A refresh token (one link of a rotation family).
    RefreshTokenId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_uuid_and_json() {
        let id = UserId::new();
        let uuid: Uuid = id.into();
        assert_eq!(UserId::from(uuid), id);
        assert_eq!(id.to_string(), uuid.to_string());
    }

    #[test]
    fn new_ids_are_time_ordered() {
        let a = ReviewLike::new();
        let b = ReviewLike::new();
        assert!(a < b);
    }

    typed_id!(ReviewLike);
}
