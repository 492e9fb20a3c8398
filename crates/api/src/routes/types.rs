//! Wire types shared by several resources.
use actix_web::http::header;
use actix_web::HttpResponse;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

/// One page of a list. Pass `next_cursor` back as `cursor` for the next page; it is absent on the last.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// A versioned record answered with its `ETag`.
pub fn with_etag<T: Serialize>(
    mut builder: actix_web::HttpResponseBuilder,
    version: i32,
    body: &T,
) -> HttpResponse {
    builder
        .insert_header((header::ETAG, crate::extract::etag(version)))
        .json(body)
}

/// For PATCH fields that may be cleared: absent → `None`, `null` → `Some(None)`, value → `Some(Some(v))`.
pub fn double_option<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}
