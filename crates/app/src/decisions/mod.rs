//! Use cases of Cabinet decision records: the resolutions mapped to a review's recommendations,
//! and the call-in period (docs/domain.md rule 7). The deadline is computed from the council's
//! settings and holiday calendar; a deadline the document states is kept as given and compared
//! with it. Recording a decision moves its review to `decided_by_cabinet`.
use crate::access;
use crate::audit;
use crate::calendars::{call_in_deadline, parse_day};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::views::audit::{history as audit_history, AuditEvent};
use crate::views::calendars::effective_settings;
use crate::views::decisions::{in_zone, load, load_one, Decision};
use chrono::{DateTime, NaiveDate, Utc};
use scrutiny_db::queries::decisions as q;
use scrutiny_db::scope::Scope;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::calendar::CallInRule;
use scrutiny_domain::people::Name;
use scrutiny_domain::records::{CallInState, PartLabel, RecommendationNumber, ReviewStatus};
use scrutiny_domain::validation::ValidationErrors;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

mod stated;

pub use self::stated::read_stated_deadline;

const ENTITY: &str = "decision";
/// The longest part label the database keeps.
const MAX_PART_LABEL: usize = 6;
/// The longest item title accepted.
pub const MAX_TITLE: usize = 1000;

// ---- commands ------------------------------------------------------------------------------

/// One labelled part of a resolution as given.
#[derive(Debug, Clone)]
pub struct ResolutionPartInput {
    pub label: String,
    pub text: String,
    /// A part of a recommendation of the same review.
    pub recommendation_part_id: Option<Uuid>,
}

/// One numbered resolution as given.
#[derive(Debug, Clone)]
pub struct ResolutionInput {
    pub number: String,
    pub text: String,
    /// A recommendation of the same review.
    pub recommendation_id: Option<Uuid>,
    pub parts: Vec<ResolutionPartInput>,
}

/// The call-in deadline as the document states it: its words, and the instant they mean (RFC
/// 3339) when the caller knows it; otherwise it is read from the words.
#[derive(Debug, Clone)]
pub struct StatedCallIn {
    pub text: String,
    pub deadline: Option<String>,
}

/// Cabinet's decision on a review, as given (days as yyyy-mm-dd).
#[derive(Debug, Clone)]
pub struct CreateDecision {
    pub review_id: Uuid,
    pub body: String,
    pub meeting_date: String,
    pub item_title: String,
    pub decision_text: Option<String>,
    pub resolutions: Vec<ResolutionInput>,
    pub reasons: Option<String>,
    pub alternatives: Option<String>,
    pub conflicts: Option<String>,
    pub dispensations: Option<String>,
    pub reference: Option<String>,
    pub key_decision: Option<bool>,
    pub published_on: Option<String>,
    pub stated_call_in: Option<StatedCallIn>,
}

/// Fields to change: `None` keeps a field, `Some(None)` clears an optional one; `resolutions`,
/// when given, replaces them all.
#[derive(Debug, Clone, Default)]
pub struct UpdateDecision {
    pub id: Uuid,
    pub precondition: Precondition,
    pub body: Option<String>,
    pub meeting_date: Option<String>,
    pub item_title: Option<String>,
    pub decision_text: Option<Option<String>>,
    pub resolutions: Option<Vec<ResolutionInput>>,
    pub reasons: Option<Option<String>>,
    pub alternatives: Option<Option<String>>,
    pub conflicts: Option<Option<String>>,
    pub dispensations: Option<Option<String>>,
    pub reference: Option<Option<String>>,
    pub key_decision: Option<bool>,
    pub published_on: Option<Option<String>>,
    pub stated_call_in: Option<Option<StatedCallIn>>,
}

/// Moves a decision's call-in on (`to`: expired, called_in, upheld, referred_back or referred_to_council).
#[derive(Debug, Clone)]
pub struct TransitionCallIn {
    pub id: Uuid,
    pub precondition: Precondition,
    pub to: CallInState,
    pub note: Option<String>,
}

/// Recomputes a decision's call-in deadline; the precondition is checked when given.
#[derive(Debug, Clone)]
pub struct RecomputeDeadline {
    pub id: Uuid,
    pub precondition: Option<Precondition>,
}

/// Which decisions to list (days as yyyy-mm-dd).
#[derive(Debug, Clone, Default)]
pub struct DecisionFilter {
    pub review_id: Option<Uuid>,
    pub call_in_state: Option<String>,
    pub meeting_from: Option<String>,
    pub meeting_to: Option<String>,
}

// ---- parsing -------------------------------------------------------------------------------

/// An optional long text: blank means absent; otherwise kept as given ("None" and "N/A" are
/// values of the document).
fn optional_text(raw: Option<String>) -> Option<String> {
    raw.filter(|s| !s.trim().is_empty())
}

/// A changed optional text, if given and not cleared.
fn given(v: &Option<Option<String>>) -> Option<&str> {
    v.as_ref().and_then(|t| t.as_deref())
}

/// Refuses control characters (other than line breaks and tabs) in a decision's free texts.
fn refuse_control(errors: &mut ValidationErrors, texts: &[(&str, Option<&str>)]) {
    for (field, text) in texts {
        if text.is_some_and(|t| {
            t.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        }) {
            errors.add(*field, "must not contain control characters");
        }
    }
}

fn required_text(
    errors: &mut ValidationErrors,
    field: &str,
    raw: &str,
    max: usize,
) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        errors.add(field, "must not be blank");
        None
    } else if trimmed.chars().count() > max {
        errors.add(field, format!("must be at most {max} characters"));
        None
    } else if trimmed
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        errors.add(field, "must not contain control characters");
        None
    } else {
        Some(trimmed.to_owned())
    }
}

/// A resolution as parsed, before its ids are checked against the review.
struct ParsedResolution {
    number: String,
    text: String,
    recommendation_id: Option<Uuid>,
    parts: Vec<ParsedPart>,
}

struct ParsedPart {
    label: String,
    text: String,
    recommendation_part_id: Option<Uuid>,
}

fn parse_resolutions(
    errors: &mut ValidationErrors,
    inputs: Vec<ResolutionInput>,
) -> Vec<ParsedResolution> {
    let mut numbers = HashSet::new();
    let mut parsed = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.into_iter().enumerate() {
        let field = format!("resolutions[{i}]");
        let number = errors
            .check(
                &format!("{field}.number"),
                RecommendationNumber::parse(&input.number),
            )
            .map(|n| n.as_str().to_owned());
        if let Some(number) = &number {
            if !numbers.insert(number.to_ascii_lowercase()) {
                errors.add(format!("{field}.number"), "is used by another resolution");
            }
        }
        // A resolution on a recommendation made only of parts may have no text of its own.
        let text = if input.text.trim().is_empty() && !input.parts.is_empty() {
            Some(String::new())
        } else {
            required_text(errors, &format!("{field}.text"), &input.text, usize::MAX)
        };
        let mut labels = HashSet::new();
        let mut parts = Vec::with_capacity(input.parts.len());
        for (j, part) in input.parts.into_iter().enumerate() {
            let part_field = format!("{field}.parts[{j}]");
            let label = errors
                .check(
                    &format!("{part_field}.label"),
                    PartLabel::parse(&part.label),
                )
                .map(|l| l.as_str().to_owned());
            match &label {
                Some(l) if l.len() > MAX_PART_LABEL => errors.add(
                    format!("{part_field}.label"),
                    format!("must be at most {MAX_PART_LABEL} characters"),
                ),
                Some(l) if !labels.insert(l.clone()) => errors.add(
                    format!("{part_field}.label"),
                    "is used by another part of the resolution",
                ),
                _ => {}
            }
            let text = required_text(
                errors,
                &format!("{part_field}.text"),
                &part.text,
                usize::MAX,
            );
            if let (Some(label), Some(text)) = (label, text) {
                parts.push(ParsedPart {
                    label,
                    text,
                    recommendation_part_id: part.recommendation_part_id,
                });
            }
        }
        if let (Some(number), Some(text)) = (number, text) {
            parsed.push(ParsedResolution {
                number,
                text,
                recommendation_id: input.recommendation_id,
                parts,
            });
        }
    }
    parsed
}

/// Checks that the recommendations and parts named belong to the review (and each part to its
/// resolution's recommendation), and makes the rows.
async fn resolution_rows(
    conn: &mut AsyncPgConnection,
    review_id: Uuid,
    decision_id: Uuid,
    resolutions: Vec<ParsedResolution>,
) -> Result<(Vec<q::ResolutionRow>, Vec<q::ResolutionPartRow>), AppError> {
    let recommendation_ids: Vec<Uuid> = resolutions
        .iter()
        .filter_map(|r| r.recommendation_id)
        .collect();
    let part_ids: Vec<Uuid> = resolutions
        .iter()
        .flat_map(|r| r.parts.iter().filter_map(|p| p.recommendation_part_id))
        .collect();
    let known: HashSet<Uuid> = q::recommendations_in_review(conn, review_id, &recommendation_ids)
        .await?
        .into_iter()
        .collect();
    let known_parts: HashMap<Uuid, Uuid> = q::parts_in_review(conn, review_id, &part_ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p.recommendation_id))
        .collect();
    let mut errors = ValidationErrors::new();
    let mut rows = Vec::with_capacity(resolutions.len());
    let mut part_rows = Vec::new();
    for (i, resolution) in resolutions.into_iter().enumerate() {
        if let Some(id) = resolution.recommendation_id {
            if !known.contains(&id) {
                errors.add(
                    format!("resolutions[{i}].recommendation_id"),
                    "is not a recommendation of this decision's review",
                );
            }
        }
        let id = Uuid::now_v7();
        for (j, part) in resolution.parts.into_iter().enumerate() {
            if let Some(part_id) = part.recommendation_part_id {
                let field = format!("resolutions[{i}].parts[{j}].recommendation_part_id");
                match known_parts.get(&part_id) {
                    None => errors.add(
                        field,
                        "is not a part of a recommendation of this decision's review",
                    ),
                    Some(owner) if resolution.recommendation_id.is_some_and(|r| r != *owner) => {
                        errors.add(
                            field,
                            format!(
                                "is a part of another recommendation than resolutions[{i}].recommendation_id"
                            ),
                        )
                    }
                    Some(_) => {}
                }
            }
            part_rows.push(q::ResolutionPartRow {
                id: Uuid::now_v7(),
                resolution_id: id,
                label: part.label,
                position: position(j),
                text: part.text,
                recommendation_part_id: part.recommendation_part_id,
            });
        }
        rows.push(q::ResolutionRow {
            id,
            decision_id,
            number: resolution.number,
            position: position(i),
            text: resolution.text,
            recommendation_id: resolution.recommendation_id,
        });
    }
    errors.into_result()?;
    Ok((rows, part_rows))
}

fn position(index: usize) -> i32 {
    i32::try_from(index + 1).unwrap_or(i32::MAX)
}

/// The stated call-in deadline as given: its words, and the instant (given, or read from them).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stated {
    text: Option<String>,
    deadline: Option<DateTime<Utc>>,
}

fn parse_stated(
    errors: &mut ValidationErrors,
    input: StatedCallIn,
    rule: &CallInRule,
) -> Option<Stated> {
    let text = input.text.trim().to_owned();
    let text = (!text.is_empty()).then_some(text);
    match input.deadline {
        Some(raw) => {
            let deadline = errors.check(
                "stated_call_in.deadline",
                DateTime::parse_from_rfc3339(raw.trim()).map_err(|_| {
                    format!(
                        "must be an RFC 3339 instant such as 2022-01-28T23:59:00Z (got \"{raw}\")"
                    )
                }),
            )?;
            Some(Stated {
                text,
                deadline: Some(deadline.with_timezone(&Utc)),
            })
        }
        None => {
            let Some(text) = text else {
                errors.add("stated_call_in.text", "must not be blank");
                return None;
            };
            let deadline = read_stated_deadline(&text, rule);
            Some(Stated {
                text: Some(text),
                deadline,
            })
        }
    }
}

fn parse_state(errors: &mut ValidationErrors, field: &str, raw: &str) -> Option<CallInState> {
    errors.check(field, raw.parse::<CallInState>())
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

// ---- use cases -----------------------------------------------------------------------------

/// Records Cabinet's decision on a review, with its resolutions mapped to the review's
/// recommendations; the call-in deadline is computed from the publication date with the council's
/// settings and calendar. Audited as `decision.created`; the review moves to
/// `decided_by_cabinet`.
pub async fn create(ctx: &mut Ctx<'_>, cmd: CreateDecision) -> Result<Decision, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let review_id = cmd.review_id;
    ctx.tx(async |ctx| {
        let scope = access::scope(&ctx.principal);
        let review = q::find_review(ctx.db(), scope, review_id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, review.council_id)?;
        let settings = effective_settings(ctx.db(), review.council_id).await?;

        let mut errors = ValidationErrors::new();
        let decision_body = errors
            .check("body", Name::parse(&cmd.body))
            .map(Name::into_inner);
        let meeting_date = parse_day(&mut errors, "meeting_date", &cmd.meeting_date);
        let item_title = required_text(&mut errors, "item_title", &cmd.item_title, MAX_TITLE);
        let published_on = cmd
            .published_on
            .as_deref()
            .and_then(|raw| parse_day(&mut errors, "published_on", raw));
        if let (Some(meeting), Some(published)) = (meeting_date, published_on) {
            if published < meeting {
                errors.add("published_on", "must not be before the meeting date");
            }
        }
        refuse_control(
            &mut errors,
            &[
                ("decision_text", cmd.decision_text.as_deref()),
                ("reasons", cmd.reasons.as_deref()),
                ("alternatives", cmd.alternatives.as_deref()),
                ("conflicts", cmd.conflicts.as_deref()),
                ("dispensations", cmd.dispensations.as_deref()),
                ("reference", cmd.reference.as_deref()),
            ],
        );
        let resolutions = parse_resolutions(&mut errors, cmd.resolutions);
        let stated = match cmd.stated_call_in {
            Some(input) => parse_stated(&mut errors, input, &settings.rule),
            None => Some(Stated {
                text: None,
                deadline: None,
            }),
        };
        errors.into_result()?;
        let (Some(decision_body), Some(meeting_date), Some(item_title), Some(stated)) =
            (decision_body, meeting_date, item_title, stated)
        else {
            return Err(AppError::invalid("body", "is incomplete"));
        };

        let id = Uuid::now_v7();
        let (resolution_rows, part_rows) =
            resolution_rows(ctx.db(), review_id, id, resolutions).await?;
        let computed = match published_on {
            Some(day) => Some(call_in_deadline(ctx.db(), &settings, day).await?),
            None => None,
        };
        let row = q::insert(
            ctx.db(),
            &q::NewDecision {
                id,
                council_id: review.council_id,
                review_id,
                values: q::DecisionValues {
                    body: decision_body,
                    meeting_date,
                    item_title,
                    decision_text: optional_text(cmd.decision_text),
                    reasons: optional_text(cmd.reasons),
                    alternatives: optional_text(cmd.alternatives),
                    conflicts: optional_text(cmd.conflicts),
                    dispensations: optional_text(cmd.dispensations),
                    reference: optional_text(cmd.reference),
                    key_decision: cmd.key_decision.unwrap_or(false),
                    published_on,
                    stated_call_in_text: stated.text,
                    stated_call_in_deadline: stated.deadline,
                    computed_call_in_deadline: computed,
                },
            },
        )
        .await?;
        q::replace_resolutions(ctx.db(), id, &resolution_rows, &part_rows).await?;
        crate::reviews::advance(ctx, row.review_id, ReviewStatus::DecidedByCabinet, None).await?;
        let now = ctx.now();
        let dto = load_one(ctx.db(), row, now).await?;
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "decision.created",
            ENTITY,
            id,
            &dto,
        )
        .await?;
        Ok(dto)
    })
    .await
}

/// Changes a decision. Changing `published_on` recomputes the call-in deadline; other changes
/// leave it as it was computed. Audited as `decision.updated`.
pub async fn update(ctx: &mut Ctx<'_>, cmd: UpdateDecision) -> Result<Decision, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let row = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, row.council_id)?;
        cmd.precondition.check(row.version)?;
        let settings = effective_settings(ctx.db(), row.council_id).await?;

        let mut errors = ValidationErrors::new();
        let mut values = q::DecisionValues::from(&row);
        if let Some(raw) = &cmd.body {
            if let Some(name) = errors.check("body", Name::parse(raw)) {
                values.body = name.into_inner();
            }
        }
        if let Some(raw) = &cmd.meeting_date {
            if let Some(day) = parse_day(&mut errors, "meeting_date", raw) {
                values.meeting_date = day;
            }
        }
        if let Some(raw) = &cmd.item_title {
            if let Some(title) = required_text(&mut errors, "item_title", raw, MAX_TITLE) {
                values.item_title = title;
            }
        }
        let mut republished = false;
        if let Some(raw) = &cmd.published_on {
            let day = match raw {
                Some(raw) => parse_day(&mut errors, "published_on", raw),
                None => None,
            };
            if raw.is_none() || day.is_some() {
                republished = day != row.published_on;
                values.published_on = day;
            }
        }
        if let Some(published) = values.published_on {
            if published < values.meeting_date
                && (cmd.published_on.is_some() || cmd.meeting_date.is_some())
            {
                errors.add(
                    if cmd.published_on.is_some() {
                        "published_on"
                    } else {
                        "meeting_date"
                    },
                    "the publication date must not be before the meeting date",
                );
            }
        }
        refuse_control(
            &mut errors,
            &[
                ("decision_text", given(&cmd.decision_text)),
                ("reasons", given(&cmd.reasons)),
                ("alternatives", given(&cmd.alternatives)),
                ("conflicts", given(&cmd.conflicts)),
                ("dispensations", given(&cmd.dispensations)),
                ("reference", given(&cmd.reference)),
            ],
        );
        for (given, slot) in [
            (cmd.decision_text.clone(), &mut values.decision_text),
            (cmd.reasons.clone(), &mut values.reasons),
            (cmd.alternatives.clone(), &mut values.alternatives),
            (cmd.conflicts.clone(), &mut values.conflicts),
            (cmd.dispensations.clone(), &mut values.dispensations),
            (cmd.reference.clone(), &mut values.reference),
        ] {
            if let Some(value) = given {
                *slot = optional_text(value);
            }
        }
        if let Some(key) = cmd.key_decision {
            values.key_decision = key;
        }
        let UpdateDecision {
            stated_call_in,
            resolutions,
            ..
        } = cmd;
        match stated_call_in {
            Some(Some(input)) => {
                if let Some(stated) = parse_stated(&mut errors, input, &settings.rule) {
                    values.stated_call_in_text = stated.text;
                    values.stated_call_in_deadline = stated.deadline;
                }
            }
            Some(None) => {
                values.stated_call_in_text = None;
                values.stated_call_in_deadline = None;
            }
            None => {}
        }
        let resolutions = resolutions.map(|r| parse_resolutions(&mut errors, r));
        errors.into_result()?;

        let replaced = match resolutions {
            Some(parsed) => Some(resolution_rows(ctx.db(), row.review_id, id, parsed).await?),
            None => None,
        };
        if republished {
            values.computed_call_in_deadline = match values.published_on {
                Some(day) => Some(call_in_deadline(ctx.db(), &settings, day).await?),
                None => None,
            };
        }
        let now = ctx.now();
        let before = load_one(ctx.db(), row, now).await?;
        if let Some((resolution_rows, part_rows)) = &replaced {
            q::replace_resolutions(ctx.db(), id, resolution_rows, part_rows).await?;
        }
        let row = q::update(ctx.db(), id, &values).await?;
        let after = load_one(ctx.db(), row, now).await?;
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "decision.updated",
            ENTITY,
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// Moves the call-in on: open → expired (only once the computed deadline has passed) or
/// called_in; called_in → upheld, referred_back or referred_to_council; referred_to_council →
/// upheld or referred_back. An illegal move is a conflict naming the states
/// allowed. Audited as `decision.call_in_changed`.
pub async fn transition_call_in(
    ctx: &mut Ctx<'_>,
    cmd: TransitionCallIn,
) -> Result<Decision, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let to = cmd.to;
    let mut errors = ValidationErrors::new();
    refuse_control(&mut errors, &[("note", cmd.note.as_deref())]);
    errors.into_result()?;
    let note = optional_text(cmd.note);
    let id = cmd.id;
    let precondition = cmd.precondition;
    ctx.tx(async |ctx| {
        let row = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, row.council_id)?;
        precondition.check(row.version)?;
        let from = row.call_in_state;
        from.transition(to).map_err(|e| AppError::Conflict {
            detail: capitalise(&e.to_string()),
            allowed: e.allowed.iter().map(|s| s.as_str().to_owned()).collect(),
        })?;
        let now = ctx.now();
        if to == CallInState::Expired {
            match row.computed_call_in_deadline {
                None => return Err(AppError::conflict(
                    "The decision has no publication date, so its call-in period has not started.",
                )),
                Some(deadline) if now <= deadline => {
                    let settings = effective_settings(ctx.db(), row.council_id).await?;
                    return Err(AppError::conflict(format!(
                        "The call-in period has not ended: it ends at {}.",
                        in_zone(&settings.rule, deadline)
                    )));
                }
                Some(_) => {}
            }
        }
        move_call_in(ctx, row, to, note.as_deref(), now).await
    })
    .await
}

/// Moves a (locked) decision's call-in state to `to` with `note`, audited as
/// `decision.call_in_changed` with the decision before and after; the caller has checked the move.
async fn move_call_in(
    ctx: &mut Ctx<'_>,
    row: q::DecisionRow,
    to: CallInState,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Decision, AppError> {
    let id = row.id;
    let before = load_one(ctx.db(), row, now).await?;
    let row = q::set_call_in_state(ctx.db(), id, to.as_str(), note).await?;
    let after = load_one(ctx.db(), row, now).await?;
    audit::changed(
        &mut ctx.conn,
        &ctx.principal,
        "decision.call_in_changed",
        ENTITY,
        id,
        &before,
        &after,
    )
    .await?;
    Ok(after)
}

/// How many decisions one run of [`expire_call_ins`] ends at most; the rest wait for the next.
const EXPIRE_BATCH: i64 = 500;

/// Ends the call-in period of every decision whose period has passed without a call-in: each
/// moves from open to expired ("the decision may be implemented"), by the system, audited as
/// `decision.call_in_changed` like an officer's move. Idempotent and safe to run on several
/// servers at once: each decision is locked and checked again before it moves, so it moves once.
/// Returns how many moved.
pub async fn expire_call_ins(ctx: &mut Ctx<'_>) -> Result<usize, AppError> {
    if !ctx.principal.is_operator() {
        return Err(AppError::Forbidden);
    }
    let now = ctx.now();
    let due = q::call_in_ended(ctx.db(), now, EXPIRE_BATCH).await?;
    let mut moved = 0;
    for id in due {
        let expired = ctx
            .tx_send(|ctx| {
                Box::pin(async move {
                    let Some(row) = q::find_for_update(ctx.db(), id).await? else {
                        return Ok(false);
                    };
                    let ended = row.computed_call_in_deadline.is_some_and(|d| d < now);
                    if row.call_in_state != CallInState::Open || !ended {
                        return Ok(false);
                    }
                    let settings = effective_settings(ctx.db(), row.council_id).await?;
                    let note = row.computed_call_in_deadline.map(|deadline| {
                        format!(
                            "The call-in period ended at {} without a call-in.",
                            in_zone(&settings.rule, deadline)
                        )
                    });
                    move_call_in(ctx, row, CallInState::Expired, note.as_deref(), now).await?;
                    Ok(true)
                })
            })
            .await?;
        moved += usize::from(expired);
    }
    Ok(moved)
}

/// Recomputes a decision's call-in deadline with the council's current settings and calendar
/// (after a setting changed or a holiday was added). Unchanged (and not audited) if it already
/// agreed; otherwise audited as `decision.deadline_recomputed`.
pub async fn recompute_deadline(
    ctx: &mut Ctx<'_>,
    cmd: RecomputeDeadline,
) -> Result<Decision, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let row = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, row.council_id)?;
        if let Some(precondition) = &cmd.precondition {
            precondition.check(row.version)?;
        }
        let Some(published) = row.published_on else {
            return Err(AppError::conflict(
                "The decision has no publication date: there is no call-in deadline to compute.",
            ));
        };
        let settings = effective_settings(ctx.db(), row.council_id).await?;
        let computed = call_in_deadline(ctx.db(), &settings, published).await?;
        let now = ctx.now();
        if row.computed_call_in_deadline == Some(computed) {
            return load_one(ctx.db(), row, now).await;
        }
        let mut values = q::DecisionValues::from(&row);
        values.computed_call_in_deadline = Some(computed);
        let before = load_one(ctx.db(), row, now).await?;
        let row = q::update(ctx.db(), id, &values).await?;
        let after = load_one(ctx.db(), row, now).await?;
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "decision.deadline_recomputed",
            ENTITY,
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

fn decision_filter(raw: &DecisionFilter, review_id: Option<Uuid>) -> Result<q::Filter, AppError> {
    let mut errors = ValidationErrors::new();
    let call_in_state = raw
        .call_in_state
        .as_deref()
        .and_then(|s| parse_state(&mut errors, "call_in_state", s));
    let meeting_from = raw
        .meeting_from
        .as_deref()
        .and_then(|s| parse_day(&mut errors, "meeting_from", s));
    let meeting_to = raw
        .meeting_to
        .as_deref()
        .and_then(|s| parse_day(&mut errors, "meeting_to", s));
    errors.into_result()?;
    Ok(q::Filter {
        review_id: review_id.or(raw.review_id),
        call_in_state,
        meeting_from,
        meeting_to,
    })
}

async fn list_page(
    conn: &mut AsyncPgConnection,
    scope: Scope,
    filter: &q::Filter,
    page: &PageRequest,
    now: DateTime<Utc>,
) -> Result<Page<Decision>, AppError> {
    let limit = page.limit;
    let after = page
        .decode::<(NaiveDate, Uuid)>()?
        .map(|(meeting_date, id)| q::MeetingKey { meeting_date, id });
    let rows = q::list(conn, scope, filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(r.meeting_date, r.id)));
    Ok(Page {
        items: load(conn, rows, now).await?,
        next_cursor,
    })
}

/// The decisions the principal may see, latest meeting first.
pub async fn list(
    ctx: &mut Ctx<'_>,
    filter: &DecisionFilter,
    page: &PageRequest,
) -> Result<Page<Decision>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let filter = decision_filter(filter, None)?;
    let scope = access::scope(&ctx.principal);
    let now = ctx.now();
    list_page(ctx.db(), scope, &filter, page, now).await
}

/// A review's decisions, latest meeting first (404 when the review is not visible).
pub async fn list_for_review(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
    filter: &DecisionFilter,
    page: &PageRequest,
) -> Result<Page<Decision>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let filter = decision_filter(filter, Some(review_id))?;
    let scope = access::scope(&ctx.principal);
    q::find_review(ctx.db(), scope, review_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = ctx.now();
    list_page(ctx.db(), scope, &filter, page, now).await
}

/// One decision.
pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<Decision, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    let row = q::find(ctx.db(), scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = ctx.now();
    load_one(ctx.db(), row, now).await
}

/// A decision's changes, newest first.
pub async fn history(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: &PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    q::find(ctx.db(), scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    audit_history(ctx.db(), ENTITY, id, page).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn illegal_transitions_read_as_sentences() {
        let e = CallInState::Expired
            .transition(CallInState::CalledIn)
            .unwrap_err();
        assert!(capitalise(&e.to_string()).starts_with("A call-in"));
    }

    #[test]
    fn a_resolution_made_only_of_parts_needs_no_text_of_its_own() {
        let part = ResolutionPartInput {
            label: "a".into(),
            text: "Agreed.".into(),
            recommendation_part_id: None,
        };
        let mut errors = ValidationErrors::new();
        let parsed = parse_resolutions(
            &mut errors,
            vec![
                ResolutionInput {
                    number: "1".into(),
                    text: " ".into(),
                    recommendation_id: None,
                    parts: vec![part],
                },
                ResolutionInput {
                    number: "2".into(),
                    text: " ".into(),
                    recommendation_id: None,
                    parts: vec![],
                },
            ],
        );
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].text, "");
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.0[0].field, "resolutions[1].text");
    }
}
