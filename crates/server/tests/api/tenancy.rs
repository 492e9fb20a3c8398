//! Councils as tenants: two councils sharing one police force. Each council's admin manages its
//! own accounts and address book only; another council's are 404 (their existence is not told);
//! councils are added by the deployment's operator, who sees every council.
use crate::fixtures::{post_with, signed_in};
use crate::helpers::{etag, fields, id_of, problem, TestApp, PASSWORD};
use crate::support::{json, json_of};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

struct Council {
    id: Uuid,
    admin: String,
    officer: String,
    contact: Uuid,
    review: Uuid,
}

async fn ids(app: &TestApp, path: &str, token: &str) -> Vec<String> {
    let page = json_of(app.get(path, token).await, StatusCode::OK).await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A committee, a contact (its scrutiny officer) and a review, made by the council's officer.
async fn records(app: &TestApp, officer: &str, tag: &str) -> (Uuid, Uuid) {
    let committee = id_of(
        app.post(
            "/api/v1/committees",
            officer,
            &json!({"name": format!("Crime and Disorder Select Committee {tag}")}),
        )
        .await,
    )
    .await;
    let contact = id_of(
        app.post(
            "/api/v1/contacts",
            officer,
            &json!({"name": format!("Scrutiny Officer {tag}"), "email": format!("scrutiny@{tag}.example")}),
        )
        .await,
    )
    .await;
    let review = id_of(
        app.post(
            "/api/v1/reviews",
            officer,
            &json!({"committee_id": committee, "title": format!("Police Communications in {tag}"),
                    "review_type": "task_and_finish", "scrutiny_officer_id": contact}),
        )
        .await,
    )
    .await;
    (contact, review)
}

async fn councils(app: &TestApp) -> (Council, Council) {
    let officer_a = signed_in(app, "officer@stockton.example", "officer", app.council_id).await;
    let (contact, review) = records(app, &officer_a, "stockton").await;
    let a = Council {
        id: app.council_id,
        admin: app.admin.clone(),
        officer: officer_a,
        contact,
        review,
    };
    let b_id = app
        .create_organisation("Hartlepool Borough Council", "council")
        .await;
    let admin_b = signed_in(app, "admin@hartlepool.example", "admin", b_id).await;
    let officer_b = json_of(
        app.post(
            "/api/v1/users",
            &admin_b,
            &json!({"email": "officer@hartlepool.example", "name": "Hartlepool Officer",
                    "role": "officer", "organisation_id": b_id, "password": PASSWORD}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(officer_b["organisation_id"], json!(b_id));
    let officer_b = app.login("officer@hartlepool.example", PASSWORD).await;
    let (contact, review) = records(app, &officer_b, "hartlepool").await;
    let b = Council {
        id: b_id,
        admin: admin_b,
        officer: officer_b,
        contact,
        review,
    };
    (a, b)
}

#[tokio::test]
async fn a_council_sees_and_changes_only_its_own_contacts() {
    let app = TestApp::spawn().await;
    let (a, b) = councils(&app).await;
    for (us, them) in [(&a, &b), (&b, &a)] {
        for token in [&us.officer, &us.admin] {
            let listed = ids(&app, "/api/v1/contacts?limit=200", token).await;
            assert!(listed.contains(&us.contact.to_string()));
            assert!(!listed.contains(&them.contact.to_string()), "{listed:?}");
            let theirs = format!("/api/v1/contacts/{}", them.contact);
            problem(app.get(&theirs, token).await, StatusCode::NOT_FOUND).await;
        }
        // A write to the other council's contact is 404 and changes nothing.
        let theirs = format!("/api/v1/contacts/{}", them.contact);
        let tag = etag(&app.get(&theirs, &them.officer).await);
        let r = app
            .patch(
                &theirs,
                &us.officer,
                &tag,
                &json!({"email": "phish@evil.example"}),
            )
            .await;
        problem(r, StatusCode::NOT_FOUND).await;
        let kept = json(app.get(&theirs, &them.officer).await).await;
        assert_ne!(kept["email"], "phish@evil.example");
        // Nor can a review name the other council's contact.
        let r = app
            .patch(
                &format!("/api/v1/reviews/{}", us.review),
                &us.officer,
                &etag(
                    &app.get(&format!("/api/v1/reviews/{}", us.review), &us.officer)
                        .await,
                ),
                &json!({"scrutiny_officer_id": them.contact}),
            )
            .await;
        let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(fields(&body), ["scrutiny_officer_id"]);
    }
    // The operator sees both address books.
    let operator = app.operator().await.to_owned();
    let all = ids(&app, "/api/v1/contacts?limit=200", &operator).await;
    assert!(all.contains(&a.contact.to_string()) && all.contains(&b.contact.to_string()));
}

#[tokio::test]
async fn a_councils_admin_manages_its_own_accounts_only() {
    let app = TestApp::spawn().await;
    let (a, b) = councils(&app).await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    // Council A's admin adds a contributor of the shared police force: A manages that account.
    let contributor = json_of(
        app.post(
            "/api/v1/users",
            &a.admin,
            &json!({"email": "pc@cleveland.example", "name": "PC Contributor",
                    "role": "contributor", "organisation_id": police, "password": PASSWORD}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let contributor_id = contributor["id"].as_str().unwrap().to_owned();

    let a_users = ids(&app, "/api/v1/users?limit=200", &a.admin).await;
    let b_users = ids(&app, "/api/v1/users?limit=200", &b.admin).await;
    assert!(a_users.contains(&contributor_id));
    assert!(!b_users.contains(&contributor_id));
    assert!(
        a_users.iter().all(|id| !b_users.contains(id)),
        "{a_users:?} {b_users:?}"
    );

    // B's admin cannot read, change or reset A's accounts: 404, nothing changes.
    let path = format!("/api/v1/users/{contributor_id}");
    problem(app.get(&path, &b.admin).await, StatusCode::NOT_FOUND).await;
    let tag = etag(&app.get(&path, &a.admin).await);
    let r = app
        .patch(&path, &b.admin, &tag, &json!({"active": false}))
        .await;
    problem(r, StatusCode::NOT_FOUND).await;
    let r = app
        .client
        .put(app.url(&format!("{path}/password")))
        .bearer_auth(&b.admin)
        .json(&json!({"password": "a-new-password-chosen-by-b"}))
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::NOT_FOUND).await;
    assert!(!app.login("pc@cleveland.example", PASSWORD).await.is_empty());
    assert_eq!(json(app.get(&path, &a.admin).await).await["active"], true);

    // Nor put an account into A's council, nor add a council, nor change A's.
    let r = app
        .post(
            "/api/v1/users",
            &b.admin,
            &json!({"email": "mole@hartlepool.example", "name": "Mole", "role": "officer",
                    "organisation_id": a.id, "password": PASSWORD}),
        )
        .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&body), ["organisation_id"]);
    let r = app
        .post(
            "/api/v1/organisations",
            &b.admin,
            &json!({"name": "Darlington Borough Council", "kind": "council"}),
        )
        .await;
    problem(r, StatusCode::FORBIDDEN).await;
    let council_a = format!("/api/v1/organisations/{}", a.id);
    let tag = etag(&app.get(&council_a, &b.admin).await);
    let r = app
        .patch(&council_a, &b.admin, &tag, &json!({"name": "Taken over"}))
        .await;
    problem(r, StatusCode::FORBIDDEN).await;

    // The operator manages both.
    let operator = app.operator().await.to_owned();
    let all: Vec<String> = ids(&app, "/api/v1/users?limit=200", &operator).await;
    assert!(a_users
        .iter()
        .chain(b_users.iter())
        .all(|id| all.contains(id)));
}

#[tokio::test]
async fn a_councils_admin_sees_only_its_own_councils_records() {
    let app = TestApp::spawn().await;
    let (a, b) = councils(&app).await;
    for (us, them) in [(&a, &b), (&b, &a)] {
        let reviews = ids(&app, "/api/v1/reviews?limit=200", &us.admin).await;
        assert_eq!(reviews, [us.review.to_string()]);
        let theirs = format!("/api/v1/reviews/{}", them.review);
        problem(app.get(&theirs, &us.admin).await, StatusCode::NOT_FOUND).await;
        let tag = etag(&app.get(&theirs, &them.admin).await);
        let r = app
            .patch(
                &theirs,
                &us.admin,
                &tag,
                &json!({"title": "Renamed by the other council"}),
            )
            .await;
        problem(r, StatusCode::NOT_FOUND).await;
    }
    let operator = app.operator().await.to_owned();
    let mut all = ids(&app, "/api/v1/reviews?limit=200", &operator).await;
    all.sort();
    let mut expected = vec![a.review.to_string(), b.review.to_string()];
    expected.sort();
    assert_eq!(all, expected);
    let _: Value = json!(null);
}

/// The entity ids and councils of the audit events `token` may list.
async fn trail(app: &TestApp, token: &str) -> Vec<(String, Value)> {
    let page = json_of(
        app.get("/api/v1/audit-events?limit=200", token).await,
        StatusCode::OK,
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["entity_id"].as_str().unwrap().to_owned(),
                e["council_id"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_councils_admin_reads_only_its_own_councils_audit_trail() {
    let app = TestApp::spawn().await;
    let (a, b) = councils(&app).await;
    for (us, them) in [(&a, &b), (&b, &a)] {
        let seen = trail(&app, &us.admin).await;
        assert!(seen.iter().any(|(id, _)| id == &us.review.to_string()));
        assert!(
            seen.iter().all(|(_, council)| council == &json!(us.id)),
            "{seen:?}"
        );
        for theirs in [them.review, them.contact, them.id] {
            assert!(seen.iter().all(|(id, _)| id != &theirs.to_string()));
        }
        let path = format!("/api/v1/audit-events?entity_id={}", them.review);
        let page = json_of(app.get(&path, &us.admin).await, StatusCode::OK).await;
        assert_eq!(page["items"], json!([]));
        // Nor through the record's history.
        let history = format!("/api/v1/reviews/{}/history", them.review);
        problem(app.get(&history, &us.admin).await, StatusCode::NOT_FOUND).await;
    }
    let operator = app.operator().await.to_owned();
    let all = trail(&app, &operator).await;
    for review in [a.review, b.review] {
        assert!(all.iter().any(|(id, _)| id == &review.to_string()));
    }
    // The council's own record is in its trail (created by the operator).
    assert!(all
        .iter()
        .any(|(id, council)| id == &b.id.to_string() && council == &json!(b.id)));
    problem(
        app.get("/api/v1/audit-events", &a.officer).await,
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[derive(diesel::QueryableByName)]
struct Whoami {
    #[diesel(sql_type = diesel::sql_types::Text)]
    role: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    council: String,
}

/// The pool's connections work as the application's role (so row-level security applies to
/// every query the server makes), and a connection bound to a council for one request is bound to
/// none when the pool hands it out again.
#[tokio::test]
async fn pooled_connections_work_as_the_application_role_and_unbound_between_requests() {
    use diesel_async::RunQueryDsl;
    let app = TestApp::spawn().await;
    let pool = scrutiny_db::pool::build_pool(&app.db.url, &scrutiny_db::pool::PoolOptions::new(1))
        .unwrap();
    let whoami = "SELECT current_user::text AS role, \
                  coalesce(current_setting('scrutiny.council', true), '') AS council";
    let mut conn = scrutiny_db::pool::unbound(&pool).await.unwrap();
    scrutiny_db::tenant::bind_council(&mut conn, app.council_id)
        .await
        .unwrap();
    let bound: Whoami = diesel::sql_query(whoami)
        .get_result(&mut conn)
        .await
        .unwrap();
    assert_eq!(bound.role, scrutiny_db::pool::APP_ROLE);
    assert_eq!(bound.council, app.council_id.to_string());
    drop(conn);
    let mut again = scrutiny_db::pool::unbound(&pool).await.unwrap();
    let unbound: Whoami = diesel::sql_query(whoami)
        .get_result(&mut again)
        .await
        .unwrap();
    assert_eq!(unbound.role, scrutiny_db::pool::APP_ROLE);
    assert_eq!(unbound.council, "");
}

/// A partner's write to a record it may not see answers as it would for an id that does not exist,
/// so that the answer tells it nothing about which ids exist.
#[tokio::test]
async fn a_partners_refused_write_does_not_tell_which_ids_exist() {
    let app = TestApp::spawn().await;
    let (a, _) = councils(&app).await;
    let (contributor, _) = app.user_with_role("contributor").await;
    let tag = etag(
        &app.get(&format!("/api/v1/reviews/{}", a.review), &a.officer)
            .await,
    );
    let body = json!({"title": "Renamed by a partner"});
    let existing = app
        .patch(
            &format!("/api/v1/reviews/{}", a.review),
            &contributor,
            &tag,
            &body,
        )
        .await
        .status();
    let missing = app
        .patch(
            &format!("/api/v1/reviews/{}", Uuid::now_v7()),
            &contributor,
            &tag,
            &body,
        )
        .await
        .status();
    assert_eq!(existing, missing);
    for path in [
        format!("/api/v1/reviews/{}/status-transitions", a.review),
        format!("/api/v1/reviews/{}/status-transitions", Uuid::now_v7()),
    ] {
        let r = post_with(
            &app,
            &path,
            &contributor,
            Some(&tag),
            &json!({"to": "scoping"}),
        )
        .await;
        problem(r, StatusCode::FORBIDDEN).await;
    }
}
