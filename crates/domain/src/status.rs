//! The statuses of records whose lifecycle is a short fixed list: recommendations, action plans,
//! actions and progress rounds. (Reviews, progress entries and decisions' call-in have richer
//! rules and live with them: [`crate::records::ReviewStatus`],
//! [`crate::progress::SubmissionState`], [`crate::records::CallInState`].)
//!
//! Each is stored and sent as its snake_case name (`as_str`), parsed back with `FromStr`, and
//! converts to and from `String` so that database rows can hold it typed
//! (`#[diesel(deserialize_as = String)]`) without this crate knowing the database.
use crate::people::UnknownVariant;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// `TryFrom<String>` and `Into<String>` for a type with `FromStr` and `as_str`, the pair a
/// database row needs to hold it typed.
macro_rules! stored_as_text {
    ($($name:ty),+ $(,)?) => {
        $(
            impl TryFrom<String> for $name {
                type Error = UnknownVariant;
                fn try_from(s: String) -> Result<Self, Self::Error> {
                    s.parse()
                }
            }

            impl From<$name> for String {
                fn from(s: $name) -> String {
                    s.as_str().to_owned()
                }
            }
        )+
    };
}

macro_rules! status_enum {
    (
        $(#[$meta:meta])*
        $name:ident expecting $expected:literal { $( $(#[$vmeta:meta])* $variant:ident => ($text:literal, $label:literal) ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and sent form.
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// As people read it.
            pub fn label(&self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl FromStr for $name {
            type Err = UnknownVariant;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownVariant { expected: $expected }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        stored_as_text!($name);
    };
}

stored_as_text!(
    crate::records::ReviewStatus,
    crate::records::ReviewType,
    crate::records::CallInState,
    crate::progress::SubmissionState,
);

status_enum! {
    /// A recommendation is open until it is closed (accepted at a closing grade, or closed by the
    /// committee with a reason) or withdrawn with a reason (docs/domain.md rules 5 and 9).
    RecommendationStatus expecting "open, closed, withdrawn" {
        Open => ("open", "Open"),
        Closed => ("closed", "Closed"),
        Withdrawn => ("withdrawn", "Withdrawn"),
    }
}

status_enum! {
    /// A review's action plan: drafted, agreed by the committee (changes after that are
    /// amendments), signed off when every recommendation is closed or withdrawn.
    PlanStatus expecting "draft, agreed, signed_off" {
        Draft => ("draft", "Draft"),
        Agreed => ("agreed", "Agreed"),
        SignedOff => ("signed_off", "Signed off"),
    }
}

status_enum! {
    /// An action of a plan: open, marked complete, or withdrawn with a reason.
    ActionStatus expecting "open, complete, withdrawn" {
        Open => ("open", "Open"),
        Complete => ("complete", "Complete"),
        Withdrawn => ("withdrawn", "Withdrawn"),
    }
}

status_enum! {
    /// A progress round: open for updates until every recommendation-level entry is accepted.
    RoundStatus expecting "open, closed" {
        Open => ("open", "Open"),
        Closed => ("closed", "Closed"),
    }
}

status_enum! {
    /// An import as recorded: a dry run (checked and reported, nothing written) or committed.
    ImportState expecting "dry_run, committed" {
        DryRun => ("dry_run", "Dry run"),
        Committed => ("committed", "Committed"),
    }
}

status_enum! {
    /// What an import brings in: a review's action plan, or a round's progress update.
    ImportKind expecting "action_plan, progress_update, tracker" {
        ActionPlan => ("action_plan", "Action plan"),
        ProgressUpdate => ("progress_update", "Progress update"),
        Tracker => ("tracker", "Tracker"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T>(all: &[T])
    where
        T: Copy + PartialEq + fmt::Debug + FromStr + Serialize + Into<String> + TryFrom<String>,
        <T as TryFrom<String>>::Error: fmt::Debug,
        <T as FromStr>::Err: fmt::Debug,
    {
        for status in all {
            let text: String = (*status).into();
            assert_eq!(text.parse::<T>().unwrap(), *status);
            assert_eq!(T::try_from(text.clone()).unwrap(), *status);
            assert_eq!(
                serde_json::to_value(status).unwrap(),
                serde_json::json!(text)
            );
        }
    }

    #[test]
    fn every_status_round_trips_through_its_stored_form() {
        round_trips(RecommendationStatus::ALL);
        round_trips(PlanStatus::ALL);
        round_trips(ActionStatus::ALL);
        round_trips(RoundStatus::ALL);
        round_trips(ImportState::ALL);
        round_trips(ImportKind::ALL);
        assert_eq!(PlanStatus::SignedOff.as_str(), "signed_off");
        assert_eq!(PlanStatus::SignedOff.label(), "Signed off");
    }

    #[test]
    fn unknown_statuses_say_what_is_expected() {
        let e = "done".parse::<ActionStatus>().unwrap_err();
        assert_eq!(e.expected, "open, complete, withdrawn");
        assert!("Open".parse::<RoundStatus>().is_err());
    }
}
