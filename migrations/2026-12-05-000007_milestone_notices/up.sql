-- Milestone reminders and chasers: the owners of an open action hear before each of its milestones
-- falls due and after it passes, through the same outbox (one email per notice day, however often
-- the scheduler runs) as the progress rounds' reminders.

ALTER TABLE email_outbox ADD COLUMN milestone_id uuid REFERENCES milestones (id);
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_purpose_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_purpose_check
    CHECK (purpose IN ('reminder', 'chaser', 'digest', 'milestone_reminder', 'milestone_chaser'));
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_check1;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_subject_check1 CHECK (
    CASE
        WHEN purpose = 'digest' THEN round_id IS NULL AND milestone_id IS NULL
        WHEN purpose IN ('milestone_reminder', 'milestone_chaser')
            THEN round_id IS NULL AND milestone_id IS NOT NULL
        ELSE round_id IS NOT NULL AND milestone_id IS NULL
    END
);
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_purpose_round_id_recipient_day_key;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_notice_key
    UNIQUE NULLS NOT DISTINCT (purpose, round_id, milestone_id, recipient, day);
