UPDATE recommendations r SET text = (
    SELECT string_agg(p.label || ') ' || p.text, ' ' ORDER BY p.position)
    FROM recommendation_parts p WHERE p.recommendation_id = r.id
) WHERE r.text = '';
ALTER TABLE recommendations DROP CONSTRAINT recommendations_text_check;
ALTER TABLE recommendations ADD CONSTRAINT recommendations_text_check
    CHECK (length(btrim(text)) >= 1);
