use crate::page::{fetch_size, TextKey};
use crate::schema::committees::dsl as c;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = crate::schema::committees, check_for_backend(diesel::pg::Pg))]
pub struct Committee {
    pub id: Uuid,
    pub council_id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub update_interval_months: i32,
    pub successor_id: Option<Uuid>,
    pub replaced_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = crate::schema::committees)]
pub struct NewCommittee<'a> {
    pub id: Uuid,
    pub council_id: Uuid,
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub update_interval_months: i32,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = crate::schema::committees)]
pub struct CommitteeChanges {
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub update_interval_months: Option<i32>,
    pub successor_id: Option<Option<Uuid>>,
    pub replaced_on: Option<Option<NaiveDate>>,
}

#[derive(Debug, Default)]
pub struct Filter {
    pub council_id: Option<Uuid>,
    /// `Some(false)`: only committees that have not been replaced.
    pub replaced: Option<bool>,
}

pub async fn list(
    conn: &mut AsyncPgConnection,
    filter: &Filter,
    after: Option<&TextKey>,
    limit: u32,
) -> Result<Vec<Committee>, Error> {
    let mut query = c::committees.select(Committee::as_select()).into_boxed();
    if let Some(council) = filter.council_id {
        query = query.filter(c::council_id.eq(council));
    }
    match filter.replaced {
        Some(true) => query = query.filter(c::successor_id.is_not_null()),
        Some(false) => query = query.filter(c::successor_id.is_null()),
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

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Committee>, Error> {
    c::committees
        .find(id)
        .select(Committee::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<Committee>, Error> {
    c::committees
        .find(id)
        .select(Committee::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

pub async fn find_by_name(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
    name: &str,
) -> Result<Option<Committee>, Error> {
    c::committees
        .filter(c::council_id.eq(council_id).and(c::name.eq(name)))
        .select(Committee::as_select())
        .first(conn)
        .await
        .optional()
}

/// The committees that `id` replaced, directly.
pub async fn predecessors(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Vec<Committee>, Error> {
    c::committees
        .filter(c::successor_id.eq(id))
        .select(Committee::as_select())
        .order((c::replaced_on.asc(), c::id.asc()))
        .load(conn)
        .await
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewCommittee<'_>,
) -> Result<Committee, Error> {
    diesel::insert_into(c::committees)
        .values(new)
        .returning(Committee::as_returning())
        .get_result(conn)
        .await
}

pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &CommitteeChanges,
) -> Result<Committee, Error> {
    diesel::update(c::committees.find(id))
        .set((
            changes,
            c::version.eq(c::version + 1),
            c::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Committee::as_returning())
        .get_result(conn)
        .await
}
