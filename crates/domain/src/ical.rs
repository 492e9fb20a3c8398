//! Writing iCalendar (RFC 5545) feeds: a VCALENDAR of VEVENTs, each all-day or at an instant, with
//! text escaped and lines folded at 75 octets, CRLF line ends.
use chrono::{DateTime, Days, NaiveDate, Utc};

/// When an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// The whole day.
    AllDay(NaiveDate),
    /// An instant (a deadline).
    At(DateTime<Utc>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across updates, so a client replaces the event it holds.
    pub uid: String,
    /// When the record last changed.
    pub stamp: DateTime<Utc>,
    pub when: When,
    pub summary: String,
    pub description: Option<String>,
    pub url: Option<String>,
    pub categories: Option<String>,
}

/// Escapes a TEXT value: backslash, semicolon, comma and new lines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 character) and ends it with CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A calendar named `name` holding `events`.
pub fn calendar(name: &str, events: &[Event]) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Scrutiny recommendation tracker//Calendar feed//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", escape(name)),
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H".to_owned(),
        "X-PUBLISHED-TTL:PT1H".to_owned(),
    ] {
        push_line(&mut out, &line);
    }
    for e in events {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", escape(&e.uid)));
        push_line(&mut out, &format!("DTSTAMP:{}", stamp(e.stamp)));
        match e.when {
            When::AllDay(day) => {
                push_line(
                    &mut out,
                    &format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")),
                );
                let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
                push_line(
                    &mut out,
                    &format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
                );
                push_line(&mut out, "TRANSP:TRANSPARENT");
            }
            When::At(at) => {
                push_line(&mut out, &format!("DTSTART:{}", stamp(at)));
                push_line(&mut out, &format!("DTEND:{}", stamp(at)));
            }
        }
        push_line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        if let Some(d) = &e.description {
            push_line(&mut out, &format!("DESCRIPTION:{}", escape(d)));
        }
        if let Some(url) = &e.url {
            push_line(&mut out, &format!("URL:{url}"));
        }
        if let Some(c) = &e.categories {
            push_line(&mut out, &format!("CATEGORIES:{}", escape(c)));
        }
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_lines_folded_at_75_octets() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        let event = Event {
            uid: "milestone-1@scrutiny".into(),
            stamp: "2022-01-20T10:00:00Z".parse().unwrap(),
            when: When::AllDay(NaiveDate::from_ymd_opt(2022, 9, 30).unwrap()),
            summary: "Milestone: assessment of protocol – ".repeat(4),
            description: None,
            url: None,
            categories: None,
        };
        let text = calendar("Stockton", &[event]);
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        assert!(text.contains("DTSTART;VALUE=DATE:20220930\r\nDTEND;VALUE=DATE:20221001\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!(
            "SUMMARY:{}",
            "Milestone: assessment of protocol – ".repeat(4)
        )));
    }
}
