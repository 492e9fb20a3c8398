//! Where the bytes of attachments are kept: the stores are in the application layer
//! (`scrutiny_app::attachments::storage`), where the upload use case writes through them.
pub use scrutiny_app::attachments::storage::*;
