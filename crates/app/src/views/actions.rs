//! Actions as the API shows them: with their owners and milestones, loaded in two queries
//! whatever the number of actions.
use crate::error::AppError;
use crate::input::stored_date;
use chrono::{DateTime, NaiveDate, Utc};
use scrutiny_db::queries::actions::{self as q, ActionRow};
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::dates;
use scrutiny_domain::status::ActionStatus;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

/// Who is responsible for an action: an organisation, or a named person (a contact, with their
/// organisation when known).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Owner {
    pub organisation_id: Option<Uuid>,
    #[schema(example = "Cleveland Police")]
    pub organisation_name: Option<String>,
    pub contact_id: Option<Uuid>,
    #[schema(example = "C/Supt Lang")]
    pub contact_name: Option<String>,
}

impl From<q::OwnerRow> for Owner {
    fn from(row: q::OwnerRow) -> Self {
        Self {
            organisation_id: row.organisation_id,
            organisation_name: row.organisation_name,
            contact_id: row.contact_id,
            contact_name: row.contact_name,
        }
    }
}

/// One due date of an action, as the document gives it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Milestone {
    pub id: Uuid,
    /// ISO `2022-05` (a month) or `2022-05-14` (a day); null when no date was given.
    #[schema(example = "2022-05")]
    pub date: Option<String>,
    /// `month` or `day`; null without a date.
    #[schema(example = "month")]
    pub precision: Option<String>,
    /// The date as documents write it ("May 2022", "14 October 2022"), or the label when there
    /// is no date.
    #[schema(example = "May 2022")]
    pub display: Option<String>,
    #[schema(example = "Development of protocol")]
    pub label: Option<String>,
    /// The milestone written the document's way.
    #[schema(example = "May 2022 (Development of protocol)")]
    pub text: String,
    /// The last day of the period: due by the end of a month given to the month.
    #[schema(example = "2022-05-31")]
    pub due_by: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
}

impl From<q::Milestone> for Milestone {
    fn from(row: q::Milestone) -> Self {
        let date = stored_date(row.due_on, row.due_precision.as_deref());
        let text = dates::Milestone::new(date, row.label.as_deref()).canonical_text();
        Self {
            id: row.id,
            date: date.map(|d| d.to_iso()),
            precision: date.map(|d| d.precision().as_str().to_owned()),
            display: date.map(|d| d.to_string()).or_else(|| row.label.clone()),
            label: row.label,
            text,
            due_by: row.due_by,
            completed_on: row.completed_on,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Action {
    pub id: Uuid,
    pub council_id: Uuid,
    pub plan_id: Uuid,
    pub review_id: Uuid,
    pub recommendation_id: Uuid,
    #[schema(example = "2")]
    pub recommendation_number: String,
    pub part_id: Option<Uuid>,
    #[schema(example = "a")]
    pub part_label: Option<String>,
    /// Order within the plan.
    pub position: i32,
    /// As written, bullets and line breaks kept.
    pub proposed_actions: String,
    pub success_measures: Vec<String>,
    pub owners: Vec<Owner>,
    /// The Responsibility cell as written ("Cleveland Police", "C/Supt Lang", "All").
    #[schema(example = "Cleveland Police")]
    pub responsibility_text: Option<String>,
    /// Every partner of the review is responsible ("All").
    pub responsible_all: bool,
    pub milestones: Vec<Milestone>,
    /// Free-text progress notes ("Action complete").
    pub status_notes: Option<String>,
    pub status: ActionStatus,
    pub withdrawn_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Action {
    pub fn new(row: ActionRow, owners: Vec<Owner>, milestones: Vec<Milestone>) -> Self {
        let a = row.action;
        Self {
            id: a.id,
            council_id: a.council_id,
            plan_id: a.plan_id,
            review_id: a.review_id,
            recommendation_id: a.recommendation_id,
            recommendation_number: row.recommendation_number,
            part_id: a.part_id,
            part_label: row.part_label,
            position: a.position,
            proposed_actions: a.proposed_actions,
            success_measures: a.success_measures,
            owners,
            responsibility_text: a.responsibility_text,
            responsible_all: a.responsible_all,
            milestones,
            status_notes: a.status_notes,
            status: a.status,
            withdrawn_reason: a.withdrawn_reason,
            created_at: a.created_at,
            updated_at: a.updated_at,
            version: a.version,
        }
    }
}

/// Gives actions their owners and milestones: two queries for any number of actions.
pub async fn assemble(
    conn: &mut AsyncPgConnection,
    rows: Vec<ActionRow>,
) -> Result<Vec<Action>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.action.id).collect();
    let mut owners: HashMap<Uuid, Vec<Owner>> = HashMap::new();
    for row in q::owners(conn, &ids).await? {
        owners.entry(row.action_id).or_default().push(row.into());
    }
    let mut milestones: HashMap<Uuid, Vec<Milestone>> = HashMap::new();
    for row in q::milestones(conn, &ids).await? {
        milestones
            .entry(row.action_id)
            .or_default()
            .push(row.into());
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.action.id;
            Action::new(
                row,
                owners.remove(&id).unwrap_or_default(),
                milestones.remove(&id).unwrap_or_default(),
            )
        })
        .collect())
}

/// One action with its owners and milestones (three queries), whoever may see it.
pub async fn load_one(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Action, AppError> {
    let row = q::find_row(conn, id).await?;
    let mut actions = assemble(conn, vec![row]).await?;
    actions.pop().ok_or(AppError::NotFound)
}
