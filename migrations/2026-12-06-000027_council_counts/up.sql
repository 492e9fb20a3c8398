-- A council's dashboard from counts kept as data changes, as a partner's already is (migrations
-- `organisation_counts` and `partner_counts_rolled_up`), so that it reads a few rows per
-- committee, organisation and review shown, not every latest entry of the council
-- (docs/benchmarks.md, "Dashboards"). Before, each request took the latest entry of every one of
-- the council's recommendations from latest_entries (DISTINCT ON, a sort of a few thousand rows)
-- and counted them three ways.
--
-- (1) recommendation_latest: for each recommendation, its latest recommendation-level entry (the
-- latest of its organisations' latest entries in latest_entries), and its latest accepted one,
-- kept by a statement trigger on latest_entries.
-- (2) The council's counts of those by committee, by review, by reporting organisation (NULL: the
-- council itself), and per review how many are not yet accepted and how many there are (the
-- dashboard shows the reviews with the most not yet accepted first, read in that order from an
-- index), kept by a statement trigger on recommendation_latest.
--
-- As with the partners' counts: each statement adds what it brought into a group and takes away
-- what it took out, in the transaction of the change; a group at zero keeps its row (readers skip
-- it), and each trigger takes its rows in one order.

CREATE TABLE recommendation_latest (
    recommendation_id uuid NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    -- true: the latest accepted entry; false: the latest entry in any state.
    accepted boolean NOT NULL,
    council_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    committee_id uuid NOT NULL,
    review_id uuid NOT NULL,
    -- The organisation that reported it (NULL: the council itself). No foreign key: an
    -- organisation deleted takes its latest entries with it, and the trigger on those moves this
    -- row to the next latest.
    organisation_id uuid,
    state text NOT NULL,
    grade text,
    PRIMARY KEY (recommendation_id, accepted)
);

CREATE TABLE council_committee_counts (
    council_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    accepted boolean NOT NULL,
    committee_id uuid NOT NULL,
    state text NOT NULL,
    grade text,
    count bigint NOT NULL,
    UNIQUE NULLS NOT DISTINCT (council_id, accepted, committee_id, state, grade)
);

CREATE TABLE council_organisation_counts (
    council_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    accepted boolean NOT NULL,
    organisation_id uuid,
    state text NOT NULL,
    grade text,
    count bigint NOT NULL,
    UNIQUE NULLS NOT DISTINCT (council_id, accepted, organisation_id, state, grade)
);

CREATE TABLE council_review_counts (
    council_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    accepted boolean NOT NULL,
    review_id uuid NOT NULL,
    state text NOT NULL,
    grade text,
    count bigint NOT NULL,
    UNIQUE NULLS NOT DISTINCT (council_id, accepted, review_id, state, grade)
);

CREATE TABLE council_review_totals (
    council_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    accepted boolean NOT NULL,
    review_id uuid NOT NULL,
    open bigint NOT NULL,
    total bigint NOT NULL,
    PRIMARY KEY (council_id, accepted, review_id)
);
CREATE INDEX council_review_totals_rank_idx
    ON council_review_totals (council_id, accepted, open DESC, total DESC, review_id)
    WHERE total > 0;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['recommendation_latest', 'council_committee_counts',
                             'council_organisation_counts', 'council_review_counts',
                             'council_review_totals'] LOOP
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

-- (1) The rows of these recommendations worked out again from latest_entries: rows no longer
-- true go, new ones come, changed ones change, the rest are left alone. Set-based, so that one
-- recommendation costs an index probe and every recommendation (scrutiny_rebuild_derived) one
-- pass. As the table's owner (the application may only read it).
CREATE FUNCTION scrutiny_recommendation_latest_of(recs uuid[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH changed AS (
        SELECT DISTINCT c.recommendation_id FROM unnest(recs) AS c (recommendation_id)
    ), found AS (
        SELECT DISTINCT ON (t.recommendation_id, t.accepted)
               t.recommendation_id, t.accepted, t.council_id, t.committee_id, t.review_id,
               t.organisation_id, t.state, t.grade
          FROM changed c JOIN latest_entries t ON t.recommendation_id = c.recommendation_id
         ORDER BY t.recommendation_id, t.accepted, t.created_at DESC, t.entry_id DESC
    ), gone AS (
        -- By the primary key (`= ANY`), never a join that may be planned as a scan.
        DELETE FROM recommendation_latest x
         WHERE x.recommendation_id = ANY (recs)
           AND NOT EXISTS (SELECT 1 FROM found f
                            WHERE f.recommendation_id = x.recommendation_id
                              AND f.accepted = x.accepted)
    )
    INSERT INTO recommendation_latest AS x (recommendation_id, accepted, council_id, committee_id,
                                            review_id, organisation_id, state, grade)
    SELECT recommendation_id, accepted, council_id, committee_id, review_id, organisation_id,
           state, grade
      FROM found
     ORDER BY recommendation_id, accepted
    ON CONFLICT (recommendation_id, accepted) DO UPDATE
       SET council_id = EXCLUDED.council_id, committee_id = EXCLUDED.committee_id,
           review_id = EXCLUDED.review_id, organisation_id = EXCLUDED.organisation_id,
           state = EXCLUDED.state, grade = EXCLUDED.grade
     WHERE (x.council_id, x.committee_id, x.review_id, x.organisation_id, x.state, x.grade)
           IS DISTINCT FROM (EXCLUDED.council_id, EXCLUDED.committee_id, EXCLUDED.review_id,
                             EXCLUDED.organisation_id, EXCLUDED.state, EXCLUDED.grade)
$$;

-- latest_entries written (once per statement): the recommendations it touched worked out again.
-- Two organisations' entries for one recommendation may be written at once: the recommendation
-- is locked first (scrutiny_lock_keys), so that the second to come works it out again seeing the
-- first's committed rows.
CREATE FUNCTION scrutiny_recommendation_latest_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    recs uuid[] := '{}';
BEGIN
    IF TG_OP <> 'DELETE' THEN
        recs := recs || ARRAY(SELECT DISTINCT n.recommendation_id FROM new_rows n);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        recs := recs || ARRAY(SELECT DISTINCT o.recommendation_id FROM old_rows o);
    END IF;
    IF cardinality(recs) = 0 THEN
        RETURN NULL;
    END IF;
    PERFORM scrutiny_lock_keys('recommendation_latest', recs::text[]);
    PERFORM scrutiny_recommendation_latest_of(recs);
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_recommendation_latest_changed() TO scrutiny_app;
CREATE TRIGGER latest_entries_recommendation_insert AFTER INSERT ON latest_entries
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_recommendation_latest_changed();
CREATE TRIGGER latest_entries_recommendation_update AFTER UPDATE ON latest_entries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_recommendation_latest_changed();
CREATE TRIGGER latest_entries_recommendation_delete AFTER DELETE ON latest_entries
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_recommendation_latest_changed();

-- (2) recommendation_latest written: each row counted in, each old row counted out, in its
-- council's counts by committee, organisation and review, and its review's totals.
CREATE TYPE scrutiny_council_count AS (
    council_id uuid,
    accepted boolean,
    committee_id uuid,
    review_id uuid,
    organisation_id uuid,
    state text,
    grade text,
    count bigint
);

CREATE FUNCTION scrutiny_council_counts_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changes scrutiny_council_count[] := '{}';
BEGIN
    IF TG_OP <> 'DELETE' THEN
        changes := changes || ARRAY(
            SELECT ROW(n.council_id, n.accepted, n.committee_id, n.review_id, n.organisation_id,
                       n.state, n.grade, 1)::scrutiny_council_count
              FROM new_rows n);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        changes := changes || ARRAY(
            SELECT ROW(o.council_id, o.accepted, o.committee_id, o.review_id, o.organisation_id,
                       o.state, o.grade, -1)::scrutiny_council_count
              FROM old_rows o
             -- (A council deleted takes its counts with it.)
             WHERE TG_OP = 'UPDATE'
                OR EXISTS (SELECT 1 FROM organisations g WHERE g.id = o.council_id));
    END IF;
    IF cardinality(changes) = 0 THEN
        RETURN NULL;
    END IF;
    INSERT INTO council_committee_counts AS t
    SELECT council_id, accepted, committee_id, state, grade, sum(count)
      FROM unnest(changes)
     GROUP BY council_id, accepted, committee_id, state, grade
    HAVING sum(count) <> 0
     ORDER BY council_id, accepted, committee_id, state, grade
    ON CONFLICT (council_id, accepted, committee_id, state, grade)
    DO UPDATE SET count = t.count + EXCLUDED.count;
    INSERT INTO council_organisation_counts AS t
    SELECT council_id, accepted, organisation_id, state, grade, sum(count)
      FROM unnest(changes)
     GROUP BY council_id, accepted, organisation_id, state, grade
    HAVING sum(count) <> 0
     ORDER BY council_id, accepted, organisation_id, state, grade
    ON CONFLICT (council_id, accepted, organisation_id, state, grade)
    DO UPDATE SET count = t.count + EXCLUDED.count;
    INSERT INTO council_review_counts AS t
    SELECT council_id, accepted, review_id, state, grade, sum(count)
      FROM unnest(changes)
     GROUP BY council_id, accepted, review_id, state, grade
    HAVING sum(count) <> 0
     ORDER BY council_id, accepted, review_id, state, grade
    ON CONFLICT (council_id, accepted, review_id, state, grade)
    DO UPDATE SET count = t.count + EXCLUDED.count;
    INSERT INTO council_review_totals AS t
    SELECT council_id, accepted, review_id,
           coalesce(sum(count) FILTER (WHERE state <> 'accepted'), 0), sum(count)
      FROM unnest(changes)
     GROUP BY council_id, accepted, review_id
    HAVING sum(count) <> 0 OR sum(count) FILTER (WHERE state <> 'accepted') <> 0
     ORDER BY council_id, accepted, review_id
    ON CONFLICT (council_id, accepted, review_id)
    DO UPDATE SET open = t.open + EXCLUDED.open, total = t.total + EXCLUDED.total;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_council_counts_changed() TO scrutiny_app;
CREATE TRIGGER recommendation_latest_counts_insert AFTER INSERT ON recommendation_latest
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_council_counts_changed();
CREATE TRIGGER recommendation_latest_counts_update AFTER UPDATE ON recommendation_latest
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_council_counts_changed();
CREATE TRIGGER recommendation_latest_counts_delete AFTER DELETE ON recommendation_latest
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_council_counts_changed();

-- Every table kept from others worked out again (as in migration `partner_work_by_date`, with
-- the tables above emptied too: latest_entries' insert trigger fills them again).
CREATE OR REPLACE FUNCTION scrutiny_rebuild_derived() RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE recommendations r SET document = d.document
      FROM (SELECT x.id, scrutiny_recommendation_document(x.id, x.number, x.text) AS document
              FROM recommendations x) d
     WHERE d.id = r.id AND r.document IS DISTINCT FROM d.document;
    TRUNCATE responsibilities, latest_entries, organisation_entry_counts, round_entry_counts,
             organisation_milestones, recommendation_latest, council_committee_counts,
             council_organisation_counts, council_review_counts, council_review_totals;
    PERFORM scrutiny_responsibilities_of(ARRAY(SELECT id FROM reviews));
    PERFORM scrutiny_organisation_milestones_of(ARRAY(SELECT id FROM actions WHERE status = 'open'));
    -- (Its insert triggers count the rows into organisation_entry_counts and work out
    -- recommendation_latest, whose insert trigger counts the council's.)
    INSERT INTO latest_entries (recommendation_id, organisation_id, accepted, entry_id, created_at,
                                council_id, review_id, committee_id, state, grade)
    SELECT DISTINCT ON (e.recommendation_id, e.organisation_id, k.accepted)
           e.recommendation_id, e.organisation_id, k.accepted, e.id, e.created_at, e.council_id,
           e.review_id, pr.committee_id, e.state,
           coalesce(e.accepted_grade, e.officer_grade, e.proposed_grade)
      FROM progress_entries e
      JOIN progress_rounds pr ON pr.id = e.round_id
     CROSS JOIN (VALUES (false), (true)) AS k (accepted)
     WHERE e.part_id IS NULL AND (NOT k.accepted OR e.state = 'accepted')
     ORDER BY e.recommendation_id, e.organisation_id, k.accepted, e.created_at DESC, e.id DESC;
    INSERT INTO round_entry_counts
        (organisation_id, round_id, council_id, state, count, open_deadline)
    SELECT e.organisation_id, e.round_id, e.council_id, e.state, count(*),
           CASE WHEN pr.status = 'open' THEN pr.deadline END
      FROM progress_entries e JOIN progress_rounds pr ON pr.id = e.round_id
     WHERE e.organisation_id IS NOT NULL
     GROUP BY e.organisation_id, e.round_id, e.council_id, e.state, pr.status, pr.deadline;
END
$$;
REVOKE ALL ON FUNCTION scrutiny_rebuild_derived() FROM PUBLIC;

-- The rows so far (the insert trigger counts them).
SELECT scrutiny_recommendation_latest_of(ARRAY(SELECT DISTINCT recommendation_id FROM latest_entries));
-- Statistics now, so that the triggers' statements are planned from them from the first write.
ANALYZE recommendation_latest, council_committee_counts, council_organisation_counts,
        council_review_counts, council_review_totals;
