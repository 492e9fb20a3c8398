//! Select committees. Committees are renamed and replaced: a replacement is a new committee, and
//! the old one keeps its name and points at its successor, so history reads as it happened.
mod create;
mod get;
mod history;
mod list;
mod replace;
mod update;

pub use self::create::*;
pub use self::get::*;
pub use self::history::*;
pub use self::list::*;
pub use self::replace::*;
pub use self::update::*;

use crate::respond::double_option;
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub use scrutiny_app::views::committees::{Committee, CommitteeDetail};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCommittee {
    #[schema(example = "Crime and Disorder Select Committee")]
    pub name: String,
    pub description: Option<String>,
    /// Months between progress rounds after the first (default 6).
    pub update_interval_months: Option<i32>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCommittee {
    /// For corrections; a committee that is renamed by the council gets a successor instead.
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub description: Option<Option<String>>,
    pub update_interval_months: Option<i32>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplaceCommittee {
    /// The successor's name.
    pub name: String,
    pub description: Option<String>,
    /// When the change took effect (default today).
    pub replaced_on: Option<NaiveDate>,
    pub update_interval_months: Option<i32>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommitteeFilter {
    /// Only this council's committees (admins; others see their own council's).
    pub council_id: Option<Uuid>,
    /// `false`: only current committees; `true`: only replaced ones.
    pub replaced: Option<bool>,
}

impl From<CreateCommittee> for scrutiny_app::committees::CreateCommittee {
    fn from(body: CreateCommittee) -> Self {
        Self {
            name: body.name,
            description: body.description,
            update_interval_months: body.update_interval_months,
        }
    }
}
