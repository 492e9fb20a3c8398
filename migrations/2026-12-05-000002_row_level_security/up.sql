-- Row-level security: PostgreSQL keeps each council's records to that council even if an
-- application query forgets its filter (docs/architecture.md, "Tenancy").
--
-- The application works as the role `scrutiny_app` (not a superuser, no BYPASSRLS, owns nothing):
-- every pooled connection runs `SET ROLE scrutiny_app` (SCRUTINY_DATABASE_ROLE), so these policies
-- apply to it, while migrations run as the tables' owner. Each request of a council's staff or
-- viewer sets `scrutiny.council` to its council on its connection; the pool resets it to '' when a
-- connection is handed out again. '' (partners, operators, the system's jobs) applies no council
-- bound: partners are bounded by what their organisation is responsible for, in the application.

DO $$
BEGIN
    CREATE ROLE scrutiny_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
EXCEPTION
    -- Roles belong to the whole cluster: another database (or a concurrent migration) made it.
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO scrutiny_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO scrutiny_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO scrutiny_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO scrutiny_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO scrutiny_app;

-- Whether a row of `council` is visible to the current request: every row when no council is
-- set, else only that council's. Inlined by the planner, so `council_id = …` can use indexes.
CREATE FUNCTION scrutiny_council_visible(council uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(current_setting('scrutiny.council', true), '') = ''
        OR council = nullif(current_setting('scrutiny.council', true), '')::uuid
$$;
GRANT EXECUTE ON FUNCTION scrutiny_council_visible(uuid) TO scrutiny_app;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'council_settings', 'committees', 'contacts', 'reviews', 'recommendations', 'decisions',
        'action_plans', 'actions', 'progress_rounds', 'progress_entries', 'attachments',
        'email_outbox', 'imports'
    ] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY council_tenant ON %I USING (scrutiny_council_visible(council_id)) '
            'WITH CHECK (scrutiny_council_visible(council_id))', t);
    END LOOP;
END
$$;

-- Accounts carry the council that manages them (none: the operators'). A council's people see
-- their own council's accounts and the operators'; sign-in and token checks run unbound.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'service_accounts'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY council_tenant ON %I '
            'USING (council_id IS NULL OR scrutiny_council_visible(council_id)) '
            'WITH CHECK (council_id IS NULL OR scrutiny_council_visible(council_id))', t);
    END LOOP;
END
$$;
