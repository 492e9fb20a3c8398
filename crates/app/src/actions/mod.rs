//! Use cases of actions of an action plan: what a partner will do for a recommendation (or one
//! of its parts), how success is measured, who is responsible and by when (zero or more
//! milestones, each a date given to the month or the day, and a label). Nothing is deleted: an
//! action is withdrawn with a reason, or completed. Once the plan is agreed, every change is an
//! amendment of it (`crate::plans::amend_if_agreed`).
mod filter;
mod input;
mod update;
mod write;

pub use self::filter::ActionFilter;
pub use self::update::update;
pub use self::write::{check, complete, create, withdraw};

use crate::access;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::principal::ANY_ROLE;
use crate::views::actions::{assemble, Action};
use crate::views::audit::{self as audit_views, AuditEvent};
use chrono::NaiveDate;
use scrutiny_db::queries::actions::{self as q, ActionKey};
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::status::ActionStatus;
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

// The limits are defined once, in the domain, and read by the imports too.
pub use scrutiny_domain::records::limits::{
    ACTION_TEXT_MAX as TEXT_MAX, MEASURES_MAX, MEASURE_MAX, MILESTONES_MAX,
    MILESTONE_LABEL_MAX as LABEL_MAX, OWNERS_MAX, RESPONSIBILITY_MAX,
};
pub const POSITION_MAX: i32 = 100_000;

/// An owner: an organisation or a contact (whose organisation is then recorded too).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OwnerInput {
    pub organisation_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
}

/// A milestone as given: a date to the month or the day ("May 2022", "2022-10-14"), or none and
/// a label.
#[derive(Debug, Clone, Default)]
pub struct MilestoneInput {
    pub date: Option<String>,
    pub label: Option<String>,
    /// The day the milestone was met.
    pub completed_on: Option<NaiveDate>,
}

/// Adds an action to a plan.
#[derive(Debug, Clone, Default)]
pub struct AddAction {
    pub plan_id: Uuid,
    /// A recommendation of the plan's review.
    pub recommendation_id: Uuid,
    /// A part of that recommendation.
    pub part_id: Option<Uuid>,
    /// Kept exactly as given: bullets and line breaks stay.
    pub proposed_actions: String,
    /// One or more, none blank.
    pub success_measures: Vec<String>,
    /// Organisations or contacts; or set `responsible_all`.
    pub owners: Vec<OwnerInput>,
    /// Every partner of the review is responsible ("All").
    pub responsible_all: bool,
    /// The Responsibility cell as written; defaults to the owners' names, or "All".
    pub responsibility_text: Option<String>,
    pub milestones: Vec<MilestoneInput>,
    pub status_notes: Option<String>,
    /// Order in the plan; defaults to after the last action.
    pub position: Option<i32>,
    /// Required when the plan is agreed: why it is amended.
    pub amendment_reason: Option<String>,
    /// The caller has already recorded the amendment of the agreed plan this action belongs to,
    /// in the same transaction (an import adding many actions amends the plan once).
    pub plan_amended: bool,
}

/// Changes an action; absent fields are left alone, `Some(None)` clears a nullable one; `owners`
/// and `milestones`, when given, replace the action's wholesale.
#[derive(Debug, Clone, Default)]
pub struct ChangeAction {
    pub id: Uuid,
    pub if_match: Precondition,
    pub recommendation_id: Option<Uuid>,
    pub part_id: Option<Option<Uuid>>,
    pub proposed_actions: Option<String>,
    pub success_measures: Option<Vec<String>>,
    pub owners: Option<Vec<OwnerInput>>,
    pub responsible_all: Option<bool>,
    /// `Some(None)` resets it to the owners' names (or "All").
    pub responsibility_text: Option<Option<String>>,
    pub milestones: Option<Vec<MilestoneInput>>,
    pub status_notes: Option<Option<String>>,
    /// open or complete (withdraw with [`withdraw`]).
    pub status: Option<ActionStatus>,
    pub position: Option<i32>,
    /// Required when the plan is agreed: why it is amended.
    pub amendment_reason: Option<String>,
}

/// Withdraws an action: it stays, with the reason.
#[derive(Debug, Clone, Default)]
pub struct WithdrawAction {
    pub id: Uuid,
    pub if_match: Precondition,
    pub reason: String,
    /// Required when the plan is agreed: why it is amended.
    pub amendment_reason: Option<String>,
}

/// Marks an action complete.
#[derive(Debug, Clone, Default)]
pub struct CompleteAction {
    pub id: Uuid,
    /// Checked when given.
    pub if_match: Option<Precondition>,
    /// Replaces the status notes when given.
    pub status_notes: Option<String>,
}

/// Which actions a list (or an export) shows.
#[derive(Debug, Clone, Default)]
pub struct ActionQuery {
    pub review_id: Option<Uuid>,
    pub plan_id: Option<Uuid>,
    pub recommendation_id: Option<Uuid>,
    /// Actions this organisation owns (directly or through a contact of it).
    pub responsible_organisation_id: Option<Uuid>,
    /// open, complete or withdrawn.
    pub status: Option<String>,
    /// A milestone not yet met due on or after this date (a month counts from its first day).
    pub due_from: Option<String>,
    /// A milestone not yet met due on or before this date (a month counts to its last day).
    pub due_to: Option<String>,
    /// Open actions with a milestone not completed and due before `today`.
    pub overdue: bool,
    /// Words to find in the proposed actions and status notes.
    pub q: Option<String>,
}

/// The query checked (422 naming each bad field), as the database filters on it; `today` is the
/// day an overdue milestone is due before.
pub fn filter(query: &ActionQuery, today: NaiveDate) -> Result<q::Filter, AppError> {
    let mut errors = ValidationErrors::new();
    let status = query
        .status
        .as_deref()
        .and_then(|s| errors.check("status", s.parse::<ActionStatus>()));
    let due_from = query
        .due_from
        .as_deref()
        .and_then(|d| errors.check("due_from", PartialDate::parse(d)))
        .map(|d| d.first_day());
    let due_to = query
        .due_to
        .as_deref()
        .and_then(|d| errors.check("due_to", PartialDate::parse(d)))
        .map(|d| d.last_day());
    let q = crate::input::search_text(&mut errors, query.q.as_deref());
    errors.into_result()?;
    Ok(q::Filter {
        review_id: query.review_id,
        plan_id: query.plan_id,
        recommendation_id: query.recommendation_id,
        responsible_organisation_id: query.responsible_organisation_id,
        status,
        due_from,
        due_to,
        overdue_on: query.overdue.then_some(today),
        q,
    })
}

/// A page of the actions the principal may read, by plan and position.
pub async fn list(
    ctx: &mut Ctx<'_>,
    query: &ActionQuery,
    page: PageRequest,
) -> Result<Page<Action>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let limit = page.limit;
    let after = page
        .decode::<(Uuid, i32, Uuid)>()?
        .map(|(plan_id, position, id)| ActionKey {
            plan_id,
            position,
            id,
        });
    let filter = filter(query, ctx.today())?;
    let scope = access::scope(&ctx.principal);
    let rows = q::list(ctx.db(), scope, &filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| {
        encode_cursor(&(r.action.plan_id, r.action.position, r.action.id))
    });
    let items = assemble(ctx.db(), rows).await?;
    Ok(Page { items, next_cursor })
}

/// An action the principal may read, as its row.
async fn visible(ctx: &mut Ctx<'_>, id: Uuid) -> Result<q::ActionRow, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    q::find_visible(ctx.db(), id, scope)
        .await?
        .ok_or(AppError::NotFound)
}

/// One action, with its owners and milestones.
pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<Action, AppError> {
    let row = visible(ctx, id).await?;
    assemble(ctx.db(), vec![row])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// An action's changes, newest first.
pub async fn history(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    let row = visible(ctx, id).await?;
    audit_views::history(ctx.db(), "action", row.action.id, &page).await
}
