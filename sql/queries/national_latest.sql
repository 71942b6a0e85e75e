-- For each of $measures, its latest year with data and the year before: every LA's value, the
-- previous value, its national rank (1 best by polarity, ties share the lowest rank, as LAIT), the
-- quartile thresholds of all LAs (linear quantiles, as numpy and R's default), its neighbours'
-- mean and count in $model and its rank among itself and them; with its region and England.
-- One query for every LA at once, so choosing another authority needs no query of its own.
WITH m AS MATERIALIZED (
    SELECT measure, title, polarity, decimals, no_quartile, unit, topic
    FROM dfe_measures WHERE measure IN (SELECT unnest($measures))
),
base AS MATERIALIZED (
    SELECT v.measure, v.period_key, v.area_code, v.value
    FROM dfe_values v WHERE v.measure IN (SELECT measure FROM m)
),
years AS MATERIALIZED (
    SELECT y.measure, y.period_key, y.label, p.end_date, p.start_date,
           row_number() OVER (PARTITION BY y.measure ORDER BY p.end_date DESC, p.start_date DESC) AS back
    FROM dfe_years y JOIN periods p ON p.period_key = y.period_key
    WHERE (y.measure, y.period_key) IN (SELECT measure, period_key FROM base
                                        WHERE area_code = '970' AND value IS NOT NULL)
),
latest AS (SELECT * FROM years WHERE back = 1),
previous AS (SELECT * FROM years WHERE back = 2),
vals AS MATERIALIZED (
    SELECT v.measure, v.area_code, a.kind, a.region_code,
           max(v.value) FILTER (WHERE v.period_key = l.period_key) AS value,
           max(v.value) FILTER (WHERE v.period_key = pr.period_key) AS previous
    FROM base v
    JOIN latest l ON l.measure = v.measure
    LEFT JOIN previous pr ON pr.measure = v.measure
    JOIN areas a ON a.area_code = v.area_code
    WHERE v.period_key = l.period_key OR v.period_key = pr.period_key
    GROUP BY ALL
),
la AS MATERIALIZED (SELECT * FROM vals WHERE kind = 'la'),
ranked AS (
    SELECT la.*,
           CASE WHEN value IS NOT NULL THEN rank() OVER (PARTITION BY la.measure, value IS NULL
               ORDER BY CASE WHEN m.polarity = 'lower' THEN value ELSE -value END) END AS rank,
           count(value) OVER (PARTITION BY la.measure) AS rank_of,
           quantile_cont(value, [0.25, 0.5, 0.75]) OVER (PARTITION BY la.measure) AS thresholds
    FROM la JOIN m ON m.measure = la.measure
),
sn AS (
    SELECT la.measure, n.area_code, avg(la.value) AS sn_average, count(la.value) AS sn_n
    FROM area_neighbours n JOIN la ON la.area_code = n.neighbour_code
    WHERE n.model = $model
    GROUP BY ALL
),
groups AS (   -- each LA with its neighbours, for its rank among them
    SELECT n.area_code, n.neighbour_code AS member FROM area_neighbours n WHERE n.model = $model
    UNION ALL
    SELECT DISTINCT area_code, area_code FROM la
),
sn_rank AS (
    SELECT g.area_code, la.measure,
           1 + count(*) FILTER (WHERE CASE WHEN m.polarity = 'lower' THEN o.value < la.value
                                           ELSE o.value > la.value END) AS sn_rank,
           count(o.value) AS sn_rank_of
    FROM groups g
    JOIN la ON la.area_code = g.area_code
    JOIN m ON m.measure = la.measure
    JOIN la o ON o.measure = la.measure AND o.area_code = g.member
    WHERE la.value IS NOT NULL
    GROUP BY ALL
)
SELECT r.measure, m.title, m.topic, m.unit, m.polarity, m.decimals, m.no_quartile,
       l.label, l.end_date, pr.label AS previous_label,
       r.area_code, r.value, r.previous,
       CASE WHEN m.polarity IS NULL THEN NULL ELSE r.rank END AS rank,
       CASE WHEN m.polarity IS NULL THEN NULL ELSE r.rank_of END AS rank_of,
       CASE WHEN m.polarity IS NULL OR m.no_quartile THEN NULL ELSE r.thresholds END AS thresholds,
       s.sn_average, coalesce(s.sn_n, 0) AS sn_n,
       CASE WHEN m.polarity IS NULL THEN NULL ELSE k.sn_rank END AS sn_rank,
       CASE WHEN m.polarity IS NULL THEN NULL ELSE k.sn_rank_of END AS sn_rank_of,
       reg.value AS region, eng.value AS england
FROM ranked r
JOIN m ON m.measure = r.measure
JOIN latest l ON l.measure = r.measure
LEFT JOIN previous pr ON pr.measure = r.measure
LEFT JOIN sn s ON s.measure = r.measure AND s.area_code = r.area_code
LEFT JOIN sn_rank k ON k.measure = r.measure AND k.area_code = r.area_code
LEFT JOIN vals reg ON reg.measure = r.measure AND reg.area_code = r.region_code
LEFT JOIN vals eng ON eng.measure = r.measure AND eng.area_code = '970'
ORDER BY r.measure, r.area_code
