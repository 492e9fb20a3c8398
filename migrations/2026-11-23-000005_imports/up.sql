-- Imports of action plans (text copied out of Word tables, CSV, XLSX) and progress updates: what
-- was sent (its SHA-256, name, format), what was read (the report of every row rejected, guessed
-- at or skipped), and what a commit created. A file is committed once per review and kind: the
-- same file again changes nothing.
CREATE TABLE imports (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    review_id uuid NOT NULL REFERENCES reviews (id),
    -- The round a progress update was imported into.
    round_id uuid REFERENCES progress_rounds (id),
    kind text NOT NULL CHECK (kind IN ('action_plan', 'progress_update')),
    format text NOT NULL CHECK (format IN ('text', 'csv', 'xlsx')),
    file_name text CHECK (file_name IS NULL OR length(btrim(file_name)) BETWEEN 1 AND 255),
    file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
    state text NOT NULL CHECK (state IN ('dry_run', 'committed')),
    -- Whether rejected rows were skipped (committed) or would be (dry run).
    skip_invalid boolean NOT NULL DEFAULT false,
    rows_read integer NOT NULL DEFAULT 0,
    rows_rejected integer NOT NULL DEFAULT 0,
    report jsonb NOT NULL,
    -- What a commit created or filled in: ids by kind of record.
    result jsonb,
    created_by text NOT NULL,
    created_by_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'progress_update') = (round_id IS NOT NULL)),
    CHECK (state = 'committed' OR result IS NULL)
);
-- The same file is committed once per review and kind.
CREATE UNIQUE INDEX imports_committed_once_idx ON imports (review_id, kind, file_sha256)
    WHERE state = 'committed';
CREATE INDEX imports_review_idx ON imports (review_id, created_at, id);
CREATE INDEX imports_council_idx ON imports (council_id, created_at, id);
