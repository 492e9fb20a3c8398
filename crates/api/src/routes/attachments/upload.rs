//! `POST /progress-entries/{id}/attachments`: attach a file (`multipart/form-data`).
use super::multipart::{is_multipart_form, read_upload, ENVELOPE_ALLOWANCE};
use super::{Attachment, AttachmentUpload, UploadErrors};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use scrutiny_app::attachments::{self as uc, UploadAttachment};
use scrutiny_app::Ctx;
use uuid::Uuid;

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
    // Who may attach is settled before a byte of the file is read (and no connection is held
    // while it is).
    {
        let mut ctx = Ctx::open(&state.pool, principal.clone()).await?;
        uc::check_upload(&mut ctx, entry_id).await?;
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
    let cmd = UploadAttachment {
        entry_id,
        file_name: upload.file_name,
        title: upload.title,
        media_type: upload.kind.media_type().to_owned(),
        bytes: Vec::from(upload.bytes),
        store: state.attachments.writer(),
    };
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let created = uc::upload(&mut ctx, cmd).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/attachments/{}", created.id),
        ))
        .json(created))
}
