//! Contacts as the API shows them: people named as responsible or as link officers.
use chrono::{DateTime, Utc};
use scrutiny_db::models;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct Contact {
    pub id: Uuid,
    #[schema(example = "Marc Stephenson")]
    pub name: String,
    #[schema(example = "Community Safety Manager")]
    pub job_title: Option<String>,
    #[schema(example = "marc.stephenson@stockton.gov.uk")]
    pub email: Option<String>,
    #[schema(example = "01642 526000")]
    pub phone: Option<String>,
    /// The organisation the person works for, when known.
    pub organisation_id: Option<Uuid>,
    /// The user account of the person, when they have one.
    pub user_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<models::Contact> for Contact {
    fn from(row: models::Contact) -> Self {
        Self {
            id: row.id,
            name: row.name,
            job_title: row.job_title,
            email: row.email,
            phone: row.phone,
            organisation_id: row.organisation_id,
            user_id: row.user_id,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}
