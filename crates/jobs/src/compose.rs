//! The words of the emails: a plain-text body and an HTML alternative with every value escaped.
use crate::plan::Notice;
use chrono::NaiveDate;
use std::fmt::Write;

/// A subject and its two bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// "14 November 2022".
pub fn long_date(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters of `text` on one line, with "…" when cut.
fn shorten(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// The round a notice is about.
#[derive(Debug, Clone)]
pub struct RoundInfo {
    pub council_name: String,
    pub review_title: String,
    pub label: String,
    pub deadline: NaiveDate,
    pub meeting_date: Option<NaiveDate>,
    /// Where to report: the review in the web app.
    pub link: String,
}

/// A recommendation (or part) an organisation still owes an update on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwedItem {
    /// "1", "2a".
    pub reference: String,
    pub text: String,
    /// Returned by an officer with comments (rather than never submitted).
    pub returned: bool,
}

fn owed_line(item: &OwedItem) -> String {
    let mut line = format!(
        "Recommendation {}: {}",
        item.reference,
        shorten(&item.text, 160)
    );
    if item.returned {
        line.push_str(" (returned with comments)");
    }
    line
}

const FOOTER: &str = "This is an automatic message from the scrutiny recommendation tracker.";

/// A reminder before the deadline, or a chaser after it, to one contributor of `organisation`.
pub fn progress_notice(
    round: &RoundInfo,
    notice: &Notice,
    recipient_name: &str,
    organisation: &str,
    owed: &[OwedItem],
) -> Composed {
    let deadline = long_date(round.deadline);
    let subject = match notice {
        Notice::Reminder { .. } => format!(
            "Progress update due {deadline}: {} ({})",
            round.review_title, round.label
        ),
        Notice::Chaser { .. } => format!(
            "Overdue progress update: {} ({}), due {deadline}",
            round.review_title, round.label
        ),
    };
    let opening = match notice {
        Notice::Reminder { .. } => format!(
            "{organisation} has a progress update to send for the scrutiny review \"{}\" of {}, \
             round {}. The deadline is {deadline}.",
            round.review_title, round.council_name, round.label
        ),
        Notice::Chaser { .. } => format!(
            "The progress update of {organisation} for the scrutiny review \"{}\" of {}, round {}, \
             was due on {deadline} and has not been submitted yet.",
            round.review_title, round.council_name, round.label
        ),
    };
    let meeting = round.meeting_date.map(|m| {
        format!(
            "The update goes to the committee meeting of {}.",
            long_date(m)
        )
    });
    let owed_heading = format!(
        "Still owed ({} recommendation{}):",
        owed.len(),
        if owed.len() == 1 { "" } else { "s" }
    );
    let action = "Sign in to report progress:";

    let mut text = String::new();
    let _ = writeln!(text, "Dear {recipient_name},\n");
    let _ = writeln!(text, "{opening}");
    if let Some(m) = &meeting {
        let _ = writeln!(text, "{m}");
    }
    let _ = writeln!(text, "\nReview: {}", round.review_title);
    let _ = writeln!(text, "Round: {}", round.label);
    let _ = writeln!(text, "Deadline: {deadline}\n");
    let _ = writeln!(text, "{owed_heading}");
    for item in owed {
        let _ = writeln!(text, "- {}", owed_line(item));
    }
    let _ = writeln!(text, "\n{action} {}\n", round.link);
    let _ = writeln!(text, "{FOOTER}");

    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\"><body>\n");
    let _ = writeln!(html, "<p>Dear {},</p>", escape(recipient_name));
    let _ = writeln!(html, "<p>{}</p>", escape(&opening));
    if let Some(m) = &meeting {
        let _ = writeln!(html, "<p>{}</p>", escape(m));
    }
    html.push_str("<table>\n");
    for (k, v) in [
        ("Review", round.review_title.as_str()),
        ("Round", round.label.as_str()),
        ("Deadline", deadline.as_str()),
    ] {
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\">{k}</th><td>{}</td></tr>",
            escape(v)
        );
    }
    html.push_str("</table>\n");
    let _ = writeln!(html, "<p>{}</p>\n<ul>", escape(&owed_heading));
    for item in owed {
        let _ = writeln!(html, "<li>{}</li>", escape(&owed_line(item)));
    }
    html.push_str("</ul>\n");
    let _ = writeln!(
        html,
        "<p>{action} <a href=\"{0}\">{0}</a></p>",
        escape(&round.link)
    );
    let _ = writeln!(html, "<p>{FOOTER}</p>\n</body></html>");
    Composed {
        subject,
        text,
        html,
    }
}

/// What a milestone notice says about the milestone and its action.
#[derive(Debug, Clone)]
pub struct MilestoneInfo {
    pub council_name: String,
    pub review_title: String,
    /// The recommendation the action answers: "2".
    pub recommendation: String,
    /// The action's proposed actions, shortened in the email.
    pub action: String,
    /// "Assessment of protocol".
    pub label: Option<String>,
    pub due_by: NaiveDate,
    /// Given as a month ("September 2022"): due by the month's end.
    pub month_only: bool,
    pub link: String,
}

/// A reminder before a milestone of an open action falls due, or a chaser after it passed, to
/// one contributor of an organisation that owns the action.
pub fn milestone_notice(
    m: &MilestoneInfo,
    notice: &Notice,
    recipient_name: &str,
    organisation: &str,
) -> Composed {
    let due = due_phrase(m.due_by, m.month_only);
    let what = m.label.clone().unwrap_or_else(|| "A milestone".to_owned());
    let subject = match notice {
        Notice::Reminder { .. } => format!("Milestone due {due}: {what} ({})", m.review_title),
        Notice::Chaser { .. } => {
            format!("Milestone passed: {what} ({}), due {due}", m.review_title)
        }
    };
    // The outbox keeps subjects to 300 characters.
    let subject = shorten(&subject, 280);
    let opening = match notice {
        Notice::Reminder { .. } => format!(
            "{organisation} owns an action of the scrutiny review \"{}\" of {} with a milestone \
             due {due}: {what}.",
            m.review_title, m.council_name
        ),
        Notice::Chaser { .. } => format!(
            "A milestone of an action that {organisation} owns in the scrutiny review \"{}\" of \
             {} was due {due} and is not recorded as met: {what}.",
            m.review_title, m.council_name
        ),
    };
    let action_line = format!(
        "Action on recommendation {}: {}",
        m.recommendation,
        shorten(&m.action, 200)
    );
    let ask = "Sign in to record progress, or ask the council's scrutiny officer to mark the \
               milestone met:";
    let mut text = String::new();
    let _ = writeln!(text, "Dear {recipient_name},\n");
    let _ = writeln!(text, "{opening}\n");
    let _ = writeln!(text, "{action_line}\n");
    let _ = writeln!(text, "{ask} {}\n", m.link);
    let _ = writeln!(text, "{FOOTER}");
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\"><body>\n");
    let _ = writeln!(html, "<p>Dear {},</p>", escape(recipient_name));
    let _ = writeln!(html, "<p>{}</p>", escape(&opening));
    let _ = writeln!(html, "<p>{}</p>", escape(&action_line));
    let _ = writeln!(
        html,
        "<p>{} <a href=\"{1}\">{1}</a></p>",
        escape(ask),
        escape(&m.link)
    );
    let _ = writeln!(html, "<p>{FOOTER}</p>\n</body></html>");
    Composed {
        subject,
        text,
        html,
    }
}

/// What a statutory response notice says about the response owed.
#[derive(Debug, Clone)]
pub struct ResponseInfo {
    pub council_name: String,
    pub review_title: String,
    /// "Cabinet", "Cleveland Police".
    pub responder_name: String,
    /// The executive's response (its officers are told) rather than a partner's.
    pub executive: bool,
    pub report_received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub link: String,
}

/// A reminder before a statutory response to a scrutiny report falls due, or a chaser after it
/// passed, to one contributor of the responding partner (or one officer, for the executive's).
pub fn response_notice(r: &ResponseInfo, notice: &Notice, recipient_name: &str) -> Composed {
    let due = long_date(r.due_on);
    let subject = match notice {
        Notice::Reminder { .. } => format!(
            "Response due {due}: {} to the report on {}",
            r.responder_name, r.review_title
        ),
        Notice::Chaser { .. } => format!(
            "Response overdue: {} to the report on {}, due {due}",
            r.responder_name, r.review_title
        ),
    };
    let subject = shorten(&subject, 280);
    let who = if r.executive {
        format!("The executive ({})", r.responder_name)
    } else {
        r.responder_name.clone()
    };
    let opening = match notice {
        Notice::Reminder { .. } => format!(
            "{who} must respond to the scrutiny report \"{}\" of {} by {due} (received {}).",
            r.review_title,
            r.council_name,
            long_date(r.report_received_on)
        ),
        Notice::Chaser { .. } => format!(
            "The response of {who} to the scrutiny report \"{}\" of {} was due {due} and has \
             not been received.",
            r.review_title, r.council_name
        ),
    };
    let ask = "Sign in to answer each recommendation (accepted, partly accepted or not accepted, \
               with reasons and the action proposed) and submit the response:";
    let mut text = String::new();
    let _ = writeln!(text, "Dear {recipient_name},\n");
    let _ = writeln!(text, "{opening}\n");
    let _ = writeln!(text, "{ask} {}\n", r.link);
    let _ = writeln!(text, "{FOOTER}");
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\"><body>\n");
    let _ = writeln!(html, "<p>Dear {},</p>", escape(recipient_name));
    let _ = writeln!(html, "<p>{}</p>", escape(&opening));
    let _ = writeln!(
        html,
        "<p>{} <a href=\"{1}\">{1}</a></p>",
        escape(ask),
        escape(&r.link)
    );
    let _ = writeln!(html, "<p>{FOOTER}</p>\n</body></html>");
    Composed {
        subject,
        text,
        html,
    }
}

/// The email to a webhook subscription's owner when its deliveries kept failing and it was
/// disabled.
pub fn webhook_disabled(url: &str, reason: &str, link: &str) -> Composed {
    let subject = shorten(&format!("Webhook disabled: {url}"), 280);
    let opening = format!(
        "The scrutiny tracker stopped sending events to {url}: {reason} Nothing more is sent \
         until it is enabled again; the events it missed stay in the event feed \
         (GET /api/v1/events)."
    );
    let ask = "Check the receiver, then enable the subscription and redeliver what failed:";
    let mut text = String::new();
    let _ = writeln!(text, "Hello,\n");
    let _ = writeln!(text, "{opening}\n");
    let _ = writeln!(text, "{ask} {link}\n");
    let _ = writeln!(text, "{FOOTER}");
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\"><body>\n<p>Hello,</p>\n");
    let _ = writeln!(html, "<p>{}</p>", escape(&opening));
    let _ = writeln!(
        html,
        "<p>{} <a href=\"{1}\">{1}</a></p>",
        escape(ask),
        escape(link)
    );
    let _ = writeln!(html, "<p>{FOOTER}</p>\n</body></html>");
    Composed {
        subject,
        text,
        html,
    }
}

/// A submission waiting for assessment, as the digest lists it.
#[derive(Debug, Clone)]
pub struct DigestSubmission {
    pub review_title: String,
    pub round_label: String,
    /// "1", "2a".
    pub reference: String,
    pub organisation: Option<String>,
    pub submitted_on: Option<NaiveDate>,
}

/// A round the digest lists as overdue or due soon.
#[derive(Debug, Clone)]
pub struct DigestRound {
    pub review_title: String,
    pub label: String,
    pub deadline: NaiveDate,
    /// Entries still owed, and by whom.
    pub owed: usize,
    pub organisations: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Digest {
    pub council_name: String,
    /// The Monday of the week.
    pub week: NaiveDate,
    pub awaiting: Vec<DigestSubmission>,
    pub overdue: Vec<DigestRound>,
    pub due_soon: Vec<DigestRound>,
    /// Milestones of open actions that have passed without being met.
    pub milestones_passed: Vec<DigestMilestone>,
    /// Statutory responses to a review's report, awaited past their due day.
    pub responses_overdue: Vec<DigestResponse>,
    pub link: String,
}

/// A statutory response the digest lists as overdue.
#[derive(Debug, Clone)]
pub struct DigestResponse {
    pub review_title: String,
    pub responder_name: String,
    pub due_on: NaiveDate,
}

impl Digest {
    pub fn is_empty(&self) -> bool {
        self.awaiting.is_empty()
            && self.overdue.is_empty()
            && self.due_soon.is_empty()
            && self.milestones_passed.is_empty()
            && self.responses_overdue.is_empty()
    }
}

/// A milestone the digest lists as passed and not yet met.
#[derive(Debug, Clone)]
pub struct DigestMilestone {
    pub review_title: String,
    /// The recommendation its action answers: "2".
    pub recommendation: String,
    pub label: Option<String>,
    pub due_by: NaiveDate,
    pub month_only: bool,
    /// The organisations that own the action.
    pub owners: Vec<String>,
}

/// When a milestone falls due: "by the end of September 2022", "by 14 November 2022".
fn due_phrase(due_by: NaiveDate, month_only: bool) -> String {
    if month_only {
        format!("by the end of {}", due_by.format("%B %Y"))
    } else {
        format!("by {}", long_date(due_by))
    }
}

fn milestone_line(m: &DigestMilestone) -> String {
    let mut line = format!(
        "{}, recommendation {}: {}, due {}",
        m.review_title,
        m.recommendation,
        m.label.as_deref().unwrap_or("a milestone"),
        due_phrase(m.due_by, m.month_only)
    );
    if !m.owners.is_empty() {
        let _ = write!(line, " ({})", m.owners.join(", "));
    }
    line
}

fn submission_line(s: &DigestSubmission) -> String {
    let mut line = format!(
        "{} ({}), recommendation {}",
        s.review_title, s.round_label, s.reference
    );
    if let Some(org) = &s.organisation {
        let _ = write!(line, ", from {org}");
    }
    if let Some(day) = s.submitted_on {
        let _ = write!(line, ", submitted {}", long_date(day));
    }
    line
}

fn round_line(r: &DigestRound) -> String {
    let mut line = format!(
        "{} ({}), deadline {}",
        r.review_title,
        r.label,
        long_date(r.deadline)
    );
    if r.owed > 0 {
        let _ = write!(
            line,
            ": {} update{} still owed",
            r.owed,
            if r.owed == 1 { "" } else { "s" }
        );
        if !r.organisations.is_empty() {
            let _ = write!(line, " by {}", r.organisations.join(", "));
        }
    }
    line
}

/// The weekly summary for one officer of a council.
pub fn digest(d: &Digest, recipient_name: &str) -> Composed {
    let week = long_date(d.week);
    let subject = format!(
        "Scrutiny progress: weekly summary for {} (week of {week})",
        d.council_name
    );
    let sections: [(String, Vec<String>); 5] = [
        (
            format!("Submissions to assess ({})", d.awaiting.len()),
            d.awaiting.iter().map(submission_line).collect(),
        ),
        (
            format!("Overdue rounds ({})", d.overdue.len()),
            d.overdue.iter().map(round_line).collect(),
        ),
        (
            format!("Rounds due in the next 45 days ({})", d.due_soon.len()),
            d.due_soon.iter().map(round_line).collect(),
        ),
        (
            format!(
                "Milestones passed and not yet met ({})",
                d.milestones_passed.len()
            ),
            d.milestones_passed.iter().map(milestone_line).collect(),
        ),
        (
            format!(
                "Statutory responses overdue ({})",
                d.responses_overdue.len()
            ),
            d.responses_overdue
                .iter()
                .map(|r| {
                    format!(
                        "{}: the response of {}, due {}",
                        r.review_title,
                        r.responder_name,
                        long_date(r.due_on)
                    )
                })
                .collect(),
        ),
    ];
    let intro = format!(
        "Progress monitoring at {} for the week of {week}.",
        d.council_name
    );

    let mut text = String::new();
    let _ = writeln!(text, "Dear {recipient_name},\n\n{intro}");
    for (heading, lines) in &sections {
        let _ = writeln!(text, "\n{heading}:");
        if lines.is_empty() {
            let _ = writeln!(text, "- none");
        }
        for line in lines {
            let _ = writeln!(text, "- {line}");
        }
    }
    let _ = writeln!(text, "\nOpen the tracker: {}\n\n{FOOTER}", d.link);

    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\"><body>\n");
    let _ = writeln!(html, "<p>Dear {},</p>", escape(recipient_name));
    let _ = writeln!(html, "<p>{}</p>", escape(&intro));
    for (heading, lines) in &sections {
        let _ = writeln!(html, "<h2>{}</h2>\n<ul>", escape(heading));
        if lines.is_empty() {
            html.push_str("<li>none</li>\n");
        }
        for line in lines {
            let _ = writeln!(html, "<li>{}</li>", escape(line));
        }
        html.push_str("</ul>\n");
    }
    let _ = writeln!(
        html,
        "<p>Open the tracker: <a href=\"{0}\">{0}</a></p>\n<p>{FOOTER}</p>\n</body></html>",
        escape(&d.link)
    );
    Composed {
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn round() -> RoundInfo {
        RoundInfo {
            council_name: "Stockton-on-Tees Borough Council".into(),
            review_title: "Police <Communications> & \"Engagement\"".into(),
            label: "November 2022".into(),
            deadline: d(2022, 11, 14),
            meeting_date: Some(d(2022, 11, 24)),
            link: "https://tracker.example/reviews/1?a=1&b=2".into(),
        }
    }

    #[test]
    fn dates_read_like_the_documents() {
        assert_eq!(long_date(d(2022, 11, 14)), "14 November 2022");
        assert_eq!(long_date(d(2022, 3, 1)), "1 March 2022");
    }

    #[test]
    fn a_reminder_says_what_is_owed_and_escapes_its_html() {
        let owed = [
            OwedItem {
                reference: "1".into(),
                text: "Review the <script>alert(1)</script> strategy".into(),
                returned: false,
            },
            OwedItem {
                reference: "2a".into(),
                text: "x ".repeat(200),
                returned: true,
            },
        ];
        let notice = Notice::Reminder {
            day: d(2022, 10, 31),
        };
        let c = progress_notice(&round(), &notice, "Jo O'Neill", "Cleveland Police", &owed);
        assert_eq!(
            c.subject,
            "Progress update due 14 November 2022: Police <Communications> & \"Engagement\" (November 2022)"
        );
        assert!(c.text.contains("Dear Jo O'Neill,"));
        assert!(c.text.contains("Deadline: 14 November 2022"));
        assert!(c.text.contains("Round: November 2022"));
        assert!(c.text.contains("committee meeting of 24 November 2022"));
        assert!(c.text.contains("Still owed (2 recommendations):"));
        assert!(c
            .text
            .contains("- Recommendation 1: Review the <script>alert(1)</script> strategy\n"));
        assert!(c.text.contains("(returned with comments)"));
        assert!(c.text.contains("…"));
        assert!(c.text.contains("https://tracker.example/reviews/1?a=1&b=2"));

        assert!(!c.html.contains("<script>"));
        assert!(c.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(c.html.contains("Jo O&#39;Neill"));
        assert!(c
            .html
            .contains("Police &lt;Communications&gt; &amp; &quot;Engagement&quot;"));
        assert!(c
            .html
            .contains("<a href=\"https://tracker.example/reviews/1?a=1&amp;b=2\">"));
    }

    #[test]
    fn a_chaser_says_the_deadline_passed() {
        let owed = [OwedItem {
            reference: "3b".into(),
            text: "Monitor VCOP compliance".into(),
            returned: false,
        }];
        let notice = Notice::Chaser {
            day: d(2022, 11, 15),
            number: 1,
        };
        let c = progress_notice(&round(), &notice, "Sam", "Cleveland Police", &owed);
        assert!(c.subject.starts_with("Overdue progress update: "));
        assert!(c.subject.ends_with(", due 14 November 2022"));
        assert!(c.text.contains("was due on 14 November 2022"));
        assert!(c.text.contains("Still owed (1 recommendation):"));
        assert!(c
            .text
            .contains("- Recommendation 3b: Monitor VCOP compliance\n"));
    }

    #[test]
    fn the_digest_lists_three_sections() {
        let digest_data = Digest {
            council_name: "Test <Council>".into(),
            week: d(2022, 10, 31),
            awaiting: vec![DigestSubmission {
                review_title: "Police Communications".into(),
                round_label: "November 2022".into(),
                reference: "2a".into(),
                organisation: Some("Cleveland Police".into()),
                submitted_on: Some(d(2022, 11, 2)),
            }],
            overdue: vec![],
            due_soon: vec![DigestRound {
                review_title: "Police Communications".into(),
                label: "November 2022".into(),
                deadline: d(2022, 11, 14),
                owed: 3,
                organisations: vec!["Cleveland Police".into()],
            }],
            link: "http://localhost:8080/".into(),
            milestones_passed: Vec::new(),
            responses_overdue: vec![DigestResponse {
                review_title: "Police Communications".into(),
                responder_name: "Cabinet".into(),
                due_on: d(2022, 3, 20),
            }],
        };
        assert!(!digest_data.is_empty());
        let c = digest(&digest_data, "Marc");
        assert_eq!(
            c.subject,
            "Scrutiny progress: weekly summary for Test <Council> (week of 31 October 2022)"
        );
        assert!(c.text.contains("Submissions to assess (1):\n- Police Communications (November 2022), recommendation 2a, from Cleveland Police, submitted 2 November 2022"));
        assert!(c.text.contains("Overdue rounds (0):\n- none"));
        assert!(c.text.contains("Rounds due in the next 45 days (1):\n- Police Communications (November 2022), deadline 14 November 2022: 3 updates still owed by Cleveland Police"));
        assert!(c.text.contains("Statutory responses overdue (1):\n- Police Communications: the response of Cabinet, due 20 March 2022"));
        assert!(c.html.contains("Test &lt;Council&gt;"));
        assert!(!c.html.contains("<Council>"));
    }
}
