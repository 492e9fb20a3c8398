//! The tables the database keeps from others (`responsibilities`, from actions and their owners;
//! `latest_entries`, from progress entries; the counts per organisation kept from those and from
//! progress entries, and their rollups by committee and review; the latest entry of each
//! recommendation and each council's counts of those; the milestones each organisation and each
//! council has to meet) against what their sources say, worked out here another way, after the demo
//! data set is loaded and after changes of every kind the triggers follow: owners removed and
//! added, an action made "all" partners' and moved, a recommendation closed, entries written,
//! accepted and deleted, rounds moved and closed, milestones met, moved and added.
use crate::helpers::{count, TestDb};
use diesel_async::{RunQueryDsl, SimpleAsyncConnection};

/// Who is responsible for what, as the partner scope's rule says it recommendation by
/// recommendation (docs/domain.md, "Who sees what").
const RESPONSIBLE: &str = "
    SELECT o.id AS organisation_id, r.id AS recommendation_id, r.council_id, r.review_id,
           r.position,
           EXISTS (SELECT 1 FROM actions a JOIN action_owners ao ON ao.action_id = a.id
                    WHERE a.recommendation_id = r.id AND ao.organisation_id = o.id) AS owns,
           r.status
      FROM organisations o CROSS JOIN recommendations r
     WHERE EXISTS (SELECT 1 FROM actions a JOIN action_owners ao ON ao.action_id = a.id
                    WHERE a.recommendation_id = r.id AND ao.organisation_id = o.id)
        OR (EXISTS (SELECT 1 FROM actions a WHERE a.recommendation_id = r.id AND a.responsible_all)
            AND EXISTS (SELECT 1 FROM actions a JOIN action_owners ao ON ao.action_id = a.id
                         WHERE a.review_id = r.review_id AND ao.organisation_id = o.id))";

/// The latest recommendation-level entry of each recommendation and organisation, and the latest
/// accepted one, by rank.
const LATEST: &str = "
    SELECT recommendation_id, organisation_id, accepted, id AS entry_id, created_at, council_id,
           review_id, committee_id, state, grade
      FROM (SELECT e.*, k.accepted, pr.committee_id,
                   coalesce(e.accepted_grade, e.officer_grade, e.proposed_grade) AS grade,
                   row_number() OVER (PARTITION BY e.recommendation_id, e.organisation_id, k.accepted
                                      ORDER BY e.created_at DESC, e.id DESC) AS rank
              FROM progress_entries e
              JOIN progress_rounds pr ON pr.id = e.round_id
             CROSS JOIN (VALUES (false), (true)) AS k (accepted)
             WHERE e.part_id IS NULL AND (NOT k.accepted OR e.state = 'accepted')) ranked
     WHERE rank = 1";

/// Each organisation's latest entries, counted by group.
const ENTRY_COUNTS: &str = "
    SELECT organisation_id, accepted, council_id, committee_id, review_id, state, grade, count(*)
      FROM latest_entries WHERE organisation_id IS NOT NULL
     GROUP BY organisation_id, accepted, council_id, committee_id, review_id, state, grade";

/// Each organisation's entries, counted by round and state, with the round's deadline while it
/// is open.
const ROUND_COUNTS: &str = "
    SELECT e.organisation_id, e.round_id, e.council_id, e.state, count(*),
           CASE WHEN pr.status = 'open' THEN pr.deadline END
      FROM progress_entries e JOIN progress_rounds pr ON pr.id = e.round_id
     WHERE e.organisation_id IS NOT NULL
     GROUP BY e.organisation_id, e.round_id, e.council_id, e.state, pr.status, pr.deadline";

/// The milestones each organisation has to meet: not completed, with a due date, of an open
/// action it owns.
const MILESTONES: &str = "
    SELECT DISTINCT ao.organisation_id, m.id AS milestone_id, a.id AS action_id, a.council_id,
           m.due_by
      FROM milestones m JOIN actions a ON a.id = m.action_id
      JOIN action_owners ao ON ao.action_id = a.id
     WHERE ao.organisation_id IS NOT NULL AND a.status = 'open' AND m.completed_on IS NULL
       AND m.due_by IS NOT NULL";

/// The milestones each council's actions have to meet: not completed, with a due date, of an
/// open action, whoever owns it.
const COUNCIL_MILESTONES: &str = "
    SELECT m.id AS milestone_id, a.id AS action_id, a.council_id, m.due_by
      FROM milestones m JOIN actions a ON a.id = m.action_id
     WHERE a.status = 'open' AND m.completed_on IS NULL AND m.due_by IS NOT NULL";

/// Each organisation's latest entries, counted by committee.
const COMMITTEE_COUNTS: &str = "
    SELECT organisation_id, accepted, committee_id, council_id, state, grade, count(*)
      FROM latest_entries WHERE organisation_id IS NOT NULL
     GROUP BY organisation_id, accepted, committee_id, council_id, state, grade";

/// Each organisation's latest entries per review: not yet accepted, and all.
const REVIEW_TOTALS: &str = "
    SELECT organisation_id, accepted, review_id, council_id,
           count(*) FILTER (WHERE state <> 'accepted'), count(*)
      FROM latest_entries WHERE organisation_id IS NOT NULL
     GROUP BY organisation_id, accepted, review_id, council_id";

/// The latest recommendation-level entry of each recommendation (of any organisation, or the
/// council itself), and its latest accepted one, by rank.
const RECOMMENDATION_LATEST: &str = "
    SELECT recommendation_id, accepted, council_id, committee_id, review_id, organisation_id,
           state, grade
      FROM (SELECT e.*, k.accepted, pr.committee_id,
                   coalesce(e.accepted_grade, e.officer_grade, e.proposed_grade) AS grade,
                   row_number() OVER (PARTITION BY e.recommendation_id, k.accepted
                                      ORDER BY e.created_at DESC, e.id DESC) AS rank
              FROM progress_entries e
              JOIN progress_rounds pr ON pr.id = e.round_id
             CROSS JOIN (VALUES (false), (true)) AS k (accepted)
             WHERE e.part_id IS NULL AND (NOT k.accepted OR e.state = 'accepted')) ranked
     WHERE rank = 1";

/// A council's latest entry of each recommendation counted by `group` (committee, review or
/// reporting organisation), state and grade.
fn council_counts(group: &str) -> String {
    format!(
        "SELECT council_id, accepted, {group}, state, grade, count(*)
           FROM ({RECOMMENDATION_LATEST}) x GROUP BY council_id, accepted, {group}, state, grade"
    )
}

/// The kept tables: name, the columns compared (a count table's rows at zero are groups that
/// emptied, left in place), and their rows worked out from the sources.
const KEPT: [(&str, &str, &str); 9] = [
    (
        "responsibilities",
        "organisation_id, recommendation_id, council_id, review_id, position, owns, status \
         FROM responsibilities",
        RESPONSIBLE,
    ),
    (
        "latest_entries",
        "recommendation_id, organisation_id, accepted, entry_id, created_at, council_id, \
         review_id, committee_id, state, grade FROM latest_entries",
        LATEST,
    ),
    (
        "organisation_entry_counts",
        "organisation_id, accepted, council_id, committee_id, review_id, state, grade, count \
         FROM organisation_entry_counts WHERE count <> 0",
        ENTRY_COUNTS,
    ),
    (
        "organisation_committee_counts",
        "organisation_id, accepted, committee_id, council_id, state, grade, count \
         FROM organisation_committee_counts WHERE count <> 0",
        COMMITTEE_COUNTS,
    ),
    (
        "organisation_review_totals",
        "organisation_id, accepted, review_id, council_id, open, total \
         FROM organisation_review_totals WHERE total <> 0 OR open <> 0",
        REVIEW_TOTALS,
    ),
    (
        "round_entry_counts",
        "organisation_id, round_id, council_id, state, count, open_deadline \
         FROM round_entry_counts WHERE count <> 0",
        ROUND_COUNTS,
    ),
    (
        "organisation_milestones",
        "organisation_id, milestone_id, action_id, council_id, due_by FROM organisation_milestones",
        MILESTONES,
    ),
    (
        "council_milestones",
        "milestone_id, action_id, council_id, due_by FROM council_milestones",
        COUNCIL_MILESTONES,
    ),
    (
        "recommendation_latest",
        "recommendation_id, accepted, council_id, committee_id, review_id, organisation_id, \
         state, grade FROM recommendation_latest",
        RECOMMENDATION_LATEST,
    ),
];

/// The council's counts kept from `recommendation_latest`: name, columns compared, the group.
const COUNCIL_KEPT: [(&str, &str, &str); 3] = [
    (
        "council_committee_counts",
        "council_id, accepted, committee_id, state, grade, count FROM council_committee_counts \
         WHERE count <> 0",
        "committee_id",
    ),
    (
        "council_organisation_counts",
        "council_id, accepted, organisation_id, state, grade, count \
         FROM council_organisation_counts WHERE count <> 0",
        "organisation_id",
    ),
    (
        "council_review_counts",
        "council_id, accepted, review_id, state, grade, count FROM council_review_counts \
         WHERE count <> 0",
        "review_id",
    ),
];

/// Each council's latest entry of each recommendation per review: not yet accepted, and all.
fn council_review_totals() -> String {
    format!(
        "SELECT council_id, accepted, review_id, count(*) FILTER (WHERE state <> 'accepted'),
                count(*)
           FROM ({RECOMMENDATION_LATEST}) x GROUP BY council_id, accepted, review_id"
    )
}

/// Rows in one and not the other, both ways.
async fn differences(conn: &mut scrutiny_db::AsyncPgConnection, kept: &str, expected: &str) -> i64 {
    count(
        conn,
        &format!(
            "SELECT count(*) AS n FROM (
                 (SELECT * FROM ({expected}) x EXCEPT SELECT {kept})
                 UNION ALL
                 (SELECT {kept} EXCEPT SELECT * FROM ({expected}) y)) d"
        ),
    )
    .await
}

async fn assert_in_step(conn: &mut scrutiny_db::AsyncPgConnection, when: &str) {
    for (table, kept, expected) in KEPT {
        assert_eq!(differences(conn, kept, expected).await, 0, "{table} {when}");
    }
    for (table, kept, group) in COUNCIL_KEPT {
        let expected = council_counts(group);
        assert_eq!(
            differences(conn, kept, &expected).await,
            0,
            "{table} {when}"
        );
    }
    let totals = "council_id, accepted, review_id, open, total FROM council_review_totals \
                  WHERE total <> 0 OR open <> 0";
    assert_eq!(
        differences(conn, totals, &council_review_totals()).await,
        0,
        "council_review_totals {when}"
    );
}

#[tokio::test]
async fn derived_tables_follow_every_change_to_their_sources() {
    let db = TestDb::with_demo_data().await;
    let mut owner = scrutiny_db::pool::connect(&db.url).await.unwrap();
    assert!(count(&mut owner, "SELECT count(*) AS n FROM responsibilities").await > 0);
    assert!(
        count(
            &mut owner,
            "SELECT count(*) AS n FROM latest_entries WHERE accepted"
        )
        .await
            > 0
    );
    assert_in_step(&mut owner, "after the demo data set").await;

    // An owner removed, another added elsewhere, an action made "all" partners' and another moved
    // to the next recommendation of its review, a recommendation moved and another closed.
    owner
        .batch_execute(
            "DELETE FROM action_owners WHERE (action_id, position) IN
                 (SELECT action_id, position FROM action_owners WHERE organisation_id IS NOT NULL
                   ORDER BY action_id, position LIMIT 1);
             INSERT INTO action_owners (action_id, position, organisation_id)
                 SELECT a.id, 100, (SELECT ao.organisation_id FROM action_owners ao
                                     WHERE ao.organisation_id IS NOT NULL ORDER BY 1 DESC LIMIT 1)
                   FROM actions a ORDER BY a.id DESC LIMIT 2;
             UPDATE actions SET responsible_all = true
              WHERE id = (SELECT a.id FROM actions a
                           WHERE EXISTS (SELECT 1 FROM actions b JOIN action_owners ao ON ao.action_id = b.id
                                          WHERE b.review_id = a.review_id AND ao.organisation_id IS NOT NULL
                                            AND NOT EXISTS (SELECT 1 FROM actions c
                                                              JOIN action_owners co ON co.action_id = c.id
                                                             WHERE c.recommendation_id = a.recommendation_id
                                                               AND co.organisation_id = ao.organisation_id))
                           ORDER BY a.id LIMIT 1);
             UPDATE actions a SET recommendation_id = (
                     SELECT r2.id FROM recommendations r1 JOIN recommendations r2
                         ON r2.review_id = r1.review_id AND r2.id <> r1.id
                      WHERE r1.id = a.recommendation_id ORDER BY r2.position LIMIT 1)
              WHERE a.id = (SELECT a2.id FROM actions a2 JOIN recommendations r ON r.id = a2.recommendation_id
                             WHERE (SELECT count(*) FROM recommendations x WHERE x.review_id = r.review_id) > 1
                             ORDER BY a2.id LIMIT 1);
             UPDATE recommendations SET position = position + 1000
              WHERE id = (SELECT recommendation_id FROM responsibilities LIMIT 1);
             UPDATE recommendations SET status = 'closed', status_changed_at = now()
              WHERE id = (SELECT recommendation_id FROM responsibilities WHERE owns
                           ORDER BY recommendation_id LIMIT 1);",
        )
        .await
        .unwrap();
    assert!(
        count(
            &mut owner,
            "SELECT count(*) AS n FROM responsibilities WHERE NOT owns"
        )
        .await
            > 0,
        "an action for all partners makes its recommendation theirs"
    );
    assert_in_step(&mut owner, "after owners and actions changed").await;

    // Entries: one accepted, one returned, a newer one written, one moved to the council's own
    // report, one deleted, the evidence of another autosaved.
    owner
        .batch_execute(
            "UPDATE progress_entries SET state = 'accepted', accepted_grade = officer_grade
              WHERE id = (SELECT id FROM progress_entries WHERE part_id IS NULL AND state <> 'accepted'
                           ORDER BY id LIMIT 1);
             UPDATE progress_entries SET state = 'returned'
              WHERE id = (SELECT id FROM progress_entries WHERE part_id IS NULL AND state = 'accepted'
                           ORDER BY id DESC LIMIT 1);
             UPDATE progress_entries SET created_at = now() + interval '1 day'
              WHERE id = (SELECT id FROM progress_entries WHERE part_id IS NULL ORDER BY id LIMIT 1 OFFSET 2);
             UPDATE progress_entries SET progress = coalesce(progress, '') || ' more'
              WHERE part_id IS NULL;
             UPDATE progress_entries SET organisation_id = NULL
              WHERE id = (SELECT id FROM progress_entries WHERE organisation_id IS NOT NULL
                           ORDER BY id DESC LIMIT 1 OFFSET 3);
             DELETE FROM progress_entries
              WHERE id = (SELECT e.id FROM progress_entries e WHERE e.part_id IS NULL
                             AND NOT EXISTS (SELECT 1 FROM progress_key_figures f WHERE f.entry_id = e.id)
                             AND NOT EXISTS (SELECT 1 FROM attachments f WHERE f.entry_id = e.id)
                             AND NOT EXISTS (SELECT 1 FROM progress_entries p WHERE p.round_id = e.round_id
                                               AND p.recommendation_id = e.recommendation_id
                                               AND p.part_id IS NOT NULL)
                           ORDER BY e.id DESC LIMIT 1);",
        )
        .await
        .unwrap();
    assert_in_step(&mut owner, "after entries changed").await;

    // Rounds: every open round's deadline moved, then one closed.
    assert!(
        count(
            &mut owner,
            "SELECT count(*) AS n FROM round_entry_counts WHERE open_deadline IS NOT NULL"
        )
        .await
            > 0,
        "the demo data has an open round with entries"
    );
    owner
        .batch_execute(
            "UPDATE progress_rounds SET deadline = deadline + 10 WHERE status = 'open';
             UPDATE progress_rounds SET status = 'closed', closed_at = now()
              WHERE id = (SELECT id FROM progress_rounds WHERE status = 'open'
                           ORDER BY deadline, id LIMIT 1);",
        )
        .await
        .unwrap();
    assert_in_step(&mut owner, "after rounds moved and closed").await;

    // Milestones: one met, one moved to another day, one added to an owned action, one removed;
    // an action closed, an owner of another changed.
    assert!(
        count(
            &mut owner,
            "SELECT count(*) AS n FROM organisation_milestones"
        )
        .await
            > 1,
        "the demo data has milestones of owned actions"
    );
    owner
        .batch_execute(
            "UPDATE milestones SET completed_on = current_date
              WHERE id = (SELECT milestone_id FROM organisation_milestones
                           ORDER BY organisation_id, milestone_id LIMIT 1);
             UPDATE milestones SET due_by = due_by + 40, due_on = due_on + 40
              WHERE id = (SELECT milestone_id FROM organisation_milestones
                           ORDER BY organisation_id DESC, milestone_id DESC LIMIT 1);
             INSERT INTO milestones (id, action_id, position, due_on, due_precision, due_by)
             SELECT gen_random_uuid(), a.action_id, 1000, date '2031-01-31', 'month', date '2031-01-31'
               FROM (SELECT action_id FROM organisation_milestones ORDER BY action_id LIMIT 1) a;
             DELETE FROM milestones
              WHERE id = (SELECT milestone_id FROM organisation_milestones
                           ORDER BY due_by, milestone_id LIMIT 1);
             UPDATE actions SET status = 'complete'
              WHERE id = (SELECT action_id FROM organisation_milestones
                           ORDER BY action_id DESC LIMIT 1);
             WITH owner AS (SELECT ao.action_id, ao.position FROM action_owners ao
                              JOIN organisation_milestones k ON k.action_id = ao.action_id
                             WHERE ao.organisation_id IS NOT NULL ORDER BY 1, 2 LIMIT 1)
             UPDATE action_owners x
                SET organisation_id = (SELECT o.id FROM organisations o
                                        WHERE NOT EXISTS (SELECT 1 FROM action_owners y
                                                           WHERE y.action_id = x.action_id
                                                             AND y.organisation_id = o.id)
                                        ORDER BY o.id LIMIT 1)
               FROM owner
              WHERE (x.action_id, x.position) = (owner.action_id, owner.position);",
        )
        .await
        .unwrap();
    assert_in_step(&mut owner, "after milestones and actions changed").await;
}

/// A partner's dashboard counts (read from its counts by committee, its totals by review and its
/// counts by review) as they are when worked out from its latest entries: by committee, by
/// organisation, and by review for the reviews it ranks first, whatever the number shown.
#[tokio::test]
async fn a_partners_dashboard_counts_are_its_latest_entries_counted() {
    use scrutiny_db::scope::Scope;
    let (_db, mut owner) = demo_with_an_accepted_entry().await;
    let organisations = ids(
        &mut owner,
        "SELECT DISTINCT organisation_id AS id FROM latest_entries
          WHERE organisation_id IS NOT NULL ORDER BY 1",
    )
    .await;
    for organisation in organisations {
        let mine = format!("SELECT * FROM latest_entries WHERE organisation_id = '{organisation}'");
        assert_dashboard_counts(&mut owner, Scope::Responsible(organisation), &mine).await;
    }
}

/// A council's dashboard counts (read from its counts by committee, organisation and review and
/// its totals by review) as they are when worked out from the latest entry of each of its
/// recommendations: the latest of its organisations' latest entries.
#[tokio::test]
async fn a_councils_dashboard_counts_are_its_recommendations_latest_entries_counted() {
    use scrutiny_db::scope::Scope;
    let (_db, mut owner) = demo_with_an_accepted_entry().await;
    let councils = ids(
        &mut owner,
        "SELECT DISTINCT council_id AS id FROM latest_entries ORDER BY 1",
    )
    .await;
    assert!(!councils.is_empty());
    for council in councils {
        let mine = format!(
            "SELECT DISTINCT ON (recommendation_id, accepted) * FROM latest_entries
              WHERE council_id = '{council}'
              ORDER BY recommendation_id, accepted, created_at DESC, entry_id DESC"
        );
        assert_dashboard_counts(&mut owner, Scope::Council(council), &mine).await;
    }
}

/// The demo data set with one entry accepted, so that both kinds of counts have rows.
async fn demo_with_an_accepted_entry() -> (TestDb, scrutiny_db::AsyncPgConnection) {
    let db = TestDb::with_demo_data().await;
    let mut owner = scrutiny_db::pool::connect(&db.url).await.unwrap();
    owner
        .batch_execute(
            "UPDATE progress_entries SET state = 'accepted', accepted_grade = officer_grade
              WHERE id = (SELECT id FROM progress_entries WHERE part_id IS NULL
                             AND organisation_id IS NOT NULL ORDER BY id LIMIT 1);",
        )
        .await
        .unwrap();
    (db, owner)
}

async fn ids(conn: &mut scrutiny_db::AsyncPgConnection, sql: &str) -> Vec<uuid::Uuid> {
    let ids: Vec<uuid::Uuid> = diesel::sql_query(sql)
        .load::<Id>(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert!(!ids.is_empty(), "{sql}");
    ids
}

/// `dashboard_counts` in `scope`, for both kinds of counts and for no review shown, one, and
/// all, against the rows of `all_mine` (latest entries, both kinds) counted here.
async fn assert_dashboard_counts(
    owner: &mut scrutiny_db::AsyncPgConnection,
    scope: scrutiny_db::scope::Scope,
    all_mine: &str,
) {
    use scrutiny_db::queries::progress::dashboard_counts;
    for accepted in [false, true] {
        let mine = format!("SELECT * FROM ({all_mine}) m WHERE accepted = {accepted}");
        let reviews = count(
            owner,
            &format!("SELECT count(DISTINCT review_id) AS n FROM ({mine}) m"),
        )
        .await;
        for shown in [0, 1, reviews + 1] {
            let rows = dashboard_counts(owner, scope, accepted, shown)
                .await
                .unwrap();
            let mut got: Vec<String> = rows
                .iter()
                .map(|r| {
                    assert_eq!(r.reviews_total, reviews);
                    format!(
                        "{} {:?} {} {:?} {}",
                        r.dimension,
                        r.key,
                        r.state.as_str(),
                        r.grade,
                        r.count
                    )
                })
                .collect();
            got.sort();
            let mut expected: Vec<String> = diesel::sql_query(format!(
                "WITH mine AS ({mine}),
                 ranked AS (SELECT review_id FROM mine GROUP BY review_id
                             ORDER BY count(*) FILTER (WHERE state <> 'accepted') DESC,
                                      count(*) DESC, review_id LIMIT {shown})
                 SELECT format('committee %s %s %s %s', 'Some(' || committee_id || ')', state,
                               coalesce('Some(\"' || grade || '\")', 'None'), count(*)) AS line
                   FROM mine GROUP BY committee_id, state, grade
                 UNION ALL
                 SELECT format('organisation %s %s %s %s',
                               coalesce('Some(' || organisation_id || ')', 'None'),
                               state, coalesce('Some(\"' || grade || '\")', 'None'), count(*))
                   FROM mine GROUP BY organisation_id, state, grade
                 UNION ALL
                 SELECT format('review %s %s %s %s', 'Some(' || review_id || ')', state,
                               coalesce('Some(\"' || grade || '\")', 'None'), count(*))
                   FROM mine WHERE review_id IN (SELECT review_id FROM ranked)
                  GROUP BY review_id, state, grade"
            ))
            .load::<Line>(owner)
            .await
            .unwrap()
            .into_iter()
            .map(|l| l.line)
            .collect();
            expected.sort();
            assert!(!expected.is_empty() || accepted, "{scope:?} has no counts");
            assert_eq!(got, expected, "{scope:?} accepted={accepted} shown={shown}");
            if shown == 0 {
                assert!(got.iter().all(|l| !l.starts_with("review")));
            }
        }
    }
}

#[derive(diesel::QueryableByName)]
struct Id {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: uuid::Uuid,
}

#[derive(diesel::QueryableByName)]
struct Line {
    #[diesel(sql_type = diesel::sql_types::Text)]
    line: String,
}
