-- import-schools: DfE's KS2 school performance tables; "Academic Year" 2018 is 2017/18. Percentages may be text
-- ("64%"); suppressed or missing results (SUPP, NE, LOWCOV, blank) are kept as none.
INSERT INTO n_results BY NAME
SELECT $file AS _file, _row, 'URN' AS urn_col, "URN" AS urn_text, school_urn("URN") AS urn, 'ks2' AS stage,
       'Academic Year' AS year_col, "Academic Year" AS year_text,
       CASE WHEN regexp_full_match(trim("Academic Year"), '(19|20)[0-9][0-9]') THEN CAST(trim("Academic Year") AS INTEGER)
            WHEN regexp_full_match(trim("Academic Year"), '(19|20)[0-9][0-9][-/][0-9]{2}')
              THEN CAST(left(trim("Academic Year"), 4) AS INTEGER) + 1 END AS year_end,
       CAST(school_number("KS2 Pupils") AS INTEGER) AS pupils, school_number("Overall Meet Std") AS rwm_expected,
       school_number("Reading Progress") AS reading_progress, school_number("Writing Progress") AS writing_progress,
       school_number("Maths Progress") AS maths_progress, NULL AS attainment8, NULL AS progress8, NULL AS eng_maths_5,
       $file_id AS file_id
FROM school_raw
