//! Statutory responses as the API shows them: who responds to a review's report, by when, and
//! their answer to each recommendation put to them (docs/domain.md, "Statutory responses").
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use scrutiny_db::queries::statutory_responses as q;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::responses::{self as rules, ResponderKind, ResponseState, Verdict};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

/// The answer to one recommendation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResponseItem {
    pub recommendation_id: Uuid,
    #[schema(example = "2")]
    pub recommendation_number: String,
    pub recommendation_text: String,
    /// Absent until the responder answers.
    pub verdict: Option<Verdict>,
    /// Why not (fully) accepted; required then.
    pub reasons: Option<String>,
    /// What the responder proposes to do.
    pub proposed_action: Option<String>,
}

/// One responder's statutory response to a review's report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatutoryResponse {
    pub id: Uuid,
    pub council_id: Uuid,
    pub review_id: Uuid,
    #[schema(example = "Police Communications in Stockton-on-Tees")]
    pub review_title: String,
    pub responder_kind: ResponderKind,
    /// The council itself for the executive; the partner otherwise.
    pub organisation_id: Uuid,
    #[schema(example = "Cleveland Police")]
    pub organisation_name: String,
    /// As the papers name the responder: "Cabinet", "Cleveland Police".
    #[schema(example = "Cabinet")]
    pub responder_name: String,
    /// The day the responder received the report: the period runs from it.
    #[schema(example = "2022-01-20")]
    pub report_received_on: NaiveDate,
    /// The last day of the period (the council's setting for this kind of responder, unless an
    /// officer set another).
    #[schema(example = "2022-03-20")]
    pub due_on: NaiveDate,
    pub state: ResponseState,
    /// Awaited and past its due day, in the council's time zone.
    pub overdue: bool,
    pub summary: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
    /// The recommendations put to the responder, in the report's order.
    pub items: Vec<ResponseItem>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// Someone who must respond to the report and has no response recorded yet.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExpectedResponder {
    pub responder_kind: ResponderKind,
    pub organisation_id: Uuid,
    #[schema(example = "Cleveland Police")]
    pub name: String,
    /// The recommendations that name it (all of them for the executive).
    pub recommendation_ids: Vec<Uuid>,
    /// The period the council's settings give it, in words: "2 months", "28 days".
    #[schema(example = "28 days")]
    pub period: String,
}

/// A review's responses tracker: the responses recorded, and who else must respond.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResponseTracker {
    pub items: Vec<StatutoryResponse>,
    /// Always absent: a review has one response per responder, all on one page.
    pub next_cursor: Option<String>,
    /// Who must respond and has no response recorded yet (council staff only; empty for others).
    pub expected: Vec<ExpectedResponder>,
}

/// Shows response rows with their items, organisations and review titles in a bounded number of
/// queries (three, whatever the number of rows).
pub async fn dtos(
    conn: &mut AsyncPgConnection,
    rows: Vec<q::ResponseRow>,
    today: NaiveDate,
) -> Result<Vec<StatutoryResponse>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut items: HashMap<Uuid, Vec<ResponseItem>> = HashMap::new();
    for i in q::items_of(conn, &ids).await? {
        items.entry(i.response_id).or_default().push(ResponseItem {
            recommendation_id: i.recommendation_id,
            recommendation_number: i.recommendation_number,
            recommendation_text: i.recommendation_text,
            verdict: i.verdict.and_then(|v| v.parse().ok()),
            reasons: i.reasons,
            proposed_action: i.proposed_action,
        });
    }
    let mut orgs: Vec<Uuid> = rows.iter().map(|r| r.organisation_id).collect();
    orgs.sort();
    orgs.dedup();
    let names: HashMap<Uuid, String> = q::organisation_names(conn, &orgs)
        .await?
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect();
    let mut reviews: Vec<Uuid> = rows.iter().map(|r| r.review_id).collect();
    reviews.sort();
    reviews.dedup();
    let titles: HashMap<Uuid, String> = q::review_titles(conn, &reviews)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let state = r.state.parse().unwrap_or(ResponseState::Awaited);
            StatutoryResponse {
                id: r.id,
                council_id: r.council_id,
                review_id: r.review_id,
                review_title: titles.get(&r.review_id).cloned().unwrap_or_default(),
                responder_kind: r.responder_kind.parse().unwrap_or(ResponderKind::Partner),
                organisation_id: r.organisation_id,
                organisation_name: names.get(&r.organisation_id).cloned().unwrap_or_default(),
                responder_name: r.responder_name,
                report_received_on: r.report_received_on,
                due_on: r.due_on,
                state,
                overdue: rules::is_overdue(state, r.due_on, today),
                summary: r.summary,
                received_on: r.received_on,
                published_on: r.published_on,
                items: items.remove(&r.id).unwrap_or_default(),
                created_at: r.created_at,
                updated_at: r.updated_at,
                version: r.version,
            }
        })
        .collect())
}

/// One response row shown.
pub async fn dto(
    conn: &mut AsyncPgConnection,
    row: q::ResponseRow,
    today: NaiveDate,
) -> Result<StatutoryResponse, AppError> {
    dtos(conn, vec![row], today)
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}
