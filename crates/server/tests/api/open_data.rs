//! Open data: after loading the demo data and adding what must never be published (an unpublished
//! review, a contact's details, a draft and a returned entry, an attachment), every public
//! endpoint is crawled without a token, and none of it appears; the published review, its
//! recommendations and accepted grades do. Answers carry an ETag (304 on a repeat), are
//! cacheable and readable cross-origin, and each address is rate-limited.
use crate::fixtures::{conn, get_json};
use crate::helpers::TestApp;
use crate::support::{json_of, text};
use diesel_async::RunQueryDsl;
use reqwest::{Method, StatusCode};
use scrutiny_server::accounts::{load_demo, DEMO_PASSWORD};
use scrutiny_server::demo::police_communications;
use scrutiny_server::demo_progress::load_progress;
use serde_json::{json, Value};

async fn public_get(app: &TestApp, path: &str) -> reqwest::Response {
    app.request(Method::GET, path, None).send().await.unwrap()
}

#[tokio::test]
async fn open_data_holds_what_councils_publish_and_nothing_else() {
    let app = TestApp::spawn().await;
    let mut c = conn(&app).await;
    load_demo(&mut c).await.expect("the demo data loads");
    load_progress(&mut c, &police_communications())
        .await
        .expect("the demo progress loads");
    let officer = app.login("officer@stockton.example", DEMO_PASSWORD).await;
    // What must never be published.
    let secrets = [
        "never-published@contact.example",
        "07700 900123",
        "UNPUBLISHED REVIEW TITLE",
        "UNPUBLISHED RECOMMENDATION",
        "DRAFT EVIDENCE OF PROGRESS",
        "RETURN COMMENT FOR THE PARTNER",
        "secret-appendix.pdf",
    ];
    let contact = app
        .post(
            "/api/v1/contacts",
            &officer,
            &json!({"name": "Private Person", "email": secrets[0], "phone": secrets[1]}),
        )
        .await;
    assert_eq!(contact.status(), StatusCode::CREATED);
    let committees = get_json(&app, "/api/v1/committees", &officer).await;
    let committee = committees["items"][0]["id"].clone();
    let draft_review = json_of(
        app.post(
            "/api/v1/reviews",
            &officer,
            &json!({"committee_id": committee, "title": secrets[2], "review_type": "other"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    app.post(
        &format!(
            "/api/v1/reviews/{}/recommendations",
            draft_review["id"].as_str().unwrap()
        ),
        &officer,
        &json!({"number": "1", "text": secrets[3]}),
    )
    .await;
    // A draft and a returned entry, and an attachment, written straight into the database.
    for (state, column, value) in [
        ("draft", "progress", secrets[4]),
        ("returned", "return_comments", secrets[5]),
    ] {
        let changed = diesel::sql_query(format!(
            "UPDATE progress_entries SET state = '{state}', {column} = '{value}' \
             WHERE id = (SELECT id FROM progress_entries WHERE state = 'accepted' \
                         ORDER BY id LIMIT 1)"
        ))
        .execute(&mut c)
        .await
        .unwrap();
        assert_eq!(changed, 1, "an entry made {state}");
    }
    #[derive(diesel::QueryableByName)]
    struct Id {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: uuid::Uuid,
    }
    let draft: Id =
        diesel::sql_query("SELECT id FROM progress_entries WHERE state = 'draft' LIMIT 1")
            .get_result(&mut c)
            .await
            .unwrap();
    let uploaded = app
        .request(
            Method::POST,
            &format!("/api/v1/progress-entries/{}/attachments", draft.id),
            Some(&officer),
        )
        .multipart(crate::attachments::form(
            secrets[6],
            &crate::attachments::pdf(),
            Some("Secret appendix"),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), StatusCode::CREATED);
    drop(c);

    // Crawl every public endpoint, without a token.
    let mut bodies = Vec::new();
    let councils = public_get(&app, "/api/v1/open/councils").await;
    assert_eq!(councils.headers()["access-control-allow-origin"], "*");
    assert!(councils.headers()["cache-control"]
        .to_str()
        .unwrap()
        .starts_with("public"));
    let councils: Value = json_of(councils, StatusCode::OK).await;
    bodies.push(councils.to_string());
    let mut review_ids = Vec::new();
    let mut path = "/api/v1/open/reviews?limit=1".to_owned();
    loop {
        let page: Value = json_of(public_get(&app, &path).await, StatusCode::OK).await;
        bodies.push(page.to_string());
        for r in page["items"].as_array().unwrap() {
            review_ids.push(r["id"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/open/reviews?limit=1&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(review_ids.len(), 1, "the demo review only: {review_ids:?}");
    let review_path = format!("/api/v1/open/reviews/{}", review_ids[0]);
    let response = public_get(&app, &review_path).await;
    let tag = response.headers()["etag"].to_str().unwrap().to_owned();
    let review: Value = json_of(response, StatusCode::OK).await;
    bodies.push(review.to_string());
    let csv = text(public_get(&app, "/api/v1/open/recommendations.csv").await).await;
    bodies.push(csv.clone());
    let unpublished = format!(
        "/api/v1/open/reviews/{}",
        draft_review["id"].as_str().unwrap()
    );
    assert_eq!(
        public_get(&app, &unpublished).await.status(),
        StatusCode::NOT_FOUND
    );

    for body in &bodies {
        for secret in secrets {
            assert!(!body.contains(secret), "{secret:?} is published: {body}");
        }
        for key in [
            "proposed_grade",
            "officer_grade",
            "return_comments",
            "email",
            "phone",
        ] {
            assert!(!body.contains(&format!("\"{key}\"")), "{key} is published");
        }
    }
    // What is published: the review, its recommendations with accepted grades, the decision
    // and the agreed plan.
    let data = police_communications();
    assert_eq!(review["title"], data.review.title);
    let recs = review["recommendations"].as_array().unwrap();
    assert_eq!(recs.len(), data.recommendations.len());
    assert!(
        recs.iter()
            .any(|r| r["latest_accepted_grade"]["label"].is_string()),
        "accepted grades with their labels: {review}"
    );
    assert_eq!(review["decisions"].as_array().unwrap().len(), 1);
    assert!(review["action_plan"]["actions"].as_array().unwrap().len() >= recs.len());
    assert!(csv.starts_with('\u{FEFF}'));
    assert!(csv.contains(&data.review.title));

    // A repeat with the ETag is 304.
    let repeat = app
        .request(Method::GET, &review_path, None)
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(repeat.status(), StatusCode::NOT_MODIFIED);
    // One address may not read without limit.
    let mut limited = None;
    for _ in 0..200 {
        let r = public_get(&app, "/api/v1/open/councils").await;
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(r);
            break;
        }
    }
    let limited = limited.expect("429 after the burst");
    assert!(limited.headers().contains_key("retry-after"));
}
