//! Recommendations of a review ("1".."4") and their parts ("a".."f"), shown with the actions of
//! the action plan that answer them. The handlers are thin: the workflow is
//! `scrutiny_app::recommendations`, the views `scrutiny_app::views::recommendations`.
use scrutiny_app::recommendations as uc;
use scrutiny_app::Precondition;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

mod close;
mod create;
mod get;
mod history;
mod list;
mod part_create;
mod part_get;
mod part_history;
mod part_update;
mod part_withdraw;
mod update;
mod withdraw;

pub use self::close::*;
pub use self::create::*;
pub use self::get::*;
pub use self::history::*;
pub use self::list::*;
pub use self::part_create::*;
pub use self::part_get::*;
pub use self::part_history::*;
pub use self::part_update::*;
pub use self::part_withdraw::*;
pub use self::update::*;
pub use self::withdraw::*;

// ---------------------------------------------------------------------------------------------
// Request bodies

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPartInput {
    #[schema(example = "a")]
    pub label: String,
    pub text: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRecommendation {
    #[schema(example = "2")]
    pub number: String,
    /// The recommendation, or the lead-in to its parts; blank for a recommendation made only of
    /// its parts.
    pub text: String,
    /// The parts, in order.
    pub parts: Option<Vec<NewPartInput>>,
    /// When no parts are given: split a text with parts "a) … b) …" into its lead-in (kept as
    /// the text, blank when the parts come first) and its parts.
    pub split_parts: Option<bool>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateRecommendation {
    pub number: Option<String>,
    /// Blank only for a recommendation made of parts.
    pub text: Option<String>,
    /// Its place in the review's order (1 or more).
    pub position: Option<i32>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationReason {
    /// Why it is withdrawn or closed.
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateRecommendationPart {
    pub label: Option<String>,
    pub text: Option<String>,
    /// Its place among the recommendation's parts (1 or more).
    pub position: Option<i32>,
}

// ---------------------------------------------------------------------------------------------
// Bodies as commands

impl NewPartInput {
    fn part(self) -> uc::NewPartText {
        uc::NewPartText {
            label: self.label,
            text: self.text,
        }
    }

    fn command(self, recommendation_id: Uuid) -> uc::CreatePart {
        uc::CreatePart {
            recommendation_id,
            label: self.label,
            text: self.text,
        }
    }
}

impl CreateRecommendation {
    fn command(self, review_id: Uuid) -> uc::CreateRecommendation {
        uc::CreateRecommendation {
            review_id,
            number: self.number,
            text: self.text,
            parts: self
                .parts
                .into_iter()
                .flatten()
                .map(NewPartInput::part)
                .collect(),
            split_parts: self.split_parts == Some(true),
        }
    }
}

impl UpdateRecommendation {
    fn command(self, id: Uuid, precondition: Precondition) -> uc::UpdateRecommendation {
        uc::UpdateRecommendation {
            id,
            precondition,
            number: self.number,
            text: self.text,
            position: self.position,
        }
    }
}

impl RecommendationReason {
    fn command(self, id: Uuid, precondition: Precondition) -> uc::RecommendationReason {
        uc::RecommendationReason {
            id,
            precondition,
            reason: self.reason,
        }
    }

    fn part_command(self, id: Uuid, precondition: Precondition) -> uc::WithdrawPart {
        uc::WithdrawPart {
            id,
            precondition,
            reason: self.reason,
        }
    }
}

impl UpdateRecommendationPart {
    fn command(self, id: Uuid, precondition: Precondition) -> uc::UpdatePart {
        uc::UpdatePart {
            id,
            precondition,
            label: self.label,
            text: self.text,
            position: self.position,
        }
    }
}
