-- The count rows without their rounds' deadlines, no milestones kept per organisation, and the
-- functions of migration `organisation_counts` as they were.
DROP TRIGGER milestones_organisation_milestones_insert ON milestones;
DROP TRIGGER milestones_organisation_milestones_delete ON milestones;
DROP TRIGGER milestones_organisation_milestones_update ON milestones;
DROP TRIGGER action_owners_organisation_milestones_insert ON action_owners;
DROP TRIGGER action_owners_organisation_milestones_delete ON action_owners;
DROP TRIGGER action_owners_organisation_milestones_update ON action_owners;
DROP TRIGGER actions_organisation_milestones_update ON actions;
DROP TABLE organisation_milestones;
DROP FUNCTION scrutiny_organisation_milestones_changed();
DROP FUNCTION scrutiny_organisation_milestones_of(uuid[]);
DROP TRIGGER progress_rounds_open_deadline ON progress_rounds;
DROP FUNCTION scrutiny_round_deadline_changed();
CREATE OR REPLACE FUNCTION scrutiny_round_entry_counts_changed() RETURNS trigger
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

CREATE OR REPLACE FUNCTION scrutiny_rebuild_derived() RETURNS void
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

DROP INDEX progress_rounds_council_open_idx;
DROP INDEX round_entry_counts_open_idx;
ALTER TABLE round_entry_counts DROP COLUMN open_deadline;
