DROP TRIGGER organisations_principal_changed ON organisations;
CREATE TRIGGER organisations_principal_changed AFTER UPDATE OF kind OR DELETE ON organisations
    FOR EACH ROW EXECUTE FUNCTION scrutiny_principal_changed();
