-- A partner's dashboard reads the work it has due by date from indexes keyed by the organisation,
-- the first rounds due and the milestones due up to a day, instead of grouping every open round
-- and every milestone of every action it owns (docs/benchmarks.md, "Dashboards").
--
-- (1) Each organisation's count rows per round (round_entry_counts) carry their round's deadline
-- while the round is open, NULL once it is closed. The count trigger fills it in for a new count
-- row; a change to a round's deadline or status is copied to its count rows (a few per
-- organisation reporting in it) in the same transaction. Rounds are locked when they are changed,
-- closed or given entries, so a count row is never made from a round another transaction is
-- closing.
ALTER TABLE round_entry_counts ADD COLUMN open_deadline date;
UPDATE round_entry_counts c SET open_deadline = pr.deadline
  FROM progress_rounds pr WHERE pr.id = c.round_id AND pr.status = 'open';

-- What a partner has to do or has sent in, in the rounds still open, by deadline; with every
-- column its dashboard and row-level security read, so that it is read from the index alone.
CREATE INDEX round_entry_counts_open_idx
    ON round_entry_counts (organisation_id, open_deadline, round_id) INCLUDE (state, count, council_id)
    WHERE open_deadline IS NOT NULL AND count > 0
      AND state IN ('draft', 'returned', 'submitted', 'validated');

-- Entries written: counted in and out by round and state, as before (migration
-- `organisation_counts`); a count row made now takes its round's deadline.
CREATE OR REPLACE FUNCTION scrutiny_round_entry_counts_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changes round_entry_counts[] := '{}';
BEGIN
    IF TG_OP = 'INSERT' THEN
        changes := ARRAY(
            SELECT ROW(n.organisation_id, n.round_id, n.council_id, n.state, 1, NULL)::round_entry_counts
              FROM new_rows n WHERE n.organisation_id IS NOT NULL);
    ELSIF TG_OP = 'DELETE' THEN
        changes := ARRAY(
            SELECT ROW(o.organisation_id, o.round_id, o.council_id, o.state, -1, NULL)::round_entry_counts
              FROM old_rows o WHERE o.organisation_id IS NOT NULL);
    ELSE
        changes := ARRAY(
            SELECT x.c
              FROM old_rows o JOIN new_rows n ON n.id = o.id,
                   LATERAL (VALUES (ROW(o.organisation_id, o.round_id, o.council_id, o.state, -1, NULL)::round_entry_counts),
                                   (ROW(n.organisation_id, n.round_id, n.council_id, n.state, 1, NULL)::round_entry_counts))
                           AS x (c)
             WHERE (o.organisation_id, o.round_id, o.state)
                   IS DISTINCT FROM (n.organisation_id, n.round_id, n.state)
               AND (x.c).organisation_id IS NOT NULL);
    END IF;
    IF cardinality(changes) > 0 THEN
        INSERT INTO round_entry_counts AS t
            (organisation_id, round_id, council_id, state, count, open_deadline)
        SELECT g.organisation_id, g.round_id, g.council_id, g.state, g.count,
               (SELECT pr.deadline FROM progress_rounds pr
                 WHERE pr.id = g.round_id AND pr.status = 'open')
          FROM (SELECT organisation_id, round_id, council_id, state, sum(count) AS count
                  FROM unnest(changes)
                 GROUP BY organisation_id, round_id, council_id, state
                HAVING sum(count) <> 0) g
         ORDER BY g.organisation_id, g.round_id, g.state
        ON CONFLICT (organisation_id, round_id, state)
        DO UPDATE SET count = t.count + EXCLUDED.count;
    END IF;
    RETURN NULL;
END
$$;

-- A round's deadline changed, or the round closed (or opened again): its count rows follow.
CREATE FUNCTION scrutiny_round_deadline_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE round_entry_counts
       SET open_deadline = CASE WHEN NEW.status = 'open' THEN NEW.deadline END
     WHERE round_id = NEW.id
       AND open_deadline IS DISTINCT FROM CASE WHEN NEW.status = 'open' THEN NEW.deadline END;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_round_deadline_changed() TO scrutiny_app;
CREATE TRIGGER progress_rounds_open_deadline AFTER UPDATE OF deadline, status ON progress_rounds
    FOR EACH ROW
    WHEN (OLD.deadline IS DISTINCT FROM NEW.deadline OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION scrutiny_round_deadline_changed();

-- A council's open rounds by deadline, for its dashboard (not the country's open rounds ANDed
-- with the council's rounds of every status).
CREATE INDEX progress_rounds_council_open_idx ON progress_rounds (council_id, deadline, id)
    WHERE status = 'open';

-- (2) The milestones each organisation has to meet: one row per (organisation, milestone) for each
-- milestone not yet completed, with a due date, of an open action the organisation owns. Worked
-- out again, action by action, whenever a statement changes milestones, owners, or an action's
-- status or council, in that statement's transaction (as responsibilities are: migration
-- `responsibilities`, whose key locks make two writers of the same actions take turns).
CREATE TABLE organisation_milestones (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    milestone_id uuid NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
    action_id uuid NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    council_id uuid NOT NULL REFERENCES organisations (id),
    due_by date NOT NULL,
    PRIMARY KEY (organisation_id, milestone_id)
);
CREATE INDEX organisation_milestones_due_idx
    ON organisation_milestones (organisation_id, due_by, action_id) INCLUDE (council_id);
CREATE INDEX organisation_milestones_action_idx ON organisation_milestones (action_id);
GRANT SELECT ON organisation_milestones TO scrutiny_app;
ALTER TABLE organisation_milestones ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON organisation_milestones
    USING (CASE WHEN (SELECT scrutiny_visible_councils()) IS NULL THEN true
                ELSE council_id = ANY ((SELECT scrutiny_visible_councils())::uuid[]) END)
    WITH CHECK (CASE WHEN (SELECT scrutiny_visible_councils()) IS NULL THEN true
                     ELSE council_id = ANY ((SELECT scrutiny_visible_councils())::uuid[]) END);

-- The rows of some actions, worked out again: rows no longer true go, new ones come, changed ones
-- change (the rows deleted and the rows written are never the same). As the table's owner.
CREATE FUNCTION scrutiny_organisation_milestones_of(actions_changed uuid[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH changed AS (
        SELECT DISTINCT c.action_id FROM unnest(actions_changed) AS c (action_id)
    ), wanted AS (
        SELECT DISTINCT ao.organisation_id, m.id AS milestone_id, a.id AS action_id, a.council_id,
               m.due_by
          FROM changed c
          JOIN actions a ON a.id = c.action_id AND a.status = 'open'
          JOIN milestones m ON m.action_id = a.id AND m.completed_on IS NULL
                           AND m.due_by IS NOT NULL
          JOIN action_owners ao ON ao.action_id = a.id AND ao.organisation_id IS NOT NULL
    ), gone AS (
        DELETE FROM organisation_milestones t
         USING changed c
         WHERE t.action_id = c.action_id
           AND NOT EXISTS (SELECT 1 FROM wanted w
                            WHERE w.organisation_id = t.organisation_id
                              AND w.milestone_id = t.milestone_id)
    )
    INSERT INTO organisation_milestones AS t
        (organisation_id, milestone_id, action_id, council_id, due_by)
    SELECT organisation_id, milestone_id, action_id, council_id, due_by FROM wanted
    ON CONFLICT (organisation_id, milestone_id) DO UPDATE
       SET action_id = EXCLUDED.action_id, council_id = EXCLUDED.council_id,
           due_by = EXCLUDED.due_by
     WHERE (t.action_id, t.council_id, t.due_by)
           IS DISTINCT FROM (EXCLUDED.action_id, EXCLUDED.council_id, EXCLUDED.due_by)
$$;

-- Milestones, owners or actions written: the actions whose rows may have changed, once per
-- statement. (An action inserted has no milestones yet; one deleted has lost them first.)
CREATE FUNCTION scrutiny_organisation_milestones_changed() RETURNS trigger
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
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['milestones', 'action_owners'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_organisation_milestones_changed()',
                       t || '_organisation_milestones_insert', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_organisation_milestones_changed()',
                       t || '_organisation_milestones_delete', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['milestones', 'action_owners', 'actions'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I '
                       'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_organisation_milestones_changed()',
                       t || '_organisation_milestones_update', t);
    END LOOP;
END
$$;

-- The rebuild of every kept table (migration `organisation_counts`) fills in the deadlines and the
-- milestones too.
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

-- The milestones so far.
SELECT scrutiny_organisation_milestones_of(ARRAY(SELECT id FROM actions WHERE status = 'open'));
