//! Cabinet decision records: the resolutions mapped to a review's recommendations, and the
//! call-in period (docs/domain.md rule 7). The request bodies live here and become the commands of
//! `scrutiny_app::decisions`; one handler per file.
use crate::respond::double_option;
use scrutiny_app::decisions as app;
use scrutiny_domain::records::CallInState;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

mod call_in;
mod create;
mod get;
mod history;
mod list;
mod recompute;
mod update;

pub use self::call_in::*;
pub use self::create::*;
pub use self::get::*;
pub use self::history::*;
pub use self::list::*;
pub use self::recompute::*;
pub use self::update::*;

pub use scrutiny_app::views::decisions::{Agreement, CallIn, Decision, Resolution, ResolutionPart};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolutionPartInput {
    #[schema(example = "a")]
    pub label: String,
    pub text: String,
    /// A part of a recommendation of the same review.
    pub recommendation_part_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolutionInput {
    #[schema(example = "1")]
    pub number: String,
    pub text: String,
    /// A recommendation of the same review.
    pub recommendation_id: Option<Uuid>,
    #[serde(default)]
    pub parts: Vec<ResolutionPartInput>,
}

/// The call-in deadline as the document states it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatedCallInInput {
    #[schema(example = "Midnight - Friday 28th January 2022")]
    pub text: String,
    /// The instant the words mean (RFC 3339). When absent it is read from the text: the date
    /// words, and a time ("midnight" is 23:59 local; no time means the council's end time).
    #[schema(example = "2022-01-28T23:59:00Z")]
    pub deadline: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDecision {
    #[schema(example = "Cabinet")]
    pub body: String,
    /// yyyy-mm-dd.
    #[schema(example = "2022-01-20")]
    pub meeting_date: String,
    pub item_title: String,
    pub decision_text: Option<String>,
    #[serde(default)]
    pub resolutions: Vec<ResolutionInput>,
    pub reasons: Option<String>,
    pub alternatives: Option<String>,
    pub conflicts: Option<String>,
    pub dispensations: Option<String>,
    pub reference: Option<String>,
    pub key_decision: Option<bool>,
    /// yyyy-mm-dd; starts the call-in period.
    #[schema(example = "2022-01-24")]
    pub published_on: Option<String>,
    pub stated_call_in: Option<StatedCallInInput>,
}

/// Fields to change; `null` clears an optional one. `resolutions`, when given, replaces them all.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateDecision {
    pub body: Option<String>,
    pub meeting_date: Option<String>,
    pub item_title: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub decision_text: Option<Option<String>>,
    pub resolutions: Option<Vec<ResolutionInput>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub reasons: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub alternatives: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub conflicts: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub dispensations: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub reference: Option<Option<String>>,
    pub key_decision: Option<bool>,
    /// Changing it recomputes the call-in deadline.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub published_on: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<StatedCallInInput>)]
    pub stated_call_in: Option<Option<StatedCallInInput>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CallInTransition {
    pub to: CallInState,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DecisionFilter {
    pub review_id: Option<Uuid>,
    #[param(value_type = Option<CallInState>)]
    pub call_in_state: Option<String>,
    /// Meetings on or after this day (yyyy-mm-dd).
    pub meeting_from: Option<String>,
    /// Meetings on or before this day (yyyy-mm-dd).
    pub meeting_to: Option<String>,
}

// ---- bodies to commands --------------------------------------------------------------------

impl From<ResolutionPartInput> for app::ResolutionPartInput {
    fn from(p: ResolutionPartInput) -> Self {
        app::ResolutionPartInput {
            label: p.label,
            text: p.text,
            recommendation_part_id: p.recommendation_part_id,
        }
    }
}

impl From<ResolutionInput> for app::ResolutionInput {
    fn from(r: ResolutionInput) -> Self {
        app::ResolutionInput {
            number: r.number,
            text: r.text,
            recommendation_id: r.recommendation_id,
            parts: r.parts.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<StatedCallInInput> for app::StatedCallIn {
    fn from(s: StatedCallInInput) -> Self {
        app::StatedCallIn {
            text: s.text,
            deadline: s.deadline,
        }
    }
}

impl From<DecisionFilter> for app::DecisionFilter {
    fn from(f: DecisionFilter) -> Self {
        app::DecisionFilter {
            review_id: f.review_id,
            call_in_state: f.call_in_state,
            meeting_from: f.meeting_from,
            meeting_to: f.meeting_to,
        }
    }
}

fn resolutions(inputs: Vec<ResolutionInput>) -> Vec<app::ResolutionInput> {
    inputs.into_iter().map(Into::into).collect()
}

/// The command of a POST: the body and the review decided on.
pub(crate) fn create_command(review_id: Uuid, b: CreateDecision) -> app::CreateDecision {
    app::CreateDecision {
        review_id,
        body: b.body,
        meeting_date: b.meeting_date,
        item_title: b.item_title,
        decision_text: b.decision_text,
        resolutions: resolutions(b.resolutions),
        reasons: b.reasons,
        alternatives: b.alternatives,
        conflicts: b.conflicts,
        dispensations: b.dispensations,
        reference: b.reference,
        key_decision: b.key_decision,
        published_on: b.published_on,
        stated_call_in: b.stated_call_in.map(Into::into),
    }
}

/// The command of a PATCH: the body, the decision and the version read.
pub(crate) fn update_command(
    id: Uuid,
    precondition: scrutiny_app::Precondition,
    b: UpdateDecision,
) -> app::UpdateDecision {
    app::UpdateDecision {
        id,
        precondition,
        body: b.body,
        meeting_date: b.meeting_date,
        item_title: b.item_title,
        decision_text: b.decision_text,
        resolutions: b.resolutions.map(resolutions),
        reasons: b.reasons,
        alternatives: b.alternatives,
        conflicts: b.conflicts,
        dispensations: b.dispensations,
        reference: b.reference,
        key_decision: b.key_decision,
        published_on: b.published_on,
        stated_call_in: b.stated_call_in.map(|s| s.map(Into::into)),
    }
}
