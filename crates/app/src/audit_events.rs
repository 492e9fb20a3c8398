//! The audit trail: who changed what, and when. Newest first; a council's admins read their
//! council's trail, operators every council's and their own changes to shared records.
use crate::access;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::views::audit::AuditEvent;
use chrono::{DateTime, Utc};
use scrutiny_db::page::TimeKey;
use scrutiny_db::queries::audit as q;
use scrutiny_domain::validation::ValidationErrors;
use uuid::Uuid;

/// Which audit events to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct ListAuditEvents {
    /// Only events about records of this type, e.g. `organisation`.
    pub entity_type: Option<String>,
    /// Only events about this record.
    pub entity_id: Option<Uuid>,
    /// Only events by this user or service account.
    pub actor_id: Option<Uuid>,
    /// Only events of this action, e.g. `organisation.updated`.
    pub action: Option<String>,
    /// Only events at or after this RFC 3339 date-time (checked).
    pub from: Option<String>,
    /// Only events before this RFC 3339 date-time (checked).
    pub to: Option<String>,
    pub page: PageRequest,
}

/// Parses an RFC 3339 date-time, recording the failure under `field`.
fn parse_time(
    errors: &mut ValidationErrors,
    field: &str,
    raw: Option<&str>,
) -> Option<DateTime<Utc>> {
    let raw = raw?;
    errors
        .check(
            field,
            DateTime::parse_from_rfc3339(raw.trim())
                .map_err(|_| "must be an RFC 3339 date-time such as 2026-01-31T09:00:00Z"),
        )
        .map(|t| t.with_timezone(&Utc))
}

pub async fn list(ctx: &mut Ctx<'_>, cmd: ListAuditEvents) -> Result<Page<AuditEvent>, AppError> {
    let council = access::administered_council(&ctx.principal)?;
    let limit = cmd.page.limit;
    let after = cmd
        .page
        .decode::<(DateTime<Utc>, Uuid)>()?
        .map(|(at, id)| TimeKey { at, id });
    let mut errors = ValidationErrors::new();
    let from = parse_time(&mut errors, "from", cmd.from.as_deref());
    let to = parse_time(&mut errors, "to", cmd.to.as_deref());
    errors.into_result()?;
    let db_filter = q::Filter {
        council_id: council,
        entity_type: cmd.entity_type,
        entity_id: cmd.entity_id,
        actor_id: cmd.actor_id,
        action: cmd.action,
        from,
        to,
    };
    let rows = q::list(ctx.db(), &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(r.occurred_at, r.id)));
    Ok(Page {
        items: rows.into_iter().map(AuditEvent::from).collect(),
        next_cursor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paging::decode_cursor;

    #[test]
    fn times_parse_or_name_their_field() {
        let mut errors = ValidationErrors::new();
        let at = parse_time(&mut errors, "from", Some("2026-01-31T10:00:00+01:00")).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-01-31T09:00:00+00:00");
        assert_eq!(parse_time(&mut errors, "from", None), None);
        assert!(errors.is_empty());
        assert_eq!(parse_time(&mut errors, "to", Some("yesterday")), None);
        assert_eq!(errors.0[0].field, "to");
    }

    #[test]
    fn time_cursors_round_trip_to_the_microsecond() {
        let at = DateTime::parse_from_rfc3339("2026-01-31T09:00:00.123456Z")
            .unwrap()
            .with_timezone(&Utc);
        let id = Uuid::now_v7();
        let back: (DateTime<Utc>, Uuid) = decode_cursor(&encode_cursor(&(at, id))).unwrap();
        assert_eq!(back, (at, id));
    }
}
