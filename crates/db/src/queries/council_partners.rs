//! Which partners work with which council (`council_partners`, kept by triggers: see the
//! migration `council_partners`).
use crate::prepared::KeepDsl;
use diesel::sql_types::{Bool, Uuid as SqlUuid};
use diesel::QueryableByName;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = Bool)]
    found: bool,
}

/// Whether `partner` works with `council`.
pub async fn works_with(
    conn: &mut AsyncPgConnection,
    partner: Uuid,
    council: Uuid,
) -> Result<bool, diesel::result::Error> {
    let row: Found = diesel::sql_query(
        "SELECT EXISTS (SELECT 1 FROM council_partners WHERE partner_id = $1 AND council_id = $2) AS found",
    )
    .bind::<SqlUuid, _>(partner)
    .bind::<SqlUuid, _>(council)
    .kept().get_result(conn)
    .await?;
    Ok(row.found)
}

#[derive(QueryableByName)]
struct Partner {
    #[diesel(sql_type = SqlUuid)]
    partner_id: Uuid,
}

/// The partners that work with `council`, in one query.
pub async fn partners_of(
    conn: &mut AsyncPgConnection,
    council: Uuid,
) -> Result<Vec<Uuid>, diesel::result::Error> {
    let rows: Vec<Partner> =
        diesel::sql_query("SELECT partner_id FROM council_partners WHERE council_id = $1")
            .bind::<SqlUuid, _>(council)
            .kept()
            .load(conn)
            .await?;
    Ok(rows.into_iter().map(|r| r.partner_id).collect())
}
