//! Files attached to progress entries ("Appendix 2"), and their bytes when they are kept in the
//! database. Nothing is deleted: an attachment is withdrawn with a reason.
use crate::page::{fetch_size, TimeKey};
use crate::schema::attachment_blobs::dsl as b;
use crate::schema::attachments::dsl as a;
use crate::schema::progress_entries::dsl as pe;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = crate::schema::attachments, check_for_backend(diesel::pg::Pg))]
pub struct Attachment {
    pub id: Uuid,
    pub council_id: Uuid,
    pub entry_id: Uuid,
    pub file_name: String,
    pub title: Option<String>,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    /// `database` or `disk`: where the bytes are.
    pub storage: String,
    pub uploaded_by: String,
    pub uploaded_by_id: Option<Uuid>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawn_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = crate::schema::attachments)]
pub struct NewAttachment<'a> {
    pub id: Uuid,
    pub council_id: Uuid,
    pub entry_id: Uuid,
    pub file_name: &'a str,
    pub title: Option<&'a str>,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub storage: &'a str,
    pub uploaded_by: &'a str,
    pub uploaded_by_id: Option<Uuid>,
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    new: &NewAttachment<'_>,
) -> Result<Attachment, Error> {
    diesel::insert_into(a::attachments)
        .values(new)
        .returning(Attachment::as_returning())
        .get_result(conn)
        .await
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Option<Attachment>, Error> {
    a::attachments
        .find(id)
        .select(Attachment::as_select())
        .first(conn)
        .await
        .optional()
}

/// The attachment, locked for the rest of the transaction.
pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<Attachment>, Error> {
    a::attachments
        .find(id)
        .select(Attachment::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// The attachments of an entry, oldest first, withdrawn ones included; keyset-paginated on
/// (created_at, id).
pub async fn list_for_entry(
    conn: &mut AsyncPgConnection,
    entry_id: Uuid,
    after: Option<&TimeKey>,
    limit: u32,
) -> Result<Vec<Attachment>, Error> {
    let mut query = a::attachments
        .filter(a::entry_id.eq(entry_id))
        .select(Attachment::as_select())
        .into_boxed();
    if let Some(k) = after {
        query = query.filter(
            a::created_at
                .gt(k.at)
                .or(a::created_at.eq(k.at).and(a::id.gt(k.id))),
        );
    }
    query
        .order((a::created_at.asc(), a::id.asc()))
        .limit(fetch_size(limit))
        .load(conn)
        .await
}

/// Marks an attachment withdrawn with its reason; the row and its bytes stay.
pub async fn withdraw(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    reason: &str,
) -> Result<Attachment, Error> {
    diesel::update(a::attachments.find(id))
        .set((
            a::withdrawn_at.eq(diesel::dsl::now),
            a::withdrawn_reason.eq(reason),
        ))
        .returning(Attachment::as_returning())
        .get_result(conn)
        .await
}

/// Holds the progress entry against concurrent changes of its state until the transaction ends
/// (`FOR SHARE`: uploads to one entry do not wait for each other). False when there is no such
/// entry.
pub async fn share_lock_entry(conn: &mut AsyncPgConnection, entry_id: Uuid) -> Result<bool, Error> {
    pe::progress_entries
        .find(entry_id)
        .select(pe::id)
        .for_share()
        .first::<Uuid>(conn)
        .await
        .optional()
        .map(|found| found.is_some())
}

/// Stores the bytes of an attachment kept in the database.
pub async fn write_blob(
    conn: &mut AsyncPgConnection,
    attachment_id: Uuid,
    content: &[u8],
) -> Result<(), Error> {
    diesel::insert_into(b::attachment_blobs)
        .values((b::attachment_id.eq(attachment_id), b::content.eq(content)))
        .execute(conn)
        .await
        .map(drop)
}

/// The bytes of an attachment kept in the database.
pub async fn read_blob(
    conn: &mut AsyncPgConnection,
    attachment_id: Uuid,
) -> Result<Option<Vec<u8>>, Error> {
    b::attachment_blobs
        .find(attachment_id)
        .select(b::content)
        .first(conn)
        .await
        .optional()
}
