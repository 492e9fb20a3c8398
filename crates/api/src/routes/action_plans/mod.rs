//! Action plans: one per review, with the date the committee agreed it ("March 2022"). A plan is
//! read whole (its actions in order, each with owners and milestones). Once agreed, every change
//! to the plan or its actions is an amendment: the caller says why, and the plan as it stood
//! before is kept. The workflow is in `scrutiny_app::plans`; here are the request bodies and one
//! handler per file.
mod amendments;
mod get;
mod history;
mod put;
mod update;

pub use self::amendments::*;
pub use self::get::*;
pub use self::history::*;
pub use self::put::*;
pub use self::update::*;

use crate::respond::double_option;
use scrutiny_app::plans::{ChangePlan, PutPlan};
use scrutiny_app::Precondition;
use scrutiny_domain::status::PlanStatus;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// Creates the review's plan if it has none.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutActionPlan {
    pub title: Option<String>,
    /// "March 2022", "2022-03" or "2022-03-15"; never a day that was not given.
    #[schema(example = "March 2022")]
    pub agreed_on: Option<String>,
    /// draft (the default) or agreed.
    pub status: Option<PlanStatus>,
    /// To agree the plan while Cabinet's decision cannot be implemented yet (within its call-in
    /// period, or called in): why. Without it, that is a 409. Audited.
    pub call_in_override_reason: Option<String>,
}

impl PutActionPlan {
    /// The use case's command for the review's plan.
    pub fn command(self, review_id: Uuid) -> PutPlan {
        PutPlan {
            review_id,
            title: self.title,
            agreed_on: self.agreed_on,
            status: self.status,
            call_in_override_reason: self.call_in_override_reason,
        }
    }
}

/// Absent fields are left alone; `null` clears a nullable field.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateActionPlan {
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub title: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable, example = "March 2022")]
    pub agreed_on: Option<Option<String>>,
    /// draft or agreed.
    pub status: Option<PlanStatus>,
    /// Required when the plan is agreed: why it is amended.
    pub amendment_reason: Option<String>,
    /// To agree the plan while Cabinet's decision cannot be implemented yet (within its call-in
    /// period, or called in): why. Without it, that is a 409. Audited.
    pub call_in_override_reason: Option<String>,
}

impl UpdateActionPlan {
    /// The use case's command for plan `id`, read at `if_match`.
    pub fn command(self, id: Uuid, if_match: Precondition) -> ChangePlan {
        ChangePlan {
            id,
            if_match,
            title: self.title,
            agreed_on: self.agreed_on,
            status: self.status,
            amendment_reason: self.amendment_reason,
            call_in_override_reason: self.call_in_override_reason,
        }
    }
}
