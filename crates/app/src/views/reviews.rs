//! Reviews as the API shows them: with their scrutiny officer and link officers, loaded in two
//! queries whatever the number of reviews.
use crate::error::AppError;
use chrono::{DateTime, Utc};
use scrutiny_db::queries::contacts;
use scrutiny_db::queries::reviews as q;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::records::{ReviewStatus, ReviewType};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContactRef {
    pub id: Uuid,
    #[schema(example = "Marc Stephenson")]
    pub name: String,
    pub job_title: Option<String>,
    pub organisation_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Review {
    pub id: Uuid,
    pub council_id: Uuid,
    pub committee_id: Uuid,
    #[schema(example = "Police Communications in Stockton-on-Tees")]
    pub title: String,
    pub review_type: ReviewType,
    #[schema(example = "Task & Finish")]
    pub review_type_label: String,
    #[schema(example = "2021-2022")]
    pub work_programme_year: Option<String>,
    /// The council's own reference, unique within the council.
    #[schema(example = "2021/22-04")]
    pub reference: Option<String>,
    pub status: ReviewStatus,
    #[schema(example = "Monitoring")]
    pub status_label: String,
    /// The statuses this review may move to next.
    pub allowed_transitions: Vec<ReviewStatus>,
    pub status_changed_at: DateTime<Utc>,
    pub scrutiny_officer: Option<ContactRef>,
    pub link_officers: Vec<ContactRef>,
    pub summary: Option<String>,
    pub withdrawn_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

pub fn to_dto(
    row: q::Review,
    officers: &HashMap<Uuid, Vec<ContactRef>>,
    scrutiny_officer: Option<ContactRef>,
) -> Result<Review, AppError> {
    Ok(Review {
        id: row.id,
        council_id: row.council_id,
        committee_id: row.committee_id,
        title: row.title,
        review_type: row.review_type,
        review_type_label: row.review_type.label().to_owned(),
        work_programme_year: row.work_programme_year,
        reference: row.reference,
        status: row.status,
        status_label: row.status.label().to_owned(),
        allowed_transitions: row.status.allowed_next().to_vec(),
        status_changed_at: row.status_changed_at,
        scrutiny_officer,
        link_officers: officers.get(&row.id).cloned().unwrap_or_default(),
        summary: row.summary,
        withdrawn_reason: row.withdrawn_reason,
        created_at: row.created_at,
        updated_at: row.updated_at,
        version: row.version,
    })
}

/// Turns rows into wire types with their link officers and scrutiny officers: two queries whatever
/// the number of rows.
pub async fn to_dtos(
    conn: &mut AsyncPgConnection,
    rows: Vec<q::Review>,
) -> Result<Vec<Review>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut officers: HashMap<Uuid, Vec<ContactRef>> = HashMap::new();
    for o in q::link_officers(conn, &ids).await? {
        officers.entry(o.review_id).or_default().push(ContactRef {
            id: o.contact_id,
            name: o.name,
            job_title: o.job_title,
            organisation_id: o.organisation_id,
        });
    }
    let scrutiny_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.scrutiny_officer_id).collect();
    let scrutiny: HashMap<Uuid, ContactRef> = if scrutiny_ids.is_empty() {
        HashMap::new()
    } else {
        contacts::find_many(conn, &scrutiny_ids)
            .await?
            .into_iter()
            .map(|c| {
                (
                    c.id,
                    ContactRef {
                        id: c.id,
                        name: c.name,
                        job_title: c.job_title,
                        organisation_id: c.organisation_id,
                    },
                )
            })
            .collect()
    };
    rows.into_iter()
        .map(|row| {
            let officer = row
                .scrutiny_officer_id
                .and_then(|id| scrutiny.get(&id).cloned());
            to_dto(row, &officers, officer)
        })
        .collect()
}

pub async fn one_dto(conn: &mut AsyncPgConnection, row: q::Review) -> Result<Review, AppError> {
    Ok(to_dtos(conn, vec![row]).await?.remove(0))
}
