-- The as-at rule, once. A school's grade at date D is the overall effectiveness of its latest graded inspection
-- published on or before D; a school with none of its own (a new academy) takes its predecessor's, as Ofsted's
-- statistics do. An inspection a file gives without a publication date (the 2005-2020 history) counts from `days`
-- after it started.
-- mode 'exclude': a graded inspection without an overall grade (since Sep 2024) leaves the school out of
-- the grade's denominator (not_judged); mode 'previous': the school keeps the grade of the inspection before.
-- A school is open from its open date (else its predecessor's close) until its close date, else its successor's
-- open date, else the first Ofsted outcomes census after its last listing that no longer lists it.
-- Results: the academic year ending on the latest 31 August on or before D (no older year stands in).
-- la, urns: only the schools of that LA, or with those URNs (NULL: every school); a school's state depends only on
-- its own and its predecessor's events, so an LA's list is the same whether the country is computed or not.

-- school_spans: each state-funded school's LA, phase, predecessor and the dates it is open.
CREATE OR REPLACE TEMP MACRO school_spans(la := NULL, urns := NULL) AS TABLE
WITH census AS (SELECT import_id, edition FROM school_imports WHERE kind = 'ofsted_outcomes' AND edition IS NOT NULL),
listed AS (SELECT l.urn, max(c.edition) AS last_listed FROM school_listings l JOIN census c USING (import_id) GROUP BY l.urn),
successors AS (SELECT predecessor_urn AS urn, min(open_date) AS successor_open FROM schools
               WHERE predecessor_urn IS NOT NULL GROUP BY 1)
SELECT s.urn, s.la_code, s.phase, s.predecessor_urn,
       coalesce(s.open_date, p.close_date) AS starts,
       coalesce(s.close_date, su.successor_open,
                (SELECT min(c.edition) FROM census c WHERE c.edition > coalesce(li.last_listed, DATE '1900-01-01')))
         AS ends
FROM schools s
LEFT JOIN schools p ON p.urn = s.predecessor_urn
LEFT JOIN successors su ON su.urn = s.urn
LEFT JOIN listed li ON li.urn = s.urn
WHERE s.state_funded AND (la IS NULL OR s.la_code = la) AND (urns IS NULL OR list_contains(urns, s.urn))
UNION ALL
-- A predecessor no register lists (it closed before the files begin) is still a school until its successor
-- opens: it carries the successor's LA and phase, and the inspections Ofsted's file gives for it.
SELECT s.predecessor_urn, s.la_code, s.phase, NULL, NULL, s.open_date
FROM schools s
WHERE s.state_funded AND s.predecessor_urn IS NOT NULL AND s.open_date IS NOT NULL
  AND s.predecessor_urn NOT IN (SELECT urn FROM schools) AND (la IS NULL OR s.la_code = la)
  AND (urns IS NULL OR list_contains(urns, s.predecessor_urn))
QUALIFY row_number() OVER (PARTITION BY s.predecessor_urn ORDER BY s.open_date) = 1;

-- school_segments: each school's state as at any date, as segments [seg_from, seg_to) (seg_to NULL: from then on).
-- The state changes only where the school opens or closes or an inspection (its own or its predecessor's)
-- starts to count, so it is worked out once at each such point instead of once per school and date.
-- Columns: open_at, inspected and published (the latest graded inspection), graded_on (the one that gave the grade),
-- grade and not_judged (by mode), prev_grade (the grade before that one), category, via_predecessor, and each
-- inspection-based measure's flags (good_denominator ... in_category_swk, all false where the school is not open).
CREATE OR REPLACE TEMP MACRO school_segments(mode, days, la := NULL, urns := NULL) AS TABLE
WITH spans AS (SELECT * FROM school_spans(la := la, urns := urns)),
-- Graded events by when they count (eff); "latest" means latest to start, so an event is dropped where a later-started
-- one counts no later than it does (files sometimes date a previous inspection's publication after the latest's).
ev_all AS (
    SELECT urn, coalesce(published, start_date + CAST(days AS INTEGER)) AS eff, start_date, published, overall,
           not_judged, category, category_known
    FROM school_inspections WHERE graded AND urn IN (SELECT urn FROM spans UNION ALL SELECT predecessor_urn FROM spans)
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
-- Each school's timeline: its own events and, before its first, its predecessor's (a new academy's record starts
-- there). Kept events count in the order they started, so a timeline is ordered by eff alone.
first_own AS (SELECT urn, min(eff) AS eff FROM ev GROUP BY urn),
first_own_grade AS (SELECT urn, min(eff) AS eff FROM ev_grade GROUP BY urn),
tl AS (
    SELECT s.urn, FALSE AS via, e.eff, e.start_date, e.published, e.overall, e.not_judged, e.category, e.category_known
    FROM spans s JOIN ev e ON e.urn = s.urn
    UNION ALL
    SELECT s.urn, TRUE, e.eff, e.start_date, e.published, e.overall, e.not_judged, e.category, e.category_known
    FROM spans s JOIN ev e ON e.urn = s.predecessor_urn LEFT JOIN first_own f ON f.urn = s.urn
    WHERE f.eff IS NULL OR e.eff < f.eff
),
tl_grade AS (
    SELECT *, lag(overall) OVER (PARTITION BY urn ORDER BY eff) AS prev_overall FROM (
        SELECT s.urn, e.eff, e.start_date, e.overall FROM spans s JOIN ev_grade e ON e.urn = s.urn
        UNION ALL
        SELECT s.urn, e.eff, e.start_date, e.overall
        FROM spans s JOIN ev_grade e ON e.urn = s.predecessor_urn LEFT JOIN first_own_grade f ON f.urn = s.urn
        WHERE f.eff IS NULL OR e.eff < f.eff)
),
points AS (
    SELECT urn, DATE '0001-01-01' AS point FROM spans
    UNION SELECT urn, starts FROM spans WHERE starts IS NOT NULL
    UNION SELECT urn, ends FROM spans WHERE ends IS NOT NULL
    UNION SELECT urn, eff FROM tl
    UNION SELECT urn, eff FROM tl_grade
),
seg AS (SELECT urn, point AS seg_from, lead(point) OVER (PARTITION BY urn ORDER BY point) AS seg_to FROM points),
latest AS (
    SELECT g.urn, g.seg_from, g.seg_to, p.la_code, p.phase, p.predecessor_urn,
           (p.starts IS NULL OR p.starts <= g.seg_from) AND (p.ends IS NULL OR p.ends > g.seg_from) AS open_at,
           coalesce(o.via, FALSE) AS via_predecessor, o.start_date AS inspected, o.published,
           o.overall AS last_overall, coalesce(o.not_judged, FALSE) AS last_not_judged, o.category, o.category_known,
           og.overall AS last_grade, og.start_date AS last_grade_on, og.prev_overall AS last_grade_before
    FROM seg g
    JOIN spans p ON p.urn = g.urn
    ASOF LEFT JOIN tl o ON o.urn = g.urn AND g.seg_from >= o.eff
    ASOF LEFT JOIN tl_grade og ON og.urn = g.urn AND g.seg_from >= og.eff
),
judged AS (
    SELECT *,
           CASE WHEN mode = 'previous' THEN last_grade WHEN last_not_judged THEN NULL ELSE last_overall END AS grade,
           mode <> 'previous' AND last_not_judged AS not_judged,
           CASE WHEN mode = 'previous' OR NOT last_not_judged THEN last_grade_on END AS graded_on,
           CASE WHEN mode = 'previous' OR NOT last_not_judged THEN last_grade_before END AS prev_grade,
           CASE WHEN category IS NOT NULL THEN category
                WHEN NOT coalesce(category_known, TRUE) AND last_overall = 4 THEN 'category (not recorded)' END
             AS category_shown
    FROM latest
)
SELECT urn, seg_from, seg_to, la_code, phase, predecessor_urn, open_at, inspected, published, via_predecessor,
       grade, not_judged, graded_on, prev_grade, category_shown AS category,
       open_at AND grade IS NOT NULL AS good_denominator, open_at AND coalesce(grade IN (1, 2), FALSE) AS good_numerator,
       open_at AND not_judged AS not_judged_open,
       open_at AND category_shown IS NOT NULL AS in_category_any,
       open_at AND coalesce(category_shown = 'SM', FALSE) AS in_category_sm,
       open_at AND coalesce(category_shown IN ('SWK', 'NTI'), FALSE) AS in_category_swk
FROM judged;

-- school_result_flags: each school's results per academic year, with each results measure's flags.
-- below_floor_ks2: the 2016-2018 primary floor: fewer than 65% of pupils meeting the expected standard in reading,
-- writing and maths AND progress below -5 in reading, -7 in writing or -5 in maths; schools with 11 or more pupils
-- at KS2. below_p8_threshold: Progress 8 below -0.5 (the old rule's confidence-interval test needs data these files
-- lack).
CREATE OR REPLACE TEMP MACRO school_result_flags() AS TABLE
WITH ks2 AS (SELECT * FROM school_results WHERE stage = 'ks2'),
ks4 AS (SELECT * FROM school_results WHERE stage = 'ks4'),
r AS (
    SELECT coalesce(k2.urn, k4.urn) AS urn, coalesce(k2.year_end, k4.year_end) AS year_end,
           k2.pupils AS ks2_pupils, k2.rwm_expected, k2.reading_progress, k2.writing_progress, k2.maths_progress,
           k4.pupils AS ks4_pupils, k4.attainment8, k4.progress8
    FROM ks2 k2 FULL JOIN ks4 k4 ON k4.urn = k2.urn AND k4.year_end = k2.year_end
)
SELECT *,
       rwm_expected IS NOT NULL AND coalesce(ks2_pupils >= 11, FALSE) AS floor_denominator,
       rwm_expected IS NOT NULL AND coalesce(ks2_pupils >= 11, FALSE) AND rwm_expected < 65
         AND coalesce(reading_progress < -5 OR writing_progress < -7 OR maths_progress < -5, FALSE) AS floor_numerator,
       progress8 IS NOT NULL AS p8_denominator, coalesce(progress8 < -0.5, FALSE) AS p8_numerator,
       rwm_expected IS NOT NULL AND coalesce(ks2_pupils > 0, FALSE) AS ks2_counted,
       attainment8 IS NOT NULL AND coalesce(ks4_pupils > 0, FALSE) AS ks4_counted
FROM r;

-- school_flags: one row per school open at each date, and per school with results for that date's academic year,
-- with its state and its part in every catalogue measure (the list behind a figure reads it; the figures
-- themselves add up the same segments and results in school_figures.sql).
CREATE OR REPLACE TEMP MACRO school_flags(dates, mode, days, la := NULL) AS TABLE
WITH d AS (SELECT DISTINCT CAST(unnest(dates) AS DATE) AS as_at),
dy AS (SELECT as_at, CAST(CASE WHEN month(as_at) > 8 OR (month(as_at) = 8 AND day(as_at) = 31) THEN year(as_at)
                               ELSE year(as_at) - 1 END AS INTEGER) AS results_year FROM d),
seg AS (SELECT * FROM school_segments(mode, days, la := la)),
res AS (SELECT * FROM school_result_flags()),
-- The schools open at each date, and those with results for its academic year (a school that closed on
-- 31 August still has that summer's results).
pop AS (
    SELECT dy.as_at, dy.results_year, s.*
    FROM dy JOIN seg s ON s.seg_from <= dy.as_at AND coalesce(s.seg_to, DATE '9999-12-31') > dy.as_at
    WHERE s.open_at
    UNION ALL
    SELECT dy.as_at, dy.results_year, s.*
    FROM dy
    JOIN (SELECT urn, year_end FROM res) r ON r.year_end = dy.results_year
    JOIN seg s ON s.urn = r.urn AND s.seg_from <= dy.as_at AND coalesce(s.seg_to, DATE '9999-12-31') > dy.as_at
    WHERE NOT s.open_at
)
SELECT p.as_at, p.urn, p.la_code, a.region_code, p.phase, p.predecessor_urn, p.open_at, p.inspected, p.published,
       p.via_predecessor, p.grade, p.not_judged, p.graded_on, p.prev_grade, p.category, p.results_year,
       p.good_denominator, p.good_numerator, p.in_category_any, p.in_category_sm, p.in_category_swk,
       r.ks2_pupils, r.rwm_expected, r.reading_progress, r.writing_progress, r.maths_progress,
       r.ks4_pupils, r.attainment8, r.progress8,
       coalesce(r.floor_denominator, FALSE) AS floor_denominator, coalesce(r.floor_numerator, FALSE) AS floor_numerator,
       coalesce(r.p8_denominator, FALSE) AS p8_denominator, coalesce(r.p8_numerator, FALSE) AS p8_numerator,
       coalesce(r.ks2_counted, FALSE) AS ks2_counted, coalesce(r.ks4_counted, FALSE) AS ks4_counted
FROM pop p
LEFT JOIN areas a ON a.area_code = p.la_code
LEFT JOIN res r ON r.urn = p.urn AND r.year_end = p.results_year;

-- school_target_status: each school's target (seed 000: "maintain grade 1 or 2, or improve by one grade, by a date",
-- or "reach grade 1 or 2 by a date") judged at each date on or after its baseline date. The latest entry for a school
-- is its target (the history is kept); a withdrawn one is none. required: the grade the target asks for (1 best).
-- Judged at the date, or at the due date once it has passed:
--   met         the grade meets it: at or after the due date, or earlier from an inspection started after the baseline
--   on_course   before the due date, no inspection since the baseline has fallen short of it
--   off_course  before the due date, an inspection since the baseline gave a grade short of it
--   missed      at the due date the grade falls short of it
--   no_baseline (maintain or improve) the school had no grade at the baseline date, so nothing to maintain or improve
--   no_grade    no grade to judge by: never inspected, or the latest graded inspection gave none (since Sep 2024)
--   closed      the school had closed and nothing replaced it
CREATE OR REPLACE TEMP MACRO school_target_status(dates, mode, days, la := NULL) AS TABLE
WITH d AS (SELECT DISTINCT CAST(unnest(dates) AS DATE) AS as_at),
t AS (SELECT * FROM school_targets
      QUALIFY row_number() OVER (PARTITION BY urn ORDER BY set_at DESC, target_id DESC) = 1),
live AS (SELECT * FROM t WHERE NOT coalesce(withdrawn, FALSE) AND baseline_date IS NOT NULL),
succ AS (SELECT predecessor_urn AS urn, min(urn) AS successor FROM schools
         WHERE predecessor_urn IN (SELECT urn FROM live) GROUP BY 1),
seg AS (SELECT * FROM school_segments(mode, days, urns := coalesce((SELECT list(urn) FROM live), [])
                                                        || coalesce((SELECT list(successor) FROM succ), []))),
pairs AS (SELECT d.as_at, live.target_id, live.urn, live.rule, live.baseline_date, live.due, live.note, live.set_by,
                 live.set_at, least(d.as_at, live.due) AS judged_at
          FROM d JOIN live ON d.as_at >= live.baseline_date),
b AS (SELECT p.*, s.grade AS baseline_grade
      FROM pairs p ASOF LEFT JOIN seg s ON s.urn = p.urn AND p.baseline_date >= s.seg_from),
-- A school that has closed since its baseline and was replaced (an academy conversion) is judged as the school
-- that replaced it, which carries its inspections until it has its own.
own AS (SELECT b.*, CASE WHEN NOT s.open_at AND su.successor IS NOT NULL THEN su.successor ELSE b.urn END AS judged_urn
        FROM b ASOF JOIN seg s ON s.urn = b.urn AND b.judged_at >= s.seg_from LEFT JOIN succ su ON su.urn = b.urn),
e AS (SELECT own.*, s.la_code, s.phase, s.open_at, s.grade, s.graded_on, s.not_judged, s.inspected
      FROM own ASOF JOIN seg s ON s.urn = own.judged_urn AND own.judged_at >= s.seg_from
      WHERE la IS NULL OR s.la_code = la),
r AS (SELECT *, CASE WHEN rule = 'good' OR baseline_grade <= 2 THEN 2 ELSE baseline_grade - 1 END AS required FROM e)
SELECT *,
       CASE WHEN NOT open_at THEN 'closed'
            WHEN rule <> 'good' AND baseline_grade IS NULL THEN 'no_baseline'
            WHEN grade IS NULL THEN 'no_grade'
            WHEN as_at >= due THEN CASE WHEN grade <= required THEN 'met' ELSE 'missed' END
            WHEN grade <= required AND graded_on > baseline_date THEN 'met'
            WHEN grade <= required THEN 'on_course'
            WHEN graded_on > baseline_date THEN 'off_course'
            ELSE 'on_course' END AS status
FROM r
-- one target per school judged: where a school and the one it replaced both have one, its own
QUALIFY row_number() OVER (PARTITION BY as_at, judged_urn ORDER BY urn = judged_urn DESC, set_at DESC) = 1
