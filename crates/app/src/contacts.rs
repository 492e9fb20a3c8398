//! Use cases of contacts: people named as responsible or as link officers, who may have no
//! account. Each is in one council's address book (docs/domain.md, "Councils and partners"): that
//! council's staff and viewers read it and its staff write it; a partner's users read only their
//! own organisation's contacts; operators read every council's.
use crate::access;
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::principal::{Principal, ANY_ROLE, COUNCIL_STAFF};
use crate::views::contacts::Contact;
use scrutiny_db::models::{self, ContactChanges, NewContact};
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::contacts as q;
use scrutiny_db::scope::Scope;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::people::{optional_name, Email, EmailError, Name};
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

/// Which contacts to list, by name.
#[derive(Debug, Clone, Default)]
pub struct ListContacts {
    /// Only contacts of this organisation (a contributor always sees only their own).
    pub organisation_id: Option<Uuid>,
    /// Only contacts with (true) or without (false) a user account.
    pub has_user: Option<bool>,
    pub page: PageRequest,
}

/// A new contact; blank texts mean none.
#[derive(Debug, Clone)]
pub struct CreateContact {
    pub name: String,
    pub job_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
}

/// Absent fields (`None`) are left alone; `Some(None)` clears a nullable field.
#[derive(Debug, Clone)]
pub struct UpdateContact {
    pub id: Uuid,
    pub precondition: Precondition,
    pub name: Option<String>,
    pub job_title: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub organisation_id: Option<Option<Uuid>>,
    pub user_id: Option<Option<Uuid>>,
}

pub const PHONE_MAX: usize = 40;

/// A telephone number: trimmed, digits, spaces and `+ ( ) -` only; blank means none.
fn parse_phone(raw: &str) -> Result<Option<String>, String> {
    let phone = raw.trim();
    if phone.is_empty() {
        return Ok(None);
    }
    if phone.chars().count() > PHONE_MAX {
        return Err(format!("must be at most {PHONE_MAX} characters"));
    }
    if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-'))
    {
        return Err("may contain only digits, spaces and + ( ) -".into());
    }
    if !phone.chars().any(|c| c.is_ascii_digit()) {
        return Err("must contain digits".into());
    }
    Ok(Some(phone.to_owned()))
}

/// An optional email address; blank means none.
fn parse_email(raw: &str) -> Result<Option<Email>, EmailError> {
    match raw.trim() {
        "" => Ok(None),
        email => Email::parse(email).map(Some),
    }
}

/// Records a 422 for each referenced organisation or user that does not exist.
async fn check_references(
    conn: &mut AsyncPgConnection,
    organisation_id: Option<Uuid>,
    user_id: Option<Uuid>,
) -> Result<(), AppError> {
    let mut errors = ValidationErrors::new();
    if let Some(org) = organisation_id {
        if scrutiny_db::queries::organisations::find(conn, org)
            .await?
            .is_none()
        {
            errors.add("organisation_id", "no such organisation");
        }
    }
    if let Some(user) = user_id {
        if scrutiny_db::queries::users::find(conn, user)
            .await?
            .is_none()
        {
            errors.add("user_id", "no such user");
        }
    }
    errors.into_result()?;
    Ok(())
}

/// Whether the principal may see a contact: a council's people see its address book, a partner's
/// only their own organisation's contacts, operators all.
fn visible_to(principal: &Principal, contact: &models::Contact) -> bool {
    match access::scope(principal) {
        Scope::All => true,
        Scope::Council(council) => contact.council_id == council,
        Scope::Responsible(org) => contact.organisation_id == Some(org),
    }
}

pub async fn list(ctx: &mut Ctx<'_>, cmd: ListContacts) -> Result<Page<Contact>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let limit = cmd.page.limit;
    let after = cmd
        .page
        .decode::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let (council_id, organisation_id) = match access::scope(&ctx.principal) {
        Scope::All => (None, cmd.organisation_id),
        Scope::Council(council) => (Some(council), cmd.organisation_id),
        Scope::Responsible(org) => (None, Some(org)),
    };
    let db_filter = q::Filter {
        council_id,
        organisation_id,
        has_user: cmd.has_user,
    };
    let rows = q::list(ctx.db(), &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.name, r.id)));
    Ok(Page {
        items: rows.into_iter().map(Contact::from).collect(),
        next_cursor,
    })
}

pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<Contact, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let row = q::find(ctx.db(), id).await?;
    let row = row
        .filter(|row| visible_to(&ctx.principal, row))
        .ok_or(AppError::NotFound)?;
    Ok(Contact::from(row))
}

/// Creates a contact; audited as `contact.created`.
pub async fn create(ctx: &mut Ctx<'_>, cmd: CreateContact) -> Result<Contact, AppError> {
    let council_id = access::writing_council(&ctx.principal)?;
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", Name::parse(&cmd.name));
    let job_title = errors
        .check("job_title", optional_name(cmd.job_title.as_deref()))
        .flatten();
    let email = cmd
        .email
        .as_deref()
        .and_then(|e| errors.check("email", parse_email(e)))
        .flatten();
    let phone = cmd
        .phone
        .as_deref()
        .and_then(|p| errors.check("phone", parse_phone(p)))
        .flatten();
    let Some(name) = name else {
        return Err(errors.into());
    };
    errors.into_result()?;
    ctx.tx(async |ctx| {
        check_references(ctx.db(), cmd.organisation_id, cmd.user_id).await?;
        let row = q::insert(
            ctx.db(),
            &NewContact {
                id: Uuid::now_v7(),
                name: name.as_str(),
                job_title: job_title.as_ref().map(Name::as_str),
                email: email.as_ref().map(Email::as_str),
                phone: phone.as_deref(),
                organisation_id: cmd.organisation_id,
                council_id,
                user_id: cmd.user_id,
            },
        )
        .await?;
        let dto = Contact::from(row);
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "contact.created",
            "contact",
            dto.id,
            &dto,
        )
        .await?;
        Ok(dto)
    })
    .await
}

/// Changes a contact; `Some(None)` clears a nullable field. Audited as `contact.updated`.
pub async fn update(ctx: &mut Ctx<'_>, cmd: UpdateContact) -> Result<Contact, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let name = cmd
        .name
        .as_deref()
        .and_then(|n| errors.check("name", Name::parse(n)));
    let job_title = cmd.job_title.as_ref().and_then(|raw| {
        errors
            .check("job_title", optional_name(raw.as_deref()))
            .map(|t| t.map(Name::into_inner))
    });
    let email = cmd.email.as_ref().and_then(|raw| match raw.as_deref() {
        None => Some(None),
        Some(e) => errors
            .check("email", parse_email(e))
            .map(|e| e.map(Email::into_inner)),
    });
    let phone = cmd.phone.as_ref().and_then(|raw| match raw.as_deref() {
        None => Some(None),
        Some(p) => errors.check("phone", parse_phone(p)),
    });
    errors.into_result()?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let before = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, before.council_id)?;
        cmd.precondition.check(before.version)?;
        check_references(
            ctx.db(),
            cmd.organisation_id.flatten(),
            cmd.user_id.flatten(),
        )
        .await?;
        let before = Contact::from(before);
        let row = q::update(
            ctx.db(),
            id,
            &ContactChanges {
                name: name.map(Name::into_inner),
                job_title,
                email,
                phone,
                organisation_id: cmd.organisation_id,
                user_id: cmd.user_id,
            },
        )
        .await?;
        let after = Contact::from(row);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "contact.updated",
            "contact",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_trimmed_and_checked() {
        assert_eq!(
            parse_phone("  +44 (0)1642 526-000 "),
            Ok(Some("+44 (0)1642 526-000".into()))
        );
        assert_eq!(parse_phone("   "), Ok(None));
        assert!(parse_phone("01642 ext. 5").is_err());
        assert!(parse_phone("+()-").is_err());
        assert!(parse_phone(&"1".repeat(41)).is_err());
        assert!(parse_phone(&"1".repeat(40)).is_ok());
    }

    #[test]
    fn blank_emails_mean_none() {
        assert_eq!(parse_email("  "), Ok(None));
        assert_eq!(
            parse_email(" A@B.org ").unwrap().unwrap().as_str(),
            "a@b.org"
        );
        assert!(parse_email("nope").is_err());
    }
}
