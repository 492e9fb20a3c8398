CREATE OR REPLACE FUNCTION scrutiny_recommendation_document(rec uuid, number text, body text)
RETURNS tsvector
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT to_tsvector('english', number || ' ' || body)
        || coalesce((SELECT to_tsvector('english', string_agg(p.text, ' '))
                       FROM recommendation_parts p WHERE p.recommendation_id = rec), ''::tsvector)
        || coalesce((SELECT to_tsvector('english',
                                        string_agg(a.proposed_actions || ' ' || coalesce(a.status_notes, ''), ' '))
                       FROM actions a WHERE a.recommendation_id = rec), ''::tsvector)
$$;

UPDATE recommendations r SET document = scrutiny_recommendation_document(r.id, r.number, r.text);
