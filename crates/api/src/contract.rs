//! Completes the OpenAPI document with what every handler shares, so that it says exactly what the
//! server does whatever each handler's annotation lists: the errors the shared extractors and
//! middleware answer (a malformed query is 400, an invalid field 422, an unknown or malformed id
//! in the path 404, a body too large 413, ...), the `If-Match` statuses (412, 428), and the shape
//! of a paging cursor. `crate::openapi_document` runs it last; the contract tests (schemathesis in
//! `scripts/contract`) hold the server to the result.
use std::collections::BTreeMap;
use utoipa::openapi::path::{Operation, Parameter, ParameterIn};
use utoipa::openapi::schema::{KnownFormat, Object, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{OpenApi, RefOr, Required, Response};

/// A cursor as `scrutiny_app::paging` makes it: URL-safe base64 without padding.
pub const CURSOR_PATTERN: &str = "^[A-Za-z0-9_-]+$";
/// The longest cursor accepted; every cursor the server makes is far shorter.
pub const CURSOR_MAX_LENGTH: usize = 1024;

fn declare(responses: &mut BTreeMap<String, RefOr<Response>>, status: u16, description: &str) {
    responses
        .entry(status.to_string())
        .or_insert_with(|| crate::openapi::problem(description));
}

fn is_public(operation: &Operation) -> bool {
    match &operation.security {
        None => true,
        Some(list) => list.iter().all(|requirement| {
            serde_json::to_value(requirement)
                .ok()
                .and_then(|v| v.as_object().map(|o| o.is_empty()))
                .unwrap_or(false)
        }),
    }
}

fn cursor_schema() -> RefOr<utoipa::openapi::schema::Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(CURSOR_MAX_LENGTH))
        .pattern(Some(CURSOR_PATTERN))
        .into()
}

/// A constraint the server enforces on a string or number that the handler's type alone does not
/// show; added where the document has none of its own.
#[derive(Clone, Default)]
struct Rule {
    enumeration: Option<Vec<String>>,
    pattern: Option<String>,
    format: Option<KnownFormat>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    minimum: Option<i64>,
    maximum: Option<i64>,
}

impl Rule {
    fn one_of<S: AsRef<str>>(values: impl IntoIterator<Item = S>) -> Self {
        Rule {
            enumeration: Some(values.into_iter().map(|v| v.as_ref().to_owned()).collect()),
            ..Rule::default()
        }
    }
    /// A day, `yyyy-mm-dd`, in the years the server takes (1000 to 9999).
    fn date() -> Self {
        Rule {
            format: Some(KnownFormat::Date),
            pattern: Some("^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$".into()),
            ..Rule::default()
        }
    }
    fn between(minimum: i64, maximum: i64) -> Self {
        Rule {
            minimum: Some(minimum),
            maximum: Some(maximum),
            ..Rule::default()
        }
    }
    fn pattern(pattern: impl Into<String>, max_length: usize) -> Self {
        Rule {
            pattern: Some(pattern.into()),
            min_length: Some(1),
            max_length: Some(max_length),
            ..Rule::default()
        }
    }
    /// A comma-separated list of these words.
    fn list_of<S: AsRef<str>>(values: impl IntoIterator<Item = S>) -> Self {
        let words: Vec<String> = values
            .into_iter()
            .map(|v| regex_escape(v.as_ref()))
            .collect();
        let word = format!("(?:{})", words.join("|"));
        // Empty is no filter, as absent.
        Rule {
            pattern: Some(format!("^(?:{word}(?:,{word})*)?$")),
            max_length: Some(4096),
            ..Rule::default()
        }
    }

    fn apply_to(&self, field: &mut RefOr<Schema>) {
        for object in objects_of(field) {
            self.apply(object);
        }
    }

    fn apply(&self, object: &mut Object) {
        if object.enum_values.is_some() || object.pattern.is_some() {
            return;
        }
        if let Some(values) = &self.enumeration {
            let mut values: Vec<serde_json::Value> =
                values.iter().map(|v| v.as_str().into()).collect();
            let nullable = serde_json::to_value(&object.schema_type)
                .ok()
                .and_then(|t| t.as_array().cloned())
                .is_some_and(|types| types.iter().any(|t| t == "null"));
            if nullable {
                values.push(serde_json::Value::Null);
            }
            object.enum_values = Some(values);
        }
        if let Some(pattern) = &self.pattern {
            object.pattern = Some(pattern.clone());
        }
        if let Some(format) = &self.format {
            object.format = Some(SchemaFormat::KnownFormat(format.clone()));
        }
        if self.min_length.is_some() {
            object.min_length = self.min_length;
        }
        if self.max_length.is_some() {
            object.max_length = self.max_length;
        }
        // An unsigned type says `minimum: 0`; the server's own bound is higher.
        let declared_minimum = object
            .minimum
            .as_ref()
            .and_then(|m| serde_json::to_value(m).ok())
            .and_then(|m| m.as_f64());
        if let Some(minimum) = self.minimum {
            if declared_minimum.is_none_or(|declared| declared < minimum as f64) {
                object.minimum = Some(minimum.into());
            }
        }
        if let (Some(maximum), None) = (self.maximum, &object.maximum) {
            object.maximum = Some(maximum.into());
        }
    }
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escape = "\\.+*?()|[]{}^$".contains(c);
            escape.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

/// Control characters as `char::is_control` sees them (Unicode Cc).
const CONTROL: &str = r"\x00-\x1F\x7F-\x9F";

/// Short single-line text (`scrutiny_domain::people::Name`): trimmed, not blank, no control
/// characters.
fn name_rule() -> Rule {
    Rule::pattern(
        format!(r"^[^{CONTROL}]*[^\s{CONTROL}][^{CONTROL}]*$"),
        scrutiny_domain::people::Name::MAX,
    )
}

/// An optional short single-line text: blank clears it; no control characters.
fn optional_name_rule() -> Rule {
    Rule {
        pattern: Some(format!(r"^[^{CONTROL}]*$")),
        max_length: Some(scrutiny_domain::people::Name::MAX),
        ..Rule::default()
    }
}

/// An email address as `scrutiny_domain::people::Email` takes it: a local part of 1 to 64
/// characters, `@`, a domain with a dot (not at either end, never two together), no white space
/// or control characters.
fn email_rule() -> Rule {
    // Visible ASCII: the server counts bytes.
    let local = r"[!-?A-~]";
    let label = r"[!-\-/-?A-~]";
    Rule {
        pattern: Some(format!(r"^{local}{{1,64}}@{label}+(?:\.{label}+)+$")),
        max_length: Some(254),
        ..Rule::default()
    }
}

/// A multi-line text that must not be blank: line breaks and tabs allowed, other control
/// characters not.
fn multi_line_text_pattern() -> String {
    let other = CONTROL_BUT_LINES;
    format!(r"^[^{other}]*[^\s{other}][^{other}]*$")
}

/// Every control character but tab, line feed and carriage return.
const CONTROL_BUT_LINES: &str = r"\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F";

/// A multi-line text that may be blank (none): no control characters but line breaks and tabs.
fn optional_multi_line_rule() -> Rule {
    Rule {
        pattern: Some(format!("^[^{CONTROL_BUT_LINES}]*$")),
        ..Rule::default()
    }
}

/// A reason or comment (`scrutiny_domain::records::Reason`).
fn reason_rule() -> Rule {
    Rule::pattern(
        multi_line_text_pattern(),
        scrutiny_domain::records::Reason::MAX,
    )
}

/// Long text (a recommendation's or part's text, an action), without a length the document
/// states.
fn long_text_rule() -> Rule {
    Rule {
        pattern: Some(multi_line_text_pattern()),
        min_length: Some(1),
        ..Rule::default()
    }
}

/// A date to month or day precision as the server reads it; the document states two of the forms
/// it takes ("April 2022" and "2022-04-14"), the others ("14 April 2022", "14/04/2022") are
/// understood too.
fn month_or_day_rule() -> Rule {
    const MONTHS: &str =
        "January|February|March|April|May|June|July|August|September|October|November|December";
    Rule {
        pattern: Some(format!(
            "^(?:[1-9][0-9]{{3}}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:{MONTHS}) [1-9][0-9]{{3}})$"
        )),
        ..Rule::default()
    }
}

/// The kinds of file an import profile reads.
const IMPORT_KINDS: [&str; 2] = ["tracker", "action_plan"];

/// The fields a column of an imported file may fill.
fn import_fields() -> Vec<&'static str> {
    scrutiny_import::Field::ALL
        .iter()
        .map(|f| f.as_str())
        .collect()
}

/// The rules for query parameters, by name (every list that takes the parameter). The sign-in
/// redirects (`/auth/oidc/…`) take anything: they answer a bad value through the redirect.
fn query_rule(path: &str, name: &str) -> Option<Rule> {
    if path.starts_with("/api/v1/auth/") {
        return None;
    }
    use scrutiny_domain::people::OrganisationKind;
    use scrutiny_domain::progress::SubmissionState;
    Some(match name {
        "due_from" | "due_to" | "meeting_from" | "meeting_to" | "deadline_from" | "deadline_to"
        | "from" | "to" => Rule::date(),
        "limit" => Rule::between(1, i64::from(crate::extract::MAX_LIMIT)),
        "kind" if path.starts_with("/api/v1/import") => Rule::one_of(IMPORT_KINDS),
        "kind" => Rule::one_of(
            [
                OrganisationKind::Council,
                OrganisationKind::Police,
                OrganisationKind::Fire,
                OrganisationKind::Health,
                OrganisationKind::Probation,
                OrganisationKind::Other,
            ]
            .map(|k| k.as_str()),
        ),
        "sort" => Rule::one_of(["position", "updated", "relevance"]),
        // What waits for an officer's assessment.
        "state" if path == "/api/v1/me/assessments" => Rule::list_of([
            SubmissionState::Submitted.as_str(),
            SubmissionState::Validated.as_str(),
        ]),
        "state" => Rule::list_of(SubmissionState::ALL.map(|s| s.as_str())),
        "max_rows" => Rule::between(1, 100_000),
        "q" => Rule {
            pattern: Some(format!("^[^{CONTROL}]*$")),
            max_length: Some(scrutiny_app::input::SEARCH_MAX),
            ..Rule::default()
        },
        "appendix" => Rule::pattern("^[A-Za-z0-9]{1,10}$", 10),
        "include" => Rule::list_of(["recommendations", "decisions", "action_plan"]),
        "types" => Rule::list_of(scrutiny_app::events::TYPES.iter().map(|(t, _)| *t)),
        "after" => Rule::pattern(CURSOR_PATTERN, CURSOR_MAX_LENGTH),
        "work_programme_year" => Rule::pattern(r"^\d{4} ?[-/] ?(\d{2}|\d{4})$", 20),
        _ => return None,
    })
}

/// The rules for path parameters other than ids, by the path's ending.
fn path_rule(path: &str, name: &str) -> Option<Rule> {
    match name {
        "format" if path.contains("/export.") => Some(Rule::one_of(["csv", "xlsx"])),
        "format" if path.contains("/papers/") => Some(Rule::one_of(["docx", "pdf", "html"])),
        "date" => Some(Rule::date()),
        _ => None,
    }
}

/// The rules for request-body fields, by property name (in every request body schema).
fn body_rule(schema: &str, property: &str) -> Option<Rule> {
    use scrutiny_domain::records::ReviewType;
    Some(match (schema, property) {
        (_, "reason" | "comments") => reason_rule(),
        // A plan's title is optional: blank is none.
        ("PutActionPlan" | "UpdateActionPlan", "title") => Rule {
            max_length: Some(scrutiny_app::plans::TITLE_MAX),
            ..optional_name_rule()
        },
        (_, "name" | "title" | "responder_name") => name_rule(),
        (_, "item_title") => Rule::pattern(
            multi_line_text_pattern(),
            scrutiny_app::decisions::MAX_TITLE,
        ),
        (_, "job_title") | ("MilestoneInput", "label") => optional_name_rule(),
        (
            _,
            "responsibility_text"
            | "status_notes"
            | "minute_reference"
            | "progress"
            | "proposed_explanation"
            | "amendment_reason"
            | "note"
            | "decision_text"
            | "reasons"
            | "alternatives"
            | "conflicts"
            | "dispensations",
        ) => optional_multi_line_rule(),
        ("CreateDecision" | "UpdateDecision", "reference") => optional_multi_line_rule(),
        (_, "email" | "owner_email") => email_rule(),
        // A plan's agreement date may be blank: none (or cleared).
        (_, "agreed_on") => {
            let mut rule = month_or_day_rule();
            rule.pattern = rule.pattern.map(|p| format!("^\\s*$|{p}"));
            rule
        }
        ("MilestoneInput", "date") => month_or_day_rule(),
        (_, p) if p.ends_with("_date") || p.ends_with("_on") => Rule::date(),
        ("CreateAction" | "UpdateAction", "position") => Rule::between(1, 100_000),
        (_, "position") => Rule {
            minimum: Some(1),
            ..Rule::default()
        },
        (_, "text" | "proposed_actions" | "success_measures") => long_text_rule(),
        (_, "number") => Rule::pattern(
            r"^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,8}[A-Za-z0-9])?$",
            scrutiny_domain::records::RecommendationNumber::MAX,
        ),
        (_, "update_interval_months") => Rule::between(1, 60),
        (_, "new_password") => Rule {
            min_length: Some(scrutiny_domain::people::NewPassword::MIN),
            max_length: Some(scrutiny_domain::people::NewPassword::MAX),
            ..Rule::default()
        },
        (_, "review_type") => Rule::one_of(ReviewType::ALL.map(|t| t.as_str())),
        ("CreateCalendarFeed", "kind") => Rule::one_of(["user", "organisation", "committee"]),
        ("CreateImportProfile", "kind") => Rule::one_of(IMPORT_KINDS),
        ("ProfileColumn", "field") => Rule::one_of(import_fields()),
        ("ProfileColumn" | "StatusGrade" | "CommitteeName", "heading" | "value") => Rule::pattern(
            format!(r"^[^{CONTROL}]*[^\s{CONTROL}][^{CONTROL}]*$"),
            scrutiny_app::import_profiles::VALUE_MAX,
        ),
        ("StatusGrade", "grade") => Rule::pattern(
            r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
            scrutiny_domain::progress::GradeCode::MAX,
        ),
        ("CreateReview" | "UpdateReview", "reference") => Rule {
            pattern: Some(format!(r"^[^{CONTROL}]*$")),
            max_length: Some(scrutiny_app::reviews::REFERENCE_MAX),
            ..Rule::default()
        },
        // A part's label as written on a recommendation or resolution: "a", "b", ..., "iv".
        ("NewPartInput" | "UpdateRecommendationPart" | "ResolutionPartInput", "label") => {
            Rule::pattern(r"^[A-Za-z]{1,6}$", 6)
        }
        ("StatedCallInInput", "deadline") => Rule {
            format: Some(KnownFormat::DateTime),
            pattern: Some(r"^[1-9][0-9]{3}-".into()),
            ..Rule::default()
        },
        ("CreateDecision" | "UpdateDecision", "body") => name_rule(),
        // Blank is none; otherwise digits, spaces and + ( ) -, with a digit.
        (_, "phone") => Rule {
            pattern: Some(r"^(?:\s*|[ +()-]*[0-9][0-9 +()-]*)$".into()),
            max_length: Some(scrutiny_app::contacts::PHONE_MAX),
            ..Rule::default()
        },
        _ => return None,
    })
}

/// Completes one operation in place.
fn complete_operation(path: &str, operation: &mut Operation) {
    let parameters: &[Parameter] = operation.parameters.as_deref().unwrap_or(&[]);
    let has_query = parameters
        .iter()
        .any(|p| matches!(p.parameter_in, ParameterIn::Query));
    let if_match_required = parameters.iter().any(|p| {
        matches!(p.parameter_in, ParameterIn::Header)
            && p.name.eq_ignore_ascii_case("if-match")
            && matches!(p.required, Required::True)
    });
    let has_idempotency_key = parameters.iter().any(|p| {
        matches!(p.parameter_in, ParameterIn::Header)
            && p.name.eq_ignore_ascii_case("idempotency-key")
    });
    let has_path = path.contains('{');
    let has_body = operation.request_body.is_some();
    let public = is_public(operation);

    for parameter in operation.parameters.iter_mut().flatten() {
        if matches!(parameter.parameter_in, ParameterIn::Query) && parameter.name == "cursor" {
            parameter.schema = Some(cursor_schema());
            continue;
        }
        let rule = match parameter.parameter_in {
            ParameterIn::Query => query_rule(path, &parameter.name),
            ParameterIn::Path => path_rule(path, &parameter.name),
            _ => None,
        };
        if let (Some(rule), Some(RefOr::T(Schema::Object(object)))) =
            (rule, parameter.schema.as_mut())
        {
            rule.apply(object);
        }
    }

    let responses = &mut operation.responses.responses;
    if has_query {
        declare(responses, 400, "Malformed query");
        declare(responses, 422, "Invalid fields, each named");
    }
    if has_path {
        declare(
            responses,
            404,
            "No such record, or not visible to the caller",
        );
    }
    if has_body {
        declare(responses, 400, "Malformed body");
        declare(responses, 413, "Body too large");
        declare(responses, 415, "Unsupported media type");
        declare(responses, 422, "Invalid fields, each named");
    }
    if has_idempotency_key {
        declare(
            responses,
            409,
            "A request with this Idempotency-Key is still being handled",
        );
        declare(
            responses,
            422,
            "Invalid fields, each named (an Idempotency-Key used for another request)",
        );
    }
    if if_match_required {
        declare(
            responses,
            412,
            "The record changed since it was read (stale If-Match)",
        );
        declare(responses, 428, "If-Match is required");
    }
    if !public {
        declare(responses, 401, "No valid access token");
        declare(responses, 403, "The role does not allow this");
    }
    declare(
        responses,
        500,
        "Unexpected error (logged with the request id)",
    );
    declare(responses, 503, "The database is unreachable or busy");
}

/// `ProgressEntry` → `progress-entries`: the collection a schema's records live under.
fn collection_of(schema: &str) -> String {
    let mut kebab = String::new();
    for (i, c) in schema.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            kebab.push('-');
        }
        kebab.push(c.to_ascii_lowercase());
    }
    match kebab.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{kebab}s"),
    }
}

/// OpenAPI links from every create (a 201, or a PUT's 200, whose body is a record with an `id`)
/// to the operations on what it made (`/api/v1/reviews/{id}`, `/api/v1/reviews/{review_id}/…`),
/// so that a client or a stateful tester can walk from a new review to its recommendations,
/// decisions, plan, actions, rounds and entries.
fn link_creations(api: &mut OpenApi) {
    let with_id: std::collections::BTreeSet<String> = api
        .components
        .iter()
        .flat_map(|c| c.schemas.iter())
        .filter(|(_, schema)| {
            matches!(schema, RefOr::T(Schema::Object(o)) if o.properties.contains_key("id"))
        })
        .map(|(name, _)| name.clone())
        .collect();
    // Every operation with exactly one path parameter: (path, parameter, operation id).
    let mut targets: Vec<(String, String, String)> = Vec::new();
    for (path, item) in api.paths.paths.iter() {
        for operation in [&item.get, &item.post, &item.put, &item.patch, &item.delete]
            .into_iter()
            .flatten()
        {
            let params: Vec<&Parameter> = operation
                .parameters
                .iter()
                .flatten()
                .filter(|p| matches!(p.parameter_in, ParameterIn::Path))
                .collect();
            if let ([param], Some(id)) = (params.as_slice(), &operation.operation_id) {
                targets.push((path.clone(), param.name.clone(), id.clone()));
            }
        }
    }
    for item in api.paths.paths.values_mut() {
        for (operation, created) in [(&mut item.post, "201"), (&mut item.put, "200")] {
            let Some(operation) = operation.as_mut() else {
                continue;
            };
            let Some(RefOr::T(response)) = operation.responses.responses.get_mut(created) else {
                continue;
            };
            let schema = response
                .content
                .get("application/json")
                .and_then(|c| c.schema.as_ref())
                .and_then(|s| match s {
                    RefOr::Ref(r) => r.ref_location.rsplit('/').next().map(str::to_owned),
                    _ => None,
                });
            let Some(schema) = schema.filter(|s| with_id.contains(s)) else {
                continue;
            };
            let prefix = format!("/api/v1/{}/{{", collection_of(&schema));
            // Written as JSON: utoipa 5.5 serialises its `Link` with snake-case field names
            // (`operation_id`), where OpenAPI has `operationId`.
            let links: serde_json::Map<String, serde_json::Value> = targets
                .iter()
                .filter(|(path, param, _)| {
                    path.starts_with(&prefix) && path[prefix.len()..].starts_with(param.as_str())
                })
                .map(|(_, param, operation_id)| {
                    let link = serde_json::json!({
                        "operationId": operation_id,
                        "parameters": { param.as_str(): "$response.body#/id" },
                    });
                    (operation_id.clone(), link)
                })
                .collect();
            if !links.is_empty() {
                response
                    .extensions
                    .get_or_insert_with(Default::default)
                    .insert("links".to_owned(), serde_json::Value::Object(links));
            }
        }
    }
}

/// Completes every operation of the document.
pub fn complete(api: &mut OpenApi) {
    link_creations(api);
    for (path, item) in api.paths.paths.iter_mut() {
        for operation in [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            complete_operation(path, operation);
        }
    }
    let request_schemas = request_body_schemas(api);
    if let Some(components) = api.components.as_mut() {
        for (name, schema) in components.schemas.iter_mut() {
            let RefOr::T(Schema::Object(object)) = schema else {
                continue;
            };
            enumerate_fields(name, object);
            // A page (`Page_User`) holds its items inline.
            if let Some(item) = name.strip_prefix("Page_") {
                if let Some(items) = object.properties.get_mut("items") {
                    for inner in objects_of(items) {
                        enumerate_fields(item, inner);
                    }
                }
            }
            if !request_schemas.contains(name) {
                continue;
            }
            for (property, field) in object.properties.iter_mut() {
                if let Some(values) = body_narrower_enum(name, property) {
                    narrow(field, &values);
                }
                let Some(rule) = body_rule(name, property) else {
                    continue;
                };
                rule.apply_to(field);
            }
        }
    }
}

/// Fields of any schema (request or response) whose values the domain fixes, for clients'
/// unions: roles, kinds, states.
fn schema_enum(schema: &str, property: &str) -> Option<Vec<&'static str>> {
    use scrutiny_domain::people::{OrganisationKind, Role};
    let roles = || Role::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>();
    let actors = || vec!["user", "service_account", "system"];
    Some(match (schema, property) {
        ("CreateServiceAccount" | "UpdateServiceAccount" | "ServiceAccount", "role") => roles()
            .into_iter()
            .filter(|r| *r != Role::Admin.as_str())
            .collect(),
        (_, "role") => roles(),
        ("CalendarFeed" | "CreateCalendarFeed", "kind") => {
            vec!["user", "organisation", "committee"]
        }
        ("ImportProfile", "kind") => IMPORT_KINDS.to_vec(),
        ("ProfileColumn", "field") | ("ImportColumn", "proposed") => import_fields(),
        ("AuditActor", "kind") | ("CloudEvent", "actorkind") => actors(),
        ("ImpactValue", "kind") => vec!["evidence", "none_undertaken", "not_recorded"],
        (
            "Organisation" | "MeOrganisation" | "CreateOrganisation" | "UpdateOrganisation",
            "kind",
        ) => [
            OrganisationKind::Council,
            OrganisationKind::Police,
            OrganisationKind::Fire,
            OrganisationKind::Health,
            OrganisationKind::Probation,
            OrganisationKind::Other,
        ]
        .iter()
        .map(|k| k.as_str())
        .collect(),
        ("WebhookDelivery", "state") => vec!["pending", "delivered", "failed"],
        ("WebhookSubscription", "status") => vec!["active", "disabled"],
        ("WebhookDelivery", "event_type") | ("CloudEvent", "type") => scrutiny_app::events::TYPES
            .iter()
            .map(|(t, _)| *t)
            .collect(),
        ("TokenRequest", "grant_type") => vec![
            "password",
            "refresh_token",
            "client_credentials",
            "authorization_code",
        ],
        ("TokenResponse", "token_type") => vec!["Bearer"],
        ("CloudEvent", "datacontenttype") => vec!["application/json"],
        _ => return None,
    })
}

fn enumerate_fields(schema: &str, object: &mut Object) {
    for (property, field) in object.properties.iter_mut() {
        if let Some(values) = schema_enum(schema, property) {
            set_enum(field, &values);
        }
    }
}

/// Sets a string field's values (keeping `null` when it is nullable); the enumeration replaces
/// any pattern that stood for it.
fn set_enum(field: &mut RefOr<Schema>, values: &[&str]) {
    for object in objects_of(field) {
        object.pattern = None;
        object.enum_values = None;
        Rule::one_of(values.iter().copied()).apply(object);
    }
}

/// Fields whose type (shared with responses) allows values a request may not set.
fn body_narrower_enum(schema: &str, property: &str) -> Option<Vec<&'static str>> {
    use scrutiny_domain::records::ReviewStatus;
    match (schema, property) {
        // A plan is signed off by the system, when its recommendations are all closed.
        ("PutActionPlan" | "UpdateActionPlan", "status") => Some(vec!["draft", "agreed"]),
        // An action is withdrawn with POST /actions/{id}/withdrawal, which asks for a reason.
        ("UpdateAction", "status") => Some(vec!["open", "complete"]),
        ("UpdateWebhookSubscription", "status") => Some(vec!["active", "disabled"]),
        // A review is withdrawn through a status transition, which asks for a reason.
        ("CreateReview", "status") => Some(
            ReviewStatus::ALL
                .into_iter()
                .filter(|s| *s != ReviewStatus::Withdrawn)
                .map(|s| s.as_str())
                .collect(),
        ),
        _ => None,
    }
}

/// Replaces a property's referenced enum (kept nullable when it was) with these values.
fn narrow(field: &mut RefOr<Schema>, values: &[&str]) {
    let narrowed = || -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(values.iter().copied()))
            .into()
    };
    match field {
        RefOr::Ref(_) => *field = narrowed(),
        RefOr::T(Schema::OneOf(one_of)) => {
            for item in one_of.items.iter_mut() {
                if matches!(item, RefOr::Ref(_)) {
                    *item = narrowed();
                }
            }
        }
        RefOr::T(Schema::Object(_)) => Rule::one_of(values.iter().copied()).apply_to(field),
        _ => {}
    }
}

/// The string or number schemas a property is made of: itself, or the non-null branch of a
/// nullable one (`type: [string, null]` or `oneOf: [null, …]`).
fn objects_of(field: &mut RefOr<Schema>) -> Vec<&mut Object> {
    match field {
        RefOr::T(Schema::Object(object)) => vec![object],
        RefOr::T(Schema::Array(array)) => match &mut array.items {
            utoipa::openapi::schema::ArrayItems::RefOrSchema(items) => objects_of(items),
            _ => Vec::new(),
        },
        RefOr::T(Schema::OneOf(one_of)) => one_of
            .items
            .iter_mut()
            .filter_map(|item| match item {
                RefOr::T(Schema::Object(object)) => Some(object),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The names of the schemas request bodies use, directly or through their fields.
fn request_body_schemas(api: &OpenApi) -> std::collections::BTreeSet<String> {
    let mut names = std::collections::BTreeSet::new();
    let document = serde_json::to_value(api).unwrap_or_default();
    let mut pending: Vec<&serde_json::Value> = Vec::new();
    if let Some(paths) = document.get("paths").and_then(|p| p.as_object()) {
        for item in paths.values() {
            for operation in item.as_object().into_iter().flat_map(|o| o.values()) {
                if let Some(body) = operation.get("requestBody") {
                    pending.push(body);
                }
            }
        }
    }
    let schemas = document.pointer("/components/schemas");
    while let Some(value) = pending.pop() {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(name) = map
                    .get("$ref")
                    .and_then(|r| r.as_str())
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                {
                    if names.insert(name.to_owned()) {
                        if let Some(schema) = schemas.and_then(|s| s.get(name)) {
                            pending.push(schema);
                        }
                    }
                }
                pending.extend(map.values());
            }
            serde_json::Value::Array(items) => pending.extend(items.iter()),
            _ => {}
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn collections_are_the_schemas_in_kebab_case_plural() {
        assert_eq!(collection_of("Review"), "reviews");
        assert_eq!(collection_of("ProgressEntry"), "progress-entries");
        assert_eq!(collection_of("StatutoryResponse"), "statutory-responses");
        assert_eq!(collection_of("Survey"), "surveys");
    }

    #[test]
    fn a_new_review_links_to_what_is_done_with_it() {
        let api = crate::openapi_document();
        let doc = serde_json::to_value(&api).unwrap();
        let links = &doc["paths"]["/api/v1/reviews"]["post"]["responses"]["201"]["links"];
        let names: Vec<&str> = links
            .as_object()
            .expect("links")
            .keys()
            .map(String::as_str)
            .collect();
        assert!(names.len() >= 5, "{names:?}");
        for (name, link) in links.as_object().unwrap() {
            let parameters = link["parameters"].as_object().unwrap();
            assert_eq!(parameters.len(), 1, "{name}");
            assert_eq!(parameters.values().next().unwrap(), "$response.body#/id");
        }
    }

    #[test]
    fn completes_what_the_shared_extractors_answer() {
        let mut doc = json!({
            "paths": {
                "/api/v1/things/{id}": {
                    "patch": {
                        "parameters": [
                            {"name": "id", "in": "path", "required": true},
                            {"name": "If-Match", "in": "header", "required": true}
                        ],
                        "requestBody": {"content": {}},
                        "security": [{"bearer": []}],
                        "responses": {"200": {"description": "ok"}}
                    }
                },
                "/api/v1/open/things": {
                    "get": {
                        "parameters": [{"name": "cursor", "in": "query", "required": false, "schema": {"type": "string"}}],
                        "responses": {"200": {"description": "ok"}}
                    }
                }
            }
        });
        let mut api: OpenApi = serde_json::from_value(json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": doc["paths"].take()
        }))
        .unwrap();
        complete(&mut api);
        let doc = serde_json::to_value(&api).unwrap();
        let patch = &doc["paths"]["/api/v1/things/{id}"]["patch"]["responses"];
        for status in [
            "200", "400", "401", "403", "404", "412", "413", "415", "422", "428",
        ] {
            assert!(patch.get(status).is_some(), "{status} missing");
        }
        assert_eq!(patch["200"]["description"], "ok");
        let get = &doc["paths"]["/api/v1/open/things"]["get"];
        assert!(get["responses"].get("401").is_none());
        assert!(get["responses"].get("404").is_none());
        assert!(get["responses"].get("400").is_some());
        assert_eq!(get["parameters"][0]["schema"]["pattern"], CURSOR_PATTERN);
    }
}
