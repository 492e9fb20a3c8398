//! Use cases of organisations: councils and partners. Everyone signed in reads them; admins write.
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::principal::{ADMIN, ANY_ROLE};
use crate::views::organisations::Organisation;
use scrutiny_db::models::{NewOrganisation, OrganisationChanges};
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::organisations as q;
use scrutiny_domain::people::{Name, OrganisationKind};
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

/// Which organisations to list, by name.
#[derive(Debug, Clone, Default)]
pub struct ListOrganisations {
    /// Only organisations of this kind (checked: council, police, fire, …).
    pub kind: Option<String>,
    pub responsible_authority: Option<bool>,
    pub page: PageRequest,
}

#[derive(Debug, Clone)]
pub struct CreateOrganisation {
    pub name: String,
    pub kind: String,
    /// Defaults to true for every kind but `other`.
    pub responsible_authority: Option<bool>,
}

/// Absent fields are left alone.
#[derive(Debug, Clone)]
pub struct UpdateOrganisation {
    pub id: Uuid,
    pub precondition: Precondition,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub responsible_authority: Option<bool>,
}

fn parse_kind(errors: &mut ValidationErrors, raw: &str) -> Option<OrganisationKind> {
    errors.check("kind", raw.parse::<OrganisationKind>())
}

pub async fn list(
    ctx: &mut Ctx<'_>,
    cmd: ListOrganisations,
) -> Result<Page<Organisation>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let limit = cmd.page.limit;
    let after = cmd
        .page
        .decode::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let mut errors = ValidationErrors::new();
    let kind = cmd.kind.as_deref().and_then(|k| parse_kind(&mut errors, k));
    errors.into_result()?;
    let db_filter = q::Filter {
        kind: kind.map(|k| k.as_str().to_owned()),
        responsible_authority: cmd.responsible_authority,
    };
    let rows = q::list(ctx.db(), &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.name, r.id)));
    Ok(Page {
        items: rows.into_iter().map(Organisation::from).collect(),
        next_cursor,
    })
}

pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<Organisation, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let row = q::find(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
    Ok(Organisation::from(row))
}

/// Creates an organisation; audited as `organisation.created`.
pub async fn create(ctx: &mut Ctx<'_>, cmd: CreateOrganisation) -> Result<Organisation, AppError> {
    ctx.principal.require(ADMIN)?;
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", Name::parse(&cmd.name));
    let kind = parse_kind(&mut errors, &cmd.kind);
    let (Some(name), Some(kind)) = (name, kind) else {
        return Err(errors.into());
    };
    // A council is a tenant: operators add councils; a council's admin adds the partners it works
    // with (shared by every council that works with them).
    if kind == OrganisationKind::Council && !ctx.principal.is_operator() {
        return Err(AppError::Forbidden);
    }
    let responsible = cmd
        .responsible_authority
        .unwrap_or_else(|| kind.usually_responsible_authority());
    ctx.tx(async |ctx| {
        let row = q::insert(
            ctx.db(),
            &NewOrganisation {
                id: Uuid::now_v7(),
                name: name.as_str(),
                kind: kind.as_str(),
                responsible_authority: responsible,
            },
        )
        .await?;
        let dto = Organisation::from(row);
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "organisation.created",
            "organisation",
            dto.id,
            &dto,
        )
        .await?;
        Ok(dto)
    })
    .await
}

/// Changes an organisation's name, kind or responsible-authority flag; audited as
/// `organisation.updated`. A council with staff (officers, admins, officer service accounts)
/// stays a council.
pub async fn update(ctx: &mut Ctx<'_>, cmd: UpdateOrganisation) -> Result<Organisation, AppError> {
    ctx.principal.require(ADMIN)?;
    let mut errors = ValidationErrors::new();
    let name = cmd
        .name
        .as_deref()
        .and_then(|n| errors.check("name", Name::parse(n)));
    let kind = cmd.kind.as_deref().and_then(|k| parse_kind(&mut errors, k));
    errors.into_result()?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let before = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        // A council's admin changes its own council and partner organisations; never another
        // council, and never makes a partner a council (operators do both).
        if !ctx.principal.is_operator() {
            let own = ctx.principal.own_council() == Some(id);
            let was_council = before.kind == OrganisationKind::Council.as_str();
            if (was_council && !own) || (!was_council && kind == Some(OrganisationKind::Council))
            {
                return Err(AppError::Forbidden);
            }
        }
        cmd.precondition.check(before.version)?;
        if let Some(kind) = kind {
            if kind != OrganisationKind::Council && before.kind == "council" {
                let staff = scrutiny_db::queries::users::count_in_organisation_with_roles(
                    ctx.db(),
                    id,
                    &["admin", "officer"],
                )
                .await?
                    + scrutiny_db::queries::service_accounts::count_in_organisation_with_roles(
                        ctx.db(),
                        id,
                        &["officer"],
                    )
                    .await?;
                if staff > 0 {
                    return Err(AppError::conflict(
                        "The organisation has council officers, admins or officer service accounts (active or not); it must stay a council.",
                    ));
                }
            }
        }
        let before = Organisation::from(before);
        let row = q::update(
            ctx.db(),
            id,
            &OrganisationChanges {
                name: name.map(Name::into_inner),
                kind: kind.map(|k| k.as_str().to_owned()),
                responsible_authority: cmd.responsible_authority,
            },
        )
        .await?;
        let after = Organisation::from(row);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "organisation.updated",
            "organisation",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}
