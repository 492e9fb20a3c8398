//! Recommendations as the API shows them: with their parts and the actions of the action plan
//! that answer them (owners and milestones), loaded in a bounded number of queries whatever the
//! number of recommendations (`scrutiny_db::queries::recommendations::load_details`).
use crate::error::AppError;
use crate::input::stored_date;
use chrono::{DateTime, Utc};
use scrutiny_db::queries::recommendations as q;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::status::{ActionStatus, RecommendationStatus};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct Recommendation {
    pub id: Uuid,
    pub review_id: Uuid,
    pub council_id: Uuid,
    /// Its number within the review, as the report gives it.
    #[schema(example = "2")]
    pub number: String,
    /// The recommendation, or the lead-in to its parts.
    #[schema(
        example = "As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:"
    )]
    pub text: String,
    /// Its place in the review's order.
    pub position: i32,
    pub status: RecommendationStatus,
    /// Why the committee closed it.
    pub closed_reason: Option<String>,
    pub withdrawn_reason: Option<String>,
    pub parts: Vec<RecommendationPart>,
    /// The actions of the action plan that answer it.
    pub actions: Vec<ActionSummary>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
    /// In a list searched with `q`: where it holds the words (its own text first, then its parts
    /// and actions in order; at most three passages). Absent elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matches: Option<Vec<SearchExcerpt>>,
}

/// What a search found words in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExcerptSource {
    Recommendation,
    Part,
    Action,
}

/// A passage holding words searched for, in pieces: the words found are `matched`. Passages far
/// apart in the same text are joined by a piece " … ".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct SearchExcerpt {
    pub source: ExcerptSource,
    /// The part's or action's id; the recommendation's own for `recommendation`.
    pub source_id: Uuid,
    pub segments: Vec<TextSegment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TextSegment {
    pub text: String,
    /// A word searched for.
    pub matched: bool,
}

/// The pieces of a passage marked by `ts_headline` (see [`q::Excerpt`]): a word found between
/// `\u{2}` and `\u{3}`, passages joined by `\u{1f}`. Adjacent pieces of the same kind are merged;
/// a stray or unclosed mark ends or starts a match and is dropped.
pub fn segments(marked: &str) -> Vec<TextSegment> {
    let mut out: Vec<TextSegment> = Vec::new();
    let mut push = |text: &str, matched: bool| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.matched == matched => last.text.push_str(text),
            _ => out.push(TextSegment {
                text: text.to_owned(),
                matched,
            }),
        }
    };
    for (i, passage) in marked.split('\u{1f}').enumerate() {
        if i > 0 {
            push(" … ", false);
        }
        let mut matched = false;
        for piece in passage.split_inclusive(['\u{2}', '\u{3}']) {
            let (text, mark) = match piece.chars().last() {
                Some(c @ ('\u{2}' | '\u{3}')) => (&piece[..piece.len() - 1], Some(c)),
                _ => (piece, None),
            };
            push(text, matched);
            matched = mark == Some('\u{2}');
        }
    }
    out
}

/// The excerpts of each recommendation, in the order given.
pub fn excerpts_by_recommendation(
    rows: Vec<q::Excerpt>,
) -> std::collections::HashMap<Uuid, Vec<SearchExcerpt>> {
    let mut by: std::collections::HashMap<Uuid, Vec<SearchExcerpt>> = Default::default();
    for row in rows {
        let source = match row.source.as_str() {
            "part" => ExcerptSource::Part,
            "action" => ExcerptSource::Action,
            _ => ExcerptSource::Recommendation,
        };
        by.entry(row.recommendation_id)
            .or_default()
            .push(SearchExcerpt {
                source,
                source_id: row.source_id,
                segments: segments(&row.marked),
            });
    }
    by
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationPart {
    pub id: Uuid,
    pub recommendation_id: Uuid,
    #[schema(example = "a")]
    pub label: String,
    pub position: i32,
    #[schema(
        example = "Cleveland Police promotes the need for regular and Ward-specific engagement with SBC Ward Councillors amongst its internal workforce"
    )]
    pub text: String,
    /// Set when the part is withdrawn; the part stays, with the reason.
    pub withdrawn_reason: Option<String>,
    pub version: i32,
}

/// An action of the action plan, as a recommendation shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionSummary {
    pub id: Uuid,
    /// The part it answers, when it answers one part only.
    pub part_id: Option<Uuid>,
    pub proposed_actions: String,
    pub status: ActionStatus,
    /// The Responsibility cell as written.
    #[schema(example = "Cleveland Police")]
    pub responsibility_text: Option<String>,
    /// "All" partners are responsible.
    pub responsible_all: bool,
    pub owners: Vec<ActionSummaryOwner>,
    pub milestones: Vec<ActionSummaryMilestone>,
}

/// Who is responsible for an action: an organisation, a named person, or both.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionSummaryOwner {
    pub organisation_id: Option<Uuid>,
    #[schema(example = "Cleveland Police")]
    pub organisation_name: Option<String>,
    pub contact_id: Option<Uuid>,
    #[schema(example = "C/Supt Lang")]
    pub contact_name: Option<String>,
}

/// A due date of an action, given to the month or to the day, or only a label.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionSummaryMilestone {
    /// ISO 8601 to the precision given: "2022-05" or "2022-05-14"; absent when blank.
    #[schema(example = "2022-05")]
    pub date: Option<String>,
    /// The date as documents write it.
    #[schema(example = "May 2022")]
    pub display: Option<String>,
    #[schema(example = "Development of protocol")]
    pub label: Option<String>,
}

impl From<q::Part> for RecommendationPart {
    fn from(row: q::Part) -> Self {
        Self {
            id: row.id,
            recommendation_id: row.recommendation_id,
            label: row.label,
            position: row.position,
            text: row.text,
            withdrawn_reason: row.withdrawn_reason,
            version: row.version,
        }
    }
}

impl From<q::Milestone> for ActionSummaryMilestone {
    fn from(row: q::Milestone) -> Self {
        let date = stored_date(row.due_on, row.due_precision.as_deref());
        Self {
            date: date.map(|d| d.to_iso()),
            display: date.map(|d| d.to_string()),
            label: row.label,
        }
    }
}

impl From<q::ActionDetail> for ActionSummary {
    fn from(detail: q::ActionDetail) -> Self {
        let a = detail.action;
        Self {
            id: a.id,
            part_id: a.part_id,
            proposed_actions: a.proposed_actions,
            status: a.status,
            responsibility_text: a.responsibility_text,
            responsible_all: a.responsible_all,
            owners: detail
                .owners
                .into_iter()
                .map(|o| ActionSummaryOwner {
                    organisation_id: o.organisation_id,
                    organisation_name: o.organisation_name,
                    contact_id: o.contact_id,
                    contact_name: o.contact_name,
                })
                .collect(),
            milestones: detail
                .milestones
                .into_iter()
                .map(ActionSummaryMilestone::from)
                .collect(),
        }
    }
}

impl From<q::RecommendationDetail> for Recommendation {
    fn from(detail: q::RecommendationDetail) -> Self {
        let r = detail.recommendation;
        Self {
            id: r.id,
            review_id: r.review_id,
            council_id: r.council_id,
            number: r.number,
            text: r.text,
            position: r.position,
            status: r.status,
            closed_reason: r.closed_reason,
            withdrawn_reason: r.withdrawn_reason,
            parts: detail
                .parts
                .into_iter()
                .map(RecommendationPart::from)
                .collect(),
            actions: detail
                .actions
                .into_iter()
                .map(ActionSummary::from)
                .collect(),
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
            matches: None,
        }
    }
}

/// A recommendation as the API shows it, with its parts and actions.
pub async fn load(
    conn: &mut AsyncPgConnection,
    row: q::Recommendation,
) -> Result<Recommendation, AppError> {
    Ok(Recommendation::from(q::detail(conn, row).await?))
}

/// Recommendations as the API shows them, in the order given: four queries whatever their number.
pub async fn load_many(
    conn: &mut AsyncPgConnection,
    rows: Vec<q::Recommendation>,
) -> Result<Vec<Recommendation>, AppError> {
    Ok(q::load_details(conn, rows)
        .await?
        .into_iter()
        .map(Recommendation::from)
        .collect())
}

#[cfg(test)]
mod excerpt_tests {
    use super::*;

    fn seg(text: &str, matched: bool) -> TextSegment {
        TextSegment {
            text: text.into(),
            matched,
        }
    }

    #[test]
    fn marks_become_matched_pieces_and_passages_are_joined() {
        assert_eq!(
            segments("Street \u{2}lighting\u{3} is \u{2}improved\u{3}"),
            [
                seg("Street ", false),
                seg("lighting", true),
                seg(" is ", false),
                seg("improved", true)
            ]
        );
        assert_eq!(
            segments("a \u{2}b\u{3}\u{1f}\u{2}c\u{3} d"),
            [
                seg("a ", false),
                seg("b", true),
                seg(" … ", false),
                seg("c", true),
                seg(" d", false)
            ]
        );
    }

    #[test]
    fn stray_marks_lose_nothing_and_add_nothing() {
        for marked in [
            "",
            "\u{2}",
            "\u{3}x",
            "x\u{2}",
            "\u{2}\u{2}a\u{3}\u{3}",
            "ü\u{2}ß\u{3}é",
        ] {
            let pieces = segments(marked);
            let text: String = pieces.iter().map(|p| p.text.as_str()).collect();
            let plain: String = marked
                .chars()
                .filter(|c| !matches!(c, '\u{2}' | '\u{3}'))
                .collect();
            assert_eq!(text, plain, "{marked:?}");
            assert!(pieces.iter().all(|p| !p.text.is_empty()));
            assert!(pieces.windows(2).all(|w| w[0].matched != w[1].matched));
        }
        assert_eq!(segments("ü\u{2}ß\u{3}é")[1], seg("ß", true));
    }
}
