-- The policies ask scrutiny_council_visible(council_id) of each row again.
DO $$
DECLARE
    p record;
    -- The new check as PostgreSQL writes it back in pg_policies (over several lines).
    new_check constant text :=
        'CASE\s+WHEN \(\( SELECT scrutiny_visible_councils\(\) AS scrutiny_visible_councils\) IS NULL\) '
        'THEN true\s+ELSE \(council_id = ANY \(\( SELECT scrutiny_visible_councils\(\) AS '
        'scrutiny_visible_councils\)::uuid\[\]\)\)\s+END';
    old_check constant text := 'scrutiny_council_visible(council_id)';
BEGIN
    FOR p IN SELECT tablename, policyname, qual, with_check FROM pg_policies
              WHERE schemaname = 'public'
                AND (qual ~ new_check OR with_check ~ new_check)
    LOOP
        IF p.qual IS NOT NULL THEN
            EXECUTE format('ALTER POLICY %I ON %I USING (%s)', p.policyname, p.tablename,
                           regexp_replace(p.qual, new_check, old_check, 'g'));
        END IF;
        IF p.with_check IS NOT NULL THEN
            EXECUTE format('ALTER POLICY %I ON %I WITH CHECK (%s)', p.policyname, p.tablename,
                           regexp_replace(p.with_check, new_check, old_check, 'g'));
        END IF;
    END LOOP;
END
$$;
DROP FUNCTION scrutiny_visible_councils();
