//! Use-case test support: a PostgreSQL database per test, cloned from one migrated template (the
//! black-box tests' template, `scrutiny_tmpl_<digest of the migrations>`, made once under an
//! advisory lock), and records arranged through the use cases, as the principal who would make
//! them: the one helper module of the use-case tests.
#![allow(dead_code)]
use chrono::NaiveDate;
use diesel_async::RunQueryDsl;
use scrutiny_app::actions::{self, AddAction, MilestoneInput, OwnerInput};
use scrutiny_app::committees::{self, CreateCommittee};
use scrutiny_app::decisions::{self, CreateDecision, ResolutionInput, StatedCallIn};
use scrutiny_app::organisations::{self, CreateOrganisation};
use scrutiny_app::plans::{self, ChangePlan, PutPlan};
use scrutiny_app::progress::entries::{self, AcceptEntry, SubmitEntry, UpdateEntry, ValidateEntry};
use scrutiny_app::progress::rounds::{self, OpenRound};
use scrutiny_app::recommendations::{self, CreateRecommendation, NewPartText};
use scrutiny_app::reviews::{self, CreateReview};
use scrutiny_app::users::{self, CreateUser};
use scrutiny_app::views::actions::Action;
use scrutiny_app::views::committees::Committee;
use scrutiny_app::views::decisions::Decision;
use scrutiny_app::views::organisations::Organisation;
use scrutiny_app::views::plans::ActionPlan;
use scrutiny_app::views::progress::{ImpactValue, ProgressEntry, ProgressRound};
use scrutiny_app::views::recommendations::Recommendation;
use scrutiny_app::views::reviews::Review;
use scrutiny_app::views::users::User;
use scrutiny_app::{ActorKind, AppError, Ctx, PageRequest, Precondition, Principal};
use scrutiny_db::models::AuditEvent;
use scrutiny_db::pool::{self, quote_ident};
use scrutiny_db::queries::audit as audit_q;
use scrutiny_db::scope::Scope;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::records::ReviewStatus;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tokio::sync::OnceCell;
use uuid::Uuid;

/// `TEST_DATABASE_URL` names the PostgreSQL server (any database on it).
fn server_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The URL of database `name` on the test server.
fn database_url(name: &str) -> String {
    let (maintenance, _) =
        pool::maintenance_url(&server_url()).expect("TEST_DATABASE_URL names a database");
    let (without_query, query) = maintenance
        .split_once('?')
        .map_or((maintenance.as_str(), String::new()), |(a, q)| {
            (a, format!("?{q}"))
        });
    let base = without_query
        .rsplit_once('/')
        .map(|(base, _)| base)
        .unwrap_or(without_query);
    format!("{base}/{name}{query}")
}

fn migrations_digest() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let mut files = walk(&dir);
    files.sort();
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(
            file.strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .as_bytes(),
        );
        hasher.update(std::fs::read(&file).unwrap());
    }
    hex::encode(&hasher.finalize()[..8])
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[derive(diesel::QueryableByName)]
struct Found {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    found: bool,
}

async fn sql(conn: &mut AsyncPgConnection, statement: &str) {
    diesel::sql_query(statement)
        .execute(conn)
        .await
        .unwrap_or_else(|e| panic!("{statement}: {e}"));
}

static TEMPLATE: OnceCell<String> = OnceCell::const_new();

/// The migrated template, made once per migrations digest; the advisory lock keeps concurrent
/// test processes from making it twice.
async fn template() -> &'static str {
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("scrutiny_tmpl_{}", migrations_digest());
            let mut conn = pool::connect(&database_url("postgres"))
                .await
                .expect("PostgreSQL is reachable for tests");
            let lock = |f: &str| format!("SELECT {f}(hashtext('{name}'))::text AS x");
            sql(&mut conn, &lock("pg_advisory_lock")).await;
            let exists: Found = diesel::sql_query(
                "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS found",
            )
            .bind::<diesel::sql_types::Text, _>(&name)
            .get_result(&mut conn)
            .await
            .unwrap();
            if !exists.found {
                let building = quote_ident(&format!("{name}_building"));
                sql(
                    &mut conn,
                    &format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"),
                )
                .await;
                sql(&mut conn, &format!("CREATE DATABASE {building}")).await;
                pool::run_migrations(&database_url(&format!("{name}_building")))
                    .await
                    .expect("migrations apply");
                let target = quote_ident(&name);
                sql(
                    &mut conn,
                    &format!("ALTER DATABASE {building} RENAME TO {target}"),
                )
                .await;
            }
            sql(&mut conn, &lock("pg_advisory_unlock")).await;
            name
        })
        .await
}

/// A database of the test's own, cloned from the template; dropped with it.
pub struct TestDb {
    pub name: String,
    pub url: String,
}

impl TestDb {
    pub async fn new() -> Self {
        let template = template().await;
        let name = format!("t_{}", Uuid::new_v4().simple());
        let mut conn = pool::connect(&database_url("postgres")).await.unwrap();
        sql(
            &mut conn,
            &format!(
                "CREATE DATABASE {} TEMPLATE {}",
                quote_ident(&name),
                quote_ident(template)
            ),
        )
        .await;
        let url = database_url(&name);
        TestDb { name, url }
    }

    /// A new connection to the test's database.
    pub async fn connect(&self) -> AsyncPgConnection {
        pool::connect(&self.url).await.unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                if let Ok(mut conn) = pool::connect(&database_url("postgres")).await {
                    let statement = format!(
                        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                        quote_ident(&name)
                    );
                    let _ = diesel::sql_query(statement).execute(&mut conn).await;
                }
            });
        })
        .join();
    }
}

/// Runs a statement the test needs and no query function offers (a trigger that makes a step
/// fail).
pub async fn execute(conn: &mut AsyncPgConnection, statement: &str) {
    sql(conn, statement).await;
}

// ---------------------------------------------------------------------------------------------
// Arranging records through the use cases
//
// Every record below is made by the use case the API calls, in a `Ctx` acting as the principal
// who would make it (the council's admin makes accounts, its officer makes committees, reviews,
// recommendations, decisions, plans and rounds; the partner's contributor writes entries). Each
// helper restores the context's principal before it returns.

/// A password every test account has.
pub const PASSWORD: &str = "correct horse battery staple";

/// A context on the test's database, acting as the system (the bootstrap principal) until a test
/// or helper says otherwise.
pub async fn context(db: &TestDb) -> Ctx<'static> {
    Ctx::on(db.connect().await, Principal::system("test set-up"))
}

/// Runs `f` acting as `who`, then acts as before again.
pub async fn acting<'c, R>(
    ctx: &mut Ctx<'c>,
    who: &Principal,
    f: impl AsyncFnOnce(&mut Ctx<'c>) -> R,
) -> R {
    let before = std::mem::replace(&mut ctx.principal, who.clone());
    let out = f(ctx).await;
    ctx.principal = before;
    out
}

/// The principal a signed-in user acts as (what the API resolves from their token).
pub fn principal_of(user: &User, organisation: &Organisation) -> Principal {
    Principal {
        kind: ActorKind::User,
        id: user.id,
        name: user.name.clone(),
        role: user.role.parse().expect("a stored role"),
        organisation_id: user.organisation_id.into(),
        organisation_kind: organisation.kind.parse().expect("a stored kind"),
        organisation_name: organisation.name.clone(),
        email: Some(user.email.clone()),
    }
}

/// A user of `organisation` with `role`, made by `ctx`'s principal (an admin); answers the
/// principal they act as.
async fn account(
    ctx: &mut Ctx<'_>,
    organisation: &Organisation,
    role: &str,
    name: &str,
) -> Principal {
    let user = users::create(
        ctx,
        CreateUser {
            email: format!("{role}.{}@test.example", Uuid::now_v7().simple()),
            name: name.into(),
            role: role.into(),
            organisation_id: organisation.id,
            password: PASSWORD.into(),
        },
    )
    .await
    .unwrap_or_else(|e| panic!("the {role} is created: {e:?}"));
    principal_of(&user, organisation)
}

/// A council with its admin, an officer and a viewer (a councillor).
#[derive(Debug, Clone)]
pub struct Council {
    pub id: Uuid,
    pub name: String,
    pub admin: Principal,
    pub officer: Principal,
    pub viewer: Principal,
}

/// A council and its three accounts.
///
/// BOOTSTRAP: the very first council and its admin have no signed-in admin to make them. They
/// are made by the same use cases (`organisations::create`, `users::create`) acting as the system
/// (`Principal::system`), as the server's `create-admin` command does at installation; no raw
/// insert. The admin then makes the officer and the viewer.
pub async fn council(ctx: &mut Ctx<'_>, name: &str) -> Council {
    let system = Principal::system("test set-up");
    let (organisation, admin) = acting(ctx, &system, async |ctx| {
        let organisation = organisations::create(
            ctx,
            CreateOrganisation {
                name: name.into(),
                kind: "council".into(),
                responsible_authority: None,
            },
        )
        .await
        .expect("the council is created");
        let admin = account(ctx, &organisation, "admin", "Ada Admin").await;
        (organisation, admin)
    })
    .await;
    let (officer, viewer) = acting(ctx, &admin, async |ctx| {
        (
            account(ctx, &organisation, "officer", "Marc Stephenson").await,
            account(ctx, &organisation, "viewer", "Vic Viewer").await,
        )
    })
    .await;
    Council {
        id: organisation.id,
        name: organisation.name,
        admin,
        officer,
        viewer,
    }
}

/// A partner organisation (e.g. the police) with a contributor.
#[derive(Debug, Clone)]
pub struct Partner {
    pub id: Uuid,
    pub name: String,
    pub contributor: Principal,
}

/// A partner organisation and its contributor, made by `admin`.
pub async fn partner(ctx: &mut Ctx<'_>, admin: &Principal, name: &str) -> Partner {
    acting(ctx, admin, async |ctx| {
        let organisation = organisations::create(
            ctx,
            CreateOrganisation {
                name: name.into(),
                kind: "police".into(),
                responsible_authority: None,
            },
        )
        .await
        .expect("the partner is created");
        let contributor = account(ctx, &organisation, "contributor", "Pat Partner").await;
        Partner {
            id: organisation.id,
            name: organisation.name,
            contributor,
        }
    })
    .await
}

/// The council's Crime and Disorder Select Committee, made by its officer.
pub async fn committee(ctx: &mut Ctx<'_>, council: &Council) -> Committee {
    committee_named(ctx, council, "Crime and Disorder Select Committee").await
}

/// A committee of the council, made by its officer.
pub async fn committee_named(ctx: &mut Ctx<'_>, council: &Council, name: &str) -> Committee {
    acting(ctx, &council.officer, async |ctx| {
        committees::create(
            ctx,
            CreateCommittee {
                name: name.into(),
                description: None,
                update_interval_months: None,
            },
        )
        .await
        .expect("the committee is created")
    })
    .await
}

/// A task and finish review of the committee, started by the council's officer at `status`
/// (`proposed` unless a review is recorded after the fact).
pub async fn review_at(
    ctx: &mut Ctx<'_>,
    council: &Council,
    committee_id: Uuid,
    status: scrutiny_domain::records::ReviewStatus,
) -> Review {
    acting(ctx, &council.officer, async |ctx| {
        reviews::create(
            ctx,
            CreateReview {
                committee_id,
                title: "Police Communications in Stockton-on-Tees".into(),
                review_type: "task_and_finish".into(),
                work_programme_year: Some("2021-2022".into()),
                scrutiny_officer_id: None,
                link_officer_ids: Vec::new(),
                summary: None,
                status: Some(status),
                reference: None,
            },
        )
        .await
        .expect("the review is created")
    })
    .await
}

/// A proposed review of the committee.
pub async fn review(ctx: &mut Ctx<'_>, council: &Council, committee_id: Uuid) -> Review {
    review_at(ctx, council, committee_id, ReviewStatus::Proposed).await
}

/// Recommendation `number` of a review, with parts labelled as given ("a", "b"), added by the
/// council's officer.
pub async fn recommendation(
    ctx: &mut Ctx<'_>,
    council: &Council,
    review_id: Uuid,
    number: &str,
    parts: &[&str],
) -> Recommendation {
    acting(ctx, &council.officer, async |ctx| {
        recommendations::create(
            ctx,
            CreateRecommendation {
                review_id,
                number: number.into(),
                text: format!("Recommendation {number}"),
                parts: parts
                    .iter()
                    .map(|label| NewPartText {
                        label: (*label).into(),
                        text: format!("Part {label}) of recommendation {number}"),
                    })
                    .collect(),
                split_parts: false,
            },
        )
        .await
        .expect("the recommendation is created")
    })
    .await
}

/// The seed's call-in deadline, as the decision record words it.
pub const SEED_CALL_IN: &str = "Midnight - Friday 28th January 2022";

/// Cabinet's decision in the seed (met Thursday 20 January 2022, published `published_on`), one
/// resolution per recommendation given; recorded by the council's officer.
pub async fn decision(
    ctx: &mut Ctx<'_>,
    council: &Council,
    review_id: Uuid,
    published_on: Option<&str>,
    recommendations: &[&Recommendation],
) -> Decision {
    acting(ctx, &council.officer, async |ctx| {
        decisions::create(
            ctx,
            decision_command(review_id, published_on, recommendations),
        )
        .await
        .expect("the decision is recorded")
    })
    .await
}

/// The command [`decision`] sends.
pub fn decision_command(
    review_id: Uuid,
    published_on: Option<&str>,
    recommendations: &[&Recommendation],
) -> CreateDecision {
    CreateDecision {
        review_id,
        body: "Cabinet".into(),
        meeting_date: "2022-01-20".into(),
        item_title: "Scrutiny Review of Police Communications in Stockton-on-Tees".into(),
        decision_text: None,
        resolutions: recommendations
            .iter()
            .map(|r| ResolutionInput {
                number: r.number.clone(),
                text: r.text.clone(),
                recommendation_id: Some(r.id),
                parts: Vec::new(),
            })
            .collect(),
        reasons: None,
        alternatives: Some("None".into()),
        conflicts: Some("None".into()),
        dispensations: Some("N/A".into()),
        reference: None,
        key_decision: Some(false),
        published_on: published_on.map(str::to_owned),
        stated_call_in: published_on.map(|_| StatedCallIn {
            text: SEED_CALL_IN.into(),
            deadline: None,
        }),
    }
}

/// An action for `recommendation`, owned by `owner`, added to a plan by the council's officer
/// (`amendment_reason` when the plan is agreed).
pub async fn action(
    ctx: &mut Ctx<'_>,
    council: &Council,
    plan_id: Uuid,
    recommendation_id: Uuid,
    owner: Uuid,
    amendment_reason: Option<&str>,
) -> Result<Action, AppError> {
    acting(ctx, &council.officer, async |ctx| {
        actions::create(
            ctx,
            AddAction {
                plan_id,
                recommendation_id,
                proposed_actions: "- Agree a communications protocol".into(),
                success_measures: vec!["Protocol agreed and in use".into()],
                owners: vec![OwnerInput {
                    organisation_id: Some(owner),
                    contact_id: None,
                }],
                milestones: vec![MilestoneInput {
                    date: Some("May 2022".into()),
                    label: Some("Development of protocol".into()),
                    completed_on: None,
                }],
                amendment_reason: amendment_reason.map(str::to_owned),
                ..Default::default()
            },
        )
        .await
    })
    .await
}

/// The review's action plan, drafted by the council's officer with one action per
/// recommendation owned by `owner` (none when `owner` is `None`: the council reports itself), then
/// agreed in March 2022.
pub async fn agreed_plan(
    ctx: &mut Ctx<'_>,
    council: &Council,
    review_id: Uuid,
    owner: Option<Uuid>,
    recommendations: &[&Recommendation],
) -> ActionPlan {
    let draft = acting(ctx, &council.officer, async |ctx| {
        plans::put(
            ctx,
            PutPlan {
                review_id,
                title: None,
                agreed_on: Some("March 2022".into()),
                status: Some(scrutiny_domain::status::PlanStatus::Draft),
                call_in_override_reason: None,
            },
        )
        .await
        .expect("the plan is drafted")
        .plan
    })
    .await;
    if let Some(owner) = owner {
        for r in recommendations {
            action(ctx, council, draft.id, r.id, owner, None)
                .await
                .expect("the action is added");
        }
    }
    acting(ctx, &council.officer, async |ctx| {
        let current = plans::get(ctx, draft.id).await.unwrap();
        plans::update(
            ctx,
            ChangePlan {
                id: draft.id,
                if_match: Precondition::version(current.version),
                status: Some(scrutiny_domain::status::PlanStatus::Agreed),
                ..Default::default()
            },
        )
        .await
        .expect("the plan is agreed")
    })
    .await
}

/// The seed's first update: a round for the November 2022 meeting, opened by the council's
/// officer, covering every open recommendation (or those given).
pub async fn open_round(
    ctx: &mut Ctx<'_>,
    council: &Council,
    review_id: Uuid,
    recommendation_ids: Option<Vec<Uuid>>,
) -> ProgressRound {
    acting(ctx, &council.officer, async |ctx| {
        rounds::open(
            ctx,
            OpenRound {
                review_id,
                label: None,
                deadline: day(2022, 10, 31),
                meeting_date: Some(day(2022, 11, 21)),
                recommendation_ids,
                include_parts: false,
            },
        )
        .await
        .expect("the round opens")
    })
    .await
}

/// A round's entries as the council's officer sees them, in the review's order.
pub async fn entries_of(
    ctx: &mut Ctx<'_>,
    council: &Council,
    round_id: Uuid,
) -> Vec<ProgressEntry> {
    acting(ctx, &council.officer, async |ctx| {
        rounds::entries(ctx, round_id).await.unwrap()
    })
    .await
}

/// A review under monitoring: a council, a partner, a committee, a review with `n`
/// recommendations (numbered 1..n; the first with parts a and b), Cabinet's decision, a plan with
/// one action per recommendation owned by the partner, agreed, and the first round open with one
/// draft entry per recommendation for the partner.
pub struct Monitored {
    pub council: Council,
    pub partner: Partner,
    pub committee: Committee,
    pub review: Review,
    pub recommendations: Vec<Recommendation>,
    pub decision: Decision,
    pub plan: ActionPlan,
    pub round: ProgressRound,
    pub entries: Vec<ProgressEntry>,
}

pub async fn monitored(ctx: &mut Ctx<'_>, n: usize) -> Monitored {
    let council = council(ctx, "Stockton-on-Tees Borough Council").await;
    let partner = partner(ctx, &council.admin, "Cleveland Police").await;
    let committee = committee(ctx, &council).await;
    let review = review(ctx, &council, committee.id).await;
    let mut recs = Vec::new();
    for i in 1..=n {
        let parts: &[&str] = if i == 1 { &["a", "b"] } else { &[] };
        recs.push(recommendation(ctx, &council, review.id, &i.to_string(), parts).await);
    }
    let refs: Vec<&Recommendation> = recs.iter().collect();
    let decision = decision(ctx, &council, review.id, Some("2022-01-24"), &refs).await;
    let plan = agreed_plan(ctx, &council, review.id, Some(partner.id), &refs).await;
    let round = open_round(ctx, &council, review.id, None).await;
    let entries = entries_of(ctx, &council, round.id).await;
    Monitored {
        council,
        partner,
        committee,
        review,
        recommendations: recs,
        decision,
        plan,
        round,
        entries,
    }
}

// ---------------------------------------------------------------------------------------------
// Progress entries through their workflow

/// Writes an entry's evidence, proposed grade (with an explanation) and impact, as `who`.
pub async fn write_entry(
    ctx: &mut Ctx<'_>,
    who: &Principal,
    entry_id: Uuid,
    grade: &str,
) -> Result<ProgressEntry, AppError> {
    acting(ctx, who, async |ctx| {
        let current = entries::get(ctx, entry_id).await?;
        entries::update(
            ctx,
            UpdateEntry {
                id: entry_id,
                precondition: Precondition::version(current.version),
                progress: Some(Some("The protocol was developed and assessed.".into())),
                proposed_grade: Some(Some(grade.into())),
                proposed_explanation: Some(Some("As reported to the committee.".into())),
                impact: Some(ImpactValue {
                    kind: "none_undertaken".into(),
                    text: None,
                }),
                ..Default::default()
            },
        )
        .await
    })
    .await
}

/// Submits an entry as `who`.
pub async fn submit_entry(
    ctx: &mut Ctx<'_>,
    who: &Principal,
    entry_id: Uuid,
) -> Result<ProgressEntry, AppError> {
    acting(ctx, who, async |ctx| {
        entries::submit(
            ctx,
            SubmitEntry {
                id: entry_id,
                from_document: false,
            },
        )
        .await
    })
    .await
}

/// Validates an entry with `grade` as the council's officer (`reason` when it differs from the
/// proposed one).
pub async fn validate_entry(
    ctx: &mut Ctx<'_>,
    council: &Council,
    entry_id: Uuid,
    grade: &str,
    reason: Option<&str>,
) -> Result<ProgressEntry, AppError> {
    acting(ctx, &council.officer, async |ctx| {
        entries::validate(
            ctx,
            ValidateEntry {
                id: entry_id,
                grade: grade.into(),
                reason: reason.map(str::to_owned),
                override_reason: None,
            },
        )
        .await
    })
    .await
}

/// Records the committee's acceptance of an entry (the officer's grade unless `grade`), as the
/// council's officer.
pub async fn accept_entry(
    ctx: &mut Ctx<'_>,
    council: &Council,
    entry_id: Uuid,
    grade: Option<&str>,
) -> Result<ProgressEntry, AppError> {
    acting(ctx, &council.officer, async |ctx| {
        entries::accept(
            ctx,
            AcceptEntry {
                id: entry_id,
                grade: grade.map(str::to_owned),
                meeting_date: None,
                minute_reference: Some("CDSC 21/11/22 minute 5".into()),
            },
        )
        .await
    })
    .await
}

/// The partner's contributor writes and submits the entry at `grade`; the officer validates it
/// at the same grade.
pub async fn reported_and_validated(
    ctx: &mut Ctx<'_>,
    m: &Monitored,
    entry_id: Uuid,
    grade: &str,
) -> ProgressEntry {
    write_entry(ctx, &m.partner.contributor, entry_id, grade)
        .await
        .expect("the entry is written");
    submit_entry(ctx, &m.partner.contributor, entry_id)
        .await
        .expect("the entry is submitted");
    validate_entry(ctx, &m.council, entry_id, grade, None)
        .await
        .expect("the entry is validated")
}

// ---------------------------------------------------------------------------------------------
// Reading what happened (assertions only)

/// A record's audit events, oldest first.
pub async fn audit_trail(ctx: &mut Ctx<'_>, entity_type: &str, entity_id: Uuid) -> Vec<AuditEvent> {
    let filter = audit_q::Filter {
        entity_type: Some(entity_type.into()),
        entity_id: Some(entity_id),
        ..Default::default()
    };
    let mut rows = audit_q::list(ctx.db(), &filter, None, 500).await.unwrap();
    rows.reverse();
    rows
}

/// The actions of a record's audit events, oldest first.
pub async fn audit_actions(ctx: &mut Ctx<'_>, entity_type: &str, entity_id: Uuid) -> Vec<String> {
    audit_trail(ctx, entity_type, entity_id)
        .await
        .into_iter()
        .map(|e| e.action)
        .collect()
}

/// How many audit events of `action` there are, on any record.
pub async fn count_events(ctx: &mut Ctx<'_>, action: &str) -> usize {
    let filter = audit_q::Filter {
        action: Some(action.into()),
        ..Default::default()
    };
    audit_q::list(ctx.db(), &filter, None, 500)
        .await
        .unwrap()
        .len()
}

/// A review's status, read from the database.
pub async fn review_status(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
) -> scrutiny_domain::records::ReviewStatus {
    scrutiny_db::queries::reviews::find(ctx.db(), Scope::All, review_id)
        .await
        .unwrap()
        .expect("the review exists")
        .status
}

/// A review's action plan row (status, sign-off, amendments), read from the database.
pub async fn plan_row(
    ctx: &mut Ctx<'_>,
    review_id: Uuid,
) -> scrutiny_db::queries::action_plans::ActionPlan {
    scrutiny_db::queries::action_plans::find_visible(
        ctx.db(),
        scrutiny_db::queries::action_plans::PlanKey::Review(review_id),
        Scope::All,
    )
    .await
    .unwrap()
    .expect("the review has a plan")
}

/// A recommendation's status, read from the database.
pub async fn recommendation_status(
    ctx: &mut Ctx<'_>,
    id: Uuid,
) -> scrutiny_domain::status::RecommendationStatus {
    scrutiny_db::queries::recommendations::find_for_update(ctx.db(), id)
        .await
        .unwrap()
        .expect("the recommendation exists")
        .status
}

/// A round's status, read from the database.
pub async fn round_status(ctx: &mut Ctx<'_>, id: Uuid) -> scrutiny_domain::status::RoundStatus {
    scrutiny_db::queries::progress::find_round(ctx.db(), id)
        .await
        .unwrap()
        .expect("the round exists")
        .status
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A `PageRequest` for a whole short list.
pub fn all() -> PageRequest {
    PageRequest {
        limit: 100,
        cursor: None,
    }
}
