-- Councils as tenants (docs/domain.md, "Councils and partners").
--
-- Contacts are a council's address book: each belongs to the council that keeps it. A partner's
-- person known to two councils is a contact of each.
-- Users and service accounts are managed by one council (`council_id`): its admins list, change and
-- reset them. NULL: managed by the deployment's operators only (operators themselves, and accounts
-- an operator made outside any council).

ALTER TABLE contacts ADD COLUMN council_id uuid REFERENCES organisations (id);

-- The contact's own organisation when that is a council; else the council of a review that names
-- it (scrutiny or link officer) or of an action it owns; else the only council there is.
UPDATE contacts c SET council_id = o.id
  FROM organisations o WHERE o.id = c.organisation_id AND o.kind = 'council';
UPDATE contacts c SET council_id = (
    SELECT r.council_id FROM reviews r
     WHERE r.scrutiny_officer_id = c.id
        OR r.id IN (SELECT review_id FROM review_link_officers l WHERE l.contact_id = c.id)
     ORDER BY r.created_at LIMIT 1)
 WHERE c.council_id IS NULL;
UPDATE contacts c SET council_id = (
    SELECT a.council_id FROM actions a JOIN action_owners ao ON ao.action_id = a.id
     WHERE ao.contact_id = c.id ORDER BY a.created_at LIMIT 1)
 WHERE c.council_id IS NULL;
UPDATE contacts c SET council_id = (SELECT id FROM organisations WHERE kind = 'council')
 WHERE c.council_id IS NULL AND (SELECT count(*) FROM organisations WHERE kind = 'council') = 1;
-- A contact no council can claim stops the migration here (SET NOT NULL fails) rather than being
-- guessed into a council; an operator assigns it by hand and runs the migration again.
ALTER TABLE contacts ALTER COLUMN council_id SET NOT NULL;

DROP INDEX contacts_user_key;
CREATE UNIQUE INDEX contacts_user_key ON contacts (council_id, user_id) WHERE user_id IS NOT NULL;
DROP INDEX contacts_name_id_idx;
CREATE INDEX contacts_council_name_idx ON contacts (council_id, name, id);

ALTER TABLE users ADD COLUMN council_id uuid REFERENCES organisations (id);
UPDATE users u SET council_id = o.id
  FROM organisations o WHERE o.id = u.organisation_id AND o.kind = 'council';
UPDATE users u SET council_id = (SELECT id FROM organisations WHERE kind = 'council')
 WHERE u.council_id IS NULL AND (SELECT count(*) FROM organisations WHERE kind = 'council') = 1;
CREATE INDEX users_council_name_idx ON users (council_id, name, id);

ALTER TABLE service_accounts ADD COLUMN council_id uuid REFERENCES organisations (id);
UPDATE service_accounts s SET council_id = o.id
  FROM organisations o WHERE o.id = s.organisation_id AND o.kind = 'council';
UPDATE service_accounts s SET council_id = (SELECT id FROM organisations WHERE kind = 'council')
 WHERE s.council_id IS NULL AND (SELECT count(*) FROM organisations WHERE kind = 'council') = 1;
CREATE INDEX service_accounts_council_name_idx ON service_accounts (council_id, name, id);
