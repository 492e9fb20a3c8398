//! The council a connection works for, as row-level security reads it (`scrutiny.council` for a
//! council's people, `scrutiny.councils` for a partner's; the policies are in the migrations
//! `row_level_security` and `council_partners`). Every checkout binds its connection afresh
//! ([`crate::pool::checkout`]), writing both.
use diesel::result::Error;
use diesel_async::AsyncPgConnection;
use uuid::Uuid;

/// Binds the connection to one council until it is bound again: every policy-covered table then
/// shows and accepts that council's rows only. Returns the council's time zone from its settings
/// (none when it has no settings of its own).
pub async fn bind_council(
    conn: &mut AsyncPgConnection,
    council: Uuid,
) -> Result<Option<String>, Error> {
    crate::pool::bind(conn, Some(council), None).await
}

/// Binds the connection to the councils a partner organisation works with (`council_partners`)
/// until it is bound again. A partner that works with no council yet is bound to none: it sees no
/// council's rows.
pub async fn bind_partner(conn: &mut AsyncPgConnection, organisation: Uuid) -> Result<(), Error> {
    crate::pool::bind(conn, None, Some(organisation))
        .await
        .map(|_| ())
}
