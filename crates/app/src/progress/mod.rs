//! Progress monitoring: rounds ([`rounds`]), the entries partners report in them and their
//! workflow ([`entries`]), what follows from an acceptance ([`follow`]: the recommendation, the
//! round, the action plan and the review, in the acceptance's transaction), the entries' content
//! rules ([`content`]) and the [`dashboard`]. The views are in [`crate::views::progress`]; the
//! ones other areas use (papers, exports, imports, attachments) are re-exported here.
pub mod content;
pub mod dashboard;
pub mod entries;
pub mod follow;
pub mod rounds;

pub use crate::views::progress::{
    accepted_only, check_entry_edit, dto, dtos, entry_for_read, render_markdown, round_for_read,
    scale_of, EntryContext, Grade, ProgressEntry, ProgressRound,
};
pub use entries::parse_states;
