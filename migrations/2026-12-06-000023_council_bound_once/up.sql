-- Row-level security's check, worked out once per statement instead of once per row.
--
-- Every policy asked scrutiny_council_visible(council_id) of each row a statement looked at, and
-- that function reads the request's binding (`scrutiny.council`, `scrutiny.councils`) and, for a
-- partner, parses the list of its councils: microseconds a row, which a partner's dashboard paid
-- on each of the 16,934 recommendations it owns at national scale (docs/benchmarks.md). The
-- councils visible are now worked out by scrutiny_visible_councils() in a sub-select, which
-- PostgreSQL evaluates once per statement (an InitPlan), and each row is compared with its result.
-- What is visible is unchanged: every row when the connection is bound to nothing (NULL), else
-- the rows of the bound council or councils.
CREATE FUNCTION scrutiny_visible_councils() RETURNS uuid[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN coalesce(current_setting('scrutiny.council', true), '') <> ''
            THEN ARRAY[current_setting('scrutiny.council', true)::uuid]
        WHEN coalesce(current_setting('scrutiny.councils', true), '') <> ''
            THEN string_to_array(current_setting('scrutiny.councils', true), ',')::uuid[]
    END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_visible_councils() TO scrutiny_app;

-- Every policy that asks the old check of `council_id` asks the new one instead, wherever the
-- check stands in its expression (some also let rows without a council through). The cast keeps
-- `= ANY` comparing with the array, not with the sub-select's rows. The check is a CASE, as the
-- old function was once inlined, so that the planner estimates it as before (half the rows): as
-- `… IS NULL OR council_id = ANY (…)` it was estimated to keep one row in a hundred, and a
-- partner's first page of recommendations was planned as a sort of all of them (0.6 → 470 ms).
DO $$
DECLARE
    p record;
    old_check constant text := 'scrutiny_council_visible(council_id)';
    new_check constant text := 'CASE WHEN (SELECT scrutiny_visible_councils()) IS NULL THEN true '
                               'ELSE council_id = ANY ((SELECT scrutiny_visible_councils())::uuid[]) END';
BEGIN
    FOR p IN SELECT tablename, policyname, qual, with_check FROM pg_policies
              WHERE schemaname = 'public'
                AND (qual LIKE '%' || old_check || '%' OR with_check LIKE '%' || old_check || '%')
    LOOP
        IF p.qual IS NOT NULL THEN
            EXECUTE format('ALTER POLICY %I ON %I USING (%s)', p.policyname, p.tablename,
                           replace(p.qual, old_check, new_check));
        END IF;
        IF p.with_check IS NOT NULL THEN
            EXECUTE format('ALTER POLICY %I ON %I WITH CHECK (%s)', p.policyname, p.tablename,
                           replace(p.with_check, old_check, new_check));
        END IF;
    END LOOP;
    IF EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public'
                AND (qual LIKE '%scrutiny_council_visible%'
                     OR with_check LIKE '%scrutiny_council_visible%')) THEN
        RAISE EXCEPTION 'a policy still asks scrutiny_council_visible of something else';
    END IF;
END
$$;
