//! Organisations: councils and partners. Everyone signed in reads them; admins write.
mod create;
mod get;
mod list;
mod update;

pub use self::create::*;
pub use self::get::*;
pub use self::list::*;
pub use self::update::*;

use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

pub use scrutiny_app::views::organisations::Organisation;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganisation {
    #[schema(example = "Cleveland Police")]
    pub name: String,
    /// council, police, fire, health, probation or other.
    #[schema(example = "police")]
    pub kind: String,
    /// Defaults to true for every kind but `other`.
    pub responsible_authority: Option<bool>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganisation {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub responsible_authority: Option<bool>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganisationFilter {
    /// Only organisations of this kind.
    pub kind: Option<String>,
    pub responsible_authority: Option<bool>,
}

impl From<CreateOrganisation> for scrutiny_app::organisations::CreateOrganisation {
    fn from(body: CreateOrganisation) -> Self {
        Self {
            name: body.name,
            kind: body.kind,
            responsible_authority: body.responsible_authority,
        }
    }
}
