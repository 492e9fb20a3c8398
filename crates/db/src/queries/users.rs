use crate::models::{NewUser, Organisation, User, UserChanges};
use crate::page::{fetch_size, TextKey};
use crate::prepared::KeepDsl;
use crate::schema::organisations;
use crate::schema::users::dsl as u;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

#[derive(Debug, Default)]
pub struct Filter {
    /// Only the accounts this council manages.
    pub council_id: Option<Uuid>,
    pub role: Option<String>,
    pub organisation_id: Option<Uuid>,
    pub active: Option<bool>,
}

pub async fn list(
    conn: &mut AsyncPgConnection,
    filter: &Filter,
    after: Option<&TextKey>,
    limit: u32,
) -> Result<Vec<User>, Error> {
    let mut query = u::users.select(User::as_select()).into_boxed();
    if let Some(council) = filter.council_id {
        query = query.filter(u::council_id.eq(council));
    }
    if let Some(role) = &filter.role {
        query = query.filter(u::role.eq(role.clone()));
    }
    if let Some(org) = filter.organisation_id {
        query = query.filter(u::organisation_id.eq(org));
    }
    if let Some(active) = filter.active {
        query = query.filter(u::active.eq(active));
    }
    if let Some(k) = after {
        query = query.filter(
            u::name
                .gt(k.key.clone())
                .or(u::name.eq(k.key.clone()).and(u::id.gt(k.id))),
        );
    }
    query
        .order((u::name.asc(), u::id.asc()))
        .limit(fetch_size(limit))
        .load(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<User>, Error> {
    u::users
        .find(id)
        .select(User::as_select())
        .first(conn)
        .await
        .optional()
}

/// The user and their organisation, in one query: what every authenticated request needs.
pub async fn find_with_organisation(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<(User, Organisation)>, Error> {
    u::users
        .inner_join(organisations::table)
        .filter(u::id.eq(id))
        .select((User::as_select(), Organisation::as_select()))
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<User>, Error> {
    u::users
        .find(id)
        .select(User::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

pub async fn find_by_email(
    conn: &mut AsyncPgConnection,
    email: &str,
) -> Result<Option<User>, Error> {
    u::users
        .filter(u::email.eq(email))
        .select(User::as_select())
        .first(conn)
        .await
        .optional()
}

/// Active admins: of every council and the operators (`None`), or of one council.
pub async fn count_admins(
    conn: &mut AsyncPgConnection,
    council: Option<Uuid>,
) -> Result<i64, Error> {
    let mut query = u::users
        .filter(u::role.eq("admin").and(u::active.eq(true)))
        .into_boxed();
    if let Some(council) = council {
        query = query.filter(u::council_id.eq(council));
    }
    query.count().get_result(conn).await
}

pub async fn insert(conn: &mut AsyncPgConnection, new: &NewUser<'_>) -> Result<User, Error> {
    diesel::insert_into(u::users)
        .values(new)
        .returning(User::as_returning())
        .get_result(conn)
        .await
}

pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &UserChanges,
) -> Result<User, Error> {
    diesel::update(u::users.find(id))
        .set((
            changes,
            u::version.eq(u::version + 1),
            u::updated_at.eq(diesel::dsl::now),
        ))
        .returning(User::as_returning())
        .get_result(conn)
        .await
}

pub async fn set_password(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    hash: &str,
) -> Result<User, Error> {
    diesel::update(u::users.find(id))
        .set((
            u::password_hash.eq(hash),
            u::password_changed_at.eq(diesel::dsl::now),
            u::version.eq(u::version + 1),
            u::updated_at.eq(diesel::dsl::now),
        ))
        .returning(User::as_returning())
        .get_result(conn)
        .await
}

pub async fn record_login(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), Error> {
    diesel::update(u::users.find(id))
        .set(u::last_login_at.eq(at))
        .execute(conn)
        .await
        .map(|_| ())
}

/// How many users of an organisation (active or not) hold one of `roles`.
pub async fn count_in_organisation_with_roles(
    conn: &mut AsyncPgConnection,
    organisation_id: Uuid,
    roles: &[&str],
) -> Result<i64, Error> {
    u::users
        .filter(u::organisation_id.eq(organisation_id))
        .filter(u::role.eq_any(roles))
        .count()
        .get_result(conn)
        .await
}

/// Serialises changes that could remove the last active admin, for the rest of the transaction.
pub async fn lock_admin_changes(conn: &mut AsyncPgConnection) -> Result<(), Error> {
    diesel::sql_query("SELECT pg_advisory_xact_lock(7419001)")
        .kept()
        .execute(conn)
        .await
        .map(|_| ())
}
