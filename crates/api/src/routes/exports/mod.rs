//! Spreadsheet exports of recommendations, actions and progress entries, as CSV (RFC 4180,
//! UTF-8 with a byte order mark for Excel, formula injection defused) or XLSX. Each takes the
//! same filters as its list endpoint and shows what the list would show the caller. The rows
//! are read page by page with the lists' keyset queries (`scrutiny_app::exports`) and written to
//! a temporary file ([`sheet`]), so memory stays bounded whatever the size; an export larger than
//! `max_rows` (100,000 at most) is refused with a 422 before anything is sent.
mod actions;
mod progress_entries;
mod recommendations;
mod sheet;

pub use self::actions::*;
pub use self::progress_entries::*;
pub use self::recommendations::*;

use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

/// How big an export may get.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportLimit {
    /// Refuse (422) an export with more rows than this: 1 to 100000, default 100000.
    #[param(example = 100000)]
    pub max_rows: Option<u32>,
}

/// The filters of `GET /progress-entries`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgressEntryFilter {
    pub round_id: Option<Uuid>,
    pub review_id: Option<Uuid>,
    pub recommendation_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    /// One state or several, comma-separated: `submitted,validated`.
    pub state: Option<String>,
    /// Only entries whose proposed, officer and accepted grades differ (true), or agree (false).
    pub grades_differ: Option<bool>,
    /// Only entries of open rounds.
    pub open_rounds: Option<bool>,
}
