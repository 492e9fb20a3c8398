//! Use cases of files attached to progress entries ("Appendix 2: survey results"). Access follows
//! the entry's: whoever reads the entry reads its attachments, whoever may change the entry's
//! content may attach and withdraw files. The bytes are kept by a [`storage`] backend, whose
//! write runs in the upload's transaction; the SHA-256 of the bytes is kept. Nothing is deleted:
//! a withdrawn attachment stays listed with its reason, and its bytes are no longer served.
//!
//! What a file is (its kind told from its bytes, its name agreeing) is checked where it is read
//! (the API's multipart reading): the upload command carries the checked name, title, media type
//! and bytes.
pub mod storage;

use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::REASON_MAX;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::principal::Principal;
use crate::views::attachments::Attachment;
use crate::views::progress::{check_entry_edit, entry_for_read};
use chrono::{DateTime, Utc};
use scrutiny_db::page::TimeKey;
use scrutiny_db::queries::attachments::{self as q, NewAttachment};
use scrutiny_db::AsyncPgConnection;
use sha2::{Digest, Sha256};
use storage::{AttachmentStore, Attachments};
use uuid::Uuid;

/// The longest file name kept, in characters.
pub const FILE_NAME_MAX: usize = 255;
/// The longest title, in characters.
pub const TITLE_MAX: usize = 200;

/// Attach a file to a progress entry. The name, title and media type are checked (the kind told
/// from the bytes) by whoever read the file.
pub struct UploadAttachment<'s> {
    pub entry_id: Uuid,
    pub file_name: String,
    pub title: Option<String>,
    /// The media type the file is stored and served with.
    pub media_type: String,
    pub bytes: Vec<u8>,
    /// Where the bytes go.
    pub store: &'s dyn AttachmentStore,
}

/// Withdraw an attachment, saying why.
#[derive(Debug, Clone)]
pub struct WithdrawAttachment {
    pub id: Uuid,
    pub reason: String,
}

/// The bytes of an attachment with what they are served as.
#[derive(Debug, Clone)]
pub struct AttachmentContent {
    pub file_name: String,
    pub content_type: String,
    /// The SHA-256 of the bytes, in lower-case hex.
    pub sha256: String,
    pub bytes: Vec<u8>,
}

/// Checks that the actor may attach files to the entry (404, 403 or 409 otherwise): asked before
/// a byte of the file is read.
pub async fn check_upload(ctx: &mut Ctx<'_>, entry_id: Uuid) -> Result<(), AppError> {
    let principal = ctx.principal.clone();
    let entry = entry_for_read(ctx.db(), &principal, entry_id).await?;
    check_entry_edit(&principal, &entry)
}

/// Attaches the file, in one transaction with the check that the entry may still be changed,
/// the write of its bytes and the audit event `attachment.uploaded`.
pub async fn upload(ctx: &mut Ctx<'_>, cmd: UploadAttachment<'_>) -> Result<Attachment, AppError> {
    let sha256 = hex::encode(Sha256::digest(&cmd.bytes));
    let size_bytes = i64::try_from(cmd.bytes.len()).map_err(AppError::internal)?;
    let principal = ctx.principal.clone();
    ctx.tx(async |ctx| {
        let conn = ctx.db();
        // The entry's state cannot change under the upload.
        if !q::share_lock_entry(conn, cmd.entry_id).await? {
            return Err(AppError::NotFound);
        }
        let entry = entry_for_read(conn, &principal, cmd.entry_id).await?;
        check_entry_edit(&principal, &entry)?;
        let row = q::insert(
            conn,
            &NewAttachment {
                id: Uuid::now_v7(),
                council_id: entry.council_id,
                entry_id: cmd.entry_id,
                file_name: &cmd.file_name,
                title: cmd.title.as_deref(),
                content_type: &cmd.media_type,
                size_bytes,
                sha256: &sha256,
                storage: cmd.store.kind(),
                uploaded_by: &principal.name,
                uploaded_by_id: Some(principal.id),
            },
        )
        .await?;
        cmd.store.put(conn, row.id, cmd.bytes).await?;
        let view = Attachment::from(row);
        audit::created(
            conn,
            &principal,
            "attachment.uploaded",
            "attachment",
            view.id,
            &view,
        )
        .await?;
        Ok(view)
    })
    .await
}

/// The attachments of an entry the actor reads, oldest first, withdrawn ones included.
pub async fn list(
    ctx: &mut Ctx<'_>,
    entry_id: Uuid,
    page: PageRequest,
) -> Result<Page<Attachment>, AppError> {
    let limit = page.limit;
    let after = page
        .decode::<(DateTime<Utc>, Uuid)>()?
        .map(|(at, id)| TimeKey { at, id });
    let principal = ctx.principal.clone();
    let entry = entry_for_read(ctx.db(), &principal, entry_id).await?;
    let rows = q::list_for_entry(ctx.db(), entry.id, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(r.created_at, r.id)));
    Ok(Page {
        items: rows.into_iter().map(Attachment::from).collect(),
        next_cursor,
    })
}

/// An attachment visible to the principal: the one of an entry they read (404 otherwise).
async fn visible(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
) -> Result<q::Attachment, AppError> {
    let row = q::find(conn, id).await?.ok_or(AppError::NotFound)?;
    entry_for_read(conn, principal, row.entry_id).await?;
    Ok(row)
}

/// An attachment's details (not its bytes).
pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<Attachment, AppError> {
    let principal = ctx.principal.clone();
    Ok(visible(ctx.db(), &principal, id).await?.into())
}

/// An attachment's bytes, read from the store that holds them; a withdrawn attachment's are no
/// longer served (gone).
pub async fn content(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    stores: &Attachments,
) -> Result<AttachmentContent, AppError> {
    let principal = ctx.principal.clone();
    let row = visible(ctx.db(), &principal, id).await?;
    if let Some(at) = row.withdrawn_at {
        return Err(AppError::Gone(format!(
            "This attachment was withdrawn on {} ({}); its file is no longer served.",
            at.format("%-d %B %Y"),
            row.withdrawn_reason.as_deref().unwrap_or("no reason given")
        )));
    }
    let store = stores.store(&row.storage).ok_or_else(|| {
        AppError::internal(format!(
            "attachment {} is stored in {}, which is not configured",
            row.id, row.storage
        ))
    })?;
    let bytes = store.get(ctx.db(), row.id).await?.ok_or_else(|| {
        AppError::internal(format!("the bytes of attachment {} are missing", row.id))
    })?;
    Ok(AttachmentContent {
        file_name: row.file_name,
        content_type: row.content_type,
        sha256: row.sha256,
        bytes,
    })
}

/// Withdraws an attachment: it stays listed, with the reason, and its file is no longer served.
/// Whoever may change the entry's content may withdraw its attachments; audited as
/// `attachment.withdrawn`.
pub async fn withdraw(ctx: &mut Ctx<'_>, cmd: WithdrawAttachment) -> Result<Attachment, AppError> {
    let reason = cmd.reason.trim().to_owned();
    if reason.is_empty() {
        return Err(AppError::invalid("reason", "must not be blank"));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(AppError::invalid(
            "reason",
            format!("must be at most {REASON_MAX} characters"),
        ));
    }
    let id = cmd.id;
    let principal = ctx.principal.clone();
    ctx.tx(async |ctx| {
        let conn = ctx.db();
        let before = visible(conn, &principal, id).await?;
        if !q::share_lock_entry(conn, before.entry_id).await? {
            return Err(AppError::NotFound);
        }
        let entry = entry_for_read(conn, &principal, before.entry_id).await?;
        check_entry_edit(&principal, &entry)?;
        let before = q::find_for_update(conn, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if before.withdrawn_at.is_some() {
            return Err(AppError::conflict("The attachment is already withdrawn."));
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
    .await
}
