-- One school's targets, newest first: the first row is the target in force (unless it withdrew the target).
SELECT target_id, rule, baseline_date, baseline, due, note, coalesce(withdrawn, FALSE) AS withdrawn, set_by, set_at
FROM school_targets WHERE urn = $urn
ORDER BY set_at DESC, target_id DESC
