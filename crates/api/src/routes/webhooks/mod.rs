//! Webhook subscriptions and their delivery log (`scrutiny_app::webhooks`): other systems get
//! the events they may read POSTed to them, signed the Standard Webhooks way. Council admins
//! manage their council's; a service account its own.
use crate::respond::double_option;
use serde::Deserialize;
use utoipa::ToSchema;

mod create;
mod delete;
mod deliveries;
mod get;
mod list;
mod redeliver;
mod rotate;
mod update;

pub use self::create::*;
pub use self::delete::*;
pub use self::deliveries::*;
pub use self::get::*;
pub use self::list::*;
pub use self::redeliver::*;
pub use self::rotate::*;
pub use self::update::*;

pub use scrutiny_app::webhooks::{
    WebhookDelivery, WebhookSubscription, WebhookSubscriptionWithSecret,
};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhookSubscription {
    /// Where events are POSTed: https, a public address.
    #[schema(
        example = "https://case-system.police.example/hooks/scrutiny",
        max_length = 2000
    )]
    pub url: String,
    /// The event types wanted (see `GET /events`); empty or absent: every type.
    #[serde(default)]
    pub event_types: Vec<String>,
    #[schema(max_length = 500)]
    pub description: Option<String>,
    /// Who is told by email when deliveries keep failing; default the signed-in user's email
    /// (required for a service account).
    pub owner_email: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWebhookSubscription {
    #[schema(max_length = 2000)]
    pub url: Option<String>,
    pub event_types: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, nullable, max_length = 500)]
    pub description: Option<Option<String>>,
    pub owner_email: Option<String>,
    /// `active` enables it again (from now on), `disabled` pauses it.
    #[schema(example = "active")]
    pub status: Option<String>,
}
