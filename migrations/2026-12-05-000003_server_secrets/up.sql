-- Secrets the server makes for itself when none is configured (outside production): the token
-- signing key, generated at random on first start and kept here so that every instance and
-- restart signs and checks with the same one. No secret is ever written in the source.
CREATE TABLE server_secrets (
    name text PRIMARY KEY,
    value text NOT NULL CHECK (length(value) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);
