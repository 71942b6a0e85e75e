-- Every catalogue measure for every LA, region and England at each of $dates, in one pass (long form: one row per
-- date, area, measure, phase and category). `schools` is how many schools the figure is based on (its denominator's
-- schools); not_judged counts the schools left out because their latest graded inspection gave no overall grade.
WITH f AS (SELECT * FROM school_flags($dates, $mode, $days)),
g AS (
    SELECT as_at,
           CASE WHEN grouping(la_code) = 0 THEN la_code WHEN grouping(region_code) = 0 THEN region_code ELSE '970' END
             AS area_code,
           CASE WHEN grouping(phase) = 0 THEN phase ELSE 'all' END AS phase,
           count(*) FILTER (WHERE open_at) AS open_schools,
           count(*) FILTER (WHERE good_denominator) AS good_den, count(*) FILTER (WHERE good_numerator) AS good_num,
           count(*) FILTER (WHERE open_at AND not_judged) AS not_judged,
           count(*) FILTER (WHERE in_category_any) AS cat_any, count(*) FILTER (WHERE in_category_sm) AS cat_sm,
           count(*) FILTER (WHERE in_category_swk) AS cat_swk,
           count(*) FILTER (WHERE floor_denominator) AS floor_den, count(*) FILTER (WHERE floor_numerator) AS floor_num,
           count(*) FILTER (WHERE p8_denominator) AS p8_den, count(*) FILTER (WHERE p8_numerator) AS p8_num,
           count(*) FILTER (WHERE ks2_counted) AS ks2_schools,
           sum(rwm_expected * ks2_pupils) FILTER (WHERE ks2_counted) / 100 AS ks2_num,
           sum(ks2_pupils) FILTER (WHERE ks2_counted) AS ks2_den,
           count(*) FILTER (WHERE ks4_counted) AS ks4_schools,
           sum(attainment8 * ks4_pupils) FILTER (WHERE ks4_counted) AS ks4_num,
           sum(ks4_pupils) FILTER (WHERE ks4_counted) AS ks4_den
    FROM f
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
)
SELECT m.as_at, m.area_code AS area, a.name, a.kind, a.region_code, m.measure, m.phase, m.category,
       m.value, m.numerator, m.denominator, m.schools, m.not_judged
FROM m JOIN areas a ON a.area_code = m.area_code
WHERE m.value IS NOT NULL
ORDER BY m.as_at, m.measure, m.phase, m.category, a.kind = 'la', m.area_code
