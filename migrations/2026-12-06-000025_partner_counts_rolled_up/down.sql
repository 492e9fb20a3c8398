-- A partner's dashboard counted from its count rows alone, as before.
DROP TRIGGER organisation_entry_counts_rollups_truncate ON organisation_entry_counts;
DROP TRIGGER organisation_entry_counts_rollups_delete ON organisation_entry_counts;
DROP TRIGGER organisation_entry_counts_rollups_update ON organisation_entry_counts;
DROP TRIGGER organisation_entry_counts_rollups_insert ON organisation_entry_counts;
DROP FUNCTION scrutiny_organisation_rollups_emptied();
DROP FUNCTION scrutiny_organisation_rollups_changed();
DROP TABLE organisation_review_totals;
DROP TABLE organisation_committee_counts;
