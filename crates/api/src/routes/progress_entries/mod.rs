//! Progress entries: a partner's report on one recommendation (or one of its parts) in one
//! round, and its workflow: draft → submitted → (returned with comments → submitted)* →
//! validated by an officer → accepted by the committee (docs/domain.md rules 1–5). The workflow and
//! who may do what are `scrutiny_app::progress::entries`; these are the request bodies and one
//! handler per file.
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::respond::double_option;
use chrono::NaiveDate;
use scrutiny_app::progress::entries as uc;
use scrutiny_app::views::progress::{ImpactValue, KeyFigure};
use scrutiny_app::Precondition;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

mod accept;
mod assessments;
mod delete;
mod get;
mod history;
mod inbox;
mod list;
mod return_entry;
mod submit;
mod update;
mod validate;

pub use self::accept::*;
pub use self::assessments::*;
pub use self::delete::*;
pub use self::get::*;
pub use self::history::*;
pub use self::inbox::*;
pub use self::list::*;
pub use self::return_entry::*;
pub use self::submit::*;
pub use self::update::*;
pub use self::validate::*;

/// A change of an entry's content. Absent fields are left alone; `null` clears.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateProgressEntry {
    /// Evidence of progress, Markdown.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub progress: Option<Option<String>>,
    /// A grade code of the council's scale ("1".."4" by default), or a document form such as
    /// "3 (Slipped)".
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable, example = "3")]
    pub proposed_grade: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub proposed_explanation: Option<Option<String>>,
    pub impact: Option<ImpactValue>,
    /// Replaces the entry's key figures.
    pub key_figures: Option<Vec<KeyFigure>>,
    /// The reporting organisation (council officers only).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>, nullable)]
    pub organisation_id: Option<Option<Uuid>>,
}

/// Submitting (or resubmitting) an entry; the body may be omitted.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitEntry {
    /// A council officer recording a past update from its paper: evidence of impact may be left
    /// unrecorded, as the paper left it (docs/domain.md rule 3). Refused (403) to partners.
    #[serde(default)]
    pub from_document: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnEntry {
    /// What the partner should change.
    #[schema(example = "Please add the figures for the Southside wards.")]
    pub comments: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateEntry {
    /// The officer's grade.
    #[schema(example = "3")]
    pub grade: String,
    /// Required when the grade differs from the proposed one.
    pub reason: Option<String>,
    /// Required when the grade differs from the suggested one (the worst of the parts').
    pub override_reason: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptEntry {
    /// The committee's final grade; the officer's grade when absent.
    pub grade: Option<String>,
    /// The meeting that accepted it; the round's meeting date when absent.
    pub meeting_date: Option<NaiveDate>,
    #[schema(example = "CDSC 24/11/22 minute 7")]
    pub minute_reference: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntryQuery {
    pub round_id: Option<Uuid>,
    pub review_id: Option<Uuid>,
    pub recommendation_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    /// One state or several, comma-separated: `submitted,validated`.
    pub state: Option<String>,
    /// Only entries whose proposed, officer and accepted grades differ (true), or agree (false).
    pub grades_differ: Option<bool>,
    /// Only entries of open rounds.
    pub open_rounds: Option<bool>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssessmentQuery {
    /// `submitted` (to assess), `validated` (to take to committee), or both (the default).
    pub state: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

impl UpdateProgressEntry {
    pub fn command(self, id: Uuid, precondition: Precondition) -> uc::UpdateEntry {
        uc::UpdateEntry {
            id,
            precondition,
            progress: self.progress,
            proposed_grade: self.proposed_grade,
            proposed_explanation: self.proposed_explanation,
            impact: self.impact,
            key_figures: self.key_figures,
            organisation_id: self.organisation_id,
        }
    }
}

impl SubmitEntry {
    pub fn command(self, id: Uuid) -> uc::SubmitEntry {
        uc::SubmitEntry {
            id,
            from_document: self.from_document,
        }
    }
}

impl ReturnEntry {
    pub fn command(self, id: Uuid) -> uc::ReturnEntry {
        uc::ReturnEntry {
            id,
            comments: self.comments,
        }
    }
}

impl ValidateEntry {
    pub fn command(self, id: Uuid) -> uc::ValidateEntry {
        uc::ValidateEntry {
            id,
            grade: self.grade,
            reason: self.reason,
            override_reason: self.override_reason,
        }
    }
}

impl AcceptEntry {
    pub fn command(self, id: Uuid) -> uc::AcceptEntry {
        uc::AcceptEntry {
            id,
            grade: self.grade,
            meeting_date: self.meeting_date,
            minute_reference: self.minute_reference,
        }
    }
}

impl EntryQuery {
    pub fn command(self) -> Result<uc::EntryListQuery, ApiError> {
        let page = PageParams {
            limit: self.limit,
            cursor: self.cursor,
        }
        .request()?;
        Ok(uc::EntryListQuery {
            round_id: self.round_id,
            review_id: self.review_id,
            recommendation_id: self.recommendation_id,
            organisation_id: self.organisation_id,
            state: self.state,
            grades_differ: self.grades_differ,
            open_rounds: self.open_rounds,
            page,
        })
    }
}
