DELETE FROM email_outbox WHERE milestone_id IS NOT NULL;
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_notice_key;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_purpose_round_id_recipient_day_key
    UNIQUE NULLS NOT DISTINCT (purpose, round_id, recipient, day);
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_subject_check1;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_check1
    CHECK ((purpose = 'digest') = (round_id IS NULL));
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_purpose_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_purpose_check
    CHECK (purpose IN ('reminder', 'chaser', 'digest'));
ALTER TABLE email_outbox DROP COLUMN milestone_id;
