//! Scrutiny reviews: the committee's investigation, from proposal to sign-off. The request bodies
//! live here and become the commands of `scrutiny_app::reviews`; one handler per file.
use crate::respond::double_option;
use scrutiny_app::reviews as app;
use scrutiny_domain::records::ReviewStatus;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

mod create;
mod get;
mod history;
mod list;
mod transition;
mod update;

pub use self::create::*;
pub use self::get::*;
pub use self::history::*;
pub use self::list::*;
pub use self::transition::*;
pub use self::update::*;

pub use scrutiny_app::views::reviews::Review;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewInclude {
    /// Comma-separated: `recommendations`, `decisions`, `action_plan`.
    pub include: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateReview {
    pub committee_id: Uuid,
    #[schema(example = "Police Communications in Stockton-on-Tees")]
    pub title: String,
    /// task_and_finish, in_depth or other ("Task & Finish" and "In-depth" are understood too).
    #[schema(example = "task_and_finish")]
    pub review_type: String,
    /// e.g. "2021-2022" (or "2021/22").
    pub work_programme_year: Option<String>,
    pub scrutiny_officer_id: Option<Uuid>,
    /// Contacts, in order.
    #[serde(default)]
    pub link_officer_ids: Vec<Uuid>,
    pub summary: Option<String>,
    /// The status it starts in (default proposed), for reviews recorded after the fact.
    pub status: Option<ReviewStatus>,
    /// The council's own reference ("2021/22-04"), unique within the council.
    #[schema(max_length = 100)]
    pub reference: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateReview {
    pub committee_id: Option<Uuid>,
    pub title: Option<String>,
    pub review_type: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub work_programme_year: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>, nullable)]
    pub scrutiny_officer_id: Option<Option<Uuid>>,
    pub link_officer_ids: Option<Vec<Uuid>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub summary: Option<Option<String>>,
    /// The council's own reference; `null` removes it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable, max_length = 100)]
    pub reference: Option<Option<String>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewTransition {
    /// The status to move to; it must be one of the review's `allowed_transitions`.
    pub to: ReviewStatus,
    /// Required when withdrawing.
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewFilter {
    pub committee_id: Option<Uuid>,
    #[param(value_type = Option<ReviewStatus>)]
    pub status: Option<String>,
    /// e.g. 2021-2022
    pub work_programme_year: Option<String>,
    /// Reviews with an action this organisation is responsible for.
    pub responsible_organisation_id: Option<Uuid>,
    /// The review with this reference (compared without case).
    #[param(max_length = 100)]
    pub reference: Option<String>,
}

impl From<ReviewFilter> for app::ReviewFilter {
    fn from(f: ReviewFilter) -> Self {
        app::ReviewFilter {
            committee_id: f.committee_id,
            status: f.status,
            work_programme_year: f.work_programme_year,
            responsible_organisation_id: f.responsible_organisation_id,
            reference: f.reference,
        }
    }
}

impl From<CreateReview> for app::CreateReview {
    fn from(b: CreateReview) -> Self {
        app::CreateReview {
            committee_id: b.committee_id,
            title: b.title,
            review_type: b.review_type,
            work_programme_year: b.work_programme_year,
            scrutiny_officer_id: b.scrutiny_officer_id,
            link_officer_ids: b.link_officer_ids,
            summary: b.summary,
            status: b.status,
            reference: b.reference,
        }
    }
}

/// The command of a PATCH: the body, the review and the version read.
pub(crate) fn update_command(
    id: Uuid,
    precondition: scrutiny_app::Precondition,
    b: UpdateReview,
) -> app::UpdateReview {
    app::UpdateReview {
        id,
        precondition,
        committee_id: b.committee_id,
        title: b.title,
        review_type: b.review_type,
        work_programme_year: b.work_programme_year,
        scrutiny_officer_id: b.scrutiny_officer_id,
        link_officer_ids: b.link_officer_ids,
        summary: b.summary,
        reference: b.reference,
    }
}
