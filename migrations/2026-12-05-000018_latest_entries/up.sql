-- The dashboard's counts from what is current, kept as entries change: for every recommendation
-- and reporting organisation (NULL: the council itself), its latest recommendation-level entry,
-- and its latest accepted one (what viewers count). A council's dashboard reads its own rows (a few
-- per recommendation), a partner's its organisation's, instead of every entry ever reported
-- (docs/benchmarks.md, "Dashboards"). The latest entry of a recommendation is the latest of its
-- organisations' latest entries.
CREATE TABLE latest_entries (
    recommendation_id uuid NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
    -- true: the latest accepted entry; false: the latest entry in any state.
    accepted boolean NOT NULL,
    entry_id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    council_id uuid NOT NULL REFERENCES organisations (id),
    review_id uuid NOT NULL,
    committee_id uuid NOT NULL,
    state text NOT NULL,
    -- The current grade: accepted, else the officer's, else the proposed one.
    grade text,
    UNIQUE NULLS NOT DISTINCT (recommendation_id, organisation_id, accepted)
);
CREATE INDEX latest_entries_council_idx
    ON latest_entries (council_id, accepted, recommendation_id, created_at DESC, entry_id DESC);
CREATE INDEX latest_entries_organisation_idx ON latest_entries (organisation_id, accepted);
CREATE INDEX latest_entries_entry_idx ON latest_entries (entry_id);
GRANT SELECT ON latest_entries TO scrutiny_app;

ALTER TABLE latest_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON latest_entries
    USING (scrutiny_council_visible(council_id))
    WITH CHECK (scrutiny_council_visible(council_id));

-- The rows of these (recommendation, organisation) pairs, worked out again from their entries.
-- As the table's owner (the application may only read it).
CREATE FUNCTION scrutiny_latest_entries_of(recs uuid[], orgs uuid[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH pairs AS (
        SELECT DISTINCT p.recommendation_id, p.organisation_id
          FROM unnest(recs, orgs) AS p (recommendation_id, organisation_id)
    ), found AS (
        SELECT p.recommendation_id, p.organisation_id, k.accepted, l.*
          FROM pairs p
         CROSS JOIN (VALUES (false), (true)) AS k (accepted)
          LEFT JOIN LATERAL (
              SELECT e.id AS entry_id, e.created_at, e.council_id, e.review_id, pr.committee_id,
                     e.state, coalesce(e.accepted_grade, e.officer_grade, e.proposed_grade) AS grade
                FROM progress_entries e JOIN progress_rounds pr ON pr.id = e.round_id
               WHERE e.recommendation_id = p.recommendation_id
                 AND e.organisation_id IS NOT DISTINCT FROM p.organisation_id
                 AND e.part_id IS NULL
                 AND (NOT k.accepted OR e.state = 'accepted')
               ORDER BY e.created_at DESC, e.id DESC
               LIMIT 1) l ON true
    ), gone AS (
        DELETE FROM latest_entries t
         USING found f
         WHERE f.entry_id IS NULL
           AND t.recommendation_id = f.recommendation_id
           AND t.organisation_id IS NOT DISTINCT FROM f.organisation_id
           AND t.accepted = f.accepted
    )
    INSERT INTO latest_entries AS t (recommendation_id, organisation_id, accepted, entry_id,
                                     created_at, council_id, review_id, committee_id, state, grade)
    SELECT recommendation_id, organisation_id, accepted, entry_id, created_at, council_id,
           review_id, committee_id, state, grade
      FROM found WHERE entry_id IS NOT NULL
    ON CONFLICT (recommendation_id, organisation_id, accepted) DO UPDATE
       SET entry_id = EXCLUDED.entry_id, created_at = EXCLUDED.created_at,
           council_id = EXCLUDED.council_id, review_id = EXCLUDED.review_id,
           committee_id = EXCLUDED.committee_id, state = EXCLUDED.state, grade = EXCLUDED.grade
     WHERE (t.entry_id, t.created_at, t.review_id, t.committee_id, t.state, t.grade)
           IS DISTINCT FROM (EXCLUDED.entry_id, EXCLUDED.created_at, EXCLUDED.review_id,
                             EXCLUDED.committee_id, EXCLUDED.state, EXCLUDED.grade)
$$;

-- Entries written (once per statement). An update that changes none of what the rows hold (an
-- autosave of the evidence, say) costs nothing more.
CREATE FUNCTION scrutiny_latest_entries_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    recs uuid[];
    orgs uuid[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(recommendation_id), array_agg(organisation_id) INTO recs, orgs
          FROM new_rows WHERE part_id IS NULL;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(recommendation_id), array_agg(organisation_id) INTO recs, orgs
          FROM old_rows WHERE part_id IS NULL;
    ELSE
        SELECT array_agg(x.recommendation_id), array_agg(x.organisation_id) INTO recs, orgs
          FROM old_rows o JOIN new_rows n ON n.id = o.id,
               LATERAL (VALUES (o.recommendation_id, o.organisation_id, o.part_id),
                               (n.recommendation_id, n.organisation_id, n.part_id))
                       AS x (recommendation_id, organisation_id, part_id)
         WHERE x.part_id IS NULL
           AND (o.state, o.accepted_grade, o.officer_grade, o.proposed_grade, o.created_at,
                o.round_id, o.recommendation_id, o.organisation_id, o.part_id, o.review_id)
               IS DISTINCT FROM
               (n.state, n.accepted_grade, n.officer_grade, n.proposed_grade, n.created_at,
                n.round_id, n.recommendation_id, n.organisation_id, n.part_id, n.review_id);
    END IF;
    IF cardinality(recs) > 0 THEN
        PERFORM scrutiny_lock_keys('latest_entries',
            (SELECT array_agg(r || ':' || coalesce(o::text, '')) FROM unnest(recs, orgs) AS p (r, o)));
        PERFORM scrutiny_latest_entries_of(recs, orgs);
    END IF;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_latest_entries_changed() TO scrutiny_app;
CREATE TRIGGER progress_entries_latest_insert AFTER INSERT ON progress_entries
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_latest_entries_changed();
CREATE TRIGGER progress_entries_latest_update AFTER UPDATE ON progress_entries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_latest_entries_changed();
CREATE TRIGGER progress_entries_latest_delete AFTER DELETE ON progress_entries
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_latest_entries_changed();

-- A round moved to another committee: its entries' rows follow.
CREATE FUNCTION scrutiny_latest_entries_committee() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE latest_entries l SET committee_id = NEW.committee_id
      FROM progress_entries e
     WHERE e.round_id = NEW.id AND l.entry_id = e.id;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_latest_entries_committee() TO scrutiny_app;
CREATE TRIGGER progress_rounds_latest_committee AFTER UPDATE OF committee_id ON progress_rounds
    FOR EACH ROW WHEN (OLD.committee_id IS DISTINCT FROM NEW.committee_id)
    EXECUTE FUNCTION scrutiny_latest_entries_committee();

-- Every entry so far, in one statement.
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
