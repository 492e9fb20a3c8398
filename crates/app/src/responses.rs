//! Use cases of statutory responses to a review's report (docs/domain.md, "Statutory responses").
//!
//! The law requires the executive to respond to an overview and scrutiny report, and each
//! responsible partner authority to a crime and disorder committee's report, within a period of
//! receiving it (the council's settings; the legal defaults are 2 months and 28 days). Here:
//! - the council's officers record who must respond, from the day they received the report (the
//!   tracker proposes the executive and every partner the recommendations name), and so the due day;
//! - the responder answers each recommendation put to it (accepted, partly accepted, not accepted,
//!   with reasons and the action proposed): a partner's contributors through the API or the web
//!   app, like a progress entry; officers write the executive's, or a response received on paper;
//! - the response is received on a day (submitted), then published by an officer;
//! - reminders before the due day and chasers after it go to the responder (the jobs' scheduler).
//!
//! Who sees what: council staff their council's responses; a partner its own organisation's;
//! viewers the published ones only. Every write is audited as `statutory_response.*`.
use crate::access;
use crate::audit;
use crate::calendars::parse_day;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::optional_text;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::principal::{Principal, ANY_ROLE, COUNCIL_STAFF};
use crate::views::audit::AuditEvent;
use crate::views::calendars::effective_settings;
use crate::views::responses::{dto, dtos, ExpectedResponder, ResponseTracker, StatutoryResponse};
use chrono::NaiveDate;
use scrutiny_db::queries::reviews as reviews_q;
use scrutiny_db::queries::statutory_responses::{self as q, DueKey, ItemRow, ResponseRow};
use scrutiny_db::scope::Scope;
use scrutiny_domain::people::Role;
use scrutiny_domain::responses::{ResponderKind, ResponseState, Verdict};
use scrutiny_domain::validation::ValidationErrors;
use std::collections::HashSet;
use uuid::Uuid;

const ENTITY: &str = "statutory_response";

/// The longest summary, reasons or proposed action, in characters.
pub const TEXT_MAX: usize = 20_000;
/// The longest responder name.
const NAME_MAX: usize = 200;
/// The most responses a review's tracker shows (one per responder).
const TRACKER_MAX: u32 = 200;

// ---------------------------------------------------------------------------------------------
// Commands

/// Records that a responder must respond to a review's report.
#[derive(Debug, Clone)]
pub struct CreateResponse {
    pub review_id: Uuid,
    /// "executive" or "partner".
    pub responder_kind: String,
    /// The partner (required for a partner; ignored for the executive, which is the council).
    pub organisation_id: Option<Uuid>,
    /// As the papers name the responder; default "Cabinet" for the executive, the partner's name.
    pub responder_name: Option<String>,
    /// yyyy-mm-dd: the day the responder received the report.
    pub report_received_on: String,
    /// The recommendations put to it; default: all of the review's for the executive, those that
    /// name the partner for a partner.
    pub recommendation_ids: Option<Vec<Uuid>>,
}

/// One answer in an edit: fields absent are left as they were; `null` clears.
#[derive(Debug, Clone)]
pub struct ItemInput {
    pub recommendation_id: Uuid,
    pub verdict: Option<Option<String>>,
    pub reasons: Option<Option<String>>,
    pub proposed_action: Option<Option<String>>,
}

/// Changes a response: the responder's answers and summary; an officer may also correct who
/// responds, when the report was received and the due day.
#[derive(Debug, Clone)]
pub struct UpdateResponse {
    pub id: Uuid,
    pub precondition: Precondition,
    pub summary: Option<Option<String>>,
    pub items: Option<Vec<ItemInput>>,
    pub responder_name: Option<String>,
    /// yyyy-mm-dd; recomputes the due day from the council's settings unless `due_on` is given.
    pub report_received_on: Option<String>,
    /// yyyy-mm-dd: another due day (an extension the council agreed).
    pub due_on: Option<String>,
}

/// A response as received: complete, on a day (a partner's: today; an officer recording one
/// received on paper may give the day).
#[derive(Debug, Clone)]
pub struct ReceiveResponse {
    pub id: Uuid,
    pub precondition: Precondition,
    pub received_on: Option<String>,
}

/// A received response published, on a day (today by default).
#[derive(Debug, Clone)]
pub struct PublishResponse {
    pub id: Uuid,
    pub precondition: Precondition,
    pub published_on: Option<String>,
}

/// Which responses to list.
#[derive(Debug, Clone, Default)]
pub struct ResponseListQuery {
    pub review_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    /// One state or several, comma-separated: `awaited,received`.
    pub state: Option<String>,
    /// Only awaited responses past their due day.
    pub overdue: Option<bool>,
    pub page: PageRequest,
}

// ---------------------------------------------------------------------------------------------
// Who may do what

/// Whether `principal` reads only published responses (viewers).
fn published_only(principal: &Principal) -> bool {
    principal.is(Role::Viewer)
}

/// A response the caller may read (404 otherwise).
async fn readable(ctx: &mut Ctx<'_>, id: Uuid) -> Result<ResponseRow, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let row = q::find(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
    check_readable(&ctx.principal, &row)?;
    Ok(row)
}

fn check_readable(principal: &Principal, row: &ResponseRow) -> Result<(), AppError> {
    let scope = access::scope(principal);
    if !q::in_scope(scope, row.council_id, row.organisation_id) {
        return Err(AppError::NotFound);
    }
    if published_only(principal) && row.state != ResponseState::Published.as_str() {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Whether the caller writes as the responder's organisation (a partner's contributor) or as the
/// council (its staff, operators); anyone else is refused (404 when they cannot see it).
fn check_responder(principal: &Principal, row: &ResponseRow) -> Result<Writer, AppError> {
    principal.require(&[Role::Admin, Role::Officer, Role::Contributor])?;
    if principal.is(Role::Contributor) {
        if principal.organisation_id.as_uuid() == row.organisation_id
            && row.responder_kind == ResponderKind::Partner.as_str()
        {
            return Ok(Writer::Responder);
        }
        return Err(AppError::NotFound);
    }
    access::check_write(principal, row.council_id)?;
    Ok(Writer::Council)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Writer {
    /// The partner's own contributor.
    Responder,
    /// The council's staff (or an operator).
    Council,
}

fn state_of(row: &ResponseRow) -> ResponseState {
    row.state.parse().unwrap_or(ResponseState::Awaited)
}

// ---------------------------------------------------------------------------------------------
// Reading

/// A page of the responses the caller may see, soonest due first.
pub async fn list(
    ctx: &mut Ctx<'_>,
    query: ResponseListQuery,
) -> Result<Page<StatutoryResponse>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    let mut states = Vec::new();
    for s in query
        .state
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let state = s.parse::<ResponseState>().map_err(|_| {
            AppError::invalid(
                "state",
                "must be awaited, received or published (comma-separated for several)",
            )
        })?;
        states.push(state.as_str().to_owned());
    }
    let today = ctx.today();
    let filter = q::Filter {
        review_id: query.review_id,
        organisation_id: query.organisation_id,
        states,
        overdue_on: query.overdue.unwrap_or(false).then_some(today),
        published_only: published_only(&ctx.principal),
    };
    let limit = query.page.limit;
    let after = query.page.decode::<(NaiveDate, Uuid)>()?;
    let after = after.map(|(due_on, id)| DueKey { due_on, id });
    let rows = q::list(ctx.db(), scope, &filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(r.due_on, r.id)));
    Ok(Page {
        items: dtos(ctx.db(), rows, today).await?,
        next_cursor,
    })
}

/// A review's tracker: its responses the caller may see, and (for council staff) who else must
/// respond: the executive and each partner the recommendations name, with its period.
pub async fn tracker(ctx: &mut Ctx<'_>, review_id: Uuid) -> Result<ResponseTracker, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    let staff = matches!(scope, Scope::All | Scope::Council(_)) && !published_only(&ctx.principal);
    // A partner may have a response to give on a review it does not otherwise see.
    let review = reviews_q::find(ctx.db(), Scope::All, review_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = list(
        ctx,
        ResponseListQuery {
            review_id: Some(review_id),
            page: PageRequest {
                limit: TRACKER_MAX,
                cursor: None,
            },
            ..Default::default()
        },
    )
    .await?;
    let visible = match scope {
        Scope::All => true,
        Scope::Council(council) => council == review.council_id,
        Scope::Responsible(_) => {
            !page.items.is_empty() || reviews_q::find(ctx.db(), scope, review_id).await?.is_some()
        }
    };
    if !visible {
        return Err(AppError::NotFound);
    }
    let expected = if staff {
        expected_responders(ctx, &review, &page.items).await?
    } else {
        Vec::new()
    };
    Ok(ResponseTracker {
        items: page.items,
        next_cursor: None,
        expected,
    })
}

/// Who must respond to a review's report and has no response yet.
async fn expected_responders(
    ctx: &mut Ctx<'_>,
    review: &reviews_q::Review,
    recorded: &[StatutoryResponse],
) -> Result<Vec<ExpectedResponder>, AppError> {
    let have: HashSet<Uuid> = recorded.iter().map(|r| r.organisation_id).collect();
    let settings = effective_settings(ctx.db(), review.council_id).await?;
    let mut out = Vec::new();
    if !have.contains(&review.council_id) {
        let all = q::recommendations_of(ctx.db(), review.id).await?;
        out.push(ExpectedResponder {
            responder_kind: ResponderKind::Executive,
            organisation_id: review.council_id,
            name: EXECUTIVE_NAME.to_owned(),
            recommendation_ids: all.into_iter().map(|(id, _)| id).collect(),
            period: settings
                .response_period(ResponderKind::Executive)
                .describe(),
        });
    }
    for p in q::partners_named(ctx.db(), review.id).await? {
        if have.contains(&p.organisation_id) {
            continue;
        }
        out.push(ExpectedResponder {
            responder_kind: ResponderKind::Partner,
            organisation_id: p.organisation_id,
            name: p.name,
            recommendation_ids: p.recommendation_ids,
            period: settings.response_period(ResponderKind::Partner).describe(),
        });
    }
    Ok(out)
}

/// The executive as papers name it by default.
const EXECUTIVE_NAME: &str = "Cabinet";

/// One response the caller may see.
pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<StatutoryResponse, AppError> {
    let row = readable(ctx, id).await?;
    let today = ctx.today();
    dto(ctx.db(), row, today).await
}

/// A response's history, newest first (viewers: its publication only).
pub async fn history(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    let row = readable(ctx, id).await?;
    if published_only(&ctx.principal) {
        return crate::views::audit::published_history(
            ctx.db(),
            ENTITY,
            row.id,
            "statutory_response.published",
            &page,
        )
        .await;
    }
    crate::views::audit::history(ctx.db(), ENTITY, row.id, &page).await
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Records a responder of a review's report and the recommendations put to it; the due day
/// follows from the council's setting for its kind. Council staff only; audited as
/// `statutory_response.created`.
pub async fn create(ctx: &mut Ctx<'_>, cmd: CreateResponse) -> Result<StatutoryResponse, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let kind = errors.check(
        "responder_kind",
        cmd.responder_kind
            .parse::<ResponderKind>()
            .map_err(|e| format!("must be one of {}", e.expected)),
    );
    let received = parse_day(&mut errors, "report_received_on", &cmd.report_received_on);
    let name = optional_text(
        &mut errors,
        "responder_name",
        cmd.responder_name.as_deref(),
        NAME_MAX,
    );
    if kind == Some(ResponderKind::Partner) && cmd.organisation_id.is_none() {
        errors.add("organisation_id", "is required for a partner's response");
    }
    errors.into_result()?;
    let (Some(kind), Some(received)) = (kind, received) else {
        return Err(AppError::invalid("body", "is incomplete"));
    };
    let today = ctx.today();
    if received > today {
        return Err(AppError::invalid(
            "report_received_on",
            "cannot be after today",
        ));
    }
    ctx.tx(async |ctx| {
        let review = reviews_q::find(ctx.db(), Scope::All, cmd.review_id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, review.council_id)?;
        let organisation_id = match kind {
            ResponderKind::Executive => review.council_id,
            ResponderKind::Partner => cmd.organisation_id.unwrap_or_default(),
        };
        let org = q::organisation_names(ctx.db(), &[organisation_id])
            .await?
            .pop()
            .filter(|(_, _, org_kind)| {
                (org_kind == "council") == (kind == ResponderKind::Executive)
            })
            .ok_or_else(|| AppError::invalid("organisation_id", "is not a partner organisation"))?;
        if q::exists_for(ctx.db(), review.id, organisation_id).await? {
            return Err(AppError::conflict(format!(
                "{} already has a response to this review's report.",
                org.1
            )));
        }
        let all = q::recommendations_of(ctx.db(), review.id).await?;
        let chosen: Vec<(Uuid, i32)> = match &cmd.recommendation_ids {
            Some(ids) => {
                let wanted: HashSet<Uuid> = ids.iter().copied().collect();
                let known: HashSet<Uuid> = all.iter().map(|(id, _)| *id).collect();
                if let Some(stray) = wanted.iter().find(|id| !known.contains(id)) {
                    return Err(AppError::invalid(
                        "recommendation_ids",
                        format!(
                            "{stray} is not a recommendation of this review (or it is withdrawn)"
                        ),
                    ));
                }
                all.into_iter()
                    .filter(|(id, _)| wanted.contains(id))
                    .collect()
            }
            None => match kind {
                ResponderKind::Executive => all,
                ResponderKind::Partner => {
                    let named = q::partners_named(ctx.db(), review.id)
                        .await?
                        .into_iter()
                        .find(|p| p.organisation_id == organisation_id)
                        .map(|p| p.recommendation_ids)
                        .unwrap_or_default();
                    all.into_iter()
                        .filter(|(id, _)| named.contains(id))
                        .collect()
                }
            },
        };
        if chosen.is_empty() {
            return Err(AppError::invalid(
                "recommendation_ids",
                "name at least one recommendation of the review to respond to",
            ));
        }
        let settings = effective_settings(ctx.db(), review.council_id).await?;
        let due_on = settings
            .response_period(kind)
            .due_from(received)
            .ok_or_else(|| AppError::invalid("report_received_on", "is out of range"))?;
        let id = Uuid::now_v7();
        let now = ctx.now();
        let row = ResponseRow {
            id,
            council_id: review.council_id,
            review_id: review.id,
            responder_kind: kind.as_str().to_owned(),
            organisation_id,
            responder_name: name.unwrap_or_else(|| match kind {
                ResponderKind::Executive => EXECUTIVE_NAME.to_owned(),
                ResponderKind::Partner => org.1.clone(),
            }),
            report_received_on: received,
            due_on,
            state: ResponseState::Awaited.as_str().to_owned(),
            summary: None,
            received_on: None,
            received_by: None,
            published_on: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let items: Vec<ItemRow> = chosen
            .iter()
            .enumerate()
            .map(|(i, (rec, _))| ItemRow {
                response_id: id,
                recommendation_id: *rec,
                position: i as i32 + 1,
                verdict: None,
                reasons: None,
                proposed_action: None,
            })
            .collect();
        q::insert(ctx.db(), &row, &items).await?;
        let row = q::find(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
        let created = dto(ctx.db(), row, today).await?;
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "statutory_response.created",
            ENTITY,
            id,
            &created,
        )
        .await?;
        Ok(created)
    })
    .await
}

/// Edits a response: its responder's answers and summary while it is awaited (the council's
/// staff may also correct a received one), and, for the council's staff, who responds, when the
/// report was received and the due day. Audited as `statutory_response.updated`.
pub async fn update(ctx: &mut Ctx<'_>, cmd: UpdateResponse) -> Result<StatutoryResponse, AppError> {
    let today = ctx.today();
    ctx.tx(async |ctx| {
        let row = q::find_for_update(ctx.db(), cmd.id)
            .await?
            .ok_or(AppError::NotFound)?;
        check_readable(&ctx.principal, &row)?;
        let writer = check_responder(&ctx.principal, &row)?;
        cmd.precondition.check(row.version)?;
        let state = state_of(&row);
        match (state, writer) {
            (ResponseState::Awaited, _) | (ResponseState::Received, Writer::Council) => {}
            (ResponseState::Received, Writer::Responder) => return Err(AppError::conflict(
                "The response has been received: ask the council's scrutiny officer to correct it.",
            )),
            (ResponseState::Published, _) => {
                return Err(AppError::conflict(
                    "The response has been published and can no longer be changed.",
                ))
            }
        }
        if writer == Writer::Responder
            && (cmd.responder_name.is_some()
                || cmd.report_received_on.is_some()
                || cmd.due_on.is_some())
        {
            return Err(AppError::Forbidden);
        }
        let mut errors = ValidationErrors::new();
        let mut values = q::ResponseValues::from(&row);
        if let Some(summary) = &cmd.summary {
            values.summary = optional_text(&mut errors, "summary", summary.as_deref(), TEXT_MAX);
        }
        if let Some(name) = &cmd.responder_name {
            match optional_text(&mut errors, "responder_name", Some(name), NAME_MAX) {
                Some(name) => values.responder_name = name,
                None => errors.add("responder_name", "must not be blank"),
            }
        }
        if let Some(raw) = &cmd.report_received_on {
            if let Some(day) = parse_day(&mut errors, "report_received_on", raw) {
                if day > today {
                    errors.add("report_received_on", "cannot be after today");
                }
                let kind = row.responder_kind.parse().unwrap_or(ResponderKind::Partner);
                let settings = effective_settings(ctx.db(), row.council_id).await?;
                values.report_received_on = day;
                match settings.response_period(kind).due_from(day) {
                    Some(due) => values.due_on = due,
                    None => errors.add("report_received_on", "is out of range"),
                }
            }
        }
        if let Some(raw) = &cmd.due_on {
            if let Some(day) = parse_day(&mut errors, "due_on", raw) {
                values.due_on = day;
            }
        }
        if values.due_on < values.report_received_on {
            errors.add("due_on", "cannot be before the day the report was received");
        }
        let items = q::items_of(ctx.db(), &[row.id]).await?;
        let mut changed_items = Vec::new();
        if let Some(inputs) = &cmd.items {
            let mut seen = HashSet::new();
            for (i, input) in inputs.iter().enumerate() {
                let field = format!("items[{i}]");
                let Some(item) = items
                    .iter()
                    .find(|it| it.recommendation_id == input.recommendation_id)
                else {
                    errors.add(
                        format!("{field}.recommendation_id"),
                        "is not a recommendation put to this responder",
                    );
                    continue;
                };
                if !seen.insert(input.recommendation_id) {
                    errors.add(format!("{field}.recommendation_id"), "is given twice");
                    continue;
                }
                let mut next = ItemRow {
                    response_id: row.id,
                    recommendation_id: item.recommendation_id,
                    position: item.position,
                    verdict: item.verdict.clone(),
                    reasons: item.reasons.clone(),
                    proposed_action: item.proposed_action.clone(),
                };
                if let Some(verdict) = &input.verdict {
                    next.verdict = match verdict.as_deref().map(str::trim).filter(|v| !v.is_empty())
                    {
                        None => None,
                        Some(raw) => match raw.parse::<Verdict>() {
                            Ok(v) => Some(v.as_str().to_owned()),
                            Err(e) => {
                                errors.add(
                                    format!("{field}.verdict"),
                                    format!("must be one of {}", e.expected),
                                );
                                None
                            }
                        },
                    };
                }
                if let Some(reasons) = &input.reasons {
                    next.reasons = optional_text(
                        &mut errors,
                        &format!("{field}.reasons"),
                        reasons.as_deref(),
                        TEXT_MAX,
                    );
                }
                if let Some(action) = &input.proposed_action {
                    next.proposed_action = optional_text(
                        &mut errors,
                        &format!("{field}.proposed_action"),
                        action.as_deref(),
                        TEXT_MAX,
                    );
                }
                changed_items.push(next);
            }
        }
        errors.into_result()?;
        // A received response stays complete when an officer corrects it.
        if state == ResponseState::Received {
            let mut merged: Vec<ItemRow> = items.iter().map(item_row).collect();
            for c in &changed_items {
                if let Some(m) = merged
                    .iter_mut()
                    .find(|m| m.recommendation_id == c.recommendation_id)
                {
                    *m = c.clone();
                }
            }
            check_complete(&merged, &items)?;
        }
        let before = dto(ctx.db(), row.clone(), today).await?;
        for item in &changed_items {
            q::update_item(ctx.db(), item).await?;
        }
        save(
            ctx,
            row.id,
            &values,
            &before,
            "statutory_response.updated",
            today,
        )
        .await
    })
    .await
}

/// An item as stored, from its detail.
fn item_row(d: &q::ItemDetail) -> ItemRow {
    ItemRow {
        response_id: d.response_id,
        recommendation_id: d.recommendation_id,
        position: d.position,
        verdict: d.verdict.clone(),
        reasons: d.reasons.clone(),
        proposed_action: d.proposed_action.clone(),
    }
}

/// Writes `values` to the response and audits the change as `action`, with the response as it was
/// (`before`) and as it is now.
async fn save(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    values: &q::ResponseValues,
    before: &StatutoryResponse,
    action: &str,
    today: NaiveDate,
) -> Result<StatutoryResponse, AppError> {
    let row = q::update(ctx.db(), id, values).await?;
    let after = dto(ctx.db(), row, today).await?;
    audit::changed(
        &mut ctx.conn,
        &ctx.principal,
        action,
        ENTITY,
        id,
        before,
        &after,
    )
    .await?;
    Ok(after)
}

/// Checks a response answers every recommendation put to it, with reasons where it does not
/// accept one fully; the problem names each item at fault.
fn check_complete(items: &[ItemRow], details: &[q::ItemDetail]) -> Result<(), AppError> {
    let mut errors = ValidationErrors::new();
    for (i, item) in items.iter().enumerate() {
        let number = details
            .iter()
            .find(|d| d.recommendation_id == item.recommendation_id)
            .map(|d| d.recommendation_number.as_str())
            .unwrap_or("?");
        match item.verdict.as_deref().and_then(|v| v.parse::<Verdict>().ok()) {
            None => errors.add(
                format!("items[{i}].verdict"),
                format!("recommendation {number}: say whether it is accepted, partly accepted or not accepted"),
            ),
            Some(v) if v.needs_reasons() && item.reasons.is_none() => errors.add(
                format!("items[{i}].reasons"),
                format!("recommendation {number}: give the reasons it is {}", v.label().to_lowercase()),
            ),
            Some(_) => {}
        }
    }
    errors.into_result().map_err(AppError::from)
}

/// Records the response as received: complete (every recommendation answered, with reasons
/// where not fully accepted), on a day: today for a partner submitting its own; the day given
/// (not before the report was received, not after today) for an officer recording one. Audited
/// as `statutory_response.received`.
pub async fn receive(
    ctx: &mut Ctx<'_>,
    cmd: ReceiveResponse,
) -> Result<StatutoryResponse, AppError> {
    let today = ctx.today();
    ctx.tx(async |ctx| {
        let row = q::find_for_update(ctx.db(), cmd.id)
            .await?
            .ok_or(AppError::NotFound)?;
        check_readable(&ctx.principal, &row)?;
        let writer = check_responder(&ctx.principal, &row)?;
        cmd.precondition.check(row.version)?;
        if state_of(&row) != ResponseState::Awaited {
            return Err(AppError::Conflict {
                detail: format!(
                    "The response is already {}.",
                    state_of(&row).label().to_lowercase()
                ),
                allowed: Vec::new(),
            });
        }
        let received_on = match (&cmd.received_on, writer) {
            (Some(_), Writer::Responder) => {
                return Err(AppError::invalid(
                    "received_on",
                    "is set by the system when a responder submits: leave it out",
                ))
            }
            (Some(raw), Writer::Council) => {
                let mut errors = ValidationErrors::new();
                let day = parse_day(&mut errors, "received_on", raw);
                errors.into_result()?;
                day.unwrap_or(today)
            }
            (None, _) => today,
        };
        if received_on > today {
            return Err(AppError::invalid("received_on", "cannot be after today"));
        }
        if received_on < row.report_received_on {
            return Err(AppError::invalid(
                "received_on",
                "cannot be before the day the report was received",
            ));
        }
        let details = q::items_of(ctx.db(), &[row.id]).await?;
        let items: Vec<ItemRow> = details.iter().map(item_row).collect();
        check_complete(&items, &details)?;
        let before = dto(ctx.db(), row.clone(), today).await?;
        let mut values = q::ResponseValues::from(&row);
        values.state = ResponseState::Received.as_str().to_owned();
        values.received_on = Some(received_on);
        // The person who recorded it (a partner's system is in the audit trail instead).
        values.received_by =
            (ctx.principal.kind == crate::principal::ActorKind::User).then_some(ctx.principal.id);
        save(
            ctx,
            row.id,
            &values,
            &before,
            "statutory_response.received",
            today,
        )
        .await
    })
    .await
}

/// Publishes a received response on a day (today by default; not before it was received).
/// Council staff only; audited as `statutory_response.published`.
pub async fn publish(
    ctx: &mut Ctx<'_>,
    cmd: PublishResponse,
) -> Result<StatutoryResponse, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let today = ctx.today();
    ctx.tx(async |ctx| {
        let row = q::find_for_update(ctx.db(), cmd.id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, row.council_id)?;
        cmd.precondition.check(row.version)?;
        if state_of(&row) != ResponseState::Received {
            return Err(AppError::conflict(match state_of(&row) {
                ResponseState::Awaited => "The response has not been received yet.",
                _ => "The response is already published.",
            }));
        }
        let published_on = match &cmd.published_on {
            Some(raw) => {
                let mut errors = ValidationErrors::new();
                let day = parse_day(&mut errors, "published_on", raw);
                errors.into_result()?;
                day.unwrap_or(today)
            }
            None => today,
        };
        if row.received_on.is_some_and(|r| published_on < r) {
            return Err(AppError::invalid(
                "published_on",
                "cannot be before the day the response was received",
            ));
        }
        let before = dto(ctx.db(), row.clone(), today).await?;
        let mut values = q::ResponseValues::from(&row);
        values.state = ResponseState::Published.as_str().to_owned();
        values.published_on = Some(published_on);
        save(
            ctx,
            row.id,
            &values,
            &before,
            "statutory_response.published",
            today,
        )
        .await
    })
    .await
}

/// Removes a response recorded by mistake, while it is still awaited (with its reminders).
/// Council staff only; audited as `statutory_response.deleted` with what it was.
pub async fn delete(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    precondition: Precondition,
) -> Result<(), AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let today = ctx.today();
    ctx.tx(async |ctx| {
        let row = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, row.council_id)?;
        precondition.check(row.version)?;
        if state_of(&row) != ResponseState::Awaited {
            return Err(AppError::conflict(
                "Only an awaited response can be removed; a received one is part of the record.",
            ));
        }
        let before = dto(ctx.db(), row.clone(), today).await?;
        q::delete(ctx.db(), row.id).await?;
        let e = audit::event(
            &ctx.principal,
            "statutory_response.deleted",
            ENTITY,
            row.id,
            audit::snapshot(&before),
            None,
        );
        crate::audit::record(&mut ctx.conn, &e).await?;
        Ok(())
    })
    .await
}

/// What a response paper is made of: the response, its review and council names.
pub struct ResponsePaperSources {
    pub response: StatutoryResponse,
    pub council: String,
    pub committee: String,
}

/// The sources of a response paper the caller may read.
pub async fn paper(ctx: &mut Ctx<'_>, id: Uuid) -> Result<ResponsePaperSources, AppError> {
    let row = readable(ctx, id).await?;
    let today = ctx.today();
    let conn = ctx.db();
    let review = reviews_q::find(conn, Scope::All, row.review_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let council = q::organisation_names(conn, &[row.council_id])
        .await?
        .pop()
        .map(|(_, name, _)| name)
        .unwrap_or_default();
    let committee = scrutiny_db::queries::committees::find(conn, review.committee_id)
        .await?
        .map(|c| c.name)
        .unwrap_or_default();
    let response = dto(conn, row, today).await?;
    Ok(ResponsePaperSources {
        response,
        council,
        committee,
    })
}
