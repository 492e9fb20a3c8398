//! Users as the API shows them (never their password hash), and the signed-in principal as it
//! sees itself.
use crate::principal::ActorKind;
use chrono::{DateTime, Utc};
use scrutiny_db::models;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct User {
    pub id: Uuid,
    #[schema(example = "marc.stephenson@stockton.example")]
    pub email: String,
    #[schema(example = "Marc Stephenson")]
    pub name: String,
    /// admin, officer, contributor or viewer.
    #[schema(example = "officer")]
    pub role: String,
    pub organisation_id: Uuid,
    pub active: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<models::User> for User {
    fn from(row: models::User) -> Self {
        Self {
            id: row.id,
            email: row.email,
            name: row.name,
            role: row.role,
            organisation_id: row.organisation_id,
            active: row.active,
            last_login_at: row.last_login_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeOrganisation {
    pub id: Uuid,
    pub name: String,
    #[schema(example = "council")]
    pub kind: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: Uuid,
    /// `user` or `service_account`.
    pub kind: ActorKind,
    pub name: String,
    /// Absent for service accounts.
    pub email: Option<String>,
    #[schema(example = "contributor")]
    pub role: String,
    pub organisation: MeOrganisation,
}
