-- Which partners work with which council, and row-level security for partners.
--
-- A partner organisation (police, fire, health) is shared: it works with several councils. The
-- link is kept here, by triggers, whenever a council's records name the partner (an action it
-- owns, an entry it reports, a contact or an account of it that the council keeps). A partner's
-- requests are bound to the councils it works with (`scrutiny.councils`, set per request by the
-- application layer), so that PostgreSQL shows it no other council's rows whatever a query asks;
-- within those councils, the application shows it what its organisation is responsible for.

CREATE TABLE council_partners (
    partner_id uuid NOT NULL REFERENCES organisations (id),
    council_id uuid NOT NULL REFERENCES organisations (id),
    since timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, council_id)
);
CREATE INDEX council_partners_council_idx ON council_partners (council_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON council_partners TO scrutiny_app;

-- Visible: every row when the connection is bound to nothing; the one council's rows when bound
-- to a council (`scrutiny.council`: its staff); the linked councils' rows when bound to a
-- partner's councils (`scrutiny.councils`, comma-separated).
CREATE OR REPLACE FUNCTION scrutiny_council_visible(council uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN coalesce(current_setting('scrutiny.council', true), '') <> ''
            THEN council = current_setting('scrutiny.council', true)::uuid
        WHEN coalesce(current_setting('scrutiny.councils', true), '') <> ''
            THEN council = ANY (string_to_array(current_setting('scrutiny.councils', true), ',')::uuid[])
        ELSE true
    END
$$;

ALTER TABLE council_partners ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON council_partners
    USING (scrutiny_council_visible(council_id))
    WITH CHECK (scrutiny_council_visible(council_id));

-- An event without a council (a partner's about its own operator-managed account, say) may be
-- written by anyone; it is read where no council is bound (operators) only.
ALTER POLICY council_tenant ON audit_events
    WITH CHECK (council_id IS NULL OR scrutiny_council_visible(council_id));

-- Links `organisation` to `council` when it is a partner (not a council) and both are known.
CREATE FUNCTION scrutiny_link_partner(council uuid, organisation uuid) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO council_partners (partner_id, council_id)
    SELECT o.id, council FROM organisations o
     WHERE o.id = organisation AND o.kind <> 'council' AND council IS NOT NULL
    ON CONFLICT DO NOTHING
$$;
GRANT EXECUTE ON FUNCTION scrutiny_link_partner(uuid, uuid) TO scrutiny_app;

CREATE FUNCTION scrutiny_partner_named() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    CASE TG_TABLE_NAME
        WHEN 'action_owners' THEN
            PERFORM scrutiny_link_partner(
                (SELECT a.council_id FROM actions a WHERE a.id = NEW.action_id),
                coalesce(NEW.organisation_id,
                         (SELECT c.organisation_id FROM contacts c WHERE c.id = NEW.contact_id)));
        ELSE
            -- An update that leaves the names alone (an autosave) costs nothing more.
            IF TG_OP = 'UPDATE' AND (NEW.council_id, NEW.organisation_id)
                IS NOT DISTINCT FROM (OLD.council_id, OLD.organisation_id) THEN
                RETURN NULL;
            END IF;
            PERFORM scrutiny_link_partner(NEW.council_id, NEW.organisation_id);
    END CASE;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_partner_named() TO scrutiny_app;

CREATE TRIGGER action_owners_partner AFTER INSERT OR UPDATE OF organisation_id, contact_id
    ON action_owners FOR EACH ROW EXECUTE FUNCTION scrutiny_partner_named();
CREATE TRIGGER progress_entries_partner AFTER INSERT OR UPDATE OF organisation_id
    ON progress_entries FOR EACH ROW EXECUTE FUNCTION scrutiny_partner_named();
CREATE TRIGGER contacts_partner AFTER INSERT OR UPDATE OF organisation_id
    ON contacts FOR EACH ROW EXECUTE FUNCTION scrutiny_partner_named();
CREATE TRIGGER users_partner AFTER INSERT OR UPDATE OF organisation_id, council_id
    ON users FOR EACH ROW EXECUTE FUNCTION scrutiny_partner_named();
CREATE TRIGGER service_accounts_partner AFTER INSERT OR UPDATE OF organisation_id, council_id
    ON service_accounts FOR EACH ROW EXECUTE FUNCTION scrutiny_partner_named();

-- The links so far.
SELECT scrutiny_link_partner(a.council_id, coalesce(o.organisation_id, c.organisation_id))
  FROM action_owners o JOIN actions a ON a.id = o.action_id
  LEFT JOIN contacts c ON c.id = o.contact_id;
SELECT scrutiny_link_partner(council_id, organisation_id) FROM progress_entries;
SELECT scrutiny_link_partner(council_id, organisation_id) FROM contacts;
SELECT scrutiny_link_partner(council_id, organisation_id) FROM users;
SELECT scrutiny_link_partner(council_id, organisation_id) FROM service_accounts;
