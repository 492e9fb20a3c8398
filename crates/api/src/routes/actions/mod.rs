//! Actions of an action plan: what a partner will do for a recommendation (or one of its parts),
//! how success is measured, who is responsible and by when (zero or more milestones, each a date
//! given to the month or the day, and a label). Nothing is deleted: an action is withdrawn with a
//! reason, or completed. The workflow is in `scrutiny_app::actions`; here are the request bodies
//! and one handler per file.
mod complete;
mod create;
mod get;
mod history;
mod list;
mod update;
mod withdraw;

pub use self::complete::*;
pub use self::create::*;
pub use self::get::*;
pub use self::history::*;
pub use self::list::*;
pub use self::update::*;
pub use self::withdraw::*;
/// The list's filters (the export takes the same).
pub use scrutiny_app::actions::ActionFilter;

use crate::respond::double_option;
use chrono::NaiveDate;
use scrutiny_app::actions as app;
use scrutiny_app::Precondition;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// An owner: give an organisation or a contact (whose organisation is then recorded too).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnerInput {
    pub organisation_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
}

impl From<OwnerInput> for app::OwnerInput {
    fn from(o: OwnerInput) -> Self {
        app::OwnerInput {
            organisation_id: o.organisation_id,
            contact_id: o.contact_id,
        }
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneInput {
    /// "May 2022", "2022-05", "14 October 2022" or "2022-10-14"; null or blank for none (then
    /// give a label).
    #[schema(example = "May 2022")]
    pub date: Option<String>,
    #[schema(example = "Development of protocol")]
    pub label: Option<String>,
    /// The day the milestone was met (ISO date).
    pub completed_on: Option<NaiveDate>,
}

impl From<MilestoneInput> for app::MilestoneInput {
    fn from(m: MilestoneInput) -> Self {
        app::MilestoneInput {
            date: m.date,
            label: m.label,
            completed_on: m.completed_on,
        }
    }
}

fn each<T: Into<U>, U>(items: Vec<T>) -> Vec<U> {
    items.into_iter().map(Into::into).collect()
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAction {
    /// A recommendation of the plan's review.
    pub recommendation_id: Uuid,
    /// A part of that recommendation.
    pub part_id: Option<Uuid>,
    /// Kept exactly as given: bullets and line breaks stay.
    pub proposed_actions: String,
    /// One or more, none blank.
    pub success_measures: Vec<String>,
    /// Organisations or contacts; or set `responsible_all`.
    #[serde(default)]
    pub owners: Vec<OwnerInput>,
    /// Every partner of the review is responsible ("All").
    #[serde(default)]
    pub responsible_all: bool,
    /// The Responsibility cell as written; defaults to the owners' names, or "All".
    pub responsibility_text: Option<String>,
    #[serde(default)]
    pub milestones: Vec<MilestoneInput>,
    #[schema(example = "Action complete")]
    pub status_notes: Option<String>,
    /// Order in the plan; defaults to after the last action.
    pub position: Option<i32>,
    /// Required when the plan is agreed: why it is amended.
    pub amendment_reason: Option<String>,
}

impl CreateAction {
    /// The use case's command for an action of plan `plan_id`.
    pub fn command(self, plan_id: Uuid) -> app::AddAction {
        app::AddAction {
            plan_id,
            recommendation_id: self.recommendation_id,
            part_id: self.part_id,
            proposed_actions: self.proposed_actions,
            success_measures: self.success_measures,
            owners: each(self.owners),
            responsible_all: self.responsible_all,
            responsibility_text: self.responsibility_text,
            milestones: each(self.milestones),
            status_notes: self.status_notes,
            position: self.position,
            amendment_reason: self.amendment_reason,
            plan_amended: false,
        }
    }
}

/// Absent fields are left alone; `null` clears a nullable field; `owners` and `milestones`, when
/// given, replace the action's wholesale.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAction {
    pub recommendation_id: Option<Uuid>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>, nullable)]
    pub part_id: Option<Option<Uuid>>,
    pub proposed_actions: Option<String>,
    pub success_measures: Option<Vec<String>>,
    pub owners: Option<Vec<OwnerInput>>,
    pub responsible_all: Option<bool>,
    /// `null` resets it to the owners' names (or "All").
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub responsibility_text: Option<Option<String>>,
    pub milestones: Option<Vec<MilestoneInput>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub status_notes: Option<Option<String>>,
    /// open or complete (withdraw with `POST /actions/{id}/withdrawal`).
    pub status: Option<scrutiny_domain::status::ActionStatus>,
    pub position: Option<i32>,
    /// Required when the plan is agreed: why it is amended.
    pub amendment_reason: Option<String>,
}

impl UpdateAction {
    /// The use case's command for action `id`, read at `if_match`.
    pub fn command(self, id: Uuid, if_match: Precondition) -> app::ChangeAction {
        app::ChangeAction {
            id,
            if_match,
            recommendation_id: self.recommendation_id,
            part_id: self.part_id,
            proposed_actions: self.proposed_actions,
            success_measures: self.success_measures,
            owners: self.owners.map(each),
            responsible_all: self.responsible_all,
            responsibility_text: self.responsibility_text,
            milestones: self.milestones.map(each),
            status_notes: self.status_notes,
            status: self.status,
            position: self.position,
            amendment_reason: self.amendment_reason,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    #[schema(example = "Superseded by the force-wide engagement plan")]
    pub reason: String,
    /// Required when the plan is agreed: why it is amended.
    pub amendment_reason: Option<String>,
}

impl Withdrawal {
    /// The use case's command for action `id`, read at `if_match`.
    pub fn command(self, id: Uuid, if_match: Precondition) -> app::WithdrawAction {
        app::WithdrawAction {
            id,
            if_match,
            reason: self.reason,
            amendment_reason: self.amendment_reason,
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    /// Replaces the status notes when given.
    #[schema(example = "Action complete")]
    pub status_notes: Option<String>,
}

impl Completion {
    /// The use case's command for action `id`, read at `if_match` when given.
    pub fn command(self, id: Uuid, if_match: Option<Precondition>) -> app::CompleteAction {
        app::CompleteAction {
            id,
            if_match,
            status_notes: self.status_notes,
        }
    }
}
