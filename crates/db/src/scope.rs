//! Which scrutiny records a principal may see. Council staff see their council's records; a partner
//! sees what its organisation is responsible for, in every council it works with.
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every council's records (system administrators).
    All,
    /// One council's records (its officers and viewers).
    Council(Uuid),
    /// Records an organisation is responsible for: reviews and recommendations with an action it
    /// owns (directly, through a named contact of it, or as one of "all" partners of the review).
    Responsible(Uuid),
}
