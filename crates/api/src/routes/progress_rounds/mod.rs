//! Progress rounds: one monitoring update of one review ("November 2022"), with the committee
//! meeting it goes to, a deadline for partners and the recommendations it covers (docs/domain.md rules
//! 5 and 6). Opening a round makes one draft entry per covered recommendation (and, on request,
//! per part) for the organisation responsible for it. Also the dashboard. The workflow is
//! `scrutiny_app::progress::rounds`; these are the request bodies and one handler per file.
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::respond::double_option;
use chrono::NaiveDate;
use scrutiny_app::progress::rounds::{
    AddRoundEntry as AddEntryCommand, OpenRound, RoundListQuery, UpdateRound,
};
use scrutiny_app::Precondition;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

mod add_entry;
mod entries;
mod get;
mod get_dashboard;
mod history;
mod list;
mod list_of_review;
mod open;
mod propose;
mod update;

pub use self::add_entry::*;
pub use self::entries::*;
pub use self::get::*;
pub use self::get_dashboard::*;
pub use self::history::*;
pub use self::list::*;
pub use self::list_of_review::*;
pub use self::open::*;
pub use self::propose::*;
pub use self::update::*;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProgressRound {
    /// As papers name the update; by default the month of the meeting (or of the deadline):
    /// "November 2022".
    #[schema(example = "November 2022")]
    pub label: Option<String>,
    /// When partners' entries are due.
    pub deadline: NaiveDate,
    /// The committee meeting the update goes to.
    pub meeting_date: Option<NaiveDate>,
    /// The recommendations to cover; by default every one still open (all of them in the first
    /// round; later, those not yet closed).
    pub recommendation_ids: Option<Vec<Uuid>>,
    /// Also ask for an entry per part of recommendations that have parts (each graded on its
    /// own; the recommendation's suggested grade is the worst of them).
    #[serde(default)]
    pub include_parts: bool,
}

impl NewProgressRound {
    pub fn command(self, review_id: Uuid) -> OpenRound {
        OpenRound {
            review_id,
            label: self.label,
            deadline: self.deadline,
            meeting_date: self.meeting_date,
            recommendation_ids: self.recommendation_ids,
            include_parts: self.include_parts,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    pub review_id: Option<Uuid>,
    pub committee_id: Option<Uuid>,
    #[param(value_type = Option<scrutiny_domain::status::RoundStatus>)]
    pub status: Option<String>,
    /// Deadlines on or after this day.
    pub deadline_from: Option<NaiveDate>,
    /// Deadlines on or before this day.
    pub deadline_to: Option<NaiveDate>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Absent fields are left alone; `null` clears a nullable one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateProgressRound {
    pub label: Option<String>,
    pub deadline: Option<NaiveDate>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub meeting_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub minute_reference: Option<Option<String>>,
}

impl UpdateProgressRound {
    pub fn command(self, id: Uuid, precondition: Precondition) -> UpdateRound {
        UpdateRound {
            id,
            precondition,
            label: self.label,
            deadline: self.deadline,
            meeting_date: self.meeting_date,
            minute_reference: self.minute_reference,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddRoundEntry {
    pub recommendation_id: Uuid,
    /// For an entry on one part of the recommendation.
    pub part_id: Option<Uuid>,
    /// Who reports; by default the organisation the recommendation's actions name first.
    pub organisation_id: Option<Uuid>,
}

impl AddRoundEntry {
    pub fn command(self, round_id: Uuid) -> AddEntryCommand {
        AddEntryCommand {
            round_id,
            recommendation_id: self.recommendation_id,
            part_id: self.part_id,
            organisation_id: self.organisation_id,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// The day to count overdue and due-soon from; today by default.
    pub on: Option<NaiveDate>,
}

impl RoundQuery {
    pub fn command(self) -> Result<RoundListQuery, ApiError> {
        let page = PageParams {
            limit: self.limit,
            cursor: self.cursor,
        }
        .request()?;
        Ok(RoundListQuery {
            review_id: self.review_id,
            committee_id: self.committee_id,
            status: self.status,
            deadline_from: self.deadline_from,
            deadline_to: self.deadline_to,
            page,
        })
    }
}
