DROP INDEX recommendations_document_idx;
DROP TRIGGER actions_document ON actions;
DROP TRIGGER recommendation_parts_document ON recommendation_parts;
DROP TRIGGER recommendations_document ON recommendations;
DROP FUNCTION scrutiny_recommendation_document_of_child();
DROP FUNCTION scrutiny_recommendation_document_own();
DROP FUNCTION scrutiny_recommendation_document(uuid, text, text);
ALTER TABLE recommendations DROP COLUMN document;
-- btree_gin stays: other databases' objects may use it.
