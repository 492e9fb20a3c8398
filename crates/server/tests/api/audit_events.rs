//! The audit trail: who changed what and when, filtered and paged newest first.
use crate::helpers::{etag, fields, id_of, problem, TestApp, PASSWORD};
use crate::support::{all_pages, audit, json, json_of, request_id};
use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::time::Duration;
use uuid::Uuid;

fn actions(events: &[Value]) -> Vec<&str> {
    events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect()
}

fn occurred_at(event: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(event["occurred_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

/// Audit events with query parameters encoded by the client.
async fn events_where(app: &TestApp, query: &[(&str, String)]) -> Response {
    app.request(Method::GET, "/api/v1/audit-events", Some(&app.admin))
        .query(query)
        .query(&[("limit", "200")])
        .send()
        .await
        .unwrap()
}

async fn names_where(app: &TestApp, query: &[(&str, String)]) -> Vec<String> {
    let body = json_of(events_where(app, query).await, StatusCode::OK).await;
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["after"]["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn my_id(app: &TestApp, token: &str) -> String {
    json(app.get("/api/v1/me", token).await).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn events_are_filtered_by_entity_actor_and_action() {
    let app = TestApp::spawn().await;
    let admin = my_id(&app, &app.admin).await;
    let a = app.create_organisation("Cleveland Police", "police").await;
    let b = app.create_organisation("Cleveland Fire", "fire").await;
    let path = format!("/api/v1/organisations/{a}");
    let tag = etag(&app.get(&path, &app.admin).await);
    let r = app
        .patch(
            &path,
            &app.admin,
            &tag,
            &json!({"name": "Cleveland Constabulary"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let (officer, _) = app.user_with_role("officer").await;
    let officer_id = my_id(&app, &officer).await;
    let contact = app
        .post("/api/v1/contacts", &officer, &json!({"name": "Marc"}))
        .await;
    let contact = id_of(contact).await;

    let organisations = audit(&app, "entity_type=organisation").await;
    assert_eq!(
        actions(&organisations),
        [
            "organisation.updated",
            "organisation.created",
            "organisation.created",
            "organisation.created"
        ],
        "A renamed, B and A created, and the council made with the first admin"
    );
    assert!(organisations
        .iter()
        .all(|e| e["entity_type"] == "organisation"));

    let about_a = audit(&app, &format!("entity_id={a}")).await;
    assert_eq!(
        actions(&about_a),
        ["organisation.updated", "organisation.created"]
    );
    assert_eq!(about_a[0]["before"]["name"], "Cleveland Police");
    assert_eq!(about_a[0]["after"]["name"], "Cleveland Constabulary");
    assert!(about_a[1]["before"].is_null());
    let about_b = audit(&app, &format!("entity_id={b}")).await;
    assert_eq!(actions(&about_b), ["organisation.created"]);

    let by_officer = audit(&app, &format!("actor_id={officer_id}")).await;
    assert_eq!(actions(&by_officer), ["contact.created", "auth.signed_in"]);
    assert_eq!(by_officer[0]["entity_id"], contact.to_string());
    assert_eq!(by_officer[0]["actor"]["kind"], "user");
    assert_eq!(by_officer[0]["actor"]["id"], officer_id.as_str());

    let by_admin_on_orgs = audit(&app, &format!("actor_id={admin}&entity_type=organisation")).await;
    assert_eq!(
        by_admin_on_orgs.len(),
        3,
        "the council was made by the system"
    );
    assert!(by_admin_on_orgs
        .iter()
        .all(|e| e["actor"]["name"] == "Test Admin"));

    let renamed = audit(&app, "action=organisation.updated").await;
    assert_eq!(renamed.len(), 1);
    assert_eq!(renamed[0]["entity_id"], a.to_string());
    let created_user = audit(&app, "action=user.created&entity_type=user").await;
    assert_eq!(created_user.len(), 2, "the first admin and the officer");

    assert!(audit(&app, "entity_type=spaceship").await.is_empty());
    assert!(audit(&app, &format!("entity_id={}", Uuid::new_v4()))
        .await
        .is_empty());
    assert!(audit(
        &app,
        &format!("actor_id={officer_id}&action=organisation.created")
    )
    .await
    .is_empty());
    problem(
        app.get("/api/v1/audit-events?entity_id=not-a-uuid", &app.admin)
            .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
}

#[tokio::test]
async fn from_and_to_bound_a_time_window() {
    let app = TestApp::spawn().await;
    for name in ["First Org", "Second Org", "Third Org"] {
        tokio::time::sleep(Duration::from_millis(5)).await;
        app.create_organisation(name, "other").await;
    }
    let created = audit(&app, "action=organisation.created").await;
    let at = |name: &str| {
        occurred_at(
            created
                .iter()
                .find(|e| e["after"]["name"] == name)
                .unwrap_or_else(|| panic!("the creation of {name}")),
        )
    };
    let (t1, t2, t3) = (at("First Org"), at("Second Org"), at("Third Org"));
    assert!(t1 < t2 && t2 < t3);
    let rfc = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Micros, true);
    let action = ("action", "organisation.created".to_owned());

    // `from` is inclusive, `to` exclusive.
    assert_eq!(
        names_where(&app, &[action.clone(), ("from", rfc(t2))]).await,
        ["Third Org", "Second Org"]
    );
    assert_eq!(
        names_where(&app, &[action.clone(), ("to", rfc(t2))]).await,
        ["First Org", "Test Council"]
    );
    assert_eq!(
        names_where(&app, &[action.clone(), ("from", rfc(t2)), ("to", rfc(t3))]).await,
        ["Second Org"]
    );
    assert!(
        names_where(&app, &[action.clone(), ("from", rfc(t3)), ("to", rfc(t2))])
            .await
            .is_empty(),
        "an empty window"
    );
    // Any offset names the same instant (the client percent-encodes the `+`).
    let plus_one = t2.with_timezone(&FixedOffset::east_opt(3600).unwrap());
    assert_eq!(
        names_where(
            &app,
            &[
                action.clone(),
                (
                    "from",
                    plus_one.to_rfc3339_opts(SecondsFormat::Micros, false)
                )
            ]
        )
        .await,
        ["Third Org", "Second Org"]
    );

    // Anything else is named.
    let invalid = |query: &'static str| {
        let app = &app;
        async move {
            let r = app
                .get(&format!("/api/v1/audit-events?{query}"), &app.admin)
                .await;
            fields(&problem(r, StatusCode::UNPROCESSABLE_ENTITY).await)
        }
    };
    assert_eq!(invalid("from=yesterday").await, ["from"]);
    assert_eq!(invalid("from=2026-13-01T00:00:00Z").await, ["from"]);
    assert_eq!(invalid("from=2026-01-31").await, ["from"]);
    assert_eq!(invalid("to=soon").await, ["to"]);
    assert_eq!(invalid("from=x&to=y").await, ["from", "to"]);
    // An unencoded `+` reads as a space, as the parameter's documentation warns.
    assert_eq!(invalid("from=2026-01-31T10:00:00+01:00").await, ["from"]);
    assert_eq!(
        invalid("from=2026-01-31T10:00:00%2B01:00&to=2026-01-31T10:00:00Z&limit=0").await,
        ["limit"]
    );
}

#[tokio::test]
async fn events_are_newest_first_in_keyset_pages() {
    let app = TestApp::spawn().await;
    for i in 0..7 {
        app.create_organisation(&format!("Partner {i}"), "other")
            .await;
    }
    let (paged, pages) = all_pages(
        &app,
        "/api/v1/audit-events?entity_type=organisation",
        &app.admin,
        2,
    )
    .await;
    assert_eq!(paged.len(), 8, "seven partners and the council");
    assert_eq!(pages, 4);
    let keys: Vec<(DateTime<Utc>, Uuid)> = paged
        .iter()
        .map(|e| (occurred_at(e), e["id"].as_str().unwrap().parse().unwrap()))
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] > w[1]),
        "newest first: {keys:?}"
    );
    let names: Vec<_> = paged
        .iter()
        .map(|e| e["after"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Partner 6",
            "Partner 5",
            "Partner 4",
            "Partner 3",
            "Partner 2",
            "Partner 1",
            "Partner 0",
            "Test Council"
        ]
    );
    let one_page = audit(&app, "entity_type=organisation").await;
    assert_eq!(one_page, paged);
    // Paging over the whole trail, with its sign-in, agrees too.
    let (everything, _) = all_pages(&app, "/api/v1/audit-events", &app.admin, 3).await;
    assert_eq!(everything, audit(&app, "").await);
    assert_eq!(
        actions(&everything)[everything.len() - 2..],
        ["user.created", "organisation.created"],
        "the council and its first admin were the first events, made in one transaction"
    );
    for limit in ["0", "201", "-1"] {
        let r = app
            .get(&format!("/api/v1/audit-events?limit={limit}"), &app.admin)
            .await;
        assert!(r.status().is_client_error(), "limit={limit}");
    }
    let bad = app
        .get("/api/v1/audit-events?cursor=garbage", &app.admin)
        .await;
    assert_eq!(
        fields(&problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["cursor"]
    );
}

/// The one event of `action` about `entity`.
async fn event_of(app: &TestApp, action: &str, entity: &str) -> Value {
    let events = audit(app, &format!("action={action}&entity_id={entity}")).await;
    assert_eq!(events.len(), 1, "{action} of {entity}");
    events[0].clone()
}

#[tokio::test]
async fn each_event_carries_the_request_id_of_its_write() {
    let app = TestApp::spawn().await;
    let mut seen = HashSet::new();
    let mut check = async |response: Response, status: StatusCode, action: &str, entity: &str| {
        assert_eq!(response.status(), status, "{action}");
        let id = request_id(&response);
        assert!(seen.insert(id.clone()), "request ids are unique");
        let event = event_of(&app, action, entity).await;
        assert_eq!(event["request_id"], id.as_str(), "{action}");
    };

    let r = app
        .post(
            "/api/v1/organisations",
            &app.admin,
            &json!({"name": "Cleveland Police", "kind": "police"}),
        )
        .await;
    let header = request_id(&r);
    let org = json_of(r, StatusCode::CREATED).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        event_of(&app, "organisation.created", &org).await["request_id"],
        header.as_str()
    );
    let path = format!("/api/v1/organisations/{org}");
    let tag = etag(&app.get(&path, &app.admin).await);
    let r = app
        .patch(
            &path,
            &app.admin,
            &tag,
            &json!({"responsible_authority": false}),
        )
        .await;
    check(r, StatusCode::OK, "organisation.updated", &org).await;

    let r = app
        .post(
            "/api/v1/users",
            &app.admin,
            &json!({"email": "pc@police.example", "name": "PC Jones", "role": "contributor",
                    "organisation_id": org, "password": PASSWORD}),
        )
        .await;
    let header = request_id(&r);
    let user = json_of(r, StatusCode::CREATED).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        event_of(&app, "user.created", &user).await["request_id"],
        header.as_str()
    );
    let r = app
        .request(
            Method::PUT,
            &format!("/api/v1/users/{user}/password"),
            Some(&app.admin),
        )
        .json(&json!({"password": "a new long passphrase"}))
        .send()
        .await
        .unwrap();
    check(r, StatusCode::NO_CONTENT, "user.password_reset", &user).await;
    let r = app
        .token_response(
            &json!({"grant_type": "password", "email": "pc@police.example",
                                "password": "a new long passphrase"}),
        )
        .await;
    check(r, StatusCode::OK, "auth.signed_in", &user).await;

    // A caller's own request id is kept, in the answer and in the trail.
    let r = app
        .request(Method::POST, "/api/v1/contacts", Some(&app.admin))
        .header("x-request-id", "import-batch-42.row-7")
        .json(&json!({"name": "PC Jones", "organisation_id": org}))
        .send()
        .await
        .unwrap();
    assert_eq!(request_id(&r), "import-batch-42.row-7");
    let contact = json_of(r, StatusCode::CREATED).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        event_of(&app, "contact.created", &contact).await["request_id"],
        "import-batch-42.row-7"
    );
    let path = format!("/api/v1/contacts/{contact}");
    let tag = etag(&app.get(&path, &app.admin).await);
    let r = app
        .patch(&path, &app.admin, &tag, &json!({"user_id": user}))
        .await;
    check(r, StatusCode::OK, "contact.updated", &contact).await;

    let r = app
        .post(
            "/api/v1/service-accounts",
            &app.admin,
            &json!({"name": "Police RMS", "role": "contributor", "organisation_id": org}),
        )
        .await;
    let header = request_id(&r);
    let account = json_of(r, StatusCode::CREATED).await["account"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        event_of(&app, "service_account.created", &account).await["request_id"],
        header.as_str()
    );
    let path = format!("/api/v1/service-accounts/{account}");
    let tag = etag(&app.get(&path, &app.admin).await);
    let r = app
        .request(Method::POST, &format!("{path}/secret"), Some(&app.admin))
        .header("if-match", tag)
        .send()
        .await
        .unwrap();
    let header = request_id(&r);
    let secret = json_of(r, StatusCode::CREATED).await["client_secret"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        event_of(&app, "service_account.secret_rotated", &account).await["request_id"],
        header.as_str()
    );
    let client_id = json(app.get(&path, &app.admin).await).await["client_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = app
        .token_response(&json!({"grant_type": "client_credentials",
            "client_id": client_id, "client_secret": secret}))
        .await;
    check(r, StatusCode::OK, "auth.client_token_issued", &account).await;
    let tag = etag(&app.get(&path, &app.admin).await);
    let r = app
        .patch(&path, &app.admin, &tag, &json!({"active": false}))
        .await;
    check(r, StatusCode::OK, "service_account.updated", &account).await;

    // Every event written by a request carries its id; only the first admin's, made before
    // any request, has none.
    let without: Vec<_> = audit(&app, "")
        .await
        .into_iter()
        .filter(|e| e["request_id"].is_null())
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(without, ["user.created", "organisation.created"]);
}
