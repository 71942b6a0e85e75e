-- One school's state at one date by the as-at rule (school_segments): its grade, the inspection that gave it, open.
SELECT grade, graded_on, open_at, not_judged
FROM school_segments($mode, $days, urns := [CAST($urn AS INTEGER)])
WHERE urn = $urn AND seg_from <= CAST($at AS DATE) AND coalesce(seg_to, DATE '9999-12-31') > CAST($at AS DATE)
