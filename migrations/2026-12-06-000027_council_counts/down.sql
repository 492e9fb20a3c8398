-- A council's dashboard counted from latest_entries at each request, as before.
DROP TRIGGER latest_entries_recommendation_insert ON latest_entries;
DROP TRIGGER latest_entries_recommendation_update ON latest_entries;
DROP TRIGGER latest_entries_recommendation_delete ON latest_entries;
DROP FUNCTION scrutiny_recommendation_latest_changed();
DROP FUNCTION scrutiny_recommendation_latest_of(uuid[]);
DROP TABLE recommendation_latest;
DROP FUNCTION scrutiny_council_counts_changed();
DROP TYPE scrutiny_council_count;
DROP TABLE council_committee_counts, council_organisation_counts, council_review_counts,
           council_review_totals;

-- The rebuild as migration `partner_work_by_date` made it.
CREATE OR REPLACE FUNCTION scrutiny_rebuild_derived() RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE recommendations r SET document = d.document
      FROM (SELECT x.id, scrutiny_recommendation_document(x.id, x.number, x.text) AS document
              FROM recommendations x) d
     WHERE d.id = r.id AND r.document IS DISTINCT FROM d.document;
    TRUNCATE responsibilities, latest_entries, organisation_entry_counts, round_entry_counts,
             organisation_milestones;
    PERFORM scrutiny_responsibilities_of(ARRAY(SELECT id FROM reviews));
    PERFORM scrutiny_organisation_milestones_of(ARRAY(SELECT id FROM actions WHERE status = 'open'));
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
        (organisation_id, round_id, council_id, state, count, open_deadline)
    SELECT e.organisation_id, e.round_id, e.council_id, e.state, count(*),
           CASE WHEN pr.status = 'open' THEN pr.deadline END
      FROM progress_entries e JOIN progress_rounds pr ON pr.id = e.round_id
     WHERE e.organisation_id IS NOT NULL
     GROUP BY e.organisation_id, e.round_id, e.council_id, e.state, pr.status, pr.deadline;
END
$$;
