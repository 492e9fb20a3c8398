//! Select committees as the API shows them, with the committees they replaced.
use chrono::{DateTime, NaiveDate, Utc};
use scrutiny_db::queries::committees as q;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct Committee {
    pub id: Uuid,
    pub council_id: Uuid,
    #[schema(example = "Crime and Disorder Select Committee")]
    pub name: String,
    pub description: Option<String>,
    /// Months between progress rounds after the first.
    pub update_interval_months: i32,
    /// The committee that replaced this one, when it was renamed or replaced.
    pub successor_id: Option<Uuid>,
    pub replaced_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<q::Committee> for Committee {
    fn from(row: q::Committee) -> Self {
        Self {
            id: row.id,
            council_id: row.council_id,
            name: row.name,
            description: row.description,
            update_interval_months: row.update_interval_months,
            successor_id: row.successor_id,
            replaced_on: row.replaced_on,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommitteeDetail {
    #[serde(flatten)]
    pub committee: Committee,
    /// Committees this one replaced.
    pub predecessors: Vec<Committee>,
}
