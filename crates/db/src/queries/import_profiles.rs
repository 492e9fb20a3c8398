//! A council's column mapping profiles for imports (see the migration `import_profiles`).
use crate::schema::import_profiles as p;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = p, check_for_backend(diesel::pg::Pg))]
pub struct Profile {
    pub id: Uuid,
    pub council_id: Uuid,
    pub kind: String,
    pub name: String,
    pub mapping: serde_json::Value,
    pub statuses: serde_json::Value,
    pub committees: serde_json::Value,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// What an update may change.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = p)]
pub struct ProfileValues {
    pub name: String,
    pub mapping: serde_json::Value,
    pub statuses: serde_json::Value,
    pub committees: serde_json::Value,
}

impl From<&Profile> for ProfileValues {
    fn from(x: &Profile) -> Self {
        Self {
            name: x.name.clone(),
            mapping: x.mapping.clone(),
            statuses: x.statuses.clone(),
            committees: x.committees.clone(),
        }
    }
}

/// Inserts a profile; `false` when the council already has one of that kind and name.
pub async fn insert(conn: &mut AsyncPgConnection, row: &Profile) -> Result<bool, Error> {
    diesel::insert_into(p::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(conn)
        .await
        .map(|n| n == 1)
}

/// A page of profiles (of one council, or every one; of one kind or all), oldest first, after a
/// `(created_at, id)`.
pub async fn list(
    conn: &mut AsyncPgConnection,
    council: Option<Uuid>,
    kind: Option<&str>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> Result<Vec<Profile>, Error> {
    let mut query = p::table.select(Profile::as_select()).into_boxed();
    if let Some(council) = council {
        query = query.filter(p::council_id.eq(council));
    }
    if let Some(kind) = kind {
        query = query.filter(p::kind.eq(kind.to_owned()));
    }
    if let Some((at, id)) = after {
        query = query.filter(
            p::created_at
                .gt(at)
                .or(p::created_at.eq(at).and(p::id.gt(id))),
        );
    }
    query
        .order((p::created_at.asc(), p::id.asc()))
        .limit(limit + 1)
        .load(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Profile>, Error> {
    p::table
        .find(id)
        .select(Profile::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<Profile>, Error> {
    p::table
        .find(id)
        .for_update()
        .select(Profile::as_select())
        .first(conn)
        .await
        .optional()
}

/// Changes a profile; `None` when the new name is another profile's.
pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    values: &ProfileValues,
) -> Result<Option<Profile>, Error> {
    let result = diesel::update(p::table.find(id))
        .set((
            values,
            p::version.eq(p::version + 1),
            p::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Profile::as_returning())
        .get_result(conn)
        .await;
    match result {
        Err(Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
            Ok(None)
        }
        other => other.map(Some),
    }
}

pub async fn delete(conn: &mut AsyncPgConnection, id: Uuid) -> Result<(), Error> {
    diesel::delete(p::table.find(id))
        .execute(conn)
        .await
        .map(|_| ())
}
