DROP TABLE audit_events;
DROP TABLE refresh_tokens;
DROP TABLE service_accounts;
DROP TABLE contacts;
DROP TABLE users;
DROP TABLE organisations;
