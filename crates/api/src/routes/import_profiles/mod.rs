//! A council's column mapping profiles for imports (`scrutiny_app::import_profiles`): which column
//! of its spreadsheets is which field, the status words' grades and the committees' names, kept
//! under a name and reused by the imports. The council's admins and officers manage them.
use crate::respond::double_option;
use scrutiny_app::import_profiles::{CommitteeName, ProfileColumn, ProfileInput, StatusGrade};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

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

pub use scrutiny_app::import_profiles::ImportProfile;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateImportProfile {
    /// `tracker` (one row per recommendation across reviews) or `action_plan` (one review's plan).
    #[schema(example = "tracker")]
    pub kind: String,
    #[schema(example = "Corporate tracker", min_length = 1, max_length = 200)]
    pub name: String,
    /// Which field each column fills, by its heading. A tracker needs review_reference and
    /// recommendation; an action plan number, recommendation and action.
    #[schema(max_items = 200)]
    pub columns: Vec<ProfileColumn>,
    /// The row of the headings, from 1 (absent: found).
    #[schema(minimum = 1, maximum = 100000)]
    pub header_row: Option<u32>,
    /// Trackers: each status word's grade on the council's scale.
    #[serde(default)]
    #[schema(max_items = 100)]
    pub statuses: Vec<StatusGrade>,
    /// Trackers: the committee each name or acronym means.
    #[serde(default)]
    #[schema(max_items = 200)]
    pub committees: Vec<CommitteeName>,
}

impl From<CreateImportProfile> for ProfileInput {
    fn from(b: CreateImportProfile) -> Self {
        ProfileInput {
            kind: Some(b.kind),
            name: Some(b.name),
            columns: Some(b.columns),
            header_row: Some(b.header_row),
            statuses: Some(b.statuses),
            committees: Some(b.committees),
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateImportProfile {
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[schema(max_items = 200)]
    pub columns: Option<Vec<ProfileColumn>>,
    /// `null`: found in each file.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<u32>, nullable, minimum = 1, maximum = 100000)]
    pub header_row: Option<Option<u32>>,
    #[schema(max_items = 100)]
    pub statuses: Option<Vec<StatusGrade>>,
    #[schema(max_items = 200)]
    pub committees: Option<Vec<CommitteeName>>,
}

impl From<UpdateImportProfile> for ProfileInput {
    fn from(b: UpdateImportProfile) -> Self {
        ProfileInput {
            kind: None,
            name: b.name,
            columns: b.columns,
            header_row: b.header_row,
            statuses: b.statuses,
            committees: b.committees,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportProfileFilter {
    /// `tracker` or `action_plan`.
    pub kind: Option<String>,
}
