-- Schools causing concern: every school of LA $la open at $as_at with what each listing rule needs
-- (kpi.schools.concern picks the rules the LA chose and says why each school is listed):
--   in_category, ri_or_inadequate, declined (its grade is worse than the one before, by the as-at rule),
--   below_floor (its latest results held up to the date's academic year: the KS2 floor or Progress 8 below -0.5),
--   not_inspected (no inspection of any kind, its own or its predecessor's, started in the $years years to the date;
--   a school never inspected counts from its open date, when known);
-- and the LA's own category in force at the date. (The target rule reads kpi.schools.targets.)
WITH l AS (
    SELECT * FROM school_flags([CAST($as_at AS DATE)], $mode, $days, la := $la) WHERE la_code = $la AND open_at
),
known AS (
    SELECT urn, start_date FROM school_inspections
    WHERE coalesce(published, start_date + CAST($days AS INTEGER)) <= CAST($as_at AS DATE)
),
seen AS (
    SELECT urn, max(start_date) AS last_inspected, arg_max(as_predecessor, start_date) AS last_as_predecessor
    FROM (SELECT l.urn, k.start_date, FALSE AS as_predecessor FROM l JOIN known k ON k.urn = l.urn
          UNION ALL
          SELECT l.urn, k.start_date, TRUE FROM l JOIN known k ON k.urn = l.predecessor_urn)
    GROUP BY urn
),
latest_results AS (
    SELECT r.urn, r.year_end AS results_year_held, r.floor_numerator, r.p8_numerator, r.rwm_expected,
           r.progress8 AS progress8_held
    FROM school_result_flags() r JOIN l ON l.urn = r.urn
    WHERE r.year_end <= l.results_year AND (r.floor_denominator OR r.p8_denominator)
    QUALIFY row_number() OVER (PARTITION BY r.urn ORDER BY r.year_end DESC) = 1
),
la_category AS (
    SELECT urn, category AS la_category, note AS la_note, effective AS la_effective FROM school_la_categories
    WHERE effective <= CAST($as_at AS DATE)
    QUALIFY row_number() OVER (PARTITION BY urn ORDER BY effective DESC, set_at DESC, entry_id DESC) = 1
),
cutoff AS (SELECT CAST($as_at AS DATE) - to_years(CAST($years AS INTEGER)) AS since)
SELECT l.urn, coalesce(s.name, 'Predecessor of a school (closed)') AS name, l.phase,
       coalesce(s.school_type, '') AS school_type, s.open_date, l.grade, l.prev_grade, l.graded_on, l.inspected,
       l.not_judged, l.category, seen.last_inspected, coalesce(seen.last_as_predecessor, FALSE) AS last_as_predecessor,
       lr.results_year_held, lr.rwm_expected, lr.progress8_held, la_category.la_category, la_category.la_note,
       la_category.la_effective,
       l.category IS NOT NULL AS in_category,
       coalesce(l.grade IN (3, 4), FALSE) AS ri_or_inadequate,
       coalesce(l.grade > l.prev_grade, FALSE) AS declined,
       coalesce(lr.floor_numerator OR lr.p8_numerator, FALSE) AS below_floor,
       CASE WHEN seen.last_inspected IS NOT NULL THEN seen.last_inspected < cutoff.since
            ELSE coalesce(s.open_date < cutoff.since, FALSE) END AS not_inspected
FROM l
CROSS JOIN cutoff
LEFT JOIN schools s ON s.urn = l.urn
LEFT JOIN seen ON seen.urn = l.urn
LEFT JOIN latest_results lr ON lr.urn = l.urn
LEFT JOIN la_category ON la_category.urn = l.urn
ORDER BY name, l.urn
