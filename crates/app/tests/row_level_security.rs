//! PostgreSQL's row-level security as the backstop of tenancy: a query that forgets its council
//! filter (a bug injected here by asking for `Scope::All`) still sees and writes only the bound
//! council's rows, when it runs as the application's role on a connection bound to a council.
mod support;

use diesel::sql_types::{Bool, Text};
use diesel::QueryableByName;
use diesel_async::RunQueryDsl;
use scrutiny_db::pool::APP_ROLE;
use scrutiny_db::queries::{contacts, reviews as reviews_q};
use scrutiny_db::scope::Scope;
use scrutiny_db::AsyncPgConnection;
use support::TestDb;

/// Whom a connection works for.
enum Bound {
    Council(uuid::Uuid),
    Partner(uuid::Uuid),
}

/// A connection as the application works: `SET ROLE` to its role, bound as `bound` says.
async fn bound_connection(db: &TestDb, bound: Bound) -> AsyncPgConnection {
    let mut conn = db.connect().await;
    diesel::sql_query(format!("SET ROLE {APP_ROLE}"))
        .execute(&mut conn)
        .await
        .unwrap();
    match bound {
        Bound::Council(council) => scrutiny_db::tenant::bind_council(&mut conn, council)
            .await
            .map(|_| ()),
        Bound::Partner(partner) => scrutiny_db::tenant::bind_partner(&mut conn, partner).await,
    }
    .unwrap();
    conn
}

async fn app_connection(db: &TestDb, council: uuid::Uuid) -> AsyncPgConnection {
    bound_connection(db, Bound::Council(council)).await
}

/// Two councils, each with a committee and a review.
async fn two_councils(
    ctx: &mut scrutiny_app::Ctx<'_>,
) -> (
    support::Council,
    support::Council,
    scrutiny_app::views::reviews::Review,
    scrutiny_app::views::reviews::Review,
) {
    let a = support::council(ctx, "Stockton-on-Tees Borough Council").await;
    let b = support::council(ctx, "Hartlepool Borough Council").await;
    let committee_a = support::committee(ctx, &a).await;
    let committee_b = support::committee(ctx, &b).await;
    let review_a = support::review(ctx, &a, committee_a.id).await;
    let review_b = support::review(ctx, &b, committee_b.id).await;
    (a, b, review_a, review_b)
}

#[tokio::test]
async fn a_query_without_its_council_filter_still_sees_only_the_bound_council() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let (a, b, review_a, review_b) = two_councils(&mut ctx).await;

    // Unbound (the set-up's owner connection), both councils' reviews are there.
    let all = reviews_q::list(ctx.db(), Scope::All, &Default::default(), None, 100)
        .await
        .unwrap();
    assert_eq!(all.len(), 2);

    // Bound to B, the same unfiltered query returns B's review only, and A's is not found.
    let mut conn = app_connection(&db, b.id).await;
    let seen = reviews_q::list(&mut conn, Scope::All, &Default::default(), None, 100)
        .await
        .unwrap();
    assert_eq!(seen.iter().map(|r| r.id).collect::<Vec<_>>(), [review_b.id]);
    assert!(reviews_q::find(&mut conn, Scope::All, review_a.id)
        .await
        .unwrap()
        .is_none());
    let listed = contacts::list(&mut conn, &Default::default(), None, 100)
        .await
        .unwrap();
    assert!(listed.iter().all(|c| c.council_id == b.id));

    // Nor can it change A's rows or write a row into A.
    let changed = diesel::sql_query("UPDATE reviews SET title = 'taken' WHERE id = $1")
        .bind::<diesel::sql_types::Uuid, _>(review_a.id)
        .execute(&mut conn)
        .await
        .unwrap();
    assert_eq!(changed, 0);
    let e = diesel::sql_query(
        "INSERT INTO committees (id, council_id, name) VALUES (gen_random_uuid(), $1, 'Mole')",
    )
    .bind::<diesel::sql_types::Uuid, _>(a.id)
    .execute(&mut conn)
    .await
    .unwrap_err();
    assert!(e.to_string().contains("row-level security"), "{e}");

    // The audit trail too: every council's events exist, the bound connection reads B's only.
    let unbound = scrutiny_db::queries::audit::list(ctx.db(), &Default::default(), None, 500)
        .await
        .unwrap();
    assert!(unbound.iter().any(|e| e.council_id == Some(a.id)));
    let trail = scrutiny_db::queries::audit::list(&mut conn, &Default::default(), None, 500)
        .await
        .unwrap();
    assert!(!trail.is_empty());
    assert!(trail.iter().all(|e| e.council_id == Some(b.id)));
    assert!(trail.iter().all(|e| e.entity_id != review_a.id));
    let title: Vec<Title> = diesel::sql_query("SELECT title FROM reviews WHERE id = $1")
        .bind::<diesel::sql_types::Uuid, _>(review_a.id)
        .load(ctx.db())
        .await
        .unwrap();
    assert_ne!(title[0].title, "taken");
}

#[derive(QueryableByName)]
struct Title {
    #[diesel(sql_type = Text)]
    title: String,
}

#[derive(QueryableByName)]
struct TableName {
    #[diesel(sql_type = Text)]
    table_name: String,
}

/// The tables a catalogue query names (its column `table_name`).
async fn table_names(conn: &mut AsyncPgConnection, sql: &str) -> Vec<String> {
    let rows: Vec<TableName> = diesel::sql_query(sql).load(conn).await.unwrap();
    rows.into_iter().map(|t| t.table_name).collect()
}

#[derive(QueryableByName)]
struct RoleFlags {
    #[diesel(sql_type = Bool)]
    rolsuper: bool,
    #[diesel(sql_type = Bool)]
    rolbypassrls: bool,
}

#[tokio::test]
async fn every_council_table_has_a_policy_checked_once_per_statement_and_no_bypass() {
    let db = TestDb::new().await;
    let mut conn = db.connect().await;
    let names = table_names(
        &mut conn,
        "SELECT c.table_name::text AS table_name FROM information_schema.columns c
          WHERE c.table_schema = 'public' AND c.column_name = 'council_id'
            AND NOT EXISTS (SELECT 1 FROM pg_policies p
                             WHERE p.schemaname = 'public' AND p.tablename = c.table_name)
          ORDER BY 1",
    )
    .await;
    assert!(
        names.is_empty(),
        "tables with a council_id and no policy: {names:?}"
    );
    // Each policy works out the councils visible once per statement (a sub-select, planned as
    // an InitPlan), never a function of the row's council that reads the settings row by row,
    // and inside a CASE, which the planner estimates as keeping half the rows (migration
    // `council_bound_once`).
    let names = table_names(
        &mut conn,
        "SELECT p.tablename::text AS table_name FROM pg_policies p
          WHERE p.schemaname = 'public'
            AND (coalesce(p.qual, '') || coalesce(p.with_check, '')) NOT LIKE
                '%CASE%WHEN%SELECT scrutiny_visible_councils()%'
          ORDER BY 1",
    )
    .await;
    assert!(
        names.is_empty(),
        "policies that do not bound by the councils worked out once: {names:?}"
    );
    let role: RoleFlags =
        diesel::sql_query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1")
            .bind::<Text, _>(APP_ROLE)
            .get_result(&mut conn)
            .await
            .unwrap();
    assert!(!role.rolsuper && !role.rolbypassrls);
}

/// A partner's requests are bound to the councils it works with: the links follow what the
/// councils' records name (an account a council keeps for it, an action it owns), and an
/// unfiltered query of a partner sees no other council's rows.
#[tokio::test]
async fn a_partner_sees_only_the_councils_it_works_with() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let (a, b, review_a, review_b) = two_councils(&mut ctx).await;
    // Council A keeps the police's contributor account: the police work with A.
    let police = support::partner(&mut ctx, &a.admin, "Cleveland Police").await;

    let reviews_seen = async |conn: &mut AsyncPgConnection| {
        let mut ids: Vec<_> = reviews_q::list(conn, Scope::All, &Default::default(), None, 100)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        ids.sort();
        ids
    };
    let mut conn = bound_connection(&db, Bound::Partner(police.id)).await;
    assert_eq!(reviews_seen(&mut conn).await, [review_a.id]);
    let changed = diesel::sql_query("UPDATE reviews SET title = 'taken' WHERE id = $1")
        .bind::<diesel::sql_types::Uuid, _>(review_b.id)
        .execute(&mut conn)
        .await
        .unwrap();
    assert_eq!(changed, 0);

    // Council B's officer names the police as owner of an action: now they work with B too.
    let rec_b = support::recommendation(&mut ctx, &b, review_b.id, "1", &[]).await;
    support::agreed_plan(&mut ctx, &b, review_b.id, Some(police.id), &[&rec_b]).await;
    let mut conn = bound_connection(&db, Bound::Partner(police.id)).await;
    let mut both = vec![review_a.id, review_b.id];
    both.sort();
    assert_eq!(reviews_seen(&mut conn).await, both);

    // A partner that works with no council sees no council's rows.
    let stranger = support::partner(&mut ctx, &a.admin, "Durham Constabulary").await;
    diesel::sql_query("DELETE FROM council_partners WHERE partner_id = $1")
        .bind::<diesel::sql_types::Uuid, _>(stranger.id)
        .execute(ctx.db())
        .await
        .unwrap();
    let mut conn = bound_connection(&db, Bound::Partner(stranger.id)).await;
    assert!(reviews_seen(&mut conn).await.is_empty());
}
