-- One search document per recommendation: its number and text, its parts' texts and its actions'
-- texts, kept up to date by triggers in the transaction of any change to them, and indexed with
-- the council first (btree_gin), so that a council's search is one index probe whatever the
-- word's frequency in the country (docs/benchmarks.md, slow query 2).
CREATE EXTENSION IF NOT EXISTS btree_gin;

ALTER TABLE recommendations ADD COLUMN document tsvector NOT NULL DEFAULT ''::tsvector;

-- The document of a recommendation, from what it and its parts and actions say now: the same
-- words as their own `search` columns.
CREATE FUNCTION scrutiny_recommendation_document(rec uuid, number text, body text)
RETURNS tsvector
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT to_tsvector('english', number || ' ' || body)
        || coalesce((SELECT to_tsvector('english', string_agg(p.text, ' '))
                       FROM recommendation_parts p WHERE p.recommendation_id = rec), ''::tsvector)
        || coalesce((SELECT to_tsvector('english',
                                        string_agg(a.proposed_actions || ' ' || coalesce(a.status_notes, ''), ' '))
                       FROM actions a WHERE a.recommendation_id = rec), ''::tsvector)
$$;
GRANT EXECUTE ON FUNCTION scrutiny_recommendation_document(uuid, text, text) TO scrutiny_app;

-- A recommendation written: its document from its new words.
CREATE FUNCTION scrutiny_recommendation_document_own() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.document := scrutiny_recommendation_document(NEW.id, NEW.number, NEW.text);
    RETURN NEW;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_recommendation_document_own() TO scrutiny_app;
CREATE TRIGGER recommendations_document BEFORE INSERT OR UPDATE OF number, text
    ON recommendations FOR EACH ROW EXECUTE FUNCTION scrutiny_recommendation_document_own();

-- A part or an action written or removed: its recommendation's document again (as the table's
-- owner: the recommendation is the same council's, and row-level security has already let the
-- write through).
CREATE FUNCTION scrutiny_recommendation_document_of_child() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    rec uuid;
BEGIN
    FOR rec IN
        SELECT DISTINCT x FROM unnest(ARRAY[
            CASE WHEN TG_OP <> 'DELETE' THEN NEW.recommendation_id END,
            CASE WHEN TG_OP <> 'INSERT' THEN OLD.recommendation_id END]) AS x
        WHERE x IS NOT NULL
    LOOP
        UPDATE recommendations r
           SET document = scrutiny_recommendation_document(r.id, r.number, r.text)
         WHERE r.id = rec;
    END LOOP;
    RETURN NULL;
END
$$;
GRANT EXECUTE ON FUNCTION scrutiny_recommendation_document_of_child() TO scrutiny_app;
CREATE TRIGGER recommendation_parts_document
    AFTER INSERT OR DELETE OR UPDATE OF text, recommendation_id
    ON recommendation_parts FOR EACH ROW EXECUTE FUNCTION scrutiny_recommendation_document_of_child();
CREATE TRIGGER actions_document
    AFTER INSERT OR DELETE OR UPDATE OF proposed_actions, status_notes, recommendation_id
    ON actions FOR EACH ROW EXECUTE FUNCTION scrutiny_recommendation_document_of_child();

-- The documents so far.
UPDATE recommendations r SET document = scrutiny_recommendation_document(r.id, r.number, r.text);

CREATE INDEX recommendations_document_idx ON recommendations USING gin (council_id, document);
