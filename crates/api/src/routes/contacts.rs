//! Contacts: people named as responsible or as link officers, who may have no account. Everyone
//! signed in reads them (a contributor only those of their own organisation); council staff write.
use crate::audit;
use crate::auth::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::auth::{Auth, Principal};
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, IfMatch, PageParams, ValidJson};
use crate::openapi::{CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::types::{with_etag, Page};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use scrutiny_db::models::{self, ContactChanges, NewContact};
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::contacts as q;
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::people::{optional_name, Email, EmailError, Name, Role};
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct Contact {
    pub id: Uuid,
    #[schema(example = "Marc Stephenson")]
    pub name: String,
    #[schema(example = "Community Safety Manager")]
    pub job_title: Option<String>,
    #[schema(example = "marc.stephenson@stockton.gov.uk")]
    pub email: Option<String>,
    #[schema(example = "01642 526000")]
    pub phone: Option<String>,
    /// The organisation the person works for, when known.
    pub organisation_id: Option<Uuid>,
    /// The user account of the person, when they have one.
    pub user_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<models::Contact> for Contact {
    fn from(row: models::Contact) -> Self {
        Self {
            id: row.id,
            name: row.name,
            job_title: row.job_title,
            email: row.email,
            phone: row.phone,
            organisation_id: row.organisation_id,
            user_id: row.user_id,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateContact {
    #[schema(example = "Marc Stephenson")]
    pub name: String,
    /// Blank means none.
    #[schema(example = "Community Safety Manager")]
    pub job_title: Option<String>,
    /// Blank means none.
    #[schema(example = "marc.stephenson@stockton.gov.uk")]
    pub email: Option<String>,
    /// Digits, spaces and `+ ( ) -`, at most 40 characters. Blank means none.
    #[schema(example = "01642 526000")]
    pub phone: Option<String>,
    pub organisation_id: Option<Uuid>,
    /// Links the contact to a user account; a user is linked to one contact at most.
    pub user_id: Option<Uuid>,
}

/// Absent fields are left alone; `null` clears a nullable field.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateContact {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::routes::types::double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub job_title: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::routes::types::double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::routes::types::double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::routes::types::double_option")]
    #[schema(value_type = Option<Uuid>, nullable)]
    pub organisation_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "crate::routes::types::double_option")]
    #[schema(value_type = Option<Uuid>, nullable)]
    pub user_id: Option<Option<Uuid>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContactFilter {
    /// Only contacts of this organisation (a contributor always sees only their own).
    pub organisation_id: Option<Uuid>,
    /// Only contacts with (true) or without (false) a user account.
    pub has_user: Option<bool>,
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
) -> Result<(), ApiError> {
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

/// Whether the principal may see a contact: a contributor sees only their organisation's.
fn visible_to(principal: &Principal, contact: &models::Contact) -> bool {
    !principal.is(Role::Contributor)
        || contact.organisation_id == Some(principal.organisation_id.as_uuid())
}

/// List contacts, by name.
#[utoipa::path(
    tag = "contacts",
    params(ContactFilter, PageParams),
    responses((status = 200, description = "A page of contacts", body = Page<Contact>), ListErrors),
    security(("bearer" = []))
)]
#[get("/contacts")]
pub async fn list_contacts(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<ContactFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let limit = page.limit()?;
    let after = page
        .decode_cursor::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let organisation_id = if principal.is(Role::Contributor) {
        Some(principal.organisation_id.as_uuid())
    } else {
        filter.organisation_id
    };
    let db_filter = q::Filter {
        organisation_id,
        has_user: filter.has_user,
    };
    let mut conn = state.pool.get().await?;
    let rows = q::list(&mut conn, &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.name, r.id)));
    Ok(HttpResponse::Ok().json(Page {
        items: rows.into_iter().map(Contact::from).collect::<Vec<_>>(),
        next_cursor,
    }))
}

/// Create a contact.
#[utoipa::path(
    tag = "contacts",
    request_body = CreateContact,
    responses((status = 201, description = "Created", body = Contact), CreateErrors),
    security(("bearer" = []))
)]
#[post("/contacts")]
pub async fn create_contact(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateContact>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", Name::parse(&body.name));
    let job_title = errors
        .check("job_title", optional_name(body.job_title.as_deref()))
        .flatten();
    let email = body
        .email
        .as_deref()
        .and_then(|e| errors.check("email", parse_email(e)))
        .flatten();
    let phone = body
        .phone
        .as_deref()
        .and_then(|p| errors.check("phone", parse_phone(p)))
        .flatten();
    errors.into_result()?;
    let name = name.expect("checked");
    let mut conn = state.pool.get().await?;
    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            check_references(conn, body.organisation_id, body.user_id).await?;
            let row = q::insert(
                conn,
                &NewContact {
                    id: Uuid::now_v7(),
                    name: name.as_str(),
                    job_title: job_title.as_ref().map(Name::as_str),
                    email: email.as_ref().map(Email::as_str),
                    phone: phone.as_deref(),
                    organisation_id: body.organisation_id,
                    user_id: body.user_id,
                },
            )
            .await?;
            let dto = Contact::from(row);
            audit::created(conn, &principal, "contact.created", "contact", dto.id, &dto).await?;
            Ok(dto)
        })
        .await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}

/// Read one contact.
#[utoipa::path(
    tag = "contacts",
    params(("id" = Uuid, Path, description = "Contact id")),
    responses((status = 200, description = "The contact, with its ETag", body = Contact), ReadErrors),
    security(("bearer" = []))
)]
#[get("/contacts/{id}")]
pub async fn get_contact(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ANY_ROLE)?;
    let mut conn = state.pool.get().await?;
    let row = q::find(&mut conn, id.into_inner())
        .await?
        .filter(|row| visible_to(&principal, row))
        .ok_or(ApiError::NotFound)?;
    let dto = Contact::from(row);
    Ok(with_etag(HttpResponse::Ok(), dto.version, &dto))
}

/// Change a contact; `null` clears a nullable field.
#[utoipa::path(
    tag = "contacts",
    params(("id" = Uuid, Path, description = "Contact id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = UpdateContact,
    responses((status = 200, description = "Updated", body = Contact), UpdateErrors),
    security(("bearer" = []))
)]
#[patch("/contacts/{id}")]
pub async fn update_contact(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateContact>,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let name = body
        .name
        .as_deref()
        .and_then(|n| errors.check("name", Name::parse(n)));
    let job_title = body.job_title.as_ref().and_then(|raw| {
        errors
            .check("job_title", optional_name(raw.as_deref()))
            .map(|t| t.map(Name::into_inner))
    });
    let email = body.email.as_ref().and_then(|raw| match raw.as_deref() {
        None => Some(None),
        Some(e) => errors
            .check("email", parse_email(e))
            .map(|e| e.map(Email::into_inner)),
    });
    let phone = body.phone.as_ref().and_then(|raw| match raw.as_deref() {
        None => Some(None),
        Some(p) => errors.check("phone", parse_phone(p)),
    });
    errors.into_result()?;
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let updated = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let before = q::find_for_update(conn, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            if_match.check(before.version)?;
            check_references(conn, body.organisation_id.flatten(), body.user_id.flatten()).await?;
            let before = Contact::from(before);
            let row = q::update(
                conn,
                id,
                &ContactChanges {
                    name: name.map(Name::into_inner),
                    job_title,
                    email,
                    phone,
                    organisation_id: body.organisation_id,
                    user_id: body.user_id,
                },
            )
            .await?;
            let after = Contact::from(row);
            audit::changed(
                conn,
                &principal,
                "contact.updated",
                "contact",
                id,
                &before,
                &after,
            )
            .await?;
            Ok(after)
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), updated.version, &updated))
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

    #[test]
    fn null_clears_and_absent_leaves_alone() {
        let body: UpdateContact =
            serde_json::from_str(r#"{"job_title": null, "user_id": null}"#).unwrap();
        assert_eq!(body.job_title, Some(None));
        assert_eq!(body.user_id, Some(None));
        assert_eq!(body.email, None);
        assert_eq!(body.organisation_id, None);
    }
}
