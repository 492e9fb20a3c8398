-- A council's open rounds and milestones read from its rounds' entries and its actions'
-- milestones, as before.
DROP INDEX round_entry_counts_council_open_idx;
DROP INDEX progress_entries_own_idx;
CREATE OR REPLACE FUNCTION scrutiny_organisation_milestones_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changed uuid[];
BEGIN
    IF TG_TABLE_NAME = 'actions' THEN
        SELECT array_agg(DISTINCT n.id) INTO changed
          FROM old_rows o JOIN new_rows n ON n.id = o.id
         WHERE (o.status, o.council_id) IS DISTINCT FROM (n.status, n.council_id);
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT n.action_id) INTO changed FROM new_rows n;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT o.action_id) INTO changed FROM old_rows o;
    ELSIF TG_TABLE_NAME = 'milestones' THEN
        SELECT array_agg(DISTINCT x.action_id) INTO changed
          FROM old_rows o JOIN new_rows n ON n.id = o.id,
               LATERAL (VALUES (o.action_id), (n.action_id)) AS x (action_id)
         WHERE (o.action_id, o.due_by, o.completed_on)
               IS DISTINCT FROM (n.action_id, n.due_by, n.completed_on);
    ELSE
        SELECT array_agg(DISTINCT x.action_id) INTO changed
          FROM (SELECT action_id, organisation_id FROM new_rows
                EXCEPT
                SELECT action_id, organisation_id FROM old_rows
                UNION
                (SELECT action_id, organisation_id FROM old_rows
                 EXCEPT
                 SELECT action_id, organisation_id FROM new_rows)) x;
    END IF;
    IF cardinality(changed) > 0 THEN
        PERFORM scrutiny_lock_keys('organisation_milestones', changed::text[]);
        PERFORM scrutiny_organisation_milestones_of(changed);
    END IF;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_organisation_milestones_changed() TO scrutiny_app;

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

DROP FUNCTION scrutiny_council_milestones_of(uuid[]);
DROP TABLE council_milestones;
