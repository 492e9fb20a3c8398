//! Service accounts: OAuth2 client-credentials for partners' systems. Admins only. The client
//! secret is shown once, when created or rotated; only its SHA-256 digest is stored.
mod create;
mod get;
mod list;
mod rotate;
mod update;

pub use self::create::*;
pub use self::get::*;
pub use self::list::*;
pub use self::rotate::*;
pub use self::update::*;

use crate::respond::with_etag;
use actix_web::http::header;
use actix_web::{HttpResponse, HttpResponseBuilder};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub use scrutiny_app::views::service_accounts::{ServiceAccount, ServiceAccountCredentials};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateServiceAccount {
    #[schema(example = "Cleveland Police case system")]
    pub name: String,
    /// officer, contributor or viewer; officer needs a council organisation.
    #[schema(example = "contributor")]
    pub role: String,
    pub organisation_id: Uuid,
}

/// Absent fields are left alone. `active: false` revokes the account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateServiceAccount {
    pub name: Option<String>,
    pub role: Option<String>,
    pub active: Option<bool>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceAccountFilter {
    /// Only accounts of this organisation.
    pub organisation_id: Option<Uuid>,
    /// Only active (true) or revoked (false) accounts.
    pub active: Option<bool>,
}

impl From<CreateServiceAccount> for scrutiny_app::service_accounts::CreateServiceAccount {
    fn from(body: CreateServiceAccount) -> Self {
        Self {
            name: body.name,
            role: body.role,
            organisation_id: body.organisation_id,
        }
    }
}

/// A response carrying a secret: never cached.
fn credentials_response(credentials: &ServiceAccountCredentials) -> HttpResponse {
    let mut builder = HttpResponseBuilder::new(actix_web::http::StatusCode::CREATED);
    builder.insert_header((header::CACHE_CONTROL, "no-store"));
    with_etag(builder, credentials.account.version, credentials)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn credentials_are_not_cached() {
        let response = credentials_response(&ServiceAccountCredentials {
            account: ServiceAccount {
                id: Uuid::nil(),
                name: "x".into(),
                client_id: "sa_x".into(),
                role: "viewer".into(),
                organisation_id: Uuid::nil(),
                active: true,
                secret_rotated_at: Utc::now(),
                last_used_at: None,
                created_at: Utc::now(),
                updated_at: Utc::now(),
                version: 3,
            },
            client_secret: "cs_x".into(),
        });
        assert_eq!(response.status(), actix_web::http::StatusCode::CREATED);
        assert_eq!(
            response.headers().get(header::CACHE_CONTROL).unwrap(),
            "no-store"
        );
        assert_eq!(response.headers().get(header::ETAG).unwrap(), "\"3\"");
    }
}
