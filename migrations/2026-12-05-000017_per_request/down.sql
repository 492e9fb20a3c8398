DROP TRIGGER organisations_principal_changed ON organisations;
DROP TRIGGER service_accounts_principal_changed ON service_accounts;
DROP TRIGGER users_principal_changed ON users;
DROP FUNCTION scrutiny_principal_changed();
DROP FUNCTION scrutiny_bind(uuid, uuid);
