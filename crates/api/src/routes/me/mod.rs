//! The signed-in principal: who am I, and changing my own password.
mod change_password;
mod get;

pub use self::change_password::*;
pub use self::get::*;

use serde::Deserialize;
use utoipa::ToSchema;

pub use scrutiny_app::views::users::{Me, MeOrganisation};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    pub current_password: String,
    /// At least 12 characters.
    pub new_password: String,
}
