//! Files attached to progress entries ("Appendix 2: survey results"). Access follows the entry's:
//! whoever reads the entry reads its attachments, whoever may change the entry's content may
//! attach and withdraw files. A file is accepted by what its bytes are (PDF, DOCX, XLSX, CSV, TXT,
//! PNG or JPEG), and its name must agree; its SHA-256 is kept. Nothing is deleted: a withdrawn
//! attachment stays listed with its reason, and its bytes are no longer served (410).
//! The use cases are in `scrutiny_app::attachments`; reading the multipart body is [`multipart`].
mod download;
mod get;
mod list;
mod multipart;
mod upload;
mod withdraw;

pub use self::download::*;
pub use self::get::*;
pub use self::list::*;
pub use self::upload::*;
pub use self::withdraw::*;

use crate::openapi::ReadErrors;
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::openapi::{ContentBuilder, RefOr, Response, ResponseBuilder};
use utoipa::{IntoResponses, ToSchema};

pub use scrutiny_app::attachments::{FILE_NAME_MAX, TITLE_MAX};
pub use scrutiny_app::views::attachments::Attachment;

/// The `multipart/form-data` body of an upload.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct AttachmentUpload {
    /// The file: PDF, DOCX, XLSX, CSV, TXT, PNG or JPEG, told by its bytes; its name (the part's
    /// `filename`) must end in a matching extension (.pdf, .docx, .xlsx, .csv, .txt, .png, .jpg
    /// or .jpeg). At most the server's `attachments_max_bytes` (25 MiB unless configured).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// What the file is, as the report calls it (at most 200 characters).
    #[schema(example = "Appendix 2")]
    title: Option<String>,
}

/// The bytes of a file, served with the media type it was stored with.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct FileContent(Vec<u8>);

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachmentWithdrawal {
    #[schema(example = "Uploaded to the wrong recommendation")]
    pub reason: String,
}

fn problem_response(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    "Problem",
                ))))
                .build(),
        )
        .build()
        .into()
}

/// Errors of an upload.
pub struct UploadErrors;
impl IntoResponses for UploadErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        [
            (400, "Malformed multipart body"),
            (401, "No valid access token"),
            (403, "The role does not allow this, or the entry is not open to the caller's changes"),
            (404, "No such entry, or not visible to the caller"),
            (409, "The entry can no longer be changed, or the Idempotency-Key is in use"),
            (413, "The file is larger than the limit"),
            (415, "The body is not multipart/form-data"),
            (422, "Invalid parts, each named: a file of a kind not accepted, a name that does not agree with the bytes, a bad Idempotency-Key"),
            (503, "The database is unreachable or busy"),
            (500, "Unexpected error (logged with the request id)"),
        ]
        .iter()
        .map(|(status, description)| (status.to_string(), problem_response(description)))
        .collect()
    }
}

/// Errors of a download, beyond those of a read.
pub struct ContentErrors;
impl IntoResponses for ContentErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let mut responses = ReadErrors::responses();
        responses.insert(
            "410".into(),
            problem_response("The attachment was withdrawn: its bytes are no longer served"),
        );
        responses
    }
}
