-- Column mappings for imports of any spreadsheet: a council names which column of its files is
-- which field (reference, committee, dates, recommendation, action, lead, status, progress …),
-- keeps the mapping as a named profile and reuses it. A tracker's profile also maps its status
-- words to the council's grading scale and its committee acronyms to committees.
CREATE TABLE import_profiles (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    kind text NOT NULL CHECK (kind IN ('action_plan', 'tracker')),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    -- {"columns": [{"heading": "RAG", "field": "status"}, ...], "header_row": 2}
    mapping jsonb NOT NULL CHECK (jsonb_typeof(mapping) = 'object'),
    -- [{"value": "Green", "grade": "1"}, ...]: a status word (compared loosely) to a grade code.
    statuses jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(statuses) = 'array'),
    -- [{"value": "CSC", "committee_id": "…"}, ...]: how the file names a committee.
    committees jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(committees) = 'array'),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX import_profiles_name_key ON import_profiles (council_id, kind, lower(btrim(name)));
CREATE INDEX import_profiles_list_idx ON import_profiles (council_id, created_at, id);
CREATE INDEX import_profiles_all_idx ON import_profiles (created_at, id);

ALTER TABLE import_profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON import_profiles
    USING (scrutiny_council_visible(council_id))
    WITH CHECK (scrutiny_council_visible(council_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON import_profiles TO scrutiny_app;

-- The council's own reference for a review (a municipal-year code such as "2024/25-03"): how a
-- tracker names the review across years. Unique within the council, compared without case.
ALTER TABLE reviews ADD COLUMN reference text
    CHECK (reference IS NULL OR length(btrim(reference)) BETWEEN 1 AND 100);
CREATE UNIQUE INDEX reviews_reference_key ON reviews (council_id, lower(btrim(reference)))
    WHERE reference IS NOT NULL;

-- A tracker import spans reviews: it belongs to the council, not to one review.
ALTER TABLE imports ALTER COLUMN review_id DROP NOT NULL;
ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
ALTER TABLE imports ADD CONSTRAINT imports_kind_check
    CHECK (kind IN ('action_plan', 'progress_update', 'tracker'));
ALTER TABLE imports ADD CONSTRAINT imports_tracker_council_check
    CHECK ((kind = 'tracker') = (review_id IS NULL));
ALTER TABLE imports ADD COLUMN profile_id uuid REFERENCES import_profiles (id) ON DELETE SET NULL;
-- The same tracker file is committed once per council.
CREATE UNIQUE INDEX imports_tracker_committed_once_idx ON imports (council_id, kind, file_sha256)
    WHERE state = 'committed' AND review_id IS NULL;
