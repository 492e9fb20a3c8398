//! The call-in deadline a decision document states, read as an instant ("Midnight - Friday 28th
//! January 2022" is 23:59 that Friday in the council's time zone).
use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use scrutiny_domain::calendar::CallInRule;
use scrutiny_domain::dates::{DateError, PartialDate, Precision};

/// Reads the instant a document's words mean: "Midnight - Friday 28th January 2022" is 23:59 on
/// that day in the council's time zone. The date words are read with [`PartialDate::parse`] (a
/// stated day of the week must match); a time may be "midnight" (23:59), "noon"/"midday", "5pm",
/// "5.30 pm" or "17:00"; with no time, the council's end time. `None` when no day can be read.
pub fn read_stated_deadline(text: &str, rule: &CallInRule) -> Option<DateTime<Utc>> {
    let words: Vec<&str> = text.split_whitespace().take(40).collect();
    // The first (and longest) run of words that is a date; a day of the week that does not
    // match the date makes the whole text unreadable rather than falling back to the bare date.
    let found = (0..words.len()).find_map(|i| {
        (i + 1..=words.len())
            .rev()
            .find_map(|j| match PartialDate::parse(&words[i..j].join(" ")) {
                Ok(date) => Some(Ok((i, j, date))),
                Err(DateError::WrongWeekday { .. }) => Some(Err(())),
                Err(_) => None,
            })
    })?;
    let (start, end, date) = found.ok()?;
    if date.precision() != Precision::Day {
        return None;
    }
    let rest: Vec<&str> = words[..start]
        .iter()
        .chain(&words[end..])
        .copied()
        .collect();
    let time = time_of(&rest).unwrap_or(rule.end_time);
    let local = date.first_day().and_time(time);
    rule.tz
        .from_local_datetime(&local)
        .latest()
        .map(|at| at.with_timezone(&Utc))
}

/// The first time of day among some words.
fn time_of(words: &[&str]) -> Option<NaiveTime> {
    let clean: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != ':' && c != '.')
                .trim_end_matches('.')
                .to_ascii_lowercase()
        })
        .collect();
    for (i, word) in clean.iter().enumerate() {
        match word.as_str() {
            "midnight" => return NaiveTime::from_hms_opt(23, 59, 0),
            "noon" | "midday" => return NaiveTime::from_hms_opt(12, 0, 0),
            _ => {}
        }
        let next = clean.get(i + 1).map(String::as_str);
        let (digits, meridiem) = if let Some(d) = word.strip_suffix("am") {
            (d, Some(false))
        } else if let Some(d) = word.strip_suffix("pm") {
            (d, Some(true))
        } else if matches!(next, Some("am" | "a.m" | "a.m.")) {
            (word.as_str(), Some(false))
        } else if matches!(next, Some("pm" | "p.m" | "p.m.")) {
            (word.as_str(), Some(true))
        } else {
            (word.as_str(), None)
        };
        let digits = digits.trim_end_matches('.');
        let (hour, minute) = match digits.split_once([':', '.']) {
            Some((h, m)) if m.len() == 2 => (h, m),
            Some(_) => continue,
            None if meridiem.is_some() => (digits, "00"),
            None => continue,
        };
        let valid =
            |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !valid(hour) || !valid(minute) {
            continue;
        }
        let (Ok(mut hour), Ok(minute)) = (hour.parse::<u32>(), minute.parse::<u32>()) else {
            continue;
        };
        if let Some(pm) = meridiem {
            if !(1..=12).contains(&hour) {
                continue;
            }
            hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
        }
        if let Some(time) = NaiveTime::from_hms_opt(hour, minute, 0) {
            return Some(time);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn the_seed_call_in_text_means_2359_on_friday_28_january_2022() {
        let rule = CallInRule::default();
        assert_eq!(
            read_stated_deadline("Midnight - Friday 28th January 2022", &rule),
            Some(utc(2022, 1, 28, 23, 59))
        );
    }

    #[test]
    fn stated_times_and_dates_in_other_words() {
        let rule = CallInRule::default();
        // British Summer Time: 17:00 local is 16:00 UTC.
        assert_eq!(
            read_stated_deadline("5pm on 8 July 2022", &rule),
            Some(utc(2022, 7, 8, 16, 0))
        );
        assert_eq!(
            read_stated_deadline("By 17:00, Friday 28/01/2022", &rule),
            Some(utc(2022, 1, 28, 17, 0))
        );
        assert_eq!(
            read_stated_deadline("12 noon Friday 28th January 2022", &rule),
            Some(utc(2022, 1, 28, 12, 0))
        );
        assert_eq!(
            read_stated_deadline("4.30 pm 28 January 2022", &rule),
            Some(utc(2022, 1, 28, 16, 30))
        );
        // No time: the council's end time.
        assert_eq!(
            read_stated_deadline("28 January 2022", &rule),
            Some(utc(2022, 1, 28, 23, 59))
        );
    }

    #[test]
    fn unreadable_stated_deadlines_stay_text_only() {
        let rule = CallInRule::default();
        // The 28th was a Friday, not a Thursday.
        assert_eq!(
            read_stated_deadline("Midnight - Thursday 28th January 2022", &rule),
            None
        );
        // Only a month: never invent a day.
        assert_eq!(read_stated_deadline("End of January 2022", &rule), None);
        assert_eq!(read_stated_deadline("N/A", &rule), None);
        assert_eq!(read_stated_deadline("", &rule), None);
    }
}
