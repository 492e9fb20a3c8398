DROP INDEX service_accounts_council_name_idx;
ALTER TABLE service_accounts DROP COLUMN council_id;
DROP INDEX users_council_name_idx;
ALTER TABLE users DROP COLUMN council_id;
DROP INDEX contacts_council_name_idx;
DROP INDEX contacts_user_key;
CREATE INDEX contacts_name_id_idx ON contacts (name, id);
CREATE UNIQUE INDEX contacts_user_key ON contacts (user_id) WHERE user_id IS NOT NULL;
ALTER TABLE contacts DROP COLUMN council_id;
