-- Every catalogue measure for every LA, region and England at each of $dates, in one pass (long form: one row per
-- date, area, measure, phase and category). `schools` is how many schools the figure is based on (its denominator's
-- schools); not_judged counts the schools left out because their latest graded inspection gave no overall grade.
-- The inspection-based counts of an LA and phase change only where one of its schools' segments starts or ends
-- (school_segments), so each is a running sum of +1/-1 steps read at each date, not a count of every school at
-- every date; the results-based counts depend only on the date's academic year. Both are added up per LA and
-- phase, then rolled up to LAs, regions and England. The same segments and flags give the list behind each figure.
WITH seg AS MATERIALIZED (SELECT * FROM school_segments($mode, $days) WHERE open_at),
d AS (SELECT DISTINCT CAST(unnest($dates) AS DATE) AS as_at),
dy AS (SELECT as_at, CAST(CASE WHEN month(as_at) > 8 OR (month(as_at) = 8 AND day(as_at) = 31) THEN year(as_at)
                               ELSE year(as_at) - 1 END AS INTEGER) AS results_year FROM d),
moves AS (
    SELECT la_code, phase, seg_from AS point, 1 AS sign, good_denominator, good_numerator, not_judged_open,
           in_category_any, in_category_sm, in_category_swk FROM seg
    UNION ALL
    SELECT la_code, phase, seg_to, -1, good_denominator, good_numerator, not_judged_open,
           in_category_any, in_category_sm, in_category_swk FROM seg WHERE seg_to IS NOT NULL
),
steps AS (
    SELECT coalesce(la_code, '') AS la, coalesce(phase, '') AS ph, point,
           CAST(sum(sign) AS INTEGER) AS open_schools,
           CAST(sum(sign * CAST(good_denominator AS INTEGER)) AS INTEGER) AS good_den,
           CAST(sum(sign * CAST(good_numerator AS INTEGER)) AS INTEGER) AS good_num,
           CAST(sum(sign * CAST(not_judged_open AS INTEGER)) AS INTEGER) AS not_judged,
           CAST(sum(sign * CAST(in_category_any AS INTEGER)) AS INTEGER) AS cat_any,
           CAST(sum(sign * CAST(in_category_sm AS INTEGER)) AS INTEGER) AS cat_sm,
           CAST(sum(sign * CAST(in_category_swk AS INTEGER)) AS INTEGER) AS cat_swk
    FROM moves GROUP BY ALL
),
-- Integer sums throughout: DuckDB's default (HUGEINT) sums make the running window several times slower.
running AS (
    SELECT la, ph, point,
           CAST(sum(open_schools) OVER w AS INTEGER) AS open_schools, CAST(sum(good_den) OVER w AS INTEGER) AS good_den,
           CAST(sum(good_num) OVER w AS INTEGER) AS good_num, CAST(sum(not_judged) OVER w AS INTEGER) AS not_judged,
           CAST(sum(cat_any) OVER w AS INTEGER) AS cat_any, CAST(sum(cat_sm) OVER w AS INTEGER) AS cat_sm,
           CAST(sum(cat_swk) OVER w AS INTEGER) AS cat_swk
    FROM steps
    WINDOW w AS (PARTITION BY la, ph ORDER BY point ROWS UNBOUNDED PRECEDING)
),
insp AS (
    SELECT q.as_at, q.results_year, q.la, q.ph, r.open_schools, r.good_den, r.good_num, r.not_judged,
           r.cat_any, r.cat_sm, r.cat_swk
    FROM (SELECT * FROM dy CROSS JOIN (SELECT DISTINCT la, ph FROM steps)) q
    ASOF LEFT JOIN running r ON r.la = q.la AND r.ph = q.ph AND q.as_at >= r.point
),
res AS (
    SELECT coalesce(sp.la_code, '') AS la, coalesce(sp.phase, '') AS ph, f.year_end,
           count(*) AS with_results,
           count(*) FILTER (WHERE floor_denominator) AS floor_den, count(*) FILTER (WHERE floor_numerator) AS floor_num,
           count(*) FILTER (WHERE p8_denominator) AS p8_den, count(*) FILTER (WHERE p8_numerator) AS p8_num,
           count(*) FILTER (WHERE ks2_counted) AS ks2_schools,
           sum(rwm_expected * ks2_pupils) FILTER (WHERE ks2_counted) / 100 AS ks2_num,
           sum(ks2_pupils) FILTER (WHERE ks2_counted) AS ks2_den,
           count(*) FILTER (WHERE ks4_counted) AS ks4_schools,
           sum(attainment8 * ks4_pupils) FILTER (WHERE ks4_counted) AS ks4_num,
           sum(ks4_pupils) FILTER (WHERE ks4_counted) AS ks4_den
    FROM school_result_flags() f JOIN school_spans() sp ON sp.urn = f.urn
    WHERE f.year_end IN (SELECT results_year FROM dy)
    GROUP BY ALL
),
-- Targets per school (school_target_status): those in effect, those that can be judged, those met.
tg AS (
    SELECT as_at, coalesce(la_code, '') AS la, coalesce(phase, '') AS ph, count(*) AS targets_set,
           count(*) FILTER (WHERE status IN ('met', 'on_course', 'off_course', 'missed')) AS targets_rated,
           count(*) FILTER (WHERE status = 'met') AS targets_met
    FROM school_target_status($dates, $mode, $days)
    GROUP BY ALL
),
ir AS (
    SELECT coalesce(i.as_at, r.as_at) AS as_at, coalesce(i.la, r.la) AS la, coalesce(i.ph, r.ph) AS ph,
           i.* EXCLUDE (as_at, la, ph, results_year), r.* EXCLUDE (as_at, la, ph, year_end)
    FROM insp i
    FULL JOIN (SELECT dy.as_at, res.* FROM dy JOIN res ON res.year_end = dy.results_year) r
      ON r.as_at = i.as_at AND r.la = i.la AND r.ph = i.ph
),
lp AS (
    SELECT coalesce(i.as_at, t.as_at) AS as_at, nullif(coalesce(i.la, t.la), '') AS la_code,
           nullif(coalesce(i.ph, t.ph), '') AS phase,
           coalesce(i.open_schools, 0) AS open_schools, coalesce(i.good_den, 0) AS good_den,
           coalesce(i.good_num, 0) AS good_num, coalesce(i.not_judged, 0) AS not_judged,
           coalesce(i.cat_any, 0) AS cat_any, coalesce(i.cat_sm, 0) AS cat_sm, coalesce(i.cat_swk, 0) AS cat_swk,
           coalesce(i.with_results, 0) AS with_results, coalesce(i.floor_den, 0) AS floor_den,
           coalesce(i.floor_num, 0) AS floor_num, coalesce(i.p8_den, 0) AS p8_den, coalesce(i.p8_num, 0) AS p8_num,
           coalesce(i.ks2_schools, 0) AS ks2_schools, i.ks2_num, i.ks2_den,
           coalesce(i.ks4_schools, 0) AS ks4_schools, i.ks4_num, i.ks4_den,
           coalesce(t.targets_set, 0) AS targets_set, coalesce(t.targets_rated, 0) AS targets_rated,
           coalesce(t.targets_met, 0) AS targets_met
    FROM ir i
    FULL JOIN tg t ON t.as_at = i.as_at AND t.la = i.la AND t.ph = i.ph
),
g AS MATERIALIZED (
    SELECT as_at,
           CASE WHEN grouping(la_code) = 0 THEN la_code WHEN grouping(region_code) = 0 THEN region_code ELSE '970' END
             AS area_code,
           CASE WHEN grouping(phase) = 0 THEN phase ELSE 'all' END AS phase,
           CAST(sum(open_schools) AS BIGINT) AS open_schools,
           CAST(sum(good_den) AS BIGINT) AS good_den, CAST(sum(good_num) AS BIGINT) AS good_num,
           CAST(sum(not_judged) AS BIGINT) AS not_judged,
           CAST(sum(cat_any) AS BIGINT) AS cat_any, CAST(sum(cat_sm) AS BIGINT) AS cat_sm,
           CAST(sum(cat_swk) AS BIGINT) AS cat_swk,
           CAST(sum(floor_den) AS BIGINT) AS floor_den, CAST(sum(floor_num) AS BIGINT) AS floor_num,
           CAST(sum(p8_den) AS BIGINT) AS p8_den, CAST(sum(p8_num) AS BIGINT) AS p8_num,
           CAST(sum(ks2_schools) AS BIGINT) AS ks2_schools, sum(ks2_num) AS ks2_num, sum(ks2_den) AS ks2_den,
           CAST(sum(ks4_schools) AS BIGINT) AS ks4_schools, sum(ks4_num) AS ks4_num, sum(ks4_den) AS ks4_den,
           CAST(sum(targets_set) AS BIGINT) AS targets_set, CAST(sum(targets_rated) AS BIGINT) AS targets_rated,
           CAST(sum(targets_met) AS BIGINT) AS targets_met
    FROM (SELECT lp.*, a.region_code FROM lp LEFT JOIN areas a ON a.area_code = lp.la_code
          WHERE lp.open_schools > 0 OR lp.with_results > 0 OR lp.targets_set > 0)
    GROUP BY GROUPING SETS ((as_at, la_code, phase), (as_at, la_code), (as_at, region_code, phase), (as_at, region_code),
                            (as_at, phase), (as_at))
),
m AS (
    SELECT as_at, area_code, 'good_or_outstanding' AS measure, phase, 'all' AS category,
           100.0 * good_num / nullif(good_den, 0) AS value, good_num AS numerator, good_den AS denominator,
           good_den AS schools, not_judged FROM g
    UNION ALL SELECT as_at, area_code, 'in_category', phase, 'all', cat_any, cat_any, open_schools, open_schools, 0 FROM g
    UNION ALL SELECT as_at, area_code, 'in_category', phase, 'SM', cat_sm, cat_sm, open_schools, open_schools, 0 FROM g
    UNION ALL SELECT as_at, area_code, 'in_category', phase, 'SWK', cat_swk, cat_swk, open_schools, open_schools, 0 FROM g
    UNION ALL SELECT as_at, area_code, 'below_floor_ks2', phase, 'all', 100.0 * floor_num / nullif(floor_den, 0),
                     floor_num, floor_den, floor_den, 0 FROM g
    UNION ALL SELECT as_at, area_code, 'below_p8_threshold', phase, 'all', 100.0 * p8_num / nullif(p8_den, 0),
                     p8_num, p8_den, p8_den, 0 FROM g
    UNION ALL SELECT as_at, area_code, 'ks2_expected', phase, 'all', 100.0 * ks2_num / nullif(ks2_den, 0),
                     ks2_num, ks2_den, ks2_schools, 0 FROM g
    UNION ALL SELECT as_at, area_code, 'ks4_attainment8', phase, 'all', ks4_num / nullif(ks4_den, 0),
                     ks4_num, ks4_den, ks4_schools, 0 FROM g
    UNION ALL SELECT as_at, area_code, 'school_targets_met', phase, 'all', CASE WHEN targets_set > 0 THEN targets_met END,
                     targets_met, targets_rated, targets_rated, 0 FROM g
)
SELECT m.as_at, m.area_code AS area, a.kind, m.measure, m.phase, m.category, m.value,
       CAST(m.numerator AS DOUBLE) AS numerator, CAST(m.denominator AS DOUBLE) AS denominator,
       CAST(m.schools AS BIGINT) AS schools, CAST(m.not_judged AS BIGINT) AS not_judged
FROM m JOIN areas a ON a.area_code = m.area_code
WHERE m.value IS NOT NULL
