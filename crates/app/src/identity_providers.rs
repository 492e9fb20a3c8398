//! A council's identity providers (OpenID Connect): where its staff sign in with the council's
//! own accounts ([`crate::sso`]). A council's admins manage their council's; operators any
//! council's. The client secret is written, never read back (nor kept in the audit trail).
//! Every write is audited as `identity_provider.*`.
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use chrono::{DateTime, Utc};
use scrutiny_db::queries::identity_providers::{self as q, Provider, ProviderValues};
use scrutiny_db::queries::organisations;
use scrutiny_domain::people::Role;
use scrutiny_domain::sso::{normalise_domain, RoleMapping};
use scrutiny_domain::validation::ValidationErrors;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

const ENTITY: &str = "identity_provider";
/// The most rules and domains a provider may have.
const MAX_RULES: usize = 50;

/// What the deployment allows issuers to be (plain http only for development and tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct IssuerPolicy {
    pub allow_http: bool,
}

/// A provider as its managers see it (never its client secret).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IdentityProvider {
    pub id: Uuid,
    /// The council whose people sign in through it.
    pub council_id: Uuid,
    /// What the sign-in button says.
    #[schema(example = "Stockton-on-Tees Borough Council staff")]
    pub name: String,
    /// The OpenID Connect issuer (its discovery document is at
    /// `{issuer}/.well-known/openid-configuration`).
    #[schema(example = "https://login.microsoftonline.com/4b1c…/v2.0")]
    pub issuer: String,
    pub client_id: String,
    /// Whether a client secret is kept (a confidential client); a public client uses PKCE alone.
    pub has_client_secret: bool,
    /// The scopes asked for, space-separated; always with `openid`.
    #[schema(example = "openid email profile")]
    pub scopes: String,
    /// Which claims give which role; the highest matching role wins. A person no rule matches
    /// keeps their role, and a new account is a viewer.
    pub role_mappings: Vec<RoleMapping>,
    /// Whether a person the council does not know yet gets an account on first sign-in.
    pub create_users: bool,
    /// New accounts only for addresses in these domains (any, when empty).
    #[schema(example = json!(["stockton.gov.uk"]))]
    pub email_domains: Vec<String>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// The rules as stored (a list written by this module; anything else reads as none).
pub fn mappings_of(p: &Provider) -> Vec<RoleMapping> {
    serde_json::from_value(p.role_mappings.clone()).unwrap_or_default()
}

fn dto(p: &Provider) -> IdentityProvider {
    IdentityProvider {
        id: p.id,
        council_id: p.council_id,
        name: p.name.clone(),
        issuer: p.issuer.clone(),
        client_id: p.client_id.clone(),
        has_client_secret: p.client_secret.is_some(),
        scopes: p.scopes.clone(),
        role_mappings: mappings_of(p),
        create_users: p.create_users,
        email_domains: p.email_domains.clone(),
        enabled: p.enabled,
        created_at: p.created_at,
        updated_at: p.updated_at,
        version: p.version,
    }
}

/// A new provider, or the changes to one (absent: unchanged).
#[derive(Debug, Clone, Default)]
pub struct ProviderInput {
    pub name: Option<String>,
    pub issuer: Option<String>,
    pub client_id: Option<String>,
    /// `Some(None)` removes the secret (a public client).
    pub client_secret: Option<Option<String>>,
    pub scopes: Option<String>,
    pub role_mappings: Option<Vec<RoleMapping>>,
    pub create_users: Option<bool>,
    pub email_domains: Option<Vec<String>>,
    pub enabled: Option<bool>,
}

/// Who manages providers: an operator (every council's) or a council's admin (its own).
fn managed_council(ctx: &Ctx<'_>) -> Result<Option<Uuid>, AppError> {
    let p = &ctx.principal;
    if p.is_operator() {
        return Ok(None);
    }
    match (p.role, p.own_council()) {
        (Role::Admin, Some(council)) => Ok(Some(council)),
        _ => Err(AppError::Forbidden),
    }
}

fn check_manages(managed: Option<Uuid>, p: &Provider) -> Result<(), AppError> {
    match managed {
        Some(council) if council != p.council_id => Err(AppError::NotFound),
        _ => Ok(()),
    }
}

fn required(errors: &mut ValidationErrors, field: &str, value: &str, max: usize) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.add(field, "must not be blank");
    } else if v.chars().count() > max {
        errors.add(field, format!("must be at most {max} characters"));
    }
    v.to_owned()
}

fn check_scopes(errors: &mut ValidationErrors, raw: &str) -> String {
    let scopes: Vec<&str> = raw.split_whitespace().collect();
    let printable = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_graphic() && c != '"' && c != '\\')
    };
    if scopes.iter().any(|s| !printable(s)) || raw.len() > 500 {
        errors.add(
            "scopes",
            "must be scope names separated by spaces, at most 500 characters",
        );
    } else if !scopes.contains(&"openid") {
        errors.add("scopes", "must include openid");
    }
    scopes.join(" ")
}

/// Applies `input` to `values`, collecting what is wrong.
fn apply(
    errors: &mut ValidationErrors,
    policy: IssuerPolicy,
    values: &mut ProviderValues,
    input: ProviderInput,
) {
    if let Some(name) = input.name {
        values.name = required(errors, "name", &name, 200);
    }
    if let Some(issuer) = input.issuer {
        let issuer = issuer.trim().to_owned();
        // Its form only, without reaching it: a provider may be set up before it is reachable,
        // and the first sign-in says what is wrong.
        if issuer.len() > 2000 {
            errors.add("issuer", "must be at most 2000 characters");
        } else if let Err(e) = scrutiny_net::oidc::check_issuer(&issuer, policy.allow_http) {
            errors.add("issuer", e);
        }
        values.issuer = issuer;
    }
    if let Some(client_id) = input.client_id {
        values.client_id = required(errors, "client_id", &client_id, 500);
    }
    if let Some(secret) = input.client_secret {
        values.client_secret = match secret {
            Some(s) if s.is_empty() || s.len() > 2000 => {
                errors.add("client_secret", "must be 1 to 2000 characters, or null");
                None
            }
            other => other,
        };
    }
    if let Some(scopes) = input.scopes {
        values.scopes = check_scopes(errors, &scopes);
    }
    if let Some(rules) = input.role_mappings {
        if rules.len() > MAX_RULES {
            errors.add(
                "role_mappings",
                format!("must have at most {MAX_RULES} rules"),
            );
        }
        for (i, rule) in rules.iter().enumerate() {
            if let Some((field, message)) = rule.problem() {
                errors.add(format!("role_mappings[{i}].{field}"), message);
            }
        }
        values.role_mappings = serde_json::to_value(&rules).unwrap_or_default();
    }
    if let Some(create) = input.create_users {
        values.create_users = create;
    }
    if let Some(domains) = input.email_domains {
        if domains.len() > MAX_RULES {
            errors.add(
                "email_domains",
                format!("must have at most {MAX_RULES} domains"),
            );
        }
        let mut kept = Vec::new();
        for (i, d) in domains.iter().enumerate() {
            match normalise_domain(d) {
                Some(d) if !kept.contains(&d) => kept.push(d),
                Some(_) => {}
                None => errors.add(
                    format!("email_domains[{i}]"),
                    "must be a domain such as council.gov.uk",
                ),
            }
        }
        values.email_domains = kept;
    }
    if let Some(enabled) = input.enabled {
        values.enabled = enabled;
    }
}

/// The providers the caller manages, oldest first.
pub async fn list(
    ctx: &mut Ctx<'_>,
    page: PageRequest,
) -> Result<Page<IdentityProvider>, AppError> {
    let managed = managed_council(ctx)?;
    let after = page.decode::<(DateTime<Utc>, Uuid)>()?;
    let rows = q::list(ctx.db(), managed, after, i64::from(page.limit)).await?;
    let (rows, next_cursor) = paginate(rows, page.limit, |p| encode_cursor(&(p.created_at, p.id)));
    Ok(Page {
        items: rows.iter().map(dto).collect(),
        next_cursor,
    })
}

pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<IdentityProvider, AppError> {
    let managed = managed_council(ctx)?;
    let p = q::find(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
    check_manages(managed, &p)?;
    Ok(dto(&p))
}

/// Registers a provider for a council (a council admin's own; an operator names it). Audited as
/// `identity_provider.created` (without the secret).
pub async fn create(
    ctx: &mut Ctx<'_>,
    policy: IssuerPolicy,
    council_id: Option<Uuid>,
    input: ProviderInput,
) -> Result<IdentityProvider, AppError> {
    let managed = managed_council(ctx)?;
    let mut errors = ValidationErrors::new();
    let council = match (managed, council_id) {
        (Some(own), None) => own,
        (Some(own), Some(c)) if c == own => own,
        (Some(_), Some(_)) => {
            errors.add("council_id", "must be your own council");
            Uuid::nil()
        }
        (None, Some(c)) => c,
        (None, None) => {
            errors.add("council_id", "is required: which council's people sign in");
            Uuid::nil()
        }
    };
    for (field, given) in [
        ("name", input.name.is_some()),
        ("issuer", input.issuer.is_some()),
        ("client_id", input.client_id.is_some()),
    ] {
        if !given {
            errors.add(field, "is required");
        }
    }
    let mut values = ProviderValues {
        name: String::new(),
        issuer: String::new(),
        client_id: String::new(),
        client_secret: None,
        scopes: "openid email profile".into(),
        role_mappings: serde_json::json!([]),
        create_users: false,
        email_domains: vec![],
        enabled: true,
    };
    apply(&mut errors, policy, &mut values, input);
    if council != Uuid::nil() {
        let org = organisations::find(ctx.db(), council).await?;
        if org.is_none_or(|o| o.kind != "council") {
            errors.add("council_id", "is not a council");
        }
    }
    errors.into_result()?;
    ctx.tx(async |ctx| {
        let now = ctx.now();
        let row = Provider {
            id: Uuid::now_v7(),
            council_id: council,
            name: values.name,
            issuer: values.issuer,
            client_id: values.client_id,
            client_secret: values.client_secret,
            scopes: values.scopes,
            role_mappings: values.role_mappings,
            create_users: values.create_users,
            email_domains: values.email_domains,
            enabled: values.enabled,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        q::insert(ctx.db(), &row).await?;
        let created = dto(&row);
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "identity_provider.created",
            ENTITY,
            row.id,
            &created,
        )
        .await?;
        Ok(created)
    })
    .await
}

/// Changes a provider. Audited as `identity_provider.updated` (a new secret shows only as
/// `has_client_secret`).
pub async fn update(
    ctx: &mut Ctx<'_>,
    policy: IssuerPolicy,
    id: Uuid,
    precondition: Precondition,
    input: ProviderInput,
) -> Result<IdentityProvider, AppError> {
    let managed = managed_council(ctx)?;
    ctx.tx(async |ctx| {
        let p = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        check_manages(managed, &p)?;
        precondition.check(p.version)?;
        let mut errors = ValidationErrors::new();
        let mut values = ProviderValues::from(&p);
        apply(&mut errors, policy, &mut values, input);
        errors.into_result()?;
        let before = dto(&p);
        let after = dto(&q::update(ctx.db(), id, &values).await?);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "identity_provider.updated",
            ENTITY,
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// Removes a provider: its people keep their accounts (and may be linked again through another),
/// sign-ins under way with it end. Audited as `identity_provider.deleted`.
pub async fn delete(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    precondition: Precondition,
) -> Result<(), AppError> {
    let managed = managed_council(ctx)?;
    ctx.tx(async |ctx| {
        let p = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        check_manages(managed, &p)?;
        precondition.check(p.version)?;
        q::delete(ctx.db(), id).await?;
        let e = audit::event(
            &ctx.principal,
            "identity_provider.deleted",
            ENTITY,
            id,
            audit::snapshot(&dto(&p)),
            None,
        );
        audit::record(&mut ctx.conn, &e).await?;
        Ok(())
    })
    .await
}
