-- For every indicator that names a DfE measure: each year of that measure for the indicator's
-- authority (its plan's area, else $area) with the neighbour average, region, England, national
-- rank (1 best by polarity, ties share the lowest rank), quartile thresholds (linear quantiles of
-- all LAs, as numpy and LAIT) and rank among the authority and its neighbours. One query.
WITH linked AS (
    SELECT i.code, i.dfe_measure AS measure, m.polarity, m.no_quartile,
           coalesce(pl.area_code, $area) AS la
    FROM indicators i
    JOIN dfe_measures m ON m.measure = i.dfe_measure
    LEFT JOIN priorities pr ON pr.priority_code = i.priority_code
    LEFT JOIN plans pl ON pl.plan_code = coalesce(i.plan_code, pr.plan_code)
),
la_values AS (
    SELECT v.measure, v.period_key, v.area_code, v.value
    FROM dfe_values v JOIN areas a ON a.area_code = v.area_code AND a.kind = 'la'
    WHERE v.value IS NOT NULL AND v.measure IN (SELECT measure FROM linked)
),
ranked AS (
    SELECT l.code, v.period_key, v.area_code, v.value,
           rank() OVER (PARTITION BY l.code, v.period_key
                        ORDER BY CASE WHEN l.polarity = 'lower' THEN v.value ELSE -v.value END) AS rank,
           count(*) OVER (PARTITION BY l.code, v.period_key) AS rank_of,
           quantile_cont(v.value, [0.25, 0.5, 0.75]) OVER (PARTITION BY l.code, v.period_key) AS thresholds
    FROM linked l JOIN la_values v ON v.measure = l.measure
),
grouped AS (
    SELECT l.code, v.period_key, v.area_code,
           rank() OVER (PARTITION BY l.code, v.period_key
                        ORDER BY CASE WHEN l.polarity = 'lower' THEN v.value ELSE -v.value END) AS sn_rank,
           count(*) OVER (PARTITION BY l.code, v.period_key) AS sn_rank_of
    FROM linked l
    JOIN la_values v ON v.measure = l.measure
    WHERE v.area_code = l.la
       OR v.area_code IN (SELECT neighbour_code FROM area_neighbours n WHERE n.area_code = l.la AND n.model = $model)
),
neighbours AS (
    SELECT l.code, v.period_key, avg(v.value) AS sn_average, count(v.value) AS sn_n
    FROM linked l
    JOIN area_neighbours n ON n.area_code = l.la AND n.model = $model
    JOIN la_values v ON v.measure = l.measure AND v.area_code = n.neighbour_code
    GROUP BY ALL
),
places AS (
    SELECT l.code, l.la, l.polarity, l.no_quartile, y.period_key, y.label,
           max(v.value) FILTER (WHERE v.area_code = l.la) AS value,
           max(v.value) FILTER (WHERE v.area_code = '970') AS england,
           max(v.value) FILTER (WHERE v.area_code = a.region_code) AS region
    FROM linked l
    JOIN dfe_years y ON y.measure = l.measure
    LEFT JOIN areas a ON a.area_code = l.la
    LEFT JOIN dfe_values v ON v.measure = l.measure AND v.period_key = y.period_key
                          AND v.area_code IN (l.la, '970', a.region_code)
    GROUP BY ALL
)
SELECT p.code, p.period_key, p.label AS dfe_label, pe.start_date, pe.end_date, pe.period_type,
       p.polarity AS dfe_polarity, p.no_quartile,
       p.value AS dfe_value, nb.sn_average AS dfe_sn_average, nb.sn_n, p.region AS dfe_region,
       p.england AS dfe_england,
       CASE WHEN p.polarity IS NULL THEN NULL ELSE r.rank END AS rank,
       CASE WHEN p.polarity IS NULL THEN NULL ELSE r.rank_of END AS rank_of,
       CASE WHEN p.polarity IS NULL OR p.no_quartile THEN NULL ELSE r.thresholds END AS thresholds,
       CASE WHEN p.polarity IS NULL THEN NULL ELSE g.sn_rank END AS sn_rank,
       CASE WHEN p.polarity IS NULL THEN NULL ELSE g.sn_rank_of END AS sn_rank_of
FROM places p
JOIN periods pe ON pe.period_key = p.period_key
LEFT JOIN ranked r ON r.code = p.code AND r.period_key = p.period_key AND r.area_code = p.la
LEFT JOIN grouped g ON g.code = p.code AND g.period_key = p.period_key AND g.area_code = p.la
LEFT JOIN neighbours nb ON nb.code = p.code AND nb.period_key = p.period_key
ORDER BY p.code, pe.end_date
