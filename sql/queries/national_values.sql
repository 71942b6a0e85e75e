-- Every value of $measures for every LA, region and England, every year, oldest first, with each
-- LA's national rank in its year (1 best by polarity, ties share the lowest rank, as LAIT).
WITH v AS (
    SELECT v.measure, v.period_key, y.label, p.end_date, p.start_date, v.area_code, a.name, a.kind,
           a.region_code, v.value, m.polarity
    FROM dfe_values v
    JOIN dfe_years y ON y.measure = v.measure AND y.period_key = v.period_key
    JOIN periods p ON p.period_key = v.period_key
    JOIN areas a ON a.area_code = v.area_code AND a.kind IN ('la', 'region', 'england')
    JOIN dfe_measures m ON m.measure = v.measure
    WHERE list_contains($measures, v.measure)
)
SELECT measure, period_key, label, end_date, area_code, name, kind, region_code, value,
       CASE WHEN kind = 'la' AND value IS NOT NULL AND polarity IS NOT NULL
            THEN rank() OVER (PARTITION BY measure, period_key, kind = 'la' AND value IS NOT NULL
                              ORDER BY CASE WHEN polarity = 'lower' THEN value ELSE -value END) END AS rank
FROM v
ORDER BY measure, end_date, start_date, area_code
