-- A recommendation may be made only of its parts ("a) That …; b) That …"), with no lead-in
-- sentence: its text is then empty. The application refuses an empty text for a recommendation
-- without parts.
ALTER TABLE recommendations DROP CONSTRAINT recommendations_text_check;
ALTER TABLE recommendations ADD CONSTRAINT recommendations_text_check
    CHECK (text = '' OR length(btrim(text)) >= 1);
