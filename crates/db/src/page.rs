//! Keyset pagination: a page is the rows after the last key of the previous page, never an offset.
use uuid::Uuid;

/// A position in a list ordered by (a text key, id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextKey {
    pub key: String,
    pub id: Uuid,
}

/// A position in a list ordered by (a time, id), newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeKey {
    pub at: chrono::DateTime<chrono::Utc>,
    pub id: Uuid,
}

/// How many rows to fetch for a page of `limit`: one more tells whether a next page exists.
pub fn fetch_size(limit: u32) -> i64 {
    i64::from(limit) + 1
}

/// Cuts the extra row off; returns the page and whether more follow.
pub fn split_page<T>(mut rows: Vec<T>, limit: u32) -> (Vec<T>, bool) {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    (rows, more)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_page_detects_more() {
        assert_eq!(split_page(vec![1, 2, 3], 2), (vec![1, 2], true));
        assert_eq!(split_page(vec![1, 2], 2), (vec![1, 2], false));
        assert_eq!(fetch_size(50), 51);
    }
}
