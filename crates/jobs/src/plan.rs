//! Which notice a round calls for today (docs/domain.md rule 6): a reminder before the deadline, a
//! chaser after it. Each notice has a day of its own; the outbox's unique key on that day makes
//! it go out once, and a notice whose day passed while nothing ran still goes out in its
//! catch-up window.
use chrono::{Datelike, Days, NaiveDate};
use scrutiny_domain::progress::{chasers, reminder_on, MAX_CHASERS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The reminder of `day` (`reminder_days_before` days before the deadline), sent from that
    /// day up to the deadline itself.
    Reminder { day: NaiveDate },
    /// Chaser `number` (1 for the first) of `day`: the day after the deadline, then every
    /// `chaser_interval_days`; sent from its day until the next chaser's day.
    Chaser { day: NaiveDate, number: u32 },
}

impl Notice {
    pub fn day(&self) -> NaiveDate {
        match self {
            Notice::Reminder { day } | Notice::Chaser { day, .. } => *day,
        }
    }

    pub fn purpose(&self) -> &'static str {
        match self {
            Notice::Reminder { .. } => "reminder",
            Notice::Chaser { .. } => "chaser",
        }
    }
}

/// The notice due `today` for a round with this `deadline`, if any. Only the latest chaser is
/// sent after a gap: a server down for three weeks does not send three chasers at once.
pub fn due_notice(
    deadline: NaiveDate,
    reminder_days_before: u32,
    chaser_interval_days: u32,
    today: NaiveDate,
) -> Option<Notice> {
    if today <= deadline {
        let day = reminder_on(deadline, reminder_days_before).ok()?;
        return (day <= today).then_some(Notice::Reminder { day });
    }
    let every = chaser_interval_days.max(1);
    let first = deadline.checked_add_days(Days::new(1))?;
    let mut days = vec![first];
    days.extend(chasers(first, every, MAX_CHASERS - 1).ok()?);
    let (index, day) = days
        .iter()
        .enumerate()
        .rev()
        .find(|(_, day)| **day <= today)?;
    let window_end = day.checked_add_days(Days::new(u64::from(every)))?;
    (today < window_end).then_some(Notice::Chaser {
        day: *day,
        number: index as u32 + 1,
    })
}

/// The Monday of `day`'s week: the day a weekly digest is for.
pub fn week_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reminder_from_its_day_to_the_deadline() {
        let deadline = d(2022, 11, 14);
        assert_eq!(due_notice(deadline, 14, 7, d(2022, 10, 30)), None);
        let notice = Notice::Reminder {
            day: d(2022, 10, 31),
        };
        let reminder = Some(notice);
        assert_eq!(due_notice(deadline, 14, 7, d(2022, 10, 31)), reminder);
        // Missed while the server was down: still the same reminder (same day, same key).
        assert_eq!(due_notice(deadline, 14, 7, d(2022, 11, 9)), reminder);
        assert_eq!(due_notice(deadline, 14, 7, deadline), reminder);
        assert_eq!(
            due_notice(deadline, 0, 7, deadline),
            Some(Notice::Reminder { day: deadline })
        );
        assert_eq!(notice.purpose(), "reminder");
    }

    #[test]
    fn chasers_the_day_after_then_every_interval_latest_only() {
        let deadline = d(2022, 11, 14);
        let chaser = Notice::Chaser {
            day: d(2022, 11, 15),
            number: 1,
        };
        let first = Some(chaser);
        assert_eq!(due_notice(deadline, 14, 7, d(2022, 11, 15)), first);
        assert_eq!(due_notice(deadline, 14, 7, d(2022, 11, 21)), first);
        assert_eq!(
            due_notice(deadline, 14, 7, d(2022, 11, 22)),
            Some(Notice::Chaser {
                day: d(2022, 11, 22),
                number: 2
            })
        );
        // Three weeks down: only the latest chaser.
        assert_eq!(
            due_notice(deadline, 14, 7, d(2022, 12, 7)),
            Some(Notice::Chaser {
                day: d(2022, 12, 6),
                number: 4
            })
        );
        assert_eq!(chaser.purpose(), "chaser");
        assert_eq!(chaser.day(), d(2022, 11, 15));
    }

    #[test]
    fn chasers_stop_at_the_cap() {
        let deadline = d(2022, 1, 10);
        let last_day = d(2022, 1, 11) + Days::new(u64::from(7 * (MAX_CHASERS - 1)));
        assert_eq!(
            due_notice(deadline, 14, 7, last_day),
            Some(Notice::Chaser {
                day: last_day,
                number: MAX_CHASERS
            })
        );
        assert_eq!(
            due_notice(deadline, 14, 7, last_day + Days::new(6)),
            due_notice(deadline, 14, 7, last_day)
        );
        assert_eq!(due_notice(deadline, 14, 7, last_day + Days::new(7)), None);
        assert_eq!(due_notice(deadline, 14, 7, d(2030, 1, 1)), None);
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(week_of(d(2022, 11, 1)), d(2022, 10, 31));
        assert_eq!(week_of(d(2022, 10, 31)), d(2022, 10, 31));
        assert_eq!(week_of(d(2022, 11, 6)), d(2022, 10, 31));
        assert_eq!(week_of(d(2022, 11, 7)), d(2022, 11, 7));
    }
}
