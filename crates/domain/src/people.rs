//! Organisations, roles and the values that describe people: parsed at the edge, never raw.
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// What a user may do. Service accounts carry one of these too (never `admin`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Council system administrator: everything.
    Admin,
    /// Council scrutiny or link officer: records, plans, rounds, assessment, reports.
    Officer,
    /// Partner staff: their organisation's actions and progress.
    Contributor,
    /// Councillors and other staff: read-only.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Officer, Role::Contributor, Role::Viewer];

    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Officer => "officer",
            Role::Contributor => "contributor",
            Role::Viewer => "viewer",
        }
    }

    /// Council roles must belong to a council organisation.
    pub fn requires_council(&self) -> bool {
        matches!(self, Role::Admin | Role::Officer)
    }

    /// Whether a service account may be given this role.
    pub fn allowed_for_service_account(&self) -> bool {
        !matches!(self, Role::Admin)
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
#[error("must be one of: {expected}")]
pub struct UnknownVariant {
    pub expected: &'static str,
}

impl FromStr for Role {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "admin" => Ok(Role::Admin),
            "officer" => Ok(Role::Officer),
            "contributor" => Ok(Role::Contributor),
            "viewer" => Ok(Role::Viewer),
            _ => Err(UnknownVariant {
                expected: "admin, officer, contributor, viewer",
            }),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrganisationKind {
    Council,
    Police,
    Fire,
    Health,
    Probation,
    Other,
}

impl OrganisationKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            OrganisationKind::Council => "council",
            OrganisationKind::Police => "police",
            OrganisationKind::Fire => "fire",
            OrganisationKind::Health => "health",
            OrganisationKind::Probation => "probation",
            OrganisationKind::Other => "other",
        }
    }

    /// The statutory crime-and-disorder responsible authorities are councils, police, fire and
    /// rescue, health (ICBs) and probation; this is the default for a new organisation of the kind.
    pub fn usually_responsible_authority(&self) -> bool {
        !matches!(self, OrganisationKind::Other)
    }
}

impl FromStr for OrganisationKind {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "council" => Ok(OrganisationKind::Council),
            "police" => Ok(OrganisationKind::Police),
            "fire" => Ok(OrganisationKind::Fire),
            "health" => Ok(OrganisationKind::Health),
            "probation" => Ok(OrganisationKind::Probation),
            "other" => Ok(OrganisationKind::Other),
            _ => Err(UnknownVariant {
                expected: "council, police, fire, health, probation, other",
            }),
        }
    }
}

impl fmt::Display for OrganisationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum TextError {
    #[error("must not be blank")]
    Blank,
    #[error("must be at most {0} characters")]
    TooLong(usize),
    #[error("must not contain control characters")]
    ControlCharacters,
}

/// A short, single-line, trimmed, non-blank text: a person's or organisation's name, a title.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Name(String);

impl Name {
    pub const MAX: usize = 200;

    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(TextError::Blank);
        }
        if trimmed.chars().count() > Self::MAX {
            return Err(TextError::TooLong(Self::MAX));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(TextError::ControlCharacters);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// An optional short text: blank means absent.
pub fn optional_name(raw: Option<&str>) -> Result<Option<Name>, TextError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => Name::parse(s).map(Some),
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum EmailError {
    #[error("must be an email address such as name@example.org")]
    Shape,
    #[error("must be at most 254 characters")]
    TooLong,
}

/// An email address, lower-cased and trimmed. Deliberately permissive: one `@`, a local part, a
/// domain with a dot, no white space; delivery is what really proves an address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let value = raw.trim().to_lowercase();
        if value.len() > 254 {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = value.split_once('@').ok_or(EmailError::Shape)?;
        let valid = !local.is_empty()
            && local.len() <= 64
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !value.chars().any(|c| c.is_whitespace() || c.is_control());
        if valid {
            Ok(Self(value))
        } else {
            Err(EmailError::Shape)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PasswordError {
    #[error("must be at least {0} characters")]
    TooShort(usize),
    #[error("must be at most {0} characters")]
    TooLong(usize),
}

/// A new password, checked against the policy (length only, as the NCSC advises: no composition
/// rules). Never printed.
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN: usize = 12;
    pub const MAX: usize = 256;

    pub fn parse(raw: &str) -> Result<Self, PasswordError> {
        let len = raw.chars().count();
        if len < Self::MIN {
            return Err(PasswordError::TooShort(Self::MIN));
        }
        if len > Self::MAX {
            return Err(PasswordError::TooLong(Self::MAX));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword([redacted])")
    }
}

/// Whether a user of `role` may belong to an organisation of `kind`.
pub fn role_fits_organisation(role: Role, kind: OrganisationKind) -> Result<(), String> {
    if role.requires_council() && kind != OrganisationKind::Council {
        Err(format!(
            "a user with role {role} must belong to a council organisation"
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_and_print() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("superuser".parse::<Role>().is_err());
        assert!(!Role::Admin.allowed_for_service_account());
        assert!(Role::Contributor.allowed_for_service_account());
    }

    #[test]
    fn organisation_kinds_parse() {
        assert_eq!("police".parse(), Ok(OrganisationKind::Police));
        assert!("army".parse::<OrganisationKind>().is_err());
        assert!(!OrganisationKind::Other.usually_responsible_authority());
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            Name::parse("  Cleveland Police ").unwrap().as_str(),
            "Cleveland Police"
        );
        assert_eq!(Name::parse("   "), Err(TextError::Blank));
        assert_eq!(Name::parse(&"x".repeat(201)), Err(TextError::TooLong(200)));
        assert_eq!(Name::parse("a\u{0}b"), Err(TextError::ControlCharacters));
        assert_eq!(optional_name(Some("  ")), Ok(None));
        assert_eq!(optional_name(None), Ok(None));
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse(" Marc.Stephenson@Stockton.gov.uk ")
                .unwrap()
                .as_str(),
            "marc.stephenson@stockton.gov.uk"
        );
        for bad in [
            "", "no-at", "a@b", "a@@b.c", "@b.c", "a b@c.d", "a@.b.c", "a@b..c", "a@b.c.",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert_eq!(
            Email::parse(&format!("{}@example.org", "a".repeat(250))),
            Err(EmailError::TooLong)
        );
    }

    #[test]
    fn passwords_follow_length_policy_and_never_print() {
        assert_eq!(
            NewPassword::parse("short").unwrap_err(),
            PasswordError::TooShort(12)
        );
        let p = NewPassword::parse("correct horse battery").unwrap();
        assert_eq!(format!("{p:?}"), "NewPassword([redacted])");
        assert!(NewPassword::parse(&"x".repeat(257)).is_err());
    }

    #[test]
    fn council_roles_need_a_council() {
        assert!(role_fits_organisation(Role::Officer, OrganisationKind::Police).is_err());
        assert!(role_fits_organisation(Role::Admin, OrganisationKind::Council).is_ok());
        assert!(role_fits_organisation(Role::Contributor, OrganisationKind::Police).is_ok());
        assert!(role_fits_organisation(Role::Viewer, OrganisationKind::Council).is_ok());
    }
}
