//! Lists of recommendations: across reviews with filters, or a review's, keyset-paged in the
//! order asked for.
use crate::access;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, Page, PageRequest};
use crate::principal::ANY_ROLE;
use crate::views::recommendations::{excerpts_by_recommendation, Recommendation};
use chrono::{DateTime, NaiveDate, Utc};
use scrutiny_db::queries::recommendations::{self as q, After, Sort};
use scrutiny_domain::status::RecommendationStatus;
use scrutiny_domain::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;
use uuid::Uuid;

/// The filters of a list of recommendations, as given (the query string of the list and of the
/// exports); [`parse_filter`] checks them.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecommendationFilter {
    pub review_id: Option<Uuid>,
    pub committee_id: Option<Uuid>,
    #[param(value_type = Option<RecommendationStatus>)]
    pub status: Option<String>,
    /// An organisation named as an owner of one of its actions.
    pub responsible_organisation_id: Option<Uuid>,
    /// A milestone of one of its actions is due on or after this day (YYYY-MM-DD; a month-precision
    /// milestone is due at the end of its month).
    pub due_from: Option<String>,
    /// ...and on or before this day (YYYY-MM-DD).
    pub due_to: Option<String>,
    /// Only those with a milestone of an open action past due and not complete.
    pub overdue: Option<bool>,
    /// Words to find in the recommendation, its parts or its actions (web search syntax:
    /// `"exact phrase"`, `or`, `-not`).
    pub q: Option<String>,
    /// `position` (by review, then position), `updated` (latest change first) or `relevance` (the
    /// best match for `q` first: words in the recommendation itself count most, then in its
    /// parts, then in its actions). The default is `relevance` with `q`, `position` without
    /// (`relevance` without `q` is `position`: there is nothing to rank).
    pub sort: Option<String>,
}

fn parse_day(errors: &mut ValidationErrors, field: &str, raw: Option<&str>) -> Option<NaiveDate> {
    raw.and_then(|raw| {
        errors.check(
            field,
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .map_err(|_| "must be a date such as 2022-09-30"),
        )
    })
}

/// The list's filters, checked (a validation error naming each bad field); "overdue" is as of
/// `today`. The exports take the same.
pub fn parse_filter(raw: &RecommendationFilter, today: NaiveDate) -> Result<q::Filter, AppError> {
    let mut errors = ValidationErrors::new();
    let status = raw
        .status
        .as_deref()
        .and_then(|s| errors.check("status", s.parse::<RecommendationStatus>()));
    let searching = raw.q.as_deref().is_some_and(|q| !q.trim().is_empty());
    let sort = match raw.sort.as_deref() {
        None if searching => Sort::Relevance,
        None | Some("position") => Sort::Position,
        Some("updated") => Sort::Updated,
        Some("relevance") if searching => Sort::Relevance,
        // Nothing to rank: the review's order (a saved search whose words were cleared).
        Some("relevance") => Sort::Position,
        Some(_) => {
            errors.add("sort", "must be position, updated or relevance");
            Sort::Position
        }
    };
    let due_from = parse_day(&mut errors, "due_from", raw.due_from.as_deref());
    let due_to = parse_day(&mut errors, "due_to", raw.due_to.as_deref());
    if let (Some(from), Some(to)) = (due_from, due_to) {
        if from > to {
            errors.add("due_to", "must not be before due_from");
        }
    }
    let q = crate::input::search_text(&mut errors, raw.q.as_deref());
    errors.into_result()?;
    Ok(q::Filter {
        review_id: raw.review_id,
        committee_id: raw.committee_id,
        status,
        responsible_organisation_id: raw.responsible_organisation_id,
        due_from,
        due_to,
        overdue_on: (raw.overdue == Some(true)).then_some(today),
        q,
        sort,
    })
}

/// The cursor of a list in `sort` order.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Cursor {
    Position(Uuid, i32, Uuid),
    Updated(DateTime<Utc>, Uuid),
    Relevance(f32, Uuid),
}

fn decode_after(page: &PageRequest, sort: Sort) -> Result<Option<After>, AppError> {
    match page.decode::<Cursor>()? {
        None => Ok(None),
        Some(Cursor::Position(review_id, position, id)) if sort == Sort::Position => {
            Ok(Some(After::Position {
                review_id,
                position,
                id,
            }))
        }
        Some(Cursor::Updated(at, id)) if sort == Sort::Updated => {
            Ok(Some(After::Updated { at, id }))
        }
        Some(Cursor::Relevance(rank, id)) if sort == Sort::Relevance && rank.is_finite() => {
            Ok(Some(After::Relevance { rank, id }))
        }
        Some(_) => Err(AppError::invalid(
            "cursor",
            "is not a cursor returned by this list",
        )),
    }
}

fn encode_after(detail: &q::RecommendationDetail, sort: Sort) -> String {
    encode_cursor(&match After::following(detail, sort) {
        After::Position {
            review_id,
            position,
            id,
        } => Cursor::Position(review_id, position, id),
        After::Updated { at, id } => Cursor::Updated(at, id),
        After::Relevance { rank, id } => Cursor::Relevance(rank, id),
    })
}

async fn page_of(
    ctx: &mut Ctx<'_>,
    filter: q::Filter,
    page: &PageRequest,
) -> Result<Page<Recommendation>, AppError> {
    let after = decode_after(page, filter.sort)?;
    let scope = access::scope(&ctx.principal);
    let (rows, more) = q::load_page(ctx.db(), scope, &filter, after.as_ref(), page.limit).await?;
    let next_cursor = more
        .then(|| rows.last().map(|d| encode_after(d, filter.sort)))
        .flatten();
    // Where each holds the words: one more query, for the page only.
    let mut excerpts = match &filter.q {
        Some(words) => {
            let ids: Vec<Uuid> = rows.iter().map(|d| d.recommendation.id).collect();
            excerpts_by_recommendation(q::excerpts(ctx.db(), &ids, words).await?)
        }
        None => Default::default(),
    };
    let searched = filter.q.is_some();
    Ok(Page {
        items: rows
            .into_iter()
            .map(|d| {
                let id = d.recommendation.id;
                let mut item = Recommendation::from(d);
                if searched {
                    item.matches = Some(excerpts.remove(&id).unwrap_or_default());
                }
                item
            })
            .collect(),
        next_cursor,
    })
}

/// Recommendations across reviews, with their parts and actions: those the actor may see that
/// match the filters, one page in the order asked for.
pub async fn list(
    ctx: &mut Ctx<'_>,
    filter: &RecommendationFilter,
    page: &PageRequest,
) -> Result<Page<Recommendation>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let filter = parse_filter(filter, ctx.today())?;
    page_of(ctx, filter, page).await
}

/// A review's recommendations (404 when the actor may not see the review), with the same filters.
pub async fn list_for_review(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
    filter: &RecommendationFilter,
    page: &PageRequest,
) -> Result<Page<Recommendation>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let mut filter = parse_filter(filter, ctx.today())?;
    let scope = access::scope(&ctx.principal);
    q::find_review(ctx.db(), scope, review_id)
        .await?
        .ok_or(AppError::NotFound)?;
    filter.review_id = Some(review_id);
    page_of(ctx, filter, page).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::SEARCH_MAX;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_filter_names_each_bad_field() {
        let raw = RecommendationFilter {
            status: Some("pending".into()),
            sort: Some("random".into()),
            due_from: Some("2022-13-01".into()),
            q: Some("x".repeat(SEARCH_MAX + 1)),
            ..Default::default()
        };
        let Err(AppError::Validation(errors)) = parse_filter(&raw, day("2022-06-01")) else {
            panic!("expected a validation error");
        };
        let text = format!("{errors:?}");
        for field in ["status", "sort", "due_from", "q"] {
            assert!(text.contains(field), "{field} in {text}");
        }
    }

    #[test]
    fn overdue_is_as_of_today_and_the_range_must_be_in_order() {
        let raw = RecommendationFilter {
            overdue: Some(true),
            sort: Some("updated".into()),
            ..Default::default()
        };
        let filter = parse_filter(&raw, day("2022-06-01")).unwrap();
        assert_eq!(filter.overdue_on, Some(day("2022-06-01")));
        assert!(filter.sort == Sort::Updated);
        let backwards = RecommendationFilter {
            due_from: Some("2022-06-02".into()),
            due_to: Some("2022-06-01".into()),
            ..Default::default()
        };
        assert!(parse_filter(&backwards, day("2022-06-01")).is_err());
    }
}
