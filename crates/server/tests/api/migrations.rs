//! Migrations over data: the migrations of the current release are reverted and applied again on
//! a database holding the demo data set, so that their backfills run over real rows (a backfill
//! that only ever ran on an empty database once failed on the first database with data).
use crate::helpers::{count, TestDb};

/// The first migration of the current release: those from it on are redone.
const RELEASE_FROM: &str = "20261205000000";

#[tokio::test]
async fn this_releases_migrations_redo_over_the_demo_data() {
    let db = TestDb::with_demo_data().await;
    let mut owner = scrutiny_db::pool::connect(&db.url).await.unwrap();
    let tables = [
        "reviews",
        "recommendations",
        "actions",
        "progress_entries",
        "contacts",
        "users",
        "audit_events",
    ];
    let mut before = Vec::new();
    for table in tables {
        before.push(count(&mut owner, &format!("SELECT count(*) AS n FROM {table}")).await);
    }
    assert!(before.iter().all(|n| *n > 0), "{before:?}");

    let redone = scrutiny_db::pool::redo_migrations_from(&db.url, RELEASE_FROM)
        .await
        .expect("the release's migrations revert and apply again over the demo data");
    assert!(redone.len() >= 6, "{redone:?}");

    for (table, was) in tables.iter().zip(before) {
        let now = count(&mut owner, &format!("SELECT count(*) AS n FROM {table}")).await;
        assert_eq!(now, was, "{table}");
    }
    // The backfills ran: every event about a council's record is in that council's trail, and
    // the police work with the demo council.
    assert_eq!(
        count(
            &mut owner,
            "SELECT count(*) AS n FROM audit_events
              WHERE entity_type IN ('review', 'recommendation', 'action', 'progress_entry')
                AND council_id IS NULL"
        )
        .await,
        0
    );
    assert!(count(&mut owner, "SELECT count(*) AS n FROM council_partners").await > 0);
}
