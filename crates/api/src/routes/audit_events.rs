//! The audit trail: who changed what, and when. Admins only; newest first.
use crate::auth::principal::ADMIN;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::{encode_cursor, paginate, PageParams};
use crate::openapi::ListErrors;
use crate::routes::types::Page;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use scrutiny_db::page::TimeKey;
use scrutiny_db::queries::audit as q;
use scrutiny_domain::validation::ValidationErrors;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

pub use scrutiny_app::views::audit::{AuditActor, AuditEvent};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditEventFilter {
    /// Only events about records of this type, e.g. `organisation`.
    pub entity_type: Option<String>,
    /// Only events about this record.
    pub entity_id: Option<Uuid>,
    /// Only events by this user or service account.
    pub actor_id: Option<Uuid>,
    /// Only events of this action, e.g. `organisation.updated`.
    pub action: Option<String>,
    /// Only events at or after this RFC 3339 date-time (percent-encode a `+` offset as `%2B`).
    #[param(value_type = Option<DateTime<Utc>>, example = "2026-01-01T00:00:00Z")]
    pub from: Option<String>,
    /// Only events before this RFC 3339 date-time.
    #[param(value_type = Option<DateTime<Utc>>, example = "2026-02-01T00:00:00Z")]
    pub to: Option<String>,
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

/// List audit events, newest first.
#[utoipa::path(
    tag = "audit",
    params(AuditEventFilter, PageParams),
    responses((status = 200, description = "A page of audit events", body = Page<AuditEvent>), ListErrors),
    security(("bearer" = []))
)]
#[get("/audit-events")]
pub async fn list_audit_events(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    filter: web::Query<AuditEventFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ADMIN)?;
    let limit = page.limit()?;
    let after = page
        .decode_cursor::<(DateTime<Utc>, Uuid)>()?
        .map(|(at, id)| TimeKey { at, id });
    let filter = filter.into_inner();
    let mut errors = ValidationErrors::new();
    let from = parse_time(&mut errors, "from", filter.from.as_deref());
    let to = parse_time(&mut errors, "to", filter.to.as_deref());
    errors.into_result()?;
    let db_filter = q::Filter {
        entity_type: filter.entity_type,
        entity_id: filter.entity_id,
        actor_id: filter.actor_id,
        action: filter.action,
        from,
        to,
    };
    let mut conn = state.pool.get().await?;
    let rows = q::list(&mut conn, &db_filter, after.as_ref(), limit).await?;
    let (rows, next_cursor) = paginate(rows, limit, |r| encode_cursor(&(r.occurred_at, r.id)));
    Ok(HttpResponse::Ok().json(Page {
        items: rows.into_iter().map(AuditEvent::from).collect::<Vec<_>>(),
        next_cursor,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::decode_cursor;

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
