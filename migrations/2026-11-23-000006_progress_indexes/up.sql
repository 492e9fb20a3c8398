-- Progress entries are listed in id (creation) order within a scope: a council's
-- (`GET /progress-entries` for council staff) or a reporting organisation's (for partners). The
-- indexes of 000003 lead with the scope but then sort by state, so a page had to read every entry
-- of the council (or organisation) and sort them, or walk the whole table in id order keeping 1 in
-- 90 (measured with scripts/bench; see docs/benchmarks.md, "Progress entries"). These give the
-- first page, and every page after a cursor, straight from the index.
CREATE INDEX progress_entries_council_id_idx ON progress_entries (council_id, id);
CREATE INDEX progress_entries_organisation_id_idx ON progress_entries (organisation_id, id);
