//! People who sign in. Admins manage them.
mod create;
mod get;
mod list;
mod password;
mod update;

pub use self::create::*;
pub use self::get::*;
pub use self::list::*;
pub use self::password::*;
pub use self::update::*;

use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub use scrutiny_app::views::users::User;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    pub email: String,
    pub name: String,
    pub role: String,
    pub organisation_id: Uuid,
    /// At least 12 characters. The user can change it after signing in.
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    pub email: Option<String>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub organisation_id: Option<Uuid>,
    /// `false` deactivates the account: it loses access on its next request.
    pub active: Option<bool>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPassword {
    /// At least 12 characters.
    pub password: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilter {
    pub role: Option<String>,
    pub organisation_id: Option<Uuid>,
    pub active: Option<bool>,
}

impl From<CreateUser> for scrutiny_app::users::CreateUser {
    fn from(body: CreateUser) -> Self {
        Self {
            email: body.email,
            name: body.name,
            role: body.role,
            organisation_id: body.organisation_id,
            password: body.password,
        }
    }
}
