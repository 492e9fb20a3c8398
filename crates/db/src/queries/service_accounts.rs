use crate::models::{NewServiceAccount, Organisation, ServiceAccount, ServiceAccountChanges};
use crate::page::{fetch_size, TextKey};
use crate::schema::organisations;
use crate::schema::service_accounts::dsl as s;
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

#[derive(Debug, Default)]
pub struct Filter {
    /// Only the accounts this council manages.
    pub council_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub active: Option<bool>,
}

pub async fn list(
    conn: &mut AsyncPgConnection,
    filter: &Filter,
    after: Option<&TextKey>,
    limit: u32,
) -> Result<Vec<ServiceAccount>, Error> {
    let mut query = s::service_accounts
        .select(ServiceAccount::as_select())
        .into_boxed();
    if let Some(council) = filter.council_id {
        query = query.filter(s::council_id.eq(council));
    }
    if let Some(org) = filter.organisation_id {
        query = query.filter(s::organisation_id.eq(org));
    }
    if let Some(active) = filter.active {
        query = query.filter(s::active.eq(active));
    }
    if let Some(k) = after {
        query = query.filter(
            s::name
                .gt(k.key.clone())
                .or(s::name.eq(k.key.clone()).and(s::id.gt(k.id))),
        );
    }
    query
        .order((s::name.asc(), s::id.asc()))
        .limit(fetch_size(limit))
        .load(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<ServiceAccount>, Error> {
    s::service_accounts
        .find(id)
        .select(ServiceAccount::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<ServiceAccount>, Error> {
    s::service_accounts
        .find(id)
        .select(ServiceAccount::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

pub async fn find_by_client_id(
    conn: &mut AsyncPgConnection,
    client_id: &str,
) -> Result<Option<ServiceAccount>, Error> {
    s::service_accounts
        .filter(s::client_id.eq(client_id))
        .select(ServiceAccount::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_with_organisation(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<(ServiceAccount, Organisation)>, Error> {
    s::service_accounts
        .inner_join(organisations::table)
        .filter(s::id.eq(id))
        .select((ServiceAccount::as_select(), Organisation::as_select()))
        .first(conn)
        .await
        .optional()
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewServiceAccount<'_>,
) -> Result<ServiceAccount, Error> {
    diesel::insert_into(s::service_accounts)
        .values(new)
        .returning(ServiceAccount::as_returning())
        .get_result(conn)
        .await
}

pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &ServiceAccountChanges,
) -> Result<ServiceAccount, Error> {
    diesel::update(s::service_accounts.find(id))
        .set((
            changes,
            s::version.eq(s::version + 1),
            s::updated_at.eq(diesel::dsl::now),
        ))
        .returning(ServiceAccount::as_returning())
        .get_result(conn)
        .await
}

pub async fn set_secret(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    hash: &str,
) -> Result<ServiceAccount, Error> {
    diesel::update(s::service_accounts.find(id))
        .set((
            s::secret_hash.eq(hash),
            s::secret_rotated_at.eq(diesel::dsl::now),
            s::version.eq(s::version + 1),
            s::updated_at.eq(diesel::dsl::now),
        ))
        .returning(ServiceAccount::as_returning())
        .get_result(conn)
        .await
}

pub async fn touch(conn: &mut AsyncPgConnection, id: Uuid) -> Result<(), Error> {
    diesel::update(s::service_accounts.find(id))
        .set(s::last_used_at.eq(diesel::dsl::now))
        .execute(conn)
        .await
        .map(|_| ())
}

/// How many service accounts of an organisation (active or not) hold one of `roles`.
pub async fn count_in_organisation_with_roles(
    conn: &mut AsyncPgConnection,
    organisation_id: Uuid,
    roles: &[&str],
) -> Result<i64, Error> {
    s::service_accounts
        .filter(s::organisation_id.eq(organisation_id))
        .filter(s::role.eq_any(roles))
        .count()
        .get_result(conn)
        .await
}
