-- Every indicator computed from schools, with its authority (its plan's area, else $area) and each period it has
-- (targets, actuals, anything): the figures are computed as at each period's end.
WITH linked AS (
    SELECT i.code, i.school_measure, coalesce(pl.area_code, $area) AS la
    FROM indicators i
    LEFT JOIN priorities pr ON pr.priority_code = i.priority_code
    LEFT JOIN plans pl ON pl.plan_code = coalesce(i.plan_code, pr.plan_code)
    WHERE i.school_measure IS NOT NULL
)
SELECT DISTINCT l.code, l.school_measure, l.la, p.period_key, p.label, p.start_date, p.end_date, p.period_type
FROM linked l
JOIN observations o ON o.indicator_code = l.code AND o.area_code = l.la
JOIN periods p ON p.period_key = o.period_key
ORDER BY l.code, p.end_date
