//! Sign-in with a council's identity provider: which role the provider's groups or claims give a
//! person, which email addresses may have an account made for them, and where the web app may
//! send the browser back to afterwards.
use crate::people::Role;
use serde::{Deserialize, Serialize};

/// One rule: a person whose claim `claim` is (or, for a list such as `groups`, contains) `value`
/// gets `role`. Only council roles may be given: admin, officer or viewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RoleMapping {
    /// The claim read, e.g. `groups`, `roles` or `department`.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "groups", min_length = 1, max_length = 100)
    )]
    pub claim: String,
    /// The value it must have or contain, compared exactly.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "scrutiny-officers", min_length = 1, max_length = 500)
    )]
    pub value: String,
    /// `admin`, `officer` or `viewer`.
    pub role: Role,
}

/// The most a mapping may give, from most to least.
const RANK: [Role; 3] = [Role::Admin, Role::Officer, Role::Viewer];

impl RoleMapping {
    /// What is wrong with the rule, if anything: (field, message).
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        if self.claim.trim().is_empty() || self.claim.len() > 100 {
            return Some(("claim", "must be 1 to 100 characters"));
        }
        if self.value.is_empty() || self.value.len() > 500 {
            return Some(("value", "must be 1 to 500 characters"));
        }
        if !RANK.contains(&self.role) {
            return Some((
                "role",
                "must be admin, officer or viewer (a council's roles)",
            ));
        }
        None
    }
}

/// The highest role the rules give a person whose claim `name` has the values `values(name)`
/// (one for a string, each for a list); `None` when no rule matches.
pub fn mapped_role<'a, F>(mappings: &[RoleMapping], values: F) -> Option<Role>
where
    F: Fn(&str) -> Vec<&'a str>,
{
    let matched: Vec<Role> = mappings
        .iter()
        .filter(|m| values(&m.claim).iter().any(|v| *v == m.value))
        .map(|m| m.role)
        .collect();
    RANK.into_iter().find(|r| matched.contains(r))
}

/// Whether an address's domain is one of `domains` (any, when there are none). Compared
/// case-insensitively; a subdomain does not count.
pub fn email_in_domains(email: &str, domains: &[String]) -> bool {
    if domains.is_empty() {
        return true;
    }
    let Some((_, domain)) = email.rsplit_once('@') else {
        return false;
    };
    domains.iter().any(|d| d.eq_ignore_ascii_case(domain))
}

/// A domain as kept: lower case, without a leading `@`; `None` when it is not a plausible one.
pub fn normalise_domain(domain: &str) -> Option<String> {
    let d = domain.trim().trim_start_matches('@').to_ascii_lowercase();
    let ok = !d.is_empty()
        && d.len() <= 253
        && d.contains('.')
        && d.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    ok.then_some(d)
}

/// Where the web app may be sent after signing in: a path of this site (`/reviews/…`), never
/// another site (`//evil.example`, `https://…`, `/\evil`), at most 500 characters. Anything else
/// is `/`.
pub fn safe_return_path(path: Option<&str>) -> String {
    match path {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && p.len() <= 500
                && !p.chars().any(char::is_control) =>
        {
            p.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(claim: &str, value: &str, role: Role) -> RoleMapping {
        RoleMapping {
            claim: claim.into(),
            value: value.into(),
            role,
        }
    }

    #[test]
    fn the_highest_matching_role_wins() {
        let rules = vec![
            rule("groups", "scrutiny-viewers", Role::Viewer),
            rule("groups", "scrutiny-officers", Role::Officer),
            rule("department", "Democratic Services", Role::Admin),
        ];
        let groups = ["everyone", "scrutiny-officers", "scrutiny-viewers"];
        let claims = |name: &str| -> Vec<&str> {
            match name {
                "groups" => groups.to_vec(),
                "department" => vec!["Finance"],
                _ => vec![],
            }
        };
        assert_eq!(mapped_role(&rules, claims), Some(Role::Officer));
        let admin = |name: &str| -> Vec<&str> {
            if name == "department" {
                vec!["Democratic Services"]
            } else {
                vec![]
            }
        };
        assert_eq!(mapped_role(&rules, admin), Some(Role::Admin));
        assert_eq!(mapped_role(&rules, |_| vec!["scrutiny-officers "]), None);
        assert_eq!(mapped_role(&[], |_| vec!["x"]), None);
    }

    #[test]
    fn partner_roles_cannot_be_mapped() {
        assert_eq!(
            rule("groups", "x", Role::Contributor)
                .problem()
                .map(|p| p.0),
            Some("role")
        );
        assert_eq!(
            rule("", "x", Role::Viewer).problem().map(|p| p.0),
            Some("claim")
        );
        assert_eq!(rule("groups", "x", Role::Admin).problem(), None);
    }

    #[test]
    fn email_domains_match_exactly() {
        let domains = vec!["stockton.gov.uk".to_owned()];
        assert!(email_in_domains("a.b@Stockton.gov.uk", &domains));
        assert!(!email_in_domains("a@evil-stockton.gov.uk", &domains));
        assert!(!email_in_domains("a@sub.stockton.gov.uk", &domains));
        assert!(email_in_domains("anyone@anywhere.example", &[]));
        assert_eq!(
            normalise_domain(" @Stockton.GOV.uk "),
            Some("stockton.gov.uk".into())
        );
        assert_eq!(normalise_domain("localhost"), None);
        assert_eq!(normalise_domain("a..b"), None);
    }

    #[test]
    fn only_paths_of_this_site_are_returned_to() {
        assert_eq!(
            safe_return_path(Some("/reviews/1?tab=a")),
            "/reviews/1?tab=a"
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "evil",
            "/a\nb",
        ] {
            assert_eq!(safe_return_path(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_return_path(None), "/");
    }
}
