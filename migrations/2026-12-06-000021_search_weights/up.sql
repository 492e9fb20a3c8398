-- Searches are ranked (`sort=relevance`, the default with `q`): a recommendation's own words
-- (its number and text) weigh most (A), its parts' next (B), its actions' least (C), so that a
-- recommendation about the words comes before one whose action merely mentions them.
CREATE OR REPLACE FUNCTION scrutiny_recommendation_document(rec uuid, number text, body text)
RETURNS tsvector
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT setweight(to_tsvector('english', number || ' ' || body), 'A')
        || setweight(coalesce((SELECT to_tsvector('english', string_agg(p.text, ' '))
                                 FROM recommendation_parts p WHERE p.recommendation_id = rec),
                              ''::tsvector), 'B')
        || setweight(coalesce((SELECT to_tsvector('english',
                                                  string_agg(a.proposed_actions || ' ' || coalesce(a.status_notes, ''), ' '))
                                 FROM actions a WHERE a.recommendation_id = rec),
                              ''::tsvector), 'C')
$$;

-- The documents so far, weighted.
UPDATE recommendations r SET document = scrutiny_recommendation_document(r.id, r.number, r.text);
