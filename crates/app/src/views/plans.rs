//! Action plans as the API shows them: read whole, their actions in order, each with its owners
//! and milestones (four queries in all); and the amendments of an agreed plan.
use crate::error::AppError;
use crate::input::stored_date;
use crate::views::actions::{self, Action};
use chrono::{DateTime, NaiveDate, Utc};
use scrutiny_db::queries::action_plans as q;
use scrutiny_db::queries::actions as actions_q;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::status::PlanStatus;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A plan with its actions in order, each with its owners and milestones.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionPlan {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    #[schema(example = "Action plan: Review of Police Communications in Stockton-on-Tees")]
    pub title: Option<String>,
    /// When the committee agreed the plan, as given: ISO `2022-03` (a month) or `2022-03-15`.
    #[schema(example = "2022-03")]
    pub agreed_on: Option<String>,
    /// `month` or `day`.
    #[schema(example = "month")]
    pub agreed_on_precision: Option<String>,
    /// The agreed date as documents write it.
    #[schema(example = "March 2022")]
    pub agreed_on_display: Option<String>,
    pub status: PlanStatus,
    pub signed_off_on: Option<NaiveDate>,
    pub signed_off_reason: Option<String>,
    /// How many amendments were made after the plan was agreed.
    pub amendment_count: i32,
    pub actions: Vec<Action>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl ActionPlan {
    pub fn new(row: q::ActionPlan, actions: Vec<Action>) -> Self {
        let agreed = stored_date(row.agreed_on, row.agreed_on_precision.as_deref());
        Self {
            id: row.id,
            council_id: row.council_id,
            review_id: row.review_id,
            title: row.title,
            agreed_on: agreed.map(|d| d.to_iso()),
            agreed_on_precision: agreed.map(|d| d.precision().as_str().to_owned()),
            agreed_on_display: agreed.map(|d| d.to_string()),
            status: row.status,
            signed_off_on: row.signed_off_on,
            signed_off_reason: row.signed_off_reason,
            amendment_count: row.amendment_count,
            actions,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

/// One amendment of an agreed plan, with the plan as it stood before it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Amendment {
    pub id: Uuid,
    /// 1 for the first amendment after the plan was agreed.
    pub number: i32,
    #[schema(example = "Milestone moved after the protocol was delayed")]
    pub reason: String,
    pub created_at: DateTime<Utc>,
    /// Who made the amendment.
    pub created_by: String,
    /// The whole plan (an `ActionPlan`) before the amendment.
    #[schema(value_type = Object)]
    pub previous: serde_json::Value,
}

impl From<q::Amendment> for Amendment {
    fn from(row: q::Amendment) -> Self {
        Self {
            id: row.id,
            number: row.number,
            reason: row.reason,
            created_at: row.created_at,
            created_by: row.created_by,
            previous: row.previous,
        }
    }
}

/// The plan with its actions, owners and milestones: four queries in all.
pub async fn load(
    conn: &mut AsyncPgConnection,
    row: q::ActionPlan,
) -> Result<ActionPlan, AppError> {
    let rows = actions_q::for_plan(conn, row.id).await?;
    let actions = actions::assemble(conn, rows).await?;
    Ok(ActionPlan::new(row, actions))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_dates_keep_their_precision() {
        let march = stored_date(NaiveDate::from_ymd_opt(2022, 3, 1), Some("month")).unwrap();
        assert_eq!(march.to_string(), "March 2022");
        assert_eq!(march.to_iso(), "2022-03");
        let day = stored_date(NaiveDate::from_ymd_opt(2022, 3, 15), Some("day")).unwrap();
        assert_eq!(day.to_string(), "15 March 2022");
        assert_eq!(stored_date(None, None), None);
    }
}
