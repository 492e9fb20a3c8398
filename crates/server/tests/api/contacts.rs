//! Contacts: people named as responsible or as link officers, who may have no account.
use crate::helpers::{etag, fields, problem, TestApp};
use crate::support::{all_pages, audit, json, json_of};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

async fn create_as(app: &TestApp, token: &str, body: &Value) -> Value {
    json_of(
        app.post("/api/v1/contacts", token, body).await,
        StatusCode::CREATED,
    )
    .await
}

async fn create(app: &TestApp, body: &Value) -> Value {
    create_as(app, &app.admin, body).await
}

fn id(value: &Value) -> &str {
    value["id"].as_str().expect("an id")
}

/// PATCHes a contact as admin with a fresh ETag.
async fn update(app: &TestApp, contact: &str, body: &Value) -> reqwest::Response {
    let path = format!("/api/v1/contacts/{contact}");
    let tag = etag(&app.get(&path, &app.admin).await);
    app.patch(&path, &app.admin, &tag, body).await
}

async fn names(app: &TestApp, query: &str, token: &str) -> Vec<String> {
    let (items, _) = all_pages(app, &format!("/api/v1/contacts?{query}"), token, 1).await;
    items
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn contacts_are_created_with_or_without_an_organisation() {
    let app = TestApp::spawn().await;
    let (officer, _) = app.user_with_role("officer").await;
    let response = app
        .post(
            "/api/v1/contacts",
            &officer,
            &json!({"name": "  Marc Stephenson ", "job_title": "Community Safety Manager",
                    "email": " Marc.Stephenson@Stockton.gov.uk ", "phone": " +44 (0)1642 526-000 ",
                    "organisation_id": app.council_id}),
        )
        .await;
    assert_eq!(etag(&response), "\"1\"");
    let full = json_of(response, StatusCode::CREATED).await;
    assert_eq!(full["name"], "Marc Stephenson");
    assert_eq!(full["job_title"], "Community Safety Manager");
    assert_eq!(full["email"], "marc.stephenson@stockton.gov.uk");
    assert_eq!(full["phone"], "+44 (0)1642 526-000");
    assert_eq!(full["organisation_id"], app.council_id.to_string());
    assert!(full["user_id"].is_null());
    assert_eq!(full["version"], 1);

    let bare = create(
        &app,
        &json!({"name": "A Resident", "email": "  ", "phone": ""}),
    )
    .await;
    for field in ["job_title", "email", "phone", "organisation_id", "user_id"] {
        assert!(bare[field].is_null(), "{field} is null: {bare}");
    }
    let read = app
        .get(&format!("/api/v1/contacts/{}", id(&bare)), &app.admin)
        .await;
    assert_eq!(etag(&read), "\"1\"");
    assert_eq!(json(read).await, bare);
    let read = json(
        app.get(&format!("/api/v1/contacts/{}", id(&full)), &officer)
            .await,
    )
    .await;
    assert_eq!(read, full);

    let events = audit(&app, "action=contact.created").await;
    assert_eq!(events.len(), 2);
    // Newest first: the admin's, then the officer's.
    assert_eq!(events[0]["entity_id"], bare["id"]);
    assert_eq!(events[0]["after"], bare);
    assert_eq!(events[1]["entity_id"], full["id"]);
    assert_eq!(events[1]["after"], full);
    assert_eq!(events[1]["entity_type"], "contact");
    let officer_id = json(app.get("/api/v1/me", &officer).await).await["id"].clone();
    assert_eq!(events[1]["actor"]["id"], officer_id);
    assert_eq!(
        names(&app, "", &officer).await,
        ["A Resident", "Marc Stephenson"]
    );
}

#[tokio::test]
async fn null_clears_a_field_and_absent_leaves_it_alone() {
    let app = TestApp::spawn().await;
    let contact = create(
        &app,
        &json!({"name": "Marc", "job_title": "Manager", "email": "marc@stockton.example",
                "phone": "01642 526000", "organisation_id": app.council_id}),
    )
    .await;
    let r = update(&app, id(&contact), &json!({"job_title": null})).await;
    assert_eq!(etag(&r), "\"2\"");
    let after = json_of(r, StatusCode::OK).await;
    assert!(after["job_title"].is_null());
    for field in ["name", "email", "phone", "organisation_id"] {
        assert_eq!(after[field], contact[field], "{field} is left alone");
    }
    assert_eq!(after["version"], 2);
    let stored = json(
        app.get(&format!("/api/v1/contacts/{}", id(&contact)), &app.admin)
            .await,
    )
    .await;
    assert!(stored["job_title"].is_null());
    // An empty body changes nothing but is still a write.
    let r = update(&app, id(&contact), &json!({})).await;
    let same = json_of(r, StatusCode::OK).await;
    assert_eq!(same["email"], contact["email"]);
    // Several fields at once; blank means none as well.
    let r = update(
        &app,
        id(&contact),
        &json!({"email": null, "organisation_id": null, "phone": "  ", "job_title": "Lead"}),
    )
    .await;
    let cleared = json_of(r, StatusCode::OK).await;
    assert!(cleared["email"].is_null());
    assert!(cleared["organisation_id"].is_null());
    assert!(cleared["phone"].is_null());
    assert_eq!(cleared["job_title"], "Lead");
    assert_eq!(cleared["name"], "Marc");
    // A name cannot be blanked.
    let r = update(&app, id(&contact), &json!({"name": "  "})).await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["name"]
    );

    let events = audit(
        &app,
        &format!("action=contact.updated&entity_id={}", id(&contact)),
    )
    .await;
    assert_eq!(events.len(), 3);
    let first = events.last().unwrap();
    assert_eq!(first["before"]["job_title"], "Manager");
    assert!(first["after"]["job_title"].is_null());
    assert_eq!(first["after"]["email"], "marc@stockton.example");
}

#[tokio::test]
async fn contributors_see_only_their_own_organisations_contacts() {
    let app = TestApp::spawn().await;
    let (contributor, police) = app.user_with_role("contributor").await;
    let (viewer, _) = app.user_with_role("viewer").await;
    let fire = app.create_organisation("Cleveland Fire", "fire").await;
    let own_a = create(
        &app,
        &json!({"name": "PC Adams", "organisation_id": police}),
    )
    .await;
    let own_b = create(
        &app,
        &json!({"name": "PC Brown", "organisation_id": police}),
    )
    .await;
    let theirs = create(
        &app,
        &json!({"name": "Fire Officer", "organisation_id": fire}),
    )
    .await;
    let council = create(
        &app,
        &json!({"name": "Council Officer", "organisation_id": app.council_id}),
    )
    .await;
    let nobodys = create(&app, &json!({"name": "No Organisation"})).await;

    assert_eq!(
        names(&app, "", &contributor).await,
        ["PC Adams", "PC Brown"]
    );
    // Asking for another organisation's does not widen the view.
    assert_eq!(
        names(&app, &format!("organisation_id={fire}"), &contributor).await,
        ["PC Adams", "PC Brown"]
    );
    for hidden in [&theirs, &council, &nobodys] {
        let r = app
            .get(&format!("/api/v1/contacts/{}", id(hidden)), &contributor)
            .await;
        let body = problem(r, StatusCode::NOT_FOUND).await;
        // Indistinguishable from a contact that does not exist.
        let missing = problem(
            app.get(
                &format!("/api/v1/contacts/{}", Uuid::new_v4()),
                &contributor,
            )
            .await,
            StatusCode::NOT_FOUND,
        )
        .await;
        assert_eq!(body["detail"], missing["detail"]);
    }
    for own in [&own_a, &own_b] {
        let r = app
            .get(&format!("/api/v1/contacts/{}", id(own)), &contributor)
            .await;
        assert_eq!(json_of(r, StatusCode::OK).await, *own);
    }
    // Everyone else sees every contact, and may filter by organisation.
    assert_eq!(names(&app, "", &viewer).await.len(), 5);
    assert_eq!(
        names(&app, &format!("organisation_id={fire}"), &viewer).await,
        ["Fire Officer"]
    );
    assert_eq!(
        names(&app, &format!("organisation_id={police}"), &app.admin).await,
        ["PC Adams", "PC Brown"]
    );
}

#[tokio::test]
async fn invalid_phones_and_emails_are_named() {
    let app = TestApp::spawn().await;
    let invalid = |body: Value| {
        let app = &app;
        async move {
            let r = app.post("/api/v1/contacts", &app.admin, &body).await;
            fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await)
        }
    };
    assert_eq!(
        invalid(json!({"name": "Marc", "email": "not-an-email", "phone": "01642 ext. 5"})).await,
        ["email", "phone"]
    );
    assert_eq!(
        invalid(json!({"name": "Marc", "phone": "+()-"})).await,
        ["phone"]
    );
    assert_eq!(
        invalid(json!({"name": "Marc", "phone": "1".repeat(41)})).await,
        ["phone"]
    );
    assert_eq!(
        invalid(json!({"name": "Marc", "email": "a@b"})).await,
        ["email"]
    );
    assert_eq!(
        invalid(json!({"name": " ", "email": "a@b..c", "phone": "x"})).await,
        ["name", "email", "phone"]
    );
    assert_eq!(
        invalid(json!({"name": "Marc", "phone": 1642})).await,
        ["phone"]
    );
    let contact = create(&app, &json!({"name": "Marc", "phone": "01642 526000"})).await;
    let r = update(&app, id(&contact), &json!({"phone": "call me"})).await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["phone"]
    );
    let r = update(
        &app,
        id(&contact),
        &json!({"email": "marc@", "phone": "01642"}),
    )
    .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["email"]
    );
    // Nothing was written by the refused requests.
    let now = json(
        app.get(&format!("/api/v1/contacts/{}", id(&contact)), &app.admin)
            .await,
    )
    .await;
    assert_eq!(now, contact);
    assert_eq!(audit(&app, "entity_type=contact").await.len(), 1);
}

#[tokio::test]
async fn a_user_is_linked_to_one_contact_at_most() {
    let app = TestApp::spawn().await;
    let user = app
        .create_user("marc@test.example", "officer", app.council_id)
        .await;
    let linked = create(&app, &json!({"name": "Marc", "user_id": user})).await;
    assert_eq!(linked["user_id"], user.to_string());
    let r = app
        .post(
            "/api/v1/contacts",
            &app.admin,
            &json!({"name": "Marc Again", "user_id": user}),
        )
        .await;
    problem(r, StatusCode::CONFLICT).await;
    let other = create(&app, &json!({"name": "Someone"})).await;
    let r = update(&app, id(&other), &json!({"user_id": user})).await;
    problem(r, StatusCode::CONFLICT).await;
    // Unlinking frees the user for another contact.
    let r = update(&app, id(&linked), &json!({"user_id": null})).await;
    assert!(json_of(r, StatusCode::OK).await["user_id"].is_null());
    let r = update(&app, id(&other), &json!({"user_id": user})).await;
    assert_eq!(
        json_of(r, StatusCode::OK).await["user_id"],
        user.to_string()
    );
    assert_eq!(names(&app, "has_user=true", &app.admin).await, ["Someone"]);
    assert_eq!(names(&app, "has_user=false", &app.admin).await, ["Marc"]);
    // A user who does not exist is named.
    let r = app
        .post(
            "/api/v1/contacts",
            &app.admin,
            &json!({"name": "Ghost", "user_id": Uuid::new_v4()}),
        )
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["user_id"]
    );
    let r = update(&app, id(&linked), &json!({"user_id": Uuid::new_v4()})).await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["user_id"]
    );
    assert_eq!(audit(&app, "action=contact.created").await.len(), 2);
}

#[tokio::test]
async fn an_unknown_organisation_is_named() {
    let app = TestApp::spawn().await;
    let r = app
        .post(
            "/api/v1/contacts",
            &app.admin,
            &json!({"name": "Marc", "organisation_id": Uuid::new_v4()}),
        )
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["organisation_id"]
    );
    let r = app
        .post(
            "/api/v1/contacts",
            &app.admin,
            &json!({"name": "Marc", "organisation_id": Uuid::new_v4(), "user_id": Uuid::new_v4()}),
        )
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["organisation_id", "user_id"]
    );
    let contact = create(&app, &json!({"name": "Marc"})).await;
    let r = update(
        &app,
        id(&contact),
        &json!({"organisation_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["organisation_id"]
    );
    let r = app
        .post(
            "/api/v1/contacts",
            &app.admin,
            &json!({"name": "Marc", "organisation_id": "not-a-uuid"}),
        )
        .await;
    assert_eq!(
        fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["organisation_id"]
    );
    let (items, _) = all_pages(&app, "/api/v1/contacts", &app.admin, 10).await;
    assert_eq!(items.len(), 1);
}
