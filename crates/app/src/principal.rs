//! Who acts: a signed-in user, a partner system's service account, or the system itself (jobs,
//! the demo loader's set-up). The API resolves a principal from the bearer token; the use cases
//! take it from the context.
use crate::error::AppError;
use scrutiny_domain::ids::OrganisationId;
use scrutiny_domain::people::{OrganisationKind, Role};
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    User,
    ServiceAccount,
    /// The system itself: scheduled jobs and maintenance commands.
    System,
}

impl ActorKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ActorKind::User => "user",
            ActorKind::ServiceAccount => "service_account",
            ActorKind::System => "system",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Principal {
    pub kind: ActorKind,
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    pub organisation_id: OrganisationId,
    pub organisation_kind: OrganisationKind,
    /// The organisation's name, as it was when the principal was checked.
    pub organisation_name: String,
    /// A user's email (a service account and the system have none).
    pub email: Option<String>,
}

pub const ADMIN: &[Role] = &[Role::Admin];
pub const COUNCIL_STAFF: &[Role] = &[Role::Admin, Role::Officer];
pub const ANY_ROLE: &[Role] = &[Role::Admin, Role::Officer, Role::Contributor, Role::Viewer];

impl Principal {
    /// The system acting on its own (`name` says which part of it, e.g. "reminders"): every
    /// council's records, audited as the system.
    pub fn system(name: &str) -> Self {
        Principal {
            kind: ActorKind::System,
            id: Uuid::nil(),
            name: name.to_owned(),
            role: Role::Admin,
            organisation_id: Uuid::nil().into(),
            organisation_kind: OrganisationKind::Other,
            organisation_name: String::new(),
            email: None,
        }
    }

    /// The role guard of a use case: forbidden unless the principal has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn is(&self, role: Role) -> bool {
        self.role == role
    }

    /// A deployment operator: an admin outside any council (made with `scrutiny create-operator`
    /// only; the API never makes an admin outside a council), or the system itself. Operators
    /// manage councils and every council's accounts; a council's admin manages that council only.
    pub fn is_operator(&self) -> bool {
        self.kind == ActorKind::System
            || (self.role == Role::Admin && self.organisation_kind != OrganisationKind::Council)
    }

    /// The council this principal belongs to, when it is council staff or a council viewer.
    pub fn own_council(&self) -> Option<Uuid> {
        (self.organisation_kind == OrganisationKind::Council)
            .then(|| self.organisation_id.as_uuid())
    }
}

/// Counts the writes in this process to what principals are made of (accounts, service accounts,
/// organisations), so that a cache of principals (the API's) can tell that what it holds may be
/// out of date the moment such a write is recorded, before any notice from the database arrives.
static ACCOUNT_WRITES: AtomicU64 = AtomicU64::new(0);

/// How many writes to accounts, service accounts and organisations this process has recorded.
pub fn account_writes() -> u64 {
    ACCOUNT_WRITES.load(Ordering::Acquire)
}

/// Notes a write (from its audit event's entity type) when it is to what principals are made of.
pub(crate) fn note_write(entity_type: &str) {
    if matches!(entity_type, "user" | "service_account" | "organisation") {
        ACCOUNT_WRITES.fetch_add(1, Ordering::AcqRel);
    }
}
