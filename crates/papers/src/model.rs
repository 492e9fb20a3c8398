//! What each paper says: plain data that the API builds from its records. Nothing here knows
//! about the database or HTTP; every value is rendered as given (month-precision dates stay
//! "April 2022", texts keep their line breaks and bullets).
use chrono::{Datelike, NaiveDate, NaiveTime};
use scrutiny_domain::dates::{Milestone, PartialDate};
use scrutiny_domain::progress::{GradeCode, GradeScale, Impact};
use serde::{Deserialize, Serialize};

/// A part of a recommendation or resolution: "a" and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperPart {
    /// "a", "b", … (rendered "a)").
    pub label: String,
    pub text: String,
}

impl PaperPart {
    pub fn new(label: &str, text: &str) -> Self {
        Self {
            label: label.to_owned(),
            text: text.to_owned(),
        }
    }
}

// ---- action plan -------------------------------------------------------------------------------

/// The action plan (the seed's Appendix 1): one table, landscape, No. / Recommendation / Proposed
/// Actions / Success Measures / Responsibility / Date, its header repeated on every page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPlanPaper {
    /// "APPENDIX 1"; none when the plan is not an appendix.
    pub appendix: Option<String>,
    /// "ACTION PLAN: Review of Police Communications in Stockton-on-Tees (Task & Finish)".
    pub title: String,
    /// The council and committee, printed under the title when given.
    pub council: Option<String>,
    pub committee: Option<String>,
    /// When the committee agreed the plan ("March 2022").
    pub agreed: Option<PartialDate>,
    pub recommendations: Vec<PlanRecommendation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRecommendation {
    /// "2".
    pub number: String,
    /// The recommendation, or the lead-in to its parts.
    pub text: String,
    pub parts: Vec<PaperPart>,
    /// The actions answering it, in plan order.
    pub actions: Vec<PlanAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    /// The part it answers ("a"), when it answers one part only.
    pub part_label: Option<String>,
    /// As written: line breaks and bullets (`*`, `•`, `-`) kept.
    pub proposed_actions: String,
    /// Progress notes kept with the action ("Action complete").
    pub notes: Option<String>,
    pub success_measures: Vec<String>,
    /// The Responsibility cell ("Cleveland Police", "All").
    pub responsibility: String,
    /// The Date cell: each milestone as given ("May 2022 (Development of protocol)"); may be empty.
    pub milestones: Vec<Milestone>,
}

// ---- progress update ---------------------------------------------------------------------------

/// The standard opening paragraph of a progress update (the seed's).
pub const DEFAULT_PROGRESS_INTRODUCTION: &str = "Updates on the progress of actions in relation to agreed recommendations from previous scrutiny reviews are required approximately 12 months after the relevant Select Committee has agreed the Action Plan. Progress updates must be detailed, evidencing what has taken place regarding each recommendation – a grade assessing progress should then be given (see end of document for grading explanation). Any evidence on the impact of the actions undertaken should also be recorded for each recommendation.";

/// The progress update of one round: the header block, one block per recommendation, a summary
/// of the grades and the grading key (from the council's grade scale).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressUpdatePaper {
    /// "APPENDIX 1".
    pub appendix: Option<String>,
    /// "PROGRESS UPDATE: Review of Police Communications in Stockton-on-Tees (Task & Finish)".
    pub title: String,
    /// The Review line: "Police Communications in Stockton-on-Tees (Task & Finish)".
    pub review: String,
    pub link_officers: Vec<String>,
    pub action_plan_agreed: Option<PartialDate>,
    /// The round, as the headings name it: "November 2022".
    pub round_label: String,
    /// The opening paragraph; see [`DEFAULT_PROGRESS_INTRODUCTION`].
    pub introduction: Option<String>,
    pub grade_scale: GradeScale,
    pub recommendations: Vec<ProgressRecommendation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressRecommendation {
    pub number: String,
    pub text: String,
    pub parts: Vec<PaperPart>,
    /// Who is responsible ("Cleveland Police").
    pub responsibility: String,
    /// The dates of its actions, as given.
    pub milestones: Vec<Milestone>,
    /// The agreed action(s), each as written.
    pub agreed_actions: Vec<String>,
    /// The agreed success measure(s), one paragraph each.
    pub agreed_success_measures: Vec<String>,
    /// Usually one, for the whole recommendation; or one per part (`part_label` set).
    pub assessments: Vec<Assessment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The part this assessment is for; none for the whole recommendation.
    pub part_label: Option<String>,
    /// Evidence of progress, Markdown (paragraphs, bullets, emphasis).
    pub progress: Option<String>,
    /// The grade the paper reports (the accepted grade, else the officer's, else the proposed).
    pub grade: Option<GradeCode>,
    /// The explanation printed after the grade.
    pub explanation: Option<String>,
    /// The partner's proposed grade, printed as a note when it differs from `grade`.
    pub proposed_grade: Option<GradeCode>,
    pub impact: Impact,
    /// Attachments referred to ("Appendix 2 – Ward Councillor survey results").
    pub attachments: Vec<String>,
}

impl ProgressRecommendation {
    /// The grade that counts for the summary: the recommendation-level assessment's, else the
    /// worst of its parts' grades; none when nothing is graded.
    pub fn summary_grade<'a>(&'a self, scale: &'a GradeScale) -> Option<&'a GradeCode> {
        if let Some(whole) = self
            .assessments
            .iter()
            .find(|a| a.part_label.is_none() && a.grade.is_some())
        {
            return whole.grade.as_ref();
        }
        let levels = self
            .assessments
            .iter()
            .filter_map(|a| a.grade.as_ref())
            .filter_map(|g| scale.level(g.as_str()));
        GradeScale::worst(levels).map(|l| &l.code)
    }
}

// ---- decision record ---------------------------------------------------------------------------

/// The record of a decision (the seed's Cabinet proforma).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecordPaper {
    /// "Stockton-on-Tees Borough Council".
    pub council: String,
    /// "Cabinet".
    pub body: String,
    pub meeting_date: NaiveDate,
    pub item_title: String,
    pub decision_text: Option<String>,
    pub resolutions: Vec<PaperResolution>,
    pub reasons: Option<String>,
    pub alternatives: Option<String>,
    pub conflicts: Option<String>,
    pub dispensations: Option<String>,
    /// Section 7 as the record states it ("Midnight - Friday 28th January 2022"); see
    /// [`call_in_text`] for a computed deadline.
    pub call_in: Option<String>,
    /// The Proper Officer's (publication) date.
    pub published_on: Option<NaiveDate>,
    pub reference: Option<String>,
    pub key_decision: bool,
}

/// A statutory response to a review's report: the responder's answer to each recommendation put
/// to it, with the days the law's period runs between.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatutoryResponsePaper {
    pub council: String,
    /// The committee that made the report.
    pub committee: String,
    pub review_title: String,
    /// "Cabinet", "Cleveland Police".
    pub responder: String,
    /// "The executive" or "Responsible partner".
    pub responder_role: String,
    pub report_received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub received_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
    pub summary: Option<String>,
    pub items: Vec<ResponsePaperItem>,
}

/// The answer to one recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponsePaperItem {
    pub number: String,
    pub recommendation: String,
    /// "Accepted", "Partly accepted", "Not accepted"; empty while unanswered.
    pub verdict: String,
    pub reasons: Option<String>,
    pub proposed_action: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperResolution {
    /// "2" (rendered "2)").
    pub number: String,
    pub text: String,
    pub parts: Vec<PaperPart>,
}

/// A day the way committee papers head a meeting: "20th January 2022".
pub fn ordinal_date(date: NaiveDate) -> String {
    let day = date.day();
    let suffix = match (day % 10, day % 100) {
        (1, n) if n != 11 => "st",
        (2, n) if n != 12 => "nd",
        (3, n) if n != 13 => "rd",
        _ => "th",
    };
    format!("{day}{suffix} {}", date.format("%B %Y"))
}

/// A call-in deadline the way the seed states it: "Midnight - Friday 28th January 2022" for
/// 23:59 (or 00:00 of the next day, which is the same moment in documents), otherwise
/// "5.00pm - Friday 28th January 2022".
pub fn call_in_text(date: NaiveDate, time: NaiveTime) -> String {
    use chrono::Timelike;
    let (date, time_text) = if time.hour() == 23 && time.minute() == 59 {
        (date, "Midnight".to_owned())
    } else if time.hour() == 0 && time.minute() == 0 {
        (date.pred_opt().unwrap_or(date), "Midnight".to_owned())
    } else if time.hour() == 12 && time.minute() == 0 {
        (date, "Noon".to_owned())
    } else {
        let (pm, hour) = time.hour12();
        let ampm = if pm { "pm" } else { "am" };
        (date, format!("{hour}.{:02}{ampm}", time.minute()))
    };
    format!("{time_text} - {} {}", date.format("%A"), ordinal_date(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ordinal_dates() {
        assert_eq!(ordinal_date(d(2022, 1, 20)), "20th January 2022");
        assert_eq!(ordinal_date(d(2022, 1, 1)), "1st January 2022");
        assert_eq!(ordinal_date(d(2022, 1, 2)), "2nd January 2022");
        assert_eq!(ordinal_date(d(2022, 1, 3)), "3rd January 2022");
        assert_eq!(ordinal_date(d(2022, 1, 11)), "11th January 2022");
        assert_eq!(ordinal_date(d(2022, 1, 12)), "12th January 2022");
        assert_eq!(ordinal_date(d(2022, 1, 13)), "13th January 2022");
        assert_eq!(ordinal_date(d(2022, 1, 21)), "21st January 2022");
        assert_eq!(ordinal_date(d(2022, 1, 22)), "22nd January 2022");
        assert_eq!(ordinal_date(d(2022, 1, 31)), "31st January 2022");
    }

    #[test]
    fn call_in_deadlines_read_as_the_seed() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(
            call_in_text(d(2022, 1, 28), t(23, 59)),
            "Midnight - Friday 28th January 2022"
        );
        assert_eq!(
            call_in_text(d(2022, 1, 29), t(0, 0)),
            "Midnight - Friday 28th January 2022"
        );
        assert_eq!(
            call_in_text(d(2022, 1, 28), t(17, 0)),
            "5.00pm - Friday 28th January 2022"
        );
        assert_eq!(
            call_in_text(d(2022, 1, 28), t(9, 30)),
            "9.30am - Friday 28th January 2022"
        );
        assert_eq!(
            call_in_text(d(2022, 1, 28), t(12, 0)),
            "Noon - Friday 28th January 2022"
        );
    }

    #[test]
    fn summary_grade_prefers_the_whole_then_the_worst_part() {
        let scale = GradeScale::default_scale();
        let code = |c: &str| GradeCode::parse(c).unwrap();
        let assessment = |part: Option<&str>, grade: Option<&str>| Assessment {
            part_label: part.map(str::to_owned),
            progress: None,
            grade: grade.map(code),
            explanation: None,
            proposed_grade: None,
            impact: Impact::NotRecorded,
            attachments: vec![],
        };
        let mut rec = ProgressRecommendation {
            number: "2".into(),
            text: "t".into(),
            parts: vec![],
            responsibility: String::new(),
            milestones: vec![],
            agreed_actions: vec![],
            agreed_success_measures: vec![],
            assessments: vec![
                assessment(Some("a"), Some("1")),
                assessment(Some("b"), Some("3")),
                assessment(Some("c"), None),
            ],
        };
        assert_eq!(rec.summary_grade(&scale), Some(&code("3")));
        rec.assessments.push(assessment(None, Some("2")));
        assert_eq!(rec.summary_grade(&scale), Some(&code("2")));
        rec.assessments.clear();
        assert_eq!(rec.summary_grade(&scale), None);
    }
}
