//! Secrets the server generates for itself (see the migration `server_secrets`).
use crate::prepared::KeepDsl;
use diesel::result::Error;
use diesel::sql_types::Text;
use diesel::QueryableByName;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

#[derive(QueryableByName)]
struct Value {
    #[diesel(sql_type = Text)]
    value: String,
}

/// The secret kept under `name`, storing `candidate` first when there is none: concurrent first
/// starts all get the one that was stored.
pub async fn get_or_create(
    conn: &mut AsyncPgConnection,
    name: &str,
    candidate: &str,
) -> Result<String, Error> {
    diesel::sql_query(
        "INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind::<Text, _>(name)
    .bind::<Text, _>(candidate)
    .kept()
    .execute(conn)
    .await?;
    let row: Value = diesel::sql_query("SELECT value FROM server_secrets WHERE name = $1")
        .bind::<Text, _>(name)
        .kept()
        .get_result(conn)
        .await?;
    Ok(row.value)
}
