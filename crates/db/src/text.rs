//! Text columns read straight into the domain's status types.
//!
//! Rows derived with `Queryable` hold a status typed with `#[diesel(deserialize_as = String)]`,
//! which converts with the domain type's `TryFrom<String>`. `QueryableByName` (rows of raw SQL)
//! converts with `Into` only, so those rows read the column as [`Parsed`], which parses while
//! the row is read: a value the domain does not know is a deserialization error, never a silent
//! default.
use diesel::deserialize::{self, FromSql};
use diesel::pg::{Pg, PgValue};
use diesel::sql_types::Text;
use scrutiny_domain::progress::SubmissionState;
use scrutiny_domain::status::RecommendationStatus;
use std::str::FromStr;

/// A text column parsed with `T`'s `FromStr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed<T>(pub T);

impl<T> FromSql<Text, Pg> for Parsed<T>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    fn from_sql(bytes: PgValue<'_>) -> deserialize::Result<Self> {
        let text = <String as FromSql<Text, Pg>>::from_sql(bytes)?;
        Ok(Parsed(text.parse()?))
    }
}

macro_rules! unwrap_parsed {
    ($($t:ty),+) => {
        $(impl From<Parsed<$t>> for $t {
            fn from(p: Parsed<$t>) -> $t {
                p.0
            }
        })+
    };
}

unwrap_parsed!(SubmissionState, RecommendationStatus);

/// Parses a text column loaded as a plain `String` (in a tuple of columns, say), failing the
/// query as a row of the wrong shape would.
pub fn parse<T>(text: &str) -> Result<T, diesel::result::Error>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    text.parse()
        .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
}
