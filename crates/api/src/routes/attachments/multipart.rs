//! Reading an upload's `multipart/form-data` body: the `file` part up to the size limit (413
//! beyond) and the optional `title`, checked (what the file is, told from its bytes; its name and
//! title) into what the upload command carries.
use crate::content_type::{self, FileKind};
use crate::error::ApiError;
use actix_multipart::{Field, Multipart};
use actix_web::http::header::{self, Charset};
use actix_web::web::{Bytes, BytesMut};
use actix_web::HttpRequest;
use futures_util::StreamExt;
use scrutiny_app::attachments::{FILE_NAME_MAX, TITLE_MAX};
use scrutiny_domain::validation::ValidationErrors;

/// The largest text part (`title`) read, in bytes.
const TEXT_PART_MAX: usize = 4 * 1024;
/// Room in a request for the parts around the file.
pub(super) const ENVELOPE_ALLOWANCE: usize = 64 * 1024;

/// The name a multipart part gives its file: `filename*` (RFC 5987) when present, else
/// `filename`.
fn part_file_name(field: &Field) -> Option<String> {
    let disposition = field.content_disposition()?;
    if let Some(ext) = disposition.get_filename_ext() {
        let decoded = match &ext.charset {
            Charset::Iso_8859_1 => Some(ext.value.iter().map(|&b| char::from(b)).collect()),
            charset if charset.to_string().eq_ignore_ascii_case("utf-8") => {
                String::from_utf8(ext.value.clone()).ok()
            }
            _ => None,
        };
        if decoded.is_some() {
            return decoded;
        }
    }
    disposition.get_filename().map(str::to_owned)
}

/// Reads a part, refusing it past `limit` bytes with `too_large`.
async fn read_part(
    field: &mut Field,
    limit: usize,
    too_large: impl Fn() -> ApiError,
) -> Result<Bytes, ApiError> {
    let mut bytes = BytesMut::new();
    while let Some(chunk) = field.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::BadRequest(format!("malformed multipart body: {e}")))?;
        if bytes.len() + chunk.len() > limit {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes.freeze())
}

/// An upload read and checked.
pub(super) struct Upload {
    pub file_name: String,
    pub title: Option<String>,
    pub bytes: Bytes,
    pub kind: FileKind,
}

/// The title part, checked: one line of UTF-8 text of at most [`TITLE_MAX`] characters; blank is
/// none.
fn check_title(errors: &mut ValidationErrors, title: Option<Bytes>) -> Option<String> {
    match title.map(|t| String::from_utf8(t.to_vec())) {
        None => None,
        Some(Err(_)) => {
            errors.add("title", "must be UTF-8 text");
            None
        }
        Some(Ok(t)) if t.trim().chars().count() > TITLE_MAX => {
            errors.add("title", format!("must be at most {TITLE_MAX} characters"));
            None
        }
        Some(Ok(t)) if t.chars().any(|c| c.is_control()) => {
            errors.add("title", "must be one line of text");
            None
        }
        Some(Ok(t)) => Some(t.trim().to_owned()).filter(|t| !t.is_empty()),
    }
}

/// The file part, checked: a name ending in its type, of at most [`FILE_NAME_MAX`] characters,
/// agreeing with what the bytes are.
fn check_file(
    errors: &mut ValidationErrors,
    file: Option<(Option<String>, Bytes)>,
) -> Option<(String, Bytes, FileKind)> {
    let Some((raw_name, bytes)) = file else {
        errors.add("file", "is required: send the file as the `file` part");
        return None;
    };
    match raw_name.as_deref().and_then(content_type::clean_file_name) {
        None => {
            errors.add(
                "file",
                "needs a file name (the part's filename), ending in its type, e.g. report.pdf",
            );
            None
        }
        Some(name) if name.chars().count() > FILE_NAME_MAX => {
            errors.add(
                "file",
                format!("its name must be at most {FILE_NAME_MAX} characters"),
            );
            None
        }
        Some(name) => match content_type::check(&name, &bytes) {
            Ok(kind) => Some((name, bytes, kind)),
            Err(refused) => {
                errors.add("file", refused.0);
                None
            }
        },
    }
}

/// Reads the `file` and `title` parts, the file up to `max_bytes` (413 beyond), and checks them.
pub(super) async fn read_upload(
    mut multipart: Multipart,
    max_bytes: usize,
) -> Result<Upload, ApiError> {
    let mut file: Option<(Option<String>, Bytes)> = None;
    let mut title: Option<Bytes> = None;
    while let Some(field) = multipart.next().await {
        let mut field =
            field.map_err(|e| ApiError::BadRequest(format!("malformed multipart body: {e}")))?;
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" if file.is_some() => {
                return Err(ApiError::invalid("file", "send one file per upload"));
            }
            "file" => {
                let file_name = part_file_name(&field);
                let bytes = read_part(&mut field, max_bytes, || ApiError::PayloadTooLarge {
                    limit: max_bytes,
                })
                .await?;
                file = Some((file_name, bytes));
            }
            "title" if title.is_some() => {
                return Err(ApiError::invalid("title", "send one title"));
            }
            "title" => {
                title = Some(
                    read_part(&mut field, TEXT_PART_MAX, || {
                        ApiError::invalid(
                            "title",
                            format!("must be at most {TITLE_MAX} characters"),
                        )
                    })
                    .await?,
                );
            }
            other => {
                return Err(ApiError::invalid(
                    if other.is_empty() { "body" } else { other },
                    "is not a part of an upload; send `file` and optionally `title`",
                ));
            }
        }
    }
    let mut errors = ValidationErrors::new();
    let title = check_title(&mut errors, title);
    let checked = check_file(&mut errors, file);
    errors.into_result()?;
    match checked {
        Some((file_name, bytes, kind)) => Ok(Upload {
            file_name,
            title,
            bytes,
            kind,
        }),
        // Every way to `None` adds an error.
        None => Err(ApiError::invalid("file", "is required")),
    }
}

pub(super) fn is_multipart_form(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("multipart/form-data"))
}
