-- Statutory responses to a scrutiny report, and the outcome "referred to full council" of a
-- call-in.
--
-- The law sets who must answer a committee's report and by when: the executive responds to an
-- overview and scrutiny report (in England within two months: Local Government Act 2000,
-- s. 9FE), and each responsible partner authority to a crime and disorder committee's report
-- (within 28 days, or as soon as reasonably possible after: Police and Justice Act 2006, s. 19
-- and its regulations). A council may set other periods; these are the defaults. Each response
-- answers the recommendations put to its responder one by one (accepted, partly accepted, not
-- accepted, with reasons and the action proposed), and is received on a day and published on
-- another.

ALTER TABLE decisions DROP CONSTRAINT decisions_call_in_state_check;
ALTER TABLE decisions ADD CONSTRAINT decisions_call_in_state_check CHECK (call_in_state IN (
    'open', 'expired', 'called_in', 'upheld', 'referred_back', 'referred_to_council'));

ALTER TABLE council_settings
    ADD COLUMN executive_response_amount integer NOT NULL DEFAULT 2
        CHECK (executive_response_amount BETWEEN 1 AND 366),
    ADD COLUMN executive_response_unit text NOT NULL DEFAULT 'months'
        CHECK (executive_response_unit IN ('days', 'months')),
    ADD COLUMN partner_response_amount integer NOT NULL DEFAULT 28
        CHECK (partner_response_amount BETWEEN 1 AND 366),
    ADD COLUMN partner_response_unit text NOT NULL DEFAULT 'days'
        CHECK (partner_response_unit IN ('days', 'months'));

CREATE TABLE statutory_responses (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    review_id uuid NOT NULL REFERENCES reviews (id),
    -- 'executive': the council's executive (organisation_id is the council itself);
    -- 'partner': a responsible partner authority.
    responder_kind text NOT NULL CHECK (responder_kind IN ('executive', 'partner')),
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    -- As the papers name the responder: "Cabinet", "Cleveland Police".
    responder_name text NOT NULL CHECK (length(btrim(responder_name)) BETWEEN 1 AND 200),
    -- The day the responder received the report: the period runs from it.
    report_received_on date NOT NULL,
    due_on date NOT NULL CHECK (due_on >= report_received_on),
    state text NOT NULL DEFAULT 'awaited' CHECK (state IN ('awaited', 'received', 'published')),
    -- The response's covering text (a letter's opening, the portfolio holder's statement).
    summary text,
    received_on date,
    received_by uuid REFERENCES users (id),
    published_on date,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    UNIQUE (review_id, organisation_id),
    CHECK ((responder_kind = 'executive') = (organisation_id = council_id)),
    CHECK (state = 'awaited' OR received_on IS NOT NULL),
    CHECK ((state = 'published') = (published_on IS NOT NULL)),
    CHECK (published_on IS NULL OR published_on >= received_on)
);
CREATE INDEX statutory_responses_review_idx ON statutory_responses (review_id, responder_kind, responder_name, id);
CREATE INDEX statutory_responses_council_idx ON statutory_responses (council_id, due_on, id);
CREATE INDEX statutory_responses_organisation_idx ON statutory_responses (organisation_id, due_on, id);
CREATE INDEX statutory_responses_awaited_idx ON statutory_responses (due_on) WHERE state = 'awaited';

-- The response to each recommendation put to the responder, in the report's order.
CREATE TABLE statutory_response_items (
    response_id uuid NOT NULL REFERENCES statutory_responses (id),
    recommendation_id uuid NOT NULL REFERENCES recommendations (id),
    position integer NOT NULL,
    verdict text CHECK (verdict IN ('accepted', 'partly_accepted', 'not_accepted')),
    reasons text,
    proposed_action text,
    PRIMARY KEY (response_id, recommendation_id)
);
CREATE INDEX statutory_response_items_recommendation_idx ON statutory_response_items (recommendation_id);

ALTER TABLE statutory_responses ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON statutory_responses
    USING (scrutiny_council_visible(council_id))
    WITH CHECK (scrutiny_council_visible(council_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON statutory_responses, statutory_response_items TO scrutiny_app;

-- A partner asked to respond works with the council from then on.
CREATE TRIGGER statutory_responses_partner AFTER INSERT OR UPDATE OF organisation_id
    ON statutory_responses FOR EACH ROW EXECUTE FUNCTION scrutiny_partner_named();

-- Reminders before a response falls due and chasers after, through the same once-only outbox.
ALTER TABLE email_outbox ADD COLUMN response_id uuid REFERENCES statutory_responses (id);
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_purpose_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_purpose_check CHECK (purpose IN (
    'reminder', 'chaser', 'digest', 'milestone_reminder', 'milestone_chaser',
    'response_reminder', 'response_chaser'));
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_subject_check1;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_subject_check1 CHECK (
    CASE
        WHEN purpose = 'digest' THEN round_id IS NULL AND milestone_id IS NULL AND response_id IS NULL
        WHEN purpose IN ('milestone_reminder', 'milestone_chaser')
            THEN round_id IS NULL AND milestone_id IS NOT NULL AND response_id IS NULL
        WHEN purpose IN ('response_reminder', 'response_chaser')
            THEN round_id IS NULL AND milestone_id IS NULL AND response_id IS NOT NULL
        ELSE round_id IS NOT NULL AND milestone_id IS NULL AND response_id IS NULL
    END
);
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_notice_key;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_notice_key
    UNIQUE NULLS NOT DISTINCT (purpose, round_id, milestone_id, response_id, recipient, day);
