-- A partner's dashboard from counts kept as data changes, so that it costs the same whatever the
-- partner's size and the country's (docs/benchmarks.md, "Dashboards"). Each count table holds,
-- per organisation, how many rows of its source fall in each group; triggers add the rows a
-- statement brought into a group and take away those it took out, in the statement's
-- transaction. A group whose count falls to zero keeps its row (at zero) and readers skip it: the
-- groups an organisation has ever had are few, and no statement has to look for rows to delete.
-- Each trigger works on its statement's rows alone (a count row is only ever added to), and
-- takes its count rows in one order, so two writers of the same groups only wait for each other.

-- (1) The latest entries of each organisation (latest_entries), per committee, review, state and
-- current grade, for the counts by committee, review and organisation.
CREATE TABLE organisation_entry_counts (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    accepted boolean NOT NULL,
    council_id uuid NOT NULL REFERENCES organisations (id),
    committee_id uuid NOT NULL,
    review_id uuid NOT NULL,
    state text NOT NULL,
    grade text,
    count bigint NOT NULL,
    UNIQUE NULLS NOT DISTINCT (organisation_id, accepted, review_id, committee_id, state, grade)
);

-- (2) A partner's recommendations by status are counted from responsibilities, which keeps the
-- recommendation's status for it, by an index of what each organisation owns. These are not kept
-- as counts: the status of every recommendation of a council would be one row per organisation,
-- which two officers closing recommendations at once would both have to lock.
ALTER TABLE responsibilities ADD COLUMN status text;
UPDATE responsibilities x SET status = r.status FROM recommendations r WHERE r.id = x.recommendation_id;
ALTER TABLE responsibilities ALTER COLUMN status SET NOT NULL;
CREATE INDEX responsibilities_status_idx ON responsibilities (organisation_id, status, council_id)
    WHERE owns;

-- (3) Each organisation's progress entries (recommendation and part level) per round and state,
-- for the open rounds it still has work in.
CREATE TABLE round_entry_counts (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    round_id uuid NOT NULL REFERENCES progress_rounds (id) ON DELETE CASCADE,
    council_id uuid NOT NULL REFERENCES organisations (id),
    state text NOT NULL,
    count bigint NOT NULL,
    PRIMARY KEY (organisation_id, round_id, state)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['organisation_entry_counts', 'round_entry_counts'] LOOP
        EXECUTE format('GRANT SELECT ON %I TO scrutiny_app', t);
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY council_tenant ON %I USING (scrutiny_council_visible(council_id)) '
                       'WITH CHECK (scrutiny_council_visible(council_id))', t);
    END LOOP;
END
$$;

-- (1) Latest entries written: each row counted in, each old row counted out.
CREATE FUNCTION scrutiny_organisation_entry_counts_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changes organisation_entry_counts[] := '{}';
BEGIN
    IF TG_OP <> 'DELETE' THEN
        changes := changes || ARRAY(
            SELECT ROW(n.organisation_id, n.accepted, n.council_id, n.committee_id, n.review_id,
                       n.state, n.grade, 1)::organisation_entry_counts
              FROM new_rows n WHERE n.organisation_id IS NOT NULL);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        changes := changes || ARRAY(
            SELECT ROW(o.organisation_id, o.accepted, o.council_id, o.committee_id, o.review_id,
                       o.state, o.grade, -1)::organisation_entry_counts
              FROM old_rows o WHERE o.organisation_id IS NOT NULL);
    END IF;
    IF cardinality(changes) > 0 THEN
        INSERT INTO organisation_entry_counts AS t
        SELECT organisation_id, accepted, council_id, committee_id, review_id, state, grade,
               sum(count)
          FROM unnest(changes)
         GROUP BY organisation_id, accepted, council_id, committee_id, review_id, state, grade
        HAVING sum(count) <> 0
         ORDER BY organisation_id, accepted, review_id, committee_id, state, grade
        ON CONFLICT (organisation_id, accepted, review_id, committee_id, state, grade)
        DO UPDATE SET count = t.count + EXCLUDED.count;
    END IF;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_organisation_entry_counts_changed() TO scrutiny_app;
CREATE TRIGGER latest_entries_counts_insert AFTER INSERT ON latest_entries
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_organisation_entry_counts_changed();
CREATE TRIGGER latest_entries_counts_update AFTER UPDATE ON latest_entries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_organisation_entry_counts_changed();
CREATE TRIGGER latest_entries_counts_delete AFTER DELETE ON latest_entries
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_organisation_entry_counts_changed();

-- (3) Entries written: counted in and out by round and state. An update that changes none of the
-- three (an autosave of the evidence, say) costs one comparison per row.
CREATE FUNCTION scrutiny_round_entry_counts_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changes round_entry_counts[] := '{}';
BEGIN
    IF TG_OP = 'INSERT' THEN
        changes := ARRAY(
            SELECT ROW(n.organisation_id, n.round_id, n.council_id, n.state, 1)::round_entry_counts
              FROM new_rows n WHERE n.organisation_id IS NOT NULL);
    ELSIF TG_OP = 'DELETE' THEN
        changes := ARRAY(
            SELECT ROW(o.organisation_id, o.round_id, o.council_id, o.state, -1)::round_entry_counts
              FROM old_rows o WHERE o.organisation_id IS NOT NULL);
    ELSE
        changes := ARRAY(
            SELECT x.c
              FROM old_rows o JOIN new_rows n ON n.id = o.id,
                   LATERAL (VALUES (ROW(o.organisation_id, o.round_id, o.council_id, o.state, -1)::round_entry_counts),
                                   (ROW(n.organisation_id, n.round_id, n.council_id, n.state, 1)::round_entry_counts))
                           AS x (c)
             WHERE (o.organisation_id, o.round_id, o.state)
                   IS DISTINCT FROM (n.organisation_id, n.round_id, n.state)
               AND (x.c).organisation_id IS NOT NULL);
    END IF;
    IF cardinality(changes) > 0 THEN
        INSERT INTO round_entry_counts AS t
        SELECT organisation_id, round_id, council_id, state, sum(count)
          FROM unnest(changes)
         GROUP BY organisation_id, round_id, council_id, state
        HAVING sum(count) <> 0
         ORDER BY organisation_id, round_id, state
        ON CONFLICT (organisation_id, round_id, state)
        DO UPDATE SET count = t.count + EXCLUDED.count;
    END IF;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_round_entry_counts_changed() TO scrutiny_app;
CREATE TRIGGER progress_entries_counts_insert AFTER INSERT ON progress_entries
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_round_entry_counts_changed();
CREATE TRIGGER progress_entries_counts_update AFTER UPDATE ON progress_entries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_round_entry_counts_changed();
CREATE TRIGGER progress_entries_counts_delete AFTER DELETE ON progress_entries
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_round_entry_counts_changed();

-- responsibilities carries the recommendation's status as it carries its review and position. The
-- reviews changed are joined (a hash for many, an index probe each for a few) where `= ANY` of
-- the array compared every action with every review: a rebuild of every review's rows
-- (scrutiny_rebuild_derived below) is one set-based pass.
CREATE OR REPLACE FUNCTION scrutiny_responsibilities_of(reviews_changed uuid[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH changed AS (
        SELECT DISTINCT c.review_id FROM unnest(reviews_changed) AS c (review_id)
    ), owned AS (
        SELECT DISTINCT ao.organisation_id, a.recommendation_id, a.review_id
          FROM changed c JOIN actions a ON a.review_id = c.review_id
          JOIN action_owners ao ON ao.action_id = a.id
         WHERE ao.organisation_id IS NOT NULL
    ), for_all AS (
        SELECT DISTINCT a.recommendation_id, a.review_id
          FROM changed c JOIN actions a ON a.review_id = c.review_id
         WHERE a.responsible_all
    ), wanted AS (
        SELECT w.organisation_id, w.recommendation_id, r.council_id, r.review_id, r.position,
               w.owns, r.status
          FROM (SELECT organisation_id, recommendation_id, true AS owns FROM owned
                UNION
                SELECT o.organisation_id, f.recommendation_id, false
                  FROM (SELECT DISTINCT organisation_id, review_id FROM owned) o
                  JOIN for_all f ON f.review_id = o.review_id
                 WHERE NOT EXISTS (SELECT 1 FROM owned w
                                    WHERE w.organisation_id = o.organisation_id
                                      AND w.recommendation_id = f.recommendation_id)) w
          JOIN recommendations r ON r.id = w.recommendation_id
    ), gone AS (
        DELETE FROM responsibilities t
         USING changed c
         WHERE t.review_id = c.review_id
           AND NOT EXISTS (SELECT 1 FROM wanted w
                            WHERE w.organisation_id = t.organisation_id
                              AND w.recommendation_id = t.recommendation_id)
    )
    INSERT INTO responsibilities AS t
        (organisation_id, recommendation_id, council_id, review_id, position, owns, status)
    SELECT organisation_id, recommendation_id, council_id, review_id, position, owns, status
      FROM wanted
    ON CONFLICT (organisation_id, recommendation_id) DO UPDATE
       SET owns = EXCLUDED.owns, review_id = EXCLUDED.review_id, position = EXCLUDED.position,
           status = EXCLUDED.status
     WHERE (t.owns, t.review_id, t.position, t.status)
           IS DISTINCT FROM (EXCLUDED.owns, EXCLUDED.review_id, EXCLUDED.position, EXCLUDED.status)
$$;

CREATE OR REPLACE FUNCTION scrutiny_responsibilities_position() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE responsibilities
       SET position = NEW.position, review_id = NEW.review_id, status = NEW.status
     WHERE recommendation_id = NEW.id;
    RETURN NULL;
END
$$;
DROP TRIGGER recommendations_responsibilities ON recommendations;
CREATE TRIGGER recommendations_responsibilities AFTER UPDATE OF position, review_id, status
    ON recommendations FOR EACH ROW
    WHEN (OLD.position IS DISTINCT FROM NEW.position OR OLD.review_id IS DISTINCT FROM NEW.review_id
          OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION scrutiny_responsibilities_position();

-- Every table kept from others (the search documents, responsibilities, latest entries and the
-- counts) worked out again from their sources, set-based. For a bulk load that switched the
-- triggers off while it loaded (scripts/bench-data.sql), or to repair: the database owner's
-- alone.
CREATE FUNCTION scrutiny_rebuild_derived() RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE recommendations r SET document = d.document
      FROM (SELECT x.id, scrutiny_recommendation_document(x.id, x.number, x.text) AS document
              FROM recommendations x) d
     WHERE d.id = r.id AND r.document IS DISTINCT FROM d.document;
    TRUNCATE responsibilities, latest_entries, organisation_entry_counts, round_entry_counts;
    PERFORM scrutiny_responsibilities_of(ARRAY(SELECT id FROM reviews));
    -- (Its insert trigger counts the rows into organisation_entry_counts.)
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
    SELECT organisation_id, round_id, council_id, state, count(*)
      FROM progress_entries WHERE organisation_id IS NOT NULL
     GROUP BY organisation_id, round_id, council_id, state;
END
$$;
REVOKE ALL ON FUNCTION scrutiny_rebuild_derived() FROM PUBLIC;

-- The counts so far.
INSERT INTO organisation_entry_counts
SELECT organisation_id, accepted, council_id, committee_id, review_id, state, grade, count(*)
  FROM latest_entries WHERE organisation_id IS NOT NULL
 GROUP BY organisation_id, accepted, council_id, committee_id, review_id, state, grade;
INSERT INTO round_entry_counts
SELECT organisation_id, round_id, council_id, state, count(*)
  FROM progress_entries WHERE organisation_id IS NOT NULL
 GROUP BY organisation_id, round_id, council_id, state;
