use crate::models::{Contact, ContactChanges, NewContact};
use crate::page::{fetch_size, TextKey};
use crate::schema::contacts::dsl as c;
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

#[derive(Debug, Default)]
pub struct Filter {
    /// Only this council's contacts.
    pub council_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub has_user: Option<bool>,
}

pub async fn list(
    conn: &mut AsyncPgConnection,
    filter: &Filter,
    after: Option<&TextKey>,
    limit: u32,
) -> Result<Vec<Contact>, Error> {
    let mut query = c::contacts.select(Contact::as_select()).into_boxed();
    if let Some(council) = filter.council_id {
        query = query.filter(c::council_id.eq(council));
    }
    if let Some(org) = filter.organisation_id {
        query = query.filter(c::organisation_id.eq(org));
    }
    match filter.has_user {
        Some(true) => query = query.filter(c::user_id.is_not_null()),
        Some(false) => query = query.filter(c::user_id.is_null()),
        None => {}
    }
    if let Some(k) = after {
        query = query.filter(
            c::name
                .gt(k.key.clone())
                .or(c::name.eq(k.key.clone()).and(c::id.gt(k.id))),
        );
    }
    query
        .order((c::name.asc(), c::id.asc()))
        .limit(fetch_size(limit))
        .load(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Contact>, Error> {
    c::contacts
        .find(id)
        .select(Contact::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<Contact>, Error> {
    c::contacts
        .find(id)
        .select(Contact::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// A contact of the council's address book by name (and organisation, or none).
pub async fn find_by_name(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
    name: &str,
    organisation_id: Option<Uuid>,
) -> Result<Option<Contact>, Error> {
    let mut query = c::contacts
        .filter(c::council_id.eq(council_id))
        .filter(c::name.eq(name))
        .select(Contact::as_select())
        .into_boxed();
    query = match organisation_id {
        Some(org) => query.filter(c::organisation_id.eq(org)),
        None => query.filter(c::organisation_id.is_null()),
    };
    query.first(conn).await.optional()
}

pub async fn insert(conn: &mut AsyncPgConnection, new: &NewContact<'_>) -> Result<Contact, Error> {
    diesel::insert_into(c::contacts)
        .values(new)
        .returning(Contact::as_returning())
        .get_result(conn)
        .await
}

pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &ContactChanges,
) -> Result<Contact, Error> {
    diesel::update(c::contacts.find(id))
        .set((
            changes,
            c::version.eq(c::version + 1),
            c::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Contact::as_returning())
        .get_result(conn)
        .await
}

/// Several contacts by id, in one query.
pub async fn find_many(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> Result<Vec<Contact>, Error> {
    c::contacts
        .filter(c::id.eq_any(ids))
        .select(Contact::as_select())
        .load(conn)
        .await
}
