-- Each audit event carries the council whose trail it belongs to, so that a council's admin reads
-- that council's trail only and PostgreSQL keeps it so (row-level security, as on the records).
--
-- The council is worked out when the event is written, by a trigger, not by each of the
-- application's writes: from the record the event is about (the record's own council, or the
-- council itself for a council's organisation record); else from its snapshot (a record removed in
-- the same transaction); else the council the request is bound to (`scrutiny.council`); else the
-- council that manages the acting user or service account. None of these: an operator's or the
-- system's event about shared records (partner organisations, calendars), seen by operators only.

ALTER TABLE audit_events ADD COLUMN council_id uuid;

CREATE FUNCTION scrutiny_audit_council(
    entity_type text, entity_id uuid, before jsonb, after jsonb, actor_kind text, actor_id uuid
) RETURNS uuid
LANGUAGE plpgsql STABLE AS $$
DECLARE
    council uuid;
BEGIN
    council := CASE entity_type
        WHEN 'organisation' THEN (SELECT o.id FROM organisations o WHERE o.id = entity_id AND o.kind = 'council')
        WHEN 'user' THEN (SELECT t.council_id FROM users t WHERE t.id = entity_id)
        WHEN 'service_account' THEN (SELECT t.council_id FROM service_accounts t WHERE t.id = entity_id)
        WHEN 'contact' THEN (SELECT t.council_id FROM contacts t WHERE t.id = entity_id)
        WHEN 'committee' THEN (SELECT t.council_id FROM committees t WHERE t.id = entity_id)
        WHEN 'review' THEN (SELECT t.council_id FROM reviews t WHERE t.id = entity_id)
        WHEN 'decision' THEN (SELECT t.council_id FROM decisions t WHERE t.id = entity_id)
        WHEN 'recommendation' THEN (SELECT t.council_id FROM recommendations t WHERE t.id = entity_id)
        WHEN 'recommendation_part' THEN (
            SELECT r.council_id FROM recommendation_parts p
            JOIN recommendations r ON r.id = p.recommendation_id WHERE p.id = entity_id)
        WHEN 'action_plan' THEN (SELECT t.council_id FROM action_plans t WHERE t.id = entity_id)
        WHEN 'action' THEN (SELECT t.council_id FROM actions t WHERE t.id = entity_id)
        WHEN 'progress_round' THEN (SELECT t.council_id FROM progress_rounds t WHERE t.id = entity_id)
        WHEN 'progress_entry' THEN (SELECT t.council_id FROM progress_entries t WHERE t.id = entity_id)
        WHEN 'attachment' THEN (SELECT t.council_id FROM attachments t WHERE t.id = entity_id)
        WHEN 'import' THEN (SELECT t.council_id FROM imports t WHERE t.id = entity_id)
        WHEN 'email' THEN (SELECT t.council_id FROM email_outbox t WHERE t.id = entity_id)
        WHEN 'holiday_calendar' THEN (SELECT t.council_id FROM holiday_calendars t WHERE t.id = entity_id)
        -- A council's settings are kept under the council's id.
        WHEN 'council_settings' THEN entity_id
    END;
    IF council IS NULL THEN
        -- A record removed in the same transaction still names its council in its snapshot.
        council := CASE
            WHEN coalesce(after, before) ->> 'council_id' ~* '^[0-9a-f-]{36}$'
                THEN (coalesce(after, before) ->> 'council_id')::uuid
        END;
    END IF;
    IF council IS NULL THEN
        council := nullif(current_setting('scrutiny.council', true), '')::uuid;
    END IF;
    IF council IS NULL AND actor_id IS NOT NULL THEN
        council := CASE actor_kind
            WHEN 'user' THEN (SELECT t.council_id FROM users t WHERE t.id = actor_id)
            WHEN 'service_account' THEN (SELECT t.council_id FROM service_accounts t WHERE t.id = actor_id)
        END;
    END IF;
    RETURN council;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_audit_council(text, uuid, jsonb, jsonb, text, uuid) TO scrutiny_app;

CREATE FUNCTION scrutiny_audit_events_council() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.council_id IS NULL THEN
        NEW.council_id := scrutiny_audit_council(
            NEW.entity_type, NEW.entity_id, NEW.before, NEW.after, NEW.actor_kind, NEW.actor_id);
    END IF;
    RETURN NEW;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_audit_events_council() TO scrutiny_app;

-- The trail so far (migrations run as the owner, unbound: every record is visible).
UPDATE audit_events
SET council_id = scrutiny_audit_council(entity_type, entity_id, before, after, actor_kind, actor_id);

CREATE TRIGGER audit_events_council BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION scrutiny_audit_events_council();

CREATE INDEX audit_events_council_idx ON audit_events (council_id, occurred_at DESC, id DESC);

-- An event without a council (an operator's, or the system's about shared records) is seen only
-- where no council is bound: by operators.
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON audit_events
    USING (scrutiny_council_visible(council_id))
    WITH CHECK (scrutiny_council_visible(council_id));
