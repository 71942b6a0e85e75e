-- The as-at rule, once: school_status(dates, mode, days) is one row per state-funded school open at each date.
-- A school's grade at date D is the overall effectiveness of its latest graded inspection published on or before D;
-- a school with none of its own (a new academy) takes its predecessor's, as Ofsted's statistics do. An inspection
-- a file gives without a publication date (the 2005-2020 history) counts from `days` after it started.
-- mode 'exclude': a graded inspection without an overall grade (since Sep 2024) leaves the school out of
-- the grade's denominator (not_judged); mode 'previous': the school keeps the grade of the inspection before.
-- A school is open from its open date (else its predecessor's close) until its close date, else its successor's
-- open date, else the first Ofsted outcomes census after its last listing that no longer lists it.
-- Results: the academic year ending on the latest 31 August on or before D (no older year stands in).
CREATE OR REPLACE TEMP MACRO school_status(dates, mode, days) AS TABLE
WITH d AS (SELECT DISTINCT CAST(unnest(dates) AS DATE) AS as_at),
census AS (SELECT import_id, edition FROM school_imports WHERE kind = 'ofsted_outcomes' AND edition IS NOT NULL),
listed AS (SELECT l.urn, max(c.edition) AS last_listed FROM school_listings l JOIN census c USING (import_id) GROUP BY l.urn),
successors AS (SELECT predecessor_urn AS urn, min(open_date) AS successor_open FROM schools
               WHERE predecessor_urn IS NOT NULL GROUP BY 1),
spans AS (
    SELECT s.urn, s.la_code, s.phase, s.predecessor_urn,
           coalesce(s.open_date, p.close_date) AS starts,
           coalesce(s.close_date, su.successor_open,
                    (SELECT min(c.edition) FROM census c WHERE c.edition > coalesce(li.last_listed, DATE '1900-01-01')))
             AS ends
    FROM schools s
    LEFT JOIN schools p ON p.urn = s.predecessor_urn
    LEFT JOIN successors su ON su.urn = s.urn
    LEFT JOIN listed li ON li.urn = s.urn
    WHERE s.state_funded
    UNION ALL
    -- A predecessor no register lists (it closed before the files begin) is still a school until its successor
    -- opens: it carries the successor's LA and phase, and the inspections Ofsted's file gives for it.
    SELECT s.predecessor_urn, s.la_code, s.phase, NULL, NULL, s.open_date
    FROM schools s
    WHERE s.state_funded AND s.predecessor_urn IS NOT NULL AND s.open_date IS NOT NULL
      AND s.predecessor_urn NOT IN (SELECT urn FROM schools)
    QUALIFY row_number() OVER (PARTITION BY s.predecessor_urn ORDER BY s.open_date) = 1
),
-- Each date's academic year for results: the one ending on the latest 31 August on or before it.
dy AS (SELECT as_at, CAST(CASE WHEN month(as_at) > 8 OR (month(as_at) = 8 AND day(as_at) = 31) THEN year(as_at)
                               ELSE year(as_at) - 1 END AS INTEGER) AS results_year FROM d),
-- The schools open at each date, and those with results for its academic year (a school that closed on
-- 31 August still has that summer's results).
pop AS (
    SELECT dy.as_at, dy.results_year, s.*, TRUE AS open_at
    FROM dy JOIN spans s ON (s.starts IS NULL OR s.starts <= dy.as_at) AND (s.ends IS NULL OR s.ends > dy.as_at)
    UNION ALL
    SELECT dy.as_at, dy.results_year, s.*, FALSE AS open_at
    FROM dy
    JOIN (SELECT DISTINCT urn, year_end FROM school_results) r ON r.year_end = dy.results_year
    JOIN spans s ON s.urn = r.urn
    WHERE NOT ((s.starts IS NULL OR s.starts <= dy.as_at) AND (s.ends IS NULL OR s.ends > dy.as_at))
),
-- Graded events by when they count (eff); "latest" means latest to start, so an event is dropped where a later-started
-- one counts no later than it does (files sometimes date a previous inspection's publication after the latest's).
ev_all AS (
    SELECT urn, coalesce(published, start_date + CAST(days AS INTEGER)) AS eff, start_date, published, overall,
           not_judged, category, category_known
    FROM school_inspections WHERE graded
),
ev AS (
    SELECT * FROM (SELECT *, min(eff) OVER (PARTITION BY urn ORDER BY start_date DESC
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS superseded
                   FROM ev_all)
    WHERE superseded IS NULL OR superseded > eff
),
ev_grade AS (
    SELECT * FROM (SELECT *, min(eff) OVER (PARTITION BY urn ORDER BY start_date DESC
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS superseded
                   FROM ev_all WHERE overall IS NOT NULL)
    WHERE superseded IS NULL OR superseded > eff
),
latest AS (
    SELECT p.as_at, p.results_year, p.open_at, p.urn, p.la_code, p.phase,
           o.start_date IS NULL AND pr.start_date IS NOT NULL AS via_predecessor,
           CASE WHEN o.start_date IS NOT NULL THEN o.start_date ELSE pr.start_date END AS inspected,
           CASE WHEN o.start_date IS NOT NULL THEN o.published ELSE pr.published END AS published,
           CASE WHEN o.start_date IS NOT NULL THEN o.overall ELSE pr.overall END AS last_overall,
           coalesce(CASE WHEN o.start_date IS NOT NULL THEN o.not_judged ELSE pr.not_judged END, FALSE) AS last_not_judged,
           CASE WHEN o.start_date IS NOT NULL THEN o.category ELSE pr.category END AS category,
           CASE WHEN o.start_date IS NOT NULL THEN o.category_known ELSE pr.category_known END AS category_known,
           CASE WHEN og.start_date IS NOT NULL THEN og.overall ELSE pg.overall END AS last_grade
    FROM pop p
    ASOF LEFT JOIN ev o ON o.urn = p.urn AND p.as_at >= o.eff
    ASOF LEFT JOIN ev pr ON pr.urn = p.predecessor_urn AND p.as_at >= pr.eff
    ASOF LEFT JOIN ev_grade og ON og.urn = p.urn AND p.as_at >= og.eff
    ASOF LEFT JOIN ev_grade pg ON pg.urn = p.predecessor_urn AND p.as_at >= pg.eff
),
ks2 AS (SELECT * FROM school_results WHERE stage = 'ks2'),
ks4 AS (SELECT * FROM school_results WHERE stage = 'ks4')
SELECT l.as_at, l.urn, l.la_code, a.region_code, l.phase, l.open_at, l.inspected, l.published, l.via_predecessor,
       CASE WHEN mode = 'previous' THEN l.last_grade WHEN l.last_not_judged THEN NULL ELSE l.last_overall END AS grade,
       mode <> 'previous' AND l.last_not_judged AS not_judged,
       CASE WHEN l.category IS NOT NULL THEN l.category
            WHEN NOT coalesce(l.category_known, TRUE) AND l.last_overall = 4 THEN 'category (not recorded)' END AS category,
       l.results_year,
       k2.pupils AS ks2_pupils, k2.rwm_expected, k2.reading_progress, k2.writing_progress, k2.maths_progress,
       k4.pupils AS ks4_pupils, k4.attainment8, k4.progress8
FROM latest l
LEFT JOIN areas a ON a.area_code = l.la_code
LEFT JOIN ks2 k2 ON k2.urn = l.urn AND k2.year_end = l.results_year
LEFT JOIN ks4 k4 ON k4.urn = l.urn AND k4.year_end = l.results_year
;

-- Each school's part in every catalogue measure at each date (used by school_figures and the list behind a figure).
-- below_floor_ks2: the 2016-2018 primary floor: fewer than 65% meeting the expected standard in reading, writing and
-- maths AND progress below -5 in reading, -7 in writing or -5 in maths; schools with 11 or more pupils at KS2.
-- below_p8_threshold: Progress 8 below -0.5 (the old rule's confidence-interval test needs data these files lack).
CREATE OR REPLACE TEMP MACRO school_flags(dates, mode, days) AS TABLE
SELECT s.*,
       s.open_at AND s.grade IS NOT NULL AS good_denominator, s.open_at AND s.grade IN (1, 2) AS good_numerator,
       s.open_at AND s.category IS NOT NULL AS in_category_any, s.open_at AND s.category = 'SM' AS in_category_sm,
       s.open_at AND s.category IN ('SWK', 'NTI') AS in_category_swk,
       s.rwm_expected IS NOT NULL AND s.ks2_pupils >= 11 AS floor_denominator,
       s.rwm_expected IS NOT NULL AND s.ks2_pupils >= 11 AND s.rwm_expected < 65
         AND (s.reading_progress < -5 OR s.writing_progress < -7 OR s.maths_progress < -5) AS floor_numerator,
       s.progress8 IS NOT NULL AS p8_denominator, s.progress8 < -0.5 AS p8_numerator,
       s.rwm_expected IS NOT NULL AND s.ks2_pupils > 0 AS ks2_counted,
       s.attainment8 IS NOT NULL AND s.ks4_pupils > 0 AS ks4_counted
FROM school_status(dates, mode, days) s
