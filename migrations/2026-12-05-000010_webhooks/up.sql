-- Webhooks: other systems subscribe to the event feed and get each event POSTed to them, signed
-- the Standard Webhooks way, by the jobs worker, retried with exponential backoff for up to three
-- days; every attempt is logged, and a subscription whose deliveries keep failing is disabled and
-- its owner told by email.
CREATE TABLE webhook_subscriptions (
    id uuid PRIMARY KEY,
    -- The council whose events it receives: a council's own subscription, or the council that
    -- manages the subscribing service account (NULL: an operator's, or a partner system managed
    -- by operators, which reads every council it works with).
    council_id uuid REFERENCES organisations (id),
    -- A partner's (or a council's) system subscribing for itself.
    service_account_id uuid REFERENCES service_accounts (id),
    -- The organisation that owns it (the council, or the service account's organisation).
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    description text CHECK (description IS NULL OR length(description) <= 500),
    url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
    -- Empty: every type the owner may see.
    event_types text[] NOT NULL DEFAULT '{}',
    -- "whsec_" + base64 of 32 random bytes; the previous one stays valid for a while after a
    -- rotation (both signatures are sent).
    secret text NOT NULL,
    previous_secret text,
    previous_secret_expires_at timestamptz,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    disabled_reason text,
    disabled_at timestamptz,
    -- Who hears when it is disabled.
    owner_email text NOT NULL CHECK (length(owner_email) BETWEEN 3 AND 320),
    -- Where its reading of the event feed has got to (xid8 as text, and the sequence number).
    cursor_xid text NOT NULL DEFAULT '0',
    cursor_seq bigint NOT NULL DEFAULT 0,
    created_by_kind text NOT NULL,
    created_by_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1
);
CREATE INDEX webhook_subscriptions_council_idx ON webhook_subscriptions (council_id, created_at, id);
CREATE INDEX webhook_subscriptions_account_idx ON webhook_subscriptions (service_account_id, created_at, id);
CREATE INDEX webhook_subscriptions_active_idx ON webhook_subscriptions (id) WHERE status = 'active';

CREATE TABLE webhook_deliveries (
    id uuid PRIMARY KEY,
    subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    council_id uuid REFERENCES organisations (id),
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    -- The body sent: the event as the feed shows it.
    payload jsonb NOT NULL,
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    give_up_at timestamptz NOT NULL,
    last_attempt_at timestamptz,
    last_status integer,
    last_latency_ms integer,
    last_error text,
    delivered_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at DESC, id DESC);

ALTER TABLE webhook_subscriptions ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON webhook_subscriptions
    USING (council_id IS NULL OR scrutiny_council_visible(council_id))
    WITH CHECK (council_id IS NULL OR scrutiny_council_visible(council_id));
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON webhook_deliveries
    USING (council_id IS NULL OR scrutiny_council_visible(council_id))
    WITH CHECK (council_id IS NULL OR scrutiny_council_visible(council_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_subscriptions, webhook_deliveries TO scrutiny_app;

-- A disabled subscription's owner is told by email, through the outbox.
ALTER TABLE email_outbox ADD COLUMN subscription_id uuid REFERENCES webhook_subscriptions (id) ON DELETE SET NULL;
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_purpose_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_purpose_check CHECK (purpose IN (
    'reminder', 'chaser', 'digest', 'milestone_reminder', 'milestone_chaser',
    'response_reminder', 'response_chaser', 'webhook_disabled'));
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_subject_check1;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_subject_check1 CHECK (
    CASE
        WHEN purpose IN ('digest', 'webhook_disabled')
            THEN round_id IS NULL AND milestone_id IS NULL AND response_id IS NULL
        WHEN purpose IN ('milestone_reminder', 'milestone_chaser')
            THEN round_id IS NULL AND milestone_id IS NOT NULL AND response_id IS NULL
        WHEN purpose IN ('response_reminder', 'response_chaser')
            THEN round_id IS NULL AND milestone_id IS NULL AND response_id IS NOT NULL
        ELSE round_id IS NOT NULL AND milestone_id IS NULL AND response_id IS NULL
    END
);
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_notice_key;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_notice_key
    UNIQUE NULLS NOT DISTINCT (purpose, round_id, milestone_id, response_id, subscription_id, recipient, day);
