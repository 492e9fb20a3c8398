DELETE FROM email_outbox WHERE response_id IS NOT NULL;
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_notice_key;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_notice_key
    UNIQUE NULLS NOT DISTINCT (purpose, round_id, milestone_id, recipient, day);
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_subject_check1;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_subject_check1 CHECK (
    CASE
        WHEN purpose = 'digest' THEN round_id IS NULL AND milestone_id IS NULL
        WHEN purpose IN ('milestone_reminder', 'milestone_chaser')
            THEN round_id IS NULL AND milestone_id IS NOT NULL
        ELSE round_id IS NOT NULL AND milestone_id IS NULL
    END
);
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_purpose_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_purpose_check
    CHECK (purpose IN ('reminder', 'chaser', 'digest', 'milestone_reminder', 'milestone_chaser'));
ALTER TABLE email_outbox DROP COLUMN response_id;
DROP TABLE statutory_response_items;
DROP TABLE statutory_responses;
ALTER TABLE council_settings
    DROP COLUMN executive_response_amount,
    DROP COLUMN executive_response_unit,
    DROP COLUMN partner_response_amount,
    DROP COLUMN partner_response_unit;
UPDATE decisions SET call_in_state = 'called_in' WHERE call_in_state = 'referred_to_council';
ALTER TABLE decisions DROP CONSTRAINT decisions_call_in_state_check;
ALTER TABLE decisions ADD CONSTRAINT decisions_call_in_state_check CHECK (call_in_state IN (
    'open', 'expired', 'called_in', 'upheld', 'referred_back'));
