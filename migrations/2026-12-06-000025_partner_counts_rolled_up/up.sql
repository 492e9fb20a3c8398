-- A partner's dashboard counts by committee and the reviews it shows, read from counts kept per
-- organisation and committee and per organisation and review, so that the dashboard reads a few
-- rows per committee and its first reviews from an index, whatever the number of reviews the
-- partner reports on (docs/benchmarks.md, "Dashboards"). Before, it read every count row of the
-- partner (a few per review) to count them by committee and to rank its reviews.
--
-- Both are kept from organisation_entry_counts (migration `organisation_counts`) by a statement
-- trigger on it, in the transaction of the change, in the same way: each statement adds what it
-- brought into a group and takes away what it took out, a group at zero keeps its row (readers
-- skip it), and the rows are taken in one order.

-- (1) Per organisation and committee: the latest entries by state and current grade.
CREATE TABLE organisation_committee_counts (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    accepted boolean NOT NULL,
    committee_id uuid NOT NULL,
    council_id uuid NOT NULL REFERENCES organisations (id),
    state text NOT NULL,
    grade text,
    count bigint NOT NULL,
    UNIQUE NULLS NOT DISTINCT (organisation_id, accepted, committee_id, state, grade)
);

-- (2) Per organisation and review: how many of its latest entries are not yet accepted, and how
-- many there are; the dashboard shows the reviews with the most not yet accepted (then the most
-- entries), read in that order from the index.
CREATE TABLE organisation_review_totals (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    accepted boolean NOT NULL,
    review_id uuid NOT NULL,
    council_id uuid NOT NULL REFERENCES organisations (id),
    open bigint NOT NULL,
    total bigint NOT NULL,
    PRIMARY KEY (organisation_id, accepted, review_id)
);
CREATE INDEX organisation_review_totals_rank_idx
    ON organisation_review_totals (organisation_id, accepted, open DESC, total DESC, review_id)
    INCLUDE (council_id) WHERE total > 0;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['organisation_committee_counts', 'organisation_review_totals'] LOOP
        EXECUTE format('GRANT SELECT ON %I TO scrutiny_app', t);
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY council_tenant ON %I '
            'USING (CASE WHEN (SELECT scrutiny_visible_councils()) IS NULL THEN true '
            'ELSE council_id = ANY ((SELECT scrutiny_visible_councils())::uuid[]) END) '
            'WITH CHECK (CASE WHEN (SELECT scrutiny_visible_councils()) IS NULL THEN true '
            'ELSE council_id = ANY ((SELECT scrutiny_visible_councils())::uuid[]) END)', t);
    END LOOP;
END
$$;

-- Count rows written: what each row gained or lost, added to its committee's and its review's.
-- (A count row's key never changes: only its count does.)
CREATE FUNCTION scrutiny_organisation_rollups_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changes organisation_entry_counts[] := '{}';
BEGIN
    IF TG_OP <> 'DELETE' THEN
        changes := changes || ARRAY(SELECT n::organisation_entry_counts FROM new_rows n);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        changes := changes || ARRAY(
            SELECT ROW(o.organisation_id, o.accepted, o.council_id, o.committee_id, o.review_id,
                       o.state, o.grade, -o.count)::organisation_entry_counts
              FROM old_rows o
             -- (An organisation deleted takes its rollups with it.)
             WHERE TG_OP = 'UPDATE'
                OR EXISTS (SELECT 1 FROM organisations g WHERE g.id = o.organisation_id));
    END IF;
    IF cardinality(changes) = 0 THEN
        RETURN NULL;
    END IF;
    INSERT INTO organisation_committee_counts AS t
    SELECT organisation_id, accepted, committee_id, council_id, state, grade, sum(count)
      FROM unnest(changes)
     GROUP BY organisation_id, accepted, committee_id, council_id, state, grade
    HAVING sum(count) <> 0
     ORDER BY organisation_id, accepted, committee_id, state, grade
    ON CONFLICT (organisation_id, accepted, committee_id, state, grade)
    DO UPDATE SET count = t.count + EXCLUDED.count;
    INSERT INTO organisation_review_totals AS t
    SELECT organisation_id, accepted, review_id, council_id,
           coalesce(sum(count) FILTER (WHERE state <> 'accepted'), 0), sum(count)
      FROM unnest(changes)
     GROUP BY organisation_id, accepted, review_id, council_id
    HAVING sum(count) <> 0 OR sum(count) FILTER (WHERE state <> 'accepted') <> 0
     ORDER BY organisation_id, accepted, review_id
    ON CONFLICT (organisation_id, accepted, review_id)
    DO UPDATE SET open = t.open + EXCLUDED.open, total = t.total + EXCLUDED.total;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_organisation_rollups_changed() TO scrutiny_app;
CREATE TRIGGER organisation_entry_counts_rollups_insert AFTER INSERT ON organisation_entry_counts
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_organisation_rollups_changed();
CREATE TRIGGER organisation_entry_counts_rollups_update AFTER UPDATE ON organisation_entry_counts
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_organisation_rollups_changed();
CREATE TRIGGER organisation_entry_counts_rollups_delete AFTER DELETE ON organisation_entry_counts
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_organisation_rollups_changed();

-- The count rows emptied at once (scrutiny_rebuild_derived, before it counts them again): so are
-- the rollups, which the counting fills in again through the insert trigger.
CREATE FUNCTION scrutiny_organisation_rollups_emptied() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    TRUNCATE organisation_committee_counts, organisation_review_totals;
    RETURN NULL;
END
$$;
CREATE TRIGGER organisation_entry_counts_rollups_truncate AFTER TRUNCATE ON organisation_entry_counts
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_organisation_rollups_emptied();

-- The rollups of the count rows so far.
INSERT INTO organisation_committee_counts
SELECT organisation_id, accepted, committee_id, council_id, state, grade, sum(count)
  FROM organisation_entry_counts
 GROUP BY organisation_id, accepted, committee_id, council_id, state, grade;
INSERT INTO organisation_review_totals
SELECT organisation_id, accepted, review_id, council_id,
       coalesce(sum(count) FILTER (WHERE state <> 'accepted'), 0), sum(count)
  FROM organisation_entry_counts
 GROUP BY organisation_id, accepted, review_id, council_id;
