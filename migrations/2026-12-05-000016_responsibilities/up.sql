-- What each partner organisation is responsible for, one row per (organisation, recommendation),
-- kept by triggers in the transaction of every change to actions and their owners, so that a
-- partner's scope is one probe of an index keyed by the organisation (docs/benchmarks.md,
-- "Partner scope"): an organisation that owns nothing costs as little as one that owns much.
--
-- An organisation is responsible for a recommendation when an action of it names the organisation
-- (`owns`), or when an action of it is for "all" partners and the organisation owns an action of
-- the same review (docs/domain.md, "Who sees what"). The reviews a partner has a part in are the
-- reviews of its rows. `review_id` and `position` copy the recommendation's, so that a partner's
-- recommendations come out of the index in the lists' order.
CREATE TABLE responsibilities (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    recommendation_id uuid NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    council_id uuid NOT NULL REFERENCES organisations (id),
    review_id uuid NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    position integer NOT NULL,
    owns boolean NOT NULL,
    PRIMARY KEY (organisation_id, recommendation_id)
);
CREATE INDEX responsibilities_order_idx
    ON responsibilities (organisation_id, review_id, position, recommendation_id);
CREATE INDEX responsibilities_review_idx ON responsibilities (review_id, organisation_id);
CREATE INDEX responsibilities_recommendation_idx ON responsibilities (recommendation_id);
GRANT SELECT ON responsibilities TO scrutiny_app;

ALTER TABLE responsibilities ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_tenant ON responsibilities
    USING (scrutiny_council_visible(council_id))
    WITH CHECK (scrutiny_council_visible(council_id));

-- Takes transaction-long advisory locks on these keys of a namespace, in one order (no deadlock
-- between two callers), so that two transactions working out the same derived rows take turns:
-- the second works them out again after the first has committed, from what it committed. Each
-- key is locked under a shared lock of its namespace; a statement touching more than 256 keys
-- (a bulk load) takes the namespace's lock alone, exclusively, so that it never needs more locks
-- than the lock table holds.
CREATE FUNCTION scrutiny_lock_keys(namespace text, keys text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    k bigint;
BEGIN
    IF (SELECT count(DISTINCT x) FROM unnest(keys) AS x) > 256 THEN
        PERFORM pg_advisory_xact_lock(hashtextextended(namespace, 0));
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock_shared(hashtextextended(namespace, 0));
    FOR k IN SELECT DISTINCT hashtextextended(namespace || ':' || x, 0) FROM unnest(keys) AS x
             ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock(k);
    END LOOP;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_lock_keys(text, text[]) TO scrutiny_app;

-- The rows of some reviews, worked out again from their actions and owners: rows no longer true
-- go, new ones come, changed ones change, the rest are left alone (the rows deleted and the rows
-- written are never the same, so one statement does both). As the table's owner (the application
-- may only read it); row-level security has already let the triggering write through.
CREATE FUNCTION scrutiny_responsibilities_of(reviews_changed uuid[]) RETURNS void
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

-- Owners added, changed or removed (once per statement, for the reviews of the actions touched).
CREATE FUNCTION scrutiny_responsibilities_of_owners() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changed uuid[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT a.review_id) INTO changed
          FROM new_rows n JOIN actions a ON a.id = n.action_id;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT a.review_id) INTO changed
          FROM old_rows o JOIN actions a ON a.id = o.action_id;
    ELSE
        SELECT array_agg(DISTINCT a.review_id) INTO changed
          FROM (SELECT action_id, organisation_id FROM new_rows
                EXCEPT
                SELECT action_id, organisation_id FROM old_rows) x
          JOIN actions a ON a.id = x.action_id;
        changed := coalesce(changed, '{}') || coalesce((
            SELECT array_agg(DISTINCT a.review_id)
              FROM (SELECT action_id, organisation_id FROM old_rows
                    EXCEPT
                    SELECT action_id, organisation_id FROM new_rows) x
              JOIN actions a ON a.id = x.action_id), '{}');
    END IF;
    IF cardinality(changed) > 0 THEN
        PERFORM scrutiny_lock_keys('responsibilities', changed::text[]);
        PERFORM scrutiny_responsibilities_of(changed);
    END IF;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_responsibilities_of_owners() TO scrutiny_app;
CREATE TRIGGER action_owners_responsibilities_insert AFTER INSERT ON action_owners
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_responsibilities_of_owners();
CREATE TRIGGER action_owners_responsibilities_update AFTER UPDATE ON action_owners
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_responsibilities_of_owners();
CREATE TRIGGER action_owners_responsibilities_delete AFTER DELETE ON action_owners
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_responsibilities_of_owners();

-- Actions added, removed, moved to another recommendation, or made "all" partners' or no longer.
-- (An action inserted without owners and not for "all" changes nothing; its owners' own trigger
-- follows.)
CREATE FUNCTION scrutiny_responsibilities_of_actions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changed uuid[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT review_id) INTO changed FROM new_rows WHERE responsible_all;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT review_id) INTO changed FROM old_rows;
    ELSE
        SELECT array_agg(DISTINCT x.review_id) INTO changed
          FROM old_rows o JOIN new_rows n ON n.id = o.id,
               LATERAL (VALUES (o.review_id), (n.review_id)) AS x (review_id)
         WHERE (o.responsible_all, o.recommendation_id, o.review_id)
               IS DISTINCT FROM (n.responsible_all, n.recommendation_id, n.review_id);
    END IF;
    IF cardinality(changed) > 0 THEN
        PERFORM scrutiny_lock_keys('responsibilities', changed::text[]);
        PERFORM scrutiny_responsibilities_of(changed);
    END IF;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_responsibilities_of_actions() TO scrutiny_app;
CREATE TRIGGER actions_responsibilities_insert AFTER INSERT ON actions
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_responsibilities_of_actions();
CREATE TRIGGER actions_responsibilities_update AFTER UPDATE ON actions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_responsibilities_of_actions();
CREATE TRIGGER actions_responsibilities_delete AFTER DELETE ON actions
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION scrutiny_responsibilities_of_actions();

-- A recommendation moved within its review: its rows keep the lists' order.
CREATE FUNCTION scrutiny_responsibilities_position() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE responsibilities SET position = NEW.position, review_id = NEW.review_id
     WHERE recommendation_id = NEW.id;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_responsibilities_position() TO scrutiny_app;
CREATE TRIGGER recommendations_responsibilities AFTER UPDATE OF position, review_id
    ON recommendations FOR EACH ROW
    WHEN (OLD.position IS DISTINCT FROM NEW.position OR OLD.review_id IS DISTINCT FROM NEW.review_id)
    EXECUTE FUNCTION scrutiny_responsibilities_position();

-- Every review's rows so far.
SELECT scrutiny_responsibilities_of(array_agg(id)) FROM reviews;

-- A partner's inbox (what it owes: drafts and returned entries) in id order, whatever it has
-- reported before (docs/benchmarks.md, "Partner scope").
CREATE INDEX progress_entries_owed_idx ON progress_entries (organisation_id, id)
    WHERE state IN ('draft', 'returned');
