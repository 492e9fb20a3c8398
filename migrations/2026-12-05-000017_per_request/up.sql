-- Binding a connection for row-level security in one statement, whatever it was bound to before:
-- the council (`scrutiny.council`, a council's people), the councils a partner works with
-- (`scrutiny.councils`), or neither (operators, the system, authentication). Both settings are
-- written every time, so the pool need not reset a connection (one more round trip) whenever it
-- hands it out again (docs/benchmarks.md, "Per-request cost"). As the owner, so that what the
-- connection was bound to before hides neither the partner's councils nor the council's settings.
-- Returns the council's time zone (NULL without settings of its own, or when not a council).
CREATE FUNCTION scrutiny_bind(council uuid, partner uuid) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    zone text;
BEGIN
    PERFORM set_config('scrutiny.council', coalesce(council::text, ''), false);
    PERFORM set_config('scrutiny.councils', CASE
        WHEN partner IS NULL THEN ''
        -- A partner that works with no council yet is bound to none: it sees no council's rows.
        ELSE coalesce((SELECT string_agg(cp.council_id::text, ',')
                         FROM council_partners cp WHERE cp.partner_id = partner),
                      '00000000-0000-0000-0000-000000000000')
        END, false);
    IF council IS NOT NULL THEN
        SELECT s.time_zone INTO zone FROM council_settings s WHERE s.council_id = council;
    END IF;
    RETURN zone;
END
$$;
REVOKE ALL ON FUNCTION scrutiny_bind(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scrutiny_bind(uuid, uuid) TO scrutiny_app;

-- Every change to an account, a service account or an organisation is announced on the channel
-- `scrutiny_principals` (the id, or `*` for an organisation: its people's principals), so that
-- the servers that keep principals for a while forget them when the transaction commits
-- (crates/api/src/auth/cache.rs).
CREATE FUNCTION scrutiny_principal_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('scrutiny_principals',
                      CASE WHEN TG_TABLE_NAME = 'organisations' THEN '*' ELSE OLD.id::text END);
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_principal_changed() TO scrutiny_app;
CREATE TRIGGER users_principal_changed AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION scrutiny_principal_changed();
CREATE TRIGGER service_accounts_principal_changed AFTER UPDATE OR DELETE ON service_accounts
    FOR EACH ROW EXECUTE FUNCTION scrutiny_principal_changed();
CREATE TRIGGER organisations_principal_changed AFTER UPDATE OF kind OR DELETE ON organisations
    FOR EACH ROW EXECUTE FUNCTION scrutiny_principal_changed();
