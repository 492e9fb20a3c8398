//! Service accounts as the API shows them (never their secret's digest), and the credentials
//! answered once when an account is created or its secret rotated.
use chrono::{DateTime, Utc};
use scrutiny_db::models;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceAccount {
    pub id: Uuid,
    #[schema(example = "Cleveland Police case system")]
    pub name: String,
    /// The public half of the credentials, sent with the secret to `POST /auth/token`.
    #[schema(example = "sa_5f0c2a9e41d3b7c86a1e2f40")]
    pub client_id: String,
    /// officer, contributor or viewer (never admin).
    #[schema(example = "contributor")]
    pub role: String,
    pub organisation_id: Uuid,
    /// False once revoked: the account can no longer get tokens.
    pub active: bool,
    pub secret_rotated_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<models::ServiceAccount> for ServiceAccount {
    fn from(row: models::ServiceAccount) -> Self {
        Self {
            id: row.id,
            name: row.name,
            client_id: row.client_id,
            role: row.role,
            organisation_id: row.organisation_id,
            active: row.active,
            secret_rotated_at: row.secret_rotated_at,
            last_used_at: row.last_used_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

/// A service account with its new client secret. The secret is shown this once: store it now.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceAccountCredentials {
    pub account: ServiceAccount,
    #[schema(example = "cs_Qm9vZ2llV29vZ2llQm9vZ2llV29vZ2llQm9vZ2ll")]
    pub client_secret: String,
}
