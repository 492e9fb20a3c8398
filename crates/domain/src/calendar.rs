//! Working-day calendar, bank holidays and call-in deadlines (docs/domain.md rule 7).
//!
//! A decision may be implemented only after its call-in period ends. The period
//! ends at a local time (by default 23:59, Europe/London) on the Nth working day
//! (by default the fifth), counting the publication day as day one if it is a
//! working day. Working days are Monday to Friday excluding bank holidays.
//!
//! Bank holidays are data: [`england_and_wales_holidays`] returns the England and
//! Wales list compiled into the crate from `data/bank-holidays-england-and-wales.csv`
//! (2015–2030, special days included), and an admin can extend a
//! [`HolidayCalendar`] at run time with [`HolidayCalendar::insert`] or build one
//! from their own CSV with [`parse_bank_holidays_csv`].
//!
//! Everything here is pure computation: no I/O, no database, no clock.

use std::collections::BTreeSet;

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc,
    Weekday,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The England and Wales bank-holiday list shipped with the crate.
const ENGLAND_AND_WALES_CSV: &str = include_str!("../data/bank-holidays-england-and-wales.csv");

/// Smallest allowed call-in period, in working days.
pub const MIN_CALL_IN_WORKING_DAYS: u32 = 1;
/// Largest allowed call-in period, in working days.
pub const MAX_CALL_IN_WORKING_DAYS: u32 = 60;
/// Default call-in period, in working days (the seed's five).
pub const DEFAULT_CALL_IN_WORKING_DAYS: u32 = 5;

/// Errors from building calendars and call-in rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A call-in period outside `1..=60` working days.
    #[error("call-in period must be between {min} and {max} working days, got {got}")]
    WorkingDaysOutOfRange { got: u32, min: u32, max: u32 },
    /// The bank-holiday CSV had no header row (it was empty or blank).
    #[error("bank-holiday CSV is empty: expected a header row with a `date` column")]
    EmptyCsv,
    /// The header row has no `date` column.
    #[error("bank-holiday CSV header has no `date` column (found: {found})")]
    MissingDateColumn { found: String },
    /// A row's date is not an ISO `yyyy-mm-dd` date.
    #[error("bank-holiday CSV line {line}: `{value}` is not a date in yyyy-mm-dd form")]
    InvalidDate { line: usize, value: String },
    /// A quoted field was still open at the end of the input.
    #[error("bank-holiday CSV line {line}: quoted field is not closed")]
    UnterminatedQuote { line: usize },
}

/// One bank holiday as listed in a bank-holiday CSV.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BankHoliday {
    pub date: NaiveDate,
    /// The holiday's name, from the `title` column (gov.uk JSON naming) or, failing
    /// that, the `name` column (the shipped CSV). Empty if the file has neither.
    pub title: String,
    /// The `notes` column if the file has one and the cell is not blank
    /// (gov.uk uses it for e.g. "Substitute day").
    pub notes: Option<String>,
}

/// Parses a bank-holiday CSV.
///
/// The first non-blank record is the header. Columns are found by name,
/// case-insensitively and ignoring surrounding whitespace, in any order:
/// `date` (required, ISO `yyyy-mm-dd`), `title` or `name` (optional), `notes`
/// (optional); other columns are ignored. Accepts a UTF-8 byte-order mark, CRLF
/// or LF line ends, blank lines, and RFC 4180 quoting (commas, doubled quotes and
/// line breaks inside quoted fields). Rows are returned in file order; duplicates
/// are kept (they are harmless to a [`HolidayCalendar`]).
pub fn parse_bank_holidays_csv(text: &str) -> Result<Vec<BankHoliday>, CalendarError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = parse_csv_records(text)?
        .into_iter()
        .filter(|(_, fields)| fields.iter().any(|f| !f.trim().is_empty()));

    let (_, header) = records.next().ok_or(CalendarError::EmptyCsv)?;
    let header: Vec<String> = header
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let date_col = column("date").ok_or_else(|| CalendarError::MissingDateColumn {
        found: header.join(", "),
    })?;
    let title_col = column("title").or_else(|| column("name"));
    let notes_col = column("notes");

    records
        .map(|(line, fields)| {
            let cell = |col: Option<usize>| {
                col.and_then(|c| fields.get(c))
                    .map(|s| s.trim())
                    .unwrap_or("")
            };
            let raw_date = cell(Some(date_col));
            let date = NaiveDate::parse_from_str(raw_date, "%Y-%m-%d").map_err(|_| {
                CalendarError::InvalidDate {
                    line,
                    value: raw_date.to_string(),
                }
            })?;
            let notes = cell(notes_col);
            Ok(BankHoliday {
                date,
                title: cell(title_col).to_string(),
                notes: (!notes.is_empty()).then(|| notes.to_string()),
            })
        })
        .collect()
}

/// Splits CSV text into records of fields, each tagged with the 1-based line on
/// which the record starts.
fn parse_csv_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, CalendarError> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut record_line = 1;
    let mut quote_line = 1;
    let mut chars = text.chars().peekable();

    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                in_quotes = true;
                quote_line = line;
            }
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                records.push((record_line, std::mem::take(&mut fields)));
                line += 1;
                record_line = line;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(CalendarError::UnterminatedQuote { line: quote_line });
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push((record_line, fields));
    }
    Ok(records)
}

/// The England and Wales bank holidays compiled into the crate (2015–2030,
/// including special days such as the 2022 state funeral and the 2023
/// coronation), in date order.
pub fn england_and_wales_holidays() -> Vec<BankHoliday> {
    parse_bank_holidays_csv(ENGLAND_AND_WALES_CSV)
        .expect("the bundled England and Wales bank-holiday CSV is valid (checked by unit tests)")
}

/// A [`HolidayCalendar`] of the England and Wales bank holidays compiled into the crate.
pub fn england_and_wales_default() -> HolidayCalendar {
    HolidayCalendar::new(england_and_wales_holidays().into_iter().map(|h| h.date))
}

/// Bank holidays plus the Monday-to-Friday working week.
///
/// Only the days actually taken off are listed: when Christmas Day falls on a
/// Saturday the calendar holds the Monday or Tuesday substitute day, not the
/// 25th itself (which is not a working day anyway, being a weekend).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    holidays: BTreeSet<NaiveDate>,
}

impl HolidayCalendar {
    pub fn new(dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            holidays: dates.into_iter().collect(),
        }
    }

    /// Adds a bank holiday; returns `false` if it was already there.
    pub fn insert(&mut self, date: NaiveDate) -> bool {
        self.holidays.insert(date)
    }

    /// The bank holidays, in date order.
    pub fn holidays(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.holidays.iter().copied()
    }

    pub fn len(&self) -> usize {
        self.holidays.len()
    }

    pub fn is_empty(&self) -> bool {
        self.holidays.is_empty()
    }

    /// Whether `d` is listed as a bank holiday (whatever day of the week it is).
    pub fn is_holiday(&self, d: NaiveDate) -> bool {
        self.holidays.contains(&d)
    }

    /// Monday to Friday and not a bank holiday.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        is_weekday(d) && !self.is_holiday(d)
    }

    /// The `n`th working day counting from `start`: `start` itself is day 1 if it
    /// is a working day, otherwise day 1 is the next working day after it. So
    /// `n = 1` gives the first working day on or after `start`. `n = 0` is
    /// treated as `1`.
    ///
    /// # Panics
    /// If the answer lies beyond [`NaiveDate::MAX`]; see
    /// [`checked_nth_working_day_from`](Self::checked_nth_working_day_from).
    pub fn nth_working_day_from(&self, start: NaiveDate, n: u32) -> NaiveDate {
        self.checked_nth_working_day_from(start, n)
            .expect("working-day count runs past the last representable date")
    }

    /// [`nth_working_day_from`](Self::nth_working_day_from), returning `None`
    /// instead of panicking if the answer lies beyond [`NaiveDate::MAX`].
    pub fn checked_nth_working_day_from(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = start;
        while !self.is_working_day(day) {
            day = day.succ_opt()?;
        }
        for _ in 1..n {
            day = day.succ_opt()?;
            while !self.is_working_day(day) {
                day = day.succ_opt()?;
            }
        }
        Some(day)
    }

    /// The number of working days from `a` to `b`, both included. The order of
    /// the arguments does not matter. For a working day `s`,
    /// `working_days_between(s, nth_working_day_from(s, n)) == n`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> u32 {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        let total_days = (to - from).num_days() + 1;
        let full_weeks = total_days / 7;
        let first = i64::from(from.weekday().num_days_from_monday());
        let partial = (0..total_days % 7).filter(|i| (first + i) % 7 < 5).count() as i64;
        let weekdays = full_weeks * 5 + partial;
        let weekday_holidays = self
            .holidays
            .range(from..=to)
            .filter(|d| is_weekday(**d))
            .count() as i64;
        u32::try_from(weekdays - weekday_holidays).unwrap_or(u32::MAX)
    }
}

impl FromIterator<NaiveDate> for HolidayCalendar {
    fn from_iter<I: IntoIterator<Item = NaiveDate>>(iter: I) -> Self {
        Self::new(iter)
    }
}

fn is_weekday(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// How a decision's call-in period is computed (docs/domain.md rule 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallInRule {
    /// Length of the call-in period in working days, counting the publication
    /// day as day one (if it is a working day). `1..=60`; default 5.
    pub working_days: u32,
    /// Local time on the last working day at which the period ends; default 23:59.
    pub end_time: NaiveTime,
    /// Time zone the end time is expressed in; default Europe/London.
    pub tz: Tz,
}

impl Default for CallInRule {
    fn default() -> Self {
        Self {
            working_days: DEFAULT_CALL_IN_WORKING_DAYS,
            end_time: NaiveTime::from_hms_opt(23, 59, 0).expect("23:59 is a valid time"),
            tz: chrono_tz::Europe::London,
        }
    }
}

impl CallInRule {
    /// A validated rule: `working_days` must be in `1..=60`.
    pub fn new(working_days: u32, end_time: NaiveTime, tz: Tz) -> Result<Self, CalendarError> {
        if !(MIN_CALL_IN_WORKING_DAYS..=MAX_CALL_IN_WORKING_DAYS).contains(&working_days) {
            return Err(CalendarError::WorkingDaysOutOfRange {
                got: working_days,
                min: MIN_CALL_IN_WORKING_DAYS,
                max: MAX_CALL_IN_WORKING_DAYS,
            });
        }
        Ok(Self {
            working_days,
            end_time,
            tz,
        })
    }

    /// The last working day of the call-in period.
    pub fn deadline_date(&self, published: NaiveDate, cal: &HolidayCalendar) -> NaiveDate {
        cal.nth_working_day_from(published, self.working_days)
    }

    /// The moment the call-in period ends: `end_time` local on the
    /// `working_days`th working day, counting the publication day as day one.
    ///
    /// If `end_time` does not exist that day (it falls in a spring-forward gap)
    /// the deadline is the first moment after the gap; if it happens twice (an
    /// autumn fall-back) the deadline is the later of the two, so the period is
    /// never cut short. The default 23:59 Europe/London is never affected.
    pub fn call_in_deadline(&self, published: NaiveDate, cal: &HolidayCalendar) -> DateTime<Tz> {
        let date = self.deadline_date(published, cal);
        resolve_local(self.tz, date.and_time(self.end_time))
    }

    /// [`call_in_deadline`](Self::call_in_deadline) in UTC.
    pub fn deadline_utc(&self, published: NaiveDate, cal: &HolidayCalendar) -> DateTime<Utc> {
        self.call_in_deadline(published, cal).with_timezone(&Utc)
    }
}

/// Local wall-clock time to an instant: the later one if ambiguous, the first
/// valid minute after a gap if it does not exist.
fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Tz> {
    if let Some(dt) = tz.from_local_datetime(&local).latest() {
        return dt;
    }
    let mut candidate = local
        .date()
        .and_hms_opt(local.hour(), local.minute(), 0)
        .expect("hour and minute of a valid time");
    // Real-world gaps are at most a few hours; a day bounds the search.
    for _ in 0..24 * 60 {
        candidate += Duration::minutes(1);
        if let Some(dt) = tz.from_local_datetime(&candidate).latest() {
            return dt;
        }
    }
    // Unreachable for real time zones; fall back to reading the time as UTC.
    tz.from_utc_datetime(&local)
}

/// Whether a deadline stated in a document agrees with the computed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "agreement", rename_all = "snake_case")]
pub enum DeadlineAgreement {
    Agrees,
    /// `difference_minutes` is stated minus computed, rounded away from zero to
    /// whole minutes (so never 0): positive when the document allows longer.
    Disagrees {
        difference_minutes: i64,
    },
}

/// Compares a deadline stated in a document with the computed one.
///
/// They agree when they are the same instant, or when both fall in the
/// "midnight" window of the same local date: documents say things like
/// "Midnight - Friday 28th January 2022", which means the end of Friday, so any
/// time from 23:59 up to and including 24:00 (= 00:00 on the Saturday) is read
/// as the same deadline as a computed 23:59 on that Friday. The window applies
/// only when the computed deadline is itself at or after 23:59 local; the local
/// date is the computed deadline's, in the computed deadline's time zone
/// (`stated` may be in any zone). "Midnight" read as 00:00 at the *start* of the
/// Friday is a day earlier and is reported as a disagreement.
pub fn compare_stated(computed: DateTime<Tz>, stated: DateTime<Tz>) -> DeadlineAgreement {
    if computed == stated {
        return DeadlineAgreement::Agrees;
    }
    let tz = computed.timezone();
    let stated_local = stated.with_timezone(&tz).naive_local();
    let computed_local = computed.naive_local();
    let window_start = computed_local
        .date()
        .and_time(NaiveTime::from_hms_opt(23, 59, 0).expect("valid time"));
    let window_end = (computed_local.date() + Duration::days(1)).and_time(NaiveTime::MIN);
    let in_window = |t: NaiveDateTime| (window_start..=window_end).contains(&t);
    if in_window(computed_local) && in_window(stated_local) {
        return DeadlineAgreement::Agrees;
    }
    let seconds = (stated - computed).num_seconds();
    let minutes = seconds / 60 + i64::from(seconds % 60 != 0) * seconds.signum();
    // Sub-second differences still disagree: report them as one minute.
    let minutes = if minutes == 0 {
        if stated > computed {
            1
        } else {
            -1
        }
    } else {
        minutes
    };
    DeadlineAgreement::Disagrees {
        difference_minutes: minutes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::London;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn utc(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, day, h, min, 0).unwrap()
    }

    fn london(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Tz> {
        London.with_ymd_and_hms(y, m, day, h, min, 0).unwrap()
    }

    fn cal() -> HolidayCalendar {
        england_and_wales_default()
    }

    fn rule(days: u32) -> CallInRule {
        CallInRule::new(days, hm(23, 59), London).unwrap()
    }

    // ---- bundled CSV -------------------------------------------------------

    #[test]
    fn bundled_csv_parses_with_expected_extent() {
        let hols = england_and_wales_holidays();
        assert_eq!(hols.len(), 131);
        assert_eq!(
            hols.first().unwrap(),
            &BankHoliday {
                date: d(2015, 1, 1),
                title: "New Year's Day".into(),
                notes: None
            }
        );
        assert_eq!(hols.last().unwrap().date, d(2030, 12, 26));
        assert_eq!(hols.last().unwrap().title, "Boxing Day");
        assert!(hols.iter().all(|h| !h.title.is_empty()));
        for year in 2015..=2030 {
            let n = hols.iter().filter(|h| h.date.year() == year).count();
            assert!(n >= 8, "{year} has only {n} bank holidays");
        }
    }

    #[test]
    fn bundled_csv_is_sorted_unique_and_all_weekdays() {
        let hols = england_and_wales_holidays();
        assert!(hols.windows(2).all(|w| w[0].date < w[1].date));
        // Substitute days mean every listed day off is a weekday.
        assert!(
            hols.iter().all(|h| is_weekday(h.date)),
            "a listed holiday falls at a weekend"
        );
        assert_eq!(cal().len(), hols.len());
    }

    #[test]
    fn bundled_csv_has_special_days() {
        let hols = england_and_wales_holidays();
        let title = |date| {
            hols.iter()
                .find(|h| h.date == date)
                .map(|h| h.title.as_str())
        };
        assert_eq!(title(d(2022, 6, 2)), Some("Spring bank holiday"));
        assert_eq!(
            title(d(2022, 6, 3)),
            Some("Platinum Jubilee of Elizabeth II")
        );
        assert_eq!(
            title(d(2022, 9, 19)),
            Some("State Funeral of Queen Elizabeth II")
        );
        assert_eq!(title(d(2023, 5, 8)), Some("Coronation of Charles III"));
        // 2020: early May bank holiday moved to Friday 8 May (VE Day 75).
        assert_eq!(title(d(2020, 5, 8)), Some("Early May bank holiday"));
        assert_eq!(title(d(2020, 5, 4)), None);
        // 2022: the late May bank holiday moved from Monday 30 May.
        assert_eq!(title(d(2022, 5, 30)), None);
    }

    #[test]
    fn christmas_2021_lists_substitute_days_not_the_weekend_dates() {
        let c = cal();
        // 25/26 Dec 2021 and 1 Jan 2022 were Sat/Sun/Sat: not listed, not working.
        for date in [d(2021, 12, 25), d(2021, 12, 26), d(2022, 1, 1)] {
            assert!(!c.is_holiday(date));
            assert!(!c.is_working_day(date));
        }
        for date in [d(2021, 12, 27), d(2021, 12, 28), d(2022, 1, 3)] {
            assert!(matches!(date.weekday(), Weekday::Mon | Weekday::Tue));
            assert!(c.is_holiday(date));
            assert!(!c.is_working_day(date));
        }
        assert!(c.is_working_day(d(2021, 12, 24)));
        assert!(c.is_working_day(d(2021, 12, 29)));
        assert!(c.is_working_day(d(2022, 1, 4)));
    }

    // ---- CSV parser robustness --------------------------------------------

    #[test]
    fn parser_accepts_title_and_notes_columns_in_any_order() {
        let csv = "\u{feff}Title , notes,bunting, DATE\r\n\
                   \"New Year's Day\",,true,2022-01-03\r\n\
                   \r\n\
                   \"Boxing Day, \"\"substitute\"\"\",Substitute day,true, 2021-12-28 \r\n";
        let rows = parse_bank_holidays_csv(csv).unwrap();
        assert_eq!(
            rows,
            vec![
                BankHoliday {
                    date: d(2022, 1, 3),
                    title: "New Year's Day".into(),
                    notes: None
                },
                BankHoliday {
                    date: d(2021, 12, 28),
                    title: "Boxing Day, \"substitute\"".into(),
                    notes: Some("Substitute day".into()),
                },
            ]
        );
    }

    #[test]
    fn parser_prefers_title_over_name_and_handles_newline_in_quotes() {
        let csv = "name,date,title\nignored,2023-05-08,\"Coronation\nof Charles III\"\n2nd,2023-05-29,Spring";
        let rows = parse_bank_holidays_csv(csv).unwrap();
        assert_eq!(rows[0].title, "Coronation\nof Charles III");
        assert_eq!(
            rows[1],
            BankHoliday {
                date: d(2023, 5, 29),
                title: "Spring".into(),
                notes: None
            }
        );
    }

    #[test]
    fn parser_allows_date_only_files() {
        let rows = parse_bank_holidays_csv("date\n2022-09-19\n").unwrap();
        assert_eq!(
            rows,
            vec![BankHoliday {
                date: d(2022, 9, 19),
                title: String::new(),
                notes: None
            }]
        );
        assert_eq!(parse_bank_holidays_csv("date,name\n").unwrap(), vec![]);
    }

    #[test]
    fn parser_errors() {
        assert_eq!(parse_bank_holidays_csv(""), Err(CalendarError::EmptyCsv));
        assert_eq!(
            parse_bank_holidays_csv("\n \n"),
            Err(CalendarError::EmptyCsv)
        );
        assert!(matches!(
            parse_bank_holidays_csv("day,name\n2022-01-03,x\n"),
            Err(CalendarError::MissingDateColumn { .. })
        ));
        assert_eq!(
            parse_bank_holidays_csv("date,name\n2022-01-03,a\n03/01/2022,b\n"),
            Err(CalendarError::InvalidDate {
                line: 3,
                value: "03/01/2022".into()
            })
        );
        assert_eq!(
            parse_bank_holidays_csv("date,name\n2022-02-30,a\n"),
            Err(CalendarError::InvalidDate {
                line: 2,
                value: "2022-02-30".into()
            })
        );
        assert_eq!(
            parse_bank_holidays_csv("date,name\n2022-01-03,\"open\n"),
            Err(CalendarError::UnterminatedQuote { line: 2 })
        );
    }

    // ---- HolidayCalendar --------------------------------------------------

    #[test]
    fn working_day_basics() {
        let c = cal();
        assert!(c.is_working_day(d(2022, 1, 24))); // Monday
        assert!(c.is_working_day(d(2022, 1, 28))); // Friday
        assert!(!c.is_working_day(d(2022, 1, 22))); // Saturday
        assert!(!c.is_working_day(d(2022, 1, 23))); // Sunday
        assert!(!c.is_working_day(d(2022, 4, 15))); // Good Friday
        assert!(!c.is_holiday(d(2022, 1, 22)));
        assert!(c.is_holiday(d(2022, 4, 18)));
    }

    #[test]
    fn weekend_holiday_in_a_custom_calendar_is_a_holiday_but_not_a_working_day() {
        let c = HolidayCalendar::new([d(2022, 1, 22)]);
        assert!(c.is_holiday(d(2022, 1, 22)));
        assert!(!c.is_working_day(d(2022, 1, 22)));
        assert_eq!(c.working_days_between(d(2022, 1, 21), d(2022, 1, 24)), 2);
    }

    #[test]
    fn empty_calendar_counts_only_weekdays_and_insert_extends_it() {
        let mut c = HolidayCalendar::default();
        assert!(c.is_empty());
        // Wed 2022-04-13 + 5 working days without holidays: Wed, Thu, Fri, Mon, Tue 19.
        assert_eq!(c.nth_working_day_from(d(2022, 4, 13), 5), d(2022, 4, 19));
        assert!(c.insert(d(2022, 4, 15)));
        assert!(!c.insert(d(2022, 4, 15)));
        // Now Good Friday is out: Wed 13, Thu 14, Mon 18, Tue 19, Wed 20.
        assert_eq!(c.nth_working_day_from(d(2022, 4, 13), 5), d(2022, 4, 20));
        assert_eq!(c.holidays().collect::<Vec<_>>(), vec![d(2022, 4, 15)]);
        let collected: HolidayCalendar = [d(2022, 4, 15)].into_iter().collect();
        assert_eq!(collected, c);
    }

    #[test]
    fn nth_working_day_counts_start_as_day_one() {
        let c = cal();
        assert_eq!(c.nth_working_day_from(d(2022, 1, 24), 1), d(2022, 1, 24));
        assert_eq!(c.nth_working_day_from(d(2022, 1, 24), 2), d(2022, 1, 25));
        assert_eq!(c.nth_working_day_from(d(2022, 1, 24), 5), d(2022, 1, 28));
        assert_eq!(c.nth_working_day_from(d(2022, 1, 24), 6), d(2022, 1, 31));
        // Non-working start: day 1 is the next working day.
        assert_eq!(c.nth_working_day_from(d(2022, 1, 22), 1), d(2022, 1, 24));
        assert_eq!(c.nth_working_day_from(d(2022, 4, 15), 1), d(2022, 4, 19));
        // n = 0 behaves as n = 1.
        assert_eq!(c.nth_working_day_from(d(2022, 1, 22), 0), d(2022, 1, 24));
        assert_eq!(c.nth_working_day_from(d(2022, 1, 24), 0), d(2022, 1, 24));
    }

    #[test]
    fn checked_nth_working_day_at_end_of_range() {
        let c = HolidayCalendar::default();
        assert_eq!(c.checked_nth_working_day_from(NaiveDate::MAX, 10), None);
    }

    #[test]
    fn working_days_between_hand_counted() {
        let c = cal();
        assert_eq!(c.working_days_between(d(2022, 1, 24), d(2022, 1, 28)), 5);
        assert_eq!(c.working_days_between(d(2022, 1, 28), d(2022, 1, 24)), 5);
        assert_eq!(c.working_days_between(d(2022, 1, 24), d(2022, 1, 24)), 1);
        assert_eq!(c.working_days_between(d(2022, 1, 22), d(2022, 1, 23)), 0);
        assert_eq!(c.working_days_between(d(2022, 1, 22), d(2022, 1, 24)), 1);
        // Mon 11 Apr – Fri 22 Apr 2022: 10 weekdays less Good Friday and Easter Monday.
        assert_eq!(c.working_days_between(d(2022, 4, 11), d(2022, 4, 22)), 8);
        // Thu 23 Dec 2021 – Mon 10 Jan 2022: 13 weekdays less 27, 28 Dec, 3 Jan.
        assert_eq!(c.working_days_between(d(2021, 12, 23), d(2022, 1, 10)), 10);
        // Whole of 2022: 260 weekdays less 10 bank holidays (all on weekdays).
        assert_eq!(c.working_days_between(d(2022, 1, 1), d(2022, 12, 31)), 250);
        // Whole of 2023: 260 weekdays less 9 bank holidays.
        assert_eq!(c.working_days_between(d(2023, 1, 1), d(2023, 12, 31)), 251);
    }

    #[test]
    fn working_days_between_matches_day_by_day_count_and_nth() {
        let c = cal();
        let start = d(2021, 11, 1);
        for offset in 0..120 {
            let a = start + Duration::days(offset);
            for len in 0..40 {
                let b = a + Duration::days(len);
                let brute = (0..=len)
                    .filter(|i| c.is_working_day(a + Duration::days(*i)))
                    .count() as u32;
                assert_eq!(c.working_days_between(a, b), brute, "{a}..={b}");
            }
            for n in 1..=15 {
                let end = c.nth_working_day_from(a, n);
                assert!(c.is_working_day(end));
                assert_eq!(c.working_days_between(a, end), n, "start {a}, n {n}");
            }
        }
    }

    // ---- CallInRule -------------------------------------------------------

    #[test]
    fn default_rule_is_five_days_2359_london() {
        let r = CallInRule::default();
        assert_eq!(r.working_days, 5);
        assert_eq!(r.end_time, hm(23, 59));
        assert_eq!(r.tz, London);
        assert_eq!(CallInRule::new(5, hm(23, 59), London), Ok(r));
    }

    #[test]
    fn rule_validation_bounds() {
        for bad in [0, 61, u32::MAX] {
            assert_eq!(
                CallInRule::new(bad, hm(23, 59), London),
                Err(CalendarError::WorkingDaysOutOfRange {
                    got: bad,
                    min: 1,
                    max: 60
                })
            );
        }
        assert!(CallInRule::new(1, hm(23, 59), London).is_ok());
        assert!(CallInRule::new(60, hm(23, 59), London).is_ok());
        let msg = CallInRule::new(0, hm(23, 59), London)
            .unwrap_err()
            .to_string();
        assert_eq!(
            msg,
            "call-in period must be between 1 and 60 working days, got 0"
        );
    }

    #[test]
    fn seed_published_monday_24_jan_2022_deadline_friday_28th_2359() {
        // docs/domain.md rule 7: Mon 24 (1), Tue 25 (2), Wed 26 (3), Thu 27 (4), Fri 28 (5).
        let r = CallInRule::default();
        let deadline = r.call_in_deadline(d(2022, 1, 24), &cal());
        assert_eq!(deadline, london(2022, 1, 28, 23, 59));
        assert_eq!(deadline.weekday(), Weekday::Fri);
        assert_eq!(deadline.to_rfc3339(), "2022-01-28T23:59:00+00:00");
        // GMT in winter: 23:59 local is 23:59 UTC.
        assert_eq!(
            r.deadline_utc(d(2022, 1, 24), &cal()),
            utc(2022, 1, 28, 23, 59)
        );
        assert_eq!(r.deadline_date(d(2022, 1, 24), &cal()), d(2022, 1, 28));
    }

    #[test]
    fn across_easter_2022() {
        let c = cal();
        let r = CallInRule::default();
        // Wed 13 (1), Thu 14 (2), [Good Fri 15, Sat, Sun, Easter Mon 18], Tue 19 (3), Wed 20 (4), Thu 21 (5).
        assert_eq!(
            r.call_in_deadline(d(2022, 4, 13), &c),
            london(2022, 4, 21, 23, 59)
        );
        // BST: 22:59 UTC.
        assert_eq!(r.deadline_utc(d(2022, 4, 13), &c), utc(2022, 4, 21, 22, 59));
        // Published on Good Friday: Tue 19 (1), Wed 20, Thu 21, Fri 22, Mon 25 (5).
        assert_eq!(r.deadline_date(d(2022, 4, 15), &c), d(2022, 4, 25));
        // Published on Easter Monday: same.
        assert_eq!(r.deadline_date(d(2022, 4, 18), &c), d(2022, 4, 25));
        // Published Thu 14: Thu 14 (1), Tue 19 (2), Wed 20 (3), Thu 21 (4), Fri 22 (5).
        assert_eq!(r.deadline_date(d(2022, 4, 14), &c), d(2022, 4, 22));
    }

    #[test]
    fn across_christmas_and_new_year_2021() {
        let c = cal();
        let r = CallInRule::default();
        // Thu 23 (1), Fri 24 (2), [Sat 25, Sun 26, Mon 27 sub, Tue 28 sub], Wed 29 (3), Thu 30 (4), Fri 31 (5).
        assert_eq!(
            r.call_in_deadline(d(2021, 12, 23), &c),
            london(2021, 12, 31, 23, 59)
        );
        assert_eq!(
            r.deadline_utc(d(2021, 12, 23), &c),
            utc(2021, 12, 31, 23, 59)
        );
        // Wed 29 (1), Thu 30 (2), Fri 31 (3), [Sat 1, Sun 2, Mon 3 Jan sub], Tue 4 (4), Wed 5 (5).
        assert_eq!(r.deadline_date(d(2021, 12, 29), &c), d(2022, 1, 5));
        // Published on Christmas Eve, Fri 24 (1), Wed 29 (2), Thu 30 (3), Fri 31 (4), Tue 4 Jan (5).
        assert_eq!(r.deadline_date(d(2021, 12, 24), &c), d(2022, 1, 4));
        // Published on Christmas Day (Saturday): Wed 29 (1), Thu 30, Fri 31, Tue 4, Wed 5 Jan (5).
        assert_eq!(r.deadline_date(d(2021, 12, 25), &c), d(2022, 1, 5));
    }

    #[test]
    fn published_on_a_saturday() {
        let c = cal();
        let r = CallInRule::default();
        // Sat 22 Jan 2022: day 1 is Mon 24, day 5 Fri 28, as for the seed.
        assert_eq!(
            r.call_in_deadline(d(2022, 1, 22), &c),
            london(2022, 1, 28, 23, 59)
        );
        // Sunday likewise.
        assert_eq!(
            r.call_in_deadline(d(2022, 1, 23), &c),
            london(2022, 1, 28, 23, 59)
        );
        // Easter Saturday 16 Apr 2022: Sun, Easter Mon skipped; Tue 19 (1) .. Mon 25 (5).
        assert_eq!(r.deadline_date(d(2022, 4, 16), &c), d(2022, 4, 25));
    }

    #[test]
    fn summer_deadline_is_2259_utc() {
        let r = CallInRule::default();
        // Mon 4 Jul 2022 (1) .. Fri 8 Jul (5); BST (UTC+1).
        let deadline = r.call_in_deadline(d(2022, 7, 4), &cal());
        assert_eq!(deadline, london(2022, 7, 8, 23, 59));
        assert_eq!(deadline.to_rfc3339(), "2022-07-08T23:59:00+01:00");
        assert_eq!(
            r.deadline_utc(d(2022, 7, 4), &cal()),
            utc(2022, 7, 8, 22, 59)
        );
    }

    #[test]
    fn clock_change_week_spring_2022() {
        let r = CallInRule::default();
        // Clocks went forward Sun 27 Mar 2022. Thu 24 (1), Fri 25 (2), Mon 28 (3), Tue 29 (4), Wed 30 (5).
        let deadline = r.call_in_deadline(d(2022, 3, 24), &cal());
        assert_eq!(deadline, london(2022, 3, 30, 23, 59));
        assert_eq!(deadline.to_rfc3339(), "2022-03-30T23:59:00+01:00");
        assert_eq!(
            r.deadline_utc(d(2022, 3, 24), &cal()),
            utc(2022, 3, 30, 22, 59)
        );
    }

    #[test]
    fn clock_change_week_autumn_2022() {
        let r = CallInRule::default();
        // Clocks went back Sun 30 Oct 2022. Thu 27 (1), Fri 28 (2), Mon 31 (3), Tue 1 Nov (4), Wed 2 Nov (5).
        assert_eq!(
            r.deadline_utc(d(2022, 10, 27), &cal()),
            utc(2022, 11, 2, 23, 59)
        );
    }

    #[test]
    fn end_time_in_dst_gap_or_overlap() {
        // UK clocks change on Sundays, which are never working days, so a London
        // deadline cannot hit a gap or overlap; test the resolution directly.
        let gap = resolve_local(London, d(2022, 3, 27).and_time(hm(1, 30)));
        assert_eq!(gap.with_timezone(&Utc), utc(2022, 3, 27, 1, 0)); // 02:00 BST
        let overlap = resolve_local(London, d(2022, 10, 30).and_time(hm(1, 30)));
        assert_eq!(overlap.with_timezone(&Utc), utc(2022, 10, 30, 1, 30)); // the second 01:30 (GMT)
    }

    #[test]
    fn other_time_zone_and_end_time() {
        let r = CallInRule::new(5, hm(17, 0), chrono_tz::America::New_York).unwrap();
        // Same working days (England and Wales calendar), 17:00 EST = 22:00 UTC.
        assert_eq!(
            r.deadline_utc(d(2022, 1, 24), &cal()),
            utc(2022, 1, 28, 22, 0)
        );
    }

    #[test]
    fn state_funeral_19_sep_2022() {
        let c = cal();
        assert!(c.is_holiday(d(2022, 9, 19)));
        let r = CallInRule::default();
        // Thu 15 (1), Fri 16 (2), [Sat, Sun, Mon 19 funeral], Tue 20 (3), Wed 21 (4), Thu 22 (5).
        assert_eq!(
            r.call_in_deadline(d(2022, 9, 15), &c),
            london(2022, 9, 22, 23, 59)
        );
        assert_eq!(r.deadline_utc(d(2022, 9, 15), &c), utc(2022, 9, 22, 22, 59));
        // Published on the day of the funeral: Tue 20 (1) .. Mon 26 (5).
        assert_eq!(r.deadline_date(d(2022, 9, 19), &c), d(2022, 9, 26));
    }

    #[test]
    fn coronation_8_may_2023() {
        let c = cal();
        assert!(c.is_holiday(d(2023, 5, 8)));
        let r = CallInRule::default();
        // Thu 4 (1), Fri 5 (2), [Sat, Sun, Mon 8 coronation], Tue 9 (3), Wed 10 (4), Thu 11 (5).
        assert_eq!(
            r.call_in_deadline(d(2023, 5, 4), &c),
            london(2023, 5, 11, 23, 59)
        );
        // Fri 28 Apr (1), [Sat, Sun, Mon 1 May early May], Tue 2 (2), Wed 3 (3), Thu 4 (4), Fri 5 (5).
        assert_eq!(r.deadline_date(d(2023, 4, 28), &c), d(2023, 5, 5));
    }

    #[test]
    fn platinum_jubilee_weekend_2022() {
        // Wed 1 Jun (1), [Thu 2 spring, Fri 3 jubilee, Sat, Sun], Mon 6 (2), Tue 7, Wed 8, Thu 9 (5).
        assert_eq!(
            CallInRule::default().deadline_date(d(2022, 6, 1), &cal()),
            d(2022, 6, 9)
        );
    }

    #[test]
    fn ten_working_days() {
        let c = cal();
        let r = rule(10);
        // Seed week: Mon 24 .. Fri 28 (5), Mon 31 (6), Tue 1 Feb (7), Wed 2 (8), Thu 3 (9), Fri 4 Feb (10).
        assert_eq!(
            r.call_in_deadline(d(2022, 1, 24), &c),
            london(2022, 2, 4, 23, 59)
        );
        // Christmas: Thu 23 (1), Fri 24 (2), Wed 29 (3), Thu 30 (4), Fri 31 (5),
        // Tue 4 (6), Wed 5 (7), Thu 6 (8), Fri 7 (9), Mon 10 Jan 2022 (10).
        assert_eq!(r.deadline_date(d(2021, 12, 23), &c), d(2022, 1, 10));
        // Spanning both early May and the coronation: Fri 28 Apr (1), Tue 2 .. Fri 5 May (5),
        // Tue 9 (6), Wed 10 (7), Thu 11 (8), Fri 12 (9), Mon 15 May 2023 (10).
        assert_eq!(r.deadline_date(d(2023, 4, 28), &c), d(2023, 5, 15));
    }

    #[test]
    fn one_working_day() {
        let c = cal();
        let r = rule(1);
        // Working day: the publication day itself.
        assert_eq!(
            r.call_in_deadline(d(2022, 1, 24), &c),
            london(2022, 1, 24, 23, 59)
        );
        // Saturday: the following Monday.
        assert_eq!(r.deadline_date(d(2022, 1, 22), &c), d(2022, 1, 24));
        // Good Friday: Tuesday after Easter Monday.
        assert_eq!(r.deadline_date(d(2022, 4, 15), &c), d(2022, 4, 19));
        // Christmas Eve 2021 (Friday, a working day): itself.
        assert_eq!(r.deadline_date(d(2021, 12, 24), &c), d(2021, 12, 24));
    }

    #[test]
    fn sixty_working_days() {
        // Mon 24 Jan 2022 + 60 working days with no bank holidays until Good Friday:
        // 12 full weeks Mon 24 Jan .. Fri 15 Apr would be 60, but Good Friday 15 Apr is
        // out, so day 60 is Tue 19 Apr (Easter Monday 18 Apr is out too).
        assert_eq!(
            rule(60).deadline_date(d(2022, 1, 24), &cal()),
            d(2022, 4, 19)
        );
    }

    // ---- compare_stated ---------------------------------------------------

    #[test]
    fn stated_midnight_friday_agrees_with_computed_2359() {
        let computed = CallInRule::default().call_in_deadline(d(2022, 1, 24), &cal());
        // "Midnight - Friday 28th January 2022" recorded as 23:59, 24:00, or 23:59:59.
        assert_eq!(
            compare_stated(computed, london(2022, 1, 28, 23, 59)),
            DeadlineAgreement::Agrees
        );
        assert_eq!(
            compare_stated(computed, london(2022, 1, 29, 0, 0)),
            DeadlineAgreement::Agrees
        );
        let last_second = London.with_ymd_and_hms(2022, 1, 28, 23, 59, 59).unwrap();
        assert_eq!(
            compare_stated(computed, last_second),
            DeadlineAgreement::Agrees
        );
        // Same instant expressed in another zone (UTC) still agrees.
        let as_utc = utc(2022, 1, 29, 0, 0).with_timezone(&chrono_tz::UTC);
        assert_eq!(compare_stated(computed, as_utc), DeadlineAgreement::Agrees);
    }

    #[test]
    fn stated_midnight_in_summer_uses_local_date() {
        let computed = CallInRule::default().call_in_deadline(d(2022, 7, 4), &cal());
        // 24:00 BST on Fri 8 Jul = 23:00 UTC on Fri 8 Jul.
        let stated = utc(2022, 7, 8, 23, 0).with_timezone(&chrono_tz::UTC);
        assert_eq!(compare_stated(computed, stated), DeadlineAgreement::Agrees);
        // 24:00 UTC (= 01:00 BST Sat) is outside the window: 61 minutes later.
        let stated = utc(2022, 7, 9, 0, 0).with_timezone(&chrono_tz::UTC);
        assert_eq!(
            compare_stated(computed, stated),
            DeadlineAgreement::Disagrees {
                difference_minutes: 61
            }
        );
    }

    #[test]
    fn stated_deadlines_that_disagree() {
        let computed = london(2022, 1, 28, 23, 59);
        // "Midnight" read as the start of Friday.
        assert_eq!(
            compare_stated(computed, london(2022, 1, 28, 0, 0)),
            DeadlineAgreement::Disagrees {
                difference_minutes: -(23 * 60 + 59)
            }
        );
        // A day late (Saturday midnight-ish).
        assert_eq!(
            compare_stated(computed, london(2022, 1, 29, 23, 59)),
            DeadlineAgreement::Disagrees {
                difference_minutes: 24 * 60
            }
        );
        // Just before the window.
        assert_eq!(
            compare_stated(computed, london(2022, 1, 28, 23, 58)),
            DeadlineAgreement::Disagrees {
                difference_minutes: -1
            }
        );
        // Just after 24:00, by seconds: rounded away from zero.
        let after = London.with_ymd_and_hms(2022, 1, 29, 0, 0, 30).unwrap();
        assert_eq!(
            compare_stated(computed, after),
            DeadlineAgreement::Disagrees {
                difference_minutes: 2
            }
        );
        // Office hours.
        assert_eq!(
            compare_stated(computed, london(2022, 1, 28, 17, 0)),
            DeadlineAgreement::Disagrees {
                difference_minutes: -419
            }
        );
    }

    #[test]
    fn midnight_window_only_applies_to_an_end_of_day_computed_deadline() {
        let computed = london(2022, 1, 28, 17, 0);
        assert_eq!(
            compare_stated(computed, london(2022, 1, 28, 17, 0)),
            DeadlineAgreement::Agrees
        );
        assert_eq!(
            compare_stated(computed, london(2022, 1, 28, 23, 59)),
            DeadlineAgreement::Disagrees {
                difference_minutes: 419
            }
        );
        // A sub-minute difference still disagrees, reported as one minute.
        let stated = London.with_ymd_and_hms(2022, 1, 28, 17, 0, 1).unwrap();
        assert_eq!(
            compare_stated(computed, stated),
            DeadlineAgreement::Disagrees {
                difference_minutes: 1
            }
        );
    }

    #[test]
    fn public_types_implement_serde() {
        // No serde_json dependency in this crate: check the derives exist.
        fn assert_serde<T: Serialize + for<'de> Deserialize<'de>>() {}
        assert_serde::<DeadlineAgreement>();
        assert_serde::<BankHoliday>();
    }
}
