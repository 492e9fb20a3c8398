//! A council's identity providers (`scrutiny_app::identity_providers`): where its staff sign in
//! with the council's own accounts (OpenID Connect). Council admins manage their council's,
//! operators any council's. Register `{public address}/api/v1/auth/oidc/callback` as the
//! redirect URI at the provider.
use crate::respond::double_option;
use scrutiny_app::identity_providers::ProviderInput;
use scrutiny_domain::sso::RoleMapping;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

mod create;
mod delete;
mod get;
mod list;
mod update;

pub use self::create::*;
pub use self::delete::*;
pub use self::get::*;
pub use self::list::*;
pub use self::update::*;

pub use scrutiny_app::identity_providers::IdentityProvider;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateIdentityProvider {
    /// Only for an operator: the council whose people sign in through it (a council's admin
    /// registers their own council's).
    pub council_id: Option<Uuid>,
    /// What the sign-in button says.
    #[schema(
        example = "Stockton-on-Tees Borough Council staff",
        min_length = 1,
        max_length = 200
    )]
    pub name: String,
    /// The OpenID Connect issuer, https.
    #[schema(
        example = "https://login.microsoftonline.com/4b1c0e2f-0000-4000-8000-000000000000/v2.0",
        max_length = 2000
    )]
    pub issuer: String,
    #[schema(min_length = 1, max_length = 500)]
    pub client_id: String,
    /// For a confidential client; absent for a public client (PKCE alone). Never shown again.
    #[schema(min_length = 1, max_length = 2000)]
    pub client_secret: Option<String>,
    /// Space-separated, with `openid`; default `openid email profile`.
    #[schema(example = "openid email profile", max_length = 500)]
    pub scopes: Option<String>,
    /// Which claims give which role (admin, officer or viewer); the highest matching wins.
    #[schema(max_items = 50)]
    pub role_mappings: Option<Vec<RoleMapping>>,
    /// Make an account (a viewer unless a rule says otherwise) for a person the council does not
    /// know yet; default false.
    pub create_users: Option<bool>,
    /// New accounts only for addresses in these domains.
    #[schema(example = json!(["stockton.gov.uk"]), max_items = 50)]
    pub email_domains: Option<Vec<String>>,
    /// Default true.
    pub enabled: Option<bool>,
}

impl CreateIdentityProvider {
    fn into_input(self) -> (Option<Uuid>, ProviderInput) {
        (
            self.council_id,
            ProviderInput {
                name: Some(self.name),
                issuer: Some(self.issuer),
                client_id: Some(self.client_id),
                client_secret: Some(self.client_secret),
                scopes: self.scopes,
                role_mappings: self.role_mappings,
                create_users: self.create_users,
                email_domains: self.email_domains,
                enabled: self.enabled,
            },
        )
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateIdentityProvider {
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[schema(max_length = 2000)]
    pub issuer: Option<String>,
    #[schema(min_length = 1, max_length = 500)]
    pub client_id: Option<String>,
    /// A new secret; `null` makes it a public client; absent keeps the secret.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable, min_length = 1, max_length = 2000)]
    pub client_secret: Option<Option<String>>,
    #[schema(max_length = 500)]
    pub scopes: Option<String>,
    #[schema(max_items = 50)]
    pub role_mappings: Option<Vec<RoleMapping>>,
    pub create_users: Option<bool>,
    #[schema(max_items = 50)]
    pub email_domains: Option<Vec<String>>,
    pub enabled: Option<bool>,
}

impl UpdateIdentityProvider {
    fn into_input(self) -> ProviderInput {
        ProviderInput {
            name: self.name,
            issuer: self.issuer,
            client_id: self.client_id,
            client_secret: self.client_secret,
            scopes: self.scopes,
            role_mappings: self.role_mappings,
            create_users: self.create_users,
            email_domains: self.email_domains,
            enabled: self.enabled,
        }
    }
}
