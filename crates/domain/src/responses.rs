//! Statutory responses to a scrutiny report (docs/domain.md, "Statutory responses"): who must
//! respond, by when, and what a complete response says about each recommendation put to it.
//!
//! The law sets the periods, and a council may set others:
//! - the executive responds to an overview and scrutiny committee's report within two months
//!   (England: Local Government Act 2000, s. 9FE);
//! - a responsible partner authority responds to a crime and disorder committee's report within
//!   28 days, or as soon as reasonably possible after (Police and Justice Act 2006, s. 19, and the
//!   Crime and Disorder (Overview and Scrutiny) Regulations 2009).
use crate::people::UnknownVariant;
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Who responds: the council's executive, or a responsible partner authority.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponderKind {
    Executive,
    Partner,
}

impl ResponderKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ResponderKind::Executive => "executive",
            ResponderKind::Partner => "partner",
        }
    }
}

impl FromStr for ResponderKind {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "executive" => Ok(ResponderKind::Executive),
            "partner" => Ok(ResponderKind::Partner),
            _ => Err(UnknownVariant {
                expected: "executive, partner",
            }),
        }
    }
}

/// Where a response is: awaited (the responder may draft it), received (on a day), published.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseState {
    Awaited,
    Received,
    Published,
}

impl ResponseState {
    pub const ALL: [ResponseState; 3] = [
        ResponseState::Awaited,
        ResponseState::Received,
        ResponseState::Published,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ResponseState::Awaited => "awaited",
            ResponseState::Received => "received",
            ResponseState::Published => "published",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            ResponseState::Awaited => "Awaited",
            ResponseState::Received => "Received",
            ResponseState::Published => "Published",
        }
    }
}

impl FromStr for ResponseState {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase();
        ResponseState::ALL
            .into_iter()
            .find(|state| state.as_str() == key)
            .ok_or(UnknownVariant {
                expected: "awaited, received, published",
            })
    }
}

impl fmt::Display for ResponseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The response to one recommendation.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Accepted,
    PartlyAccepted,
    NotAccepted,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [
        Verdict::Accepted,
        Verdict::PartlyAccepted,
        Verdict::NotAccepted,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::PartlyAccepted => "partly_accepted",
            Verdict::NotAccepted => "not_accepted",
        }
    }

    /// As the response paper writes it.
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Accepted => "Accepted",
            Verdict::PartlyAccepted => "Partly accepted",
            Verdict::NotAccepted => "Not accepted",
        }
    }

    /// Whether the response must give its reasons: a recommendation not (fully) accepted.
    pub fn needs_reasons(&self) -> bool {
        !matches!(self, Verdict::Accepted)
    }
}

impl FromStr for Verdict {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String = s
            .trim()
            .to_ascii_lowercase()
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        Verdict::ALL
            .into_iter()
            .find(|v| v.as_str() == key)
            .ok_or(UnknownVariant {
                expected: "accepted, partly_accepted, not_accepted",
            })
    }
}

/// The unit of a response period.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    Days,
    Months,
}

impl PeriodUnit {
    pub fn as_str(&self) -> &'static str {
        match self {
            PeriodUnit::Days => "days",
            PeriodUnit::Months => "months",
        }
    }
}

impl FromStr for PeriodUnit {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "days" | "day" => Ok(PeriodUnit::Days),
            "months" | "month" => Ok(PeriodUnit::Months),
            _ => Err(UnknownVariant {
                expected: "days, months",
            }),
        }
    }
}

/// How long a responder has, from the day it received the report: "2 months", "28 days".
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResponsePeriod {
    /// 1–366 days, or 1–24 months.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 366, example = 2))]
    pub amount: u32,
    pub unit: PeriodUnit,
}

/// Why a period cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidPeriod(pub &'static str);

impl fmt::Display for InvalidPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl ResponsePeriod {
    /// The executive's period in England: two months.
    pub const EXECUTIVE_DEFAULT: ResponsePeriod = ResponsePeriod {
        amount: 2,
        unit: PeriodUnit::Months,
    };
    /// A responsible partner's period: 28 days.
    pub const PARTNER_DEFAULT: ResponsePeriod = ResponsePeriod {
        amount: 28,
        unit: PeriodUnit::Days,
    };

    pub fn new(amount: i64, unit: PeriodUnit) -> Result<Self, InvalidPeriod> {
        let max = match unit {
            PeriodUnit::Days => 366,
            PeriodUnit::Months => 24,
        };
        if !(1..=max).contains(&amount) {
            return Err(InvalidPeriod(match unit {
                PeriodUnit::Days => "must be between 1 and 366 days",
                PeriodUnit::Months => "must be between 1 and 24 months",
            }));
        }
        Ok(ResponsePeriod {
            amount: amount as u32,
            unit,
        })
    }

    /// The default for a kind of responder.
    pub fn default_for(kind: ResponderKind) -> Self {
        match kind {
            ResponderKind::Executive => Self::EXECUTIVE_DEFAULT,
            ResponderKind::Partner => Self::PARTNER_DEFAULT,
        }
    }

    /// The last day of the period that starts on `received` (the day the report was received):
    /// "within 28 days" of 3 March is 31 March; "within two months" of 31 December is the last day
    /// of February (a month without the day ends on its last day).
    pub fn due_from(&self, received: NaiveDate) -> Option<NaiveDate> {
        match self.unit {
            PeriodUnit::Days => received.checked_add_days(Days::new(u64::from(self.amount))),
            PeriodUnit::Months => received.checked_add_months(Months::new(self.amount)),
        }
    }

    /// For people: "2 months", "28 days", "1 month".
    pub fn describe(&self) -> String {
        let noun = match (self.unit, self.amount) {
            (PeriodUnit::Days, 1) => "day",
            (PeriodUnit::Days, _) => "days",
            (PeriodUnit::Months, 1) => "month",
            (PeriodUnit::Months, _) => "months",
        };
        format!("{} {noun}", self.amount)
    }
}

/// Whether a response due on `due_on` and still awaited is overdue on `today`.
pub fn is_overdue(state: ResponseState, due_on: NaiveDate, today: NaiveDate) -> bool {
    state == ResponseState::Awaited && due_on < today
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_legal_periods_run_from_receipt() {
        let exec = ResponsePeriod::EXECUTIVE_DEFAULT;
        assert_eq!(exec.due_from(day("2022-01-20")), Some(day("2022-03-20")));
        // A month without the day ends on its last day.
        assert_eq!(exec.due_from(day("2021-12-31")), Some(day("2022-02-28")));
        let partner = ResponsePeriod::PARTNER_DEFAULT;
        assert_eq!(partner.due_from(day("2022-03-03")), Some(day("2022-03-31")));
        assert_eq!(exec.describe(), "2 months");
        assert_eq!(partner.describe(), "28 days");
        assert_eq!(
            ResponsePeriod::new(1, PeriodUnit::Months)
                .unwrap()
                .describe(),
            "1 month"
        );
    }

    #[test]
    fn periods_are_bounded() {
        assert!(ResponsePeriod::new(0, PeriodUnit::Days).is_err());
        assert!(ResponsePeriod::new(367, PeriodUnit::Days).is_err());
        assert!(ResponsePeriod::new(25, PeriodUnit::Months).is_err());
        assert_eq!(
            ResponsePeriod::new(24, PeriodUnit::Months).unwrap().amount,
            24
        );
    }

    #[test]
    fn verdicts_read_as_people_write_them() {
        assert_eq!("Partly accepted".parse(), Ok(Verdict::PartlyAccepted));
        assert_eq!("not-accepted".parse(), Ok(Verdict::NotAccepted));
        assert_eq!("accepted".parse(), Ok(Verdict::Accepted));
        assert!("maybe".parse::<Verdict>().is_err());
        assert!(Verdict::NotAccepted.needs_reasons() && !Verdict::Accepted.needs_reasons());
    }

    #[test]
    fn only_an_awaited_response_is_overdue() {
        let due = day("2022-03-20");
        assert!(!is_overdue(ResponseState::Awaited, due, due));
        assert!(is_overdue(ResponseState::Awaited, due, day("2022-03-21")));
        assert!(!is_overdue(ResponseState::Received, due, day("2022-03-21")));
    }
}
