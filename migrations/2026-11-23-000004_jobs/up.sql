-- Background jobs persisted in PostgreSQL, and the outbox of emails they produce.

-- One unit of background work. Workers claim due jobs with FOR UPDATE SKIP LOCKED and hold a
-- lease (locked_until): a job whose worker died is claimed again once its lease has expired.
CREATE TABLE jobs (
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (length(btrim(kind)) BETWEEN 1 AND 100),
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- The same job is never created twice: enqueueing an existing key does nothing.
    unique_key text NOT NULL UNIQUE CHECK (length(unique_key) BETWEEN 1 AND 500),
    run_at timestamptz NOT NULL DEFAULT now(),
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
    -- Attempts started so far (counted when claimed).
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL DEFAULT 10 CHECK (max_attempts BETWEEN 1 AND 100),
    locked_until timestamptz,
    locked_by text,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    CHECK ((state = 'running') = (locked_until IS NOT NULL))
);
-- Due work: pending jobs by when they may run, and running jobs by when their lease ends.
CREATE INDEX jobs_due_idx ON jobs (run_at, id) WHERE state = 'pending';
CREATE INDEX jobs_lease_idx ON jobs (locked_until, id) WHERE state = 'running';
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE state IN ('done', 'failed');

-- One email to one recipient. The unique key means a reminder, chaser or digest is never
-- queued (so never sent) twice, whatever the worker does. The sender locks a row, sends it and
-- marks it sent in the same transaction.
CREATE TABLE email_outbox (
    id uuid PRIMARY KEY,
    purpose text NOT NULL CHECK (purpose IN ('reminder', 'chaser', 'digest')),
    council_id uuid NOT NULL REFERENCES organisations (id),
    -- The round a reminder or chaser is about; NULL for a digest.
    round_id uuid REFERENCES progress_rounds (id),
    -- The organisation that owes the entries; NULL for a digest.
    organisation_id uuid REFERENCES organisations (id),
    recipient text NOT NULL CHECK (length(btrim(recipient)) BETWEEN 3 AND 320),
    recipient_name text,
    recipient_user_id uuid REFERENCES users (id),
    -- The day the notice is for: the reminder day, the chaser day, the digest's week (Monday).
    day date NOT NULL,
    subject text NOT NULL CHECK (length(btrim(subject)) BETWEEN 1 AND 300),
    text_body text NOT NULL,
    html_body text NOT NULL,
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL DEFAULT 10 CHECK (max_attempts BETWEEN 1 AND 100),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    message_id text,
    sent_at timestamptz,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (purpose, round_id, recipient, day),
    CHECK ((state = 'sent') = (sent_at IS NOT NULL)),
    CHECK ((purpose = 'digest') = (round_id IS NULL))
);
CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX email_outbox_round_idx ON email_outbox (round_id, organisation_id);
CREATE INDEX email_outbox_recipient_idx ON email_outbox (recipient, created_at DESC);
