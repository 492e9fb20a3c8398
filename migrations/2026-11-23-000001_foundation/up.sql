-- Foundation: organisations (councils and partners), people, credentials and the audit trail.
CREATE TABLE organisations (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    kind text NOT NULL CHECK (kind IN ('council', 'police', 'fire', 'health', 'probation', 'other')),
    responsible_authority boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name));
CREATE INDEX organisations_kind_idx ON organisations (kind, name, id);
CREATE INDEX organisations_name_id_idx ON organisations (name, id);

CREATE TABLE users (
    id uuid PRIMARY KEY,
    email text NOT NULL CHECK (email = lower(email)),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    role text NOT NULL CHECK (role IN ('admin', 'officer', 'contributor', 'viewer')),
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    active boolean NOT NULL DEFAULT true,
    password_hash text NOT NULL,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_organisation_idx ON users (organisation_id, name, id);
CREATE INDEX users_role_idx ON users (role, name, id);
CREATE INDEX users_name_id_idx ON users (name, id);

CREATE TABLE contacts (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    job_title text,
    email text CHECK (email IS NULL OR email = lower(email)),
    phone text,
    organisation_id uuid REFERENCES organisations (id),
    user_id uuid REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX contacts_user_key ON contacts (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX contacts_organisation_idx ON contacts (organisation_id, name, id);
CREATE INDEX contacts_name_id_idx ON contacts (name, id);

CREATE TABLE service_accounts (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    client_id text NOT NULL UNIQUE,
    secret_hash text NOT NULL,
    role text NOT NULL CHECK (role IN ('officer', 'contributor', 'viewer')),
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    active boolean NOT NULL DEFAULT true,
    secret_rotated_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1
);
CREATE INDEX service_accounts_organisation_idx ON service_accounts (organisation_id, name, id);
CREATE INDEX service_accounts_name_id_idx ON service_accounts (name, id);

-- Refresh tokens rotate: each use replaces the token with a new one of the same family.
-- Presenting a rotated token again revokes the whole family (token theft detection).
CREATE TABLE refresh_tokens (
    id uuid PRIMARY KEY,
    family_id uuid NOT NULL,
    user_id uuid NOT NULL REFERENCES users (id),
    token_hash bytea NOT NULL UNIQUE,
    issued_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    rotated_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- Every write, in the same transaction as the write.
CREATE TABLE audit_events (
    id uuid PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'service_account', 'system')),
    actor_id uuid,
    actor_name text NOT NULL,
    action text NOT NULL,
    entity_type text NOT NULL,
    entity_id uuid NOT NULL,
    before jsonb,
    after jsonb,
    request_id text
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_time_idx ON audit_events (occurred_at DESC, id DESC);
CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at DESC, id DESC);
