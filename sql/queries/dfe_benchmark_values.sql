-- Every LA, region and England with its value for one measure and period, the value for the
-- measure's previous period, and its position among $la's neighbours in $model (NULL if not one).
WITH years AS (
    SELECT y.period_key, p.end_date
    FROM dfe_years y JOIN periods p ON p.period_key = y.period_key
    WHERE y.measure = $measure
),
previous AS (
    SELECT period_key FROM years
    WHERE end_date < (SELECT end_date FROM years WHERE period_key = $period_key)
    ORDER BY end_date DESC LIMIT 1
),
vals AS (
    SELECT area_code,
           max(value) FILTER (WHERE period_key = $period_key) AS value,
           max(value) FILTER (WHERE period_key = (SELECT period_key FROM previous)) AS previous
    FROM dfe_values
    WHERE measure = $measure
      AND (period_key = $period_key OR period_key = (SELECT period_key FROM previous))
    GROUP BY area_code
)
SELECT a.area_code, a.name, a.kind, a.region_code, v.value, v.previous, n.position AS sn_position
FROM areas a
LEFT JOIN vals v ON v.area_code = a.area_code
LEFT JOIN area_neighbours n ON n.model = $model AND n.area_code = $la AND n.neighbour_code = a.area_code
WHERE a.kind IN ('la', 'region', 'england')
ORDER BY a.area_code
