//! Adding an action, withdrawing and completing one, and what every write of an action checks
//! first (the plan and the action locked, access, If-Match, neither closed).
use super::input::{
    default_responsibility, new_milestones, new_owners, owners_required, parse_measures,
    parse_milestones, parse_owners, parse_position, required_text,
};
use super::{AddAction, CompleteAction, OwnerInput, WithdrawAction, RESPONSIBILITY_MAX, TEXT_MAX};
use crate::access;
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::{optional_text, REASON_MAX};
use crate::plans::{amend_if_agreed, check_open};
use crate::precondition::Precondition;
use crate::principal::COUNCIL_STAFF;
use crate::views::actions::{load_one, Action};
use scrutiny_db::queries::action_plans::{self as plans_q, PlanKey};
use scrutiny_db::queries::actions::{self as q, ActionChanges, NewAction};
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::status::ActionStatus;
use scrutiny_domain::validation::ValidationErrors;
use std::collections::HashMap;
use uuid::Uuid;

/// Owners as stored, with the name each contributes to the default responsibility text.
pub(super) struct ResolvedOwners {
    pub rows: Vec<(Option<Uuid>, Option<Uuid>)>,
    pub names: Vec<String>,
}

/// Checks that the owners exist (a contact in the council's own contacts); a contact owner is
/// stored with the contact's organisation.
pub(super) async fn resolve_owners(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
    owners: &[OwnerInput],
) -> Result<ResolvedOwners, AppError> {
    let org_ids: Vec<Uuid> = owners.iter().filter_map(|o| o.organisation_id).collect();
    let contact_ids: Vec<Uuid> = owners.iter().filter_map(|o| o.contact_id).collect();
    let orgs: HashMap<Uuid, String> = q::organisation_names(conn, &org_ids)
        .await?
        .into_iter()
        .collect();
    let contacts: HashMap<Uuid, q::ContactRef> = q::contact_refs(conn, council_id, &contact_ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut errors = ValidationErrors::new();
    let mut resolved = ResolvedOwners {
        rows: Vec::new(),
        names: Vec::new(),
    };
    for (i, owner) in owners.iter().enumerate() {
        if let Some(org) = owner.organisation_id {
            match orgs.get(&org) {
                Some(name) => {
                    resolved.rows.push((Some(org), None));
                    resolved.names.push(name.clone());
                }
                None => errors.add(
                    format!("owners[{i}].organisation_id"),
                    "no such organisation",
                ),
            }
        } else if let Some(contact) = owner.contact_id {
            match contacts.get(&contact) {
                Some(c) => {
                    resolved.rows.push((c.organisation_id, Some(contact)));
                    resolved.names.push(c.name.clone());
                }
                None => errors.add(
                    format!("owners[{i}].contact_id"),
                    "no such contact in this council",
                ),
            }
        }
    }
    errors.into_result()?;
    Ok(resolved)
}

/// Checks that the recommendation belongs to the plan's review and the part to the
/// recommendation.
pub(super) async fn check_recommendation(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    recommendation_id: Uuid,
    part_id: Option<Uuid>,
) -> Result<(), AppError> {
    let mut errors = ValidationErrors::new();
    match q::find_recommendation(conn, recommendation_id).await? {
        Some(rec) if rec.review_id == review_id => {
            if let Some(part) = part_id {
                if q::part_recommendation(conn, part).await? != Some(rec.id) {
                    errors.add("part_id", "is not a part of the action's recommendation");
                }
            }
        }
        _ => errors.add(
            "recommendation_id",
            "is not a recommendation of the plan's review",
        ),
    }
    errors.into_result()?;
    Ok(())
}

/// Locks the action's plan, then the action, for a write; checks access, If-Match and that the
/// action is not withdrawn.
pub(super) async fn lock_for_write(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    if_match: Option<&Precondition>,
) -> Result<(plans_q::ActionPlan, q::Action), AppError> {
    // Roles that never write these records are refused before any lookup, so that the answer
    // does not tell them which ids exist.
    ctx.principal.require(COUNCIL_STAFF)?;
    let action = q::find(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
    access::check_write(&ctx.principal, action.council_id)?;
    let plan = plans_q::find_for_update(ctx.db(), PlanKey::Id(action.plan_id))
        .await?
        .ok_or(AppError::NotFound)?;
    let action = q::find_for_update(ctx.db(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(if_match) = if_match {
        if_match.check(action.version)?;
    }
    check_open(&plan)?;
    if action.status == ActionStatus::Withdrawn {
        return Err(AppError::conflict(
            "The action is withdrawn; it can no longer be changed.",
        ));
    }
    Ok((plan, action))
}

/// The fields of an [`AddAction`], checked.
struct CheckedAdd {
    proposed: String,
    measures: Vec<String>,
    owners: Vec<OwnerInput>,
    responsibility: Option<String>,
    milestones: Vec<super::input::MilestoneValue>,
    notes: Option<String>,
    position: Option<i32>,
}

fn check_add(cmd: &AddAction) -> Result<CheckedAdd, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let proposed = required_text(
        &mut errors,
        "proposed_actions",
        &cmd.proposed_actions,
        TEXT_MAX,
    );
    let measures = parse_measures(&mut errors, &cmd.success_measures);
    let owners = parse_owners(&mut errors, &cmd.owners);
    owners_required(&mut errors, &cmd.owners, cmd.responsible_all);
    let responsibility = optional_text(
        &mut errors,
        "responsibility_text",
        cmd.responsibility_text.as_deref(),
        RESPONSIBILITY_MAX,
    );
    let milestones = parse_milestones(&mut errors, &cmd.milestones);
    let notes = optional_text(
        &mut errors,
        "status_notes",
        cmd.status_notes.as_deref(),
        TEXT_MAX,
    );
    let position = parse_position(&mut errors, cmd.position);
    errors.into_result()?;
    // Each is present once the checks pass (a missing one has added its error).
    let proposed = proposed.unwrap_or_default();
    let measures = measures.unwrap_or_default();
    let owners = owners.unwrap_or_default();
    let milestones = milestones.unwrap_or_default();
    Ok(CheckedAdd {
        proposed,
        measures,
        owners,
        responsibility,
        milestones,
        notes,
        position,
    })
}

/// Checks an [`AddAction`]'s fields as [`create`] does, without the database (what exists, and
/// the plan's state, are checked by [`create`] itself); each error names its field. The
/// action-plan import's dry run calls this, so it refuses what a commit would.
pub fn check(cmd: &AddAction) -> Result<(), ValidationErrors> {
    check_add(cmd).map(|_| ())
}

/// Adds an action to a plan, with its owners and milestones; audited as `action.created`. When
/// the plan is agreed this is an amendment of it (unless `plan_amended`). Called inside another
/// use case's transaction (an import), it runs in a savepoint of it.
pub async fn create(ctx: &mut Ctx<'_>, cmd: AddAction) -> Result<Action, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let CheckedAdd {
        proposed,
        measures,
        owners,
        responsibility,
        milestones,
        notes,
        position,
    } = check_add(&cmd)?;
    ctx.tx(async |ctx| {
        let plan = plans_q::find_for_update(ctx.db(), PlanKey::Id(cmd.plan_id))
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, plan.council_id)?;
        check_open(&plan)?;
        check_recommendation(ctx.db(), plan.review_id, cmd.recommendation_id, cmd.part_id).await?;
        let resolved = resolve_owners(ctx.db(), plan.council_id, &owners).await?;
        let plan = if cmd.plan_amended {
            plan
        } else {
            amend_if_agreed(ctx, plan, cmd.amendment_reason.as_deref(), None).await?
        };
        let position = match position {
            Some(p) => p,
            None => q::next_position(ctx.db(), plan.id).await?,
        };
        let responsibility =
            responsibility.or_else(|| default_responsibility(cmd.responsible_all, &resolved.names));
        let action_id = Uuid::now_v7();
        q::insert(
            ctx.db(),
            &NewAction {
                id: action_id,
                council_id: plan.council_id,
                plan_id: plan.id,
                review_id: plan.review_id,
                recommendation_id: cmd.recommendation_id,
                part_id: cmd.part_id,
                position,
                proposed_actions: &proposed,
                success_measures: &measures,
                responsibility_text: responsibility.as_deref(),
                responsible_all: cmd.responsible_all,
                status_notes: notes.as_deref(),
            },
        )
        .await?;
        q::replace_owners(ctx.db(), action_id, &new_owners(action_id, &resolved.rows)).await?;
        q::replace_milestones(ctx.db(), action_id, &new_milestones(action_id, &milestones)).await?;
        let dto = load_one(ctx.db(), action_id).await?;
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "action.created",
            "action",
            action_id,
            &dto,
        )
        .await?;
        Ok(dto)
    })
    .await
}

/// Withdraws an action: it stays, with the reason; audited as `action.withdrawn`. When the plan
/// is agreed this is an amendment of it.
pub async fn withdraw(ctx: &mut Ctx<'_>, cmd: WithdrawAction) -> Result<Action, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let reason = required_text(&mut errors, "reason", cmd.reason.trim(), REASON_MAX);
    errors.into_result()?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let (plan, _) = lock_for_write(ctx, id, Some(&cmd.if_match)).await?;
        amend_if_agreed(ctx, plan, cmd.amendment_reason.as_deref(), None).await?;
        let before = load_one(ctx.db(), id).await?;
        q::update(
            ctx.db(),
            id,
            &ActionChanges {
                status: Some(ActionStatus::Withdrawn.into()),
                withdrawn_reason: Some(reason),
                ..Default::default()
            },
        )
        .await?;
        let after = load_one(ctx.db(), id).await?;
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "action.withdrawn",
            "action",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// Marks an action complete, optionally with progress notes ("Action complete"); audited as
/// `action.completed`. Not an amendment of the plan.
pub async fn complete(ctx: &mut Ctx<'_>, cmd: CompleteAction) -> Result<Action, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let notes = optional_text(
        &mut errors,
        "status_notes",
        cmd.status_notes.as_deref(),
        TEXT_MAX,
    );
    errors.into_result()?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let (_, current) = lock_for_write(ctx, id, cmd.if_match.as_ref()).await?;
        if current.status == ActionStatus::Complete {
            return Err(AppError::Conflict {
                detail: "The action is already complete.".into(),
                allowed: vec![ActionStatus::Open.into()],
            });
        }
        let before = load_one(ctx.db(), id).await?;
        q::update(
            ctx.db(),
            id,
            &ActionChanges {
                status: Some(ActionStatus::Complete.into()),
                status_notes: notes.map(Some),
                ..Default::default()
            },
        )
        .await?;
        let after = load_one(ctx.db(), id).await?;
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "action.completed",
            "action",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}
