-- A new entry in a school's target history (setting, changing or withdrawing it); the caller audits it.
INSERT INTO school_targets (urn, rule, baseline, baseline_date, due, note, withdrawn, set_by, set_at)
VALUES ($urn, $rule, $baseline, $baseline_date, $due, $note, $withdrawn, $user, current_localtimestamp())
