-- LAIT's figures, computed here once for every reader: the Indicator page's series, the Compare
-- page, the board pack and the command line's `benchmark` all read this query, so none can differ.
-- For each requested (measure, authority) and year: each LA's value with its national rank (1 best
-- by polarity, ties share the lowest rank, LAs without data unranked), the quartile thresholds
-- (linear quantiles of the LAs with data: numpy's default, R's type 7) and band (A best; a value on
-- a threshold joins the band of lower values, as LAIT's calculate_quartile_band); the authority's
-- neighbour mean, count and median (the neighbours with data, as LAIT), its rank among itself and
-- its neighbours, its region (London when the measure has no Inner or Outer London figure for its
-- latest year, as LAIT's clean_ldn_region) and England.
-- $measure NULL: every measure an indicator names, for the indicator's authority (its plan's area,
-- else $area); or, with $measures (a list), those measures for $area (an authority's profile).
-- $period_key NULL: every year. $every_la: every LA's row, else the authority's only.
WITH wanted AS (
    SELECT i.code, i.dfe_measure AS measure, coalesce(pl.area_code, $area) AS la
    FROM indicators i
    LEFT JOIN priorities pr ON pr.priority_code = i.priority_code
    LEFT JOIN plans pl ON pl.plan_code = coalesce(i.plan_code, pr.plan_code)
    WHERE CAST($measure AS VARCHAR) IS NULL AND CAST($measures AS VARCHAR[]) IS NULL AND i.dfe_measure IS NOT NULL
    UNION ALL
    SELECT NULL, CAST($measure AS VARCHAR), CAST($area AS VARCHAR) WHERE CAST($measure AS VARCHAR) IS NOT NULL
    UNION ALL
    SELECT NULL, unnest(CAST($measures AS VARCHAR[])), CAST($area AS VARCHAR)
    WHERE CAST($measures AS VARCHAR[]) IS NOT NULL
),
measures AS (
    SELECT DISTINCT m.measure, m.polarity, m.no_quartile
    FROM dfe_measures m WHERE m.measure IN (SELECT measure FROM wanted)
),
years AS (
    SELECT y.measure, y.period_key, y.label, p.start_date, p.end_date, p.period_type,
           lag(y.period_key) OVER (PARTITION BY y.measure ORDER BY p.end_date, p.start_date) AS previous_key,
           arg_max(y.period_key, p.end_date) OVER (PARTITION BY y.measure) AS latest_key
    FROM dfe_years y JOIN periods p ON p.period_key = y.period_key
    WHERE y.measure IN (SELECT measure FROM measures)
),
asked AS (   -- the years asked for, and the year before each (for the change)
    SELECT measure, period_key FROM years WHERE CAST($period_key AS VARCHAR) IS NULL OR period_key = $period_key
    UNION
    SELECT measure, previous_key FROM years
    WHERE previous_key IS NOT NULL AND (CAST($period_key AS VARCHAR) IS NULL OR period_key = $period_key)
),
vals AS MATERIALIZED (   -- the requested measures' values, read from the big table once
    SELECT v.measure, v.period_key, v.area_code, v.value
    FROM dfe_values v
    WHERE v.measure IN (SELECT measure FROM measures)
      AND v.period_key IN (SELECT period_key FROM asked)
),
la_vals AS MATERIALIZED (
    SELECT v.measure, v.period_key, v.area_code, v.value, m.polarity, m.no_quartile
    FROM vals v
    JOIN areas a ON a.area_code = v.area_code AND a.kind = 'la'
    JOIN measures m ON m.measure = v.measure
),
bands AS (   -- one set of thresholds per measure and year (an aggregate, not a window: far cheaper)
    SELECT measure, period_key, quantile_cont(value, [0.25, 0.5, 0.75]) AS thresholds
    FROM la_vals WHERE polarity IS NOT NULL AND NOT no_quartile
    GROUP BY ALL
),
ranked AS (
    SELECT v.measure, v.period_key, v.area_code, v.value, v.polarity,
           CASE WHEN v.polarity IS NOT NULL AND v.value IS NOT NULL THEN
                rank() OVER (PARTITION BY v.measure, v.period_key
                             ORDER BY CASE WHEN v.polarity = 'lower' THEN v.value ELSE -v.value END) END AS rank,
           CASE WHEN v.polarity IS NOT NULL THEN count(v.value) OVER (PARTITION BY v.measure, v.period_key) END
               AS rank_of,
           t.thresholds
    FROM la_vals v
    LEFT JOIN bands t ON t.measure = v.measure AND t.period_key = v.period_key
),
banded AS (
    SELECT *,
           CASE WHEN value IS NOT NULL AND thresholds IS NOT NULL AND len(thresholds) = 3 THEN
                (CASE WHEN polarity = 'lower' THEN ['A', 'B', 'C', 'D'] ELSE ['D', 'C', 'B', 'A'] END)
                [1 + CAST(value > thresholds[1] AS INTEGER) + CAST(value > thresholds[2] AS INTEGER)
                   + CAST(value > thresholds[3] AS INTEGER)] END AS quartile
    FROM ranked
),
groups AS (   -- each request's authority and its neighbours
    SELECT DISTINCT w.code, w.measure, w.la, w.la AS area_code, false AS is_neighbour FROM wanted w
    UNION ALL
    SELECT w.code, w.measure, w.la, n.neighbour_code, true
    FROM wanted w JOIN area_neighbours n ON n.area_code = w.la AND n.model = $model AND n.neighbour_code <> w.la
),
group_values AS (
    SELECT g.code, g.measure, g.la, g.is_neighbour, y.period_key, b.value, b.polarity,
           max(b.value) FILTER (WHERE NOT g.is_neighbour)
               OVER (PARTITION BY g.code, g.measure, g.la, y.period_key) AS la_value
    FROM groups g
    JOIN years y ON y.measure = g.measure
    LEFT JOIN banded b ON b.measure = g.measure AND b.period_key = y.period_key AND b.area_code = g.area_code
),
neighbours AS (
    SELECT code, measure, la, period_key,
           avg(value) FILTER (WHERE is_neighbour) AS sn_average,
           count(value) FILTER (WHERE is_neighbour) AS sn_n,
           median(value) FILTER (WHERE is_neighbour) AS sn_median,
           CASE WHEN any_value(polarity) IS NOT NULL AND any_value(la_value) IS NOT NULL THEN
                1 + count(*) FILTER (WHERE (polarity = 'lower' AND value < la_value)
                                        OR (polarity = 'higher' AND value > la_value)) END AS sn_rank,
           CASE WHEN any_value(polarity) IS NOT NULL THEN count(value) END AS sn_rank_of
    FROM group_values
    GROUP BY ALL
),
regions AS (   -- the authority's region; London when its Inner/Outer London has no latest figure
    SELECT DISTINCT w.code, w.measure, w.la,
           CASE WHEN lower(ra.name) LIKE 'london (%' AND sub.value IS NULL
                THEN (SELECT min(area_code) FROM areas WHERE kind = 'region' AND lower(name) = 'london')
                ELSE a.region_code END AS region_code
    FROM wanted w
    LEFT JOIN areas a ON a.area_code = w.la
    LEFT JOIN areas ra ON ra.area_code = a.region_code
    LEFT JOIN (SELECT DISTINCT measure, latest_key FROM years) lt ON lt.measure = w.measure
    LEFT JOIN dfe_values sub ON sub.measure = w.measure AND sub.period_key = lt.latest_key
                            AND sub.area_code = a.region_code
)
SELECT w.code, w.measure, w.la, y.period_key, y.label, y.start_date, y.end_date, y.period_type,
       m.polarity, m.no_quartile,
       coalesce(b.area_code, w.la) AS area_code, ar.name, coalesce(b.area_code, w.la) = w.la AS is_la,
       coalesce(b.area_code, w.la) IN (SELECT neighbour_code FROM area_neighbours n
                                        WHERE n.area_code = w.la AND n.model = $model) AS is_neighbour,
       b.value, b.rank, b.rank_of, b.thresholds, b.quartile,
       nb.sn_average, nb.sn_n, nb.sn_median, nb.sn_rank, nb.sn_rank_of,
       rg.region_code, rv.value AS region, ev.value AS england, pv.value AS previous
FROM wanted w
JOIN measures m ON m.measure = w.measure
JOIN years y ON y.measure = w.measure
LEFT JOIN banded b ON b.measure = w.measure AND b.period_key = y.period_key AND ($every_la OR b.area_code = w.la)
LEFT JOIN areas ar ON ar.area_code = coalesce(b.area_code, w.la)
LEFT JOIN neighbours nb ON nb.code IS NOT DISTINCT FROM w.code AND nb.measure = w.measure AND nb.la = w.la
                       AND nb.period_key = y.period_key
LEFT JOIN regions rg ON rg.code IS NOT DISTINCT FROM w.code AND rg.measure = w.measure AND rg.la = w.la
LEFT JOIN vals rv ON rv.measure = w.measure AND rv.period_key = y.period_key AND rv.area_code = rg.region_code
LEFT JOIN vals ev ON ev.measure = w.measure AND ev.period_key = y.period_key AND ev.area_code = '970'
LEFT JOIN vals pv ON pv.measure = w.measure AND pv.period_key = y.previous_key
                       AND pv.area_code = coalesce(b.area_code, w.la)
WHERE CAST($period_key AS VARCHAR) IS NULL OR y.period_key = $period_key
ORDER BY w.code, w.measure, y.end_date, y.start_date, b.value
