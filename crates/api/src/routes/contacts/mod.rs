//! Contacts: people named as responsible or as link officers, who may have no account. Everyone
//! signed in reads them (a contributor only those of their own organisation); council staff write.
mod create;
mod get;
mod list;
mod update;

pub use self::create::*;
pub use self::get::*;
pub use self::list::*;
pub use self::update::*;

use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub use scrutiny_app::views::contacts::Contact;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateContact {
    #[schema(example = "Marc Stephenson")]
    pub name: String,
    /// Blank means none.
    #[schema(example = "Community Safety Manager")]
    pub job_title: Option<String>,
    /// Blank means none.
    #[schema(example = "marc.stephenson@stockton.gov.uk")]
    pub email: Option<String>,
    /// Digits, spaces and `+ ( ) -`, at most 40 characters. Blank means none.
    #[schema(example = "01642 526000")]
    pub phone: Option<String>,
    pub organisation_id: Option<Uuid>,
    /// Links the contact to a user account; a user is linked to one contact at most.
    pub user_id: Option<Uuid>,
}

/// Absent fields are left alone; `null` clears a nullable field.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateContact {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::respond::double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub job_title: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::respond::double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::respond::double_option")]
    #[schema(value_type = Option<String>, nullable)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::respond::double_option")]
    #[schema(value_type = Option<Uuid>, nullable)]
    pub organisation_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "crate::respond::double_option")]
    #[schema(value_type = Option<Uuid>, nullable)]
    pub user_id: Option<Option<Uuid>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContactFilter {
    /// Only contacts of this organisation (a contributor always sees only their own).
    pub organisation_id: Option<Uuid>,
    /// Only contacts with (true) or without (false) a user account.
    pub has_user: Option<bool>,
}

impl From<CreateContact> for scrutiny_app::contacts::CreateContact {
    fn from(body: CreateContact) -> Self {
        Self {
            name: body.name,
            job_title: body.job_title,
            email: body.email,
            phone: body.phone,
            organisation_id: body.organisation_id,
            user_id: body.user_id,
        }
    }
}

/// The update of contact `id`, as read at `precondition`.
fn update_command(
    id: Uuid,
    precondition: scrutiny_app::Precondition,
    body: UpdateContact,
) -> scrutiny_app::contacts::UpdateContact {
    scrutiny_app::contacts::UpdateContact {
        id,
        precondition,
        name: body.name,
        job_title: body.job_title,
        email: body.email,
        phone: body.phone,
        organisation_id: body.organisation_id,
        user_id: body.user_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_clears_and_absent_leaves_alone() {
        let body: UpdateContact =
            serde_json::from_str(r#"{"job_title": null, "user_id": null}"#).unwrap();
        assert_eq!(body.job_title, Some(None));
        assert_eq!(body.user_id, Some(None));
        assert_eq!(body.email, None);
        assert_eq!(body.organisation_id, None);
    }
}
