use crate::page::{PagedDsl, TextKey};
use crate::schema::{contacts, responsibilities, review_link_officers, reviews::dsl as r};
use crate::scope::Scope;
use chrono::{DateTime, Utc};
use diesel::dsl::exists;
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use scrutiny_domain::records::{ReviewStatus, ReviewType};
use uuid::Uuid;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = crate::schema::reviews, check_for_backend(diesel::pg::Pg))]
pub struct Review {
    pub id: Uuid,
    pub council_id: Uuid,
    pub committee_id: Uuid,
    pub title: String,
    #[diesel(deserialize_as = String)]
    pub review_type: ReviewType,
    pub work_programme_year: Option<String>,
    #[diesel(deserialize_as = String)]
    pub status: ReviewStatus,
    pub status_changed_at: DateTime<Utc>,
    pub scrutiny_officer_id: Option<Uuid>,
    pub summary: Option<String>,
    pub withdrawn_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
    /// The council's own reference ("2024/25-03").
    pub reference: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = crate::schema::reviews)]
pub struct NewReview<'a> {
    pub id: Uuid,
    pub council_id: Uuid,
    pub committee_id: Uuid,
    pub title: &'a str,
    pub review_type: &'a str,
    pub work_programme_year: Option<&'a str>,
    pub status: &'a str,
    pub scrutiny_officer_id: Option<Uuid>,
    pub summary: Option<&'a str>,
    pub reference: Option<&'a str>,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = crate::schema::reviews)]
pub struct ReviewChanges {
    pub committee_id: Option<Uuid>,
    pub title: Option<String>,
    pub review_type: Option<String>,
    pub work_programme_year: Option<Option<String>>,
    pub scrutiny_officer_id: Option<Option<Uuid>>,
    pub summary: Option<Option<String>>,
    pub status: Option<String>,
    pub status_changed_at: Option<DateTime<Utc>>,
    pub withdrawn_reason: Option<Option<String>>,
    pub reference: Option<Option<String>>,
}

/// A link officer of a review, with the contact's name.
#[derive(Debug, Clone, Queryable)]
pub struct LinkOfficer {
    pub review_id: Uuid,
    pub contact_id: Uuid,
    pub name: String,
    pub job_title: Option<String>,
    pub organisation_id: Option<Uuid>,
}

#[derive(Debug, Default)]
pub struct Filter {
    pub committee_id: Option<Uuid>,
    pub status: Option<ReviewStatus>,
    pub work_programme_year: Option<String>,
    pub responsible_organisation_id: Option<Uuid>,
    /// The council's reference, compared without case.
    pub reference: Option<String>,
}

type BoxedReviews<'a> = diesel::helper_types::IntoBoxed<
    'a,
    diesel::helper_types::Select<
        crate::schema::reviews::table,
        diesel::helper_types::AsSelect<Review, diesel::pg::Pg>,
    >,
    diesel::pg::Pg,
>;

/// Restricts a reviews query to what `scope` may see.
pub fn scoped(query: BoxedReviews<'_>, scope: Scope) -> BoxedReviews<'_> {
    match scope {
        Scope::All => query,
        Scope::Council(council) => query.filter(r::council_id.eq(council)),
        Scope::Responsible(org) => query.filter(involves(org)),
    }
}

/// The review has an action owned by `org`.
#[diesel::dsl::auto_type]
fn involves(org: Uuid) -> _ {
    exists(
        responsibilities::table
            .filter(responsibilities::organisation_id.eq(org))
            .filter(responsibilities::review_id.eq(r::id)),
    )
}

pub async fn list(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    filter: &Filter,
    after: Option<&TextKey>,
    limit: u32,
) -> Result<Vec<Review>, Error> {
    let mut query = scoped(r::reviews.select(Review::as_select()).into_boxed(), scope);
    if let Some(committee) = filter.committee_id {
        query = query.filter(r::committee_id.eq(committee));
    }
    if let Some(status) = &filter.status {
        query = query.filter(r::status.eq(status.as_str()));
    }
    if let Some(year) = &filter.work_programme_year {
        query = query.filter(r::work_programme_year.eq(year.clone()));
    }
    if let Some(org) = filter.responsible_organisation_id {
        query = query.filter(involves(org));
    }
    if let Some(reference) = &filter.reference {
        query = query.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("lower(btrim(reference)) = lower(btrim(")
                .bind::<diesel::sql_types::Text, _>(reference.clone())
                .sql("))"),
        );
    }
    if let Some(k) = after {
        query = query.filter(
            r::title
                .gt(k.key.clone())
                .or(r::title.eq(k.key.clone()).and(r::id.gt(k.id))),
        );
    }
    query
        .order((r::title.asc(), r::id.asc()))
        .paged(limit)
        .load(conn)
        .await
}

/// The review when `scope` may see it.
pub async fn find(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    id: Uuid,
) -> Result<Option<Review>, Error> {
    scoped(r::reviews.select(Review::as_select()).into_boxed(), scope)
        .filter(r::id.eq(id))
        .first(conn)
        .await
        .optional()
}

pub async fn find_for_update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<Option<Review>, Error> {
    r::reviews
        .find(id)
        .select(Review::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

pub async fn find_by_title(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
    title: &str,
) -> Result<Option<Review>, Error> {
    r::reviews
        .filter(r::council_id.eq(council_id).and(r::title.eq(title)))
        .select(Review::as_select())
        .first(conn)
        .await
        .optional()
}

/// The council's reviews with these references (compared without case and surrounding spaces),
/// with the reference as looked up, lower case: one query for a whole tracker.
pub async fn find_by_references(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
    references: &[String],
) -> Result<Vec<Review>, Error> {
    let keys: Vec<String> = references.iter().map(|r| r.trim().to_lowercase()).collect();
    r::reviews
        .filter(r::council_id.eq(council_id))
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("lower(btrim(reference)) = ANY(")
                .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(keys)
                .sql(")"),
        )
        .select(Review::as_select())
        .load(conn)
        .await
}

pub async fn insert(conn: &mut AsyncPgConnection, new: &NewReview<'_>) -> Result<Review, Error> {
    diesel::insert_into(r::reviews)
        .values(new)
        .returning(Review::as_returning())
        .get_result(conn)
        .await
}

pub async fn update(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    changes: &ReviewChanges,
) -> Result<Review, Error> {
    diesel::update(r::reviews.find(id))
        .set((
            changes,
            r::version.eq(r::version + 1),
            r::updated_at.eq(diesel::dsl::now),
        ))
        .returning(Review::as_returning())
        .get_result(conn)
        .await
}

/// The link officers of several reviews, in one query.
pub async fn link_officers(
    conn: &mut AsyncPgConnection,
    review_ids: &[Uuid],
) -> Result<Vec<LinkOfficer>, Error> {
    review_link_officers::table
        .inner_join(contacts::table)
        .filter(review_link_officers::review_id.eq_any(review_ids))
        .order((
            review_link_officers::review_id,
            review_link_officers::position,
        ))
        .select((
            review_link_officers::review_id,
            review_link_officers::contact_id,
            contacts::name,
            contacts::job_title,
            contacts::organisation_id,
        ))
        .load(conn)
        .await
}

/// Replaces a review's link officers with `contact_ids`, in order.
pub async fn set_link_officers(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    contact_ids: &[Uuid],
) -> Result<(), Error> {
    diesel::delete(
        review_link_officers::table.filter(review_link_officers::review_id.eq(review_id)),
    )
    .execute(conn)
    .await?;
    let rows: Vec<_> = contact_ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            (
                review_link_officers::review_id.eq(review_id),
                review_link_officers::contact_id.eq(*id),
                review_link_officers::position.eq(i as i32),
            )
        })
        .collect();
    if !rows.is_empty() {
        diesel::insert_into(review_link_officers::table)
            .values(rows)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// How many of `ids` are contacts.
/// How many of these contacts are in the council's address book.
pub async fn count_contacts(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
    ids: &[Uuid],
) -> Result<i64, Error> {
    contacts::table
        .filter(contacts::id.eq_any(ids))
        .filter(contacts::council_id.eq(council_id))
        .count()
        .get_result(conn)
        .await
}
