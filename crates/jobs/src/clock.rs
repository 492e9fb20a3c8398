//! What day it is, per council time zone; injectable so that tests can move "today".
use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;

pub trait Clock: Send + Sync {
    /// Today's date in `tz`.
    fn today(&self, tz: Tz) -> NaiveDate;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self, tz: Tz) -> NaiveDate {
        Utc::now().with_timezone(&tz).date_naive()
    }
}

/// A clock stuck on one day, in every time zone (tests, and `jobs_today_override`).
#[derive(Debug, Clone, Copy)]
pub struct FixedToday(pub NaiveDate);

impl Clock for FixedToday {
    fn today(&self, _tz: Tz) -> NaiveDate {
        self.0
    }
}

/// A council's time zone, from its settings; Europe/London when missing or unknown.
pub fn time_zone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::Europe::London)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_today_ignores_the_zone_and_unknown_zones_fall_back() {
        let day = NaiveDate::from_ymd_opt(2022, 11, 1).unwrap();
        assert_eq!(FixedToday(day).today(chrono_tz::Pacific::Auckland), day);
        assert_eq!(time_zone("Europe/Paris"), chrono_tz::Europe::Paris);
        assert_eq!(time_zone("Mars/Olympus"), chrono_tz::Europe::London);
        let london = SystemClock.today(chrono_tz::Europe::London);
        let utc = Utc::now().date_naive();
        assert!((london - utc).num_days().abs() <= 1);
    }
}
