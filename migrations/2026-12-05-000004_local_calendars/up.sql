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
