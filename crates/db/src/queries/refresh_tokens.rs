use crate::models::{NewRefreshToken, RefreshToken};
use crate::schema::refresh_tokens::dsl as r;
use diesel::prelude::*;
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

pub async fn insert(conn: &mut AsyncPgConnection, new: &NewRefreshToken<'_>) -> Result<(), Error> {
    diesel::insert_into(r::refresh_tokens)
        .values(new)
        .execute(conn)
        .await
        .map(|_| ())
}

/// The token with this hash, locked so that two concurrent uses cannot both rotate it.
pub async fn find_by_hash_for_update(
    conn: &mut AsyncPgConnection,
    hash: &[u8],
) -> Result<Option<RefreshToken>, Error> {
    r::refresh_tokens
        .filter(r::token_hash.eq(hash))
        .select(RefreshToken::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()
}

/// When a session (a family of refresh tokens) began: its first token's issue.
pub async fn family_started_at(
    conn: &mut AsyncPgConnection,
    family_id: Uuid,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, Error> {
    r::refresh_tokens
        .filter(r::family_id.eq(family_id))
        .select(diesel::dsl::min(r::issued_at))
        .first(conn)
        .await
}

pub async fn mark_rotated(conn: &mut AsyncPgConnection, id: Uuid) -> Result<(), Error> {
    diesel::update(r::refresh_tokens.find(id))
        .set(r::rotated_at.eq(diesel::dsl::now))
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn revoke_family(conn: &mut AsyncPgConnection, family_id: Uuid) -> Result<usize, Error> {
    diesel::update(
        r::refresh_tokens.filter(r::family_id.eq(family_id).and(r::revoked_at.is_null())),
    )
    .set(r::revoked_at.eq(diesel::dsl::now))
    .execute(conn)
    .await
}

pub async fn revoke_all_for_user(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
) -> Result<usize, Error> {
    diesel::update(r::refresh_tokens.filter(r::user_id.eq(user_id).and(r::revoked_at.is_null())))
        .set(r::revoked_at.eq(diesel::dsl::now))
        .execute(conn)
        .await
}
