//! The authorisation matrix: every endpoint of `configure_v1` and `configure_health`, called by
//! every kind of caller, with the exact status each must get.
//!
//! The rules the table encodes:
//! - `/health/*`, `POST /auth/token`, `POST /auth/revoke` and signing in through a council's
//!   identity provider (`/auth/providers`, `/auth/oidc/…`) are public: everyone gets the same
//!   answer, with or without a token.
//! - A council's identity providers are its admins' to manage (403 to everyone else).
//! - Everything else needs an access token: anonymous callers get 401.
//! - The council's admin may do everything in its council (another council's accounts, contacts and
//!   records are 404 to it, and only the deployment's operator adds councils: see `tenancy.rs`).
//! - Officers read organisations and contacts and write contacts; users, service accounts and
//!   the audit trail are 403 to them, as are organisation writes.
//! - Contributors read organisations, and only their own organisation's contacts: the list shows
//!   only those, and another organisation's contact is 404 (not 403: its existence is not told).
//!   Every write but their own password is 403.
//! - Viewers read organisations and contacts and write nothing (but their own password).
//! - A contributor service account (client-credentials grant) is a contributor, except that it
//!   has no password: `PUT /me/password` is 403.
//! - Scrutiny records (committees, reviews, recommendations and their parts, decisions, action
//!   plans and actions) belong to a council: its officers and admins write them, its
//!   viewers read them and are refused every write (403).
//! - Contributors read the records their organisation is responsible for: a review in which it
//!   owns an action, with that review's recommendations (those its actions answer), decisions and
//!   action plan. Another review's records are 404 to them. Every write to them is 403.
//! - Committee papers (the action plan, the decision record, the progress update) are read like
//!   the records they are made of; the exports like the lists they take their filters from (a
//!   partner's export holds what it is responsible for).
//! - Committees are public bodies: everyone signed in reads them.
//! - Working-day calendars and their holidays: everyone signed in reads them; only admins write
//!   (here a council's local calendar; the national ones are the operator's: see calendars.rs).
//! - A council's settings: everyone signed in reads them but the staff of other councils; admins
//!   and the council's own officers write them.
//! - Progress: council staff open and change rounds, read every entry and return, validate and
//!   accept them (a move for someone else is 403); they may also write and submit a partner's
//!   draft for it (updates that arrive by email), which the entry's history shows. Partners read
//!   the rounds they report in and their own entries, write their own drafts and submit them;
//!   another organisation's are 404. Viewers read rounds and accepted entries only. A round's
//!   history (every organisation's counts) is for council staff.
//!
//! Writes send a valid body, so that an allowed caller gets its success status and a refused one
//! gets 403 for its role, not 422; updates send a fresh `If-Match`, so that 412/428 do not mask the
//! role check; names and emails are unique per call, so that repeated creates do not meet 409.
//! Calls that change a record for good (a withdrawal, a closure, a status or call-in transition, a
//! successor, a first action plan, a holiday removed) act on a record made afresh for each call
//! (the `{fresh_…}` placeholders), so that each allowed caller gets its success status and not the
//! 409 the caller before it left behind.
use crate::helpers::{id_of, problem, TestApp, PASSWORD};
use crate::support::{all_pages, current_etag, json, json_of, text};
use chrono::{Days, NaiveDate};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU32, Ordering};
use uuid::Uuid;

/// The callers, in the order of the `expect` columns.
const CALLERS: [&str; 6] = [
    "anonymous",
    "admin",
    "officer",
    "contributor",
    "viewer",
    "contributor service account",
];
const ANONYMOUS: usize = 0;
const ADMIN: usize = 1;
const OFFICER: usize = 2;
const CONTRIBUTOR: usize = 3;
const VIEWER: usize = 4;
const SERVICE: usize = 5;

const OK: u16 = 200;
const CREATED: u16 = 201;
const GONE: u16 = 204; // No Content
const SEE_OTHER: u16 = 303;
const UNAUTH: u16 = 401;
const DENIED: u16 = 403;
const HIDDEN: u16 = 404;

/// The records the path placeholders name, made by the admin before the walk.
struct Ids {
    council: Uuid,
    /// The organisation of the contributor and of the contributor service account.
    partner: Uuid,
    /// `{organisation}`: an organisation read and renamed.
    organisation: Uuid,
    /// `{user}`: a user read, renamed and given a new password.
    user: Uuid,
    /// `{contact}`: a contact of the council (not visible to contributors).
    contact: Uuid,
    /// `{partner_contact}`: a contact of the contributors' own organisation.
    partner_contact: Uuid,
    /// `{service_account}`: a service account read, renamed and given a new secret.
    service_account: Uuid,
    /// The credentials sent to `POST /auth/token`.
    client_id: String,
    client_secret: String,
    /// `{committee}`: a select committee of the council.
    committee: Uuid,
    /// `{review}`: a review of the council in which the partner owns an action, so that
    /// contributors read it and its records.
    review: Uuid,
    /// `{recommendation}`: a recommendation of `{review}` that the partner's action answers;
    /// `{part}`: its part a.
    recommendation: Uuid,
    part: Uuid,
    /// `{plan}`: the action plan of `{review}` (a draft, so changes need no amendment reason).
    plan: Uuid,
    /// `{action}`: the action of `{plan}`, owned by the partner.
    action: Uuid,
    /// `{decision}`: Cabinet's decision on `{review}`, published (so it has a call-in deadline).
    decision: Uuid,
    /// `{calendar}`: a working-day calendar with a holiday.
    calendar: Uuid,
    /// `{other_review}` of the council, with `{other_recommendation}`, `{other_plan}` and
    /// `{other_action}`: the partner owns nothing in it (another organisation owns the action).
    other_review: Uuid,
    other_recommendation: Uuid,
    other_plan: Uuid,
    other_action: Uuid,
    /// `{progress_review}`: a review with an agreed action plan in which the partner owns the
    /// action answering recommendation 1 and `{organisation}` the one answering recommendation 2;
    /// `{round}`: its open progress round, with `{entry}` (the partner's draft on recommendation
    /// 1), `{other_entry}` (`{organisation}`'s draft on recommendation 2) and `{accepted_entry}`
    /// (the partner's, accepted by the committee).
    progress_review: Uuid,
    round: Uuid,
    entry: Uuid,
    other_entry: Uuid,
    accepted_entry: Uuid,
    /// `{other_progress_review}` and its open `{other_round}`: the partner reports nothing in
    /// them (`{organisation}` owns the only action).
    other_progress_review: Uuid,
    other_round: Uuid,
    /// `{attachment}`: a PDF attached to `{entry}`; `{other_attachment}`: one attached to
    /// `{other_entry}`.
    attachment: Uuid,
    other_attachment: Uuid,
    /// `{response}`: the partner's statutory response to `{review}`'s report, awaited;
    /// `{other_response}`: `{organisation}`'s to `{other_review}`'s; `{published_response}`: the
    /// executive's to `{review}`'s, published.
    response: Uuid,
    other_response: Uuid,
    published_response: Uuid,
    /// `{subscription}`: the council's webhook subscription; `{delivery}`: a delivery of it.
    subscription: Uuid,
    delivery: Uuid,
    /// `{feed_token}`: the token of the admin's calendar feed (its address's credential).
    feed_token: String,
    /// `{identity_provider}`: the council's identity provider (not reachable: an address this
    /// deployment may not reach).
    identity_provider: Uuid,
    /// `{import_profile}`: the council's tracker import profile.
    import_profile: Uuid,
}

impl Ids {
    fn fill(&self, template: &str) -> String {
        let values = [
            ("{council}", self.council),
            ("{organisation}", self.organisation),
            ("{user}", self.user),
            ("{contact}", self.contact),
            ("{partner_contact}", self.partner_contact),
            ("{service_account}", self.service_account),
            ("{committee}", self.committee),
            ("{review}", self.review),
            ("{recommendation}", self.recommendation),
            ("{part}", self.part),
            ("{plan}", self.plan),
            ("{action}", self.action),
            ("{decision}", self.decision),
            ("{calendar}", self.calendar),
            ("{other_review}", self.other_review),
            ("{other_recommendation}", self.other_recommendation),
            ("{other_plan}", self.other_plan),
            ("{other_action}", self.other_action),
            ("{progress_review}", self.progress_review),
            ("{round}", self.round),
            ("{entry}", self.entry),
            ("{other_entry}", self.other_entry),
            ("{accepted_entry}", self.accepted_entry),
            ("{other_progress_review}", self.other_progress_review),
            ("{other_round}", self.other_round),
            ("{attachment}", self.attachment),
            ("{other_attachment}", self.other_attachment),
            ("{other_response}", self.other_response),
            ("{published_response}", self.published_response),
            ("{response}", self.response),
            ("{subscription}", self.subscription),
            ("{identity_provider}", self.identity_provider),
            ("{import_profile}", self.import_profile),
            ("{delivery}", self.delivery),
            // An id that names no record.
            ("{nil}", Uuid::nil()),
        ];
        let mut out = template.to_owned();
        for (placeholder, value) in values {
            out = out.replace(placeholder, &value.to_string());
        }
        out = out.replace("{feed_token}", &self.feed_token);
        // The file formats of papers and exports (`.../action-plan.{pdf}`).
        for format in ["pdf", "docx", "html", "csv", "xlsx"] {
            out = out.replace(&format!("{{{format}}}"), format);
        }
        out
    }
}

/// A record made afresh for one call (as admin, just before it), named by its placeholder.
#[derive(Debug, Clone, Copy)]
enum Fresh {
    /// A committee of the council, not yet replaced.
    Committee,
    /// A review of the council, proposed, without an action plan.
    Review,
    /// An open recommendation of `{review}`, with parts a and b, answered by an action of the
    /// partner (so that contributors see it, and are refused its writes with 403, not 404).
    Recommendation,
    /// Part a of such a recommendation.
    Part,
    /// A decision on `{review}`, published, its call-in open.
    Decision,
    /// An open action of `{plan}`, owned by the partner.
    Action,
    /// An empty calendar.
    Calendar,
    /// A holiday of `{calendar}`: its day (yyyy-mm-dd).
    Holiday,
    /// A review of the council with an agreed action plan in which the partner owns an action,
    /// and no progress round yet (so that a round may be opened).
    AgreedReview,
    /// An open recommendation of `{progress_review}` that `{round}` does not cover yet.
    UncoveredRecommendation,
    /// The partner's draft in `{round}` that nobody has written in (so that it may be removed).
    BlankEntry,
    /// The partner's draft in `{round}`, written in full (so that it may be submitted).
    DraftEntry,
    /// Such a draft of `{organisation}`, which the partner does not report for.
    OtherDraftEntry,
    /// The partner's entry in `{round}`, submitted (so that it may be returned or validated).
    SubmittedEntry,
    /// The partner's entry in `{round}`, validated (so that the committee may accept it).
    ValidatedEntry,
    /// A PDF attached to `{entry}` (so that it may be withdrawn).
    Attachment,
    /// A PDF attached to `{other_entry}`.
    OtherAttachment,
    /// The partner's statutory response to a fresh agreed review's report, awaited.
    AwaitedResponse,
    /// Such a response with every recommendation answered (so that it may be received).
    AnsweredResponse,
    /// Such a response, received (so that it may be published).
    ReceivedResponse,
    /// A webhook subscription of the council (so that it may be removed or its secret rotated).
    Subscription,
    /// The admin's calendar feed (so that it may be revoked).
    Feed,
    /// An identity provider of the council (so that it may be removed).
    IdentityProvider,
    /// A tracker import profile of the council.
    ImportProfile,
}

impl Fresh {
    const ALL: [Fresh; 24] = [
        Fresh::Committee,
        Fresh::Review,
        Fresh::Recommendation,
        Fresh::Part,
        Fresh::Decision,
        Fresh::Action,
        Fresh::Calendar,
        Fresh::Holiday,
        Fresh::AgreedReview,
        Fresh::UncoveredRecommendation,
        Fresh::BlankEntry,
        Fresh::DraftEntry,
        Fresh::OtherDraftEntry,
        Fresh::SubmittedEntry,
        Fresh::ValidatedEntry,
        Fresh::Attachment,
        Fresh::OtherAttachment,
        Fresh::AwaitedResponse,
        Fresh::AnsweredResponse,
        Fresh::ReceivedResponse,
        Fresh::Subscription,
        Fresh::Feed,
        Fresh::IdentityProvider,
        Fresh::ImportProfile,
    ];

    fn placeholder(self) -> &'static str {
        match self {
            Fresh::Committee => "{fresh_committee}",
            Fresh::Review => "{fresh_review}",
            Fresh::Recommendation => "{fresh_recommendation}",
            Fresh::Part => "{fresh_part}",
            Fresh::Decision => "{fresh_decision}",
            Fresh::Action => "{fresh_action}",
            Fresh::Calendar => "{fresh_calendar}",
            Fresh::Holiday => "{fresh_holiday}",
            Fresh::AgreedReview => "{fresh_agreed_review}",
            Fresh::UncoveredRecommendation => "{fresh_uncovered_recommendation}",
            Fresh::BlankEntry => "{fresh_blank_entry}",
            Fresh::DraftEntry => "{fresh_draft_entry}",
            Fresh::OtherDraftEntry => "{fresh_other_draft_entry}",
            Fresh::SubmittedEntry => "{fresh_submitted_entry}",
            Fresh::ValidatedEntry => "{fresh_validated_entry}",
            Fresh::Attachment => "{fresh_attachment}",
            Fresh::OtherAttachment => "{fresh_other_attachment}",
            Fresh::AwaitedResponse => "{fresh_awaited_response}",
            Fresh::AnsweredResponse => "{fresh_answered_response}",
            Fresh::ReceivedResponse => "{fresh_received_response}",
            Fresh::Subscription => "{fresh_subscription}",
            Fresh::Feed => "{fresh_feed}",
            Fresh::IdentityProvider => "{fresh_identity_provider}",
            Fresh::ImportProfile => "{fresh_import_profile}",
        }
    }
}

/// Numbers the fresh records, so that their names, numbers and days are unique.
static FRESH_COUNT: AtomicU32 = AtomicU32::new(0);

/// A valid body for one call; `tag` is unique to the call.
type BodyFn = fn(&Ids, &str) -> Value;

struct Row {
    method: &'static str,
    path: &'static str,
    body: Option<BodyFn>,
    /// The record whose current ETag is sent as `If-Match` (read as admin just before the call).
    if_match: Option<&'static str>,
    /// The status for each of `CALLERS`.
    expect: [u16; 6],
}

/// The short, unique-per-call part of a tag ("m40c2"): a valid recommendation number.
fn short(tag: &str) -> &str {
    tag.split('-').next().unwrap()
}

fn review_body(committee: Uuid, title: &str) -> Value {
    json!({"committee_id": committee, "title": title, "review_type": "task_and_finish",
        "work_programme_year": "2021-2022"})
}

fn recommendation_body(number: &str) -> Value {
    json!({"number": number, "text": format!("Recommendation {number}:"),
        "parts": [{"label": "a", "text": "Part a"}, {"label": "b", "text": "Part b"}]})
}

fn action_body(recommendation: Uuid, part: Option<Uuid>, owner: Uuid, text: &str) -> Value {
    json!({"recommendation_id": recommendation, "part_id": part, "proposed_actions": text,
        "success_measures": ["A report to the committee"],
        "owners": [{"organisation_id": owner}],
        "milestones": [{"date": "May 2022", "label": "Development of protocol"}]})
}

fn decision_body(item_title: &str, published_on: Option<&str>) -> Value {
    json!({"body": "Cabinet", "meeting_date": "2022-01-20", "item_title": item_title,
        "published_on": published_on})
}

fn settings_body(calendar: Uuid) -> Value {
    json!({"calendar_id": calendar, "call_in_working_days": 5, "call_in_end_time": "23:59",
        "time_zone": "Europe/London", "first_update_months": 6})
}

#[rustfmt::skip]
static MATRIX: &[Row] = &[
    // method, path, body, If-Match of,
    //   [anonymous, admin, officer, contributor, viewer, contributor service account]
    Row { method: "GET", path: "/health/live", body: None, if_match: None,
        expect: [OK, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/health/ready", body: None, if_match: None,
        expect: [OK, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/auth/token",
        body: Some(|ids, _| json!({"grant_type": "client_credentials",
            "client_id": ids.client_id, "client_secret": ids.client_secret})),
        if_match: None,
        expect: [OK, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/auth/revoke",
        body: Some(|_, tag| json!({"refresh_token": format!("rt_{tag}")})),
        if_match: None,
        expect: [GONE, GONE, GONE, GONE, GONE, GONE] },
    // ---- signing in through a council's identity provider: before anyone has a token; the
    // browser is sent on (to the provider, or back to the web app with the reason) ----
    Row { method: "GET", path: "/api/v1/auth/providers", body: None, if_match: None,
        expect: [OK, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/auth/oidc/{identity_provider}/start", body: None,
        if_match: None,
        expect: [SEE_OTHER, SEE_OTHER, SEE_OTHER, SEE_OTHER, SEE_OTHER, SEE_OTHER] },
    Row { method: "GET", path: "/api/v1/auth/oidc/callback", body: None, if_match: None,
        expect: [SEE_OTHER, SEE_OTHER, SEE_OTHER, SEE_OTHER, SEE_OTHER, SEE_OTHER] },
    Row { method: "GET", path: "/api/v1/me", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/organisations", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/organisations",
        body: Some(|_, tag| json!({"name": format!("Org {tag}"), "kind": "health"})),
        if_match: None,
        expect: [UNAUTH, CREATED, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/organisations/{organisation}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "PATCH", path: "/api/v1/organisations/{organisation}",
        body: Some(|_, tag| json!({"name": format!("Org {tag}")})),
        if_match: Some("/api/v1/organisations/{organisation}"),
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/users", body: None, if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/users",
        body: Some(|ids, tag| json!({"email": format!("{tag}@matrix.example"),
            "name": format!("User {tag}"), "role": "viewer",
            "organisation_id": ids.council, "password": PASSWORD})),
        if_match: None,
        expect: [UNAUTH, CREATED, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/users/{user}", body: None, if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "PATCH", path: "/api/v1/users/{user}",
        body: Some(|_, tag| json!({"name": format!("User {tag}")})),
        if_match: Some("/api/v1/users/{user}"),
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "PUT", path: "/api/v1/users/{user}/password",
        body: Some(|_, tag| json!({"password": format!("new password {tag}")})),
        if_match: None,
        expect: [UNAUTH, GONE, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/contacts", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/contacts",
        body: Some(|ids, tag| json!({"name": format!("Contact {tag}"),
            "job_title": "Link officer", "email": format!("{tag}@contact.example"),
            "phone": "01642 526000", "organisation_id": ids.council})),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/contacts/{contact}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "GET", path: "/api/v1/contacts/{partner_contact}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "PATCH", path: "/api/v1/contacts/{contact}",
        body: Some(|_, tag| json!({"job_title": format!("Title {tag}")})),
        if_match: Some("/api/v1/contacts/{contact}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    // Contributors may not write even their own organisation's contacts.
    Row { method: "PATCH", path: "/api/v1/contacts/{partner_contact}",
        body: Some(|_, tag| json!({"job_title": format!("Title {tag}")})),
        if_match: Some("/api/v1/contacts/{partner_contact}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/service-accounts", body: None, if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/service-accounts",
        body: Some(|ids, tag| json!({"name": format!("System {tag}"), "role": "viewer",
            "organisation_id": ids.partner})),
        if_match: None,
        expect: [UNAUTH, CREATED, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/service-accounts/{service_account}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "PATCH", path: "/api/v1/service-accounts/{service_account}",
        body: Some(|_, tag| json!({"name": format!("System {tag}")})),
        if_match: Some("/api/v1/service-accounts/{service_account}"),
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/service-accounts/{service_account}/secret", body: None,
        if_match: Some("/api/v1/service-accounts/{service_account}"),
        expect: [UNAUTH, CREATED, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/audit-events", body: None, if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },

    // ---- committees: public bodies; the council's officers write them ----
    Row { method: "GET", path: "/api/v1/committees", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/committees",
        body: Some(|_, tag| json!({"name": format!("Committee {tag}"),
            "update_interval_months": 6})),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/committees/{committee}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "PATCH", path: "/api/v1/committees/{committee}",
        body: Some(|_, tag| json!({"description": format!("Description {tag}")})),
        if_match: Some("/api/v1/committees/{committee}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/committees/{fresh_committee}/successor",
        body: Some(|_, tag| json!({"name": format!("Successor {tag}"),
            "replaced_on": "2022-05-01"})),
        if_match: Some("/api/v1/committees/{fresh_committee}"),
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/committees/{committee}/history", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },

    // ---- reviews ----
    Row { method: "GET", path: "/api/v1/reviews", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/reviews",
        body: Some(|ids, tag| review_body(ids.committee, &format!("Review {tag}"))),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/reviews/{review}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    // A review the partner has no action in is not told to contributors.
    Row { method: "GET", path: "/api/v1/reviews/{other_review}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "PATCH", path: "/api/v1/reviews/{review}",
        body: Some(|_, tag| json!({"summary": format!("Summary {tag}")})),
        if_match: Some("/api/v1/reviews/{review}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/reviews/{fresh_review}/status-transitions",
        body: Some(|_, _| json!({"to": "scoping"})),
        if_match: Some("/api/v1/reviews/{fresh_review}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/reviews/{review}/history", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },

    // ---- recommendations and their parts ----
    Row { method: "GET", path: "/api/v1/recommendations", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/reviews/{review}/recommendations", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/reviews/{other_review}/recommendations", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "POST", path: "/api/v1/reviews/{review}/recommendations",
        body: Some(|_, tag| recommendation_body(short(tag))),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/recommendations/{recommendation}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/recommendations/{other_recommendation}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "PATCH", path: "/api/v1/recommendations/{recommendation}",
        body: Some(|_, tag| json!({"text": format!("Text {tag}")})),
        if_match: Some("/api/v1/recommendations/{recommendation}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/recommendations/{fresh_recommendation}/withdrawal",
        body: Some(|_, tag| json!({"reason": format!("Withdrawn {tag}")})),
        if_match: Some("/api/v1/recommendations/{fresh_recommendation}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/recommendations/{fresh_recommendation}/closure",
        body: Some(|_, tag| json!({"reason": format!("Overtaken by events {tag}")})),
        if_match: Some("/api/v1/recommendations/{fresh_recommendation}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/recommendations/{recommendation}/history", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/recommendations/{fresh_recommendation}/parts",
        body: Some(|_, tag| json!({"label": "c", "text": format!("Part {tag}")})),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/recommendation-parts/{part}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "PATCH", path: "/api/v1/recommendation-parts/{part}",
        body: Some(|_, tag| json!({"text": format!("Text {tag}")})),
        if_match: Some("/api/v1/recommendation-parts/{part}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/recommendation-parts/{fresh_part}/withdrawal",
        body: Some(|_, tag| json!({"reason": format!("Withdrawn {tag}")})),
        if_match: Some("/api/v1/recommendation-parts/{fresh_part}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/recommendation-parts/{part}/history", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },

    // ---- Cabinet decisions and call-in ----
    Row { method: "POST", path: "/api/v1/reviews/{review}/decisions",
        body: Some(|_, tag| decision_body(&format!("Decision {tag}"), None)),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/decisions", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/reviews/{review}/decisions", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/decisions/{decision}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "PATCH", path: "/api/v1/decisions/{decision}",
        body: Some(|_, tag| json!({"reasons": format!("Reasons {tag}")})),
        if_match: Some("/api/v1/decisions/{decision}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/decisions/{fresh_decision}/call-in-transitions",
        body: Some(|_, tag| json!({"to": "called_in", "note": format!("Called in {tag}")})),
        if_match: Some("/api/v1/decisions/{fresh_decision}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/decisions/{decision}/call-in-deadline/recomputation",
        body: None,
        if_match: Some("/api/v1/decisions/{decision}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/decisions/{decision}/history", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },

    // ---- action plans ----
    Row { method: "PUT", path: "/api/v1/reviews/{fresh_review}/action-plan",
        body: Some(|_, tag| json!({"title": format!("Action plan {tag}"),
            "agreed_on": "March 2022", "status": "draft"})),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/reviews/{review}/action-plan", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/action-plans/{plan}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/action-plans/{other_plan}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "PATCH", path: "/api/v1/action-plans/{plan}",
        body: Some(|_, tag| json!({"title": format!("Action plan {tag}")})),
        if_match: Some("/api/v1/action-plans/{plan}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/action-plans/{plan}/amendments", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/action-plans/{plan}/history", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },

    // ---- imports and the plan's export ----
    // A dry run (the default) of an import: council staff read the file; nobody else may import.
    Row { method: "POST", path: "/api/v1/reviews/{review}/imports/action-plan",
        body: Some(|_, tag| Value::String(format!(
            "No.\tRecommendation\tProposed Actions\tSuccess Measures\tResponsibility\tDate\n\
             1\tRecommendation {tag}.\tAn action\tMeasured\tAll\tMay 2022\n"))),
        if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    // A dry run (the default) of the seed progress update against `{round}`: nothing is written.
    Row { method: "POST",
        path: "/api/v1/progress-rounds/{round}/imports/progress-update",
        body: Some(|_, _| Value::String(
            include_str!("../fixtures/seeds/progress-update-police-communications.txt").to_owned())),
        if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/reviews/{review}/action-plan/export.{csv}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/reviews/{other_review}/action-plan/export.{xlsx}",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },

    // ---- actions ----
    Row { method: "POST", path: "/api/v1/action-plans/{plan}/actions",
        body: Some(|ids, tag| action_body(ids.recommendation, None, ids.organisation,
            &format!("Action {tag}"))),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/actions", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/actions/{action}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/actions/{other_action}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "PATCH", path: "/api/v1/actions/{action}",
        body: Some(|_, tag| json!({"status_notes": format!("Notes {tag}")})),
        if_match: Some("/api/v1/actions/{action}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/actions/{fresh_action}/withdrawal",
        body: Some(|_, tag| json!({"reason": format!("Superseded {tag}")})),
        if_match: Some("/api/v1/actions/{fresh_action}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/actions/{fresh_action}/completion",
        body: Some(|_, tag| json!({"status_notes": format!("Action complete {tag}")})),
        if_match: Some("/api/v1/actions/{fresh_action}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/actions/{action}/history", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },

    // ---- papers and exports: read as the records they are made of ----
    Row { method: "GET", path: "/api/v1/reviews/{review}/papers/action-plan.{pdf}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/reviews/{other_review}/papers/action-plan.{docx}",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "GET", path: "/api/v1/decisions/{decision}/papers/decision-record.{html}",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/recommendations/export.{csv}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/actions/export.{xlsx}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/progress-entries/export.{csv}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    // The progress update shows partners their own entries, viewers the accepted ones.
    Row { method: "GET", path: "/api/v1/progress-rounds/{round}/papers/progress-update.{pdf}",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET",
        path: "/api/v1/progress-rounds/{other_round}/papers/progress-update.{docx}",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },

    // ---- progress rounds: the council's staff open and change them; partners read those they
    // report in; viewers read them ----
    Row { method: "GET", path: "/api/v1/reviews/{progress_review}/progress-rounds", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/reviews/{other_progress_review}/progress-rounds",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "POST", path: "/api/v1/reviews/{fresh_agreed_review}/progress-rounds",
        body: Some(|_, tag| json!({"label": format!("Round {tag}"), "deadline": "2030-05-01",
            "meeting_date": "2030-05-20"})),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    // The proposal of the next round is the first step of opening one: council staff only.
    Row { method: "GET", path: "/api/v1/reviews/{progress_review}/progress-rounds/next",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/progress-rounds", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/progress-rounds/{round}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/progress-rounds/{other_round}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "PATCH", path: "/api/v1/progress-rounds/{round}",
        body: Some(|_, tag| json!({"minute_reference": format!("Minute {tag}")})),
        if_match: Some("/api/v1/progress-rounds/{round}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    // Partners see their own entries of a round; viewers its accepted ones.
    Row { method: "GET", path: "/api/v1/progress-rounds/{round}/entries", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/progress-rounds/{other_round}/entries", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "POST", path: "/api/v1/progress-rounds/{round}/entries",
        body: Some(|_, _| json!({"recommendation_id": "{fresh_uncovered_recommendation}"})),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/progress-rounds/{round}/history", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/progress-rounds/{other_round}/history", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/dashboard", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },

    // ---- progress entries: the reporting organisation writes and submits its drafts; the
    // council's officers (admins anywhere) return, validate and accept; viewers read accepted
    // entries only; another organisation's entries are not told to partners ----
    Row { method: "GET", path: "/api/v1/progress-entries", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/progress-entries/{entry}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, HIDDEN, OK] },
    Row { method: "GET", path: "/api/v1/progress-entries/{accepted_entry}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/progress-entries/{other_entry}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, HIDDEN, HIDDEN] },
    Row { method: "PATCH", path: "/api/v1/progress-entries/{fresh_draft_entry}",
        body: Some(|_, tag| json!({"progress": format!("Progress {tag}")})),
        if_match: Some("/api/v1/progress-entries/{fresh_draft_entry}"),
        expect: [UNAUTH, OK, OK, OK, DENIED, OK] },
    Row { method: "PATCH", path: "/api/v1/progress-entries/{other_entry}",
        body: Some(|_, tag| json!({"progress": format!("Progress {tag}")})),
        if_match: Some("/api/v1/progress-entries/{other_entry}"),
        expect: [UNAUTH, OK, OK, HIDDEN, DENIED, HIDDEN] },
    Row { method: "DELETE", path: "/api/v1/progress-entries/{fresh_blank_entry}", body: None,
        if_match: None,
        expect: [UNAUTH, GONE, GONE, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/progress-entries/{fresh_draft_entry}/submit",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, DENIED, OK] },
    Row { method: "POST", path: "/api/v1/progress-entries/{fresh_other_draft_entry}/submit",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, DENIED, HIDDEN] },
    Row { method: "POST", path: "/api/v1/progress-entries/{fresh_submitted_entry}/return",
        body: Some(|_, tag| json!({"comments": format!("Please add the figures {tag}")})),
        if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/progress-entries/{fresh_submitted_entry}/validate",
        body: Some(|_, _| json!({"grade": "2"})),
        if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/progress-entries/{fresh_validated_entry}/accept",
        body: Some(|_, tag| json!({"grade": "2", "meeting_date": "2030-11-24",
            "minute_reference": format!("Minute {tag}")})),
        if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/progress-entries/{entry}/history", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, HIDDEN, OK] },
    Row { method: "GET", path: "/api/v1/progress-entries/{other_entry}/history", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, HIDDEN, HIDDEN] },

    // ---- attachments: access follows the entry's; whoever may change the entry attaches
    // files and withdraws them ----
    Row { method: "POST", path: "/api/v1/progress-entries/{entry}/attachments",
        body: Some(|_, tag| upload_body(&format!("Appendix {tag}"))),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, CREATED, HIDDEN, CREATED] },
    Row { method: "POST", path: "/api/v1/progress-entries/{other_entry}/attachments",
        body: Some(|_, tag| upload_body(&format!("Appendix {tag}"))),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, HIDDEN, HIDDEN, HIDDEN] },
    Row { method: "GET", path: "/api/v1/progress-entries/{entry}/attachments", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, HIDDEN, OK] },
    Row { method: "GET", path: "/api/v1/progress-entries/{accepted_entry}/attachments",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/progress-entries/{other_entry}/attachments",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, HIDDEN, HIDDEN] },
    Row { method: "GET", path: "/api/v1/attachments/{attachment}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, HIDDEN, OK] },
    Row { method: "GET", path: "/api/v1/attachments/{other_attachment}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, HIDDEN, HIDDEN] },
    Row { method: "GET", path: "/api/v1/attachments/{attachment}/content", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, HIDDEN, OK] },
    Row { method: "GET", path: "/api/v1/attachments/{other_attachment}/content", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, HIDDEN, HIDDEN] },
    Row { method: "POST", path: "/api/v1/attachments/{fresh_attachment}/withdraw",
        body: Some(|_, tag| json!({"reason": format!("Superseded {tag}")})),
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, HIDDEN, OK] },
    Row { method: "POST", path: "/api/v1/attachments/{fresh_other_attachment}/withdraw",
        body: Some(|_, tag| json!({"reason": format!("Superseded {tag}")})),
        if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, HIDDEN, HIDDEN] },
    // What the caller's organisation owes (viewers owe nothing); what officers must assess.
    Row { method: "GET", path: "/api/v1/me/inbox", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, DENIED, OK] },
    Row { method: "GET", path: "/api/v1/me/assessments", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },

    // ---- calendars: read by everyone signed in, written by admins ----
    Row { method: "GET", path: "/api/v1/calendars", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/calendars",
        body: Some(|_, tag| json!({"name": format!("Calendar {tag}")})),
        if_match: None,
        expect: [UNAUTH, CREATED, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/calendars/{calendar}", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/calendars/{calendar}/history", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/calendars/{calendar}/holidays", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/calendars/{fresh_calendar}/holidays",
        body: Some(|_, tag| json!({"date": "2031-12-25", "title": format!("Holiday {tag}")})),
        if_match: None,
        expect: [UNAUTH, CREATED, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "DELETE", path: "/api/v1/calendars/{calendar}/holidays/{fresh_holiday}",
        body: None, if_match: None,
        expect: [UNAUTH, GONE, DENIED, DENIED, DENIED, DENIED] },

    // ---- council settings: read by all but other councils' staff; written by its officers ----
    Row { method: "GET", path: "/api/v1/councils/{council}/settings", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "PUT", path: "/api/v1/councils/{council}/settings",
        body: Some(|ids, _| settings_body(ids.calendar)),
        if_match: Some("/api/v1/councils/{council}/settings"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/councils/{council}/settings/history", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },

    // ---- statutory responses: the council's staff record who must respond and publish; the
    // responding partner answers and submits its own; viewers read the published ones ----
    Row { method: "GET", path: "/api/v1/statutory-responses", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/reviews/{review}/statutory-responses", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/reviews/{other_review}/statutory-responses", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "POST", path: "/api/v1/reviews/{fresh_agreed_review}/statutory-responses",
        body: Some(|_, tag| json!({"responder_kind": "executive",
            "responder_name": format!("Cabinet {tag}"), "report_received_on": "2022-01-20"})),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/statutory-responses/{response}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, HIDDEN, OK] },
    Row { method: "GET", path: "/api/v1/statutory-responses/{other_response}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, HIDDEN, HIDDEN] },
    Row { method: "GET", path: "/api/v1/statutory-responses/{published_response}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "PATCH", path: "/api/v1/statutory-responses/{fresh_awaited_response}",
        body: Some(|_, tag| json!({"summary": format!("Response {tag}")})),
        if_match: Some("/api/v1/statutory-responses/{fresh_awaited_response}"),
        expect: [UNAUTH, OK, OK, OK, HIDDEN, OK] },
    Row { method: "PATCH", path: "/api/v1/statutory-responses/{other_response}",
        body: Some(|_, tag| json!({"summary": format!("Response {tag}")})),
        if_match: Some("/api/v1/statutory-responses/{other_response}"),
        expect: [UNAUTH, OK, OK, HIDDEN, HIDDEN, HIDDEN] },
    Row { method: "POST", path: "/api/v1/statutory-responses/{fresh_answered_response}/receipt",
        body: None,
        if_match: Some("/api/v1/statutory-responses/{fresh_answered_response}"),
        expect: [UNAUTH, OK, OK, OK, HIDDEN, OK] },
    Row { method: "POST",
        path: "/api/v1/statutory-responses/{fresh_received_response}/publication",
        body: None,
        if_match: Some("/api/v1/statutory-responses/{fresh_received_response}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "DELETE", path: "/api/v1/statutory-responses/{fresh_awaited_response}",
        body: None,
        if_match: Some("/api/v1/statutory-responses/{fresh_awaited_response}"),
        expect: [UNAUTH, GONE, GONE, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/statutory-responses/{response}/history", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, HIDDEN, OK] },
    Row { method: "GET", path: "/api/v1/statutory-responses/{published_response}/history",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },
    Row { method: "GET", path: "/api/v1/statutory-responses/{response}/papers/response.{pdf}",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, HIDDEN, OK] },
    Row { method: "GET",
        path: "/api/v1/statutory-responses/{published_response}/papers/response.{html}",
        body: None, if_match: None,
        expect: [UNAUTH, OK, OK, HIDDEN, OK, HIDDEN] },

    // ---- the event feed: everyone signed in reads what they may see ----
    Row { method: "GET", path: "/api/v1/events", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },

    // ---- webhooks: a council's admins manage the council's subscriptions; a system (service
    // account) its own; nobody else ----
    Row { method: "GET", path: "/api/v1/webhook-subscriptions", body: None, if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, OK] },
    Row { method: "POST", path: "/api/v1/webhook-subscriptions",
        body: Some(|_, tag| json!({"url": format!("https://hooks.example.com/{tag}"),
            "owner_email": "integrations@example.com"})),
        if_match: None,
        expect: [UNAUTH, CREATED, DENIED, DENIED, DENIED, CREATED] },
    Row { method: "GET", path: "/api/v1/webhook-subscriptions/{subscription}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, HIDDEN] },
    Row { method: "PATCH", path: "/api/v1/webhook-subscriptions/{subscription}",
        body: Some(|_, tag| json!({"description": format!("Hook {tag}")})),
        if_match: Some("/api/v1/webhook-subscriptions/{subscription}"),
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, HIDDEN] },
    Row { method: "POST", path: "/api/v1/webhook-subscriptions/{fresh_subscription}/secret-rotation",
        body: None,
        if_match: Some("/api/v1/webhook-subscriptions/{fresh_subscription}"),
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, HIDDEN] },
    Row { method: "DELETE", path: "/api/v1/webhook-subscriptions/{fresh_subscription}", body: None,
        if_match: Some("/api/v1/webhook-subscriptions/{fresh_subscription}"),
        expect: [UNAUTH, GONE, DENIED, DENIED, DENIED, HIDDEN] },
    Row { method: "GET", path: "/api/v1/webhook-subscriptions/{subscription}/deliveries",
        body: None, if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, HIDDEN] },
    Row { method: "POST", path: "/api/v1/webhook-deliveries/{delivery}/redelivery", body: None,
        if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, HIDDEN] },

    // ---- identity providers: a council's admins manage their council's; nobody else ----
    Row { method: "GET", path: "/api/v1/identity-providers", body: None, if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/identity-providers",
        body: Some(|_, tag| json!({"name": format!("Staff {tag}"),
            "issuer": "https://login.council.example/realms/staff", "client_id": "tracker"})),
        if_match: None,
        expect: [UNAUTH, CREATED, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/identity-providers/{identity_provider}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "PATCH", path: "/api/v1/identity-providers/{identity_provider}",
        body: Some(|_, tag| json!({"name": format!("Staff {tag}")})),
        if_match: Some("/api/v1/identity-providers/{identity_provider}"),
        expect: [UNAUTH, OK, DENIED, DENIED, DENIED, DENIED] },
    Row { method: "DELETE", path: "/api/v1/identity-providers/{fresh_identity_provider}",
        body: None,
        if_match: Some("/api/v1/identity-providers/{fresh_identity_provider}"),
        expect: [UNAUTH, GONE, DENIED, DENIED, DENIED, DENIED] },

    // ---- import profiles and trackers: the council's staff ----
    Row { method: "GET", path: "/api/v1/import-profiles", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/import-profiles",
        body: Some(|_, tag| tracker_profile_body(tag)),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, DENIED, DENIED, DENIED] },
    Row { method: "GET", path: "/api/v1/import-profiles/{import_profile}", body: None,
        if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "PATCH", path: "/api/v1/import-profiles/{import_profile}",
        body: Some(|_, tag| json!({"name": format!("Tracker {tag}")})),
        if_match: Some("/api/v1/import-profiles/{import_profile}"),
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "DELETE", path: "/api/v1/import-profiles/{fresh_import_profile}",
        body: None,
        if_match: Some("/api/v1/import-profiles/{fresh_import_profile}"),
        expect: [UNAUTH, GONE, GONE, DENIED, DENIED, DENIED] },
    // Dry runs (the default): nothing is written.
    Row { method: "POST", path: "/api/v1/imports/tracker?profile_id={import_profile}",
        body: Some(|_, tag| Value::String(format!(
            "Ref\tRecommendation\tRAG\nM-{tag}\tThat the council reviews {tag}.\tGreen\n"))),
        if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },
    Row { method: "POST", path: "/api/v1/imports/columns",
        body: Some(|_, tag| Value::String(format!(
            "Ref\tRecommendation\tRAG\nM-{tag}\tThat the council reviews {tag}.\tGreen\n"))),
        if_match: None,
        expect: [UNAUTH, OK, OK, DENIED, DENIED, DENIED] },

    // ---- calendar feeds: people make feeds of what they may read (systems poll instead); a
    // feed's address is its credential ----
    Row { method: "GET", path: "/api/v1/calendar-feeds", body: None, if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, OK] },
    Row { method: "POST", path: "/api/v1/calendar-feeds",
        body: Some(|_, tag| json!({"kind": "user", "name": format!("Dates {tag}")})),
        if_match: None,
        expect: [UNAUTH, CREATED, CREATED, CREATED, CREATED, DENIED] },
    Row { method: "POST", path: "/api/v1/calendar-feeds/{fresh_feed}/revocation", body: None,
        if_match: None,
        expect: [UNAUTH, OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN] },
    Row { method: "GET", path: "/api/v1/calendar-feeds/{feed_token}.ics", body: None,
        if_match: None,
        expect: [OK, OK, OK, OK, OK, OK] },

    // ---- open data: what councils publish, to everyone, signed in or not ----
    Row { method: "GET", path: "/api/v1/open/councils", body: None, if_match: None,
        expect: [OK, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/open/reviews", body: None, if_match: None,
        expect: [OK, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/open/reviews/{progress_review}", body: None,
        if_match: None,
        expect: [OK, OK, OK, OK, OK, OK] },
    Row { method: "GET", path: "/api/v1/open/recommendations.csv", body: None, if_match: None,
        expect: [OK, OK, OK, OK, OK, OK] },

    // Last: changing one's own password ends one's earlier tokens (the answer carries new ones).
    Row { method: "PUT", path: "/api/v1/me/password",
        body: Some(|_, _| json!({"current_password": PASSWORD, "new_password": PASSWORD})),
        if_match: None,
        expect: [UNAUTH, OK, OK, OK, OK, DENIED] },
];

/// Creates a service account as admin; returns (id, client_id, client_secret).
async fn create_service_account(
    app: &TestApp,
    name: &str,
    role: &str,
    organisation: Uuid,
) -> (Uuid, String, String) {
    let created = app
        .post(
            "/api/v1/service-accounts",
            &app.admin,
            &json!({"name": name, "role": role, "organisation_id": organisation}),
        )
        .await;
    let body = json_of(created, StatusCode::CREATED).await;
    (
        body["account"]["id"].as_str().unwrap().parse().unwrap(),
        body["account"]["client_id"].as_str().unwrap().to_owned(),
        body["client_secret"].as_str().unwrap().to_owned(),
    )
}

/// An access token through the client-credentials grant.
async fn client_token(app: &TestApp, client_id: &str, client_secret: &str) -> String {
    let response = app
        .token_response(&json!({"grant_type": "client_credentials",
            "client_id": client_id, "client_secret": client_secret}))
        .await;
    let body = json_of(response, StatusCode::OK).await;
    body["access_token"].as_str().unwrap().to_owned()
}

async fn create_contact(app: &TestApp, name: &str, organisation: Uuid) -> Uuid {
    let response = app
        .post(
            "/api/v1/contacts",
            &app.admin,
            &json!({"name": name, "organisation_id": organisation}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    id_of(response).await
}

/// `POST`s as admin and returns the record created.
async fn create(app: &TestApp, path: &str, body: &Value) -> Value {
    json_of(app.post(path, &app.admin, body).await, StatusCode::CREATED).await
}

fn id(record: &Value) -> Uuid {
    record["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("an id in {record}"))
}

/// A review of the council; returns its id.
async fn create_review(app: &TestApp, committee: Uuid, title: &str) -> Uuid {
    id(&create(app, "/api/v1/reviews", &review_body(committee, title)).await)
}

/// A recommendation of `review` with parts a and b.
async fn create_recommendation(app: &TestApp, review: Uuid, number: &str) -> Value {
    let path = format!("/api/v1/reviews/{review}/recommendations");
    create(app, &path, &recommendation_body(number)).await
}

/// The (draft) action plan of `review`; returns its id.
async fn create_plan(app: &TestApp, review: Uuid) -> Uuid {
    let response = app
        .request(
            Method::PUT,
            &format!("/api/v1/reviews/{review}/action-plan"),
            Some(&app.admin),
        )
        .json(&json!({"title": "Action plan", "agreed_on": "March 2022"}))
        .send()
        .await
        .unwrap();
    id(&json_of(response, StatusCode::CREATED).await)
}

/// An action of `plan` answering `recommendation` (or its `part`), owned by `owner`.
async fn create_action(
    app: &TestApp,
    plan: Uuid,
    recommendation: Uuid,
    part: Option<Uuid>,
    owner: Uuid,
) -> Uuid {
    let path = format!("/api/v1/action-plans/{plan}/actions");
    let body = action_body(
        recommendation,
        part,
        owner,
        "Agree a communications protocol",
    );
    let action = create(app, &path, &body).await;
    assert_eq!(action["owners"][0]["organisation_id"], json!(owner));
    id(&action)
}

/// Sends `body` as admin (a PATCH with the current ETag of `path`) and returns the 200 answer.
async fn admin_ok(app: &TestApp, method: Method, path: &str, body: &Value) -> Value {
    let mut request = app.request(method.clone(), path, Some(&app.admin));
    if method == Method::PATCH {
        request = request.header("if-match", current_etag(app, path).await);
    }
    json_of(request.json(body).send().await.unwrap(), StatusCode::OK).await
}

/// A review of the council whose action plan (March 2022) is agreed, recommendation `i + 1`
/// answered by an action of `owners[i]`; returns the review.
async fn agreed_review(app: &TestApp, committee: Uuid, title: &str, owners: &[Uuid]) -> Uuid {
    let review = create_review(app, committee, title).await;
    let plan = create_plan(app, review).await;
    for (i, owner) in owners.iter().enumerate() {
        let number = (i + 1).to_string();
        let recommendation = id(&create_recommendation(app, review, &number).await);
        create_action(app, plan, recommendation, None, *owner).await;
    }
    let path = format!("/api/v1/action-plans/{plan}");
    let agreed = admin_ok(app, Method::PATCH, &path, &json!({"status": "agreed"})).await;
    assert_eq!(agreed["status"], "agreed");
    review
}

/// Opens a progress round of `review` (due 1 November 2030, for the meeting of the 24th); returns
/// its id.
async fn open_round(app: &TestApp, review: Uuid, label: &str) -> Uuid {
    let path = format!("/api/v1/reviews/{review}/progress-rounds");
    let body = json!({"label": label, "deadline": "2030-11-01", "meeting_date": "2030-11-24"});
    id(&create(app, &path, &body).await)
}

/// How far `progress_entry` takes an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    /// A draft nobody has written in.
    Blank,
    /// A draft with evidence of progress, a proposed grade and impact: ready to submit.
    Written,
    Submitted,
    Validated,
    Accepted,
}

/// An entry of `round` (a round of `review`) on a new recommendation, reported by
/// `organisation`, taken as far as `stage` by the admin (who acts as a council officer, and so
/// may also write and submit for the reporting organisation); returns its id.
async fn progress_entry(
    app: &TestApp,
    review: Uuid,
    round: Uuid,
    organisation: Uuid,
    stage: Stage,
) -> Uuid {
    let n = FRESH_COUNT.fetch_add(1, Ordering::Relaxed) + 1;
    let recommendation = id(&create_recommendation(app, review, &format!("P{n}")).await);
    let entry = id(&create(
        app,
        &format!("/api/v1/progress-rounds/{round}/entries"),
        &json!({"recommendation_id": recommendation, "organisation_id": organisation}),
    )
    .await);
    let path = format!("/api/v1/progress-entries/{entry}");
    let steps = [
        (
            Stage::Written,
            Method::PATCH,
            path.clone(),
            json!({"progress": "Done as agreed.", "proposed_grade": "2",
                "impact": {"kind": "none_undertaken"}}),
        ),
        (
            Stage::Submitted,
            Method::POST,
            format!("{path}/submit"),
            json!({}),
        ),
        (
            Stage::Validated,
            Method::POST,
            format!("{path}/validate"),
            json!({"grade": "2"}),
        ),
        (
            Stage::Accepted,
            Method::POST,
            format!("{path}/accept"),
            json!({"grade": "2", "meeting_date": "2030-11-24"}),
        ),
    ];
    let mut state = "draft".to_owned();
    for (reached, method, step, body) in steps {
        if stage >= reached {
            state = admin_ok(app, method, &step, &body).await["state"]
                .as_str()
                .unwrap()
                .to_owned();
        }
    }
    let made = json(app.get(&path, &app.admin).await).await;
    assert_eq!(made["state"], state.as_str());
    assert_eq!(made["organisation"]["id"], json!(organisation));
    entry
}

/// How far `statutory_response` takes a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ResponseStage {
    Awaited,
    /// Every recommendation answered.
    Answered,
    Received,
    Published,
}

/// A statutory response to `review`'s report, by `partner` (the executive when `None`), taken
/// as far as `stage` by the admin; returns its id.
async fn statutory_response(
    app: &TestApp,
    review: Uuid,
    partner: Option<Uuid>,
    stage: ResponseStage,
) -> Uuid {
    let body = match partner {
        Some(partner) => json!({"responder_kind": "partner", "organisation_id": partner,
            "report_received_on": "2022-01-20"}),
        None => json!({"responder_kind": "executive", "report_received_on": "2022-01-20"}),
    };
    let response = create(
        app,
        &format!("/api/v1/reviews/{review}/statutory-responses"),
        &body,
    )
    .await;
    let id = id(&response);
    let path = format!("/api/v1/statutory-responses/{id}");
    if stage >= ResponseStage::Answered {
        let items: Vec<Value> = response["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| json!({"recommendation_id": i["recommendation_id"], "verdict": "accepted"}))
            .collect();
        admin_ok(app, Method::PATCH, &path, &json!({"items": items})).await;
    }
    for (reached, step) in [
        (ResponseStage::Received, "receipt"),
        (ResponseStage::Published, "publication"),
    ] {
        if stage >= reached {
            let r = app
                .request(Method::POST, &format!("{path}/{step}"), Some(&app.admin))
                .header("if-match", current_etag(app, &path).await)
                .send()
                .await
                .unwrap();
            json_of(r, StatusCode::OK).await;
        }
    }
    id
}

/// A calendar feed of the admin's; returns the answer that made it.
async fn calendar_feed(app: &TestApp) -> Value {
    create(app, "/api/v1/calendar-feeds", &json!({"kind": "user"})).await
}

/// A webhook subscription of the council, made by its admin; returns its id.
async fn subscription(app: &TestApp, tag: &str) -> Uuid {
    let created = create(
        app,
        "/api/v1/webhook-subscriptions",
        &json!({"url": format!("https://hooks.example.com/{tag}")}),
    )
    .await;
    id(&created["subscription"])
}

/// An identity provider of the council, made by its admin; returns its id. Its issuer is a
/// loopback address, which the deployment may not reach: a sign-in with it says so at once.
async fn identity_provider(app: &TestApp, tag: &str) -> Uuid {
    id(&create(
        app,
        "/api/v1/identity-providers",
        &json!({"name": format!("Staff {tag}"), "issuer": "https://127.0.0.1:9",
                "client_id": "tracker"}),
    )
    .await)
}

/// A tracker import profile of the council.
async fn import_profile(app: &TestApp, tag: &str) -> Uuid {
    id(&create(app, "/api/v1/import-profiles", &tracker_profile_body(tag)).await)
}

fn tracker_profile_body(tag: &str) -> Value {
    json!({"kind": "tracker", "name": format!("Tracker {tag}"),
        "columns": [{"heading": "Ref", "field": "review_reference"},
                    {"heading": "Recommendation", "field": "recommendation"},
                    {"heading": "RAG", "field": "status"}]})
}

/// Makes a fresh record for one call; returns what its placeholder stands for.
async fn make(app: &TestApp, ids: &Ids, fresh: Fresh) -> String {
    let n = FRESH_COUNT.fetch_add(1, Ordering::Relaxed) + 1;
    let made = match fresh {
        Fresh::Committee => id(&create(
            app,
            "/api/v1/committees",
            &json!({"name": format!("Fresh Committee {n}")}),
        )
        .await),
        Fresh::Review => create_review(app, ids.committee, &format!("Fresh Review {n}")).await,
        Fresh::Recommendation | Fresh::Part => {
            let recommendation = create_recommendation(app, ids.review, &format!("F{n}")).await;
            let part = id(&recommendation["parts"][0]);
            let action_for = match fresh {
                Fresh::Part => Some(part),
                _ => None,
            };
            create_action(app, ids.plan, id(&recommendation), action_for, ids.partner).await;
            match fresh {
                Fresh::Part => part,
                _ => id(&recommendation),
            }
        }
        Fresh::Decision => {
            let path = format!("/api/v1/reviews/{}/decisions", ids.review);
            let body = decision_body(&format!("Fresh decision {n}"), Some("2022-01-24"));
            let decision = create(app, &path, &body).await;
            assert_eq!(decision["call_in"]["state"], "open");
            id(&decision)
        }
        Fresh::Action => create_action(app, ids.plan, ids.recommendation, None, ids.partner).await,
        Fresh::Calendar => id(&create(
            app,
            "/api/v1/calendars",
            &json!({"name": format!("Fresh Calendar {n}")}),
        )
        .await),
        Fresh::Holiday => {
            let day = NaiveDate::from_ymd_opt(2040, 1, 1).unwrap() + Days::new(n.into());
            let path = format!("/api/v1/calendars/{}/holidays", ids.calendar);
            let body = json!({"date": day.to_string(), "title": format!("Fresh Holiday {n}")});
            create(app, &path, &body).await;
            return day.to_string();
        }
        Fresh::AgreedReview => {
            let title = format!("Fresh Monitored Review {n}");
            agreed_review(app, ids.committee, &title, &[ids.partner]).await
        }
        Fresh::UncoveredRecommendation => {
            id(&create_recommendation(app, ids.progress_review, &format!("U{n}")).await)
        }
        Fresh::BlankEntry
        | Fresh::DraftEntry
        | Fresh::OtherDraftEntry
        | Fresh::SubmittedEntry
        | Fresh::ValidatedEntry => {
            let (organisation, stage) = match fresh {
                Fresh::BlankEntry => (ids.partner, Stage::Blank),
                Fresh::OtherDraftEntry => (ids.organisation, Stage::Written),
                Fresh::SubmittedEntry => (ids.partner, Stage::Submitted),
                Fresh::ValidatedEntry => (ids.partner, Stage::Validated),
                _ => (ids.partner, Stage::Written),
            };
            progress_entry(app, ids.progress_review, ids.round, organisation, stage).await
        }
        Fresh::Attachment => attach(app, ids.entry, &format!("Fresh Appendix {n}")).await,
        Fresh::OtherAttachment => {
            attach(app, ids.other_entry, &format!("Fresh Appendix {n}")).await
        }
        Fresh::AwaitedResponse | Fresh::AnsweredResponse | Fresh::ReceivedResponse => {
            let title = format!("Fresh Responded Review {n}");
            let review = agreed_review(app, ids.committee, &title, &[ids.partner]).await;
            let stage = match fresh {
                Fresh::AwaitedResponse => ResponseStage::Awaited,
                Fresh::AnsweredResponse => ResponseStage::Answered,
                _ => ResponseStage::Received,
            };
            statutory_response(app, review, Some(ids.partner), stage).await
        }
        Fresh::Subscription => subscription(app, &format!("fresh-{n}")).await,
        Fresh::IdentityProvider => identity_provider(app, &format!("fresh-{n}")).await,
        Fresh::ImportProfile => import_profile(app, &format!("fresh-{n}")).await,
        Fresh::Feed => id(&calendar_feed(app).await["feed"]),
    };
    made.to_string()
}

/// The records every placeholder names; `partner` is the contributors' organisation.
async fn fixtures(app: &TestApp, partner: Uuid) -> Ids {
    let organisation = app.create_organisation("Matrix Fire Service", "fire").await;
    let user = app
        .create_user("matrix-target@test.example", "viewer", app.council_id)
        .await;
    let contact = create_contact(app, "Council Contact", app.council_id).await;
    let partner_contact = create_contact(app, "Partner Contact", partner).await;
    let (service_account, _, _) =
        create_service_account(app, "Matrix Target System", "viewer", organisation).await;
    let (_, client_id, client_secret) =
        create_service_account(app, "Matrix Token System", "viewer", organisation).await;
    let committee = id(&create(
        app,
        "/api/v1/committees",
        &json!({"name": "Crime and Disorder Select Committee"}),
    )
    .await);
    // The review the partner is responsible for: it owns the action answering part a of
    // recommendation 1.
    let review = create_review(app, committee, "Police Communications in Stockton-on-Tees").await;
    let recommendation = create_recommendation(app, review, "1").await;
    let part = id(&recommendation["parts"][0]);
    let recommendation = id(&recommendation);
    let plan = create_plan(app, review).await;
    let action = create_action(app, plan, recommendation, Some(part), partner).await;
    let decision = create(
        app,
        &format!("/api/v1/reviews/{review}/decisions"),
        &decision_body(
            "Scrutiny Review of Police Communications",
            Some("2022-01-24"),
        ),
    )
    .await;
    assert!(decision["call_in"]["computed_deadline"].is_string());
    let decision = id(&decision);
    let calendar = id(&create(
        app,
        "/api/v1/calendars",
        &json!({"name": "Matrix Calendar"}),
    )
    .await);
    create(
        app,
        &format!("/api/v1/calendars/{calendar}/holidays"),
        &json!({"date": "2030-12-25", "title": "Christmas Day"}),
    )
    .await;
    // A review of the same council in which only another organisation owns an action.
    let other_review = create_review(app, committee, "Fire Safety in High-Rise Housing").await;
    let other_recommendation = id(&create_recommendation(app, other_review, "1").await);
    let other_plan = create_plan(app, other_review).await;
    let other_action =
        create_action(app, other_plan, other_recommendation, None, organisation).await;
    // The review being monitored: the partner reports on recommendation 1, `organisation` on 2.
    let progress_review = agreed_review(
        app,
        committee,
        "Youth Services in Stockton-on-Tees",
        &[partner, organisation],
    )
    .await;
    let round = open_round(app, progress_review, "November 2030").await;
    let entries = json(
        app.get(
            &format!("/api/v1/progress-rounds/{round}/entries"),
            &app.admin,
        )
        .await,
    )
    .await;
    let entries = entries.as_array().unwrap();
    assert_eq!(
        entries.len(),
        2,
        "one draft per recommendation: {entries:?}"
    );
    let entry_of = |owner: Uuid| {
        entries
            .iter()
            .find(|e| e["organisation"]["id"] == json!(owner) && e["state"] == "draft")
            .map(id)
            .unwrap_or_else(|| panic!("a draft of {owner} in {entries:?}"))
    };
    let entry = entry_of(partner);
    let other_entry = entry_of(organisation);
    let accepted_entry =
        progress_entry(app, progress_review, round, partner, Stage::Accepted).await;
    // A review being monitored in which the partner reports nothing.
    let other_progress_review = agreed_review(
        app,
        committee,
        "Road Safety around Schools",
        &[organisation],
    )
    .await;
    let other_round = open_round(app, other_progress_review, "December 2030").await;
    let attachment = attach(app, entry, "Appendix 2").await;
    let other_attachment = attach(app, other_entry, "Appendix 3").await;
    let response = statutory_response(app, review, Some(partner), ResponseStage::Awaited).await;
    let other_response = statutory_response(
        app,
        other_review,
        Some(organisation),
        ResponseStage::Awaited,
    )
    .await;
    let published_response = statutory_response(app, review, None, ResponseStage::Published).await;
    let subscription = subscription(app, "matrix").await;
    let identity_provider = identity_provider(app, "matrix").await;
    let import_profile = import_profile(app, "matrix").await;
    let feed = calendar_feed(app).await;
    let feed_token = feed["path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/api/v1/calendar-feeds/")
        .trim_end_matches(".ics")
        .to_owned();
    // A delivery of it, as the worker (off here) would queue one.
    let delivery = Uuid::now_v7();
    let mut c = scrutiny_db::pool::unbound(&app.pool).await.unwrap();
    diesel_async::RunQueryDsl::execute(
        diesel::sql_query(format!(
            "INSERT INTO webhook_deliveries (id, subscription_id, council_id, event_id, event_type, \
             payload, give_up_at) VALUES ('{delivery}', '{subscription}', '{}', '{}', \
             'decision.recorded', '{{}}', now() + interval '3 days')",
            app.council_id,
            Uuid::now_v7()
        )),
        &mut c,
    )
    .await
    .unwrap();
    drop(c);
    Ids {
        council: app.council_id,
        partner,
        organisation,
        user,
        contact,
        partner_contact,
        service_account,
        client_id,
        client_secret,
        committee,
        review,
        recommendation,
        part,
        plan,
        action,
        decision,
        calendar,
        other_review,
        other_recommendation,
        other_plan,
        other_action,
        progress_review,
        round,
        entry,
        other_entry,
        accepted_entry,
        other_progress_review,
        other_round,
        attachment,
        other_attachment,
        response,
        other_response,
        published_response,
        subscription,
        delivery,
        feed_token,
        identity_provider,
        import_profile,
    }
}

/// A body that `call` sends as a `multipart/form-data` upload of a small PDF with this title.
fn upload_body(title: &str) -> Value {
    json!({"$upload": {"file_name": "Appendix.pdf", "title": title}})
}

/// Attaches a small PDF titled `title` to `entry`, as admin; returns the attachment's id.
async fn attach(app: &TestApp, entry: Uuid, title: &str) -> Uuid {
    let response = app
        .request(
            Method::POST,
            &format!("/api/v1/progress-entries/{entry}/attachments"),
            Some(&app.admin),
        )
        .multipart(crate::attachments::form(
            "Appendix.pdf",
            &crate::attachments::pdf(),
            Some(title),
        ))
        .send()
        .await
        .unwrap();
    id(&json_of(response, StatusCode::CREATED).await)
}

/// The path of a row, the path its `If-Match` is read from and its body, with every placeholder
/// filled; each `{fresh_…}` placeholder gets a record made for this call (the same one in all).
async fn resolve(
    app: &TestApp,
    ids: &Ids,
    row: &Row,
    body: Option<Value>,
) -> (String, Option<String>, Option<Value>) {
    let mut path = ids.fill(row.path);
    let mut source = row.if_match.map(|s| ids.fill(s));
    // A body may name a fresh record too (`{"recommendation_id": "{fresh_…}"}`).
    let mut body = body.map(|b| b.to_string());
    for fresh in Fresh::ALL {
        let placeholder = fresh.placeholder();
        let named = path.contains(placeholder)
            || source.as_deref().is_some_and(|s| s.contains(placeholder))
            || body.as_deref().is_some_and(|s| s.contains(placeholder));
        if named {
            let value = make(app, ids, fresh).await;
            path = path.replace(placeholder, &value);
            source = source.map(|s| s.replace(placeholder, &value));
            body = body.map(|s| s.replace(placeholder, &value));
        }
    }
    assert!(
        !path.contains('{')
            && !source.as_deref().is_some_and(|s| s.contains('{'))
            && !body.as_deref().is_some_and(|s| s.contains("{fresh_")),
        "a placeholder without a value: {} {} (If-Match of {:?}, body {:?})",
        row.method,
        path,
        source,
        body
    );
    let body = body.map(|s| serde_json::from_str(&s).unwrap());
    (path, source, body)
}

/// Calls one cell of the matrix and returns its status.
async fn call(app: &TestApp, ids: &Ids, row: &Row, token: Option<&str>, tag: &str) -> u16 {
    let method = Method::from_bytes(row.method.as_bytes()).unwrap();
    let body = row.body.map(|body| body(ids, tag));
    let (path, source, body) = resolve(app, ids, row, body).await;
    let mut request = app.request(method, &path, token);
    if let Some(source) = source {
        request = request.header("if-match", current_etag(app, &source).await);
    }
    if let Some(body) = body {
        request = match body {
            // A file upload (an import): the text itself, as text/plain.
            Value::String(text) => request.header("content-type", "text/plain").body(text),
            // An attachment (`upload_body`): a PDF as multipart/form-data.
            Value::Object(fields) if fields.contains_key("$upload") => {
                let upload = &fields["$upload"];
                request.multipart(crate::attachments::form(
                    upload["file_name"].as_str().unwrap(),
                    &crate::attachments::pdf(),
                    upload["title"].as_str(),
                ))
            }
            value => request.json(&value),
        };
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    if status.is_client_error() {
        // Refusals are problems, like every other error.
        let body = problem(response, status).await;
        assert!(
            !body.to_string().contains("$argon2"),
            "no hash in a problem"
        );
    } else {
        text(response).await;
    }
    status.as_u16()
}

fn unexpected(row: &Row, caller: usize, got: u16) -> Option<String> {
    let want = row.expect[caller];
    (got != want).then(|| {
        format!(
            "{} {} as {}: expected {want}, got {got}",
            row.method, row.path, CALLERS[caller]
        )
    })
}

/// The actions of the audit events of one actor.
async fn actions_of(app: &TestApp, token: &str, actor: &str) -> BTreeSet<String> {
    let (events, _) = all_pages(
        app,
        &format!("/api/v1/audit-events?actor_id={actor}"),
        token,
        200,
    )
    .await;
    events
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn every_endpoint_answers_every_caller_as_the_rules_say() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let (contributor, partner) = app.user_with_role("contributor").await;
    let (viewer, _) = app.user_with_role("viewer").await;
    let (_, client_id, secret) =
        create_service_account(&app, "Partner Case System", "contributor", partner).await;
    let service = client_token(&app, &client_id, &secret).await;
    let me = json(app.get("/api/v1/me", &service).await).await;
    assert_eq!(me["kind"], "service_account");
    assert_eq!(me["role"], "contributor");
    let service_id = me["id"].as_str().unwrap().to_owned();
    let ids = fixtures(&app, partner).await;
    let tokens: [Option<&str>; 6] = [
        None,
        Some(&app.admin),
        Some(&officer),
        Some(&contributor),
        Some(&viewer),
        Some(&service),
    ];
    assert_eq!(tokens.len(), CALLERS.len());
    let id_of_me = async |token: &str| {
        json(app.get("/api/v1/me", token).await).await["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let contributor_id = id_of_me(&contributor).await;
    let viewer_id = id_of_me(&viewer).await;
    let mut failures = Vec::new();
    let mut cells = 0;
    for (r, row) in MATRIX.iter().enumerate() {
        for (caller, token) in tokens.iter().enumerate() {
            let tag = format!("m{r}c{caller}-{}", Uuid::new_v4().simple());
            let got = call(&app, &ids, row, *token, &tag).await;
            cells += 1;
            failures.extend(unexpected(row, caller, got));
        }
    }
    assert_eq!(cells, MATRIX.len() * CALLERS.len());
    assert!(
        failures.is_empty(),
        "{} of {cells} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The refused writes wrote nothing: only the admin's and the officer's creations are there.
    // (The admin's earlier token ended with its own password change, the last row.)
    let admin = app.login("admin@test.example", PASSWORD).await;
    let orgs = json(
        app.get("/api/v1/organisations?kind=health&limit=200", &admin)
            .await,
    )
    .await;
    assert_eq!(orgs["items"].as_array().unwrap().len(), 1);
    // People also make calendar feeds of what they may read.
    let signed_in_and_password = BTreeSet::from([
        "auth.signed_in".to_owned(),
        "user.password_changed".to_owned(),
        "calendar_feed.created".to_owned(),
    ]);
    // Partners write their organisation's progress entries: drafts and their submission.
    // Partners attach files to them, and withdraw them.
    // And their organisation's statutory responses: answers and their submission.
    let progress_writes = [
        "progress_entry.updated",
        "progress_entry.submitted",
        "attachment.uploaded",
        "attachment.withdrawn",
        "statutory_response.updated",
        "statutory_response.received",
    ]
    .map(String::from);
    let mut contributor_writes = signed_in_and_password.clone();
    contributor_writes.extend(progress_writes.clone());
    assert_eq!(
        actions_of(&app, &admin, &contributor_id).await,
        contributor_writes,
        "a contributor's only writes are signing in, their own password and their \
         organisation's progress entries"
    );
    assert_eq!(
        actions_of(&app, &admin, &viewer_id).await,
        signed_in_and_password,
        "a viewer's only writes are signing in and their own password"
    );
    // A system also subscribes to webhooks for itself.
    let mut service_writes = BTreeSet::from([
        "auth.client_token_issued".to_owned(),
        "webhook_subscription.created".to_owned(),
    ]);
    service_writes.extend(progress_writes);
    assert_eq!(
        actions_of(&app, &admin, &service_id).await,
        service_writes,
        "a service account's only writes are its token and its organisation's progress entries"
    );
    // No record carries the tag of a refused call; the allowed calls' records are there.
    let mut records = String::new();
    for list in [
        "/api/v1/committees",
        "/api/v1/reviews",
        "/api/v1/recommendations",
        "/api/v1/decisions",
        "/api/v1/actions",
        "/api/v1/calendars",
        "/api/v1/contacts",
        "/api/v1/organisations",
        "/api/v1/progress-rounds",
        "/api/v1/progress-entries",
    ] {
        let (items, _) = all_pages(&app, list, &admin, 200).await;
        records.push_str(&Value::from(items).to_string());
    }
    for entry in [ids.entry, ids.other_entry] {
        let list = format!("/api/v1/progress-entries/{entry}/attachments");
        let (items, _) = all_pages(&app, &list, &admin, 200).await;
        records.push_str(&Value::from(items).to_string());
    }
    for (r, row) in MATRIX.iter().enumerate() {
        for caller in [ANONYMOUS, ADMIN, OFFICER, CONTRIBUTOR, VIEWER, SERVICE] {
            let refused = !(200..300).contains(&row.expect[caller]);
            let tag = format!("m{r}c{caller}-");
            if refused {
                assert!(
                    !records.contains(&tag),
                    "{} {} as {} was refused, but left {tag}…",
                    row.method,
                    row.path,
                    CALLERS[caller]
                );
            }
        }
    }
    let created_by = |method: &str, path: &str, caller: usize| {
        let r = MATRIX
            .iter()
            .position(|row| row.method == method && row.path == path)
            .unwrap();
        records.contains(&format!("m{r}c{caller}-"))
    };
    assert!(created_by("POST", "/api/v1/committees", OFFICER));
    assert!(created_by("POST", "/api/v1/reviews", ADMIN));
    assert!(created_by("POST", "/api/v1/calendars", ADMIN));
    assert!(created_by(
        "POST",
        "/api/v1/reviews/{review}/decisions",
        OFFICER
    ));
    assert!(created_by(
        "POST",
        "/api/v1/reviews/{fresh_agreed_review}/progress-rounds",
        OFFICER
    ));
    for caller in [CONTRIBUTOR, SERVICE] {
        assert!(created_by(
            "PATCH",
            "/api/v1/progress-entries/{fresh_draft_entry}",
            caller
        ));
        assert!(created_by(
            "POST",
            "/api/v1/progress-entries/{entry}/attachments",
            caller
        ));
    }
    assert!(created_by(
        "POST",
        "/api/v1/progress-entries/{fresh_validated_entry}/accept",
        OFFICER
    ));
}

/// `/api/v1/users/{id}` and `/api/v1/users/{user}` name the same endpoint (and a query string
/// does not change it).
fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    let path = path.split('?').next().unwrap_or(path);
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

#[tokio::test]
async fn every_documented_endpoint_has_a_row_in_the_matrix() {
    let app = TestApp::spawn().await;
    let response = app
        .request(Method::GET, "/api/openapi.json", None)
        .send()
        .await
        .unwrap();
    let document = json_of(response, StatusCode::OK).await;
    let mut documented = BTreeSet::new();
    // The endpoints that take an If-Match header (required or not).
    let mut take_if_match = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().unwrap() {
            if [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ]
            .contains(&method.as_str())
            {
                let endpoint = (method.to_uppercase(), shape(path));
                let if_match = operation["parameters"].as_array().is_some_and(|ps| {
                    ps.iter().any(|p| {
                        p["in"] == "header"
                            && p["name"]
                                .as_str()
                                .is_some_and(|n| n.eq_ignore_ascii_case("if-match"))
                    })
                });
                if if_match {
                    take_if_match.insert(endpoint.clone());
                }
                documented.insert(endpoint);
            }
        }
    }
    let tabled: BTreeSet<_> = MATRIX
        .iter()
        .map(|row| (row.method.to_owned(), shape(row.path)))
        .collect();
    assert!(
        documented.len() >= 25,
        "the document lists the API: {documented:?}"
    );
    let missing: Vec<_> = documented.difference(&tabled).collect();
    assert!(
        missing.is_empty(),
        "endpoints without a row in the authorisation matrix: {missing:?}"
    );
    let stale: Vec<_> = tabled.difference(&documented).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for endpoints the API does not have: {stale:?}"
    );
    assert!(
        take_if_match.len() >= 5,
        "the document names the If-Match headers: {take_if_match:?}"
    );
    // Every row is well formed: public rows answer anonymous callers, the others refuse them.
    for row in MATRIX {
        // A calendar feed's address is its credential (calendar clients send no token).
        let public = row.path.starts_with("/health/")
            || row.path.starts_with("/api/v1/auth/")
            || row.path.ends_with("{feed_token}.ics")
            || row.path.starts_with("/api/v1/open/");
        assert_eq!(
            row.expect[ANONYMOUS] == UNAUTH,
            !public,
            "{} {}",
            row.method,
            row.path
        );
        // (Starting a sign-in sends the browser on, whoever asks.)
        assert!(
            (200..300).contains(&row.expect[ADMIN]) || row.expect[ADMIN] == SEE_OTHER,
            "admins may do everything: {} {}",
            row.method,
            row.path
        );
        assert_eq!(
            row.if_match.is_some(),
            take_if_match.contains(&(row.method.to_owned(), shape(row.path))),
            "a row sends If-Match exactly when its endpoint takes one: {} {}",
            row.method,
            row.path
        );
    }
    // Changing one's own password ends one's tokens: it stays the last row.
    let last = MATRIX.last().unwrap();
    assert_eq!((last.method, last.path), ("PUT", "/api/v1/me/password"));
}

/// Endpoints only admins may call: the rows that refuse every other signed-in caller.
fn admin_only() -> Vec<&'static Row> {
    MATRIX
        .iter()
        .filter(|row| {
            (200..300).contains(&row.expect[ADMIN])
                && row.expect[ADMIN + 1..].iter().all(|&s| s == DENIED)
        })
        .collect()
}

#[tokio::test]
async fn a_new_contributor_is_refused_every_admin_endpoint() {
    // The first admin exists (TestApp makes it); they create an organisation and a contributor.
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let created = app
        .post(
            "/api/v1/users",
            &app.admin,
            &json!({"email": "pc.jones@cleveland.example", "name": "PC Jones",
                    "role": "contributor", "organisation_id": police, "password": PASSWORD}),
        )
        .await;
    let contributor_id = json_of(created, StatusCode::CREATED).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = app.login("pc.jones@cleveland.example", PASSWORD).await;
    let mut ids = fixtures(&app, police).await;
    // The contributor tries to change their own account too.
    ids.user = contributor_id.parse().unwrap();
    let rows = admin_only();
    let endpoints: BTreeSet<_> = rows.iter().map(|r| (r.method, r.path)).collect();
    assert_eq!(
        endpoints,
        BTreeSet::from([
            (
                "DELETE",
                "/api/v1/calendars/{calendar}/holidays/{fresh_holiday}"
            ),
            ("GET", "/api/v1/audit-events"),
            ("GET", "/api/v1/identity-providers"),
            ("GET", "/api/v1/identity-providers/{identity_provider}"),
            ("PATCH", "/api/v1/identity-providers/{identity_provider}"),
            ("POST", "/api/v1/identity-providers"),
            (
                "DELETE",
                "/api/v1/identity-providers/{fresh_identity_provider}"
            ),
            ("GET", "/api/v1/service-accounts"),
            ("GET", "/api/v1/service-accounts/{service_account}"),
            ("GET", "/api/v1/users"),
            ("GET", "/api/v1/users/{user}"),
            ("PATCH", "/api/v1/organisations/{organisation}"),
            ("PATCH", "/api/v1/service-accounts/{service_account}"),
            ("PATCH", "/api/v1/users/{user}"),
            ("POST", "/api/v1/calendars"),
            ("POST", "/api/v1/calendars/{fresh_calendar}/holidays"),
            ("POST", "/api/v1/organisations"),
            ("POST", "/api/v1/service-accounts"),
            ("POST", "/api/v1/service-accounts/{service_account}/secret"),
            ("POST", "/api/v1/users"),
            ("PUT", "/api/v1/users/{user}/password"),
        ])
    );
    let mut failures = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let tag = format!("a{r}-{}", Uuid::new_v4().simple());
        let got = call(&app, &ids, row, Some(&token), &tag).await;
        if got != DENIED {
            failures.push(format!("{} {}: got {got}", row.method, row.path));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Still a contributor, and nothing was written in their name but the sign-in.
    let me = json(app.get("/api/v1/me", &token).await).await;
    assert_eq!(me["role"], "contributor");
    let events = json(
        app.get(
            &format!("/api/v1/audit-events?actor_id={contributor_id}"),
            &app.admin,
        )
        .await,
    )
    .await;
    let actions: Vec<_> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["auth.signed_in"]);
}

/// The placeholders that name one council's records or accounts (the calendars here are the
/// council's local ones). Committees and organisations are shared (public bodies, partners) and
/// not among them.
const TENANT_PLACEHOLDERS: &[&str] = &[
    "calendar}",
    "review}",
    "recommendation}",
    "part}",
    "plan}",
    "action}",
    "decision}",
    "round}",
    "entry}",
    "attachment}",
    "contact}",
    "response}",
    "subscription}",
    "delivery}",
    "identity_provider}",
    "import_profile}",
    "{council}",
    "{user}",
    "{service_account}",
];

/// Tenancy over the whole matrix: every row that names one council's record, called by the
/// staff of another council (its admin, an officer and a viewer) and by the contributor of a
/// partner that works with that council only, answers 404 to a read and
/// refuses a write (404, or 403 for a role that may not write at all), and that council's lists
/// hold none of the first council's records.
#[tokio::test]
async fn another_councils_people_get_nothing_of_this_council() {
    let app = TestApp::spawn().await;
    let (_, partner) = app.user_with_role("contributor").await;
    let ids = fixtures(&app, partner).await;
    let other = app
        .create_organisation("Hartlepool Borough Council", "council")
        .await;
    let mut strangers = Vec::new();
    for role in ["admin", "officer", "viewer"] {
        let email = format!("{role}@hartlepool.example");
        app.create_user(&email, role, other).await;
        strangers.push((role, app.login(&email, PASSWORD).await));
    }
    // A partner that works with the other council only: its admin adds it and its contributor.
    let other_admin = strangers[0].1.clone();
    let durham = id(&json_of(
        app.post(
            "/api/v1/organisations",
            &other_admin,
            &json!({"name": "Durham Constabulary", "kind": "police"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await);
    json_of(
        app.post(
            "/api/v1/users",
            &other_admin,
            &json!({"email": "contributor@durham.example", "name": "Durham Contributor",
                    "role": "contributor", "organisation_id": durham, "password": PASSWORD}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    strangers.push((
        "contributor",
        app.login("contributor@durham.example", PASSWORD).await,
    ));
    let mut failures = Vec::new();
    let mut calls = 0;
    for (r, row) in MATRIX.iter().enumerate() {
        // Open data is published to everyone, other councils included.
        // Signing in names no council's record to its caller (anyone may start one).
        if !TENANT_PLACEHOLDERS.iter().any(|p| row.path.contains(p))
            || row.path.starts_with("/api/v1/open/")
            || row.path.starts_with("/api/v1/auth/")
        {
            continue;
        }
        for (role, token) in &strangers {
            let tag = format!("t{r}{role}-{}", Uuid::new_v4().simple());
            let got = call(&app, &ids, row, Some(token), &tag).await;
            calls += 1;
            // 403 tells nothing when the same role of this council is refused too (the role may
            // not do it to any record); otherwise a read of another council's record is 404.
            let column = CALLERS.iter().position(|c| c == role).unwrap();
            let refused = got == HIDDEN
                || (got == DENIED && (row.method != "GET" || row.expect[column] == DENIED));
            if !refused {
                failures.push(format!(
                    "{} {} as another council's {role}: got {got}",
                    row.method, row.path
                ));
            }
        }
    }
    assert!(calls > 100, "{calls} calls");
    assert!(
        failures.is_empty(),
        "{} of {calls} calls reached this council's records:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let ours: Vec<String> = [
        ids.review,
        ids.recommendation,
        ids.plan,
        ids.action,
        ids.decision,
        ids.round,
        ids.entry,
        ids.contact,
        ids.user,
        ids.response,
        ids.published_response,
    ]
    .iter()
    .map(Uuid::to_string)
    .collect();
    for list in [
        "/api/v1/reviews",
        "/api/v1/recommendations",
        "/api/v1/actions",
        "/api/v1/decisions",
        "/api/v1/progress-rounds",
        "/api/v1/progress-entries",
        "/api/v1/contacts",
        "/api/v1/dashboard",
        "/api/v1/me/inbox",
        "/api/v1/recommendations/export.csv",
        "/api/v1/actions/export.csv",
        "/api/v1/progress-entries/export.csv",
        "/api/v1/statutory-responses",
        "/api/v1/events",
    ] {
        for (role, token) in &strangers {
            let body = text(app.get(list, token).await).await;
            for id in &ours {
                assert!(
                    !body.contains(id.as_str()),
                    "{list} as another council's {role} holds {id}"
                );
            }
        }
    }
    let (admin, token) = &strangers[0];
    let users = text(app.get("/api/v1/users?limit=200", token).await).await;
    assert!(
        !users.contains(&ids.user.to_string()),
        "users as another council's {admin}"
    );
}
