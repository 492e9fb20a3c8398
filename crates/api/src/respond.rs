//! What handlers answer with, shared by every resource: pages, records with their `ETag`, and
//! the PATCH convention for fields that may be cleared.
use actix_web::http::header;
use actix_web::HttpResponse;
use serde::{Deserialize, Deserializer, Serialize};

pub use scrutiny_app::Page;

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
