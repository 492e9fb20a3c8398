-- Working-day calendars are national (no council: the bank holidays of England and Wales, of
-- Scotland, ...), kept by the deployment's operator and used by every council, or local to one
-- council (its own closure days on top of the bank holidays), kept by that council's admins and
-- seen by its people only.

ALTER TABLE holiday_calendars ADD COLUMN council_id uuid REFERENCES organisations (id);
ALTER TABLE holiday_calendars DROP CONSTRAINT holiday_calendars_name_key;
ALTER TABLE holiday_calendars
    ADD CONSTRAINT holiday_calendars_name_key UNIQUE NULLS NOT DISTINCT (council_id, name);

ALTER TABLE holiday_calendars ENABLE ROW LEVEL SECURITY;
-- A council's people see the national calendars and their own; they change only their own.
CREATE POLICY council_tenant ON holiday_calendars
    USING (council_id IS NULL OR scrutiny_council_visible(council_id))
    WITH CHECK (scrutiny_council_visible(council_id));

-- A local calendar's events are its council's (the function of the migration `audit_council`,
-- with calendars).
CREATE OR REPLACE FUNCTION scrutiny_audit_council(
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
