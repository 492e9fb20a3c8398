DELETE FROM email_outbox WHERE purpose = 'webhook_disabled';
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
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_purpose_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_purpose_check CHECK (purpose IN (
    'reminder', 'chaser', 'digest', 'milestone_reminder', 'milestone_chaser',
    'response_reminder', 'response_chaser'));
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_notice_key;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_notice_key
    UNIQUE NULLS NOT DISTINCT (purpose, round_id, milestone_id, response_id, recipient, day);
ALTER TABLE email_outbox DROP COLUMN subscription_id;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_subscriptions;
