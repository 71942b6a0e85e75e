-- import-schools: DfE's KS4 school performance tables; "Academic Year" 2018 is 2017/18. Progress 8 only: these files
-- have no confidence interval, so the old floor's second condition cannot be applied from them.
INSERT INTO n_results BY NAME
SELECT $file AS _file, _row, 'URN' AS urn_col, "URN" AS urn_text, school_urn("URN") AS urn, 'ks4' AS stage,
       'Academic Year' AS year_col, "Academic Year" AS year_text,
       CASE WHEN regexp_full_match(trim("Academic Year"), '(19|20)[0-9][0-9]') THEN CAST(trim("Academic Year") AS INTEGER)
            WHEN regexp_full_match(trim("Academic Year"), '(19|20)[0-9][0-9][-/][0-9]{2}')
              THEN CAST(left(trim("Academic Year"), 4) AS INTEGER) + 1 END AS year_end,
       CAST(school_number("KS4 Pupils") AS INTEGER) AS pupils, NULL AS rwm_expected,
       NULL AS reading_progress, NULL AS writing_progress, NULL AS maths_progress,
       school_number("Attainment 8") AS attainment8, school_number("Progress 8") AS progress8,
       school_number("Eng Maths Grade 5") AS eng_maths_5, $file_id AS file_id
FROM school_raw
