//! The council a connection works for, as row-level security reads it (`scrutiny.council` for a
//! council's people, `scrutiny.councils` for a partner's; the policies are in the migrations
//! `row_level_security` and `council_partners`). The pool clears both whenever it hands a
//! connection out again.
use diesel::result::Error;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

/// Binds the connection to one council until it goes back to the pool: every policy-covered
/// table then shows and accepts that council's rows only. In the same statement, returns the
/// council's time zone from its settings (none when it has no settings of its own).
pub async fn bind_council(
    conn: &mut AsyncPgConnection,
    council: Uuid,
) -> Result<Option<String>, Error> {
    #[derive(diesel::QueryableByName)]
    struct Bound {
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
        time_zone: Option<String>,
    }
    let bound: Bound = diesel::sql_query(
        "SELECT s.time_zone FROM (SELECT set_config('scrutiny.council', $1, false)) AS bound
           LEFT JOIN council_settings s ON s.council_id = $2",
    )
    .bind::<diesel::sql_types::Text, _>(council.to_string())
    .bind::<diesel::sql_types::Uuid, _>(council)
    .get_result(conn)
    .await?;
    Ok(bound.time_zone)
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
