//! What day and time it is, per council time zone; injectable so that tests can move "now".
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

pub trait Clock: Send + Sync {
    /// Today's date in `tz`.
    fn today(&self, tz: Tz) -> NaiveDate;
    /// The instant now (deadlines that fall at a time of day, such as the end of call-in).
    fn now(&self) -> DateTime<Utc>;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self, tz: Tz) -> NaiveDate {
        Utc::now().with_timezone(&tz).date_naive()
    }

    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stuck on one day, in every time zone (tests, and `jobs_today_override`); its instant
/// is noon UTC of that day.
#[derive(Debug, Clone, Copy)]
pub struct FixedToday(pub NaiveDate);

impl Clock for FixedToday {
    fn today(&self, _tz: Tz) -> NaiveDate {
        self.0
    }

    fn now(&self) -> DateTime<Utc> {
        self.0
            .and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
            .and_utc()
    }
}

/// A clock stuck at one instant (tests, and `jobs_now_override`): today is that instant's date
/// in each time zone.
#[derive(Debug, Clone, Copy)]
pub struct FixedNow(pub DateTime<Utc>);

impl Clock for FixedNow {
    fn today(&self, tz: Tz) -> NaiveDate {
        self.0.with_timezone(&tz).date_naive()
    }

    fn now(&self) -> DateTime<Utc> {
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
        let at = "2022-07-01T23:30:00Z".parse().unwrap();
        assert_eq!(
            FixedNow(at).today(chrono_tz::Europe::London),
            NaiveDate::from_ymd_opt(2022, 7, 2).unwrap()
        );
        assert_eq!(FixedNow(at).now(), at);
        let london = SystemClock.today(chrono_tz::Europe::London);
        let utc = Utc::now().date_naive();
        assert!((london - utc).num_days().abs() <= 1);
    }
}
