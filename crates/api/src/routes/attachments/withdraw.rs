//! `POST /attachments/{id}/withdraw`: withdraw an attachment, with the reason.
use super::{Attachment, AttachmentWithdrawal};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::ActionErrors;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::attachments::{self as uc, WithdrawAttachment};
use scrutiny_app::Ctx;
use uuid::Uuid;

impl AttachmentWithdrawal {
    /// The use case's command for attachment `id`.
    pub fn command(self, id: Uuid) -> WithdrawAttachment {
        WithdrawAttachment {
            id,
            reason: self.reason,
        }
    }
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
    let cmd = body.into_inner().command(id.into_inner());
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let withdrawn: Attachment = uc::withdraw(&mut ctx, cmd).await?;
    Ok(HttpResponse::Ok().json(withdrawn))
}
