use crate::models::{NewOrganisation, Organisation, OrganisationChanges};
use crate::page::{fetch_size, TextKey};
use crate::schema::organisations::dsl as o;
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

#[derive(Debug, Default)]
pub struct Filter {
    pub kind: Option<String>,
    pub responsible_authority: Option<bool>,
}

pub async fn list(
    conn: &mut AsyncPgConnection,
    filter: &Filter,
    after: Option<&TextKey>,
    limit: u32,
) -> Result<Vec<Organisation>, Error> {
    let mut query = o::organisations
        .select(Organisation::as_select())
        .into_boxed();
    if let Some(kind) = &filter.kind {
        query = query.filter(o::kind.eq(kind.clone()));
    }
    if let Some(ra) = filter.responsible_authority {
        query = query.filter(o::responsible_authority.eq(ra));
    }
    if let Some(k) = after {
        query = query.filter(
            o::name
                .gt(k.key.clone())
                .or(o::name.eq(k.key.clone()).and(o::id.gt(k.id))),
        );
    }
    query
        .order((o::name.asc(), o::id.asc()))
        .limit(fetch_size(limit))
        .load(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Organisation>, Error> {
    o::organisations
        .find(id)
        .select(Organisation::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<Organisation>, Error> {
    o::organisations
        .find(id)
        .select(Organisation::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

pub async fn find_by_name(
    conn: &mut AsyncPgConnection,
    name: &str,
) -> Result<Option<Organisation>, Error> {
    diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);
    o::organisations
        .filter(lower(o::name).eq(name.to_lowercase()))
        .select(Organisation::as_select())
        .first(conn)
        .await
        .optional()
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewOrganisation<'_>,
) -> Result<Organisation, Error> {
    diesel::insert_into(o::organisations)
        .values(new)
        .returning(Organisation::as_returning())
        .get_result(conn)
        .await
}

pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &OrganisationChanges,
) -> Result<Organisation, Error> {
    diesel::update(o::organisations.find(id))
        .set((
            changes,
            o::version.eq(o::version + 1),
            o::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Organisation::as_returning())
        .get_result(conn)
        .await
}
