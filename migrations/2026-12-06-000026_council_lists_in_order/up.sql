-- A council's recommendations in list order (review, position, id), whatever their status, so
-- that its first page is read from the index in order and stops at the page's end, instead of
-- sorting all the council's recommendations (docs/benchmarks.md, "Officer lists in review
-- order"). With a filter that is checked row by row (`overdue=true`: an unmet milestone past
-- due), the scan stops as soon as the page is full. The index by status serves the lists by
-- status.
CREATE INDEX recommendations_council_order_idx
    ON recommendations (council_id, review_id, position, id);
