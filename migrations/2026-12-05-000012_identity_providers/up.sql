-- Sign-in with a council's own identity provider (OpenID Connect, authorization code flow with
-- PKCE). Each council may register providers; people of that council sign in through them, and
-- the provider's groups or claims map to roles. Local accounts stay (partners keep passwords).
CREATE TABLE identity_providers (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    -- What the sign-in button says, e.g. "Stockton-on-Tees Borough Council staff".
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 2000),
    client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 500),
    -- NULL: a public client (PKCE alone). Sent to the provider's token endpoint, so kept as
    -- given; never shown by the API.
    client_secret text CHECK (client_secret IS NULL OR length(client_secret) BETWEEN 1 AND 2000),
    scopes text NOT NULL DEFAULT 'openid email profile',
    -- [{"claim": "groups", "value": "scrutiny-officers", "role": "officer"}, ...]
    role_mappings jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(role_mappings) = 'array'),
    -- Whether a person the council does not know yet gets an account on first sign-in (as a
    -- viewer unless a mapping gives a role).
    create_users boolean NOT NULL DEFAULT false,
    -- When not empty, new accounts only for email addresses in these domains.
    email_domains text[] NOT NULL DEFAULT '{}',
    enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1
);
CREATE INDEX identity_providers_council_idx ON identity_providers (council_id, created_at, id);
CREATE INDEX identity_providers_list_idx ON identity_providers (created_at, id);

ALTER TABLE identity_providers ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON identity_providers
    USING (scrutiny_council_visible(council_id))
    WITH CHECK (scrutiny_council_visible(council_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON identity_providers TO scrutiny_app;

-- Who a provider says a person is: one link per (provider, subject).
ALTER TABLE users
    ADD COLUMN identity_provider_id uuid REFERENCES identity_providers (id) ON DELETE SET NULL,
    ADD COLUMN external_subject text CHECK (external_subject IS NULL OR length(external_subject) BETWEEN 1 AND 255);
CREATE UNIQUE INDEX users_external_subject_key ON users (identity_provider_id, external_subject)
    WHERE identity_provider_id IS NOT NULL;

-- A sign-in under way: the state sent to the provider (only its SHA-256 kept), with the nonce
-- and PKCE verifier to check what comes back. Used once; ten minutes to finish.
CREATE TABLE oidc_logins (
    state_sha256 text PRIMARY KEY,
    provider_id uuid NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
    nonce text NOT NULL,
    code_verifier text NOT NULL,
    redirect_uri text NOT NULL,
    return_to text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_logins_expires_idx ON oidc_logins (expires_at);

-- A finished sign-in waiting for the web app to collect its tokens: the one-time code goes to
-- the browser in the URL's fragment (never sent to a server), only its SHA-256 is kept, and it
-- lives a minute.
CREATE TABLE oidc_handoffs (
    code_sha256 text PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_id uuid NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
    -- Where the web app sends the browser to end the provider's session too.
    logout_url text,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_handoffs_expires_idx ON oidc_handoffs (expires_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON oidc_logins, oidc_handoffs TO scrutiny_app;
