//! What an action plan import produces: the recommendations (with their parts) and the actions
//! that answer them, each with the values the API stores.
use scrutiny_domain::dates::PartialDate;
use scrutiny_domain::records::{OwnerName, PartLabel, RecommendationNumber};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// An action plan as read from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionPlanImport {
    /// The title above the table ("ACTION PLAN: Review of Police Communications in
    /// Stockton-on-Tees (Task & Finish)"), when the file has one.
    pub title: Option<String>,
    /// In the order of the file.
    pub recommendations: Vec<ImportedRecommendation>,
}

/// A recommendation: its number, its text (the lead-in when it has parts), its parts and the
/// actions that answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportedRecommendation {
    pub number: RecommendationNumber,
    /// The recommendation, or the lead-in to its parts.
    pub text: String,
    pub parts: Vec<ImportedPart>,
    /// In the order of the file.
    pub actions: Vec<ImportedAction>,
    /// The row it starts on.
    pub row: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportedPart {
    pub label: PartLabel,
    pub text: String,
}

/// One action: what will be done, how success is measured, who is responsible and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportedAction {
    /// The part it answers; `None` for the whole recommendation.
    pub part: Option<PartLabel>,
    /// As written: bullets and line breaks kept.
    pub proposed_actions: String,
    /// One or more.
    pub success_measures: Vec<String>,
    /// The Responsibility cell as written ("Cleveland Police", "All").
    pub responsibility: String,
    /// The owners it names, in order; `[All]` when everyone is.
    pub owners: Vec<OwnerName>,
    /// Zero or more due dates, each to the month or the day as given, with a label.
    pub milestones: Vec<ImportedMilestone>,
    /// Free-text progress notes ("Action complete").
    pub status_notes: Option<String>,
    /// The row it was read from.
    pub row: u32,
}

impl ImportedAction {
    /// Every partner is responsible ("All").
    pub fn responsible_all(&self) -> bool {
        self.owners.iter().any(OwnerName::is_all)
    }

    /// The named owners (organisations or people).
    pub fn named_owners(&self) -> impl Iterator<Item = &str> {
        self.owners.iter().filter_map(OwnerName::name)
    }
}

/// A due date as given ("May 2022", "14 October 2022", or none), with its label ("Development
/// of protocol", "Ongoing").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedMilestone {
    pub date: Option<PartialDate>,
    pub label: Option<String>,
}

impl ImportedMilestone {
    /// "May 2022 (Development of protocol)", "September 2022", "Ongoing".
    pub fn text(&self) -> String {
        match (&self.date, &self.label) {
            (Some(d), Some(l)) => format!("{d} ({l})"),
            (Some(d), None) => d.to_string(),
            (None, Some(l)) => l.clone(),
            (None, None) => String::new(),
        }
    }
}

/// `{"date": "2022-05", "precision": "month", "display": "May 2022", "label": "…", "text": "May
/// 2022 (…)"}`.
impl Serialize for ImportedMilestone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ImportedMilestone", 5)?;
        s.serialize_field("date", &self.date.map(|d| d.to_iso()))?;
        s.serialize_field("precision", &self.date.map(|d| d.precision().as_str()))?;
        s.serialize_field("display", &self.date.map(|d| d.to_string()))?;
        s.serialize_field("label", &self.label)?;
        s.serialize_field("text", &self.text())?;
        s.end()
    }
}

impl ActionPlanImport {
    /// The plan with every source row set to 0: two reads of the same content from files of
    /// different layouts compare equal.
    pub fn without_rows(&self) -> Self {
        let mut plan = self.clone();
        for rec in &mut plan.recommendations {
            rec.row = 0;
            for action in &mut rec.actions {
                action.row = 0;
            }
        }
        plan
    }

    /// How many actions the plan has.
    pub fn action_count(&self) -> usize {
        self.recommendations.iter().map(|r| r.actions.len()).sum()
    }
}
