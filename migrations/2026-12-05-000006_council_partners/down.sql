DROP TRIGGER action_owners_partner ON action_owners;
DROP TRIGGER progress_entries_partner ON progress_entries;
DROP TRIGGER contacts_partner ON contacts;
DROP TRIGGER users_partner ON users;
DROP TRIGGER service_accounts_partner ON service_accounts;
DROP FUNCTION scrutiny_partner_named();
DROP FUNCTION scrutiny_link_partner(uuid, uuid);
ALTER POLICY council_tenant ON audit_events WITH CHECK (scrutiny_council_visible(council_id));
DROP TABLE council_partners;
CREATE OR REPLACE FUNCTION scrutiny_council_visible(council uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(current_setting('scrutiny.council', true), '') = ''
        OR council = nullif(current_setting('scrutiny.council', true), '')::uuid
$$;
