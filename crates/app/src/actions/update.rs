//! Changing an action: its recommendation, texts, owners, milestones, status or position.
use super::input::{
    default_responsibility, new_milestones, new_owners, owners_required, parse_measures,
    parse_milestones, parse_owners, parse_position, required_text,
};
use super::write::{check_recommendation, lock_for_write, resolve_owners};
use super::{ChangeAction, RESPONSIBILITY_MAX, TEXT_MAX};
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::optional_text;
use crate::plans::amend_if_agreed;
use crate::principal::COUNCIL_STAFF;
use crate::views::actions::{load_one, Action};
use scrutiny_db::queries::actions::{self as q, ActionChanges};
use scrutiny_domain::status::ActionStatus;
use scrutiny_domain::validation::ValidationErrors;

/// Changes an action; `owners` and `milestones`, when given, replace the action's. Audited as
/// `action.updated`, or `action.completed` when it moves the action to complete. When the plan is
/// agreed this is an amendment of it.
pub async fn update(ctx: &mut Ctx<'_>, cmd: ChangeAction) -> Result<Action, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let proposed = cmd
        .proposed_actions
        .as_deref()
        .and_then(|p| required_text(&mut errors, "proposed_actions", p, TEXT_MAX));
    let measures = cmd
        .success_measures
        .as_deref()
        .and_then(|m| parse_measures(&mut errors, m));
    let owners = cmd
        .owners
        .as_deref()
        .and_then(|o| parse_owners(&mut errors, o));
    let responsibility = cmd.responsibility_text.as_ref().map(|raw| {
        optional_text(
            &mut errors,
            "responsibility_text",
            raw.as_deref(),
            RESPONSIBILITY_MAX,
        )
    });
    let milestones = cmd
        .milestones
        .as_deref()
        .and_then(|m| parse_milestones(&mut errors, m));
    let notes = cmd
        .status_notes
        .as_ref()
        .map(|raw| optional_text(&mut errors, "status_notes", raw.as_deref(), TEXT_MAX));
    let status = cmd.status.and_then(|s| {
        if s == ActionStatus::Withdrawn {
            errors.add(
                "status",
                "must be open or complete (withdraw with POST /actions/{id}/withdrawal)",
            );
            None
        } else {
            Some(s)
        }
    });
    let position = parse_position(&mut errors, cmd.position);
    errors.into_result()?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let (plan, current) = lock_for_write(ctx, id, Some(&cmd.if_match)).await?;
        let before = load_one(ctx.db(), id).await?;
        // The owners after the change: given ones replace the action's; `responsible_all`
        // alone (true) clears them.
        let (final_owners, all) = match (&owners, cmd.responsible_all) {
            (Some(o), Some(all)) => (Some(o.clone()), all),
            (Some(o), None) => (Some(o.clone()), o.is_empty() && current.responsible_all),
            (None, Some(true)) => (Some(Vec::new()), true),
            (None, Some(false)) => (None, false),
            (None, None) => (None, current.responsible_all),
        };
        let mut errors = ValidationErrors::new();
        match &final_owners {
            Some(o) => owners_required(&mut errors, o, all),
            None if !all && before.owners.is_empty() => owners_required(&mut errors, &[], all),
            None => {}
        }
        errors.into_result()?;
        let recommendation_id = cmd.recommendation_id.unwrap_or(current.recommendation_id);
        let part_id = cmd.part_id.unwrap_or(current.part_id);
        if cmd.recommendation_id.is_some() || cmd.part_id.is_some() {
            check_recommendation(ctx.db(), plan.review_id, recommendation_id, part_id).await?;
        }
        let resolved = match &final_owners {
            Some(o) => Some(resolve_owners(ctx.db(), plan.council_id, o).await?),
            None => None,
        };
        amend_if_agreed(ctx, plan, cmd.amendment_reason.as_deref(), None).await?;
        // A reset (null) or new owners without a stated text: the owners' names, or "All".
        let responsibility_text = match (responsibility, &resolved) {
            (Some(Some(text)), _) => Some(Some(text)),
            (Some(None), _) | (None, Some(_)) => {
                let names: Vec<String> = match &resolved {
                    Some(r) => r.names.clone(),
                    None => before
                        .owners
                        .iter()
                        .filter_map(|o| o.contact_name.clone().or(o.organisation_name.clone()))
                        .collect(),
                };
                Some(default_responsibility(all, &names))
            }
            (None, None) => None,
        };
        let status_changes = status.filter(|s| *s != current.status);
        q::update(
            ctx.db(),
            id,
            &ActionChanges {
                recommendation_id: cmd.recommendation_id,
                part_id: cmd.part_id,
                position,
                proposed_actions: proposed,
                success_measures: measures,
                responsibility_text,
                responsible_all: Some(all).filter(|a| *a != current.responsible_all),
                status_notes: notes,
                status: status_changes.map(Into::into),
                withdrawn_reason: None,
            },
        )
        .await?;
        if let Some(resolved) = &resolved {
            q::replace_owners(ctx.db(), id, &new_owners(id, &resolved.rows)).await?;
        }
        if let Some(milestones) = &milestones {
            q::replace_milestones(ctx.db(), id, &new_milestones(id, milestones)).await?;
        }
        let after = load_one(ctx.db(), id).await?;
        let action = if status_changes == Some(ActionStatus::Complete) {
            "action.completed"
        } else {
            "action.updated"
        };
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            action,
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
