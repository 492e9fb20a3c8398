DROP TRIGGER progress_rounds_latest_committee ON progress_rounds;
DROP TRIGGER progress_entries_latest_insert ON progress_entries;
DROP TRIGGER progress_entries_latest_update ON progress_entries;
DROP TRIGGER progress_entries_latest_delete ON progress_entries;
DROP FUNCTION scrutiny_latest_entries_committee();
DROP FUNCTION scrutiny_latest_entries_changed();
DROP FUNCTION scrutiny_latest_entries_of(uuid[], uuid[]);
DROP TABLE latest_entries;
