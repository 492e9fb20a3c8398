//! Statutory responses to a review's report: who must respond (the executive; each responsible
//! partner), by when, and the response to each recommendation (docs/domain.md, "Statutory
//! responses"). Who may do what is `scrutiny_app::responses`; these are the request bodies and one
//! handler per file.
use crate::error::ApiError;
use crate::extract::PageParams;
use crate::respond::double_option;
use scrutiny_app::responses as uc;
use scrutiny_app::Precondition;
use scrutiny_domain::responses::{ResponderKind, ResponseState, Verdict};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

mod create;
mod delete;
mod get;
mod history;
mod list;
mod publish;
mod receive;
mod tracker;
mod update;

pub use self::create::*;
pub use self::delete::*;
pub use self::get::*;
pub use self::history::*;
pub use self::list::*;
pub use self::publish::*;
pub use self::receive::*;
pub use self::tracker::*;
pub use self::update::*;

pub use scrutiny_app::views::responses::{
    ExpectedResponder, ResponseItem, ResponseTracker, StatutoryResponse,
};

/// Who must respond to the report, and from when.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateStatutoryResponse {
    #[schema(value_type = ResponderKind)]
    pub responder_kind: String,
    /// The partner organisation (required for a partner; the executive is the council itself).
    pub organisation_id: Option<Uuid>,
    /// As the papers name the responder; default "Cabinet" for the executive, else the partner's
    /// name.
    #[schema(example = "Cabinet", max_length = 200)]
    pub responder_name: Option<String>,
    /// The day the responder received the report (yyyy-mm-dd): the period runs from it.
    #[schema(example = "2022-01-20", format = Date)]
    pub report_received_on: String,
    /// The recommendations put to the responder; default all the review's for the executive,
    /// those that name the partner for a partner.
    pub recommendation_ids: Option<Vec<Uuid>>,
}

/// The answer to one recommendation. Absent fields are left alone; `null` clears.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseItemInput {
    pub recommendation_id: Uuid,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Verdict>, nullable)]
    pub verdict: Option<Option<String>>,
    /// Why not (fully) accepted.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable, max_length = 20000)]
    pub reasons: Option<Option<String>>,
    /// What the responder proposes to do.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable, max_length = 20000)]
    pub proposed_action: Option<Option<String>>,
}

/// A change of a response. The responder writes the summary and the answers; the council's
/// staff may also correct the responder's name, the day the report was received (which moves
/// the due day) and the due day itself.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateStatutoryResponse {
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable, max_length = 20000)]
    pub summary: Option<Option<String>>,
    pub items: Option<Vec<ResponseItemInput>>,
    #[schema(max_length = 200)]
    pub responder_name: Option<String>,
    #[schema(example = "2022-01-20", format = Date)]
    pub report_received_on: Option<String>,
    /// Another due day (an extension the council agreed).
    #[schema(example = "2022-03-31", format = Date)]
    pub due_on: Option<String>,
}

/// Recording the response as received; the body may be omitted.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceiveStatutoryResponse {
    /// The day it was received, for an officer recording one received on paper; today when
    /// absent. Refused to a partner submitting its own (it is received today).
    #[schema(example = "2022-03-14", format = Date)]
    pub received_on: Option<String>,
}

/// Publishing a received response; the body may be omitted.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishStatutoryResponse {
    /// Today when absent.
    #[schema(example = "2022-03-24", format = Date)]
    pub published_on: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatutoryResponseQuery {
    pub review_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    /// One state or several, comma-separated: `awaited,received`.
    #[param(value_type = Option<ResponseState>)]
    pub state: Option<String>,
    /// Only awaited responses past their due day.
    pub overdue: Option<bool>,
    /// How many items to return, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

impl StatutoryResponseQuery {
    pub fn command(self) -> Result<uc::ResponseListQuery, ApiError> {
        let page = PageParams {
            limit: self.limit,
            cursor: self.cursor,
        }
        .request()?;
        Ok(uc::ResponseListQuery {
            review_id: self.review_id,
            organisation_id: self.organisation_id,
            state: self.state,
            overdue: self.overdue,
            page,
        })
    }
}

impl CreateStatutoryResponse {
    pub fn command(self, review_id: Uuid) -> uc::CreateResponse {
        uc::CreateResponse {
            review_id,
            responder_kind: self.responder_kind,
            organisation_id: self.organisation_id,
            responder_name: self.responder_name,
            report_received_on: self.report_received_on,
            recommendation_ids: self.recommendation_ids,
        }
    }
}

impl UpdateStatutoryResponse {
    pub fn command(self, id: Uuid, precondition: Precondition) -> uc::UpdateResponse {
        uc::UpdateResponse {
            id,
            precondition,
            summary: self.summary,
            items: self.items.map(|items| {
                items
                    .into_iter()
                    .map(|i| uc::ItemInput {
                        recommendation_id: i.recommendation_id,
                        verdict: i.verdict,
                        reasons: i.reasons,
                        proposed_action: i.proposed_action,
                    })
                    .collect()
            }),
            responder_name: self.responder_name,
            report_received_on: self.report_received_on,
            due_on: self.due_on,
        }
    }
}
