-- Schema version 9: schools causing concern and targets per school. The LA's own categories are in
-- school_la_categories (version 5); the rules it lists schools causing concern by are one meta row
-- (schools_concern_rules, written by kpi.schools.concern when an officer saves them).
-- A school's target runs from a baseline date (e.g. the completion of BSF building works) to its due date; the
-- grade it asks for is worked out from the school's grade at the baseline (school_target_status in
-- sql/queries/school_status_macro.sql). Withdrawing a target is a new entry, so the history stays whole.
ALTER TABLE school_targets ADD COLUMN IF NOT EXISTS baseline_date DATE;
ALTER TABLE school_targets ADD COLUMN IF NOT EXISTS withdrawn BOOLEAN DEFAULT FALSE;

