//! Reading the file of an import: the body itself (text/plain, text/csv, an XLSX media type) or
//! the `file` part of a multipart form, at most `import_max_bytes`.
use crate::error::ApiError;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{web, HttpRequest};
use futures_util::StreamExt;

pub(super) struct Upload {
    pub bytes: Vec<u8>,
    pub media_type: Option<String>,
    pub file_name: Option<String>,
}

fn too_large(max: usize) -> ApiError {
    ApiError::invalid(
        "file",
        format!("is larger than the {max} bytes an import accepts (import_max_bytes)"),
    )
}

/// The file: the body itself (text/plain, text/csv, an XLSX media type) or the `file` part of a
/// multipart form; at most `max` bytes.
pub(super) async fn read_upload(
    req: &HttpRequest,
    payload: web::Payload,
    max: usize,
) -> Result<Upload, ApiError> {
    let media = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let Some(length) = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
    {
        // A multipart envelope adds a little; anything well over the limit is refused unread.
        if length > max.saturating_add(64 * 1024) {
            return Err(too_large(max));
        }
    }
    let is_multipart = media
        .as_deref()
        .is_some_and(|m| m.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_multipart {
        let mut payload = payload;
        let mut bytes = Vec::new();
        while let Some(chunk) = payload.next().await {
            let chunk =
                chunk.map_err(|e| ApiError::BadRequest(format!("reading the body: {e}")))?;
            if bytes.len() + chunk.len() > max {
                return Err(too_large(max));
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok(Upload {
            bytes,
            media_type: media,
            file_name: None,
        });
    }
    let mut multipart = Multipart::new(req.headers(), payload);
    while let Some(field) = multipart.next().await {
        let mut field =
            field.map_err(|e| ApiError::BadRequest(format!("reading the form: {e}")))?;
        if field.name() != Some("file") {
            while let Some(chunk) = field.next().await {
                chunk.map_err(|e| ApiError::BadRequest(format!("reading the form: {e}")))?;
            }
            continue;
        }
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty() && n.chars().count() <= 255);
        let part_media = field.content_type().map(|m| m.essence_str().to_owned());
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk =
                chunk.map_err(|e| ApiError::BadRequest(format!("reading the form: {e}")))?;
            if bytes.len() + chunk.len() > max {
                return Err(too_large(max));
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok(Upload {
            bytes,
            media_type: part_media,
            file_name,
        });
    }
    Err(ApiError::invalid(
        "file",
        "is missing: send the file as the body, or as the form's `file` part",
    ))
}

/// An upload read and its format detected: what is recorded of the file, and its bytes.
pub(super) async fn read_file(
    req: &actix_web::HttpRequest,
    payload: actix_web::web::Payload,
    max: usize,
) -> Result<(scrutiny_app::imports::ImportFile, Vec<u8>), ApiError> {
    let upload = read_upload(req, payload, max).await?;
    if upload.bytes.is_empty() {
        return Err(ApiError::invalid("file", "is empty"));
    }
    let format = scrutiny_import::Format::detect(
        upload.media_type.as_deref(),
        upload.file_name.as_deref(),
        &upload.bytes,
    )
    .map_err(super::file_error)?;
    let file = scrutiny_app::imports::ImportFile::new(&upload.bytes, upload.file_name, format);
    Ok((file, upload.bytes))
}
