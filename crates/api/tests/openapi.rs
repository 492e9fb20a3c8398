//! The committed `openapi/openapi.json` must be exactly what the code produces. After changing the
//! API, regenerate it with `UPDATE_OPENAPI=1 cargo test -p scrutiny-api --test openapi` (or
//! `cargo run -p scrutiny-server -- openapi > openapi/openapi.json`) and commit it.
use std::path::PathBuf;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json")
}

#[test]
fn committed_openapi_document_matches_the_code() {
    let generated = scrutiny_api::openapi_json();
    let path = committed_path();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).expect("write openapi/openapi.json");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let first_difference = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map(|i| i + 1)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()) + 1);
        panic!(
            "openapi/openapi.json is stale (first difference at line {first_difference}). \
             Run `UPDATE_OPENAPI=1 cargo test -p scrutiny-api --test openapi`, regenerate the \
             frontend client, and commit both."
        );
    }
}

#[test]
fn every_operation_documents_its_errors_and_security() {
    let doc: serde_json::Value = serde_json::from_str(&scrutiny_api::openapi_json()).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let public = [
        "/health/live",
        "/health/ready",
        "/api/v1/auth/token",
        "/api/v1/auth/revoke",
        // Signing in through a council's identity provider: before anyone has a token.
        "/api/v1/auth/providers",
        "/api/v1/auth/oidc/{id}/start",
        "/api/v1/auth/oidc/callback",
        // The address of a calendar feed is its credential: calendar clients send no token.
        "/api/v1/calendar-feeds/{token}.ics",
        // Open data: what councils publish anyway.
        "/api/v1/open/councils",
        "/api/v1/open/reviews",
        "/api/v1/open/reviews/{id}",
        "/api/v1/open/recommendations.csv",
    ];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            assert!(
                path == "/health/live"
                    || responses
                        .keys()
                        .any(|code| code.starts_with('4') || code.starts_with('5')),
                "{method} {path} documents no error response"
            );
            if !public.contains(&path.as_str()) {
                assert!(
                    op.get("security").is_some(),
                    "{method} {path} has no security requirement"
                );
                assert!(
                    responses.contains_key("401"),
                    "{method} {path} does not document 401"
                );
            }
            assert!(
                op.get("operationId").is_some(),
                "{method} {path} has no operationId"
            );
        }
    }
}
