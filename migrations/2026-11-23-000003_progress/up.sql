-- Progress monitoring: rounds, entries (per recommendation, optionally per part) with the three
-- grades and the submission workflow, key figures, attachments, and the idempotency keys that
-- partners' systems send with their POSTs.

-- The council's grading scale (NULL: the default 1–4 scale) and when reminders go out.
ALTER TABLE council_settings
    ADD COLUMN grade_scale jsonb,
    ADD COLUMN reminder_days_before integer NOT NULL DEFAULT 14 CHECK (reminder_days_before BETWEEN 0 AND 90),
    ADD COLUMN chaser_interval_days integer NOT NULL DEFAULT 7 CHECK (chaser_interval_days BETWEEN 1 AND 90);

-- One monitoring update of one review ("November 2022"), going to one committee meeting.
CREATE TABLE progress_rounds (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    review_id uuid NOT NULL REFERENCES reviews (id),
    committee_id uuid NOT NULL REFERENCES committees (id),
    -- 1 for the first round of the review.
    sequence integer NOT NULL CHECK (sequence >= 1),
    label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 200),
    meeting_date date,
    deadline date NOT NULL,
    -- open: partners report and officers assess; closed: the committee has dealt with it.
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    minute_reference text,
    closed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    UNIQUE (review_id, sequence)
);
-- One open round per review at a time.
CREATE UNIQUE INDEX progress_rounds_one_open_idx ON progress_rounds (review_id) WHERE status = 'open';
CREATE INDEX progress_rounds_council_deadline_idx ON progress_rounds (council_id, deadline, id);
CREATE INDEX progress_rounds_committee_idx ON progress_rounds (committee_id, deadline, id);
CREATE INDEX progress_rounds_open_deadline_idx ON progress_rounds (deadline, id) WHERE status = 'open';

-- A partner's report on one recommendation (part_id NULL) or one of its parts, in one round.
CREATE TABLE progress_entries (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    review_id uuid NOT NULL REFERENCES reviews (id),
    round_id uuid NOT NULL REFERENCES progress_rounds (id),
    recommendation_id uuid NOT NULL REFERENCES recommendations (id),
    part_id uuid REFERENCES recommendation_parts (id),
    -- The organisation that reports (its contributors edit the draft); NULL: the council itself.
    organisation_id uuid REFERENCES organisations (id),
    state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'validated', 'accepted')),
    -- Evidence of progress, Markdown.
    progress text,
    proposed_grade text,
    proposed_explanation text,
    impact_kind text NOT NULL DEFAULT 'not_recorded' CHECK (impact_kind IN ('evidence', 'none_undertaken', 'not_recorded')),
    impact_text text,
    officer_grade text,
    officer_reason text,
    -- The officer's override of the suggested grade (the worst of the parts' grades), and why.
    override_reason text,
    accepted_grade text,
    accepted_meeting_date date,
    minute_reference text,
    -- The latest comments of a return.
    return_comments text,
    written_by text,
    written_at timestamptz,
    submitted_by text,
    submitted_at timestamptz,
    validated_by text,
    validated_at timestamptz,
    accepted_by text,
    accepted_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    UNIQUE NULLS NOT DISTINCT (round_id, recommendation_id, part_id),
    CHECK ((impact_kind = 'evidence') = (impact_text IS NOT NULL))
);
CREATE INDEX progress_entries_round_idx ON progress_entries (round_id, recommendation_id, part_id);
CREATE INDEX progress_entries_recommendation_idx ON progress_entries (recommendation_id, created_at DESC);
-- A partner's inbox (what it owes) and work in the responsible scope.
CREATE INDEX progress_entries_organisation_state_idx ON progress_entries (organisation_id, state, round_id);
-- An officer's queue and the dashboards.
CREATE INDEX progress_entries_council_state_idx ON progress_entries (council_id, state, updated_at, id);
CREATE INDEX progress_entries_review_idx ON progress_entries (review_id, round_id);

-- Figures quoted in the evidence: "VCOP compliance 95.2 % (Northside officers)".
CREATE TABLE progress_key_figures (
    entry_id uuid NOT NULL REFERENCES progress_entries (id),
    position integer NOT NULL,
    label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 200),
    -- As written, without thousands separators: '95.2', '100'.
    value text NOT NULL CHECK (value ~ '^-?[0-9]+(\.[0-9]+)?$'),
    unit text,
    scope text,
    as_of date,
    PRIMARY KEY (entry_id, position)
);

-- Files attached to an entry ("Appendix 2"). The bytes are in attachment_blobs or on disk
-- (storage says which); nothing is deleted silently: a withdrawn attachment keeps its reason.
CREATE TABLE attachments (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    entry_id uuid NOT NULL REFERENCES progress_entries (id),
    file_name text NOT NULL CHECK (length(btrim(file_name)) BETWEEN 1 AND 255),
    title text,
    content_type text NOT NULL,
    size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    storage text NOT NULL CHECK (storage IN ('database', 'disk')),
    uploaded_by text NOT NULL,
    uploaded_by_id uuid,
    withdrawn_at timestamptz,
    withdrawn_reason text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL))
);
CREATE INDEX attachments_entry_idx ON attachments (entry_id, created_at, id);

CREATE TABLE attachment_blobs (
    attachment_id uuid PRIMARY KEY REFERENCES attachments (id),
    content bytea NOT NULL
);

-- Idempotency-Key: the first response to a POST, replayed for the same key and body.
CREATE TABLE idempotency_keys (
    principal_id uuid NOT NULL,
    key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    method text NOT NULL,
    path text NOT NULL,
    request_hash text NOT NULL,
    -- NULL while the first request is still being handled.
    status integer,
    content_type text,
    location text,
    body bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    PRIMARY KEY (principal_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
