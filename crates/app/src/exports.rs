//! What the spreadsheet exports of recommendations, actions and progress entries show: the rows
//! the list would show the caller (the same filters, the same visibility rules: partners their own
//! organisation's entries, viewers accepted ones), read page by page with the lists' keyset
//! queries and handed on one at a time as cells under the sheet's columns, so that memory stays
//! bounded whatever the size. Writing the cells (CSV, XLSX) is the caller's. An export larger than
//! its row limit (at most [`EXPORT_MAX_ROWS`]) is refused with a validation error naming
//! `max_rows`.
use crate::access;
use crate::actions::{self, ActionQuery};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::stored_date;
use crate::principal::ANY_ROLE;
use crate::progress::entries::EntryListQuery;
use crate::recommendations::{self, RecommendationFilter};
use crate::views::actions::{assemble, Action};
use crate::views::progress::{accepted_only, dtos, Grade, ProgressEntry};
use chrono::{DateTime, SecondsFormat, Utc};
use scrutiny_db::page::split_page;
use scrutiny_db::queries::{
    actions as actions_q, progress as progress_q, recommendations as recs_q, reviews as reviews_q,
};
use scrutiny_db::scope::Scope;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::dates;
use std::collections::HashMap;
use uuid::Uuid;

/// The most rows one export may have.
pub const EXPORT_MAX_ROWS: u32 = 100_000;
/// Rows read per query.
const BATCH: u32 = 500;

/// A sheet: its name and its columns.
#[derive(Debug, Clone, Copy)]
pub struct Sheet {
    pub name: &'static str,
    pub columns: &'static [&'static str],
}

/// The row limit asked for, checked: 1 to [`EXPORT_MAX_ROWS`], that when not given.
pub fn max_rows(asked: Option<u32>) -> Result<u32, AppError> {
    match asked {
        None => Ok(EXPORT_MAX_ROWS),
        Some(n) if (1..=EXPORT_MAX_ROWS).contains(&n) => Ok(n),
        Some(_) => Err(AppError::invalid(
            "max_rows",
            format!("must be between 1 and {EXPORT_MAX_ROWS}"),
        )),
    }
}

fn too_many(max: u32) -> AppError {
    AppError::invalid(
        "max_rows",
        format!(
            "the export has more than {max} rows: narrow it with the list's filters{}",
            if max < EXPORT_MAX_ROWS {
                format!(" or raise max_rows (at most {EXPORT_MAX_ROWS})")
            } else {
                String::new()
            }
        ),
    )
}

/// Hands rows on, refusing the one past the limit.
struct Rows<F> {
    each: F,
    count: u32,
    max: u32,
}

impl<F: FnMut(Vec<String>) -> Result<(), AppError>> Rows<F> {
    fn new(max: u32, each: F) -> Self {
        Self {
            each,
            count: 0,
            max,
        }
    }

    fn push(&mut self, cells: Vec<String>) -> Result<(), AppError> {
        if self.count >= self.max {
            return Err(too_many(self.max));
        }
        self.count += 1;
        (self.each)(cells)
    }
}

fn at(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Review titles by id, each read once.
struct Titles(HashMap<Uuid, String>);

impl Titles {
    async fn of(&mut self, conn: &mut AsyncPgConnection, id: Uuid) -> Result<String, AppError> {
        if let Some(t) = self.0.get(&id) {
            return Ok(t.clone());
        }
        let title = reviews_q::find(conn, Scope::All, id)
            .await?
            .map(|r| r.title)
            .unwrap_or_default();
        self.0.insert(id, title.clone());
        Ok(title)
    }
}

fn milestone_text(m: &recs_q::Milestone) -> String {
    let date = stored_date(m.due_on, m.due_precision.as_deref());
    dates::Milestone::new(date, m.label.as_deref()).canonical_text()
}

// ---- recommendations -------------------------------------------------------------------------

pub const RECOMMENDATIONS: Sheet = Sheet {
    name: "Recommendations",
    columns: &[
        "Review",
        "No.",
        "Recommendation",
        "Parts",
        "Status",
        "Closed reason",
        "Withdrawn reason",
        "Proposed actions",
        "Responsibility",
        "Dates",
        "Updated",
        "Recommendation ID",
        "Review ID",
    ],
};

fn recommendation_row(review: String, d: &recs_q::RecommendationDetail) -> Vec<String> {
    let r = &d.recommendation;
    let parts: Vec<String> = d
        .parts
        .iter()
        .map(|p| match &p.withdrawn_reason {
            Some(reason) => format!("{}) {} (withdrawn: {reason})", p.label, p.text),
            None => format!("{}) {}", p.label, p.text),
        })
        .collect();
    let mut owners: Vec<String> = Vec::new();
    for a in &d.actions {
        let owner = a
            .action
            .responsibility_text
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| {
                if a.action.responsible_all {
                    "All".to_owned()
                } else {
                    a.owners
                        .iter()
                        .filter_map(|o| {
                            o.contact_name
                                .clone()
                                .or_else(|| o.organisation_name.clone())
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            });
        if !owner.is_empty() && !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    vec![
        review,
        r.number.clone(),
        r.text.clone(),
        parts.join("\n"),
        r.status.as_str().to_owned(),
        r.closed_reason.clone().unwrap_or_default(),
        r.withdrawn_reason.clone().unwrap_or_default(),
        d.actions
            .iter()
            .map(|a| a.action.proposed_actions.clone())
            .collect::<Vec<_>>()
            .join("\n\n"),
        owners.join("; "),
        d.actions
            .iter()
            .flat_map(|a| a.milestones.iter().map(milestone_text))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        at(r.updated_at),
        r.id.to_string(),
        r.review_id.to_string(),
    ]
}

/// The recommendations the list would show (with the same filters), with their parts, actions,
/// owners and dates: one row each, under [`RECOMMENDATIONS`]' columns, handed to `each`.
pub async fn recommendations(
    ctx: &mut Ctx<'_>,
    filter: &RecommendationFilter,
    max: Option<u32>,
    each: impl FnMut(Vec<String>) -> Result<(), AppError>,
) -> Result<(), AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let filter = recommendations::parse_filter(filter, ctx.today())?;
    let mut rows = Rows::new(max_rows(max)?, each);
    let scope = access::scope(&ctx.principal);
    let mut titles = Titles(HashMap::new());
    let mut after: Option<recs_q::After> = None;
    loop {
        let (page, more) =
            recs_q::load_page(ctx.db(), scope, &filter, after.as_ref(), BATCH).await?;
        for d in &page {
            let title = titles.of(ctx.db(), d.recommendation.review_id).await?;
            rows.push(recommendation_row(title, d))?;
        }
        after = page
            .last()
            .map(|d| recs_q::After::following(d, filter.sort));
        if !more {
            return Ok(());
        }
    }
}

// ---- actions ---------------------------------------------------------------------------------

pub const ACTIONS: Sheet = Sheet {
    name: "Actions",
    columns: &[
        "Review",
        "Recommendation",
        "Part",
        "Proposed actions",
        "Success measures",
        "Responsibility",
        "Owners",
        "Dates",
        "Status",
        "Notes",
        "Withdrawn reason",
        "Updated",
        "Action ID",
        "Recommendation ID",
        "Plan ID",
        "Review ID",
    ],
};

fn action_row(review: String, a: &Action) -> Vec<String> {
    let owners: Vec<String> = a
        .owners
        .iter()
        .map(|o| match (&o.contact_name, &o.organisation_name) {
            (Some(c), Some(org)) => format!("{c} ({org})"),
            (Some(c), None) => c.clone(),
            (None, Some(org)) => org.clone(),
            (None, None) => String::new(),
        })
        .filter(|o| !o.is_empty())
        .collect();
    vec![
        review,
        a.recommendation_number.clone(),
        a.part_label.clone().unwrap_or_default(),
        a.proposed_actions.clone(),
        a.success_measures.join("\n"),
        a.responsibility_text.clone().unwrap_or_default(),
        if a.responsible_all {
            "All".to_owned()
        } else {
            owners.join("; ")
        },
        a.milestones
            .iter()
            .map(|m| m.text.clone())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        a.status.as_str().to_owned(),
        a.status_notes.clone().unwrap_or_default(),
        a.withdrawn_reason.clone().unwrap_or_default(),
        at(a.updated_at),
        a.id.to_string(),
        a.recommendation_id.to_string(),
        a.plan_id.to_string(),
        a.review_id.to_string(),
    ]
}

/// The actions the list would show (with the same filters), with their success measures, owners
/// and dates as given: one row each, under [`ACTIONS`]' columns, handed to `each`.
pub async fn actions(
    ctx: &mut Ctx<'_>,
    query: &ActionQuery,
    max: Option<u32>,
    each: impl FnMut(Vec<String>) -> Result<(), AppError>,
) -> Result<(), AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let filter = actions::filter(query, ctx.today())?;
    let mut rows = Rows::new(max_rows(max)?, each);
    let scope = access::scope(&ctx.principal);
    let mut titles = Titles(HashMap::new());
    let mut after: Option<actions_q::ActionKey> = None;
    loop {
        let page = actions_q::list(ctx.db(), scope, &filter, after.as_ref(), BATCH).await?;
        let (page, more) = split_page(page, BATCH);
        after = page.last().map(|r| actions_q::ActionKey {
            plan_id: r.action.plan_id,
            position: r.action.position,
            id: r.action.id,
        });
        for a in assemble(ctx.db(), page).await? {
            let title = titles.of(ctx.db(), a.review_id).await?;
            rows.push(action_row(title, &a))?;
        }
        if !more {
            return Ok(());
        }
    }
}

// ---- progress entries ------------------------------------------------------------------------

pub const PROGRESS_ENTRIES: Sheet = Sheet {
    name: "Progress entries",
    columns: &[
        "Review",
        "Round",
        "Recommendation",
        "Part",
        "Organisation",
        "State",
        "Evidence of progress",
        "Proposed grade",
        "Explanation",
        "Officer grade",
        "Officer reason",
        "Accepted grade",
        "Grade",
        "Evidence of impact",
        "Key figures",
        "Written by",
        "Submitted by",
        "Submitted",
        "Validated by",
        "Accepted by",
        "Accepted",
        "Updated",
        "Entry ID",
        "Recommendation ID",
    ],
};

fn entry_row(e: &ProgressEntry) -> Vec<String> {
    let grade = |g: &Option<Grade>| g.as_ref().map(|g| g.display.clone()).unwrap_or_default();
    let when = |t: Option<DateTime<Utc>>| t.map(at).unwrap_or_default();
    let figures: Vec<String> = e
        .key_figures
        .iter()
        .map(|f| {
            let mut s = format!(
                "{}: {}{}",
                f.label,
                f.value,
                f.unit.as_deref().unwrap_or("")
            );
            if let Some(scope) = &f.scope {
                s.push_str(&format!(" ({scope})"));
            }
            if let Some(d) = f.as_of {
                s.push_str(&format!(" as of {}", d.format("%-d %B %Y")));
            }
            s
        })
        .collect();
    vec![
        e.review_title.clone(),
        e.round.label.clone(),
        e.recommendation.number.clone(),
        e.part.as_ref().map(|p| p.label.clone()).unwrap_or_default(),
        e.organisation
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        e.state.as_str().to_owned(),
        e.progress.clone().unwrap_or_default(),
        grade(&e.grades.proposed),
        e.proposed_explanation.clone().unwrap_or_default(),
        grade(&e.grades.officer),
        e.officer_reason.clone().unwrap_or_default(),
        grade(&e.grades.accepted),
        grade(&e.grades.current),
        e.impact_text.clone(),
        figures.join("; "),
        e.written_by.clone().unwrap_or_default(),
        e.submitted_by.clone().unwrap_or_default(),
        when(e.submitted_at),
        e.validated_by.clone().unwrap_or_default(),
        e.accepted_by.clone().unwrap_or_default(),
        when(e.accepted_at),
        at(e.updated_at),
        e.id.to_string(),
        e.recommendation.id.to_string(),
    ]
}

/// The progress entries the list would show (with the same filters; its page is not used):
/// viewers see accepted entries, partners their own organisation's; with their evidence, the
/// three grades and the evidence of impact: one row each, under [`PROGRESS_ENTRIES`]' columns,
/// handed to `each`.
pub async fn progress_entries(
    ctx: &mut Ctx<'_>,
    query: &EntryListQuery,
    max: Option<u32>,
    each: impl FnMut(Vec<String>) -> Result<(), AppError>,
) -> Result<(), AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let filter = progress_q::EntryFilter {
        round_id: query.round_id,
        review_id: query.review_id,
        recommendation_id: query.recommendation_id,
        organisation_id: query.organisation_id,
        states: crate::progress::parse_states(query.state.as_deref())?,
        grades_differ: query.grades_differ,
        open_rounds_only: query.open_rounds.unwrap_or(false),
    };
    let mut rows = Rows::new(max_rows(max)?, each);
    let principal = ctx.principal.clone();
    let scope = access::scope(&principal);
    let viewer = accepted_only(&principal);
    let today = ctx.today();
    let mut after: Option<Uuid> = None;
    loop {
        let page = progress_q::list_entries(ctx.db(), scope, viewer, &filter, after, BATCH).await?;
        let (page, more) = split_page(page, BATCH);
        after = page.last().map(|e| e.id);
        for e in dtos(ctx.db(), &principal, page, today).await? {
            rows.push(entry_row(&e))?;
        }
        if !more {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert_eq!(max_rows(None).unwrap(), EXPORT_MAX_ROWS);
        assert_eq!(max_rows(Some(5)).unwrap(), 5);
        assert!(max_rows(Some(0)).is_err());
        assert!(max_rows(Some(EXPORT_MAX_ROWS + 1)).is_err());
    }

    #[test]
    fn the_cap_is_enforced_row_by_row() {
        let mut seen = 0;
        let mut rows = Rows::new(2, |_| {
            seen += 1;
            Ok(())
        });
        rows.push(vec!["1".to_owned()]).unwrap();
        rows.push(vec!["2".to_owned()]).unwrap();
        let e = rows.push(vec!["3".to_owned()]).unwrap_err();
        assert!(e.to_string().contains("more than 2 rows"), "{e}");
        assert_eq!(seen, 2);
    }
}
