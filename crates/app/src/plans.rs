//! Use cases of action plans: one per review, with the date the committee agreed it ("March
//! 2022"). A plan is read whole (its actions in order, each with owners and milestones). Once
//! agreed, every change to the plan or its actions is an amendment: the caller says why, and the
//! plan as it stood before is kept. Agreeing a plan moves its review to `action_plan_agreed`.
use crate::access;
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::{optional_text, REASON_MAX};
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::views::audit::{self as audit_views, AuditEvent};
use crate::views::plans::{load, ActionPlan, Amendment};
use scrutiny_db::queries::action_plans::{
    self as q, ActionPlanChanges, NewActionPlan, NewAmendment, PlanKey,
};
use scrutiny_db::scope::Scope;
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::records::ReviewStatus;
use scrutiny_domain::status::PlanStatus;
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

pub const TITLE_MAX: usize = 500;

/// The plan's status values that callers may set (sign-off has its own workflow).
const SETTABLE_STATUSES: [PlanStatus; 2] = [PlanStatus::Draft, PlanStatus::Agreed];

/// Creates the review's plan if it has none.
#[derive(Debug, Clone, Default)]
pub struct PutPlan {
    pub review_id: Uuid,
    pub title: Option<String>,
    /// "March 2022", "2022-03" or "2022-03-15"; never a day that was not given.
    pub agreed_on: Option<String>,
    /// draft (the default) or agreed.
    pub status: Option<PlanStatus>,
    /// Agrees the plan although Cabinet's decision cannot be implemented yet (within call-in, or
    /// called in): why. Audited.
    pub call_in_override_reason: Option<String>,
}

/// What [`put`] did: created the plan, or found the review's plan already there.
#[derive(Debug)]
pub struct PutOutcome {
    pub created: bool,
    pub plan: ActionPlan,
}

/// Changes a plan; absent fields are left alone, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct ChangePlan {
    pub id: Uuid,
    pub if_match: Precondition,
    pub title: Option<Option<String>>,
    pub agreed_on: Option<Option<String>>,
    /// draft or agreed.
    pub status: Option<PlanStatus>,
    /// Required when the plan is agreed: why it is amended.
    pub amendment_reason: Option<String>,
    /// Agrees the plan although Cabinet's decision cannot be implemented yet: why. Audited.
    pub call_in_override_reason: Option<String>,
}

/// Checks, as a plan is agreed, that Cabinet's latest decision on its review may be implemented
/// (the call-in period ended without a call-in, or the call-in was resolved in its favour). A
/// review without a recorded decision has nothing to wait for. Otherwise 409, unless the officer
/// gives a reason to agree it now, recorded as `action_plan.agreed_before_implementable`.
async fn check_implementable(
    ctx: &mut Ctx<'_>,
    plan_id: Uuid,
    review_id: Uuid,
    override_reason: Option<&str>,
) -> Result<(), AppError> {
    use scrutiny_db::queries::decisions as decisions_q;
    use scrutiny_domain::records::CallInState;
    let filter = decisions_q::Filter {
        review_id: Some(review_id),
        ..Default::default()
    };
    let latest = decisions_q::list(ctx.db(), Scope::All, &filter, None, 1).await?;
    let Some(decision) = latest.into_iter().next() else {
        return Ok(());
    };
    let now = ctx.now();
    let period_over = decision.computed_call_in_deadline.is_some_and(|d| d < now);
    let state = decision.call_in_state;
    if state.is_implementable() || (state == CallInState::Open && period_over) {
        return Ok(());
    }
    let reason = override_reason.map(str::trim).filter(|r| !r.is_empty());
    let Some(reason) = reason else {
        let settings =
            crate::views::calendars::effective_settings(ctx.db(), decision.council_id).await?;
        let ends = match (state, decision.computed_call_in_deadline) {
            (CallInState::Open, Some(deadline)) => format!(
                "; its call-in period ends at {}",
                crate::views::decisions::in_zone(&settings.rule, deadline)
            ),
            (CallInState::Open, None) => {
                "; it has not been published, so call-in has not begun".into()
            }
            _ => String::new(),
        };
        return Err(AppError::conflict(format!(
            "Cabinet's decision of {} cannot be implemented yet ({}{ends}). Agree the plan once it \
             can be, or give call_in_override_reason to agree it now.",
            decision.meeting_date,
            state.label().to_lowercase(),
        )));
    };
    if reason.chars().count() > REASON_MAX {
        return Err(AppError::invalid(
            "call_in_override_reason",
            format!("must be at most {REASON_MAX} characters"),
        ));
    }
    let event = audit::event(
        &ctx.principal,
        "action_plan.agreed_before_implementable",
        "action_plan",
        plan_id,
        None,
        Some(serde_json::json!({
            "reason": reason,
            "decision_id": decision.id,
            "call_in_state": state.as_str(),
            "council_id": decision.council_id,
        })),
    );
    crate::audit::record(ctx.db(), &event).await?;
    Ok(())
}

fn parse_agreed_on(errors: &mut ValidationErrors, raw: &str) -> Option<Option<PartialDate>> {
    if raw.trim().is_empty() {
        return Some(None);
    }
    errors.check("agreed_on", PartialDate::parse(raw)).map(Some)
}

fn settable_status(errors: &mut ValidationErrors, status: PlanStatus) -> Option<PlanStatus> {
    if SETTABLE_STATUSES.contains(&status) {
        Some(status)
    } else {
        errors.add(
            "status",
            "must be draft or agreed (a plan is signed off when its recommendations are all closed)",
        );
        None
    }
}

/// Writes to a signed-off plan are refused.
pub fn check_open(plan: &q::ActionPlan) -> Result<(), AppError> {
    if plan.status == PlanStatus::SignedOff {
        return Err(AppError::conflict(
            "The action plan is signed off; it can no longer be changed.",
        ));
    }
    Ok(())
}

/// Before a change to an agreed plan (the plan row locked): requires a reason, keeps the plan as
/// it stands as a numbered amendment and counts it, audited as `action_plan.amended`. Does
/// nothing to a draft plan. `before` is the plan as loaded already, if the caller has it.
/// Returns the plan row as it is now. Runs in the caller's transaction.
pub async fn amend_if_agreed(
    ctx: &mut Ctx<'_>,
    plan: q::ActionPlan,
    reason: Option<&str>,
    before: Option<&ActionPlan>,
) -> Result<q::ActionPlan, AppError> {
    check_open(&plan)?;
    if plan.status != PlanStatus::Agreed {
        return Ok(plan);
    }
    let mut errors = ValidationErrors::new();
    let reason = optional_text(&mut errors, "amendment_reason", reason, REASON_MAX);
    errors.into_result()?;
    let reason = reason.ok_or_else(|| {
        AppError::invalid(
            "amendment_reason",
            "is required: the action plan is agreed, so this change is an amendment; say why it is made",
        )
    })?;
    let previous = match before {
        Some(dto) => dto.clone(),
        None => load(ctx.db(), plan.clone()).await?,
    };
    let previous_json = serde_json::to_value(&previous).map_err(AppError::internal)?;
    let number = plan.amendment_count + 1;
    let id = Uuid::now_v7();
    let created_by = ctx.principal.name.clone();
    let row = q::record_amendment(
        ctx.db(),
        &NewAmendment {
            id,
            plan_id: plan.id,
            number,
            reason: &reason,
            previous: &previous_json,
            created_by: &created_by,
        },
    )
    .await?;
    let event = audit::event(
        &ctx.principal,
        "action_plan.amended",
        "action_plan",
        plan.id,
        Some(
            serde_json::json!({ "amendment_count": plan.amendment_count, "version": plan.version }),
        ),
        Some(
            serde_json::json!({ "amendment_id": id, "number": number, "reason": reason, "amendment_count": row.amendment_count, "version": row.version }),
        ),
    );
    crate::audit::record(ctx.db(), &event).await?;
    Ok(row)
}

/// Creates the review's action plan, unless it has one already (then answers that plan as it
/// is, `created` false). Audited as `action_plan.created`; a plan created agreed moves the review
/// to `action_plan_agreed`.
pub async fn put(ctx: &mut Ctx<'_>, cmd: PutPlan) -> Result<PutOutcome, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let title = optional_text(&mut errors, "title", cmd.title.as_deref(), TITLE_MAX);
    let agreed_on = cmd
        .agreed_on
        .as_deref()
        .and_then(|raw| parse_agreed_on(&mut errors, raw))
        .flatten();
    let status = cmd.status.map(|s| settable_status(&mut errors, s));
    errors.into_result()?;
    let status = status.flatten().unwrap_or(PlanStatus::Draft);
    let review_id = cmd.review_id;
    ctx.tx(async |ctx| {
        let review = q::find_review(ctx.db(), review_id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, review.council_id)?;
        if review.status == ReviewStatus::Withdrawn {
            return Err(AppError::conflict(
                "The review is withdrawn; it cannot have a new action plan.",
            ));
        }
        let inserted = q::insert(
            ctx.db(),
            &NewActionPlan {
                id: Uuid::now_v7(),
                council_id: review.council_id,
                review_id: review.id,
                title: title.as_deref(),
                agreed_on: agreed_on.map(|d| d.first_day()),
                agreed_on_precision: agreed_on.map(|d| d.precision().as_str()),
                status: status.as_str(),
            },
        )
        .await?;
        let Some(row) = inserted else {
            let existing = q::find_visible(ctx.db(), PlanKey::Review(review_id), Scope::All)
                .await?
                .ok_or(AppError::NotFound)?;
            let plan = load(ctx.db(), existing).await?;
            return Ok(PutOutcome {
                created: false,
                plan,
            });
        };
        if row.status == PlanStatus::Agreed {
            check_implementable(
                ctx,
                row.id,
                row.review_id,
                cmd.call_in_override_reason.as_deref(),
            )
            .await?;
            crate::reviews::advance(ctx, row.review_id, ReviewStatus::ActionPlanAgreed, None)
                .await?;
        }
        let plan = ActionPlan::new(row, Vec::new());
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "action_plan.created",
            "action_plan",
            plan.id,
            &plan,
        )
        .await?;
        Ok(PutOutcome {
            created: true,
            plan,
        })
    })
    .await
}

/// Changes a plan's title, agreed date or status. Once the plan is agreed the change is an
/// amendment (see [`amend_if_agreed`]). Audited as `action_plan.updated`; agreeing the plan moves
/// its review to `action_plan_agreed`.
pub async fn update(ctx: &mut Ctx<'_>, cmd: ChangePlan) -> Result<ActionPlan, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let title = cmd
        .title
        .as_ref()
        .map(|raw| optional_text(&mut errors, "title", raw.as_deref(), TITLE_MAX));
    let agreed_on = cmd.agreed_on.as_ref().and_then(|raw| match raw {
        None => Some(None),
        Some(raw) => parse_agreed_on(&mut errors, raw),
    });
    let status = cmd.status.and_then(|s| settable_status(&mut errors, s));
    errors.into_result()?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let plan = q::find_for_update(ctx.db(), PlanKey::Id(id))
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, plan.council_id)?;
        cmd.if_match.check(plan.version)?;
        check_open(&plan)?;
        let before = load(ctx.db(), plan.clone()).await?;
        amend_if_agreed(ctx, plan, cmd.amendment_reason.as_deref(), Some(&before)).await?;
        let row = q::update(
            ctx.db(),
            id,
            &ActionPlanChanges {
                title,
                agreed_on: agreed_on.map(|d| d.map(|d| d.first_day())),
                agreed_on_precision: agreed_on
                    .map(|d| d.map(|d| d.precision().as_str().to_owned())),
                status: status.map(Into::into),
            },
        )
        .await?;
        if row.status == PlanStatus::Agreed && before.status != PlanStatus::Agreed {
            check_implementable(
                ctx,
                row.id,
                row.review_id,
                cmd.call_in_override_reason.as_deref(),
            )
            .await?;
            crate::reviews::advance(ctx, row.review_id, ReviewStatus::ActionPlanAgreed, None)
                .await?;
        }
        let after = ActionPlan::new(row, before.actions.clone());
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "action_plan.updated",
            "action_plan",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// A plan the principal may read, as its row.
async fn visible(ctx: &mut Ctx<'_>, key: PlanKey) -> Result<q::ActionPlan, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    q::find_visible(ctx.db(), key, scope)
        .await?
        .ok_or(AppError::NotFound)
}

/// A plan, with its actions in order.
pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<ActionPlan, AppError> {
    let row = visible(ctx, PlanKey::Id(id)).await?;
    load(ctx.db(), row).await
}

/// A review's plan, with its actions in order.
pub async fn get_for_review(ctx: &mut Ctx<'_>, review_id: Uuid) -> Result<ActionPlan, AppError> {
    let row = visible(ctx, PlanKey::Review(review_id)).await?;
    load(ctx.db(), row).await
}

/// A plan's amendments, oldest first, each with the plan as it stood before it.
pub async fn amendments(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: PageRequest,
) -> Result<Page<Amendment>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let limit = page.limit;
    let after = page.decode::<i32>()?;
    let plan = visible(ctx, PlanKey::Id(id)).await?;
    let rows = q::amendments(ctx.db(), plan.id, after, limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&r.number));
    Ok(Page {
        items: rows.into_iter().map(Amendment::from).collect(),
        next_cursor,
    })
}

/// A plan's changes, newest first.
pub async fn history(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    let plan = visible(ctx, PlanKey::Id(id)).await?;
    audit_views::history(ctx.db(), "action_plan", plan.id, &page).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreed_dates_parse_as_written() {
        let mut errors = ValidationErrors::new();
        for (raw, iso) in [
            ("March 2022", "2022-03"),
            ("2022-03", "2022-03"),
            ("2022-03-15", "2022-03-15"),
        ] {
            let parsed = parse_agreed_on(&mut errors, raw).flatten().unwrap();
            assert_eq!(parsed.to_iso(), iso);
        }
        assert_eq!(parse_agreed_on(&mut errors, "  "), Some(None));
        assert!(errors.is_empty());
        assert_eq!(parse_agreed_on(&mut errors, "Marchember"), None);
        assert_eq!(errors.0[0].field, "agreed_on");
    }

    #[test]
    fn only_draft_and_agreed_are_settable() {
        let mut errors = ValidationErrors::new();
        assert_eq!(
            settable_status(&mut errors, PlanStatus::Agreed),
            Some(PlanStatus::Agreed)
        );
        assert!(errors.is_empty());
        assert_eq!(settable_status(&mut errors, PlanStatus::SignedOff), None);
        assert_eq!(errors.0.len(), 1);
    }
}
