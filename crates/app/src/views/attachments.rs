//! Files attached to progress entries, as the API shows them (without their bytes).
use chrono::{DateTime, Utc};
use scrutiny_db::queries::attachments as q;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

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
