//! The scheduler job: for every open progress round, the reminder or chaser due today to the
//! contributors of each organisation that still owes entries, and each council's weekly digest
//! to its officers. Everything it queues is keyed by the notice's own day, so running it again
//! (every few minutes, at every start, on several servers) queues nothing twice.
use crate::clock::{self, Clock};
use crate::compose::{
    self, Composed, Digest, DigestMilestone, DigestResponse, DigestRound, DigestSubmission,
    OwedItem, RoundInfo,
};
use crate::plan::{self, Notice};
use crate::{system_event, JobError};
use chrono::NaiveDate;
use scrutiny_db::queries::email::{
    self as outbox, DueMilestone, MilestoneNotice, NewEmail, NoticeSettings, OpenRound, OwedEntry,
    OwedSummary, Recipient, RoundNotice,
};
use scrutiny_db::queries::statutory_responses::{self, AwaitedResponse};
use scrutiny_db::queries::{audit, jobs};
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use scrutiny_domain::progress::{due_within, is_overdue, SubmissionState};
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;
use uuid::Uuid;

pub const KIND: &str = "progress.schedule";

/// How far ahead the digest looks for rounds due soon.
pub const DUE_SOON_DAYS: u32 = 45;

/// Done jobs are kept this long, then deleted (failed ones stay).
const KEEP_DONE: Duration = Duration::from_secs(14 * 24 * 3600);

/// What the scheduler needs besides the database.
pub struct Context<'a> {
    pub clock: &'a dyn Clock,
    /// The web app's address, without a trailing slash.
    pub public_url: &'a str,
    pub max_attempts: i32,
}

/// The most rounds (or milestones) with a notice due whose work is read at once.
const OWED_ROUNDS_AT_ONCE: usize = 500;

/// Runs the scheduler once; returns how many emails it queued. Its queries do not grow with the
/// number of open rounds: what is owed is read, a chunk of rounds at a time, for the rounds with a
/// notice due today and only for the organisations not yet sent it (a contributor who joins after
/// their organisation was reminded is not reminded again), and counted for the digests in one
/// query.
pub async fn run(conn: &mut AsyncPgConnection, ctx: &Context<'_>) -> Result<usize, JobError> {
    let rounds = outbox::open_rounds(conn).await?;
    let noticed: Vec<(&OpenRound, Notice, RoundNotice<'_>)> = rounds
        .iter()
        .filter_map(|round| {
            let notice = notice_due(&round.notices, round.deadline, ctx.clock)?;
            let due = RoundNotice {
                round_id: round.id,
                purpose: notice.purpose(),
                day: notice.day(),
            };
            Some((round, notice, due))
        })
        .collect();
    // Those with someone still to tell, from the kept counts: a reminder is "due" on every run
    // from its day to the deadline, a chaser on every run of its week, and there is nothing more
    // to do once it is queued.
    let all: Vec<RoundNotice<'_>> = noticed.iter().map(|(_, _, due)| *due).collect();
    let to_tell: std::collections::HashSet<Uuid> = outbox::rounds_to_notify(conn, &all)
        .await?
        .into_iter()
        .collect();
    let noticed: Vec<_> = noticed
        .into_iter()
        .filter(|(round, _, _)| to_tell.contains(&round.id))
        .collect();
    let mut queued = 0;
    for chunk in noticed.chunks(OWED_ROUNDS_AT_ONCE) {
        // What the organisations not yet sent the notice owe.
        let due: Vec<RoundNotice<'_>> = chunk.iter().map(|(_, _, due)| *due).collect();
        let owed = grouped(outbox::owed_entries(conn, &due).await?, |e| e.round_id);
        // The contributors of every organisation owing anything in the chunk, at once.
        let owing = owed.values().flatten().map(|e| e.organisation_id);
        let contributors = users_of(conn, owing, "contributor").await?;
        for (round, notice, _) in chunk {
            let Some(owed) = owed.get(&round.id) else {
                continue;
            };
            queued += queue_notice(conn, ctx, round, notice, owed, &contributors).await?;
        }
    }
    let today = ctx.clock.today(chrono_tz::Europe::London);
    let from = today - chrono::Days::new(MILESTONE_LOOKBACK_DAYS + 1);
    let to = today + chrono::Days::new(MILESTONE_LOOKAHEAD_DAYS + 1);
    let milestones = outbox::due_milestones(conn, from, to).await?;
    let responses = statutory_responses::awaited_between(conn, from, to).await?;
    let due = Due {
        milestones: &milestones,
        responses: &responses,
    };
    queued += queue_digests(conn, ctx, &rounds, &due).await?;
    queued += queue_milestone_notices(conn, ctx, &milestones).await?;
    queued += queue_response_notices(conn, ctx, &responses).await?;
    jobs::prune_done(conn, KEEP_DONE).await?;
    // Sign-ins through identity providers that were never finished or collected.
    scrutiny_db::queries::identity_providers::purge_expired(conn, chrono::Utc::now()).await?;
    Ok(queued)
}

/// The notice due today, in the council's time zone, for something due on `deadline`.
fn notice_due(
    settings: &NoticeSettings,
    deadline: NaiveDate,
    clock: &dyn clock::Clock,
) -> Option<Notice> {
    plan::due_notice(
        deadline,
        settings.reminder_days_before.max(0) as u32,
        settings.chaser_interval_days.max(1) as u32,
        clock.today(clock::time_zone(&settings.time_zone)),
    )
}

fn reference(entry_number: &str, part: Option<&str>) -> String {
    match part {
        Some(label) => format!("{entry_number}{label}"),
        None => entry_number.to_owned(),
    }
}

fn review_link(public_url: &str, review_id: Uuid) -> String {
    format!("{public_url}/reviews/{review_id}")
}

/// Where a batch of notices is filed in the outbox (with the recipient, its once-only key).
struct Filing {
    purpose: &'static str,
    council_id: Uuid,
    round_id: Option<Uuid>,
    milestone_id: Option<Uuid>,
    response_id: Option<Uuid>,
    day: NaiveDate,
    max_attempts: i32,
}

/// Queues each (recipient, their organisation, message) under `filing`, in one transaction;
/// returns how many were new.
async fn queue_batch(
    conn: &mut AsyncPgConnection,
    filing: &Filing,
    messages: &[(Recipient, Uuid, Composed)],
) -> Result<usize, JobError> {
    if messages.is_empty() {
        return Ok(0);
    }
    conn.transaction::<_, JobError, _>(async |c| {
        let mut queued = 0;
        for (person, org, composed) in messages {
            let new = NewEmail {
                id: Uuid::now_v7(),
                purpose: filing.purpose,
                council_id: filing.council_id,
                round_id: filing.round_id,
                organisation_id: Some(*org),
                recipient: &person.email,
                recipient_name: Some(&person.name),
                recipient_user_id: Some(person.user_id),
                day: filing.day,
                subject: &composed.subject,
                text_body: &composed.text,
                html_body: &composed.html,
                max_attempts: filing.max_attempts,
                milestone_id: filing.milestone_id,
                response_id: filing.response_id,
                subscription_id: None,
            };
            if queue(c, &new).await? {
                queued += 1;
            }
        }
        Ok(queued)
    })
    .await
}

/// Queues one email and its audit event; returns whether it was new.
async fn queue(conn: &mut AsyncPgConnection, new: &NewEmail<'_>) -> Result<bool, JobError> {
    let Some(row) = outbox::enqueue(conn, new).await? else {
        return Ok(false);
    };
    let event = system_event(
        "email.queued",
        "email",
        row.id,
        json!({
            "purpose": row.purpose,
            "to": row.recipient,
            "subject": row.subject,
            "council_id": row.council_id,
            "round_id": row.round_id,
            "organisation_id": row.organisation_id,
            "day": row.day,
        }),
    );
    audit::record(conn, &event).await?;
    Ok(true)
}

/// The reminder or chaser of one round to the contributors of every organisation that still
/// owes entries in it, in one transaction.
async fn queue_notice(
    conn: &mut AsyncPgConnection,
    ctx: &Context<'_>,
    round: &OpenRound,
    notice: &Notice,
    owed: &[OwedEntry],
    contributors: &HashMap<Uuid, Vec<Recipient>>,
) -> Result<usize, JobError> {
    if owed.is_empty() {
        return Ok(0);
    }
    // Organisation → (name, what it owes), in the order of the entries.
    let mut by_org: BTreeMap<Uuid, (String, Vec<OwedItem>)> = BTreeMap::new();
    for entry in owed {
        by_org
            .entry(entry.organisation_id)
            .or_insert_with(|| (entry.organisation_name.clone(), Vec::new()))
            .1
            .push(OwedItem {
                reference: reference(&entry.recommendation_number, entry.part_label.as_deref()),
                text: entry
                    .part_text
                    .clone()
                    .unwrap_or_else(|| entry.recommendation_text.clone()),
                returned: entry.state == SubmissionState::Returned.as_str(),
            });
    }
    let info = RoundInfo {
        council_name: round.council_name.clone(),
        review_title: round.review_title.clone(),
        label: round.label.clone(),
        deadline: round.deadline,
        meeting_date: round.meeting_date,
        link: review_link(ctx.public_url, round.review_id),
    };
    let mut messages: Vec<(Recipient, Uuid, Composed)> = Vec::new();
    for (org, (name, items)) in &by_org {
        let people = contributors.get(org).cloned().unwrap_or_default();
        if people.is_empty() {
            log::warn!(
                "{} owes {} update(s) in round {} but has no active contributor to remind",
                name,
                items.len(),
                round.id
            );
        }
        for person in people {
            let composed = compose::progress_notice(&info, notice, &person.name, name, items);
            messages.push((person, *org, composed));
        }
    }
    let filing = Filing {
        purpose: notice.purpose(),
        council_id: round.council_id,
        round_id: Some(round.id),
        milestone_id: None,
        response_id: None,
        day: notice.day(),
        max_attempts: ctx.max_attempts,
    };
    let queued = queue_batch(conn, &filing, &messages).await?;
    Ok(queued)
}

/// How far back and ahead the milestone notices look: chasers for up to a year after a milestone
/// passed, reminders up to the longest reminder lead a council may set.
const MILESTONE_LOOKBACK_DAYS: u64 = 366;
const MILESTONE_LOOKAHEAD_DAYS: u64 = 120;

/// The reminder before each milestone of an open action, and the chasers after it passes, to the
/// contributors of every partner organisation that owns the action; on the same notice days and
/// with the same once-only outbox as the rounds' notices. A month-precision milestone ("September
/// 2022") falls due at the end of its month.
async fn queue_milestone_notices(
    conn: &mut AsyncPgConnection,
    ctx: &Context<'_>,
    milestones: &[DueMilestone],
) -> Result<usize, JobError> {
    let noticed: Vec<(&DueMilestone, Notice)> = milestones
        .iter()
        .filter_map(|m| notice_due(&m.notices, m.due_by, ctx.clock).map(|notice| (m, notice)))
        .collect();
    let purpose = |notice: &Notice| match notice {
        Notice::Reminder { .. } => "milestone_reminder",
        Notice::Chaser { .. } => "milestone_chaser",
    };
    let mut queued = 0;
    for chunk in noticed.chunks(OWED_ROUNDS_AT_ONCE) {
        // The owners not yet sent each milestone's notice, and their contributors, at once.
        let due: Vec<MilestoneNotice<'_>> = chunk
            .iter()
            .map(|(m, notice)| MilestoneNotice {
                milestone_id: m.milestone_id,
                action_id: m.action_id,
                purpose: purpose(notice),
                day: notice.day(),
            })
            .collect();
        let owners = grouped(outbox::milestone_owners_to_notify(conn, &due).await?, |o| {
            o.milestone_id
        });
        let owning = owners.values().flatten().map(|o| o.organisation_id);
        let contributors = users_of(conn, owning, "contributor").await?;
        for (m, notice) in chunk {
            let Some(owners) = owners.get(&m.milestone_id) else {
                continue;
            };
            let info = compose::MilestoneInfo {
                council_name: m.council_name.clone(),
                review_title: m.review_title.clone(),
                recommendation: m.recommendation_number.clone(),
                action: m.proposed_actions.clone(),
                label: m.label.clone(),
                due_by: m.due_by,
                month_only: m.due_precision == "month",
                link: review_link(ctx.public_url, m.review_id),
            };
            let mut messages: Vec<(Recipient, Uuid, Composed)> = Vec::new();
            for owner in owners {
                let people = contributors
                    .get(&owner.organisation_id)
                    .cloned()
                    .unwrap_or_default();
                if people.is_empty() {
                    log::warn!(
                        "{} owns an action with a milestone due {} but has no active contributor",
                        owner.name,
                        m.due_by
                    );
                }
                for person in people {
                    let composed =
                        compose::milestone_notice(&info, notice, &person.name, &owner.name);
                    messages.push((person, owner.organisation_id, composed));
                }
            }
            let filing = Filing {
                purpose: purpose(notice),
                council_id: m.council_id,
                round_id: None,
                milestone_id: Some(m.milestone_id),
                response_id: None,
                day: notice.day(),
                max_attempts: ctx.max_attempts,
            };
            queued += queue_batch(conn, &filing, &messages).await?;
        }
    }
    Ok(queued)
}

/// The active users of `role` in each organisation given, in one query.
async fn users_of(
    conn: &mut AsyncPgConnection,
    organisations: impl Iterator<Item = Uuid>,
    role: &str,
) -> Result<HashMap<Uuid, Vec<Recipient>>, JobError> {
    let mut ids: Vec<Uuid> = organisations.collect();
    ids.sort_unstable();
    ids.dedup();
    let people = outbox::active_users_with_role_in(conn, &ids, role).await?;
    Ok(grouped(people, |p| p.organisation_id))
}

/// Rows grouped by `key`, each group in the rows' order.
fn grouped<T>(rows: Vec<T>, key: impl Fn(&T) -> Uuid) -> HashMap<Uuid, Vec<T>> {
    let mut by: HashMap<Uuid, Vec<T>> = HashMap::new();
    for row in rows {
        by.entry(key(&row)).or_default().push(row);
    }
    by
}

/// The reminder before each awaited statutory response falls due and the chasers after, to the
/// responder: the contributors of a partner, the council's officers for the executive's; on the
/// same notice days and with the same once-only outbox as the rounds' notices.
async fn queue_response_notices(
    conn: &mut AsyncPgConnection,
    ctx: &Context<'_>,
    responses: &[AwaitedResponse],
) -> Result<usize, JobError> {
    let mut queued = 0;
    for r in responses {
        let Some(notice) = notice_due(&r.notices, r.due_on, ctx.clock) else {
            continue;
        };
        let executive = r.responder_kind == "executive";
        let info = compose::ResponseInfo {
            council_name: r.council_name.clone(),
            review_title: r.review_title.clone(),
            responder_name: r.responder_name.clone(),
            executive,
            report_received_on: r.report_received_on,
            due_on: r.due_on,
            link: format!("{}/statutory-responses/{}", ctx.public_url, r.id),
        };
        let role = if executive { "officer" } else { "contributor" };
        let people = outbox::active_users_with_role(conn, r.organisation_id, role).await?;
        if people.is_empty() {
            log::warn!(
                "{} owes a statutory response due {} but has no active {role} to remind",
                r.responder_name,
                r.due_on
            );
        }
        let messages: Vec<(Recipient, Uuid, Composed)> = people
            .into_iter()
            .map(|person| {
                let composed = compose::response_notice(&info, &notice, &person.name);
                (person, r.organisation_id, composed)
            })
            .collect();
        let purpose = match notice {
            Notice::Reminder { .. } => "response_reminder",
            Notice::Chaser { .. } => "response_chaser",
        };
        let filing = Filing {
            purpose,
            council_id: r.council_id,
            round_id: None,
            milestone_id: None,
            response_id: Some(r.id),
            day: notice.day(),
            max_attempts: ctx.max_attempts,
        };
        queued += queue_batch(conn, &filing, &messages).await?;
    }
    Ok(queued)
}

fn digest_round(round: &OpenRound, owed: Option<&OwedSummary>) -> DigestRound {
    DigestRound {
        review_title: round.review_title.clone(),
        label: round.label.clone(),
        deadline: round.deadline,
        owed: owed.map_or(0, |o| o.owed.max(0) as usize),
        organisations: owed.map(|o| o.organisations.clone()).unwrap_or_default(),
    }
}

/// Whether any entry of the round is overdue on `today`: its deadline has passed and something is
/// still owed (a draft or returned entry: see `is_overdue`).
fn overdue(round: &OpenRound, owed: Option<&OwedSummary>, today: NaiveDate) -> bool {
    owed.is_some_and(|o| o.owed > 0)
        && is_overdue(round.deadline, Some(SubmissionState::Draft), today)
}

/// The milestones passed by `today` that a council's digest lists (the first of them).
fn passed_milestones<'a>(work: &CouncilWork<'a>, today: NaiveDate) -> Vec<&'a DueMilestone> {
    work.milestones
        .iter()
        .filter(|m| m.due_by < today)
        .take(DIGEST_MILESTONES_MAX)
        .copied()
        .collect()
}

/// What one council's digest is made from.
struct CouncilWork<'a> {
    name: &'a str,
    notices: &'a NoticeSettings,
    rounds: Vec<&'a OpenRound>,
    milestones: Vec<&'a DueMilestone>,
    responses: Vec<&'a AwaitedResponse>,
}

/// The milestones and statutory responses due within the window the scheduler looks at.
struct Due<'a> {
    milestones: &'a [DueMilestone],
    responses: &'a [AwaitedResponse],
}

/// The most overdue responses a digest lists.
const DIGEST_RESPONSES_MAX: usize = 50;

/// The most milestones passed a digest lists (the rest are counted).
const DIGEST_MILESTONES_MAX: usize = 50;

/// Each council's weekly digest to its officers, when there is anything to say.
async fn queue_digests(
    conn: &mut AsyncPgConnection,
    ctx: &Context<'_>,
    rounds: &[OpenRound],
    due: &Due<'_>,
) -> Result<usize, JobError> {
    let mut councils: BTreeMap<Uuid, CouncilWork<'_>> = BTreeMap::new();
    for round in rounds {
        councils
            .entry(round.council_id)
            .or_insert_with(|| CouncilWork {
                name: &round.council_name,
                notices: &round.notices,
                rounds: Vec::new(),
                milestones: Vec::new(),
                responses: Vec::new(),
            })
            .rounds
            .push(round);
    }
    for m in due.milestones {
        councils
            .entry(m.council_id)
            .or_insert_with(|| CouncilWork {
                name: &m.council_name,
                notices: &m.notices,
                rounds: Vec::new(),
                milestones: Vec::new(),
                responses: Vec::new(),
            })
            .milestones
            .push(m);
    }
    for r in due.responses {
        councils
            .entry(r.council_id)
            .or_insert_with(|| CouncilWork {
                name: &r.council_name,
                notices: &r.notices,
                rounds: Vec::new(),
                milestones: Vec::new(),
                responses: Vec::new(),
            })
            .responses
            .push(r);
    }
    // A council's digest is queued once a week: those already queued this week are done.
    let week_of = |work: &CouncilWork<'_>| {
        plan::week_of(ctx.clock.today(clock::time_zone(&work.notices.time_zone)))
    };
    let mut weeks: Vec<NaiveDate> = councils.values().map(week_of).collect();
    weeks.sort_unstable();
    weeks.dedup();
    let digested: std::collections::HashSet<(Uuid, NaiveDate)> =
        outbox::councils_digested(conn, &weeks)
            .await?
            .into_iter()
            .collect();
    councils.retain(|council_id, work| !digested.contains(&(*council_id, week_of(work))));
    // And only councils with an officer to read it.
    let mut officers_of = users_of(conn, councils.keys().copied(), "officer").await?;
    councils.retain(|council_id, _| officers_of.contains_key(council_id));
    if councils.is_empty() {
        return Ok(0);
    }
    // The owners of the milestones passed that each digest lists, in one query.
    let today_of =
        |work: &CouncilWork<'_>| ctx.clock.today(clock::time_zone(&work.notices.time_zone));
    let actions: Vec<Uuid> = councils
        .values()
        .flat_map(|work| {
            passed_milestones(work, today_of(work))
                .into_iter()
                .map(|m| m.action_id)
        })
        .collect();
    let owners_of = grouped(outbox::action_owners_in(conn, &actions).await?, |o| {
        o.action_id
    });
    // What is owed in the rounds the digests list: those overdue or due within DUE_SOON_DAYS of
    // each council's today (a day either side of London's at most), counted in one query.
    let london = ctx.clock.today(chrono_tz::Europe::London);
    let due_by = london + chrono::Days::new(u64::from(DUE_SOON_DAYS) + 2);
    let owed_by_round: HashMap<Uuid, OwedSummary> = outbox::owed_summaries(conn, due_by)
        .await?
        .into_iter()
        .map(|s| (s.round_id, s))
        .collect();
    let mut queued = 0;
    for (council_id, work) in councils {
        let zone = clock::time_zone(&work.notices.time_zone);
        let today = ctx.clock.today(zone);
        let week = plan::week_of(today);
        let passed = passed_milestones(&work, today);
        let council_rounds = work.rounds;
        let mut milestones_passed = Vec::new();
        for m in passed {
            let owners = owners_of
                .get(&m.action_id)
                .map(|owners| owners.iter().map(|o| o.name.clone()).collect())
                .unwrap_or_default();
            milestones_passed.push(DigestMilestone {
                review_title: m.review_title.clone(),
                recommendation: m.recommendation_number.clone(),
                label: m.label.clone(),
                due_by: m.due_by,
                month_only: m.due_precision == "month",
                owners,
            });
        }
        let responses_overdue = work
            .responses
            .iter()
            .filter(|r| r.due_on < today)
            .take(DIGEST_RESPONSES_MAX)
            .map(|r| DigestResponse {
                review_title: r.review_title.clone(),
                responder_name: r.responder_name.clone(),
                due_on: r.due_on,
            })
            .collect();
        let mut overdue_rounds = Vec::new();
        let mut due_soon = Vec::new();
        for round in &council_rounds {
            let owed = owed_by_round.get(&round.id);
            if overdue(round, owed, today) {
                overdue_rounds.push(digest_round(round, owed));
            } else if due_within(round.deadline, today, DUE_SOON_DAYS) {
                due_soon.push(digest_round(round, owed));
            }
        }
        let awaiting = outbox::awaiting_assessment(conn, council_id)
            .await?
            .into_iter()
            .map(|a| DigestSubmission {
                review_title: a.review_title,
                round_label: a.round_label,
                reference: reference(&a.recommendation_number, a.part_label.as_deref()),
                organisation: a.organisation_name,
                submitted_on: a.submitted_at.map(|t| t.with_timezone(&zone).date_naive()),
            })
            .collect();
        let digest = Digest {
            council_name: work.name.to_owned(),
            week,
            awaiting,
            overdue: overdue_rounds,
            due_soon,
            milestones_passed,
            responses_overdue,
            link: format!("{}/", ctx.public_url),
        };
        if digest.is_empty() {
            continue;
        }
        let officers = officers_of.remove(&council_id).unwrap_or_default();
        let max_attempts = ctx.max_attempts;
        queued += conn
            .transaction::<_, JobError, _>(async |c| {
                let mut queued = 0;
                for officer in &officers {
                    let composed = compose::digest(&digest, &officer.name);
                    let new = NewEmail {
                        id: Uuid::now_v7(),
                        purpose: "digest",
                        council_id,
                        round_id: None,
                        organisation_id: None,
                        recipient: &officer.email,
                        recipient_name: Some(&officer.name),
                        recipient_user_id: Some(officer.user_id),
                        day: week,
                        subject: &composed.subject,
                        text_body: &composed.text,
                        html_body: &composed.html,
                        max_attempts,
                        milestone_id: None,
                        response_id: None,
                        subscription_id: None,
                    };
                    if queue(c, &new).await? {
                        queued += 1;
                    }
                }
                Ok(queued)
            })
            .await?;
    }
    Ok(queued)
}
