//! Access to scrutiny records: who sees which council's records, and who may write them.
use crate::error::AppError;
use crate::principal::{Principal, COUNCIL_STAFF};
use scrutiny_db::scope::Scope;
use scrutiny_domain::people::{OrganisationKind, Role};
use uuid::Uuid;

/// The records a principal may read.
pub fn scope(principal: &Principal) -> Scope {
    match principal.role {
        Role::Admin => Scope::All,
        Role::Officer | Role::Viewer
            if principal.organisation_kind == OrganisationKind::Council =>
        {
            Scope::Council(principal.organisation_id.as_uuid())
        }
        // Viewers of a partner organisation see what it is responsible for, read-only.
        Role::Officer | Role::Viewer | Role::Contributor => {
            Scope::Responsible(principal.organisation_id.as_uuid())
        }
    }
}

/// The council a principal writes records in (officers and admins belong to councils).
pub fn writing_council(principal: &Principal) -> Result<Uuid, AppError> {
    principal.require(COUNCIL_STAFF)?;
    if principal.organisation_kind != OrganisationKind::Council {
        return Err(AppError::Forbidden);
    }
    Ok(principal.organisation_id.as_uuid())
}

/// Checks that a principal may write a record of `council_id`: admins anywhere, officers in their
/// own council. Another council's record is 404, so that its existence does not leak.
pub fn check_write(principal: &Principal, council_id: Uuid) -> Result<(), AppError> {
    principal.require(COUNCIL_STAFF)?;
    match principal.role {
        Role::Admin => Ok(()),
        _ if principal.organisation_id.as_uuid() == council_id => Ok(()),
        _ => Err(AppError::NotFound),
    }
}

/// Checks that a council-scoped record is visible; responsible-scope checks need the database and
/// are done by the queries themselves.
pub fn check_council_visible(scope: Scope, council_id: Uuid) -> Result<(), AppError> {
    match scope {
        Scope::Council(own) if own != council_id => Err(AppError::NotFound),
        _ => Ok(()),
    }
}
