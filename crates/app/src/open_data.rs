//! Open data: what councils publish anyway, for residents and anyone else, without signing in
//! (`scrutiny_db::queries::open_data` says what is published). Read as the system: every council's
//! published records, never anything else.
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, PageRequest};
use crate::views::calendars::effective_settings;
use scrutiny_db::queries::open_data as q;
use serde_json::{json, Value};
use uuid::Uuid;

/// The councils, with how many reviews each publishes.
pub async fn councils(ctx: &mut Ctx<'_>) -> Result<Value, AppError> {
    Ok(json!({"items": q::councils(ctx.db()).await?, "next_cursor": null}))
}

/// A page of published reviews, by title.
pub async fn reviews(
    ctx: &mut Ctx<'_>,
    council: Option<Uuid>,
    page: PageRequest,
) -> Result<Value, AppError> {
    let after = page.decode::<(String, Uuid)>()?;
    let limit = i64::from(page.limit);
    let mut items = q::reviews(ctx.db(), council, after, limit + 1).await?;
    let list = items
        .as_array_mut()
        .ok_or_else(|| AppError::internal("a list"))?;
    let next_cursor = if list.len() > page.limit as usize {
        list.truncate(page.limit as usize);
        list.last().map(|r| {
            encode_cursor(&(
                r["title"].as_str().unwrap_or_default().to_owned(),
                r["id"]
                    .as_str()
                    .and_then(|s| s.parse::<Uuid>().ok())
                    .unwrap_or_default(),
            ))
        })
    } else {
        None
    };
    Ok(json!({"items": items, "next_cursor": next_cursor}))
}

/// One published review, with its recommendations' latest accepted grades labelled with the
/// council's scale (404 when it is not published).
pub async fn review(ctx: &mut Ctx<'_>, id: Uuid) -> Result<Value, AppError> {
    let mut doc = q::review(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
    let council: Uuid = doc["council_id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| AppError::internal("a council"))?;
    let settings = effective_settings(ctx.db(), council).await?;
    if let Some(recs) = doc["recommendations"].as_array_mut() {
        for r in recs {
            if let Some(grade) = r["latest_accepted_grade"].as_object_mut() {
                let code = grade
                    .get("grade")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                let label = settings.grade_scale.level(&code).map(|l| l.label.clone());
                grade.insert("label".to_owned(), json!(label));
            }
        }
    }
    Ok(doc)
}

/// The most rows the CSV holds.
pub const CSV_MAX_ROWS: i64 = 100_000;

/// The published recommendations as CSV rows (a header first): council, committee, review,
/// number, text, status, latest accepted grade and its round.
pub async fn recommendation_rows(
    ctx: &mut Ctx<'_>,
    council: Option<Uuid>,
) -> Result<Vec<Vec<String>>, AppError> {
    let rows = q::recommendations(ctx.db(), council, CSV_MAX_ROWS).await?;
    let mut scales: std::collections::HashMap<Uuid, crate::views::calendars::Effective> =
        std::collections::HashMap::new();
    let mut out = vec![[
        "Council",
        "Committee",
        "Review",
        "Recommendation",
        "Text",
        "Status",
        "Latest accepted grade",
        "Round",
    ]
    .map(str::to_owned)
    .to_vec()];
    for r in rows {
        if let std::collections::hash_map::Entry::Vacant(slot) = scales.entry(r.council_id) {
            slot.insert(effective_settings(ctx.db(), r.council_id).await?);
        }
        let grade = r.accepted_grade.as_deref().map(|code| {
            match scales[&r.council_id].grade_scale.level(code) {
                Some(level) => format!("{code} ({})", level.label),
                None => code.to_owned(),
            }
        });
        out.push(vec![
            r.council,
            r.committee,
            r.review,
            r.number,
            r.text,
            r.status,
            grade.unwrap_or_default(),
            r.round.unwrap_or_default(),
        ]);
    }
    Ok(out)
}
