//! Builds audit events. Each write records one in the same transaction as the write itself.
use crate::principal::{ActorKind, Principal};
use crate::request_id;
use scrutiny_db::models::NewAuditEvent;
use serde::Serialize;
use uuid::Uuid;

/// The JSON snapshot of a record as the API shows it (never a database row with its secrets).
pub fn snapshot<T: Serialize>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

pub fn event(
    actor: &Principal,
    action: &str,
    entity_type: &str,
    entity_id: Uuid,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> NewAuditEvent {
    NewAuditEvent {
        id: Uuid::now_v7(),
        actor_kind: actor.kind.as_str().to_owned(),
        actor_id: (actor.kind != ActorKind::System).then_some(actor.id),
        actor_name: actor.name.clone(),
        action: action.to_owned(),
        entity_type: entity_type.to_owned(),
        entity_id,
        before,
        after,
        request_id: request_id::current(),
    }
}

/// An event whose actor is not a signed-in principal: a user signing in, or the system itself.
pub fn event_by(
    actor_kind: &str,
    actor_id: Option<Uuid>,
    actor_name: &str,
    action: &str,
    entity_type: &str,
    entity_id: Uuid,
    after: Option<serde_json::Value>,
) -> NewAuditEvent {
    NewAuditEvent {
        id: Uuid::now_v7(),
        actor_kind: actor_kind.to_owned(),
        actor_id,
        actor_name: actor_name.to_owned(),
        action: action.to_owned(),
        entity_type: entity_type.to_owned(),
        entity_id,
        before: None,
        after,
        request_id: request_id::current(),
    }
}

/// Records that `actor` created a record, with its snapshot, in the caller's transaction.
pub async fn created<T: Serialize>(
    conn: &mut scrutiny_db::AsyncPgConnection,
    actor: &Principal,
    action: &str,
    entity_type: &str,
    entity_id: Uuid,
    after: &T,
) -> Result<(), scrutiny_db::DbError> {
    let e = event(actor, action, entity_type, entity_id, None, snapshot(after));
    record(conn, &e).await
}

/// Records an audit event and, when the change is one other systems hear of, its event for the
/// feed ([`crate::events`]), both in the caller's transaction.
pub async fn record(
    conn: &mut scrutiny_db::AsyncPgConnection,
    e: &NewAuditEvent,
) -> Result<(), scrutiny_db::DbError> {
    crate::principal::note_write(&e.entity_type);
    scrutiny_db::queries::audit::record(conn, e).await?;
    crate::events::emit_for(conn, e).await
}

/// Records that `actor` changed a record, with its snapshots before and after, in the caller's
/// transaction.
pub async fn changed<B: Serialize, A: Serialize>(
    conn: &mut scrutiny_db::AsyncPgConnection,
    actor: &Principal,
    action: &str,
    entity_type: &str,
    entity_id: Uuid,
    before: &B,
    after: &A,
) -> Result<(), scrutiny_db::DbError> {
    let e = event(
        actor,
        action,
        entity_type,
        entity_id,
        snapshot(before),
        snapshot(after),
    );
    record(conn, &e).await
}
