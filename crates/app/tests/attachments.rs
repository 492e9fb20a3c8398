//! Use-case tests of attachments, against a database of their own: the upload writes the row,
//! the bytes and the audit event together, or none of them.
mod support;

use scrutiny_app::attachments::storage::{AttachmentStore, BoxFuture, DatabaseStore};
use scrutiny_app::attachments::{self, UploadAttachment, WithdrawAttachment};
use scrutiny_app::progress::rounds;
use scrutiny_app::{AppError, PageRequest};
use scrutiny_db::queries::{attachments as q, audit as audit_q};
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::records::ReviewStatus;
use support::TestDb;
use uuid::Uuid;

/// A store whose writes fail, as a full disk would.
struct FailingStore;

impl AttachmentStore for FailingStore {
    fn kind(&self) -> &'static str {
        "disk"
    }

    fn put<'a>(
        &'a self,
        _conn: &'a mut AsyncPgConnection,
        _id: Uuid,
        _bytes: Vec<u8>,
    ) -> BoxFuture<'a, Result<(), AppError>> {
        Box::pin(async { Err(AppError::internal("the disk is full")) })
    }

    fn get<'a>(
        &'a self,
        _conn: &'a mut AsyncPgConnection,
        _id: Uuid,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>, AppError>> {
        Box::pin(async { Ok(None) })
    }
}

fn upload(entry_id: Uuid, store: &dyn AttachmentStore) -> UploadAttachment<'_> {
    UploadAttachment {
        entry_id,
        file_name: "Appendix 2.txt".into(),
        title: Some("Appendix 2".into()),
        media_type: "text/plain; charset=utf-8".into(),
        bytes: b"survey results".to_vec(),
        store,
    }
}

async fn events(conn: &mut AsyncPgConnection, action: &str) -> usize {
    let filter = audit_q::Filter {
        action: Some(action.into()),
        ..Default::default()
    };
    audit_q::list(conn, &filter, None, 100).await.unwrap().len()
}

#[tokio::test]
async fn an_upload_keeps_row_bytes_and_audit_together() {
    let db = TestDb::new().await;
    let mut ctx = support::context(&db).await;
    let council = support::council(&mut ctx, "Stockton-on-Tees Borough Council").await;
    let committee = support::committee(&mut ctx, &council).await;
    let review = support::review_at(
        &mut ctx,
        &council,
        committee.id,
        ReviewStatus::ActionPlanAgreed,
    )
    .await
    .id;
    let rec = support::recommendation(&mut ctx, &council, review, "1", &[]).await;
    // No partner owns an action: the council reports on the recommendation itself.
    support::agreed_plan(&mut ctx, &council, review, None, &[&rec]).await;
    let round = support::open_round(&mut ctx, &council, review, None).await;
    ctx.acting_as(council.officer.clone());
    let entry = rounds::entries(&mut ctx, round.id).await.unwrap()[0].id;

    // The bytes cannot be kept: neither the row nor the event is.
    let refused = attachments::upload(&mut ctx, upload(entry, &FailingStore)).await;
    assert!(matches!(refused, Err(AppError::Internal(_))), "{refused:?}");
    assert!(q::list_for_entry(ctx.db(), entry, None, 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(events(ctx.db(), "attachment.uploaded").await, 0);

    // Kept in the database: the row, its bytes and the event.
    let attached = attachments::upload(&mut ctx, upload(entry, &DatabaseStore))
        .await
        .expect("the file is attached");
    assert_eq!(attached.size_bytes, 14);
    assert_eq!(attached.sha256.len(), 64);
    assert_eq!(events(ctx.db(), "attachment.uploaded").await, 1);
    let stores = attachments::storage::Attachments::in_database(None, 1024);
    let content = attachments::content(&mut ctx, attached.id, &stores)
        .await
        .unwrap();
    assert_eq!(content.bytes, b"survey results");

    // Withdrawn with a reason: listed still, its bytes gone, audited once.
    let blank = attachments::withdraw(
        &mut ctx,
        WithdrawAttachment {
            id: attached.id,
            reason: "  ".into(),
        },
    )
    .await;
    assert!(matches!(blank, Err(AppError::Validation(_))));
    let withdrawn = attachments::withdraw(
        &mut ctx,
        WithdrawAttachment {
            id: attached.id,
            reason: "Uploaded to the wrong recommendation".into(),
        },
    )
    .await
    .unwrap();
    assert!(withdrawn.content_url.is_none());
    assert!(matches!(
        attachments::content(&mut ctx, attached.id, &stores).await,
        Err(AppError::Gone(_))
    ));
    assert_eq!(events(ctx.db(), "attachment.withdrawn").await, 1);
    let page = attachments::list(
        &mut ctx,
        entry,
        PageRequest {
            limit: 10,
            cursor: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(
        page.items[0].withdrawn_reason.as_deref(),
        Some("Uploaded to the wrong recommendation")
    );
}
