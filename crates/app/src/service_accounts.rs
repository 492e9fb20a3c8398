//! Use cases of service accounts: OAuth2 client-credentials for partners' systems. Admins only.
//! The client secret is shown once, when created or rotated; only its SHA-256 digest is stored.
use crate::access::{administered_council, check_administers, managing_council};
use crate::audit;
use crate::credentials::secrets;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::views::service_accounts::{ServiceAccount, ServiceAccountCredentials};
use scrutiny_db::models::{NewServiceAccount, ServiceAccountChanges};
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::service_accounts as q;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::people::{role_fits_organisation, Name, OrganisationKind, Role};
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

/// Which service accounts to list, by name.
#[derive(Debug, Clone, Default)]
pub struct ListServiceAccounts {
    /// Only accounts of this organisation.
    pub organisation_id: Option<Uuid>,
    /// Only active (true) or revoked (false) accounts.
    pub active: Option<bool>,
    pub page: PageRequest,
}

#[derive(Debug, Clone)]
pub struct CreateServiceAccount {
    pub name: String,
    /// officer, contributor or viewer; officer needs a council organisation.
    pub role: String,
    pub organisation_id: Uuid,
}

/// Absent fields are left alone. `active: Some(false)` revokes the account.
#[derive(Debug, Clone)]
pub struct UpdateServiceAccount {
    pub id: Uuid,
    pub precondition: Precondition,
    pub name: Option<String>,
    pub role: Option<String>,
    pub active: Option<bool>,
}

/// A new client secret for account `id`, as read at `precondition`.
#[derive(Debug, Clone)]
pub struct RotateSecret {
    pub id: Uuid,
    pub precondition: Precondition,
}

/// Parses a role and checks that a service account may hold it.
fn parse_role(errors: &mut ValidationErrors, raw: &str) -> Option<Role> {
    let role = errors.check("role", raw.parse::<Role>())?;
    if role.allowed_for_service_account() {
        Some(role)
    } else {
        errors.add("role", "a service account cannot be an admin");
        None
    }
}

/// The kind of an organisation, or a 422 naming `organisation_id` when it does not exist.
async fn organisation_kind(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<OrganisationKind, AppError> {
    let org = scrutiny_db::queries::organisations::find(conn, id)
        .await?
        .ok_or_else(|| AppError::invalid("organisation_id", "no such organisation"))?;
    org.kind.parse().map_err(AppError::internal)
}

fn check_role_fits(role: Role, kind: OrganisationKind) -> Result<(), AppError> {
    role_fits_organisation(role, kind).map_err(|message| AppError::invalid("role", message))
}

pub async fn list(
    ctx: &mut Ctx<'_>,
    cmd: ListServiceAccounts,
) -> Result<Page<ServiceAccount>, AppError> {
    let administered = administered_council(&ctx.principal)?;
    let limit = cmd.page.limit;
    let after = cmd
        .page
        .decode::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let db_filter = q::Filter {
        council_id: administered,
        organisation_id: cmd.organisation_id,
        active: cmd.active,
    };
    let rows = q::list(ctx.db(), &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.name, r.id)));
    Ok(Page {
        items: rows.into_iter().map(ServiceAccount::from).collect(),
        next_cursor,
    })
}

pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<ServiceAccount, AppError> {
    administered_council(&ctx.principal)?;
    let row = q::find(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
    check_administers(&ctx.principal, row.council_id)?;
    Ok(ServiceAccount::from(row))
}

/// Creates a service account with a new client id and secret; audited as
/// `service_account.created` (without the secret).
pub async fn create(
    ctx: &mut Ctx<'_>,
    cmd: CreateServiceAccount,
) -> Result<ServiceAccountCredentials, AppError> {
    let administered = administered_council(&ctx.principal)?;
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", Name::parse(&cmd.name));
    let role = parse_role(&mut errors, &cmd.role);
    let (Some(name), Some(role)) = (name, role) else {
        return Err(errors.into());
    };
    let client_id = secrets::client_id();
    let client_secret = secrets::generate("cs");
    let secret_hash = secrets::digest_hex(&client_secret);
    let account = ctx
        .tx(async |ctx| {
            let kind = organisation_kind(ctx.db(), cmd.organisation_id).await?;
            check_role_fits(role, kind)?;
            let council_id = managing_council(
                administered,
                cmd.organisation_id,
                kind == OrganisationKind::Council,
            )?;
            let row = q::insert(
                ctx.db(),
                &NewServiceAccount {
                    id: Uuid::now_v7(),
                    name: name.as_str(),
                    client_id: &client_id,
                    secret_hash: &secret_hash,
                    role: role.as_str(),
                    organisation_id: cmd.organisation_id,
                    council_id,
                },
            )
            .await?;
            let dto = ServiceAccount::from(row);
            audit::created(
                &mut ctx.conn,
                &ctx.principal,
                "service_account.created",
                "service_account",
                dto.id,
                &dto,
            )
            .await?;
            Ok(dto)
        })
        .await?;
    Ok(ServiceAccountCredentials {
        account,
        client_secret,
    })
}

/// Renames a service account, changes its role, or revokes it; audited as
/// `service_account.updated`.
pub async fn update(
    ctx: &mut Ctx<'_>,
    cmd: UpdateServiceAccount,
) -> Result<ServiceAccount, AppError> {
    administered_council(&ctx.principal)?;
    let mut errors = ValidationErrors::new();
    let name = cmd
        .name
        .as_deref()
        .and_then(|n| errors.check("name", Name::parse(n)));
    let role = cmd.role.as_deref().and_then(|r| parse_role(&mut errors, r));
    errors.into_result()?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let before = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        check_administers(&ctx.principal, before.council_id)?;
        cmd.precondition.check(before.version)?;
        if let Some(role) = role {
            let kind = organisation_kind(ctx.db(), before.organisation_id).await?;
            check_role_fits(role, kind)?;
        }
        let before = ServiceAccount::from(before);
        let row = q::update(
            ctx.db(),
            id,
            &ServiceAccountChanges {
                name: name.map(Name::into_inner),
                role: role.map(|r| r.as_str().to_owned()),
                active: cmd.active,
            },
        )
        .await?;
        let after = ServiceAccount::from(row);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "service_account.updated",
            "service_account",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// Replaces a service account's client secret: the old one stops working at once (the tokens
/// issued with it carry the old rotation stamp). Audited as `service_account.secret_rotated`.
pub async fn rotate_secret(
    ctx: &mut Ctx<'_>,
    cmd: RotateSecret,
) -> Result<ServiceAccountCredentials, AppError> {
    administered_council(&ctx.principal)?;
    let id = cmd.id;
    let client_secret = secrets::generate("cs");
    let secret_hash = secrets::digest_hex(&client_secret);
    let account = ctx
        .tx(async |ctx| {
            let before = q::find_for_update(ctx.db(), id)
                .await?
                .ok_or(AppError::NotFound)?;
            check_administers(&ctx.principal, before.council_id)?;
            cmd.precondition.check(before.version)?;
            let before = ServiceAccount::from(before);
            let row = q::set_secret(ctx.db(), id, &secret_hash).await?;
            let after = ServiceAccount::from(row);
            audit::changed(
                &mut ctx.conn,
                &ctx.principal,
                "service_account.secret_rotated",
                "service_account",
                id,
                &before,
                &after,
            )
            .await?;
            Ok(after)
        })
        .await?;
    Ok(ServiceAccountCredentials {
        account,
        client_secret,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_accounts_cannot_be_admins() {
        let mut errors = ValidationErrors::new();
        assert_eq!(
            parse_role(&mut errors, "contributor"),
            Some(Role::Contributor)
        );
        assert!(errors.is_empty());
        assert_eq!(parse_role(&mut errors, "admin"), None);
        assert_eq!(parse_role(&mut errors, "root"), None);
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["role", "role"]);
        assert_eq!(errors.0[0].message, "a service account cannot be an admin");
    }

    #[test]
    fn council_roles_need_a_council() {
        assert!(check_role_fits(Role::Officer, OrganisationKind::Police).is_err());
        assert!(check_role_fits(Role::Officer, OrganisationKind::Council).is_ok());
        assert!(check_role_fits(Role::Viewer, OrganisationKind::Fire).is_ok());
    }
}
