DROP POLICY council_tenant ON holiday_calendars;
ALTER TABLE holiday_calendars DISABLE ROW LEVEL SECURITY;
ALTER TABLE holiday_calendars DROP CONSTRAINT holiday_calendars_name_key;
ALTER TABLE holiday_calendars DROP COLUMN council_id;
ALTER TABLE holiday_calendars ADD CONSTRAINT holiday_calendars_name_key UNIQUE (name);
