//! Files attached to progress entries ("Appendix 2: survey results"). Access follows the entry's:
//! whoever reads the entry reads its attachments, whoever may change the entry's content may
//! attach and withdraw files. A file is accepted by what its bytes are (PDF, DOCX, XLSX, CSV, TXT,
//! PNG or JPEG), and its name must agree; its SHA-256 is kept. Nothing is deleted: a withdrawn
//! attachment stays listed with its reason, and its bytes are no longer served (410).
use crate::audit;
use crate::auth::{Auth, Principal};
use crate::content_type::{self, FileKind};
use crate::error::{ApiError, Problem};
use crate::extract::{encode_cursor, paginate, PageParams, ValidJson};
use crate::openapi::{ActionErrors, ListErrors, ReadErrors};
use crate::respond::Page;
use crate::state::AppState;
use actix_multipart::{Field, Multipart};
use actix_web::http::header::{self, Charset, HeaderValue};
use actix_web::web::{Bytes, BytesMut};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use scrutiny_app::input::REASON_MAX;
use scrutiny_app::progress::{check_entry_edit, entry_for_read};
use scrutiny_db::page::TimeKey;
use scrutiny_db::queries::attachments::{self as q, NewAttachment};
use scrutiny_db::{AsyncConnection, AsyncPgConnection};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use utoipa::openapi::{ContentBuilder, RefOr, Response, ResponseBuilder};
use utoipa::{IntoResponses, ToSchema};
use uuid::Uuid;

pub const FILE_NAME_MAX: usize = 255;
pub const TITLE_MAX: usize = 200;
/// The largest text part (`title`) read, in bytes.
const TEXT_PART_MAX: usize = 4 * 1024;
/// Room in a request for the parts around the file.
const ENVELOPE_ALLOWANCE: usize = 64 * 1024;

/// An attached file, without its bytes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Attachment {
    pub id: Uuid,
    pub entry_id: Uuid,
    pub council_id: Uuid,
    /// The name it was uploaded with.
    #[schema(example = "Appendix 2 - survey results.pdf")]
    pub file_name: String,
    #[schema(example = "Appendix 2")]
    pub title: Option<String>,
    /// The media type, told from the file's bytes.
    #[schema(example = "application/pdf")]
    pub content_type: String,
    pub size_bytes: i64,
    /// The SHA-256 of the bytes, in lower-case hex.
    #[schema(example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    pub sha256: String,
    /// Who uploaded it.
    pub uploaded_by: String,
    pub uploaded_by_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// When it was withdrawn; its bytes are no longer served.
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawn_reason: Option<String>,
    /// Where to download the bytes; absent once withdrawn.
    #[schema(example = "/api/v1/attachments/0192f7a4-5c1e-7d6a-9b0e-3f6d2a1c9e77/content")]
    pub content_url: Option<String>,
}

impl From<q::Attachment> for Attachment {
    fn from(row: q::Attachment) -> Self {
        let content_url = row
            .withdrawn_at
            .is_none()
            .then(|| format!("/api/v1/attachments/{}/content", row.id));
        Self {
            id: row.id,
            entry_id: row.entry_id,
            council_id: row.council_id,
            file_name: row.file_name,
            title: row.title,
            content_type: row.content_type,
            size_bytes: row.size_bytes,
            sha256: row.sha256,
            uploaded_by: row.uploaded_by,
            uploaded_by_id: row.uploaded_by_id,
            created_at: row.created_at,
            withdrawn_at: row.withdrawn_at,
            withdrawn_reason: row.withdrawn_reason,
            content_url,
        }
    }
}

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

struct Upload {
    file_name: String,
    title: Option<String>,
    bytes: Bytes,
    kind: FileKind,
}

/// Reads the `file` and `title` parts, the file up to `max_bytes` (413 beyond), and checks them.
async fn read_upload(mut multipart: Multipart, max_bytes: usize) -> Result<Upload, ApiError> {
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
    let mut errors = scrutiny_domain::validation::ValidationErrors::new();
    let title = match title.map(|t| String::from_utf8(t.to_vec())) {
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
    };
    let checked = match file {
        None => {
            errors.add("file", "is required: send the file as the `file` part");
            None
        }
        Some((raw_name, bytes)) => {
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
    };
    errors.into_result()?;
    let (file_name, bytes, kind) = checked.expect("checked");
    Ok(Upload {
        file_name,
        title,
        bytes,
        kind,
    })
}

fn is_multipart_form(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("multipart/form-data"))
}

/// Attach a file to a progress entry (`multipart/form-data`: the `file` part and optionally a
/// `title`). Whoever may change the entry's content may attach files: its organisation's
/// contributors while it is a draft or returned, the council's officers until it is accepted.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id")),
    request_body(content = AttachmentUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Attached; `Location` names the attachment", body = Attachment,
            headers(("Location" = String, description = "The attachment's URL"))),
        UploadErrors
    ),
    security(("bearer" = []))
)]
#[post("/progress-entries/{id}/attachments")]
pub async fn upload_attachment(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let entry_id = id.into_inner();
    // Who may attach is settled before a byte of the file is read.
    {
        let mut conn = state.pool.get().await?;
        let entry = entry_for_read(&mut conn, &principal, entry_id).await?;
        check_entry_edit(&principal, &entry)?;
    }
    if !is_multipart_form(&req) {
        return Err(ApiError::UnsupportedMediaType {
            expected: "multipart/form-data",
        });
    }
    let max_bytes = state.attachments.max_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > max_bytes.saturating_add(ENVELOPE_ALLOWANCE)) {
        return Err(ApiError::PayloadTooLarge { limit: max_bytes });
    }
    let upload = read_upload(Multipart::new(req.headers(), payload), max_bytes).await?;
    let sha256 = hex::encode(Sha256::digest(&upload.bytes));
    let size_bytes = i64::try_from(upload.bytes.len()).map_err(ApiError::internal)?;
    let store = state.attachments.writer();
    let mut conn = state.pool.get().await?;
    let created = conn
        .transaction::<_, ApiError, _>(async |conn| {
            // The entry's state cannot change under the upload.
            if !q::share_lock_entry(conn, entry_id).await? {
                return Err(ApiError::NotFound);
            }
            let entry = entry_for_read(conn, &principal, entry_id).await?;
            check_entry_edit(&principal, &entry)?;
            let row = q::insert(
                conn,
                &NewAttachment {
                    id: Uuid::now_v7(),
                    council_id: entry.council_id,
                    entry_id,
                    file_name: &upload.file_name,
                    title: upload.title.as_deref(),
                    content_type: upload.kind.media_type(),
                    size_bytes,
                    sha256: &sha256,
                    storage: store.kind(),
                    uploaded_by: &principal.name,
                    uploaded_by_id: Some(principal.id),
                },
            )
            .await?;
            store.put(conn, row.id, upload.bytes.clone()).await?;
            let dto = Attachment::from(row);
            audit::created(
                conn,
                &principal,
                "attachment.uploaded",
                "attachment",
                dto.id,
                &dto,
            )
            .await?;
            Ok(dto)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/attachments/{}", created.id),
        ))
        .json(created))
}

/// The attachments of a progress entry, oldest first, withdrawn ones included (with their
/// reason).
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Progress entry id"), PageParams),
    responses((status = 200, description = "A page of attachments", body = Page<Attachment>), ListErrors,
        (status = 404, description = "No such entry, or not visible to the caller", body = Problem,
            content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/progress-entries/{id}/attachments")]
pub async fn list_attachments(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let limit = page.limit()?;
    let after = page
        .decode_cursor::<(DateTime<Utc>, Uuid)>()?
        .map(|(at, id)| TimeKey { at, id });
    let mut conn = state.pool.get().await?;
    let entry = entry_for_read(&mut conn, &principal, id.into_inner()).await?;
    let rows = q::list_for_entry(&mut conn, entry.id, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(r.created_at, r.id)));
    Ok(HttpResponse::Ok().json(Page {
        items: rows.into_iter().map(Attachment::from).collect::<Vec<_>>(),
        next_cursor,
    }))
}

/// An attachment visible to the principal: the one of an entry they read (404 otherwise).
async fn visible(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
) -> Result<q::Attachment, ApiError> {
    let row = q::find(conn, id).await?.ok_or(ApiError::NotFound)?;
    entry_for_read(conn, principal, row.entry_id).await?;
    Ok(row)
}

/// Read an attachment's details (not its bytes).
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses((status = 200, description = "The attachment", body = Attachment), ReadErrors),
    security(("bearer" = []))
)]
#[get("/attachments/{id}")]
pub async fn get_attachment(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.pool.get().await?;
    let row = visible(&mut conn, &principal, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Attachment::from(row)))
}

/// `filename="…"` for every client, and RFC 5987 `filename*` when the name is not plain ASCII.
pub fn content_disposition(file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| match c {
            ' '..='~' if c != '"' && c != '\\' => c,
            _ => '_',
        })
        .collect();
    if fallback == file_name {
        return format!("attachment; filename=\"{fallback}\"");
    }
    let mut encoded = String::new();
    for byte in file_name.bytes() {
        let plain = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            );
        if plain {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// Download an attachment's bytes, with the media type told from them when it was uploaded. A
/// withdrawn attachment's bytes are no longer served (410).
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The file, as an attachment (`Content-Disposition`), with `X-Content-Type-Options: nosniff`",
            content(
                (FileContent = "application/pdf"),
                (FileContent = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                (FileContent = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (FileContent = "text/csv"),
                (FileContent = "text/plain"),
                (FileContent = "image/png"),
                (FileContent = "image/jpeg"),
            ),
            headers(
                ("Content-Disposition" = String, description = "attachment; filename=\"…\" (and filename*=UTF-8''… for other than plain ASCII names)"),
                ("X-Content-Type-Options" = String, description = "nosniff"),
            )),
        ContentErrors
    ),
    security(("bearer" = []))
)]
#[get("/attachments/{id}/content")]
pub async fn download_attachment(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.pool.get().await?;
    let row = visible(&mut conn, &principal, id.into_inner()).await?;
    if let Some(at) = row.withdrawn_at {
        return Err(ApiError::Gone(format!(
            "This attachment was withdrawn on {} ({}); its file is no longer served.",
            at.format("%-d %B %Y"),
            row.withdrawn_reason.as_deref().unwrap_or("no reason given")
        )));
    }
    let store = state.attachments.store(&row.storage).ok_or_else(|| {
        ApiError::internal(format!(
            "attachment {} is stored in {}, which is not configured",
            row.id, row.storage
        ))
    })?;
    let bytes = store.get(&mut conn, row.id).await?.ok_or_else(|| {
        ApiError::internal(format!("the bytes of attachment {} are missing", row.id))
    })?;
    drop(conn);
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CONTENT_TYPE, row.content_type.as_str()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            content_disposition(&row.file_name),
        ))
        .insert_header((
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; sandbox"),
        ))
        .insert_header((
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        ))
        .insert_header((header::ETAG, format!("\"{}\"", row.sha256)));
    Ok(response.body(bytes))
}

/// Withdraw an attachment: it stays listed, with the reason, and its file is no longer served.
/// Whoever may change the entry's content may withdraw its attachments.
#[utoipa::path(
    tag = "progress",
    params(("id" = Uuid, Path, description = "Attachment id")),
    request_body = AttachmentWithdrawal,
    responses((status = 200, description = "Withdrawn", body = Attachment), ActionErrors),
    security(("bearer" = []))
)]
#[post("/attachments/{id}/withdraw")]
pub async fn withdraw_attachment(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    body: ValidJson<AttachmentWithdrawal>,
) -> Result<HttpResponse, ApiError> {
    let reason = body.into_inner().reason.trim().to_owned();
    if reason.is_empty() {
        return Err(ApiError::invalid("reason", "must not be blank"));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(ApiError::invalid(
            "reason",
            format!("must be at most {REASON_MAX} characters"),
        ));
    }
    let id = id.into_inner();
    let mut conn = state.pool.get().await?;
    let withdrawn = conn
        .transaction::<_, ApiError, _>(async |conn| {
            let before = visible(conn, &principal, id).await?;
            if !q::share_lock_entry(conn, before.entry_id).await? {
                return Err(ApiError::NotFound);
            }
            let entry = entry_for_read(conn, &principal, before.entry_id).await?;
            check_entry_edit(&principal, &entry)?;
            let before = q::find_for_update(conn, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            if before.withdrawn_at.is_some() {
                return Err(ApiError::conflict("The attachment is already withdrawn."));
            }
            let after = Attachment::from(q::withdraw(conn, id, &reason).await?);
            audit::changed(
                conn,
                &principal,
                "attachment.withdrawn",
                "attachment",
                id,
                &Attachment::from(before),
                &after,
            )
            .await?;
            Ok(after)
        })
        .await?;
    Ok(HttpResponse::Ok().json(withdrawn))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_need_no_extended_form() {
        assert_eq!(
            content_disposition("Appendix 2.pdf"),
            "attachment; filename=\"Appendix 2.pdf\""
        );
    }

    #[test]
    fn other_names_get_a_fallback_and_rfc_5987_form() {
        assert_eq!(
            content_disposition("Übersicht €.csv"),
            "attachment; filename=\"_bersicht _.csv\"; filename*=UTF-8''%C3%9Cbersicht%20%E2%82%AC.csv"
        );
        assert_eq!(
            content_disposition("say \"hi\".txt"),
            "attachment; filename=\"say _hi_.txt\"; filename*=UTF-8''say%20%22hi%22.txt"
        );
    }
}
