//! Keyset paging: a page is fetched with one row extra; the cursor is the last row's key.
use crate::error::AppError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::Serialize;
use utoipa::ToSchema;

/// One page of a list. Pass `next_cursor` back as `cursor` for the next page; it is absent on the last.
#[derive(Debug, serde::Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// What a list asks for: how many, and after which cursor.
#[derive(Debug, Clone, Default)]
pub struct PageRequest {
    pub limit: u32,
    pub cursor: Option<String>,
}

impl PageRequest {
    pub fn decode<K: DeserializeOwned>(&self) -> Result<Option<K>, AppError> {
        self.cursor.as_deref().map(decode_cursor).transpose()
    }
}

pub fn encode_cursor<K: Serialize>(key: &K) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

pub fn decode_cursor<K: DeserializeOwned>(raw: &str) -> Result<K, AppError> {
    URL_SAFE_NO_PAD
        .decode(raw)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| AppError::invalid("cursor", "is not a cursor returned by this list"))
}

/// Cuts a page fetched with one row extra (`scrutiny_db::page::fetch_size`) down to `limit` and
/// makes the next page's cursor from its last row, when more rows follow.
pub fn paginate<R>(
    rows: Vec<R>,
    limit: u32,
    cursor_of: impl Fn(&R) -> String,
) -> (Vec<R>, Option<String>) {
    let (rows, more) = scrutiny_db::page::split_page(rows, limit);
    let next_cursor = if more {
        rows.last().map(cursor_of)
    } else {
        None
    };
    (rows, next_cursor)
}
