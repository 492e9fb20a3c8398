//! Organisations as the API shows them: councils and partners.
use chrono::{DateTime, Utc};
use scrutiny_db::models;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct Organisation {
    pub id: Uuid,
    #[schema(example = "Cleveland Police")]
    pub name: String,
    #[schema(value_type = String, example = "police")]
    pub kind: String,
    /// A statutory crime-and-disorder responsible authority.
    pub responsible_authority: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<models::Organisation> for Organisation {
    fn from(row: models::Organisation) -> Self {
        Self {
            id: row.id,
            name: row.name,
            kind: row.kind,
            responsible_authority: row.responsible_authority,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}
