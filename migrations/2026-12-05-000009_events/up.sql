-- The event feed: a transactional outbox of typed events ("progress_entry.submitted",
-- "decision.call_in_expired", ...), written by the use cases in the transaction of the change
-- they describe, read by other council systems in commit order (docs/architecture.md, "Events").
--
-- Commit order without gaps: each event carries the id of the transaction that wrote it
-- (`xid`) and a sequence number (`seq`). The feed only returns events whose transaction is older
-- than the oldest transaction still running (`pg_snapshot_xmin(pg_current_snapshot())`): every
-- transaction before that point has committed or aborted, so no event can later appear before a
-- cursor already handed out. The cursor is (xid, seq): stable, never a timestamp.

CREATE SEQUENCE events_seq;

CREATE TABLE events (
    id uuid PRIMARY KEY,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    seq bigint NOT NULL DEFAULT nextval('events_seq'),
    -- "progress_entry.submitted"
    type text NOT NULL CHECK (type ~ '^[a-z_]+\.[a-z_]+$'),
    council_id uuid REFERENCES organisations (id),
    review_id uuid,
    -- The partner the event concerns (its entry, its response), when one does.
    organisation_id uuid,
    -- What viewers may read (published records): true; otherwise staff and the partner concerned.
    public boolean NOT NULL DEFAULT false,
    subject_type text NOT NULL,
    subject_id uuid NOT NULL,
    time timestamptz NOT NULL DEFAULT now(),
    actor_kind text NOT NULL,
    actor_name text NOT NULL,
    data jsonb NOT NULL
);
CREATE INDEX events_feed_idx ON events (xid, seq);
CREATE INDEX events_council_feed_idx ON events (council_id, xid, seq);
CREATE INDEX events_organisation_feed_idx ON events (organisation_id, xid, seq) WHERE organisation_id IS NOT NULL;
CREATE INDEX events_review_feed_idx ON events (review_id, xid, seq) WHERE review_id IS NOT NULL;

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON events
    USING (council_id IS NULL OR scrutiny_council_visible(council_id))
    WITH CHECK (council_id IS NULL OR scrutiny_council_visible(council_id));
GRANT SELECT, INSERT ON events TO scrutiny_app;
GRANT USAGE ON SEQUENCE events_seq TO scrutiny_app;
