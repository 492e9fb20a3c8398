DROP POLICY council_tenant ON users;
ALTER TABLE users DISABLE ROW LEVEL SECURITY;
DROP POLICY council_tenant ON service_accounts;
ALTER TABLE service_accounts DISABLE ROW LEVEL SECURITY;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'council_settings', 'committees', 'contacts', 'reviews', 'recommendations', 'decisions',
        'action_plans', 'actions', 'progress_rounds', 'progress_entries', 'attachments',
        'email_outbox', 'imports'
    ] LOOP
        EXECUTE format('DROP POLICY council_tenant ON %I', t);
        EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
    END LOOP;
END
$$;
DROP FUNCTION scrutiny_council_visible(uuid);
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM scrutiny_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    REVOKE USAGE, SELECT, UPDATE ON SEQUENCES FROM scrutiny_app;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM scrutiny_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM scrutiny_app;
REVOKE USAGE ON SCHEMA public FROM scrutiny_app;
