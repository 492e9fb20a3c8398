//! The council a connection works for, as row-level security reads it (`scrutiny.council`; the
//! policies are in the migration `row_level_security`). The pool clears it whenever it hands a
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
