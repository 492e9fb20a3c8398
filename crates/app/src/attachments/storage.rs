//! Where the bytes of attachments are kept: in PostgreSQL (`attachment_blobs`) or in a directory
//! on disk, behind one small trait. Settings choose where new files go; each attachment records
//! where its bytes are, so that files stored before a change of setting are still served.
use crate::error::AppError;
use scrutiny_db::queries::attachments as q;
use scrutiny_db::AsyncPgConnection;
use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use uuid::Uuid;

/// A boxed future, as the store's methods return (the trait is used as `dyn`).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Runs blocking file work off the async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(AppError::internal)
}

/// Keeps and returns the bytes of attachments, by attachment id.
///
/// `put` runs inside the transaction that inserts the attachment's row (after the row), so that a
/// file is never recorded without its bytes; a database store writes through that transaction.
pub trait AttachmentStore: Send + Sync {
    /// The value of `attachments.storage` for files kept here: `database` or `disk`.
    fn kind(&self) -> &'static str;

    fn put<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        id: Uuid,
        bytes: Vec<u8>,
    ) -> BoxFuture<'a, Result<(), AppError>>;

    /// The bytes, or `None` when they are missing.
    fn get<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        id: Uuid,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>, AppError>>;
}

/// Bytes in the `attachment_blobs` table.
#[derive(Debug, Default)]
pub struct DatabaseStore;

impl AttachmentStore for DatabaseStore {
    fn kind(&self) -> &'static str {
        "database"
    }

    fn put<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        id: Uuid,
        bytes: Vec<u8>,
    ) -> BoxFuture<'a, Result<(), AppError>> {
        Box::pin(async move { Ok(q::write_blob(conn, id, &bytes).await?) })
    }

    fn get<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        id: Uuid,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>, AppError>> {
        Box::pin(async move { Ok(q::read_blob(conn, id).await?) })
    }
}

/// Bytes in files named by the attachment's id in one directory. A file is written under a
/// temporary name, flushed to disk, and renamed into place, so that a reader never sees half a
/// file.
#[derive(Debug)]
pub struct DiskStore {
    directory: PathBuf,
}

impl DiskStore {
    /// Files in `directory` (created at the first write when missing).
    pub fn new(directory: impl Into<PathBuf>) -> Self {
        Self {
            directory: directory.into(),
        }
    }

    /// Creates the directory when missing and checks that files can be written in it: run at
    /// start, so that a misconfigured directory stops the server instead of failing uploads.
    pub fn check(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.directory)?;
        let probe = self
            .directory
            .join(format!(".write-test-{}", Uuid::new_v4().simple()));
        std::fs::write(&probe, b"")?;
        std::fs::remove_file(&probe)
    }

    pub fn directory(&self) -> &Path {
        &self.directory
    }

    fn path_of(&self, id: Uuid) -> PathBuf {
        self.directory.join(id.simple().to_string())
    }
}

fn write_atomically(directory: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(directory)?;
    let temporary = directory.join(format!(".upload-{}.tmp", Uuid::new_v4().simple()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, target)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
        return written;
    }
    // The rename itself survives a crash once the directory is flushed.
    if let Ok(dir) = std::fs::File::open(directory) {
        let _ = dir.sync_all();
    }
    Ok(())
}

impl AttachmentStore for DiskStore {
    fn kind(&self) -> &'static str {
        "disk"
    }

    fn put<'a>(
        &'a self,
        _conn: &'a mut AsyncPgConnection,
        id: Uuid,
        bytes: Vec<u8>,
    ) -> BoxFuture<'a, Result<(), AppError>> {
        let directory = self.directory.clone();
        let target = self.path_of(id);
        Box::pin(async move {
            blocking(move || write_atomically(&directory, &target, &bytes))
                .await?
                .map_err(|e| AppError::internal(format!("writing attachment {id}: {e}")))
        })
    }

    fn get<'a>(
        &'a self,
        _conn: &'a mut AsyncPgConnection,
        id: Uuid,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>, AppError>> {
        let path = self.path_of(id);
        Box::pin(async move {
            match blocking(move || std::fs::read(path)).await? {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(AppError::internal(format!("reading attachment {id}: {e}"))),
            }
        })
    }
}

/// The attachment settings every handler shares: where new files go, where existing ones are
/// read from, and the largest file accepted.
pub struct Attachments {
    writer: Arc<dyn AttachmentStore>,
    stores: Vec<Arc<dyn AttachmentStore>>,
    /// The largest file accepted, in bytes (413 above).
    pub max_bytes: usize,
}

/// 25 MiB.
pub const DEFAULT_MAX_BYTES: usize = 25 * 1024 * 1024;

impl Attachments {
    /// New files go to the database; a disk directory, when given, is read for files stored
    /// there earlier.
    pub fn in_database(disk: Option<DiskStore>, max_bytes: usize) -> Self {
        let database: Arc<dyn AttachmentStore> = Arc::new(DatabaseStore);
        let mut stores = vec![database.clone()];
        stores.extend(disk.map(|d| Arc::new(d) as Arc<dyn AttachmentStore>));
        Self {
            writer: database,
            stores,
            max_bytes,
        }
    }

    /// New files go to `disk`; files stored in the database earlier are still read from there.
    pub fn on_disk(disk: DiskStore, max_bytes: usize) -> Self {
        let disk: Arc<dyn AttachmentStore> = Arc::new(disk);
        Self {
            writer: disk.clone(),
            stores: vec![disk, Arc::new(DatabaseStore)],
            max_bytes,
        }
    }

    /// Where new files go.
    pub fn writer(&self) -> &dyn AttachmentStore {
        self.writer.as_ref()
    }

    /// The store of `kind` (an attachment's `storage`), when configured.
    pub fn store(&self, kind: &str) -> Option<&dyn AttachmentStore> {
        self.stores
            .iter()
            .find(|s| s.kind() == kind)
            .map(|s| s.as_ref())
    }
}

impl Default for Attachments {
    fn default() -> Self {
        Self::in_database(None, DEFAULT_MAX_BYTES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disk_writes_are_whole_files_named_by_id() {
        let dir = std::env::temp_dir().join(format!("scrutiny-store-{}", Uuid::new_v4().simple()));
        let store = DiskStore::new(&dir);
        store.check().unwrap();
        let id = Uuid::new_v4();
        write_atomically(store.directory(), &store.path_of(id), b"%PDF-1.4 first").unwrap();
        write_atomically(store.directory(), &store.path_of(id), b"%PDF-1.4 second").unwrap();
        assert_eq!(
            std::fs::read(store.path_of(id)).unwrap(),
            b"%PDF-1.4 second"
        );
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, [id.simple().to_string()]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reads_go_to_the_store_that_holds_the_file() {
        let dir = std::env::temp_dir().join(format!("scrutiny-store-{}", Uuid::new_v4().simple()));
        let on_disk = Attachments::on_disk(DiskStore::new(&dir), 10);
        assert_eq!(on_disk.writer().kind(), "disk");
        assert_eq!(on_disk.store("database").unwrap().kind(), "database");
        let in_db = Attachments::in_database(None, 10);
        assert_eq!(in_db.writer().kind(), "database");
        assert!(in_db.store("disk").is_none());
        assert!(!dir.exists(), "nothing is written before the first file");
    }
}
