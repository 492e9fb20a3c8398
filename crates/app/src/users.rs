//! Use cases of users: people who sign in. Admins manage them. The last active admin cannot be
//! demoted or deactivated; a password reset or a deactivation ends the user's sessions.
use crate::access::{administered_council, check_administers, managing_council};
use crate::audit;
use crate::credentials::hash_password;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::views::users::User;
use scrutiny_db::models::{self, NewUser, UserChanges};
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::{organisations, refresh_tokens, users as q};
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::people::{
    role_fits_organisation, Email, Name, NewPassword, OrganisationKind, Role,
};
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

/// Which users to list, by name.
#[derive(Debug, Clone, Default)]
pub struct ListUsers {
    /// Only users of this role (checked).
    pub role: Option<String>,
    pub organisation_id: Option<Uuid>,
    pub active: Option<bool>,
    pub page: PageRequest,
}

#[derive(Debug, Clone)]
pub struct CreateUser {
    pub email: String,
    pub name: String,
    pub role: String,
    pub organisation_id: Uuid,
    /// At least 12 characters.
    pub password: String,
}

/// Absent fields are left alone; `active: Some(false)` deactivates the account.
#[derive(Debug, Clone)]
pub struct UpdateUser {
    pub id: Uuid,
    pub precondition: Precondition,
    pub email: Option<String>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub organisation_id: Option<Uuid>,
    pub active: Option<bool>,
}

/// A new password set by an admin for user `id`.
#[derive(Debug, Clone)]
pub struct ResetPassword {
    pub id: Uuid,
    pub password: String,
}

/// Checks that the organisation exists and suits the role (officers and admins belong to councils),
/// and that the administrator may put an account there: a council's admin in that council or a
/// partner organisation, never another council. Returns the council that will manage the account
/// (the administrator's; for an operator, the organisation when it is a council).
async fn check_organisation(
    conn: &mut AsyncPgConnection,
    administered: Option<Uuid>,
    organisation_id: Uuid,
    role: Role,
) -> Result<Option<Uuid>, AppError> {
    let org = organisations::find(conn, organisation_id)
        .await?
        .ok_or_else(|| AppError::invalid("organisation_id", "no such organisation"))?;
    let kind: OrganisationKind = org.kind.parse().map_err(AppError::internal)?;
    role_fits_organisation(role, kind).map_err(|m| AppError::invalid("role", m))?;
    managing_council(
        administered,
        organisation_id,
        kind == OrganisationKind::Council,
    )
}

/// Refuses a change that would leave no active admin.
async fn keep_an_admin(
    conn: &mut AsyncPgConnection,
    before: &models::User,
    role: Option<Role>,
    active: Option<bool>,
) -> Result<(), AppError> {
    let stops_being_admin = before.role == "admin"
        && before.active
        && (role.is_some_and(|r| r != Role::Admin) || active == Some(false));
    if !stops_being_admin {
        return Ok(());
    }
    // Two admins demoting each other at once must not both succeed.
    q::lock_admin_changes(conn).await?;
    if q::count_admins(conn, before.council_id).await? <= 1 {
        return Err(AppError::conflict(
            "This is the last active admin; make another admin first.",
        ));
    }
    Ok(())
}

pub async fn list(ctx: &mut Ctx<'_>, cmd: ListUsers) -> Result<Page<User>, AppError> {
    let administered = administered_council(&ctx.principal)?;
    let limit = cmd.page.limit;
    let after = cmd
        .page
        .decode::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let mut errors = ValidationErrors::new();
    let role = cmd
        .role
        .as_deref()
        .and_then(|r| errors.check("role", r.parse::<Role>()));
    errors.into_result()?;
    let db_filter = q::Filter {
        council_id: administered,
        role: role.map(|r| r.as_str().to_owned()),
        organisation_id: cmd.organisation_id,
        active: cmd.active,
    };
    let rows = q::list(ctx.db(), &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.name, r.id)));
    Ok(Page {
        items: rows.into_iter().map(User::from).collect(),
        next_cursor,
    })
}

pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<User, AppError> {
    administered_council(&ctx.principal)?;
    let row = q::find(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
    check_administers(&ctx.principal, row.council_id)?;
    Ok(User::from(row))
}

/// Creates a user in an organisation that suits the role; audited as `user.created`.
pub async fn create(ctx: &mut Ctx<'_>, cmd: CreateUser) -> Result<User, AppError> {
    let administered = administered_council(&ctx.principal)?;
    let mut errors = ValidationErrors::new();
    let email = errors.check("email", Email::parse(&cmd.email));
    let name = errors.check("name", Name::parse(&cmd.name));
    let role = errors.check("role", cmd.role.parse::<Role>());
    let password = errors.check("password", NewPassword::parse(&cmd.password));
    let (Some(email), Some(name), Some(role), Some(password)) = (email, name, role, password)
    else {
        return Err(errors.into());
    };
    let hash = hash_password(password).await?;
    ctx.tx(async |ctx| {
        let council_id =
            check_organisation(ctx.db(), administered, cmd.organisation_id, role).await?;
        let row = q::insert(
            ctx.db(),
            &NewUser {
                id: Uuid::now_v7(),
                email: email.as_str(),
                name: name.as_str(),
                role: role.as_str(),
                organisation_id: cmd.organisation_id,
                council_id,
                password_hash: &hash,
            },
        )
        .await?;
        let dto = User::from(row);
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "user.created",
            "user",
            dto.id,
            &dto,
        )
        .await?;
        Ok(dto)
    })
    .await
}

/// Changes a user's details or role, moves them to another organisation, or (de)activates them;
/// audited as `user.updated`. Deactivation ends their sessions; the last active admin stays one.
pub async fn update(ctx: &mut Ctx<'_>, cmd: UpdateUser) -> Result<User, AppError> {
    let administered = administered_council(&ctx.principal)?;
    let mut errors = ValidationErrors::new();
    let email = cmd
        .email
        .as_deref()
        .and_then(|e| errors.check("email", Email::parse(e)));
    let name = cmd
        .name
        .as_deref()
        .and_then(|n| errors.check("name", Name::parse(n)));
    let role = cmd
        .role
        .as_deref()
        .and_then(|r| errors.check("role", r.parse::<Role>()));
    errors.into_result()?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let before = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        check_administers(&ctx.principal, before.council_id)?;
        cmd.precondition.check(before.version)?;
        keep_an_admin(ctx.db(), &before, role, cmd.active).await?;
        let new_role = match role {
            Some(r) => r,
            None => before.role.parse().map_err(AppError::internal)?,
        };
        // Re-checked on reactivation too: the organisation may have changed kind meanwhile.
        let mut council_id = None;
        if role.is_some() || cmd.organisation_id.is_some() || cmd.active == Some(true) {
            let managing = check_organisation(
                ctx.db(),
                administered,
                cmd.organisation_id.unwrap_or(before.organisation_id),
                new_role,
            )
            .await?;
            if cmd.organisation_id.is_some() {
                council_id = Some(managing);
            }
        }
        let deactivated = before.active && cmd.active == Some(false);
        let before = User::from(before);
        let row = q::update(
            ctx.db(),
            id,
            &UserChanges {
                email: email.map(Email::into_inner),
                name: name.map(Name::into_inner),
                role: role.map(|r| r.as_str().to_owned()),
                organisation_id: cmd.organisation_id,
                council_id,
                active: cmd.active,
            },
        )
        .await?;
        if deactivated {
            refresh_tokens::revoke_all_for_user(ctx.db(), id).await?;
        }
        let after = User::from(row);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "user.updated",
            "user",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// Sets a new password for a user (for example when they have forgotten theirs) and signs them
/// out everywhere; audited as `user.password_reset`.
pub async fn reset_password(ctx: &mut Ctx<'_>, cmd: ResetPassword) -> Result<(), AppError> {
    administered_council(&ctx.principal)?;
    let password = NewPassword::parse(&cmd.password)
        .map_err(|e| AppError::invalid("password", e.to_string()))?;
    let hash = hash_password(password).await?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let before = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        check_administers(&ctx.principal, before.council_id)?;
        let row = q::set_password(ctx.db(), id, &hash).await?;
        refresh_tokens::revoke_all_for_user(ctx.db(), id).await?;
        let event = audit::event(
            &ctx.principal,
            "user.password_reset",
            "user",
            id,
            None,
            audit::snapshot(&User::from(row)),
        );
        crate::audit::record(ctx.db(), &event).await?;
        Ok(())
    })
    .await
}
