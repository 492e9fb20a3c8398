DROP FUNCTION scrutiny_rebuild_derived();
DROP TRIGGER progress_entries_counts_insert ON progress_entries;
DROP TRIGGER progress_entries_counts_update ON progress_entries;
DROP TRIGGER progress_entries_counts_delete ON progress_entries;
DROP TRIGGER latest_entries_counts_insert ON latest_entries;
DROP TRIGGER latest_entries_counts_update ON latest_entries;
DROP TRIGGER latest_entries_counts_delete ON latest_entries;
DROP FUNCTION scrutiny_round_entry_counts_changed();
DROP FUNCTION scrutiny_organisation_entry_counts_changed();
DROP TABLE round_entry_counts;
DROP TABLE organisation_entry_counts;

-- responsibilities as migration responsibilities made it.
DROP TRIGGER recommendations_responsibilities ON recommendations;
CREATE OR REPLACE FUNCTION scrutiny_responsibilities_position() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE responsibilities SET position = NEW.position, review_id = NEW.review_id
     WHERE recommendation_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER recommendations_responsibilities AFTER UPDATE OF position, review_id
    ON recommendations FOR EACH ROW
    WHEN (OLD.position IS DISTINCT FROM NEW.position OR OLD.review_id IS DISTINCT FROM NEW.review_id)
    EXECUTE FUNCTION scrutiny_responsibilities_position();
CREATE OR REPLACE FUNCTION scrutiny_responsibilities_of(reviews_changed uuid[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH owned AS (
        SELECT DISTINCT ao.organisation_id, a.recommendation_id, a.review_id
          FROM actions a JOIN action_owners ao ON ao.action_id = a.id
         WHERE a.review_id = ANY (reviews_changed) AND ao.organisation_id IS NOT NULL
    ), for_all AS (
        SELECT DISTINCT a.recommendation_id, a.review_id
          FROM actions a
         WHERE a.review_id = ANY (reviews_changed) AND a.responsible_all
    ), wanted AS (
        SELECT w.organisation_id, w.recommendation_id, r.council_id, r.review_id, r.position, w.owns
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
         WHERE t.review_id = ANY (reviews_changed)
           AND NOT EXISTS (SELECT 1 FROM wanted w
                            WHERE w.organisation_id = t.organisation_id
                              AND w.recommendation_id = t.recommendation_id)
    )
    INSERT INTO responsibilities AS t
        (organisation_id, recommendation_id, council_id, review_id, position, owns)
    SELECT organisation_id, recommendation_id, council_id, review_id, position, owns FROM wanted
    ON CONFLICT (organisation_id, recommendation_id) DO UPDATE
       SET owns = EXCLUDED.owns, review_id = EXCLUDED.review_id, position = EXCLUDED.position
     WHERE (t.owns, t.review_id, t.position)
           IS DISTINCT FROM (EXCLUDED.owns, EXCLUDED.review_id, EXCLUDED.position)
$$;
DROP INDEX responsibilities_status_idx;
ALTER TABLE responsibilities DROP COLUMN status;
