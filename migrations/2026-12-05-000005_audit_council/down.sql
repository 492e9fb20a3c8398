DROP POLICY council_tenant ON audit_events;
ALTER TABLE audit_events DISABLE ROW LEVEL SECURITY;
DROP INDEX audit_events_council_idx;
DROP TRIGGER audit_events_council ON audit_events;
DROP FUNCTION scrutiny_audit_events_council();
DROP FUNCTION scrutiny_audit_council(text, uuid, jsonb, jsonb, text, uuid);
ALTER TABLE audit_events DROP COLUMN council_id;
