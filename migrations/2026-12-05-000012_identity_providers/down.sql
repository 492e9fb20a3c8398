DROP TABLE oidc_handoffs;
DROP TABLE oidc_logins;
DROP INDEX users_external_subject_key;
ALTER TABLE users DROP COLUMN external_subject, DROP COLUMN identity_provider_id;
DROP TABLE identity_providers;
