//! The filters of a list of actions as given in a query string (the list's and the export's);
//! [`super::filter`] checks them.
use super::ActionQuery;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionFilter {
    pub review_id: Option<Uuid>,
    pub plan_id: Option<Uuid>,
    pub recommendation_id: Option<Uuid>,
    /// Actions this organisation owns (directly or through a contact of it).
    pub responsible_organisation_id: Option<Uuid>,
    #[param(value_type = Option<scrutiny_domain::status::ActionStatus>)]
    pub status: Option<String>,
    /// A milestone not yet met (no `completed_on`) due on or after this date ("2022-05",
    /// "2022-05-14", "May 2022"; a month counts from its first day).
    pub due_from: Option<String>,
    /// A milestone not yet met due on or before this date (a month counts to its last day).
    pub due_to: Option<String>,
    /// `true`: open actions with a milestone not completed and due before today.
    pub overdue: Option<bool>,
    /// Words to find in the proposed actions and status notes.
    pub q: Option<String>,
}

impl From<&ActionFilter> for ActionQuery {
    fn from(f: &ActionFilter) -> Self {
        ActionQuery {
            review_id: f.review_id,
            plan_id: f.plan_id,
            recommendation_id: f.recommendation_id,
            responsible_organisation_id: f.responsible_organisation_id,
            status: f.status.clone(),
            due_from: f.due_from.clone(),
            due_to: f.due_to.clone(),
            overdue: f.overdue == Some(true),
            q: f.q.clone(),
        }
    }
}
