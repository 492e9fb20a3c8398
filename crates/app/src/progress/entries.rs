//! Use cases of progress entries: a partner's report on one recommendation (or one of its parts)
//! in one round, and its workflow: draft → submitted → (returned with comments → submitted)* →
//! validated by an officer → accepted by the committee (docs/domain.md rules 1–5).
//!
//! Who may do what:
//! - the reporting organisation's contributors (and the council's officers, acting for it) write
//!   the draft and submit it; once submitted it is read-only to them until it is returned;
//! - the council's officers return it with comments, validate it with their grade, and record the
//!   committee's acceptance with the final grade;
//! - viewers read accepted entries only; another organisation's entries are not found (404).
use super::content::{
    check_submission, impact_columns, parse_grade, parse_impact, parse_key_figures, PROGRESS_MAX,
    TEXT_MAX,
};
use super::follow;
use crate::access;
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::optional_text;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::views::audit::AuditEvent;
use crate::views::progress::{
    accepted_only, actors, check_entry_edit, dto, dtos, entry_for_read, is_council_officer,
    outcome_of, suggested_code, visible, ImpactValue, KeyFigure, ProgressEntry,
};
use chrono::NaiveDate;
use scrutiny_db::queries::progress::{self as q, Entry, EntryChanges, EntryFilter};
use scrutiny_db::scope::Scope;
use scrutiny_domain::people::Role;
use scrutiny_domain::progress::{
    self as rules, GradeScale, RecommendationOutcome, SubmissionState, SubmissionStep,
};
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

/// Who writes entries: the council's staff and the partners' contributors.
const WRITERS: &[Role] = &[Role::Admin, Role::Officer, Role::Contributor];

// ---------------------------------------------------------------------------------------------
// Reading

/// A list of entries: the filters of `GET /progress-entries`.
#[derive(Debug, Clone, Default)]
pub struct EntryListQuery {
    pub round_id: Option<Uuid>,
    pub review_id: Option<Uuid>,
    pub recommendation_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    /// One state or several, comma-separated: `submitted,validated`.
    pub state: Option<String>,
    pub grades_differ: Option<bool>,
    pub open_rounds: Option<bool>,
    pub page: PageRequest,
}

/// States named in a filter, comma-separated: `submitted,validated`.
pub fn parse_states(raw: Option<&str>) -> Result<Vec<SubmissionState>, AppError> {
    let mut out = Vec::new();
    for s in raw
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let state = s.parse::<SubmissionState>().map_err(|_| {
            AppError::invalid(
                "state",
                "must be draft, submitted, returned, validated or accepted (comma-separated for several)",
            )
        })?;
        if !out.contains(&state) {
            out.push(state);
        }
    }
    Ok(out)
}

/// One page of entries for a query, in a scope.
async fn entry_page(
    ctx: &mut Ctx<'_>,
    query: &EntryListQuery,
    scope: Scope,
) -> Result<Page<ProgressEntry>, AppError> {
    let limit = query.page.limit;
    let after = query.page.decode::<Uuid>()?;
    let filter = EntryFilter {
        round_id: query.round_id,
        review_id: query.review_id,
        recommendation_id: query.recommendation_id,
        organisation_id: query.organisation_id,
        states: parse_states(query.state.as_deref())?,
        grades_differ: query.grades_differ,
        open_rounds_only: query.open_rounds.unwrap_or(false),
    };
    let principal = ctx.principal.clone();
    let viewer = accepted_only(&principal);
    let rows = q::list_entries(ctx.db(), scope, viewer, &filter, after, limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |e| encode_cursor(&e.id));
    let today = ctx.today();
    Ok(Page {
        items: dtos(ctx.db(), &principal, rows, today).await?,
        next_cursor,
    })
}

/// Progress entries the caller may see, oldest first: partners see their organisation's,
/// council staff their council's, viewers only accepted ones.
pub async fn list(
    ctx: &mut Ctx<'_>,
    query: EntryListQuery,
) -> Result<Page<ProgressEntry>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    entry_page(ctx, &query, scope).await
}

/// What the caller's organisation owes: its entries of open rounds that are drafts or returned,
/// oldest first.
pub async fn inbox(ctx: &mut Ctx<'_>, page: PageRequest) -> Result<Page<ProgressEntry>, AppError> {
    ctx.principal.require(WRITERS)?;
    let own = ctx.principal.organisation_id.as_uuid();
    let query = EntryListQuery {
        organisation_id: Some(own),
        state: Some("draft,returned".to_owned()),
        open_rounds: Some(true),
        page,
        ..Default::default()
    };
    entry_page(ctx, &query, Scope::Responsible(own)).await
}

/// An officer's queue: submissions to assess (`submitted`) and validated entries awaiting the
/// committee (`validated`), or both when `state` is absent, in the officer's council.
pub async fn assessments(
    ctx: &mut Ctx<'_>,
    state: Option<String>,
    page: PageRequest,
) -> Result<Page<ProgressEntry>, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let states = parse_states(state.as_deref())?;
    if states
        .iter()
        .any(|s| !matches!(s, SubmissionState::Submitted | SubmissionState::Validated))
    {
        return Err(AppError::invalid("state", "must be submitted or validated"));
    }
    let query = EntryListQuery {
        state: Some(if states.is_empty() {
            "submitted,validated".to_owned()
        } else {
            states
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(",")
        }),
        page,
        ..Default::default()
    };
    let scope = access::scope(&ctx.principal);
    entry_page(ctx, &query, scope).await
}

/// One entry the caller may see.
pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<ProgressEntry, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let principal = ctx.principal.clone();
    let today = ctx.today();
    let entry = entry_for_read(ctx.db(), &principal, id).await?;
    dto(ctx.db(), &principal, entry, today).await
}

/// An entry's history: every change and workflow step, newest first. Viewers, who read accepted
/// entries only, get only its acceptance: never the drafts, returns and comments before it.
pub async fn history(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let principal = ctx.principal.clone();
    let entry = entry_for_read(ctx.db(), &principal, id).await?;
    if accepted_only(&principal) {
        let accepted = format!("progress_entry.{}", SubmissionStep::Accept.as_str());
        return crate::views::audit::published_history(
            ctx.db(),
            "progress_entry",
            entry.id,
            &accepted,
            &page,
        )
        .await;
    }
    crate::views::audit::history(ctx.db(), "progress_entry", entry.id, &page).await
}

// ---------------------------------------------------------------------------------------------
// Changing the content

/// A change of an entry's content. Absent fields are left alone; `Some(None)` clears.
#[derive(Debug, Clone, Default)]
pub struct UpdateEntry {
    pub id: Uuid,
    pub precondition: crate::Precondition,
    pub progress: Option<Option<String>>,
    pub proposed_grade: Option<Option<String>>,
    pub proposed_explanation: Option<Option<String>>,
    pub impact: Option<ImpactValue>,
    pub key_figures: Option<Vec<KeyFigure>>,
    /// The reporting organisation (council officers only).
    pub organisation_id: Option<Option<Uuid>>,
}

/// The content of an [`UpdateEntry`] (evidence of progress, proposed grade and explanation,
/// impact, key figures) checked against the council's scale and the limits, as the columns it
/// changes and the key figures that replace the entry's; each error names its field. The
/// progress-update import's dry run calls this too, so it refuses what the update would.
pub fn check_content(
    errors: &mut ValidationErrors,
    scale: &GradeScale,
    entry_id: Uuid,
    cmd: &UpdateEntry,
) -> (EntryChanges, Option<Vec<q::KeyFigure>>) {
    let mut changes = EntryChanges::default();
    if let Some(progress) = &cmd.progress {
        changes.progress = Some(optional_text(
            errors,
            "progress",
            progress.as_deref(),
            PROGRESS_MAX,
        ));
    }
    let mut explanation_from_grade = None;
    if let Some(grade) = &cmd.proposed_grade {
        changes.proposed_grade = Some(match grade.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => {
                parse_grade(errors, "proposed_grade", scale, raw).map(|(code, explanation)| {
                    explanation_from_grade = explanation;
                    code
                })
            }
        });
    }
    if let Some(explanation) = &cmd.proposed_explanation {
        changes.proposed_explanation = Some(optional_text(
            errors,
            "proposed_explanation",
            explanation.as_deref(),
            TEXT_MAX,
        ));
    } else if explanation_from_grade.is_some() {
        changes.proposed_explanation = Some(explanation_from_grade);
    }
    if let Some(impact) = &cmd.impact {
        if let Some(impact) = parse_impact(errors, impact) {
            impact_columns(&impact, &mut changes);
        }
    }
    let figures = cmd
        .key_figures
        .as_deref()
        .map(|raw| parse_key_figures(errors, entry_id, raw));
    (changes, figures)
}

/// Changes a draft's evidence, proposed grade, impact or key figures (its organisation's
/// contributors and the council's officers, while it is a draft or returned). Officers may also
/// change the reporting organisation. Audited as `progress_entry.updated`.
pub async fn update(ctx: &mut Ctx<'_>, cmd: UpdateEntry) -> Result<ProgressEntry, AppError> {
    ctx.principal.require(WRITERS)?;
    ctx.tx(async |ctx| {
        let principal = ctx.principal.clone();
        let id = cmd.id;
        let entry = q::lock_entry(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !visible(&principal, &entry) {
            return Err(AppError::NotFound);
        }
        cmd.precondition.check(entry.version)?;
        check_entry_edit(&principal, &entry)?;
        // What the entry's view needs (its recommendation, round, scale, parts and key figures)
        // is loaded once: for the checks, the view before, and the view after, which changes
        // only in what is written here.
        let today = ctx.today();
        let mut context = crate::views::progress::EntryContext::load(
            ctx.db(),
            std::slice::from_ref(&entry),
            today,
        )
        .await?;
        let scale = context.scale(entry.council_id);
        let mut errors = ValidationErrors::new();
        let (mut changes, figures) = check_content(&mut errors, &scale, entry.id, &cmd);
        if let Some(organisation) = cmd.organisation_id {
            if !is_council_officer(&principal, entry.council_id) {
                errors.add(
                    "organisation_id",
                    "only the council's officers may change who reports",
                );
            } else {
                changes.organisation_id = Some(organisation);
            }
        }
        errors.into_result()?;
        if let Some(Some(organisation)) = changes.organisation_id {
            if scrutiny_db::queries::organisations::find(ctx.db(), organisation)
                .await?
                .is_none()
            {
                return Err(AppError::invalid(
                    "organisation_id",
                    "is not an organisation",
                ));
            }
        }
        let before = context.dto(&principal, entry);
        changes.written_by = Some(Some(principal.name.clone()));
        changes.written_at = Some(Some(ctx.now()));
        let row = q::update_entry(ctx.db(), id, &changes).await?;
        if let Some(figures) = figures {
            q::replace_key_figures(ctx.db(), id, &figures).await?;
            context.set_figures(id, figures);
        }
        let after = if changes.organisation_id.is_some() {
            // Another organisation reports: its name is loaded afresh.
            dto(ctx.db(), &principal, row, today).await?
        } else {
            context.dto(&principal, row)
        };
        audit::changed(
            ctx.db(),
            &principal,
            "progress_entry.updated",
            "progress_entry",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// Removes an untouched draft entry from its round (a recommendation added by mistake). An entry
/// anyone has written in, or that has moved on, is kept. Audited as `progress_entry.removed`.
pub async fn delete(ctx: &mut Ctx<'_>, id: Uuid) -> Result<(), AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    ctx.tx(async |ctx| {
        let principal = ctx.principal.clone();
        let entry = q::lock_entry(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !visible(&principal, &entry) {
            return Err(AppError::NotFound);
        }
        access::check_write(&principal, entry.council_id)?;
        if entry.state != SubmissionState::Draft || entry.written_at.is_some() {
            return Err(AppError::conflict(
                "The entry has been written in or has moved on; it is kept.",
            ));
        }
        if q::attachment_count(ctx.db(), id).await? > 0 {
            return Err(AppError::conflict("The entry has attachments; it is kept."));
        }
        let today = ctx.today();
        let before = dto(ctx.db(), &principal, entry, today).await?;
        q::delete_entry(ctx.db(), id).await?;
        let event = audit::event(
            &principal,
            "progress_entry.removed",
            "progress_entry",
            id,
            audit::snapshot(&before),
            None,
        );
        crate::audit::record(ctx.db(), &event).await?;
        Ok(())
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// The workflow

/// The first half of a workflow step: the entry locked, and the step it takes to `to`, or why not.
/// An illegal move is 409 with the allowed states; a legal move the caller may not make is 403.
async fn begin_step(ctx: &mut Ctx<'_>, id: Uuid, to: SubmissionState) -> Result<Step, AppError> {
    let principal = ctx.principal.clone();
    let entry = q::lock_entry(ctx.db(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !visible(&principal, &entry) {
        return Err(AppError::NotFound);
    }
    let from = entry.state;
    let actors = actors(&principal, &entry);
    let step = match rules::SubmissionStep::of(from, to) {
        None => {
            return Err(AppError::Conflict {
                detail: format!(
                    "The entry is {}; it cannot move to {}.",
                    from.label().to_lowercase(),
                    to.label().to_lowercase()
                ),
                allowed: from
                    .allowed_next()
                    .iter()
                    .map(|s| s.as_str().to_owned())
                    .collect(),
            })
        }
        Some(step) if actors.contains(&step.actor()) => step,
        Some(_) => return Err(AppError::Forbidden),
    };
    // What the entry's view needs is loaded once: for the checks, the view before, and (when
    // nothing but the entry changes) the view after.
    let today = ctx.today();
    let context =
        crate::views::progress::EntryContext::load(ctx.db(), std::slice::from_ref(&entry), today)
            .await?;
    let before = context.dto(&principal, entry.clone());
    Ok(Step {
        entry,
        step,
        before,
        context,
    })
}

/// An entry about to move: as it is, the move, its view before, and what its view needs.
struct Step {
    entry: Entry,
    step: SubmissionStep,
    before: ProgressEntry,
    context: crate::views::progress::EntryContext,
}

/// What the view after a step is made from.
enum After {
    /// Nothing but the entry changed: the context loaded before serves.
    Unchanged,
    /// Other records changed with it (a recommendation closed): loaded afresh.
    Reloaded,
}

/// The second half: the entry moved and changed, audited as `progress_entry.<step>` with the
/// entry before and after (and the step's own details).
async fn finish_step(
    ctx: &mut Ctx<'_>,
    begun: &Step,
    mut changes: EntryChanges,
    extra: Option<serde_json::Value>,
    view: After,
) -> Result<ProgressEntry, AppError> {
    let Step {
        entry,
        step,
        before,
        context,
    } = begun;
    let id = entry.id;
    let principal = ctx.principal.clone();
    let today = ctx.today();
    changes.state = Some(step.to().as_str().to_owned());
    let row = q::update_entry(ctx.db(), id, &changes).await?;
    let after = match view {
        After::Unchanged => context.dto(&principal, row),
        After::Reloaded => dto(ctx.db(), &principal, row, today).await?,
    };
    let mut after_json = audit::snapshot(&after);
    if let (Some(serde_json::Value::Object(map)), Some(extra)) = (&mut after_json, extra) {
        map.insert("step".to_owned(), extra);
    }
    let event = audit::event(
        &principal,
        &format!("progress_entry.{}", step.as_str()),
        "progress_entry",
        id,
        audit::snapshot(before),
        after_json,
    );
    crate::audit::record(ctx.db(), &event).await?;
    Ok(after)
}

#[derive(Debug, Clone, Default)]
pub struct SubmitEntry {
    pub id: Uuid,
    /// A council officer recording a past update from its paper: evidence of impact may be left
    /// unrecorded, as the paper left it (docs/domain.md rule 3). Forbidden to partners.
    pub from_document: bool,
}

/// Submits a draft, or resubmits a returned entry, for the council to assess. The entry must have
/// evidence of progress, a proposed grade (with its explanation where the grade needs one) and
/// evidence of impact or the statement that no assessment of impact was undertaken.
pub async fn submit(ctx: &mut Ctx<'_>, cmd: SubmitEntry) -> Result<ProgressEntry, AppError> {
    ctx.principal.require(WRITERS)?;
    ctx.tx(async |ctx| {
        let begun = begin_step(ctx, cmd.id, SubmissionState::Submitted).await?;
        let entry = &begun.entry;
        if cmd.from_document && !is_council_officer(&ctx.principal, entry.council_id) {
            return Err(AppError::Forbidden);
        }
        let scale = begun.context.scale(entry.council_id);
        check_submission(&scale, entry, cmd.from_document)?;
        let changes = EntryChanges {
            submitted_by: Some(Some(ctx.principal.name.clone())),
            submitted_at: Some(Some(ctx.now())),
            ..Default::default()
        };
        finish_step(ctx, &begun, changes, None, After::Unchanged).await
    })
    .await
}

#[derive(Debug, Clone)]
pub struct ReturnEntry {
    pub id: Uuid,
    /// What the partner should change.
    pub comments: String,
}

/// Returns a submitted (or validated) entry to its partner with comments; it becomes editable
/// for them again.
pub async fn return_entry(ctx: &mut Ctx<'_>, cmd: ReturnEntry) -> Result<ProgressEntry, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let comments = optional_text(&mut errors, "comments", Some(&cmd.comments), TEXT_MAX);
    errors.into_result()?;
    let comments = comments.ok_or_else(|| {
        AppError::invalid(
            "comments",
            "is required: say what the partner should change",
        )
    })?;
    ctx.tx(async |ctx| {
        let begun = begin_step(ctx, cmd.id, SubmissionState::Returned).await?;
        let changes = EntryChanges {
            return_comments: Some(Some(comments.clone())),
            ..Default::default()
        };
        let extra = Some(serde_json::json!({ "comments": comments }));
        finish_step(ctx, &begun, changes, extra, After::Unchanged).await
    })
    .await
}

#[derive(Debug, Clone)]
pub struct ValidateEntry {
    pub id: Uuid,
    /// The officer's grade.
    pub grade: String,
    /// Required when the grade differs from the proposed one.
    pub reason: Option<String>,
    /// Required when the grade differs from the suggested one (the worst of the parts').
    pub override_reason: Option<String>,
}

/// Validates a submitted entry with the officer's grade: a reason is required when it differs
/// from the proposed grade, and an override reason when it differs from the worst of the parts'
/// grades.
pub async fn validate(ctx: &mut Ctx<'_>, cmd: ValidateEntry) -> Result<ProgressEntry, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    ctx.tx(async |ctx| {
        let begun = begin_step(ctx, cmd.id, SubmissionState::Validated).await?;
        let entry = &begun.entry;
        let scale = begun.context.scale(entry.council_id);
        let mut errors = ValidationErrors::new();
        let code = parse_grade(&mut errors, "grade", &scale, &cmd.grade).map(|(c, _)| c);
        errors.into_result()?;
        let code = code.ok_or_else(|| AppError::invalid("grade", "is required"))?;
        let chosen = code
            .parse()
            .map_err(|_| AppError::invalid("grade", "is not a grade code"))?;
        let proposed = entry.proposed_grade.as_deref().and_then(|c| c.parse().ok());
        let reason =
            rules::reason_for_officer_grade(proposed.as_ref(), &chosen, cmd.reason.as_deref())
                .map_err(|e| AppError::invalid("reason", e.to_string()))?;
        let mut override_reason = None;
        if entry.part_id.is_none() {
            let parts =
                q::part_entries_of(ctx.db(), entry.round_id, entry.recommendation_id).await?;
            let suggested = suggested_code(&scale, &parts).and_then(|c| c.parse().ok());
            override_reason = rules::reason_for_override(
                suggested.as_ref(),
                &chosen,
                cmd.override_reason.as_deref(),
            )
            .map_err(|e| AppError::invalid("override_reason", e.to_string()))?
            .map(|r| r.as_str().to_owned());
        }
        let changes = EntryChanges {
            officer_grade: Some(Some(code.clone())),
            officer_reason: Some(reason.map(|r| r.as_str().to_owned())),
            override_reason: Some(override_reason),
            validated_by: Some(Some(ctx.principal.name.clone())),
            validated_at: Some(Some(ctx.now())),
            ..Default::default()
        };
        let extra = Some(serde_json::json!({ "grade": code }));
        finish_step(ctx, &begun, changes, extra, After::Unchanged).await
    })
    .await
}

#[derive(Debug, Clone, Default)]
pub struct AcceptEntry {
    pub id: Uuid,
    /// The committee's final grade; the officer's grade when absent.
    pub grade: Option<String>,
    /// The meeting that accepted it; the round's meeting date when absent.
    pub meeting_date: Option<NaiveDate>,
    pub minute_reference: Option<String>,
}

/// Records the committee's acceptance of a validated entry with its final grade, meeting date and
/// minute reference. An accepted grade that closes (1 Fully Achieved by default) closes the
/// recommendation; any other leaves it outstanding for the next round. When every
/// recommendation-level entry of the round is accepted the round closes, and when every
/// recommendation of the review is closed or withdrawn the action plan is signed off and the
/// review moves to "signed off". All of it is one transaction: if any step fails, nothing is
/// committed.
pub async fn accept(ctx: &mut Ctx<'_>, cmd: AcceptEntry) -> Result<ProgressEntry, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    ctx.tx(async |ctx| {
        let id = cmd.id;
        let begun = begin_step(ctx, id, SubmissionState::Accepted).await?;
        let entry = &begun.entry;
        let scale = begun.context.scale(entry.council_id);
        let round = q::find_round(ctx.db(), entry.round_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut errors = ValidationErrors::new();
        let code = match cmd.grade.as_deref() {
            Some(raw) => parse_grade(&mut errors, "grade", &scale, raw).map(|(c, _)| c),
            None => entry.officer_grade.clone(),
        };
        let meeting = cmd.meeting_date.or(round.meeting_date);
        if meeting.is_none() {
            errors.add(
                "meeting_date",
                "is required: the round has no committee meeting date",
            );
        }
        let minute = optional_text(
            &mut errors,
            "minute_reference",
            cmd.minute_reference.as_deref(),
            200,
        );
        errors.into_result()?;
        let code = code.ok_or_else(|| AppError::invalid("grade", "is required"))?;
        let meeting = meeting.ok_or_else(|| AppError::invalid("meeting_date", "is required"))?;
        if entry.part_id.is_none() {
            let closes = outcome_of(&scale, &code) == Some(RecommendationOutcome::Closed);
            let level = scale
                .require(&code)
                .map_err(|e| AppError::invalid("grade", e.to_string()))?;
            if closes {
                let reason = format!(
                    "Accepted by the committee as {} on {}.",
                    level.document_form(),
                    meeting.format("%-d %B %Y")
                );
                follow::close_recommendation(ctx, entry.recommendation_id, &reason).await?;
            }
        }
        let changes = EntryChanges {
            accepted_grade: Some(Some(code.clone())),
            accepted_meeting_date: Some(Some(meeting)),
            minute_reference: Some(minute.clone()),
            accepted_by: Some(Some(ctx.principal.name.clone())),
            accepted_at: Some(Some(ctx.now())),
            ..Default::default()
        };
        let extra = Some(
            serde_json::json!({ "grade": code, "meeting_date": meeting, "minute_reference": minute }),
        );
        // The recommendation may have closed: the view after is loaded afresh (below, once more
        // after what follows).
        finish_step(ctx, &begun, changes, extra, After::Reloaded).await?;
        // What follows from it, in the same transaction: the round closes when all of it is
        // accepted; the plan is signed off when nothing is outstanding.
        follow::close_round_if_done(ctx, entry.round_id).await?;
        if entry.part_id.is_none() {
            follow::after_recommendation_closed(ctx, entry.review_id, meeting).await?;
        }
        let principal = ctx.principal.clone();
        let today = ctx.today();
        let row = q::find_entry(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
        dto(ctx.db(), &principal, row, today).await
    })
    .await
}
