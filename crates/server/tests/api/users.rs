//! Users: people who sign in, managed by admins.
use crate::helpers::{etag, fields, problem, TestApp, PASSWORD};
use crate::support::{all_pages, audit, json, json_of, text, NEVER_SHOWN};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

async fn create(app: &TestApp, email: &str, name: &str, role: &str, org: Uuid) -> Value {
    let response = app
        .post(
            "/api/v1/users",
            &app.admin,
            &json!({"email": email, "name": name, "role": role,
                    "organisation_id": org, "password": PASSWORD}),
        )
        .await;
    json_of(response, StatusCode::CREATED).await
}

fn id(value: &Value) -> &str {
    value["id"].as_str().expect("an id")
}

async fn read(app: &TestApp, user: &str) -> reqwest::Response {
    app.get(&format!("/api/v1/users/{user}"), &app.admin).await
}

/// PATCHes a user as admin with a fresh ETag.
async fn update(app: &TestApp, user: &str, body: &Value) -> reqwest::Response {
    update_as(app, &app.admin, user, body).await
}

/// PATCHes a user as the holder of `token` (an admin) with a fresh ETag.
async fn update_as(app: &TestApp, token: &str, user: &str, body: &Value) -> reqwest::Response {
    let path = format!("/api/v1/users/{user}");
    let tag = etag(&app.get(&path, token).await);
    app.patch(&path, token, &tag, body).await
}

async fn my_id(app: &TestApp, token: &str) -> String {
    json(app.get("/api/v1/me", token).await).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn password_grant(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.token_response(&json!({"grant_type": "password", "email": email, "password": password}))
        .await
}

fn names(items: &[Value]) -> Vec<&str> {
    items.iter().map(|u| u["name"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn users_are_listed_by_name_in_keyset_pages() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    // Two people share a name: the id breaks the tie, and neither is lost between pages.
    for (email, name, role, org) in [
        (
            "carol@test.example",
            "Carol Clark",
            "officer",
            app.council_id,
        ),
        ("same.1@test.example", "Same Name", "viewer", app.council_id),
        ("aaron@test.example", "Aaron Able", "contributor", police),
        ("same.2@test.example", "Same Name", "contributor", police),
        ("dave@test.example", "Dave Dunn", "viewer", app.council_id),
        (
            "betty@test.example",
            "Betty Brown",
            "officer",
            app.council_id,
        ),
    ] {
        create(&app, email, name, role, org).await;
    }
    let (items, pages) = all_pages(&app, "/api/v1/users", &app.admin, 2).await;
    assert_eq!(items.len(), 7, "six users and the first admin");
    assert_eq!(pages, 4, "limit=2 gives four pages of seven users");
    assert_eq!(
        names(&items),
        [
            "Aaron Able",
            "Betty Brown",
            "Carol Clark",
            "Dave Dunn",
            "Same Name",
            "Same Name",
            "Test Admin"
        ]
    );
    let keys: Vec<(String, Uuid)> = items
        .iter()
        .map(|u| {
            (
                u["name"].as_str().unwrap().to_owned(),
                id(u).parse().unwrap(),
            )
        })
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "sorted by (name, id): {keys:?}"
    );
    // One page of everything agrees with the pages.
    let all = json(app.get("/api/v1/users?limit=200", &app.admin).await).await;
    assert_eq!(all["items"].as_array().unwrap(), &items);
    assert!(all.get("next_cursor").is_none_or(Value::is_null));
    // A cursor that this list did not make is named.
    let bad = app
        .get("/api/v1/users?cursor=not-a-cursor", &app.admin)
        .await;
    assert_eq!(
        fields(&problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["cursor"]
    );
}

#[tokio::test]
async fn users_are_filtered_by_role_organisation_and_active() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    let fire = app.create_organisation("Cleveland Fire", "fire").await;
    create(
        &app,
        "o1@test.example",
        "Officer One",
        "officer",
        app.council_id,
    )
    .await;
    create(
        &app,
        "o2@test.example",
        "Officer Two",
        "officer",
        app.council_id,
    )
    .await;
    create(
        &app,
        "c1@test.example",
        "Contributor One",
        "contributor",
        police,
    )
    .await;
    create(
        &app,
        "c2@test.example",
        "Contributor Two",
        "contributor",
        police,
    )
    .await;
    create(
        &app,
        "c3@test.example",
        "Contributor Three",
        "contributor",
        fire,
    )
    .await;
    let gone = create(&app, "v1@test.example", "Viewer Gone", "viewer", fire).await;
    let r = update(&app, id(&gone), &json!({"active": false})).await;
    assert_eq!(r.status(), StatusCode::OK);

    let list = |query: String| {
        let app = &app;
        async move {
            let (items, _) = all_pages(app, &format!("/api/v1/users?{query}"), &app.admin, 2).await;
            names(&items)
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        list("role=officer".into()).await,
        ["Officer One", "Officer Two"]
    );
    assert_eq!(
        list("role=contributor".into()).await,
        ["Contributor One", "Contributor Three", "Contributor Two"]
    );
    assert_eq!(
        list(format!("organisation_id={police}")).await,
        ["Contributor One", "Contributor Two"]
    );
    assert_eq!(
        list(format!("organisation_id={fire}")).await,
        ["Contributor Three", "Viewer Gone"]
    );
    assert_eq!(list("active=false".into()).await, ["Viewer Gone"]);
    assert_eq!(list("active=true".into()).await.len(), 6);
    assert_eq!(
        list(format!(
            "organisation_id={fire}&active=true&role=contributor"
        ))
        .await,
        ["Contributor Three"]
    );
    assert!(list("role=viewer&active=true".into()).await.is_empty());
    let bad = app.get("/api/v1/users?role=superuser", &app.admin).await;
    assert_eq!(
        fields(&problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["role"]
    );
}

#[tokio::test]
async fn a_user_is_read_with_the_etag_of_its_version() {
    let app = TestApp::spawn().await;
    let user = create(&app, "marc@test.example", "Marc", "officer", app.council_id).await;
    assert_eq!(user["email"], "marc@test.example");
    assert_eq!(user["role"], "officer");
    assert_eq!(user["organisation_id"], app.council_id.to_string());
    assert_eq!(user["active"], true);
    assert_eq!(user["version"], 1);
    let response = read(&app, id(&user)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(etag(&response), "\"1\"");
    let body = json(response).await;
    assert_eq!(body, user);
    let updated = update(&app, id(&user), &json!({"name": "Marc Stephenson"})).await;
    assert_eq!(etag(&updated), "\"2\"");
    let updated = json_of(updated, StatusCode::OK).await;
    assert_eq!(updated["name"], "Marc Stephenson");
    assert_eq!(updated["version"], 2);
    assert_eq!(etag(&read(&app, id(&user)).await), "\"2\"");
    // The old ETag is stale now.
    let stale = app
        .patch(
            &format!("/api/v1/users/{}", id(&user)),
            &app.admin,
            "\"1\"",
            &json!({"name": "Someone Else"}),
        )
        .await;
    problem(stale, StatusCode::PRECONDITION_FAILED).await;
    problem(
        app.get(&format!("/api/v1/users/{}", Uuid::new_v4()), &app.admin)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn creating_and_changing_a_role_is_audited_with_before_and_after() {
    let app = TestApp::spawn().await;
    let user = create(&app, "marc@test.example", "Marc", "officer", app.council_id).await;
    let created = audit(
        &app,
        &format!("action=user.created&entity_id={}", id(&user)),
    )
    .await;
    assert_eq!(created.len(), 1);
    assert_eq!(created[0]["entity_type"], "user");
    assert!(created[0]["before"].is_null());
    assert_eq!(created[0]["after"], user);
    assert_eq!(created[0]["actor"]["kind"], "user");
    assert_eq!(created[0]["actor"]["name"], "Test Admin");

    let changed = json_of(
        update(&app, id(&user), &json!({"role": "viewer"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["role"], "viewer");
    let updated = audit(
        &app,
        &format!("action=user.updated&entity_id={}", id(&user)),
    )
    .await;
    assert_eq!(updated.len(), 1);
    let event = &updated[0];
    assert_eq!(event["before"]["role"], "officer");
    assert_eq!(event["after"]["role"], "viewer");
    assert_ne!(event["before"]["role"], event["after"]["role"]);
    assert_eq!(event["before"]["version"], 1);
    assert_eq!(event["after"], changed);
    // The new role takes effect on the user's next request.
    let token = app.login("marc@test.example", PASSWORD).await;
    let me = json(app.get("/api/v1/me", &token).await).await;
    assert_eq!(me["role"], "viewer");
}

#[tokio::test]
async fn officers_and_admins_belong_to_councils() {
    let app = TestApp::spawn().await;
    let police = app.create_organisation("Cleveland Police", "police").await;
    for role in ["officer", "admin"] {
        let r = app
            .post(
                "/api/v1/users",
                &app.admin,
                &json!({"email": format!("{role}@police.example"), "name": "PC", "role": role,
                        "organisation_id": police, "password": PASSWORD}),
            )
            .await;
        assert_eq!(
            fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
            ["role"]
        );
    }
    // Moving an officer to the police is refused, naming the role that does not fit.
    let officer = create(&app, "marc@test.example", "Marc", "officer", app.council_id).await;
    let r = update(&app, id(&officer), &json!({"organisation_id": police})).await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(fields(&body), ["role"]);
    // So is making a police contributor an officer.
    let pc = create(&app, "pc@test.example", "PC Jones", "contributor", police).await;
    let r = update(&app, id(&pc), &json!({"role": "officer"})).await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["role"]
    );
    // Neither was changed, and moving with a fitting role works.
    let now = json(read(&app, id(&officer)).await).await;
    assert_eq!(now["organisation_id"], app.council_id.to_string());
    assert_eq!(now["version"], 1);
    let moved = update(
        &app,
        id(&officer),
        &json!({"organisation_id": police, "role": "contributor"}),
    )
    .await;
    let moved = json_of(moved, StatusCode::OK).await;
    assert_eq!(moved["organisation_id"], police.to_string());
    assert_eq!(moved["role"], "contributor");
    // An organisation that does not exist is named.
    let r = update(&app, id(&pc), &json!({"organisation_id": Uuid::new_v4()})).await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["organisation_id"]
    );
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_demoted_or_deactivated() {
    let app = TestApp::spawn().await;
    let first = my_id(&app, &app.admin).await;
    let r = update(&app, &first, &json!({"role": "officer"})).await;
    problem(r, StatusCode::CONFLICT).await;
    let r = update(&app, &first, &json!({"active": false})).await;
    problem(r, StatusCode::CONFLICT).await;
    // A second admin who is inactive does not count.
    let second = create(
        &app,
        "second@test.example",
        "Second Admin",
        "admin",
        app.council_id,
    )
    .await;
    let r = update(&app, id(&second), &json!({"active": false})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = update(&app, &first, &json!({"role": "viewer"})).await;
    problem(r, StatusCode::CONFLICT).await;
    // Nor does the inactive one get demoted past the rule: it is not an active admin.
    let r = update(&app, id(&second), &json!({"role": "officer"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = update(&app, id(&second), &json!({"role": "admin", "active": true})).await;
    assert_eq!(r.status(), StatusCode::OK);
    // With two active admins, the first may step down; then the second is the last one.
    let r = update(&app, &first, &json!({"role": "officer"})).await;
    assert_eq!(json_of(r, StatusCode::OK).await["role"], "officer");
    let token = app.login("second@test.example", PASSWORD).await;
    let r = update_as(&app, &token, id(&second), &json!({"active": false})).await;
    problem(r, StatusCode::CONFLICT).await;
    let r = update_as(&app, &token, id(&second), &json!({"role": "viewer"})).await;
    problem(r, StatusCode::CONFLICT).await;
    // The demoted admin's token now carries an officer's rights.
    problem(
        app.get("/api/v1/users", &app.admin).await,
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn resetting_a_password_replaces_it_and_signs_the_user_out() {
    let app = TestApp::spawn().await;
    let user = create(&app, "marc@test.example", "Marc", "officer", app.council_id).await;
    let tokens = json_of(
        password_grant(&app, "marc@test.example", PASSWORD).await,
        StatusCode::OK,
    )
    .await;
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/users/{}/password", id(&user));
    let short = app
        .request(Method::PUT, &path, Some(&app.admin))
        .json(&json!({"password": "too short"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        fields(&problem(short, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["password"]
    );
    let reset = app
        .request(Method::PUT, &path, Some(&app.admin))
        .json(&json!({"password": "a new long passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    assert_eq!(text(reset).await, "");
    problem(
        password_grant(&app, "marc@test.example", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let again = app
        .token_response(&json!({"grant_type": "refresh_token", "refresh_token": refresh}))
        .await;
    problem(again, StatusCode::UNAUTHORIZED).await;
    assert_eq!(
        password_grant(&app, "marc@test.example", "a new long passphrase")
            .await
            .status(),
        StatusCode::OK
    );
    let events = audit(
        &app,
        &format!("action=user.password_reset&entity_id={}", id(&user)),
    )
    .await;
    assert_eq!(events.len(), 1);
    // Resetting the password of nobody is 404.
    let nobody = app
        .request(
            Method::PUT,
            &format!("/api/v1/users/{}/password", Uuid::new_v4()),
            Some(&app.admin),
        )
        .json(&json!({"password": "a new long passphrase"}))
        .send()
        .await
        .unwrap();
    problem(nobody, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn emails_are_unique_whatever_their_case() {
    let app = TestApp::spawn().await;
    let first = create(&app, "Marc@Test.Example", "Marc", "officer", app.council_id).await;
    assert_eq!(first["email"], "marc@test.example", "stored in lower case");
    let r = app
        .post(
            "/api/v1/users",
            &app.admin,
            &json!({"email": "MARC@test.example", "name": "Another Marc", "role": "viewer",
                    "organisation_id": app.council_id, "password": PASSWORD}),
        )
        .await;
    problem(r, StatusCode::CONFLICT).await;
    let other = create(
        &app,
        "other@test.example",
        "Other",
        "viewer",
        app.council_id,
    )
    .await;
    let r = update(&app, id(&other), &json!({"email": " marc@TEST.example "})).await;
    problem(r, StatusCode::CONFLICT).await;
    // The first admin's address is taken as well.
    let r = update(&app, id(&other), &json!({"email": "Admin@test.example"})).await;
    problem(r, StatusCode::CONFLICT).await;
    let (items, _) = all_pages(&app, "/api/v1/users", &app.admin, 50).await;
    let emails: Vec<_> = items.iter().map(|u| u["email"].as_str().unwrap()).collect();
    assert_eq!(
        emails.iter().filter(|e| **e == "marc@test.example").count(),
        1
    );
    assert_eq!(items.len(), 3);
    assert_eq!(
        audit(&app, "action=user.created&entity_type=user")
            .await
            .len(),
        3,
        "the first admin, Marc and Other"
    );
    // Signing in is case-insensitive too.
    assert_eq!(
        password_grant(&app, "MARC@TEST.EXAMPLE", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn invalid_fields_are_each_named() {
    let app = TestApp::spawn().await;
    let post = |body: Value| {
        let app = &app;
        async move {
            let r = app.post("/api/v1/users", &app.admin, &body).await;
            fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await)
        }
    };
    assert_eq!(
        post(
            json!({"email": "not-an-email", "name": "Marc", "role": "viewer",
                    "organisation_id": app.council_id, "password": "short"})
        )
        .await,
        ["email", "password"]
    );
    assert_eq!(
        post(json!({"email": "a@b", "name": " ", "role": "superuser",
                    "organisation_id": app.council_id, "password": "x"}))
        .await,
        ["email", "name", "role", "password"]
    );
    assert_eq!(
        post(
            json!({"email": "marc@test.example", "name": "Marc", "role": "viewer",
                    "organisation_id": Uuid::new_v4(), "password": PASSWORD})
        )
        .await,
        ["organisation_id"]
    );
    assert_eq!(
        post(
            json!({"email": "marc@test.example", "name": "Marc", "role": "viewer",
                    "organisation_id": app.council_id})
        )
        .await,
        ["password"]
    );
    assert_eq!(
        post(
            json!({"email": "marc@test.example", "name": "Marc", "role": "viewer",
                    "organisation_id": app.council_id, "password": PASSWORD,
                    "password_hash": "$argon2id$x"})
        )
        .await,
        ["password_hash"]
    );
    let user = create(&app, "marc@test.example", "Marc", "viewer", app.council_id).await;
    let r = update(
        &app,
        id(&user),
        &json!({"email": "nope", "name": "", "role": "root"}),
    )
    .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["email", "name", "role"]
    );
    // Nothing was written by the refused requests.
    assert_eq!(
        audit(&app, "action=user.created").await.len(),
        2,
        "the first admin and Marc"
    );
    assert!(audit(&app, "action=user.updated").await.is_empty());
}

#[tokio::test]
async fn no_answer_ever_shows_a_password_hash() {
    let app = TestApp::spawn().await;
    let mut bodies = Vec::new();
    let created = app
        .post(
            "/api/v1/users",
            &app.admin,
            &json!({"email": "marc@test.example", "name": "Marc", "role": "officer",
                    "organisation_id": app.council_id, "password": PASSWORD}),
        )
        .await;
    let body = created.text().await.unwrap();
    let user: Value = serde_json::from_str(&body).unwrap();
    bodies.push(body);
    let path = format!("/api/v1/users/{}", id(&user));
    let read = app.get(&path, &app.admin).await;
    let tag = etag(&read);
    bodies.push(read.text().await.unwrap());
    let changed = app
        .patch(&path, &app.admin, &tag, &json!({"name": "Marc Stephenson"}))
        .await;
    bodies.push(changed.text().await.unwrap());
    let reset = app
        .request(Method::PUT, &format!("{path}/password"), Some(&app.admin))
        .json(&json!({"password": "a new long passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    bodies.push(reset.text().await.unwrap());
    // The reset ended the user's sessions: they sign in with the new password.
    let token = app
        .login("marc@test.example", "a new long passphrase")
        .await;
    let changed = app
        .request(Method::PUT, "/api/v1/me/password", Some(&token))
        .json(&json!({"current_password": "a new long passphrase",
                      "new_password": "another long passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: serde_json::Value = changed.json().await.unwrap();
    let token = changed["access_token"].as_str().unwrap().to_owned();
    bodies.push(changed.to_string());
    for get in [
        "/api/v1/users",
        "/api/v1/users?limit=1",
        "/api/v1/me",
        "/api/v1/audit-events?entity_type=user&limit=200",
    ] {
        let r = app.get(get, &app.admin).await;
        assert_eq!(r.status(), StatusCode::OK, "{get}");
        bodies.push(r.text().await.unwrap());
    }
    bodies.push(app.get("/api/v1/me", &token).await.text().await.unwrap());
    let tokens = password_grant(&app, "marc@test.example", "another long passphrase").await;
    assert_eq!(tokens.status(), StatusCode::OK);
    bodies.push(tokens.text().await.unwrap());
    let audit_text = app
        .get("/api/v1/audit-events?limit=200", &app.admin)
        .await
        .text()
        .await
        .unwrap();
    bodies.push(audit_text.clone());
    for action in [
        "user.created",
        "user.updated",
        "user.password_reset",
        "user.password_changed",
    ] {
        assert!(
            audit_text.contains(action),
            "{action} is in the audit trail"
        );
    }
    for body in &bodies {
        for needle in NEVER_SHOWN {
            assert!(!body.contains(needle), "{needle} in {body}");
        }
    }
    // Nor are the hashes kept in the audit trail itself.
    use diesel_async::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut conn = scrutiny_db::pool::unbound(&app.pool).await.unwrap();
    let leaked: Count = diesel::sql_query(
        "SELECT count(*) AS n FROM audit_events \
         WHERE coalesce(before::text, '') || coalesce(after::text, '') ~ '(password_hash|\\$argon2)'",
    )
    .get_result(&mut conn)
    .await
    .unwrap();
    assert_eq!(leaked.n, 0);
}

/// Council roles stay in councils, also when an organisation changes kind while its officer is
/// inactive: either the change of kind is refused (409), or the reactivation is (422 naming
/// `role`). Today both succeed, and an active officer belongs to a police organisation.
#[tokio::test]
async fn an_officer_cannot_be_reactivated_into_a_police_organisation() {
    let app = TestApp::spawn().await;
    let second = app
        .create_organisation("Hartlepool Borough Council", "council")
        .await;
    // Another council's accounts are the operator's to manage (its own admins aside).
    let operator = app.operator().await.to_owned();
    let officer = json_of(
        app.post(
            "/api/v1/users",
            &operator,
            &json!({"email": "marc@test.example", "name": "Marc", "role": "officer",
                    "organisation_id": second, "password": PASSWORD}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let r = update_as(&app, &operator, id(&officer), &json!({"active": false})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let path = format!("/api/v1/organisations/{second}");
    let tag = etag(&app.get(&path, &operator).await);
    let kind_change = app
        .patch(&path, &operator, &tag, &json!({"kind": "police"}))
        .await;
    if kind_change.status() == StatusCode::OK {
        let r = update_as(&app, &operator, id(&officer), &json!({"active": true})).await;
        assert_eq!(
            fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
            ["role"],
            "an officer may not be reactivated in a police organisation"
        );
    } else {
        problem(kind_change, StatusCode::CONFLICT).await;
    }
    let now = json(
        app.get(&format!("/api/v1/users/{}", id(&officer)), &operator)
            .await,
    )
    .await;
    let org = json(app.get(&path, &operator).await).await;
    assert!(
        !(now["active"] == true && now["role"] == "officer" && org["kind"] == "police"),
        "an active officer of a police organisation: {now} {org}"
    );
}

/// Two admins demoting each other at the same moment must not leave the council without an
/// active admin: one of the two changes is refused.
#[tokio::test]
async fn concurrent_demotions_leave_an_active_admin() {
    use diesel_async::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let app = TestApp::spawn().await;
    let first = my_id(&app, &app.admin).await;
    let second = create(
        &app,
        "second@test.example",
        "Second Admin",
        "admin",
        app.council_id,
    )
    .await;
    let second = id(&second).to_owned();
    let (first_path, second_path) = (
        format!("/api/v1/users/{first}"),
        format!("/api/v1/users/{second}"),
    );
    let first_tag = etag(&read(&app, &first).await);
    let second_tag = etag(&read(&app, &second).await);
    // Hold back the audit writes so that both demotions are in flight together: each has read
    // the number of admins before either commits.
    let mut blocker = scrutiny_db::pool::unbound(&app.pool).await.unwrap();
    diesel::sql_query("BEGIN")
        .execute(&mut blocker)
        .await
        .unwrap();
    diesel::sql_query("LOCK TABLE audit_events IN EXCLUSIVE MODE")
        .execute(&mut blocker)
        .await
        .unwrap();
    let demote = json!({"role": "officer"});
    let release = async {
        let mut conn = scrutiny_db::pool::unbound(&app.pool).await.unwrap();
        for _ in 0..250 {
            let waiting: Count = diesel::sql_query(
                "SELECT count(*) AS n FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
            )
            .get_result(&mut conn)
            .await
            .unwrap();
            if waiting.n >= 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        diesel::sql_query("COMMIT")
            .execute(&mut blocker)
            .await
            .unwrap();
    };
    let (a, b, ()) = tokio::join!(
        app.patch(&first_path, &app.admin, &first_tag, &demote),
        app.patch(&second_path, &app.admin, &second_tag, &demote),
        release
    );
    let statuses = [a.status(), b.status()];
    let mut conn = scrutiny_db::pool::unbound(&app.pool).await.unwrap();
    let admins: Count =
        diesel::sql_query("SELECT count(*) AS n FROM users WHERE role = 'admin' AND active")
            .get_result(&mut conn)
            .await
            .unwrap();
    assert_eq!(admins.n, 1, "active admins left after {statuses:?}");
    let mut sorted = statuses.map(|s| s.as_u16());
    sorted.sort();
    assert_eq!(sorted, [200, 409]);
}
