DROP INDEX actions_council_plan_idx;
