//! Importing a tracker: one row per recommendation across many reviews, read through a saved
//! column mapping profile ([`crate::import_profiles`]). Each row names its review by the council's
//! reference (a review not known yet is created, in the committee the row's acronym or name maps
//! to), its recommendation (by number, else by its place among the review's rows), its leads
//! (owners of the row's action; initials are matched to the council's contacts), its dates, and
//! its status and progress text. Statuses are mapped to the council's grading scale by the
//! profile, and each row with a status or progress becomes an accepted progress entry in a
//! closed round of the review ("Tracker, March 2026"), written by and when the file says, audited
//! as `progress_entry.imported`.
//!
//! The recommendations and actions go through the action plan import's matching and commit
//! ([`super::plan`]), so the same checks apply and what the review already has is left alone:
//! importing the same tracker again changes nothing.
use super::people::{CreateContacts, ProposedContact};
use super::plan::{commit_plan, create_proposed, match_plan, Directory, Matched};
use super::{loose, outcome, record, ImportAnswer, ImportFile, Target, KIND_TRACKER};
use crate::access;
use crate::actions::OwnerInput;
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::import_profiles::{self, ImportProfile};
use crate::plans::{self, ChangePlan};
use crate::precondition::Precondition;
use crate::progress::follow::{after_recommendation_closed, close_recommendation};
use crate::reviews::{self, CreateReview};
use crate::views::imports::{CommitteeFound, ImportColumns, StatusFound};
use crate::views::progress::scale_of;
use chrono::{NaiveTime, TimeZone, Utc};
use scrutiny_db::queries::action_plans::{self as plans_q, PlanKey};
use scrutiny_db::queries::imports as q;
use scrutiny_db::queries::progress::{self as progress_q, EntryChanges, NewEntry};
use scrutiny_db::queries::reviews as reviews_q;
use scrutiny_db::scope::Scope;
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::progress::GradeScale;
use scrutiny_domain::progress::SubmissionState;
use scrutiny_domain::records::{OwnerName, RecommendationNumber, ReviewStatus};
use scrutiny_domain::status::PlanStatus;
use scrutiny_import::mapping::{describe, ImportKind};
use scrutiny_import::sheet::Records;
use scrutiny_import::tracker::{parse_tracker, TrackerRow};
use scrutiny_import::{
    ActionPlanImport, ImportedAction, ImportedMilestone, ImportedRecommendation, Parsed, Report,
};
use std::collections::HashMap;
use uuid::Uuid;

/// Imports a tracker read through a profile.
#[derive(Debug)]
pub struct ImportTracker {
    pub profile_id: Uuid,
    pub dry_run: bool,
    pub skip_invalid: bool,
    /// When a review's plan is agreed and the file adds actions to it: why it is amended.
    pub amendment_reason: Option<String>,
    pub file: ImportFile,
    /// The file's rows, as read, and what reading them found.
    pub records: Records,
    pub read_report: Report,
    pub create_contacts: CreateContacts,
}

/// A row's progress, ready to record.
struct ReadyProgress {
    row: u32,
    number: String,
    grade: Option<String>,
    progress: Option<String>,
    written_by: Option<String>,
    written_on: Option<PartialDate>,
}

/// The status words and committee names a tracker uses, with what each is read as.
#[derive(Default)]
struct Found {
    statuses: Vec<StatusFound>,
    committees: Vec<CommitteeFound>,
}

/// One review of the file, matched.
struct ReviewGroup {
    reference: String,
    existing: Option<reviews_q::Review>,
    committee_id: Uuid,
    title: String,
    decision_date: Option<PartialDate>,
    /// The review had a plan before the import (its agreement is the officers' to record).
    had_plan: bool,
    matched: Matched,
    progress: Vec<ReadyProgress>,
}

/// A review's reference as the council's references are unique: without case or surrounding
/// spaces (as the database's index compares them).
fn reference_key(reference: &str) -> String {
    reference.trim().to_lowercase()
}

/// A status word without case, spaces or punctuation.
fn status_key(text: &str) -> String {
    loose(text)
}

/// "JS" for "John Smith"; honorifics and ranks are not initials ("Insp Jane Doe" is "JD").
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| super::people::title(w).is_none())
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .collect()
}

/// The initials of a committee's name without the little words, with and without the words
/// that say what kind of body it is: "Children and Young People Select Committee" is "CYPSC" or
/// "CYP".
fn acronyms(name: &str) -> [String; 2] {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !matches!(w.as_str(), "and" | "of" | "the" | "for" | "on" | "in"))
        .collect();
    let initials = |ws: &[String]| -> String {
        ws.iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    let mut core = words.as_slice();
    while let [rest @ .., last] = core {
        if matches!(
            last.as_str(),
            "committee" | "select" | "scrutiny" | "panel" | "board" | "overview" | "sub"
        ) && !rest.is_empty()
        {
            core = rest;
        } else {
            break;
        }
    }
    [initials(&words), initials(core)]
}

/// The committee a file's value names: the profile's mapping, else a committee of that name,
/// else one whose acronym it is (when only one is).
fn find_committee(
    value: &str,
    profile: &ImportProfile,
    committees: &[(Uuid, String)],
) -> Option<(Uuid, &'static str)> {
    let key = loose(value);
    if let Some(c) = profile.committees.iter().find(|c| loose(&c.value) == key) {
        return Some((c.committee_id, "the profile maps it"));
    }
    if let Some((id, _)) = committees.iter().find(|(_, n)| loose(n) == key) {
        return Some((*id, "the committee's name"));
    }
    let by_acronym: Vec<Uuid> = committees
        .iter()
        .filter(|(_, n)| acronyms(n).iter().any(|a| loose(a) == key))
        .map(|(id, _)| *id)
        .collect();
    match by_acronym.as_slice() {
        [one] => Some((*one, "the initials of the committee's name")),
        _ => None,
    }
}

/// The row's leads, with the parts a split took apart put back together where together they are
/// a name the council knows (the whole cell, or two neighbours joined by "and" or "&").
fn rejoin_known(
    row: &TrackerRow,
    known: &std::collections::HashSet<String>,
    report: &mut Report,
) -> Vec<String> {
    let whole = row.lead_text.as_deref().map(str::trim).unwrap_or("");
    if row.leads.len() > 1 && known.contains(&loose(whole)) {
        report.guess(
            Some(row.row),
            Some("Lead"),
            whole,
            "read as one lead, not split: a name the council knows",
        );
        return vec![whole.to_owned()];
    }
    let mut out: Vec<String> = Vec::with_capacity(row.leads.len());
    let mut i = 0;
    while i < row.leads.len() {
        let joined = row.leads.get(i + 1).and_then(|next| {
            ["and", "&"]
                .iter()
                .map(|j| format!("{} {j} {}", row.leads[i], next))
                .find(|name| known.contains(&loose(name)))
        });
        match joined {
            Some(name) => {
                report.guess(
                    Some(row.row),
                    Some("Lead"),
                    &name,
                    "read as one lead, not split: a name the council knows",
                );
                out.push(name);
                i += 2;
            }
            None => {
                out.push(row.leads[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// Reads the file through the profile and matches it to the council's records: reviews by
/// reference, committees, statuses to grades, recommendations and actions as the plan import
/// does. Rejections and guesses go into the report.
async fn match_tracker(
    ctx: &mut Ctx<'_>,
    council_id: Uuid,
    profile: &ImportProfile,
    parsed: &mut Parsed<scrutiny_import::TrackerImport>,
    create_contacts: &CreateContacts,
    amendment_given: bool,
    words: &mut Found,
) -> Result<(Vec<ReviewGroup>, Vec<(String, ProposedContact)>), AppError> {
    let scale: GradeScale = scale_of(ctx.db(), council_id).await?;
    let committees = q::committee_names(ctx.db(), council_id).await?;
    // The names the leads are matched against, loaded once for the whole file.
    let dir = Directory::load(ctx, council_id).await?;
    let contacts = &dir.contacts;
    // Every name a lead may be, to put back together what a split took apart ("Redcar and
    // Cleveland Borough Council").
    let known: std::collections::HashSet<String> = dir
        .orgs
        .iter()
        .map(|(_, n, _)| loose(n))
        .chain(contacts.iter().map(|(_, n, _)| loose(n)))
        .collect();
    let mut references: Vec<String> = Vec::new();
    for row in &parsed.value.rows {
        if !references
            .iter()
            .any(|r| reference_key(r) == reference_key(&row.review_reference))
        {
            references.push(row.review_reference.clone());
        }
    }
    let existing = reviews_q::find_by_references(ctx.db(), council_id, &references).await?;
    let report = &mut parsed.report;

    // Status words: the profile's mapping, else the scale's own words.
    let mut grade_of = |row: &TrackerRow, report: &mut Report| -> Result<Option<String>, ()> {
        let Some(status) = row.status.as_deref().filter(|s| !s.trim().is_empty()) else {
            return Ok(None);
        };
        let key = status_key(status);
        let mapped = profile
            .statuses
            .iter()
            .find(|s| status_key(&s.value) == key)
            .map(|s| s.grade.clone());
        let grade = mapped.or_else(|| {
            scale
                .parse_grade(status)
                .ok()
                .map(|g| g.level.code.as_str().to_owned())
        });
        match words
            .statuses
            .iter_mut()
            .find(|s| status_key(&s.value) == key)
        {
            Some(found) => found.rows.push(row.row),
            None => words.statuses.push(StatusFound {
                value: status.trim().to_owned(),
                grade: grade.clone(),
                rows: vec![row.row],
            }),
        }
        match grade {
            Some(g) => Ok(Some(g)),
            None => {
                report.reject(
                    Some(row.row),
                    Some("Status"),
                    status,
                    format!(
                        "the status \"{}\" is not mapped to a grade of the council's scale ({}): map it in the profile",
                        status.trim(),
                        scale.expected_forms()
                    ),
                );
                Err(())
            }
        }
    };

    let mut groups: Vec<ReviewGroup> = Vec::new();
    let mut proposals: Vec<(String, ProposedContact)> = Vec::new();
    for reference in &references {
        let rows: Vec<&TrackerRow> = parsed
            .value
            .rows
            .iter()
            .filter(|r| reference_key(&r.review_reference) == reference_key(reference))
            .collect();
        let found = existing
            .iter()
            .find(|r| {
                r.reference
                    .as_deref()
                    .is_some_and(|x| reference_key(x) == reference_key(reference))
            })
            .cloned();
        let reject_all = |report: &mut Report, why: &str| {
            for row in &rows {
                report.reject(Some(row.row), Some("Review reference"), reference, why);
            }
        };
        if found
            .as_ref()
            .is_some_and(|r| r.status == ReviewStatus::Withdrawn)
        {
            reject_all(
                report,
                "the review with this reference is withdrawn: nothing is imported into it",
            );
            continue;
        }
        // A review to create: its reference and title as the review's use case checks them.
        if found.is_none() {
            if let Err(e) = reviews::check_reference(Some(reference)) {
                let why = match e {
                    AppError::Validation(errors) => super::reasons(&errors),
                    other => other.to_string(),
                };
                reject_all(report, &format!("the review cannot be created: {why}"));
                continue;
            }
        }
        // The committee of a review to create (a known review keeps its own).
        let committee_id = match &found {
            Some(r) => r.committee_id,
            None => {
                let named = rows
                    .iter()
                    .find_map(|r| r.committee.as_deref().filter(|c| !c.trim().is_empty()));
                let Some(named) = named else {
                    reject_all(report, "no review has this reference yet, and the row names no committee to create it in: map the committee column");
                    continue;
                };
                let hit = find_committee(named, profile, &committees);
                if !words
                    .committees
                    .iter()
                    .any(|c| loose(&c.value) == loose(named))
                {
                    words.committees.push(CommitteeFound {
                        value: named.trim().to_owned(),
                        committee_id: hit.map(|(id, _)| id),
                        because: hit.map(|(_, b)| b.to_owned()),
                    });
                }
                match hit {
                    Some((id, because)) => {
                        if because != "the profile maps it" {
                            report.guess(
                                Some(rows[0].row),
                                Some("Committee"),
                                named,
                                format!(
                                    "read as the committee {} ({because})",
                                    committees
                                        .iter()
                                        .find(|(c, _)| *c == id)
                                        .map(|(_, n)| n.as_str())
                                        .unwrap_or("")
                                ),
                            );
                        }
                        id
                    }
                    None => {
                        reject_all(report, &format!("the committee \"{}\" is not one of the council's: map it to a committee in the profile", named.trim()));
                        continue;
                    }
                }
            }
        };
        let title = match &found {
            Some(r) => r.title.clone(),
            None => rows
                .iter()
                .find_map(|r| r.review_title.clone().filter(|t| !t.trim().is_empty()))
                .unwrap_or_else(|| {
                    report.guess(
                        Some(rows[0].row),
                        Some("Review reference"),
                        reference,
                        "no review title: the review is created with its reference as its title",
                    );
                    reference.clone()
                }),
        };
        if found.is_none() {
            let mut errors = scrutiny_domain::validation::ValidationErrors::new();
            if reviews::title(&mut errors, &title).is_none() {
                reject_all(
                    report,
                    &format!("the review cannot be created: {}", super::reasons(&errors)),
                );
                continue;
            }
        }
        let decision_date = rows.iter().find_map(|r| r.decision_date);

        // The plan this review's rows make: a recommendation per number, an action per row with
        // leads or an action.
        let mut plan = ActionPlanImport {
            title: None,
            recommendations: Vec::new(),
        };
        let mut progress = Vec::new();
        let mut position = 0;
        for row in rows {
            // Numbered by place among all the review's rows, rejected or not, so that the numbers
            // stay the same when the file is corrected and imported again.
            position += 1;
            let Ok(grade) = grade_of(row, report) else {
                continue;
            };
            let number = match &row.number {
                Some(n) => n.clone(),
                None => match RecommendationNumber::parse(&position.to_string()) {
                    Ok(n) => {
                        report.guess(
                            Some(row.row),
                            Some("Recommendation"),
                            n.as_str(),
                            format!("no recommendation number: numbered {n} by its place among the review's rows"),
                        );
                        n
                    }
                    Err(_) => continue,
                },
            };
            let leads: Vec<String> = rejoin_known(row, &known, report)
                .iter()
                .map(|lead| {
                    let is_initials =
                        lead.len() <= 4 && lead.chars().all(|c| c.is_ascii_uppercase() || c == '.');
                    if is_initials {
                        let key: String = lead.chars().filter(char::is_ascii_uppercase).collect();
                        let hits: Vec<&(Uuid, String, Option<Uuid>)> = contacts
                            .iter()
                            .filter(|(_, n, _)| initials(n) == key)
                            .collect();
                        if let [one] = hits.as_slice() {
                            report.guess(
                                Some(row.row),
                                Some("Lead"),
                                lead,
                                format!("the initials of the contact {}", one.1),
                            );
                            return one.1.clone();
                        }
                    }
                    lead.clone()
                })
                .collect();
            let action = if row.action.is_some() || !leads.is_empty() {
                let proposed_actions = match &row.action {
                    Some(a) => a.clone(),
                    None => {
                        report.guess(
                            Some(row.row),
                            Some("Lead"),
                            row.lead_text.as_deref().unwrap_or(""),
                            "no action column: the leads own an action that is the recommendation itself",
                        );
                        row.recommendation.clone()
                    }
                };
                Some(ImportedAction {
                    part: None,
                    proposed_actions,
                    success_measures: row.measures.clone(),
                    responsibility: row.lead_text.clone().unwrap_or_default(),
                    owners: leads.iter().map(|l| OwnerName::Named(l.clone())).collect(),
                    milestones: row
                        .due
                        .map(|d| ImportedMilestone {
                            date: Some(d),
                            label: None,
                        })
                        .into_iter()
                        .collect(),
                    status_notes: None,
                    row: row.row,
                })
            } else {
                None
            };
            match plan
                .recommendations
                .iter_mut()
                .find(|r| r.number.as_str().eq_ignore_ascii_case(number.as_str()))
            {
                Some(rec) => {
                    if loose(&rec.text) != loose(&row.recommendation) {
                        report.guess(
                            Some(row.row),
                            Some("Recommendation"),
                            &row.recommendation,
                            format!("recommendation {number} is on row {} with another text: that row's text is kept", rec.row),
                        );
                    }
                    match action {
                        Some(a)
                            if rec.actions.iter().any(|b| {
                                loose(&b.proposed_actions) == loose(&a.proposed_actions)
                                    && b.owners == a.owners
                            }) =>
                        {
                            report.guess(
                                Some(row.row),
                                Some("Lead"),
                                &a.proposed_actions,
                                format!("the same action and leads as on an earlier row of recommendation {number}: one action"),
                            );
                        }
                        other => rec.actions.extend(other),
                    }
                }
                None => plan.recommendations.push(ImportedRecommendation {
                    number: number.clone(),
                    text: row.recommendation.clone(),
                    parts: Vec::new(),
                    actions: action.into_iter().collect(),
                    row: row.row,
                }),
            }
            if grade.is_some() || row.progress.is_some() {
                progress.push(ReadyProgress {
                    row: row.row,
                    number: number.as_str().to_owned(),
                    grade,
                    progress: row.progress.clone(),
                    written_by: row.updated_by.clone(),
                    written_on: row.updated_on,
                });
            }
        }
        let review_id = found.as_ref().map_or(Uuid::nil(), |r| r.id);
        let existing_plan = match &found {
            Some(r) => plans_q::find_visible(ctx.db(), PlanKey::Review(r.id), Scope::All).await?,
            None => None,
        };
        let plan_id = existing_plan.as_ref().map(|p| p.id);
        if let (Some(date), Some(plan)) = (decision_date, &existing_plan) {
            if plan.agreed_on != Some(date.first_day()) {
                report.guess(
                    None,
                    Some("Decision date"),
                    &date.to_string(),
                    format!("review {reference} has its action plan already: the decision date is not recorded on it (the officers record when it is agreed)"),
                );
            }
        }
        let mut plan_parsed = Parsed {
            value: plan,
            report: Report::new(),
        };
        let matched = match_plan(
            ctx,
            &dir,
            review_id,
            plan_id,
            &mut plan_parsed,
            create_contacts,
        )
        .await?;
        report.rows_rejected += plan_parsed.report.rows_rejected;
        report.issues.extend(plan_parsed.report.issues);
        // What a commit would refuse whatever the rows say, told by the dry run too.
        let adds_actions = matched.ready.iter().any(|r| !r.actions.is_empty());
        match existing_plan.as_ref().map(|p| p.status) {
            Some(PlanStatus::SignedOff) if adds_actions || !matched.ready.is_empty() => {
                report.reject(
                    None,
                    Some("Review reference"),
                    reference,
                    "the review's action plan is signed off: nothing more can be added to it",
                );
                continue;
            }
            Some(PlanStatus::Agreed) if adds_actions && !amendment_given => report.guess(
                None,
                Some("Review reference"),
                reference,
                "the review's action plan is agreed: committing adds actions to it, so give amendment_reason (the plan as it stands is kept)",
            ),
            _ => {}
        }
        for (key, p) in &matched.proposals {
            match proposals.iter_mut().find(|(k, _)| k == key) {
                Some((_, known)) => known.rows.extend(p.rows.iter().copied()),
                None => proposals.push((key.clone(), p.clone())),
            }
        }
        groups.push(ReviewGroup {
            reference: reference.clone(),
            existing: found,
            committee_id,
            title,
            decision_date,
            had_plan: existing_plan.is_some(),
            matched,
            progress,
        });
    }
    Ok((groups, proposals))
}

/// Creates what the file holds: the accepted new contacts once, then per review the review (when
/// new), its recommendations and actions (through the plan import's commit), the plan's agreement
/// on the decision date, and the progress entries.
async fn commit_tracker(
    ctx: &mut Ctx<'_>,
    file: &ImportFile,
    groups: Vec<ReviewGroup>,
    proposals: Vec<(String, ProposedContact)>,
    amendment_reason: Option<&str>,
) -> Result<serde_json::Value, AppError> {
    let needed: std::collections::HashSet<&String> = groups
        .iter()
        .flat_map(|g| &g.matched.ready)
        .flat_map(|r| &r.actions)
        .flat_map(|a| &a.new_contacts)
        .collect();
    let contacts_created = create_proposed(ctx, &proposals, &needed).await?;
    let mut reviews_created = Vec::new();
    let mut plans = Vec::new();
    let mut entries_created = Vec::new();
    let mut entries_updated = Vec::new();
    let source = file
        .file_name
        .clone()
        .unwrap_or_else(|| "the tracker".to_owned());
    for group in groups {
        let review_id = match &group.existing {
            Some(r) => r.id,
            None => {
                let review = reviews::create(
                    ctx,
                    CreateReview {
                        committee_id: group.committee_id,
                        title: group.title.clone(),
                        review_type: "other".to_owned(),
                        work_programme_year: None,
                        scrutiny_officer_id: None,
                        link_officer_ids: Vec::new(),
                        summary: None,
                        status: Some(ReviewStatus::Monitoring),
                        reference: Some(group.reference.clone()),
                    },
                )
                .await?;
                reviews_created.push(review.id);
                review.id
            }
        };
        let mut ready = group.matched.ready;
        for r in &mut ready {
            for a in &mut r.actions {
                for key in std::mem::take(&mut a.new_contacts) {
                    let id = *contacts_created.get(&key).ok_or_else(|| {
                        AppError::internal(format!("the contact {key} was not created"))
                    })?;
                    let owner = OwnerInput {
                        organisation_id: None,
                        contact_id: Some(id),
                    };
                    if !a.owners.contains(&owner) {
                        a.owners.push(owner);
                    }
                }
            }
        }
        let created =
            commit_plan(ctx, review_id, None, ready, Vec::new(), amendment_reason).await?;
        plans.push(created);
        // The executive's decision date: the plan the import made agreed then.
        if let Some(date) = group.decision_date.filter(|_| !group.had_plan) {
            let plan = plans_q::find_for_update(ctx.db(), PlanKey::Review(review_id))
                .await?
                .ok_or(AppError::NotFound)?;
            if plan.status == PlanStatus::Draft && plan.agreed_on.is_none() {
                plans::update(
                    ctx,
                    ChangePlan {
                        id: plan.id,
                        if_match: Precondition::version(plan.version),
                        title: None,
                        agreed_on: Some(Some(date.to_iso())),
                        status: Some(PlanStatus::Agreed),
                        amendment_reason: None,
                        call_in_override_reason: Some(format!(
                            "Agreed by the executive's decision of {date}, as recorded in {source}"
                        )),
                    },
                )
                .await?;
            }
        }
        if group.progress.is_empty() {
            continue;
        }
        let (created, updated) =
            record_progress(ctx, review_id, &group.progress, &source, file).await?;
        entries_created.extend(created);
        entries_updated.extend(updated);
    }
    // Every review's recommendations and actions together, besides each plan's own.
    let all = |key: &str| -> Vec<serde_json::Value> {
        plans
            .iter()
            .filter_map(|p| p[key].as_array())
            .flatten()
            .cloned()
            .collect()
    };
    Ok(serde_json::json!({
        "reviews_created": reviews_created,
        "recommendations_created": all("recommendations_created"),
        "actions_created": all("actions_created"),
        "plans": plans,
        "progress_entries_created": entries_created,
        "progress_entries_updated": entries_updated,
        "contacts_created": contacts_created.values().collect::<Vec<_>>(),
    }))
}

/// Records the rows' progress as accepted entries of closed rounds of the review, one round per
/// month a row is as of ("Tracker, March 2026"; a row without a date: the latest month the file
/// gives, else this month), so that a history of several rows per recommendation keeps each. An
/// entry already there with the same grade and text is left alone, one that differs is brought up
/// to date (a later row of the same month wins).
async fn record_progress(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
    rows: &[ReadyProgress],
    source: &str,
    file: &ImportFile,
) -> Result<(Vec<Uuid>, Vec<Uuid>), AppError> {
    let review = reviews_q::find_for_update(ctx.db(), review_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = ctx.today();
    let month_of = |d: PartialDate| PartialDate::month(d.year(), d.month_number());
    let this_month = PartialDate::month(
        chrono::Datelike::year(&today),
        chrono::Datelike::month(&today),
    )
    .map_err(AppError::internal)?;
    let latest = rows
        .iter()
        .filter_map(|r| r.written_on)
        .max_by_key(|d| d.last_day())
        .map(month_of)
        .transpose()
        .map_err(AppError::internal)?
        .unwrap_or(this_month);
    let mut months: Vec<PartialDate> = Vec::new();
    let mut row_months = Vec::with_capacity(rows.len());
    for row in rows {
        let month = match row.written_on {
            Some(d) => month_of(d).map_err(AppError::internal)?,
            None => latest,
        };
        if !months.contains(&month) {
            months.push(month);
        }
        row_months.push(month);
    }
    months.sort_by_key(|m| m.first_day());
    let mut rounds = progress_q::rounds_of_review(ctx.db(), review_id).await?;
    // The round of each month, made (closed, in date order) where the review has none yet.
    let mut round_of: HashMap<String, progress_q::Round> = HashMap::new();
    for month in &months {
        let label = format!("Tracker, {month}");
        let round = match rounds.iter().find(|r| r.label == label) {
            Some(r) => r.clone(),
            None => {
                let sequence = rounds.iter().map(|r| r.sequence).max().unwrap_or(0) + 1;
                let round = progress_q::insert_closed_round(
                    ctx.db(),
                    &progress_q::NewRound {
                        id: Uuid::now_v7(),
                        council_id: review.council_id,
                        review_id,
                        committee_id: review.committee_id,
                        sequence,
                        label: &label,
                        meeting_date: None,
                        deadline: month.last_day().min(today.max(month.first_day())),
                    },
                )
                .await?;
                audit::created(
                    &mut ctx.conn,
                    &ctx.principal,
                    "progress_round.imported",
                    "progress_round",
                    round.id,
                    &serde_json::json!({
                        "council_id": round.council_id, "review_id": review_id, "label": round.label,
                        "status": "closed", "imported_from": { "file_name": file.file_name, "sha256": file.sha256 },
                    }),
                )
                .await?;
                rounds.push(round.clone());
                round
            }
        };
        round_of.insert(label, round);
    }
    let recs = q::recommendations_of_review(ctx.db(), review_id).await?;
    let mut entries: HashMap<Uuid, Vec<progress_q::Entry>> = HashMap::new();
    for round in round_of.values() {
        entries.insert(
            round.id,
            progress_q::entries_of_round(ctx.db(), round.id).await?,
        );
    }
    let scale = scale_of(ctx.db(), review.council_id).await?;
    let now = ctx.now();
    let mut created = Vec::new();
    let mut updated = Vec::new();
    // The latest month each recommendation is graded in: only its grade there may close it.
    let mut last_month: HashMap<&str, PartialDate> = HashMap::new();
    for (row, month) in rows.iter().zip(&row_months) {
        let slot = last_month.entry(row.number.as_str()).or_insert(*month);
        if month.first_day() > slot.first_day() {
            *slot = *month;
        }
    }
    for (row, month) in rows.iter().zip(row_months) {
        let Some(rec) = recs
            .iter()
            .find(|r| r.number.eq_ignore_ascii_case(&row.number))
        else {
            continue;
        };
        let round = &round_of[&format!("Tracker, {month}")];
        let written_at = row.written_on.map(|d| {
            Utc.from_utc_datetime(
                &d.last_day()
                    .min(today)
                    .and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("noon")),
            )
        });
        let changes = EntryChanges {
            state: Some(SubmissionState::Accepted.as_str().to_owned()),
            progress: Some(row.progress.clone()),
            proposed_grade: Some(row.grade.clone()),
            officer_grade: Some(row.grade.clone()),
            accepted_grade: Some(row.grade.clone()),
            written_by: Some(Some(
                row.written_by.clone().unwrap_or_else(|| source.to_owned()),
            )),
            written_at: Some(written_at.or(Some(now))),
            accepted_by: Some(Some(ctx.principal.name.clone())),
            accepted_at: Some(Some(now)),
            ..Default::default()
        };
        let in_round = entries.entry(round.id).or_default();
        let before = in_round
            .iter()
            .position(|e| e.recommendation_id == rec.id && e.part_id.is_none());
        let imported = serde_json::json!({ "row": row.row, "file_name": file.file_name, "sha256": file.sha256 });
        match before {
            Some(at)
                if in_round[at].progress == row.progress
                    && in_round[at].accepted_grade == row.grade =>
            {
                continue
            }
            Some(at) => {
                let e = in_round[at].clone();
                let after = progress_q::update_entry(ctx.db(), e.id, &changes).await?;
                let event = audit::event(
                    &ctx.principal,
                    "progress_entry.imported",
                    "progress_entry",
                    e.id,
                    Some(
                        serde_json::json!({ "progress": e.progress, "accepted_grade": e.accepted_grade, "version": e.version }),
                    ),
                    Some(
                        serde_json::json!({ "progress": after.progress, "accepted_grade": after.accepted_grade, "written_by": after.written_by, "written_at": after.written_at, "version": after.version, "imported_from": imported }),
                    ),
                );
                audit::record(&mut ctx.conn, &event).await?;
                if !updated.contains(&e.id) && !created.contains(&e.id) {
                    updated.push(e.id);
                }
                in_round[at] = after;
            }
            None => {
                let id = Uuid::now_v7();
                progress_q::insert_entries(
                    ctx.db(),
                    &[NewEntry {
                        id,
                        council_id: review.council_id,
                        review_id,
                        round_id: round.id,
                        recommendation_id: rec.id,
                        part_id: None,
                        organisation_id: None,
                    }],
                )
                .await?;
                let after = progress_q::update_entry(ctx.db(), id, &changes).await?;
                let event = audit::event(
                    &ctx.principal,
                    "progress_entry.imported",
                    "progress_entry",
                    id,
                    None,
                    Some(
                        serde_json::json!({ "council_id": after.council_id, "review_id": review_id, "round_id": round.id, "recommendation_id": rec.id, "state": "accepted", "progress": after.progress, "accepted_grade": after.accepted_grade, "written_by": after.written_by, "written_at": after.written_at, "version": after.version, "imported_from": imported }),
                    ),
                );
                audit::record(&mut ctx.conn, &event).await?;
                created.push(id);
                in_round.push(after);
            }
        }
        let latest_for_rec = last_month.get(row.number.as_str()) == Some(&month);
        if let Some(grade) = row.grade.as_deref().filter(|_| latest_for_rec) {
            if scale.closes(grade).unwrap_or(false) {
                let label = scale
                    .level(grade)
                    .map(|l| l.label.clone())
                    .unwrap_or_default();
                close_recommendation(
                    ctx,
                    rec.id,
                    &format!("Accepted as {label} in the tracker imported from {source}."),
                )
                .await?;
                after_recommendation_closed(ctx, review_id, today).await?;
            }
        }
    }
    Ok((created, updated))
}

/// Imports a tracker through a profile. A dry run reports, row by row, what a commit would create,
/// guess, split, propose or refuse, with the file's columns and the status words and committee
/// names it found; a commit creates it in one transaction (all or nothing, or skipping the
/// rejected rows when asked). The same file committed again changes nothing, and neither does
/// another file with the same content.
pub async fn import_tracker(
    ctx: &mut Ctx<'_>,
    cmd: ImportTracker,
) -> Result<ImportAnswer, AppError> {
    let council_id = access::writing_council(&ctx.principal)?;
    let ImportTracker {
        profile_id,
        dry_run,
        skip_invalid,
        amendment_reason,
        file,
        records,
        read_report,
        create_contacts,
    } = cmd;
    ctx.tx(async |ctx| {
        // Another council's profile, or none: 404, as for any record not visible.
        let profile = import_profiles::get(ctx, profile_id).await?;
        if profile.import_kind() != ImportKind::Tracker {
            return Err(AppError::invalid(
                "profile_id",
                "is an action plan's profile: choose a tracker profile",
            ));
        }
        let columns = describe(&records, ImportKind::Tracker)
            .ok()
            .map(ImportColumns::from);
        let mut parsed = parse_tracker(records, read_report, &profile.mapping())
            .map_err(|e| AppError::invalid("file", e.to_string()))?;
        if !dry_run {
            if let Some(done) =
                q::find_committed_tracker(ctx.db(), council_id, &file.sha256).await?
            {
                let mut answer = outcome(done, true, dry_run, &parsed.value, &parsed.report)?;
                if let ImportAnswer::Done { outcome, .. } = &mut answer {
                    outcome.columns = columns;
                }
                return Ok(answer);
            }
        }
        let mut words = Found::default();
        let (groups, proposals) = match_tracker(
            ctx,
            council_id,
            &profile,
            &mut parsed,
            &create_contacts,
            amendment_reason.is_some(),
            &mut words,
        )
        .await?;
        let proposed: Vec<ProposedContact> = proposals.iter().map(|(_, p)| p.clone()).collect();
        parsed.report.sort_by_row();
        if !dry_run && parsed.report.has_rejections() && !skip_invalid {
            return Ok(ImportAnswer::Rejected(parsed.report.clone()));
        }
        let target = Target {
            council_id,
            review_id: None,
            round_id: None,
            kind: KIND_TRACKER,
            profile_id: Some(profile.id),
        };
        let reason = amendment_reason.as_deref();
        let (row, already) = record(
            ctx,
            target,
            &file,
            dry_run,
            skip_invalid,
            &parsed.report,
            async |ctx| commit_tracker(ctx, &file, groups, proposals, reason).await,
        )
        .await?;
        let mut answer = outcome(row, already, dry_run, &parsed.value, &parsed.report)?;
        if let ImportAnswer::Done { outcome, .. } = &mut answer {
            outcome.proposed_contacts = proposed;
            outcome.columns = columns;
            outcome.statuses = words.statuses;
            outcome.committees = words.committees;
        }
        Ok(answer)
    })
    .await
}
