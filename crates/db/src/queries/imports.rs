//! Imports: the log of files read (dry runs) and committed, and the names an import matches its
//! owners and recommendations against.
use crate::schema::{contacts, imports, organisations, recommendation_parts, recommendations};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = imports, check_for_backend(diesel::pg::Pg))]
pub struct Import {
    pub id: Uuid,
    pub council_id: Uuid,
    /// `None` for a tracker import (across the council's reviews).
    pub review_id: Option<Uuid>,
    pub round_id: Option<Uuid>,
    #[diesel(deserialize_as = String)]
    pub kind: scrutiny_domain::status::ImportKind,
    pub format: String,
    pub file_name: Option<String>,
    pub file_sha256: String,
    pub size_bytes: i64,
    #[diesel(deserialize_as = String)]
    pub state: scrutiny_domain::status::ImportState,
    pub skip_invalid: bool,
    pub rows_read: i32,
    pub rows_rejected: i32,
    pub report: serde_json::Value,
    pub result: Option<serde_json::Value>,
    pub created_by: String,
    pub created_by_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// The column mapping profile it was read with.
    pub profile_id: Option<Uuid>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = imports)]
pub struct NewImport<'a> {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Option<Uuid>,
    pub round_id: Option<Uuid>,
    pub kind: &'a str,
    pub format: &'a str,
    pub file_name: Option<&'a str>,
    pub file_sha256: &'a str,
    pub size_bytes: i64,
    pub state: &'a str,
    pub skip_invalid: bool,
    pub rows_read: i32,
    pub rows_rejected: i32,
    pub report: &'a serde_json::Value,
    pub result: Option<&'a serde_json::Value>,
    pub created_by: &'a str,
    pub created_by_id: Option<Uuid>,
    pub profile_id: Option<Uuid>,
}

/// Records an import. A committed import of a file already committed for the same review and
/// kind is not recorded: `None` (a concurrent commit of the same file waits for the first and
/// then gets `None` too).
pub async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewImport<'_>,
) -> Result<Option<Import>, Error> {
    diesel::insert_into(imports::table)
        .values(new)
        .on_conflict_do_nothing()
        .returning(Import::as_returning())
        .get_result(conn)
        .await
        .optional()
}

/// Fills in what a commit created.
pub async fn set_result(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    result: &serde_json::Value,
) -> Result<Import, Error> {
    diesel::update(imports::table.find(id))
        .set(imports::result.eq(Some(result)))
        .returning(Import::as_returning())
        .get_result(conn)
        .await
}

/// The committed import of this file for this review and kind, if there is one.
pub async fn find_committed(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    kind: &str,
    sha256: &str,
) -> Result<Option<Import>, Error> {
    imports::table
        .filter(imports::review_id.eq(review_id))
        .filter(imports::kind.eq(kind))
        .filter(imports::file_sha256.eq(sha256))
        .filter(imports::state.eq(scrutiny_domain::status::ImportState::Committed.as_str()))
        .select(Import::as_select())
        .first(conn)
        .await
        .optional()
}

/// The committed tracker import of this file for this council, if there is one.
pub async fn find_committed_tracker(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
    sha256: &str,
) -> Result<Option<Import>, Error> {
    imports::table
        .filter(imports::council_id.eq(council_id))
        .filter(imports::review_id.is_null())
        .filter(imports::kind.eq(scrutiny_domain::status::ImportKind::Tracker.as_str()))
        .filter(imports::file_sha256.eq(sha256))
        .filter(imports::state.eq(scrutiny_domain::status::ImportState::Committed.as_str()))
        .select(Import::as_select())
        .first(conn)
        .await
        .optional()
}

/// The organisations, with their names, for matching the owners a file names.
pub async fn organisation_names(
    conn: &mut AsyncPgConnection,
) -> Result<Vec<(Uuid, String, String)>, Error> {
    organisations::table
        .select((organisations::id, organisations::name, organisations::kind))
        .order(organisations::name)
        .load(conn)
        .await
}

/// The council's contacts (id, name, organisation), for matching the named people a file names.
pub async fn contact_names(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
) -> Result<Vec<(Uuid, String, Option<Uuid>)>, Error> {
    contacts::table
        .filter(contacts::council_id.eq(council_id))
        .select((contacts::id, contacts::name, contacts::organisation_id))
        .order(contacts::name)
        .load(conn)
        .await
}

/// A review's recommendation as an import matches it: id, number, status, and its parts (id,
/// label).
#[derive(Debug, Clone)]
pub struct RecommendationRef {
    pub id: Uuid,
    pub number: String,
    pub text: String,
    pub status: scrutiny_domain::status::RecommendationStatus,
    pub parts: Vec<(Uuid, String)>,
}

/// The review's recommendations with their parts: two queries.
pub async fn recommendations_of_review(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
) -> Result<Vec<RecommendationRef>, Error> {
    let recs: Vec<(Uuid, String, String, String)> = recommendations::table
        .filter(recommendations::review_id.eq(review_id))
        .order((recommendations::position, recommendations::id))
        .select((
            recommendations::id,
            recommendations::number,
            recommendations::text,
            recommendations::status,
        ))
        .load(conn)
        .await?;
    let ids: Vec<Uuid> = recs.iter().map(|r| r.0).collect();
    let parts: Vec<(Uuid, Uuid, String)> = recommendation_parts::table
        .filter(recommendation_parts::recommendation_id.eq_any(&ids))
        .order((recommendation_parts::position, recommendation_parts::id))
        .select((
            recommendation_parts::recommendation_id,
            recommendation_parts::id,
            recommendation_parts::label,
        ))
        .load(conn)
        .await?;
    recs.into_iter()
        .map(|(id, number, text, status)| {
            Ok(RecommendationRef {
                id,
                number,
                text,
                status: crate::text::parse(&status)?,
                parts: parts
                    .iter()
                    .filter(|(rec, _, _)| *rec == id)
                    .map(|(_, part, label)| (*part, label.clone()))
                    .collect(),
            })
        })
        .collect()
}

/// The council's committees (id, name), for matching how a file names them.
pub async fn committee_names(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
) -> Result<Vec<(Uuid, String)>, Error> {
    use crate::schema::committees;
    committees::table
        .filter(committees::council_id.eq(council_id))
        .select((committees::id, committees::name))
        .order(committees::name)
        .load(conn)
        .await
}
