//! Helpers shared by the authorisation matrix and the resource tests (on top of `helpers`).
use crate::helpers::{etag, TestApp};
use reqwest::{Method, Response, StatusCode};
use serde_json::Value;
use std::collections::HashSet;
use std::io::Read;

/// Strings that must never appear in any answer of the API.
pub const NEVER_SHOWN: [&str; 3] = ["password_hash", "$argon2", "secret_hash"];

/// Reads a body as text and checks that it leaks no password hash.
pub async fn text(response: Response) -> String {
    let body = response.text().await.unwrap();
    for needle in NEVER_SHOWN {
        assert!(!body.contains(needle), "{needle} leaked in {body}");
    }
    body
}

/// Reads a JSON body, checking that it leaks no password hash.
pub async fn json(response: Response) -> Value {
    let body = text(response).await;
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("JSON body ({e}): {body}"))
}

/// Asserts the status, then reads the JSON body.
pub async fn json_of(response: Response, status: StatusCode) -> Value {
    let actual = response.status();
    let body = text(response).await;
    assert_eq!(actual, status, "body: {body}");
    serde_json::from_str(&body).unwrap()
}

/// Reads a list to its end, `limit` items a page, following `next_cursor` until it is absent.
/// Checks that every page but the last is full, that no id repeats, and returns the items and
/// the number of pages read.
pub async fn all_pages(app: &TestApp, path: &str, token: &str, limit: u32) -> (Vec<Value>, usize) {
    let separator = if path.contains('?') { '&' } else { '?' };
    let mut items: Vec<Value> = Vec::new();
    let mut seen = HashSet::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut request = app.request(
            Method::GET,
            &format!("{path}{separator}limit={limit}"),
            Some(token),
        );
        if let Some(cursor) = &cursor {
            request = request.query(&[("cursor", cursor)]);
        }
        let page = json_of(request.send().await.unwrap(), StatusCode::OK).await;
        pages += 1;
        assert!(pages < 1000, "paging does not end");
        let page_items = page["items"].as_array().expect("items").clone();
        assert!(page_items.len() <= limit as usize);
        for item in &page_items {
            let id = item["id"].as_str().expect("an id").to_owned();
            assert!(seen.insert(id.clone()), "{id} appears on two pages");
        }
        items.extend(page_items.iter().cloned());
        match page.get("next_cursor").and_then(Value::as_str) {
            Some(next) => {
                assert_eq!(
                    page_items.len(),
                    limit as usize,
                    "a page before the last is full"
                );
                cursor = Some(next.to_owned());
            }
            None => {
                assert!(
                    page.get("next_cursor").is_none_or(Value::is_null),
                    "next_cursor is a string or absent"
                );
                break;
            }
        }
    }
    (items, pages)
}

/// Every audit event matching `query` (e.g. `action=user.created`), newest first.
pub async fn audit(app: &TestApp, query: &str) -> Vec<Value> {
    all_pages(
        app,
        &format!("/api/v1/audit-events?{query}"),
        &app.admin,
        200,
    )
    .await
    .0
}

/// The current ETag of a record, read as admin.
pub async fn current_etag(app: &TestApp, path: &str) -> String {
    let response = app.get(path, &app.admin).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    etag(&response)
}

/// The request id the server answered with.
pub fn request_id(response: &Response) -> String {
    response
        .headers()
        .get("x-request-id")
        .expect("an x-request-id header")
        .to_str()
        .unwrap()
        .to_owned()
}

// ---- reading papers back ------------------------------------------------------------------

pub fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut part = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"))
        .read_to_string(&mut part)
        .unwrap();
    part
}

/// The text of a WordprocessingML or SpreadsheetML part: its text nodes, with each element
/// boundary read as a space.
pub fn xml_text(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

pub fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn assert_in_order<S: AsRef<str>>(text: &str, values: &[S], what: &str) {
    let text = normalise(text);
    let mut at = 0;
    for value in values {
        let value = normalise(value.as_ref());
        match text[at..].find(&value) {
            Some(i) => at += i + value.len(),
            None => panic!(
                "{what}: {value:?} not found in order; the text goes on: {:?}",
                text[at..].chars().take(300).collect::<String>()
            ),
        }
    }
}
