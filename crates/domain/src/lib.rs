//! The scrutiny tracker's domain: types that cannot hold invalid values and the rules of the
//! work. No web or database dependency lives here.
pub mod calendar;
pub mod dates;
pub mod ical;
pub mod ids;
pub mod network;
pub mod people;
pub mod progress;
pub mod records;
pub mod responses;
pub mod spreadsheet;
pub mod sso;
pub mod status;
pub mod validation;
