-- A council's actions in list order (plan, position, id), whatever their status, so that a page of
-- them, and a page of those one organisation is responsible for (`responsible_organisation_id`),
-- is read from the index in order and stops at the page's end, each action's owners probed by
-- `action_owners_organisation_idx`, instead of joining every action of the council, or every
-- action the organisation owns across the country, and sorting them (docs/benchmarks.md, "GET
-- /actions?responsible_organisation_id=… as an officer"). As `council_lists_in_order` did for
-- recommendations.
CREATE INDEX IF NOT EXISTS actions_council_plan_idx ON actions (council_id, plan_id, position, id);
