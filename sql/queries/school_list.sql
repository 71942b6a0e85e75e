-- The schools of LA $la at $as_at, each with its register details, its grade by the as-at rule and its part in
-- every catalogue measure (kpi.schools picks the columns of the measure asked for). A predecessor no register
-- lists is named after the school that replaced it.
SELECT f.*, coalesce(s.name, 'Predecessor of ' || succ.name || ' (closed)') AS name, s.laestab,
       coalesce(s.school_type, 'Closed before the register') AS school_type, s.governance, s.academy_kind, s.trust,
       s.pupils, s.open_date
FROM school_flags([CAST($as_at AS DATE)], $mode, $days, la := $la) f
LEFT JOIN schools s ON s.urn = f.urn
LEFT JOIN (SELECT predecessor_urn, min(name) AS name FROM schools GROUP BY 1) succ ON succ.predecessor_urn = f.urn
WHERE f.la_code = $la
ORDER BY name, f.urn
