-- Calendar feeds (RFC 5545): a person subscribes their calendar to the dates they work to
-- (milestones, round deadlines, committee meetings, call-in deadlines, statutory responses due).
-- Calendar clients cannot send a bearer token, so each feed has an unguessable token in its URL;
-- only its SHA-256 is kept, and a feed is revoked by its owner. A feed shows what its owner may
-- read now: a deactivated owner's feeds answer nothing.
CREATE TABLE calendar_feeds (
    id uuid PRIMARY KEY,
    token_sha256 text NOT NULL UNIQUE,
    -- 'user': what the owner works to; 'organisation': an organisation's (a council's, or a
    -- partner's); 'committee': one committee's reviews.
    kind text NOT NULL CHECK (kind IN ('user', 'organisation', 'committee')),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    user_id uuid NOT NULL REFERENCES users (id),
    council_id uuid REFERENCES organisations (id),
    organisation_id uuid REFERENCES organisations (id),
    committee_id uuid REFERENCES committees (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    last_read_at timestamptz,
    CHECK ((kind = 'committee') = (committee_id IS NOT NULL)),
    CHECK (kind <> 'organisation' OR organisation_id IS NOT NULL)
);
CREATE INDEX calendar_feeds_user_idx ON calendar_feeds (user_id, created_at, id);

ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON calendar_feeds
    USING (council_id IS NULL OR scrutiny_council_visible(council_id))
    WITH CHECK (council_id IS NULL OR scrutiny_council_visible(council_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_feeds TO scrutiny_app;
