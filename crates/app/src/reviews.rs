//! Use cases of reviews (list, read with related records, start, change, move on, history), and
//! the status moves that follow from other records' workflow.
use crate::access;
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::principal::{ANY_ROLE, COUNCIL_STAFF};
use crate::views::audit::AuditEvent;
use crate::views::decisions::Decision;
use crate::views::reviews::{one_dto, to_dtos, Review};
use scrutiny_db::page::TextKey;
use scrutiny_db::queries::committees;
use scrutiny_db::queries::reviews::{self as q, NewReview, ReviewChanges};
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::records::{ReviewStatus, ReviewType, WorkProgrammeYear};
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

/// The audit entity of a review.
const ENTITY: &str = "review";
/// Most recommendations a review can carry inline; a longer review is read through its own list.
const INLINE_RECOMMENDATIONS: u32 = 200;
/// Most decisions a review carries inline.
const INLINE_DECISIONS: u32 = 50;

// ---- commands ------------------------------------------------------------------------------

/// Which reviews to list (status and year as the API writes them).
#[derive(Debug, Clone, Default)]
pub struct ReviewFilter {
    pub committee_id: Option<Uuid>,
    pub status: Option<String>,
    /// e.g. 2021-2022
    pub work_programme_year: Option<String>,
    /// Reviews with an action this organisation is responsible for.
    pub responsible_organisation_id: Option<Uuid>,
    /// The council's own reference, compared without case.
    pub reference: Option<String>,
}

/// A review to start in the principal's council, as given.
#[derive(Debug, Clone)]
pub struct CreateReview {
    pub committee_id: Uuid,
    pub title: String,
    /// task_and_finish, in_depth or other ("Task & Finish" and "In-depth" are understood too).
    pub review_type: String,
    /// e.g. "2021-2022" (or "2021/22").
    pub work_programme_year: Option<String>,
    pub scrutiny_officer_id: Option<Uuid>,
    /// Contacts, in order.
    pub link_officer_ids: Vec<Uuid>,
    pub summary: Option<String>,
    /// The status it starts in (default proposed), for reviews recorded after the fact.
    pub status: Option<ReviewStatus>,
    /// The council's own reference ("2024/25-03"), unique within the council.
    pub reference: Option<String>,
}

/// Fields to change: `None` keeps a field, `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default)]
pub struct UpdateReview {
    pub id: Uuid,
    pub precondition: Precondition,
    pub committee_id: Option<Uuid>,
    pub title: Option<String>,
    pub review_type: Option<String>,
    pub work_programme_year: Option<Option<String>>,
    pub scrutiny_officer_id: Option<Option<Uuid>>,
    pub link_officer_ids: Option<Vec<Uuid>>,
    pub summary: Option<Option<String>>,
    pub reference: Option<Option<String>>,
}

/// Moves a review to `to` (one of its allowed transitions); a reason is required to withdraw.
#[derive(Debug, Clone)]
pub struct TransitionReview {
    pub id: Uuid,
    pub precondition: Precondition,
    pub to: ReviewStatus,
    pub reason: Option<String>,
}

/// The related records a review is read with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Includes {
    pub recommendations: bool,
    pub decisions: bool,
    pub action_plan: bool,
}

impl Includes {
    /// Comma-separated: `recommendations`, `decisions`, `action_plan`.
    pub fn parse(raw: Option<&str>) -> Result<Includes, AppError> {
        let mut includes = Includes::default();
        for item in raw
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match item {
                "recommendations" => includes.recommendations = true,
                "decisions" => includes.decisions = true,
                "action_plan" => includes.action_plan = true,
                other => {
                    return Err(AppError::invalid(
                        "include",
                        format!("unknown `{other}`; use recommendations, decisions or action_plan"),
                    ))
                }
            }
        }
        Ok(includes)
    }
}

/// A review with the related records asked for. The recommendations and the action plan are
/// given as loaded from the database, for their own views to show.
pub struct ReviewWithIncludes {
    pub review: Review,
    pub recommendations: Option<Vec<scrutiny_db::queries::recommendations::RecommendationDetail>>,
    pub decisions: Option<Vec<Decision>>,
    /// `Some(None)` when asked for and there is no plan yet.
    pub action_plan: Option<Option<scrutiny_db::queries::action_plans::ActionPlan>>,
}

// ---- checks --------------------------------------------------------------------------------

pub(crate) fn title(errors: &mut ValidationErrors, raw: &str) -> Option<String> {
    let t = raw.trim();
    if t.is_empty() {
        errors.add("title", "must not be blank");
        None
    } else if t.chars().count() > 500 {
        errors.add("title", "must be at most 500 characters");
        None
    } else {
        Some(t.to_owned())
    }
}

fn optional_text(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Checks the committee (same council) and the contacts named.
async fn check_references(
    conn: &mut AsyncPgConnection,
    council_id: Uuid,
    committee_id: Option<Uuid>,
    scrutiny_officer_id: Option<Uuid>,
    link_officer_ids: Option<&[Uuid]>,
) -> Result<(), AppError> {
    let mut errors = ValidationErrors::new();
    if let Some(id) = committee_id {
        match committees::find(conn, id).await? {
            Some(c) if c.council_id == council_id => {}
            _ => errors.add("committee_id", "no such committee in this council"),
        }
    }
    if let Some(id) = scrutiny_officer_id {
        if q::count_contacts(conn, council_id, &[id]).await? != 1 {
            errors.add("scrutiny_officer_id", "no such contact in this council");
        }
    }
    if let Some(ids) = link_officer_ids {
        let mut unique = ids.to_vec();
        unique.sort();
        unique.dedup();
        if unique.len() != ids.len() {
            errors.add("link_officer_ids", "names a contact twice");
        } else if q::count_contacts(conn, council_id, ids).await? != ids.len() as i64 {
            errors.add(
                "link_officer_ids",
                "names a contact that is not in this council's contacts",
            );
        }
    }
    Ok(errors.into_result()?)
}

/// The longest reference a review may have.
pub const REFERENCE_MAX: usize = 100;

/// A review's reference as given: trimmed, blank for none, at most [`REFERENCE_MAX`] characters
/// without control characters.
pub fn check_reference(raw: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(r) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    if r.chars().count() > REFERENCE_MAX {
        return Err(AppError::invalid(
            "reference",
            format!("must be at most {REFERENCE_MAX} characters"),
        ));
    }
    if r.chars().any(char::is_control) {
        return Err(AppError::invalid(
            "reference",
            "must not hold control characters",
        ));
    }
    Ok(Some(r.to_owned()))
}

/// Refuses a reference another of the council's reviews has.
async fn check_reference_free(
    conn: &mut scrutiny_db::AsyncPgConnection,
    council: Uuid,
    reference: Option<&str>,
    this: Option<Uuid>,
) -> Result<(), AppError> {
    let Some(reference) = reference else {
        return Ok(());
    };
    let found = q::find_by_references(conn, council, &[reference.to_owned()]).await?;
    if found.iter().any(|r| Some(r.id) != this) {
        return Err(AppError::invalid(
            "reference",
            "is already the reference of another of the council's reviews",
        ));
    }
    Ok(())
}

// ---- use cases -----------------------------------------------------------------------------

/// The reviews the principal may see, by title.
pub async fn list(
    ctx: &mut Ctx<'_>,
    filter: &ReviewFilter,
    page: &PageRequest,
) -> Result<Page<Review>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let limit = page.limit;
    let after = page
        .decode::<(String, Uuid)>()?
        .map(|(key, id)| TextKey { key, id });
    let mut errors = ValidationErrors::new();
    let status = filter
        .status
        .as_deref()
        .and_then(|s| errors.check("status", s.parse::<ReviewStatus>()));
    let year = filter
        .work_programme_year
        .as_deref()
        .and_then(|y| errors.check("work_programme_year", y.parse::<WorkProgrammeYear>()));
    errors.into_result()?;
    let reference = check_reference(filter.reference.as_deref())?;
    let db_filter = q::Filter {
        committee_id: filter.committee_id,
        status,
        work_programme_year: year.map(|y| y.to_string()),
        responsible_organisation_id: filter.responsible_organisation_id,
        reference,
    };
    let scope = access::scope(&ctx.principal);
    let rows = q::list(ctx.db(), scope, &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(&r.title, r.id)));
    let items = to_dtos(ctx.db(), rows).await?;
    Ok(Page { items, next_cursor })
}

/// Starts a review in the principal's council; audited as `review.created`.
pub async fn create(ctx: &mut Ctx<'_>, cmd: CreateReview) -> Result<Review, AppError> {
    let council = access::writing_council(&ctx.principal)?;
    let mut errors = ValidationErrors::new();
    let title = title(&mut errors, &cmd.title);
    let review_type = errors.check("review_type", cmd.review_type.parse::<ReviewType>());
    let year = cmd
        .work_programme_year
        .as_deref()
        .filter(|y| !y.trim().is_empty())
        .and_then(|y| errors.check("work_programme_year", y.parse::<WorkProgrammeYear>()));
    let status = match cmd.status {
        Some(s) => Some(s),
        None => Some(ReviewStatus::Proposed),
    };
    if status == Some(ReviewStatus::Withdrawn) {
        errors.add("status", "a review cannot start withdrawn");
    }
    errors.into_result()?;
    let (Some(title), Some(review_type), Some(status)) = (title, review_type, status) else {
        return Err(AppError::invalid("body", "is incomplete"));
    };
    let summary = optional_text(cmd.summary.as_deref());
    let year = year.map(|y| y.to_string());
    let reference = check_reference(cmd.reference.as_deref())?;
    ctx.tx(async |ctx| {
        check_references(
            ctx.db(),
            council,
            Some(cmd.committee_id),
            cmd.scrutiny_officer_id,
            Some(&cmd.link_officer_ids),
        )
        .await?;
        check_reference_free(ctx.db(), council, reference.as_deref(), None).await?;
        let row = q::insert(
            ctx.db(),
            &NewReview {
                id: Uuid::now_v7(),
                council_id: council,
                committee_id: cmd.committee_id,
                title: &title,
                review_type: review_type.as_str(),
                work_programme_year: year.as_deref(),
                status: status.as_str(),
                scrutiny_officer_id: cmd.scrutiny_officer_id,
                summary: summary.as_deref(),
                reference: reference.as_deref(),
            },
        )
        .await?;
        q::set_link_officers(ctx.db(), row.id, &cmd.link_officer_ids).await?;
        let dto = one_dto(ctx.db(), row).await?;
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "review.created",
            ENTITY,
            dto.id,
            &dto,
        )
        .await?;
        Ok(dto)
    })
    .await
}

/// A review with the related records in `includes`, in a fixed number of queries.
pub async fn get(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    includes: Includes,
) -> Result<ReviewWithIncludes, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    let row = q::find(ctx.db(), scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let review_id = row.id;
    let review = one_dto(ctx.db(), row).await?;
    let recommendations = if includes.recommendations {
        let filter = scrutiny_db::queries::recommendations::Filter {
            review_id: Some(review_id),
            ..Default::default()
        };
        let (rows, _) = scrutiny_db::queries::recommendations::load_page(
            ctx.db(),
            scope,
            &filter,
            None,
            INLINE_RECOMMENDATIONS,
        )
        .await?;
        Some(rows)
    } else {
        None
    };
    let decisions = if includes.decisions {
        let filter = scrutiny_db::queries::decisions::Filter {
            review_id: Some(review_id),
            ..Default::default()
        };
        let rows =
            scrutiny_db::queries::decisions::list(ctx.db(), scope, &filter, None, INLINE_DECISIONS)
                .await?;
        let now = ctx.now();
        Some(crate::views::decisions::load(ctx.db(), rows, now).await?)
    } else {
        None
    };
    let action_plan = if includes.action_plan {
        let key = scrutiny_db::queries::action_plans::PlanKey::Review(review_id);
        Some(scrutiny_db::queries::action_plans::find_visible(ctx.db(), key, scope).await?)
    } else {
        None
    };
    Ok(ReviewWithIncludes {
        review,
        recommendations,
        decisions,
        action_plan,
    })
}

/// Changes a review's details; audited as `review.updated`.
pub async fn update(ctx: &mut Ctx<'_>, cmd: UpdateReview) -> Result<Review, AppError> {
    // Roles that never write these records are refused before any lookup, so that the answer
    // does not tell them which ids exist.
    ctx.principal.require(COUNCIL_STAFF)?;
    let mut errors = ValidationErrors::new();
    let title = cmd.title.as_deref().and_then(|t| title(&mut errors, t));
    let review_type = cmd
        .review_type
        .as_deref()
        .and_then(|t| errors.check("review_type", t.parse::<ReviewType>()));
    let year = match &cmd.work_programme_year {
        Some(Some(y)) if !y.trim().is_empty() => errors
            .check("work_programme_year", y.parse::<WorkProgrammeYear>())
            .map(|y| Some(y.to_string())),
        Some(_) => Some(None),
        None => None,
    };
    errors.into_result()?;
    let reference = match &cmd.reference {
        Some(r) => Some(check_reference(r.as_deref())?),
        None => None,
    };
    let id = cmd.id;
    ctx.tx(async |ctx| {
        let before = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, before.council_id)?;
        cmd.precondition.check(before.version)?;
        check_references(
            ctx.db(),
            before.council_id,
            cmd.committee_id,
            cmd.scrutiny_officer_id.flatten(),
            cmd.link_officer_ids.as_deref(),
        )
        .await?;
        if let Some(Some(r)) = &reference {
            check_reference_free(ctx.db(), before.council_id, Some(r), Some(id)).await?;
        }
        let before = one_dto(ctx.db(), before).await?;
        let row = q::update(
            ctx.db(),
            id,
            &ReviewChanges {
                committee_id: cmd.committee_id,
                title,
                review_type: review_type.map(|t| t.as_str().to_owned()),
                work_programme_year: year,
                scrutiny_officer_id: cmd.scrutiny_officer_id,
                summary: cmd.summary.map(|s| optional_text(s.as_deref())),
                reference,
                ..Default::default()
            },
        )
        .await?;
        if let Some(ids) = &cmd.link_officer_ids {
            q::set_link_officers(ctx.db(), id, ids).await?;
        }
        let after = one_dto(ctx.db(), row).await?;
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "review.updated",
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

/// Moves a review to its next status (or back one, to correct a mistake), or withdraws it with a
/// reason. An illegal move is a conflict naming the allowed ones. Audited as
/// `review.status_changed` with the review before and after.
pub async fn transition(ctx: &mut Ctx<'_>, cmd: TransitionReview) -> Result<Review, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let to = cmd.to;
    let reason = optional_text(cmd.reason.as_deref());
    if to == ReviewStatus::Withdrawn && reason.is_none() {
        return Err(AppError::invalid(
            "reason",
            "is required to withdraw a review",
        ));
    }
    let id = cmd.id;
    let precondition = cmd.precondition;
    ctx.tx(async |ctx| {
        let before = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, before.council_id)?;
        precondition.check(before.version)?;
        let from = before.status;
        let next = from.transition(to).map_err(|e| AppError::Conflict {
            detail: e.to_string(),
            allowed: e.allowed.iter().map(|s| s.as_str().to_owned()).collect(),
        })?;
        let now = ctx.now();
        let before = one_dto(ctx.db(), before).await?;
        let row = q::update(
            ctx.db(),
            id,
            &ReviewChanges {
                status: Some(next.as_str().to_owned()),
                status_changed_at: Some(now),
                withdrawn_reason: (next == ReviewStatus::Withdrawn).then(|| reason.clone()),
                ..Default::default()
            },
        )
        .await?;
        let after = one_dto(ctx.db(), row).await?;
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "review.status_changed",
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

/// A review's changes, newest first.
pub async fn history(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    page: &PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    ctx.principal.require(ANY_ROLE)?;
    let scope = access::scope(&ctx.principal);
    let row = q::find(ctx.db(), scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::views::audit::history(ctx.db(), ENTITY, row.id, page).await
}

/// Moves a review forward to `to` as a consequence of another record's workflow (Cabinet's
/// decision recorded, the action plan agreed, every recommendation closed). A review already
/// there or beyond, finished or withdrawn, stays where it is. Audited as `review.status_changed`
/// with the review before and after, and `reason` when one is given.
pub async fn advance(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
    to: ReviewStatus,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let Some(row) = q::find_for_update(ctx.db(), review_id).await? else {
        return Ok(());
    };
    let from = row.status;
    let rank = |s: ReviewStatus| ReviewStatus::ALL.iter().position(|x| *x == s);
    let forward = matches!((rank(from), rank(to)), (Some(a), Some(b)) if a < b);
    if !forward || from.is_final() || to == ReviewStatus::Withdrawn {
        return Ok(());
    }
    let now = ctx.now();
    let before = one_dto(ctx.db(), row).await?;
    let updated = q::update(
        ctx.db(),
        review_id,
        &ReviewChanges {
            status: Some(to.as_str().to_owned()),
            status_changed_at: Some(now),
            ..Default::default()
        },
    )
    .await?;
    let after = one_dto(ctx.db(), updated).await?;
    let mut after_json = audit::snapshot(&after);
    if let (Some(serde_json::Value::Object(map)), Some(reason)) = (&mut after_json, reason) {
        map.insert("reason".to_owned(), reason.into());
    }
    let event = audit::event(
        &ctx.principal,
        "review.status_changed",
        "review",
        review_id,
        audit::snapshot(&before),
        after_json,
    );
    crate::audit::record(ctx.db(), &event).await?;
    Ok(())
}
