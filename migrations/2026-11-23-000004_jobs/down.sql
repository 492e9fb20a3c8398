DROP TABLE email_outbox;
DROP TABLE jobs;
