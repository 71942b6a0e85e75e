-- Targets per school as at $as_at (school_target_status), for LA $la or one school $urn (either may be NULL),
-- each with the school's name and type, and the name of the school it is judged as (itself, or what replaced it).
SELECT t.*, coalesce(s.name, 'School ' || CAST(t.urn AS VARCHAR)) AS name, s.school_type,
       coalesce(j.name, 'School ' || CAST(t.judged_urn AS VARCHAR)) AS judged_name
FROM school_target_status([CAST($as_at AS DATE)], $mode, $days, la := CAST($la AS VARCHAR)) t
LEFT JOIN schools s ON s.urn = t.urn
LEFT JOIN schools j ON j.urn = t.judged_urn
WHERE (CAST($urn AS INTEGER) IS NULL OR t.urn = CAST($urn AS INTEGER))
ORDER BY name, t.urn
