-- A principal carries its organisation's name (`GET /me` answers from it without a query), so a
-- renamed organisation is announced too: the servers forget its people's principals when the
-- transaction commits.
DROP TRIGGER organisations_principal_changed ON organisations;
CREATE TRIGGER organisations_principal_changed AFTER UPDATE OF kind, name OR DELETE ON organisations
    FOR EACH ROW EXECUTE FUNCTION scrutiny_principal_changed();
