//! Access to scrutiny records: who sees which council's records, and who may write them.
use crate::error::AppError;
use crate::principal::{Principal, ADMIN, COUNCIL_STAFF};
use scrutiny_db::scope::Scope;
use scrutiny_domain::people::OrganisationKind;
use uuid::Uuid;

/// The records a principal may read.
pub fn scope(principal: &Principal) -> Scope {
    if principal.is_operator() {
        return Scope::All;
    }
    match principal.own_council() {
        // A council's admins, officers and viewers: that council's records.
        Some(council) => Scope::Council(council),
        // Contributors and viewers of a partner organisation see what it is responsible for.
        None => Scope::Responsible(principal.organisation_id.as_uuid()),
    }
}

/// Whose accounts (users, service accounts) and address book a principal administers: `None` for
/// operators (every council's), else its own council; forbidden to anyone else.
pub fn administered_council(principal: &Principal) -> Result<Option<Uuid>, AppError> {
    if principal.is_operator() {
        return Ok(None);
    }
    principal.require(ADMIN)?;
    principal.own_council().map(Some).ok_or(AppError::Forbidden)
}

/// The council that will manage an account put into an organisation (a council or not): the
/// administrator's own, never in another council's organisation; for an operator, the
/// organisation when it is a council, else none (operators manage it).
pub fn managing_council(
    administered: Option<Uuid>,
    organisation_id: Uuid,
    organisation_is_council: bool,
) -> Result<Option<Uuid>, AppError> {
    match administered {
        None => Ok(organisation_is_council.then_some(organisation_id)),
        Some(own) if organisation_is_council && organisation_id != own => Err(AppError::invalid(
            "organisation_id",
            "is another council: its own admins manage its accounts",
        )),
        Some(own) => Ok(Some(own)),
    }
}

/// Checks that an account or contact managed by `council` (none: by operators) is this
/// administrator's to manage; another council's is 404, so that its existence does not leak.
pub fn check_administers(principal: &Principal, council: Option<Uuid>) -> Result<(), AppError> {
    match administered_council(principal)? {
        None => Ok(()),
        Some(own) if council == Some(own) => Ok(()),
        Some(_) => Err(AppError::NotFound),
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

/// Checks that a principal may write a record of `council_id`: operators anywhere, a council's admins
/// and officers in their own council. Another council's record is 404, so that its existence does
/// not leak.
pub fn check_write(principal: &Principal, council_id: Uuid) -> Result<(), AppError> {
    if principal.is_operator() {
        return Ok(());
    }
    principal.require(COUNCIL_STAFF)?;
    match principal.own_council() {
        Some(own) if own == council_id => Ok(()),
        _ => Err(AppError::NotFound),
    }
}

/// Checks that a council's own records (its settings and their history) are visible: to its
/// people, to operators, and to the partners that work with it; 404 to anyone else.
pub async fn check_council_readable(
    ctx: &mut crate::ctx::Ctx<'_>,
    council_id: Uuid,
) -> Result<(), AppError> {
    match scope(&ctx.principal) {
        Scope::All => Ok(()),
        Scope::Council(own) if own == council_id => Ok(()),
        Scope::Council(_) => Err(AppError::NotFound),
        Scope::Responsible(partner) => {
            if scrutiny_db::queries::council_partners::works_with(ctx.db(), partner, council_id)
                .await?
            {
                Ok(())
            } else {
                Err(AppError::NotFound)
            }
        }
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
