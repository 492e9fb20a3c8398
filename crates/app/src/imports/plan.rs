//! Importing an action plan: the recommendations, parts and actions read from the file matched to
//! the review's (recommendations by number, owners to organisations and contacts by name,
//! actions already in the plan skipped), checked with the checks of the use cases that create
//! them, and committed through those use cases ([`crate::plans::put`],
//! [`crate::recommendations::create`], [`crate::recommendations::create_part`],
//! [`crate::actions::create`]) in the import's one transaction.
use super::people::{self, ContactCandidate, CreateContacts, Points, ProposedContact};
use super::{
    first_error, loose, outcome, reasons, record, validation, ImportAnswer, ImportFile, Target,
    KIND_PLAN,
};
use crate::access;
use crate::actions::{self, AddAction, MilestoneInput, OwnerInput};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::optional_text;
use crate::plans::{self, amend_if_agreed, check_open, PutPlan};
use crate::principal::COUNCIL_STAFF;
use crate::recommendations::{self as recs, CreatePart, CreateRecommendation, NewPartText};
use scrutiny_db::queries::action_plans::{self as plans_q, PlanKey};
use scrutiny_db::queries::actions as actions_q;
use scrutiny_db::queries::council_partners as council_partners_q;
use scrutiny_db::queries::imports::{self as q, RecommendationRef};
use scrutiny_db::queries::recommendations as recs_q;
use scrutiny_db::scope::Scope;
use scrutiny_domain::records::ReviewStatus;
use scrutiny_domain::status::{ActionStatus, PlanStatus, RecommendationStatus};
use scrutiny_domain::validation::ValidationErrors;
use scrutiny_import::{
    ActionPlanImport, ImportedAction, ImportedPart, ImportedRecommendation, Parsed, Report,
};
use std::collections::HashMap;
use uuid::Uuid;

/// Imports an action plan read from a file into a review.
#[derive(Debug)]
pub struct ImportActionPlan {
    pub review_id: Uuid,
    /// Read and report, create nothing (the default at the edge).
    pub dry_run: bool,
    /// Commit what can be imported and skip the rejected rows.
    pub skip_invalid: bool,
    /// When the plan is agreed, why it is amended by this import.
    pub amendment_reason: Option<String>,
    pub file: ImportFile,
    /// What was read from the file, with its report.
    pub parsed: Parsed<ActionPlanImport>,
    /// Which of the people the council does not know yet a commit creates as contacts.
    pub create_contacts: CreateContacts,
    /// The column mapping profile the file was read with, if any.
    pub profile_id: Option<Uuid>,
}

/// An action ready to create.
pub(super) struct ReadyAction {
    pub(super) action: ImportedAction,
    pub(super) owners: Vec<OwnerInput>,
    /// People to be created as contacts by the commit, then owners of the action (loose keys
    /// of the proposals).
    pub(super) new_contacts: Vec<String>,
}

/// What matching the plan found: the recommendations ready to create, and the people proposed
/// as new contacts (by loose name).
pub(super) struct Matched {
    pub(super) ready: Vec<ReadyRecommendation>,
    pub(super) proposals: Vec<(String, ProposedContact)>,
}

/// A recommendation of the file, matched to the review's.
pub(super) struct ReadyRecommendation {
    pub(super) rec: ImportedRecommendation,
    pub(super) existing: Option<RecommendationRef>,
    /// Parts of the file the review's recommendation does not have yet.
    pub(super) new_parts: Vec<ImportedPart>,
    pub(super) actions: Vec<ReadyAction>,
}

/// The review, when the principal may import into it: 404 when not visible, 403 when not
/// theirs to write, 409 when withdrawn.
pub async fn review_for_import(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
) -> Result<recs_q::ReviewRef, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let scope = access::scope(&ctx.principal);
    let review = recs_q::find_review(ctx.db(), scope, review_id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::check_write(&ctx.principal, review.council_id)?;
    if review.status == ReviewStatus::Withdrawn {
        return Err(AppError::conflict(
            "The review is withdrawn; nothing can be imported into it.",
        ));
    }
    Ok(review)
}

/// The command of [`crate::recommendations::create`] for a recommendation of the file.
fn create_recommendation(review_id: Uuid, rec: &ImportedRecommendation) -> CreateRecommendation {
    CreateRecommendation {
        review_id,
        number: rec.number.as_str().to_owned(),
        text: rec.text.clone(),
        parts: rec
            .parts
            .iter()
            .map(|p| NewPartText {
                label: p.label.as_str().to_owned(),
                text: p.text.clone(),
            })
            .collect(),
        split_parts: false,
    }
}

fn create_part(recommendation_id: Uuid, part: &ImportedPart) -> CreatePart {
    CreatePart {
        recommendation_id,
        label: part.label.as_str().to_owned(),
        text: part.text.clone(),
    }
}

/// The command of [`crate::actions::create`] for an action of the file: milestones as the dates
/// they were read as (`2022-05`, `2022-10-14`), the Responsibility cell as written, and either
/// the named owners or "All" (the use case refuses both together; the reader keeps the named
/// owners when a cell names both).
fn add_action(
    plan_id: Uuid,
    recommendation_id: Uuid,
    part_id: Option<Uuid>,
    ready: &ReadyAction,
) -> AddAction {
    let a = &ready.action;
    AddAction {
        plan_id,
        recommendation_id,
        part_id,
        proposed_actions: a.proposed_actions.clone(),
        success_measures: a.success_measures.clone(),
        owners: ready.owners.clone(),
        responsible_all: a.responsible_all() && ready.owners.is_empty(),
        responsibility_text: Some(a.responsibility.clone()),
        milestones: a
            .milestones
            .iter()
            .map(|m| MilestoneInput {
                date: m.date.map(|d| d.to_iso()),
                label: m.label.clone(),
                completed_on: None,
            })
            .collect(),
        status_notes: a.status_notes.clone(),
        position: None,
        amendment_reason: None,
        // The import amends an agreed plan once, before its first action.
        plan_amended: true,
    }
}

/// The file's column a field of a recommendation's or an action's command comes from.
fn column_of(field: &str) -> &'static str {
    let base = field.split(['[', '.']).next().unwrap_or(field);
    match base {
        "number" => "No.",
        "label" => "Part",
        "text" | "parts" => "Recommendation",
        "proposed_actions" => "Proposed Actions",
        "success_measures" => "Success Measures",
        "owners" | "responsible_all" | "responsibility_text" => "Responsibility",
        "milestones" => "Date",
        "status_notes" => "Status notes",
        _ => "Recommendation",
    }
}

/// Rejects a recommendation and every action of it.
fn reject_recommendation(
    report: &mut Report,
    rec: &ImportedRecommendation,
    errors: &ValidationErrors,
) {
    let (field, _) = first_error(errors).unwrap_or_default();
    report.reject(
        Some(rec.row),
        Some(column_of(&field)),
        &rec.text,
        format!(
            "recommendation {} is not imported: {}",
            rec.number,
            reasons(errors)
        ),
    );
    for a in &rec.actions {
        report.reject(
            Some(a.row),
            Some("No."),
            rec.number.as_str(),
            format!(
                "the action on this row is not imported: recommendation {} is rejected (row {})",
                rec.number, rec.row
            ),
        );
    }
}

/// The names an import matches a file's owners against, loaded once per import: every
/// organisation (id, name, kind), the council's contacts (id, name, organisation) and the
/// partners that work with the council.
pub(super) struct Directory {
    pub(super) council_id: Uuid,
    pub(super) orgs: Vec<(Uuid, String, String)>,
    pub(super) contacts: Vec<(Uuid, String, Option<Uuid>)>,
    pub(super) partners: Vec<Uuid>,
}

impl Directory {
    pub(super) async fn load(ctx: &mut Ctx<'_>, council_id: Uuid) -> Result<Self, AppError> {
        Ok(Directory {
            council_id,
            orgs: q::organisation_names(ctx.db()).await?,
            contacts: q::contact_names(ctx.db(), council_id).await?,
            partners: council_partners_q::partners_of(ctx.db(), council_id).await?,
        })
    }
}

/// Matches the plan read from the file to the review: recommendations by number (a withdrawn one
/// rejects its rows), owners to organisations and contacts by name, actions already in the plan
/// skipped; and checks each new recommendation, part and action as its use case would. Adds
/// what it finds to the report.
pub(super) async fn match_plan(
    ctx: &mut Ctx<'_>,
    dir: &Directory,
    review_id: Uuid,
    plan_id: Option<Uuid>,
    parsed: &mut Parsed<ActionPlanImport>,
    create_contacts: &CreateContacts,
) -> Result<Matched, AppError> {
    let council_id = dir.council_id;
    let existing = q::recommendations_of_review(ctx.db(), review_id).await?;
    let all_orgs = &dir.orgs;
    let orgs: HashMap<String, Uuid> = all_orgs
        .iter()
        .map(|(id, name, _)| (loose(name), *id))
        .collect();
    let contact_rows = &dir.contacts;
    let mut contacts: HashMap<String, Uuid> = HashMap::new();
    for (id, name, _org) in contact_rows {
        contacts.entry(loose(name)).or_insert(*id);
    }
    // Where a person the council does not know yet most likely works: the organisation of the
    // kind their title points to that the plan names (else one that works with the council),
    // else the organisation named beside them, else the council.
    let named_in_plan: Vec<Uuid> = parsed
        .value
        .recommendations
        .iter()
        .flat_map(|r| &r.actions)
        .flat_map(|a| a.named_owners())
        .filter_map(|n| orgs.get(&loose(n)).copied())
        .collect();
    let mut of_kind: HashMap<&'static str, Option<Uuid>> = HashMap::new();
    for kind in ["police", "fire"] {
        let of_this_kind = |id: &Uuid| all_orgs.iter().any(|(o, _, k)| o == id && k == kind);
        let found = named_in_plan
            .iter()
            .copied()
            .find(|id| of_this_kind(id))
            .or_else(|| {
                all_orgs
                    .iter()
                    .map(|(id, _, _)| *id)
                    .find(|id| of_this_kind(id) && dir.partners.contains(id))
            });
        of_kind.insert(kind, found);
    }
    let org_name = |id: Uuid| {
        all_orgs
            .iter()
            .find(|(o, _, _)| *o == id)
            .map(|(_, n, _)| n.clone())
            .unwrap_or_default()
    };
    let mut proposals: Vec<(String, ProposedContact)> = Vec::new();
    let in_plan: Vec<(Uuid, Option<Uuid>, String)> = match plan_id {
        Some(id) => actions_q::for_plan(ctx.db(), id)
            .await?
            .into_iter()
            .filter(|r| r.action.status != ActionStatus::Withdrawn)
            .map(|r| {
                (
                    r.action.recommendation_id,
                    r.action.part_id,
                    r.action.proposed_actions.trim().to_owned(),
                )
            })
            .collect(),
        None => Vec::new(),
    };
    let report = &mut parsed.report;
    let mut out = Vec::new();
    for rec in &parsed.value.recommendations {
        let found = existing
            .iter()
            .find(|e| e.number.eq_ignore_ascii_case(rec.number.as_str()))
            .cloned();
        if let Some(e) = &found {
            if e.status == RecommendationStatus::Withdrawn {
                report.reject(
                    Some(rec.row),
                    Some("No."),
                    rec.number.as_str(),
                    format!(
                        "recommendation {} of the review is withdrawn: nothing is imported for it",
                        rec.number
                    ),
                );
                for a in &rec.actions {
                    report.reject(
                        Some(a.row),
                        Some("No."),
                        rec.number.as_str(),
                        format!("the action on this row is not imported: recommendation {} of the review is withdrawn", rec.number),
                    );
                }
                continue;
            }
            if loose(&e.text) != loose(&rec.text) {
                report.guess(
                    Some(rec.row),
                    Some("Recommendation"),
                    &rec.text,
                    format!("the review already has recommendation {}: its text is kept, and the file's is not used", rec.number),
                );
            }
        }
        let new_parts: Vec<ImportedPart> = rec
            .parts
            .iter()
            .filter(|p| {
                found
                    .as_ref()
                    .is_none_or(|e| !e.parts.iter().any(|(_, l)| l == p.label.as_str()))
            })
            .cloned()
            .collect();
        // What the recommendation's use cases would refuse.
        let checked = match &found {
            None => recs::check_create(&create_recommendation(review_id, rec)).map(|_| ()),
            Some(e) => new_parts
                .iter()
                .try_for_each(|p| recs::check_part(&create_part(e.id, p)).map(|_| ())),
        };
        if let Err(e) = checked {
            reject_recommendation(report, rec, &validation(e)?);
            continue;
        }
        let mut actions = Vec::new();
        for action in &rec.actions {
            let mut owners: Vec<OwnerInput> = Vec::new();
            let mut unknown = Vec::new();
            let mut new_people: Vec<String> = Vec::new();
            if !action.responsible_all() {
                let mut names: Vec<String> = Vec::new();
                for name in action.named_owners() {
                    let key = loose(name);
                    if orgs.contains_key(&key) || contacts.contains_key(&key) {
                        names.push(name.to_owned());
                        continue;
                    }
                    // Several people in one cell with no separator.
                    let split = people::split_people(name, &|n| contacts.contains_key(&loose(n)));
                    if split.len() > 1 {
                        report.guess(
                            Some(action.row),
                            Some("Responsibility"),
                            name,
                            format!(
                                "read as {} people: {}",
                                split.len(),
                                split
                                    .iter()
                                    .map(|p| format!("\"{p}\""))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        );
                    }
                    names.extend(split);
                }
                let beside: Option<Uuid> = names.iter().find_map(|n| orgs.get(&loose(n)).copied());
                // Someone named with a police officer (or a fire officer) most likely works there.
                let with_officer = names
                    .iter()
                    .filter_map(|n| n.split_whitespace().next().and_then(people::title))
                    .find_map(|p| match p {
                        Points::Police => {
                            of_kind["police"].map(|o| (o, "named with a police officer"))
                        }
                        Points::Fire => of_kind["fire"].map(|o| (o, "named with a fire officer")),
                        _ => None,
                    });
                for name in &names {
                    let key = loose(name);
                    let owner = if let Some(org) = orgs.get(&key) {
                        OwnerInput {
                            organisation_id: Some(*org),
                            contact_id: None,
                        }
                    } else if let Some(contact) = contacts.get(&key) {
                        OwnerInput {
                            organisation_id: None,
                            contact_id: Some(*contact),
                        }
                    } else if people::is_person(name) {
                        // Someone the council does not know yet: proposed as a new contact.
                        let points = name.split_whitespace().next().and_then(people::title);
                        let (org, because) = match points {
                            Some(Points::Police) if of_kind["police"].is_some() => {
                                (of_kind["police"].unwrap_or(council_id), "a police rank")
                            }
                            Some(Points::Fire) if of_kind["fire"].is_some() => (
                                of_kind["fire"].unwrap_or(council_id),
                                "a fire service title",
                            ),
                            Some(Points::Council) => (council_id, "a councillor"),
                            _ => match (beside, with_officer) {
                                (Some(org), _) => (org, "the organisation named beside them"),
                                (None, Some(officer)) => officer,
                                (None, None) => {
                                    (council_id, "no title or organisation names another")
                                }
                            },
                        };
                        match proposals.iter_mut().find(|(k, _)| *k == key) {
                            Some((_, p)) => {
                                if !p.rows.contains(&action.row) {
                                    p.rows.push(action.row);
                                }
                            }
                            None => {
                                let surname = people::surname(name);
                                let candidates = contact_rows
                                    .iter()
                                    .filter(|(_, n, _)| people::surname(n) == surname)
                                    .take(5)
                                    .map(|(id, n, o)| ContactCandidate {
                                        id: *id,
                                        name: n.clone(),
                                        organisation_id: *o,
                                    })
                                    .collect();
                                proposals.push((
                                    key.clone(),
                                    ProposedContact {
                                        name: name.clone(),
                                        organisation_id: org,
                                        organisation_name: org_name(org),
                                        because: because.to_owned(),
                                        rows: vec![action.row],
                                        candidates,
                                        accepted: create_contacts.accepts(name),
                                    },
                                ));
                            }
                        }
                        if !new_people.contains(&key) {
                            new_people.push(key);
                        }
                        continue;
                    } else {
                        unknown.push(name.to_owned());
                        continue;
                    };
                    // The same owner named twice is recorded once.
                    if !owners.contains(&owner) {
                        owners.push(owner);
                    }
                }
            }
            let refused: Vec<&ProposedContact> = new_people
                .iter()
                .filter_map(|k| proposals.iter().find(|(pk, _)| pk == k).map(|(_, p)| p))
                .filter(|p| !p.accepted)
                .collect();
            if unknown.is_empty() && !refused.is_empty() {
                report.reject(
                    Some(action.row),
                    Some("Responsibility"),
                    &action.responsibility,
                    format!(
                        "the action on this row is not imported yet: {} {} not a contact of the council; {} proposed as new contacts (commit with create_contacts to create them, or correct the name)",
                        refused.iter().map(|p| format!("\"{}\" ({})", p.name, p.organisation_name)).collect::<Vec<_>>().join(", "),
                        if refused.len() == 1 { "is" } else { "are" },
                        if refused.len() == 1 { "it is" } else { "they are" },
                    ),
                );
                continue;
            }
            if unknown.is_empty() {
                for k in &new_people {
                    if let Some((_, p)) = proposals.iter().find(|(pk, _)| pk == k) {
                        report.guess(
                            Some(action.row),
                            Some("Responsibility"),
                            &p.name,
                            format!(
                                "\"{}\" is created as a new contact at {} ({})",
                                p.name, p.organisation_name, p.because
                            ),
                        );
                    }
                }
            }
            if !unknown.is_empty() {
                report.reject(
                    Some(action.row),
                    Some("Responsibility"),
                    &action.responsibility,
                    format!(
                        "the action on this row is not imported: no organisation or contact is named {}; add it (POST /organisations or /contacts) or correct the name",
                        unknown.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
                    ),
                );
                continue;
            }
            let part_id = found.as_ref().and_then(|e| {
                action.part.as_ref().and_then(|l| {
                    e.parts
                        .iter()
                        .find(|(_, pl)| pl == l.as_str())
                        .map(|(id, _)| *id)
                })
            });
            let duplicate = found.as_ref().is_some_and(|e| {
                (action.part.is_none() || part_id.is_some())
                    && in_plan.iter().any(|(r, p, text)| {
                        *r == e.id && *p == part_id && *text == action.proposed_actions.trim()
                    })
            });
            if duplicate {
                report.skip(
                    Some(action.row),
                    Some("Proposed Actions"),
                    &action.proposed_actions,
                    format!(
                        "recommendation {} already has this action in the plan: not added again",
                        rec.number
                    ),
                );
                continue;
            }
            let ready = ReadyAction {
                action: action.clone(),
                owners,
                new_contacts: new_people,
            };
            // What the action's use case would refuse (a contact to be made stands in for the
            // people the commit creates).
            let mut checked = ready.owners.clone();
            if !ready.new_contacts.is_empty() {
                checked.push(OwnerInput {
                    organisation_id: None,
                    contact_id: Some(Uuid::nil()),
                });
            }
            let probe = ReadyAction {
                action: ready.action.clone(),
                owners: checked,
                new_contacts: Vec::new(),
            };
            if let Err(errors) = actions::check(&add_action(Uuid::nil(), Uuid::nil(), None, &probe))
            {
                let (field, _) = first_error(&errors).unwrap_or_default();
                let value = match column_of(&field) {
                    "Success Measures" => action.success_measures.join("\n"),
                    "Responsibility" => action.responsibility.clone(),
                    "Status notes" => action.status_notes.clone().unwrap_or_default(),
                    "Date" => action
                        .milestones
                        .iter()
                        .map(|m| m.text())
                        .collect::<Vec<_>>()
                        .join("; "),
                    _ => action.proposed_actions.clone(),
                };
                report.reject(
                    Some(action.row),
                    Some(column_of(&field)),
                    &value,
                    format!(
                        "the action on this row is not imported: {}",
                        reasons(&errors)
                    ),
                );
                continue;
            }
            actions.push(ready);
        }
        out.push(ReadyRecommendation {
            rec: rec.clone(),
            existing: found,
            new_parts,
            actions,
        });
    }
    report.sort_by_row();
    Ok(Matched {
        ready: out,
        proposals,
    })
}

/// Creates the proposed people that were accepted and that actions need, each once through the
/// contacts' use case (and audited by it), in the organisation proposed: their ids by the
/// proposals' keys.
pub(super) async fn create_proposed(
    ctx: &mut Ctx<'_>,
    proposals: &[(String, ProposedContact)],
    needed: &std::collections::HashSet<&String>,
) -> Result<HashMap<String, Uuid>, AppError> {
    let mut created = HashMap::new();
    for (key, p) in proposals
        .iter()
        .filter(|(k, p)| p.accepted && needed.contains(k))
    {
        let contact = crate::contacts::create(
            ctx,
            crate::contacts::CreateContact {
                name: p.name.clone(),
                job_title: None,
                email: None,
                phone: None,
                organisation_id: Some(p.organisation_id),
                user_id: None,
            },
        )
        .await?;
        created.insert(key.clone(), contact.id);
    }
    Ok(created)
}

/// Creates what the file holds through the use cases the API's own endpoints call, each record
/// audited by its use case; returns the ids of what was created.
pub(super) async fn commit_plan(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
    title: Option<String>,
    ready: Vec<ReadyRecommendation>,
    proposals: Vec<(String, ProposedContact)>,
    amendment_reason: Option<&str>,
) -> Result<serde_json::Value, AppError> {
    let mut recs_created = Vec::new();
    let mut parts_created = Vec::new();
    let mut actions_created = Vec::new();
    // The people accepted as new contacts, each made once through the contacts' use case (and
    // audited by it), before the actions they own.
    let needed: std::collections::HashSet<&String> = ready
        .iter()
        .flat_map(|r| &r.actions)
        .flat_map(|a| &a.new_contacts)
        .collect();
    let contacts_created = create_proposed(ctx, &proposals, &needed).await?;
    // The plan: the review's, or a new draft.
    plans::put(
        ctx,
        PutPlan {
            review_id,
            title,
            ..Default::default()
        },
    )
    .await?;
    let plan = plans_q::find_for_update(ctx.db(), PlanKey::Review(review_id))
        .await?
        .ok_or(AppError::NotFound)?;
    check_open(&plan)?;
    // One amendment of an agreed plan for the whole import.
    let plan = if ready.iter().any(|r| !r.actions.is_empty()) {
        amend_if_agreed(ctx, plan, amendment_reason, None).await?
    } else {
        plan
    };
    for r in ready {
        let (rec_id, mut parts): (Uuid, HashMap<String, Uuid>) = match &r.existing {
            Some(e) => (
                e.id,
                e.parts.iter().map(|(id, l)| (l.clone(), *id)).collect(),
            ),
            None => {
                let view = recs::create(ctx, create_recommendation(review_id, &r.rec)).await?;
                recs_created.push(view.id);
                parts_created.extend(view.parts.iter().map(|p| p.id));
                let parts = view.parts.iter().map(|p| (p.label.clone(), p.id)).collect();
                (view.id, parts)
            }
        };
        if r.existing.is_some() {
            for part in &r.new_parts {
                let view = recs::create_part(ctx, create_part(rec_id, part)).await?;
                parts.insert(view.label.clone(), view.id);
                parts_created.push(view.id);
            }
        }
        for mut ready_action in r.actions {
            for key in &ready_action.new_contacts {
                let id = *contacts_created.get(key).ok_or_else(|| {
                    AppError::internal(format!("the contact {key} was not created"))
                })?;
                let owner = OwnerInput {
                    organisation_id: None,
                    contact_id: Some(id),
                };
                if !ready_action.owners.contains(&owner) {
                    ready_action.owners.push(owner);
                }
            }
            let part_id = match &ready_action.action.part {
                Some(label) => Some(*parts.get(label.as_str()).ok_or_else(|| {
                    AppError::invalid(
                        "file",
                        format!(
                            "part {label}) of recommendation {} is missing",
                            r.rec.number
                        ),
                    )
                })?),
                None => None,
            };
            let action =
                actions::create(ctx, add_action(plan.id, rec_id, part_id, &ready_action)).await?;
            actions_created.push(action.id);
        }
    }
    Ok(serde_json::json!({
        "plan_id": plan.id,
        "recommendations_created": recs_created,
        "parts_created": parts_created,
        "actions_created": actions_created,
        "contacts_created": contacts_created.values().collect::<Vec<_>>(),
    }))
}

/// Imports an action plan into a review. A dry run reports what a commit would do and refuse; a
/// commit creates the recommendations (matched to the review's by number; missing parts added),
/// the plan (a draft when the review has none) and its actions, in one transaction, unless a row
/// is rejected and `skip_invalid` is not set ([`ImportAnswer::Rejected`], nothing changed). The
/// same file committed again changes nothing.
pub async fn import_action_plan(
    ctx: &mut Ctx<'_>,
    cmd: ImportActionPlan,
) -> Result<ImportAnswer, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let ImportActionPlan {
        review_id,
        dry_run,
        skip_invalid,
        amendment_reason,
        file,
        mut parsed,
        create_contacts,
        profile_id,
    } = cmd;
    ctx.tx(async |ctx| {
        let review = review_for_import(ctx, review_id).await?;
        if !dry_run {
            if let Some(done) = q::find_committed(ctx.db(), review.id, KIND_PLAN, &file.sha256).await? {
                return outcome(done, true, dry_run, &parsed.value, &parsed.report);
            }
        }
        let plan = plans_q::find_visible(ctx.db(), PlanKey::Review(review.id), Scope::All).await?;
        let dir = Directory::load(ctx, review.council_id).await?;
        let Matched { ready, proposals } = match_plan(
            ctx,
            &dir,
            review.id,
            plan.as_ref().map(|p| p.id),
            &mut parsed,
            &create_contacts,
        )
        .await?;
        let proposed: Vec<ProposedContact> = proposals.iter().map(|(_, p)| p.clone()).collect();
        // What a commit would refuse whatever the rows say, told by the dry run too.
        let adds_actions = ready.iter().any(|r| !r.actions.is_empty());
        match plan.as_ref().map(|p| p.status) {
            Some(PlanStatus::SignedOff) => parsed.report.guess(
                None,
                None,
                "",
                "the review's action plan is signed off: a commit is refused",
            ),
            Some(PlanStatus::Agreed) if adds_actions && amendment_reason.is_none() => {
                parsed.report.guess(
                    None,
                    None,
                    "",
                    "the review's action plan is agreed: committing adds actions, so give amendment_reason (the plan as it stands is kept)",
                )
            }
            _ => {}
        }
        // The title of a new plan, as the plan's use case checks it.
        let mut title = parsed.value.title.clone();
        if plan.is_none() {
            let mut errors = ValidationErrors::new();
            optional_text(&mut errors, "title", title.as_deref(), plans::TITLE_MAX);
            if !errors.is_empty() {
                parsed.report.guess(
                    None,
                    Some("title"),
                    title.as_deref().unwrap_or(""),
                    format!(
                        "the plan's title {}: the plan is created without a title",
                        reasons(&errors).trim_start_matches("title ")
                    ),
                );
                title = None;
            }
        }
        parsed.report.sort_by_row();
        if !dry_run && parsed.report.has_rejections() && !skip_invalid {
            return Ok(ImportAnswer::Rejected(parsed.report.clone()));
        }
        let target = Target {
            council_id: review.council_id,
            review_id: Some(review.id),
            round_id: None,
            kind: KIND_PLAN,
            profile_id,
        };
        let reason = amendment_reason.as_deref();
        let (row, already) = record(
            ctx,
            target,
            &file,
            dry_run,
            skip_invalid,
            &parsed.report,
            async |ctx| commit_plan(ctx, review_id, title, ready, proposals, reason).await,
        )
        .await?;
        let mut answer = outcome(row, already, dry_run, &parsed.value, &parsed.report)?;
        if let ImportAnswer::Done { outcome, .. } = &mut answer {
            outcome.proposed_contacts = proposed;
        }
        Ok(answer)
    })
    .await
}
