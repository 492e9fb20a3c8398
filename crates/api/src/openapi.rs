//! The OpenAPI document: the shared parts (security scheme, error responses, tags). Paths reach it
//! through `utoipa_actix_web`, from the handlers as they are registered.
use crate::error::Problem;
use std::collections::BTreeMap;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, RefOr, Response, ResponseBuilder};
use utoipa::{IntoResponses, Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Scrutiny recommendation tracker API",
        description = "Scrutiny reviews, the recommendations Cabinet decides on, action plans and the progress partners report. \
Sign in with `POST /api/v1/auth/token` and send the access token as `Authorization: Bearer …`. \
Errors are RFC 9457 `application/problem+json`. Lists are keyset-paginated: pass `next_cursor` back as `cursor`. \
Updates need the record's `ETag` in `If-Match`.",
        license(name = "MIT")
    ),
    modifiers(&SecurityAddon),
    tags(
        (name = "auth", description = "Tokens for people and partner systems; sign-in through a council's identity provider"),
        (name = "organisations", description = "Councils and partner organisations"),
        (name = "users", description = "People who sign in"),
        (name = "contacts", description = "People named as responsible or as link officers"),
        (name = "service-accounts", description = "Credentials for partners' systems"),
        (name = "identity-providers", description = "Councils' own identity providers (OpenID Connect): staff sign in with the council's accounts, their groups mapped to roles"),
        (name = "audit", description = "Who changed what, and when"),
        (name = "committees", description = "Select committees, renamed and replaced with their history kept"),
        (name = "reviews", description = "Scrutiny reviews and their status"),
        (name = "recommendations", description = "Recommendations and their parts"),
        (name = "decisions", description = "Cabinet decision records and call-in"),
        (name = "responses", description = "Statutory responses to a review's report: the executive's and each responsible partner's, by the day the law sets"),
        (name = "action-plans", description = "Action plans, actions, owners and milestones"),
        (name = "calendars", description = "Working-day calendars and council settings"),
        (name = "papers", description = "Committee papers as DOCX, PDF or printable HTML: the action plan, the progress update, the decision record, a statutory response"),
        (name = "exports", description = "Recommendations, actions and progress entries as CSV or XLSX, with the lists' filters"),
        (name = "events", description = "The event feed: what changed, in commit order, for other council systems"),
        (name = "webhooks", description = "Webhook subscriptions: events POSTed to other systems, signed the Standard Webhooks way, with a delivery log"),
        (name = "calendar-feeds", description = "iCalendar feeds of the dates people work to, for their calendar clients"),
        (name = "open-data", description = "What councils publish, without signing in: reviews, recommendations and accepted grades, decisions, agreed plans"),
        (name = "health", description = "Liveness and readiness"),
    ),
    components(schemas(Problem))
)]
pub struct ApiDoc;

pub const SECURITY_SCHEME: &str = "bearer";

struct SecurityAddon;

impl Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            SECURITY_SCHEME,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("An access token from POST /api/v1/auth/token"))
                    .build(),
            ),
        );
    }
}

/// A response of the one error type, problem+json.
pub(crate) fn problem(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    "Problem",
                ))))
                .build(),
        )
        .build()
        .into()
}

fn responses(list: &[(u16, &str)]) -> BTreeMap<String, RefOr<Response>> {
    list.iter()
        .map(|(status, description)| (status.to_string(), problem(description)))
        .collect()
}

const UNAUTHORIZED: (u16, &str) = (401, "No valid access token");
const FORBIDDEN: (u16, &str) = (403, "The role does not allow this");
const NOT_FOUND: (u16, &str) = (404, "No such record, or not visible to the caller");
const UNAVAILABLE: (u16, &str) = (503, "The database is unreachable or busy");
const INTERNAL: (u16, &str) = (500, "Unexpected error (logged with the request id)");
const INVALID: (u16, &str) = (422, "Invalid fields, each named");

/// Errors of an authenticated read of one record.
pub struct ReadErrors;
impl IntoResponses for ReadErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[UNAUTHORIZED, FORBIDDEN, NOT_FOUND, UNAVAILABLE, INTERNAL])
    }
}

/// Errors of an authenticated list.
pub struct ListErrors;
impl IntoResponses for ListErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[
            (400, "Malformed query"),
            UNAUTHORIZED,
            FORBIDDEN,
            INVALID,
            UNAVAILABLE,
            INTERNAL,
        ])
    }
}

/// Errors of a create (POST with a JSON body).
pub struct CreateErrors;
impl IntoResponses for CreateErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[
            (400, "Malformed JSON"),
            UNAUTHORIZED,
            FORBIDDEN,
            (409, "Conflicts with an existing record"),
            (413, "Body too large"),
            (415, "Body is not JSON"),
            INVALID,
            UNAVAILABLE,
            INTERNAL,
        ])
    }
}

/// Errors of an update (PATCH with a JSON body and If-Match).
pub struct UpdateErrors;
impl IntoResponses for UpdateErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[
            (400, "Malformed JSON"),
            UNAUTHORIZED,
            FORBIDDEN,
            NOT_FOUND,
            (409, "Conflicts with the current state"),
            (412, "The record changed since it was read (stale If-Match)"),
            (413, "Body too large"),
            (415, "Body is not JSON"),
            INVALID,
            (428, "If-Match is required"),
            UNAVAILABLE,
            INTERNAL,
        ])
    }
}

/// Errors of a POST action on one record (a JSON body, no If-Match).
pub struct ActionErrors;
impl IntoResponses for ActionErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[
            (400, "Malformed JSON"),
            UNAUTHORIZED,
            FORBIDDEN,
            NOT_FOUND,
            (409, "Conflicts with the current state"),
            (413, "Body too large"),
            (415, "Body is not JSON"),
            INVALID,
            UNAVAILABLE,
            INTERNAL,
        ])
    }
}

/// Errors of the token endpoint.
pub struct TokenErrors;
impl IntoResponses for TokenErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[
            (400, "Malformed JSON"),
            (401, "The credentials or refresh token are not valid"),
            (413, "Body too large"),
            (415, "Body is not JSON"),
            INVALID,
            (429, "Too many attempts; see Retry-After"),
            UNAVAILABLE,
            INTERNAL,
        ])
    }
}

/// Errors of a public POST with a JSON body (no authentication), throttled per address.
pub struct PublicWriteErrors;
impl IntoResponses for PublicWriteErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[
            (400, "Malformed JSON"),
            (413, "Body too large"),
            (415, "Body is not JSON"),
            INVALID,
            (429, "Too many attempts; see Retry-After"),
            UNAVAILABLE,
            INTERNAL,
        ])
    }
}

/// Errors of a public read (no authentication, no parameters).
pub struct PublicReadErrors;
impl IntoResponses for PublicReadErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[UNAVAILABLE, INTERNAL])
    }
}
