//! Use cases of select committees. Committees are renamed and replaced: a replacement is a new
//! committee, and the old one keeps its name and points at its successor, so history reads as it
//! happened. Committees are public bodies: everyone signed in reads them; council staff write
//! their own council's.
use crate::access;
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::views::audit::{history as audit_history, AuditEvent};
use crate::views::committees::{Committee, CommitteeDetail};
use chrono::NaiveDate;
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::committees::{self as q, CommitteeChanges, NewCommittee};
use scrutiny_db::scope::Scope;
use scrutiny_domain::people::Name;
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

/// Which committees to list, by name.
#[derive(Debug, Clone, Default)]
pub struct ListCommittees {
    /// Only this council's committees (admins and partners; others see their own council's).
    pub council_id: Option<Uuid>,
    /// `false`: only current committees; `true`: only replaced ones.
    pub replaced: Option<bool>,
    pub page: PageRequest,
}

/// A new committee in the actor's council.
#[derive(Debug, Clone)]
pub struct CreateCommittee {
    pub name: String,
    pub description: Option<String>,
    /// Months between progress rounds after the first (default 6).
    pub update_interval_months: Option<i32>,
}

/// A correction: absent fields are left alone; `description: Some(None)` clears it.
#[derive(Debug, Clone)]
pub struct UpdateCommittee {
    pub id: Uuid,
    pub precondition: Precondition,
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub update_interval_months: Option<i32>,
}

/// Committee `id` renamed or replaced by a successor.
#[derive(Debug, Clone)]
pub struct ReplaceCommittee {
    pub id: Uuid,
    pub precondition: Precondition,
    /// The successor's name.
    pub name: String,
    /// The successor's description (default: the old committee's).
    pub description: Option<String>,
    /// When the change took effect (default today).
    pub replaced_on: Option<NaiveDate>,
    /// Default: the old committee's.
    pub update_interval_months: Option<i32>,
}

fn interval(errors: &mut ValidationErrors, value: Option<i32>) -> Option<i32> {
    match value {
        Some(n) if !(1..=60).contains(&n) => {
            errors.add("update_interval_months", "must be between 1 and 60");
            None
        }
        other => other,
    }
}

fn text(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The council whose committees a principal lists: their own, or any for admins and partners.
fn list_council(scope: Scope, requested: Option<Uuid>) -> Option<Uuid> {
    match scope {
        Scope::Council(own) => Some(own),
        Scope::All | Scope::Responsible(_) => requested,
    }
}

pub async fn list(ctx: &mut Ctx<'_>, cmd: ListCommittees) -> Result<Page<Committee>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let limit = cmd.page.limit;
    let after = cmd
        .page
        .decode::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let db_filter = q::Filter {
        council_id: list_council(access::scope(&ctx.principal), cmd.council_id),
        replaced: cmd.replaced,
    };
    let rows = q::list(ctx.db(), &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.name, r.id)));
    Ok(Page {
        items: rows.into_iter().map(Committee::from).collect(),
        next_cursor,
    })
}

/// A visible committee's row.
async fn find_visible(ctx: &mut Ctx<'_>, id: Uuid) -> Result<q::Committee, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let row = q::find(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
    access::check_council_visible(access::scope(&ctx.principal), row.council_id)?;
    Ok(row)
}

/// A committee with the committees it replaced.
pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<CommitteeDetail, AppError> {
    let row = find_visible(ctx, id).await?;
    let predecessors = q::predecessors(ctx.db(), row.id).await?;
    Ok(CommitteeDetail {
        committee: Committee::from(row),
        predecessors: predecessors.into_iter().map(Committee::from).collect(),
    })
}

/// A committee's changes, newest first.
pub async fn history(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    let row = find_visible(ctx, id).await?;
    audit_history(ctx.db(), "committee", row.id, &page).await
}

/// Creates a committee in the actor's council; audited as `committee.created`. Names are unique
/// within a council.
pub async fn create(ctx: &mut Ctx<'_>, cmd: CreateCommittee) -> Result<Committee, AppError> {
    let council = access::writing_council(&ctx.principal)?;
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", Name::parse(&cmd.name));
    let months = interval(&mut errors, cmd.update_interval_months);
    let Some(name) = name else {
        return Err(errors.into());
    };
    errors.into_result()?;
    let description = text(cmd.description.as_deref());
    ctx.tx(async |ctx| {
        if q::find_by_name(ctx.db(), council, name.as_str())
            .await?
            .is_some()
        {
            return Err(AppError::conflict(
                "The council already has a committee of that name.",
            ));
        }
        let row = q::insert(
            ctx.db(),
            &NewCommittee {
                id: Uuid::now_v7(),
                council_id: council,
                name: name.as_str(),
                description: description.as_deref(),
                update_interval_months: months.unwrap_or(6),
            },
        )
        .await?;
        let dto = Committee::from(row);
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "committee.created",
            "committee",
            dto.id,
            &dto,
        )
        .await?;
        Ok(dto)
    })
    .await
}

/// Corrects a committee's name or description, or changes its update interval; audited as
/// `committee.updated`.
pub async fn update(ctx: &mut Ctx<'_>, cmd: UpdateCommittee) -> Result<Committee, AppError> {
    // Roles that never write these records are refused before any lookup, so that the answer
    // does not tell them which ids exist.
    ctx.principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let name = cmd
        .name
        .as_deref()
        .and_then(|n| errors.check("name", Name::parse(n)));
    let months = interval(&mut errors, cmd.update_interval_months);
    errors.into_result()?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let before = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, before.council_id)?;
        cmd.precondition.check(before.version)?;
        let before = Committee::from(before);
        let row = q::update(
            ctx.db(),
            id,
            &CommitteeChanges {
                name: name.map(Name::into_inner),
                description: cmd.description.map(|d| text(d.as_deref())),
                update_interval_months: months,
                ..Default::default()
            },
        )
        .await?;
        let after = Committee::from(row);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "committee.updated",
            "committee",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// Renames or replaces a committee: creates its successor (audited as `committee.created`) and
/// links the old one to it (audited as `committee.replaced`). Reviews stay with the committee
/// that ran them. Answers the successor.
pub async fn replace(ctx: &mut Ctx<'_>, cmd: ReplaceCommittee) -> Result<Committee, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", Name::parse(&cmd.name));
    let months = interval(&mut errors, cmd.update_interval_months);
    let Some(name) = name else {
        return Err(errors.into());
    };
    errors.into_result()?;
    let id = cmd.id;
    let replaced_on = cmd.replaced_on.unwrap_or_else(|| ctx.today());
    let description = text(cmd.description.as_deref());
    ctx.tx(async |ctx| {
        let old = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, old.council_id)?;
        cmd.precondition.check(old.version)?;
        if old.successor_id.is_some() {
            return Err(AppError::conflict(
                "This committee has already been replaced; replace its successor instead.",
            ));
        }
        let before = Committee::from(old.clone());
        let new = q::insert(
            ctx.db(),
            &NewCommittee {
                id: Uuid::now_v7(),
                council_id: old.council_id,
                name: name.as_str(),
                description: description.as_deref().or(old.description.as_deref()),
                update_interval_months: months.unwrap_or(old.update_interval_months),
            },
        )
        .await?;
        let successor = Committee::from(new);
        let replaced = q::update(
            ctx.db(),
            id,
            &CommitteeChanges {
                successor_id: Some(Some(successor.id)),
                replaced_on: Some(Some(replaced_on)),
                ..Default::default()
            },
        )
        .await?;
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "committee.created",
            "committee",
            successor.id,
            &successor,
        )
        .await?;
        let event = audit::event(
            &ctx.principal,
            "committee.replaced",
            "committee",
            id,
            audit::snapshot(&before),
            audit::snapshot(&Committee::from(replaced)),
        );
        crate::audit::record(ctx.db(), &event).await?;
        Ok(successor)
    })
    .await
}
