//! The council a connection works for, as row-level security reads it (`scrutiny.council` for a
//! council's people, `scrutiny.councils` for a partner's; the policies are in the migrations
//! `row_level_security` and `council_partners`). The pool clears both whenever it hands a
//! connection out again.
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

/// Binds the connection to one council until it goes back to the pool: every policy-covered
/// table then shows and accepts that council's rows only.
pub async fn bind_council(conn: &mut AsyncPgConnection, council: Uuid) -> Result<(), Error> {
    diesel::sql_query("SELECT set_config('scrutiny.council', $1, false)")
        .bind::<diesel::sql_types::Text, _>(council.to_string())
        .execute(conn)
        .await
        .map(|_| ())
}

/// Binds the connection to the councils a partner organisation works with (`council_partners`)
/// until it goes back to the pool, in one statement. A partner that works with no council yet is
/// bound to none: it sees no council's rows.
pub async fn bind_partner(conn: &mut AsyncPgConnection, organisation: Uuid) -> Result<(), Error> {
    diesel::sql_query(
        "SELECT set_config('scrutiny.councils', coalesce(
             (SELECT string_agg(council_id::text, ',') FROM council_partners WHERE partner_id = $1),
             '00000000-0000-0000-0000-000000000000'), false)",
    )
    .bind::<diesel::sql_types::Uuid, _>(organisation)
    .execute(conn)
    .await
    .map(|_| ())
}
