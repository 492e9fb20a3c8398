//! `GET /attachments/{id}/content`: an attachment's bytes.
use super::{ContentErrors, FileContent};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::respond::content_disposition;
use crate::state::AppState;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{get, web, HttpResponse};
use scrutiny_app::attachments as uc;
use scrutiny_app::Ctx;
use uuid::Uuid;

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
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let file = uc::content(&mut ctx, id.into_inner(), &state.attachments).await?;
    drop(ctx);
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CONTENT_TYPE, file.content_type.as_str()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            content_disposition(&file.file_name),
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
        .insert_header((header::ETAG, format!("\"{}\"", file.sha256)));
    Ok(response.body(file.bytes))
}
