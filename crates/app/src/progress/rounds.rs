//! Use cases of progress rounds: one monitoring update of one review ("November 2022"), with the
//! committee meeting it goes to, a deadline for partners and the recommendations it covers
//! (docs/domain.md rules 5 and 6). Opening a round makes one draft entry per covered recommendation
//! (and, on request, per part) for the organisation responsible for it.
use crate::access;
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::{optional_text, stored_date};
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::views::audit::AuditEvent;
use crate::views::progress::{
    accepted_only, dto, dtos, round_dto_one, round_dtos, round_for_read, ProgressEntry,
    ProgressRound, RoundProposal,
};
use chrono::{Datelike, NaiveDate};
use scrutiny_db::queries::action_plans as plan_q;
use scrutiny_db::queries::progress::{self as q, NewEntry, NewRound, RoundChanges, RoundFilter};
use scrutiny_db::queries::reviews as review_q;
use scrutiny_db::scope::Scope;
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::progress as rules;
use scrutiny_domain::progress::SubmissionState;
use scrutiny_domain::records::ReviewStatus;
use scrutiny_domain::status::PlanStatus;
use scrutiny_domain::status::RecommendationStatus;
use scrutiny_domain::status::RoundStatus;
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

pub const LABEL_MAX: usize = 200;

// ---------------------------------------------------------------------------------------------
// Opening a round

#[derive(Debug, Clone)]
pub struct OpenRound {
    pub review_id: Uuid,
    /// By default the month of the meeting (or of the deadline): "November 2022".
    pub label: Option<String>,
    pub deadline: NaiveDate,
    pub meeting_date: Option<NaiveDate>,
    /// By default every recommendation still open.
    pub recommendation_ids: Option<Vec<Uuid>>,
    /// Also an entry per part of recommendations that have parts.
    pub include_parts: bool,
}

/// Opens a progress round for a review: one draft entry for each covered recommendation, for the
/// organisation its actions name first (the council itself when none). Only one round of a review
/// is open at a time; the action plan must be agreed. The review moves to "monitoring". Audited as
/// `progress_round.opened` (with the entries' ids) and one `progress_entry.created` per entry.
pub async fn open(ctx: &mut Ctx<'_>, cmd: OpenRound) -> Result<ProgressRound, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let label = optional_text(&mut errors, "label", cmd.label.as_deref(), LABEL_MAX);
    if let Some(meeting) = cmd.meeting_date {
        if meeting < cmd.deadline {
            errors.add(
                "meeting_date",
                "must not be before the deadline for partners",
            );
        }
    }
    errors.into_result()?;
    let label = label.unwrap_or_else(|| {
        cmd.meeting_date
            .unwrap_or(cmd.deadline)
            .format("%B %Y")
            .to_string()
    });
    ctx.tx(async |ctx| {
        let principal = ctx.principal.clone();
        let review = review_q::find_for_update(ctx.db(), cmd.review_id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&principal, review.council_id)?;
        if review.status.is_final() {
            return Err(AppError::conflict(format!(
                "The review is {}; it takes no more progress rounds.",
                review.status.label().to_lowercase()
            )));
        }
        let plan =
            plan_q::find_visible(ctx.db(), plan_q::PlanKey::Review(review.id), Scope::All).await?;
        match plan.as_ref().map(|p| p.status) {
            Some(PlanStatus::Agreed) => {}
            Some(PlanStatus::SignedOff) => {
                return Err(AppError::conflict(
                    "The action plan is signed off; nothing is left to monitor.",
                ))
            }
            _ => {
                return Err(AppError::conflict(
                    "The review's action plan is not agreed yet; progress is monitored against an agreed plan.",
                ))
            }
        }
        let previous = q::rounds_of_review(ctx.db(), review.id).await?;
        if let Some(open) = previous.iter().find(|r| r.status == RoundStatus::Open) {
            return Err(AppError::conflict(format!(
                "The round \"{}\" of this review is still open; the committee must accept it first.",
                open.label
            )));
        }
        let coverable = q::coverable(ctx.db(), review.id).await?;
        let chosen = chosen_recommendations(&coverable, cmd.recommendation_ids.as_deref())?;
        if chosen.is_empty() {
            return Err(AppError::conflict(
                "No recommendation of the review is outstanding; there is nothing to report on.",
            ));
        }
        let sequence = previous.last().map_or(1, |r| r.sequence + 1);
        let round = q::insert_round(
            ctx.db(),
            &NewRound {
                id: Uuid::now_v7(),
                council_id: review.council_id,
                review_id: review.id,
                committee_id: review.committee_id,
                sequence,
                label: &label,
                meeting_date: cmd.meeting_date,
                deadline: cmd.deadline,
            },
        )
        .await?;
        let reporting = q::reporting_organisations(ctx.db(), review.id).await?;
        let mut new = Vec::new();
        for c in &chosen {
            let organisation = reporting
                .get(&(c.id, None))
                .copied()
                .unwrap_or(review.council_id);
            new.push(NewEntry {
                id: Uuid::now_v7(),
                council_id: review.council_id,
                review_id: review.id,
                round_id: round.id,
                recommendation_id: c.id,
                part_id: None,
                organisation_id: Some(organisation),
            });
            if cmd.include_parts {
                for part in &c.parts {
                    new.push(NewEntry {
                        id: Uuid::now_v7(),
                        council_id: review.council_id,
                        review_id: review.id,
                        round_id: round.id,
                        recommendation_id: c.id,
                        part_id: Some(*part),
                        organisation_id: Some(
                            reporting
                                .get(&(c.id, Some(*part)))
                                .copied()
                                .unwrap_or(organisation),
                        ),
                    });
                }
            }
        }
        let created = q::insert_entries(ctx.db(), &new).await?;
        if review.status == ReviewStatus::ActionPlanAgreed {
            crate::reviews::advance(
                ctx,
                review.id,
                ReviewStatus::Monitoring,
                Some("progress round opened"),
            )
            .await?;
        }
        let today = ctx.today();
        let view = round_dto_one(ctx.db(), &principal, round, today).await?;
        let mut snapshot = audit::snapshot(&view);
        if let Some(serde_json::Value::Object(map)) = &mut snapshot {
            map.insert(
                "entry_ids".to_owned(),
                serde_json::json!(created.iter().map(|e| e.id).collect::<Vec<_>>()),
            );
        }
        let opened = audit::event(
            &principal,
            "progress_round.opened",
            "progress_round",
            view.id,
            None,
            snapshot,
        );
        crate::audit::record(ctx.db(), &opened).await?;
        for entry in &created {
            let event = audit::event(
                &principal,
                "progress_entry.created",
                "progress_entry",
                entry.id,
                None,
                Some(serde_json::json!({
                    "round_id": entry.round_id,
                    "recommendation_id": entry.recommendation_id,
                    "part_id": entry.part_id,
                    "organisation_id": entry.organisation_id,
                    "state": entry.state,
                })),
            );
            crate::audit::record(ctx.db(), &event).await?;
        }
        Ok(view)
    })
    .await
}

/// The recommendations a new round covers: those named (each open and of the review, in the
/// review's order whatever the order given), or every open one.
fn chosen_recommendations<'a>(
    coverable: &'a [q::Coverable],
    ids: Option<&[Uuid]>,
) -> Result<Vec<&'a q::Coverable>, AppError> {
    let Some(ids) = ids else {
        return Ok(coverable
            .iter()
            .filter(|c| c.status == RecommendationStatus::Open)
            .collect());
    };
    let mut errors = ValidationErrors::new();
    let mut out: Vec<&q::Coverable> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        match coverable.iter().find(|c| c.id == *id) {
            None => errors.add(
                format!("recommendation_ids[{i}]"),
                "is not a recommendation of this review",
            ),
            Some(c) if c.status != RecommendationStatus::Open => errors.add(
                format!("recommendation_ids[{i}]"),
                format!("is {}; only open recommendations are monitored", c.status),
            ),
            Some(c) if out.iter().any(|o| o.id == c.id) => {
                errors.add(format!("recommendation_ids[{i}]"), "is listed twice")
            }
            Some(c) => out.push(c),
        }
    }
    errors.into_result()?;
    out.sort_by_key(|c| coverable.iter().position(|x| x.id == c.id));
    Ok(out)
}

/// The next round of a review as the rules propose it: the first about 12 months (a council
/// setting) after the action plan was agreed; later ones at the committee's interval after the
/// previous round's meeting.
pub async fn propose(ctx: &mut Ctx<'_>, review_id: Uuid) -> Result<RoundProposal, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let scope = access::scope(&ctx.principal);
    let review = review_q::find(ctx.db(), scope, review_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let plan = plan_q::find_visible(ctx.db(), plan_q::PlanKey::Review(review.id), Scope::All)
        .await?
        .filter(|p| p.status == PlanStatus::Agreed)
        .ok_or_else(|| AppError::conflict("The review has no agreed action plan to monitor."))?;
    let previous = q::rounds_of_review(ctx.db(), review.id).await?;
    let outstanding: Vec<Uuid> = q::coverable(ctx.db(), review.id)
        .await?
        .into_iter()
        .filter(|c| c.status == RecommendationStatus::Open)
        .map(|c| c.id)
        .collect();
    if outstanding.is_empty() {
        return Err(AppError::conflict(
            "No recommendation of the review is outstanding.",
        ));
    }
    let (due, basis) = match previous.last() {
        None => {
            let agreed = stored_date(plan.agreed_on, plan.agreed_on_precision.as_deref())
                .ok_or_else(|| {
                    AppError::conflict("The action plan has no agreed date to count from.")
                })?;
            let months = q::council_progress_settings(ctx.db(), review.council_id)
                .await?
                .map_or(rules::FIRST_ROUND_MONTHS as i32, |(_, m)| m);
            let due = rules::first_round_due(agreed, months as u32).map_err(AppError::internal)?;
            (
                due,
                format!("{months} months after the action plan was agreed ({agreed})"),
            )
        }
        Some(last) => {
            let committee = scrutiny_db::queries::committees::find(ctx.db(), review.committee_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let from = last.meeting_date.unwrap_or(last.deadline);
            let due = rules::next_round_due(from, committee.update_interval_months as u32)
                .map_err(AppError::internal)?;
            (
                PartialDate::from(due),
                format!(
                    "{} months (the committee's interval) after the previous round's {} ({})",
                    committee.update_interval_months,
                    if last.meeting_date.is_some() {
                        "meeting"
                    } else {
                        "deadline"
                    },
                    from.format("%-d %B %Y")
                ),
            )
        }
    };
    Ok(RoundProposal {
        sequence: previous.last().map_or(1, |r| r.sequence + 1),
        label: format!(
            "{} {}",
            due.first_day().format("%B"),
            due.first_day().year()
        ),
        due: due.to_iso(),
        due_display: due.to_string(),
        deadline: due.last_day(),
        basis,
        recommendation_ids: outstanding,
    })
}

// ---------------------------------------------------------------------------------------------
// Reading rounds

/// A review's rounds, first first, with their entry counts.
pub async fn list_of_review(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
) -> Result<Vec<ProgressRound>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let principal = ctx.principal.clone();
    let scope = access::scope(&principal);
    let review = review_q::find(ctx.db(), scope, review_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut rows = q::rounds_of_review(ctx.db(), review.id).await?;
    if let Scope::Responsible(org) = scope {
        let mut visible = Vec::new();
        for row in rows {
            if q::organisation_in_round(ctx.db(), row.id, org).await? {
                visible.push(row);
            }
        }
        rows = visible;
    }
    let today = ctx.today();
    round_dtos(ctx.db(), &principal, rows, today).await
}

/// The filters of a list of rounds.
#[derive(Debug, Clone, Default)]
pub struct RoundListQuery {
    pub review_id: Option<Uuid>,
    pub committee_id: Option<Uuid>,
    /// open or closed.
    pub status: Option<String>,
    pub deadline_from: Option<NaiveDate>,
    pub deadline_to: Option<NaiveDate>,
    pub page: PageRequest,
}

/// Progress rounds the caller may see, by deadline.
pub async fn list(
    ctx: &mut Ctx<'_>,
    query: RoundListQuery,
) -> Result<Page<ProgressRound>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let limit = query.page.limit;
    let after = query.page.decode::<(NaiveDate, Uuid)>()?;
    let status = match query.status.as_deref() {
        Some(s) => Some(
            s.parse::<RoundStatus>()
                .map_err(|e| AppError::invalid("status", e.to_string()))?,
        ),
        None => None,
    };
    let filter = RoundFilter {
        review_id: query.review_id,
        committee_id: query.committee_id,
        status,
        deadline_from: query.deadline_from,
        deadline_to: query.deadline_to,
    };
    let principal = ctx.principal.clone();
    let scope = access::scope(&principal);
    let rows = q::list_rounds(ctx.db(), scope, &filter, after, limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(r.deadline, r.id)));
    let today = ctx.today();
    Ok(Page {
        items: round_dtos(ctx.db(), &principal, rows, today).await?,
        next_cursor,
    })
}

/// One round the caller may see.
pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<ProgressRound, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let principal = ctx.principal.clone();
    let today = ctx.today();
    let round = round_for_read(ctx.db(), &principal, id).await?;
    round_dto_one(ctx.db(), &principal, round, today).await
}

/// The round's entries the caller may see, in the review's order (recommendation, then part).
pub async fn entries(ctx: &mut Ctx<'_>, id: Uuid) -> Result<Vec<ProgressEntry>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let principal = ctx.principal.clone();
    let today = ctx.today();
    let round = round_for_read(ctx.db(), &principal, id).await?;
    let viewer = accepted_only(&principal);
    let own = match access::scope(&principal) {
        Scope::Responsible(org) => Some(org),
        _ => None,
    };
    let rows: Vec<q::Entry> = q::entries_of_round(ctx.db(), round.id)
        .await?
        .into_iter()
        .filter(|e| !viewer || e.state == SubmissionState::Accepted)
        .filter(|e| own.is_none() || e.organisation_id == own)
        .collect();
    dtos(ctx.db(), &principal, rows, today).await
}

/// A round's changes, newest first (council staff).
pub async fn history(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let principal = ctx.principal.clone();
    let round = round_for_read(ctx.db(), &principal, id).await?;
    crate::views::audit::history(ctx.db(), "progress_round", round.id, &page).await
}

// ---------------------------------------------------------------------------------------------
// Changing rounds

/// A change of a round. Absent fields are left alone; `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct UpdateRound {
    pub id: Uuid,
    pub precondition: Precondition,
    pub label: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub meeting_date: Option<Option<NaiveDate>>,
    pub minute_reference: Option<Option<String>>,
}

/// Changes a round's label, deadline, meeting date or minute reference, audited as
/// `progress_round.updated`.
pub async fn update(ctx: &mut Ctx<'_>, cmd: UpdateRound) -> Result<ProgressRound, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    ctx.tx(async |ctx| {
        let principal = ctx.principal.clone();
        let id = cmd.id;
        let round = q::lock_round(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&principal, round.council_id)?;
        cmd.precondition.check(round.version)?;
        let mut errors = ValidationErrors::new();
        let mut changes = RoundChanges::default();
        if let Some(label) = &cmd.label {
            match optional_text(&mut errors, "label", Some(label), LABEL_MAX) {
                Some(l) => changes.label = Some(l),
                None => errors.add("label", "must not be blank"),
            }
        }
        changes.deadline = cmd.deadline;
        changes.meeting_date = cmd.meeting_date;
        if let Some(minute) = &cmd.minute_reference {
            changes.minute_reference = Some(optional_text(
                &mut errors,
                "minute_reference",
                minute.as_deref(),
                200,
            ));
        }
        let deadline = changes.deadline.unwrap_or(round.deadline);
        let meeting = changes.meeting_date.unwrap_or(round.meeting_date);
        if meeting.is_some_and(|m| m < deadline) {
            errors.add(
                "meeting_date",
                "must not be before the deadline for partners",
            );
        }
        errors.into_result()?;
        let today = ctx.today();
        let before = round_dto_one(ctx.db(), &principal, round, today).await?;
        let row = q::update_round(ctx.db(), id, &changes).await?;
        let after = round_dto_one(ctx.db(), &principal, row, today).await?;
        audit::changed(
            ctx.db(),
            &principal,
            "progress_round.updated",
            "progress_round",
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

#[derive(Debug, Clone)]
pub struct AddRoundEntry {
    pub round_id: Uuid,
    pub recommendation_id: Uuid,
    /// For an entry on one part of the recommendation.
    pub part_id: Option<Uuid>,
    /// Who reports; by default the organisation the recommendation's actions name first.
    pub organisation_id: Option<Uuid>,
}

/// Adds a recommendation (or one of its parts) to an open round, audited as
/// `progress_entry.created`.
pub async fn add_entry(ctx: &mut Ctx<'_>, cmd: AddRoundEntry) -> Result<ProgressEntry, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    ctx.tx(async |ctx| {
        let principal = ctx.principal.clone();
        let round = q::lock_round(ctx.db(), cmd.round_id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&principal, round.council_id)?;
        if round.status != RoundStatus::Open {
            return Err(AppError::conflict(
                "The round is closed; it takes no more entries.",
            ));
        }
        let coverable = q::coverable(ctx.db(), round.review_id).await?;
        let Some(rec) = coverable.iter().find(|c| c.id == cmd.recommendation_id) else {
            return Err(AppError::invalid(
                "recommendation_id",
                "is not a recommendation of the round's review",
            ));
        };
        if rec.status != RecommendationStatus::Open {
            return Err(AppError::invalid(
                "recommendation_id",
                format!("is {}; only open recommendations are monitored", rec.status),
            ));
        }
        if let Some(part) = cmd.part_id {
            if !rec.parts.contains(&part) {
                return Err(AppError::invalid(
                    "part_id",
                    "is not a current part of the recommendation",
                ));
            }
        }
        if let Some(org) = cmd.organisation_id {
            if scrutiny_db::queries::organisations::find(ctx.db(), org)
                .await?
                .is_none()
            {
                return Err(AppError::invalid(
                    "organisation_id",
                    "is not an organisation",
                ));
            }
        }
        let reporting = q::reporting_organisations(ctx.db(), round.review_id).await?;
        let organisation = cmd
            .organisation_id
            .or_else(|| reporting.get(&(rec.id, cmd.part_id)).copied())
            .or_else(|| reporting.get(&(rec.id, None)).copied())
            .unwrap_or(round.council_id);
        let inserted = q::insert_entries(
            ctx.db(),
            &[NewEntry {
                id: Uuid::now_v7(),
                council_id: round.council_id,
                review_id: round.review_id,
                round_id: round.id,
                recommendation_id: rec.id,
                part_id: cmd.part_id,
                organisation_id: Some(organisation),
            }],
        )
        .await
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::conflict("The round already covers it."),
            other => other.into(),
        })?;
        let entry = inserted
            .into_iter()
            .next()
            .ok_or_else(|| AppError::internal("no entry inserted"))?;
        let today = ctx.today();
        let view = dto(ctx.db(), &principal, entry, today).await?;
        audit::created(
            ctx.db(),
            &principal,
            "progress_entry.created",
            "progress_entry",
            view.id,
            &view,
        )
        .await?;
        Ok(view)
    })
    .await
}
