-- A council's dashboard reads the work it has due by date from indexes keyed by the council, as a
-- partner's does (migration `partner_work_by_date`), instead of reading every entry of its open
-- rounds and every milestone of its open actions at each request (docs/benchmarks.md,
-- "Dashboards").
--
-- (1) Its open rounds: the count rows per organisation and round (round_entry_counts), which carry
-- their round's deadline while it is open, by council; plus the entries the council reports
-- itself (no organisation, so not counted there), by round.
CREATE INDEX round_entry_counts_council_open_idx
    ON round_entry_counts (council_id, open_deadline, round_id) INCLUDE (state, count)
    WHERE open_deadline IS NOT NULL AND count > 0
      AND state IN ('draft', 'returned', 'submitted', 'validated');
CREATE INDEX progress_entries_own_idx ON progress_entries (round_id, state)
    WHERE organisation_id IS NULL;

-- (2) The milestones a council's actions have to meet: one row per milestone not yet completed,
-- with a due date, of an open action, whoever owns it. Worked out again, action by action, by the
-- statement triggers that keep organisation_milestones (whose key locks make two writers of the
-- same actions take turns), whenever a statement changes milestones or an action's status or
-- council.
CREATE TABLE council_milestones (
    milestone_id uuid PRIMARY KEY REFERENCES milestones (id) ON DELETE CASCADE,
    action_id uuid NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    council_id uuid NOT NULL REFERENCES organisations (id),
    due_by date NOT NULL
);
CREATE INDEX council_milestones_due_idx ON council_milestones (council_id, due_by, action_id);
CREATE INDEX council_milestones_action_idx ON council_milestones (action_id);
GRANT SELECT ON council_milestones TO scrutiny_app;
ALTER TABLE council_milestones ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON council_milestones
    USING (CASE WHEN (SELECT scrutiny_visible_councils()) IS NULL THEN true
                ELSE council_id = ANY ((SELECT scrutiny_visible_councils())::uuid[]) END)
    WITH CHECK (CASE WHEN (SELECT scrutiny_visible_councils()) IS NULL THEN true
                     ELSE council_id = ANY ((SELECT scrutiny_visible_councils())::uuid[]) END);

-- The rows of some actions (those a statement changed: a few), worked out again: rows no longer
-- true go (by the action index, never a join that may be planned as a scan), new ones come,
-- changed ones change. As the table's owner. Each action's milestones are read by
-- `milestones_action_idx`: the subquery fenced by OFFSET 0 cannot be read from the partial index
-- of milestones not met by due date (`milestones_due_idx`), whose action is its second column, so
-- that a probe by action through it would read the whole index.
CREATE FUNCTION scrutiny_council_milestones_of(actions_changed uuid[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH wanted AS (
        SELECT m.id AS milestone_id, a.id AS action_id, a.council_id, m.due_by
          FROM actions a
         CROSS JOIN LATERAL (SELECT x.id, x.due_by, x.completed_on FROM milestones x
                              WHERE x.action_id = a.id OFFSET 0) m
         WHERE a.id = ANY (actions_changed) AND a.status = 'open'
           AND m.completed_on IS NULL AND m.due_by IS NOT NULL
    ), gone AS (
        DELETE FROM council_milestones t
         WHERE t.action_id = ANY (actions_changed)
           AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.milestone_id = t.milestone_id)
    )
    INSERT INTO council_milestones AS t (milestone_id, action_id, council_id, due_by)
    SELECT milestone_id, action_id, council_id, due_by FROM wanted
     ORDER BY milestone_id
    ON CONFLICT (milestone_id) DO UPDATE
       SET action_id = EXCLUDED.action_id, council_id = EXCLUDED.council_id,
           due_by = EXCLUDED.due_by
     WHERE (t.action_id, t.council_id, t.due_by)
           IS DISTINCT FROM (EXCLUDED.action_id, EXCLUDED.council_id, EXCLUDED.due_by)
$$;

-- The triggers of migration `partner_work_by_date` (on milestones, owners and actions) work out
-- the council's rows of the actions changed too.
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
        -- (An owner changed changes no council's milestones.)
        IF TG_TABLE_NAME <> 'action_owners' THEN
            PERFORM scrutiny_council_milestones_of(changed);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_organisation_milestones_changed() TO scrutiny_app;

-- The rebuild of every kept table fills in the council's milestones too.
CREATE OR REPLACE FUNCTION scrutiny_rebuild_derived() RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE recommendations r SET document = d.document
      FROM (SELECT x.id, scrutiny_recommendation_document(x.id, x.number, x.text) AS document
              FROM recommendations x) d
     WHERE d.id = r.id AND r.document IS DISTINCT FROM d.document;
    TRUNCATE responsibilities, latest_entries, organisation_entry_counts, round_entry_counts,
             organisation_milestones, recommendation_latest, council_committee_counts,
             council_organisation_counts, council_review_counts, council_review_totals, council_milestones;
    PERFORM scrutiny_responsibilities_of(ARRAY(SELECT id FROM reviews));
    PERFORM scrutiny_organisation_milestones_of(ARRAY(SELECT id FROM actions WHERE status = 'open'));
    -- Every action's at once, set-based.
    INSERT INTO council_milestones (milestone_id, action_id, council_id, due_by)
    SELECT m.id, a.id, a.council_id, m.due_by
      FROM actions a JOIN milestones m ON m.action_id = a.id
     WHERE a.status = 'open' AND m.completed_on IS NULL AND m.due_by IS NOT NULL;
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

-- The milestones so far, and statistics now, so that the triggers' statements are planned from
-- them from the first write.
INSERT INTO council_milestones (milestone_id, action_id, council_id, due_by)
SELECT m.id, a.id, a.council_id, m.due_by
  FROM actions a JOIN milestones m ON m.action_id = a.id
 WHERE a.status = 'open' AND m.completed_on IS NULL AND m.due_by IS NOT NULL;
ANALYZE council_milestones;
