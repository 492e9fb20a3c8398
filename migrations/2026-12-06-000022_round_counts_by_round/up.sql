-- The reminder scheduler asks, for the rounds with a notice due, which organisations still owe
-- anything (round_entry_counts), before it reads what they owe: by round.
CREATE INDEX round_entry_counts_round_idx ON round_entry_counts (round_id, state, organisation_id);
