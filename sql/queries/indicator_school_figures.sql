-- For every indicator computed from schools: each of its periods with the authority's figure, the neighbour average,
-- region, England, national rank (1 best by polarity, ties share the lowest), quartile thresholds of all LAs and rank
-- among the authority and its neighbours: the same columns as indicator_dfe_figures, so the series takes both alike.
-- school_linked: (code, school_measure, la, period_key, label, start_date, end_date, period_type, polarity)
-- school_values: (school_measure, as_at, area, kind, value, schools, not_judged) from kpi.schools.measures.
WITH lv AS (
    SELECT l.code, l.period_key, l.polarity, v.area, v.kind, v.value, v.schools, v.not_judged
    FROM school_linked l
    JOIN school_values v ON v.school_measure = l.school_measure AND v.as_at = CAST(l.end_date AS DATE)
),
la_values AS (SELECT * FROM lv WHERE kind = 'la' AND value IS NOT NULL),
ranked AS (
    SELECT code, period_key, area,
           rank() OVER (PARTITION BY code, period_key ORDER BY CASE WHEN polarity = 'lower' THEN value ELSE -value END) AS rank,
           count(*) OVER (PARTITION BY code, period_key) AS rank_of,
           quantile_cont(value, [0.25, 0.5, 0.75]) OVER (PARTITION BY code, period_key) AS thresholds
    FROM la_values
),
grouped AS (
    SELECT v.code, v.period_key, v.area,
           rank() OVER (PARTITION BY v.code, v.period_key
                        ORDER BY CASE WHEN v.polarity = 'lower' THEN v.value ELSE -v.value END) AS sn_rank,
           count(*) OVER (PARTITION BY v.code, v.period_key) AS sn_rank_of
    FROM la_values v JOIN school_linked l ON l.code = v.code AND l.period_key = v.period_key
    WHERE (v.area = l.la OR v.area IN (SELECT neighbour_code FROM area_neighbours n WHERE n.area_code = l.la AND n.model = $model))
      AND EXISTS (SELECT 1 FROM area_neighbours n WHERE n.area_code = l.la AND n.model = $model)
),
neighbours AS (
    SELECT l.code, l.period_key, avg(v.value) AS sn_average, count(v.value) AS sn_n
    FROM school_linked l
    JOIN area_neighbours n ON n.area_code = l.la AND n.model = $model
    JOIN la_values v ON v.code = l.code AND v.period_key = l.period_key AND v.area = n.neighbour_code
    GROUP BY ALL
)
SELECT l.code, l.period_key, l.label AS dfe_label, l.start_date, l.end_date, l.period_type,
       l.polarity AS dfe_polarity, FALSE AS no_quartile,
       own.value AS dfe_value, nb.sn_average AS dfe_sn_average, nb.sn_n, reg.value AS dfe_region, eng.value AS dfe_england,
       r.rank, r.rank_of, r.thresholds,
       -- the band as dfe_figures gives it (LAIT's rule: a value on a threshold joins the band of lower values)
       CASE WHEN own.value IS NOT NULL AND r.thresholds IS NOT NULL THEN
            (CASE WHEN l.polarity = 'lower' THEN ['A', 'B', 'C', 'D'] ELSE ['D', 'C', 'B', 'A'] END)
            [1 + CAST(own.value > r.thresholds[1] AS INTEGER) + CAST(own.value > r.thresholds[2] AS INTEGER)
               + CAST(own.value > r.thresholds[3] AS INTEGER)] END AS quartile,
       g.sn_rank, g.sn_rank_of,
       l.school_measure, own.schools AS school_n, own.not_judged AS school_not_judged
FROM school_linked l
LEFT JOIN areas a ON a.area_code = l.la
LEFT JOIN lv own ON own.code = l.code AND own.period_key = l.period_key AND own.area = l.la
LEFT JOIN lv reg ON reg.code = l.code AND reg.period_key = l.period_key AND reg.area = a.region_code
LEFT JOIN lv eng ON eng.code = l.code AND eng.period_key = l.period_key AND eng.area = '970'
LEFT JOIN ranked r ON r.code = l.code AND r.period_key = l.period_key AND r.area = l.la
LEFT JOIN grouped g ON g.code = l.code AND g.period_key = l.period_key AND g.area = l.la
LEFT JOIN neighbours nb ON nb.code = l.code AND nb.period_key = l.period_key
WHERE own.value IS NOT NULL OR eng.value IS NOT NULL
ORDER BY l.code, l.end_date
