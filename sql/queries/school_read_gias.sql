-- import-schools: a GIAS extract (GIAS's own names or snake-cased ones): the register, and where the extract
-- carries them, KS4 results for the year its name gives (2024 for "ks4_2023-24").
INSERT INTO n_schools BY NAME
SELECT $file AS _file, _row, 'URN' AS urn_col, "URN" AS urn_text, school_urn("URN") AS urn,
       coalesce(regexp_replace(nullif(trim("laestab"), ''), '\.0+$', ''),
                regexp_replace(trim("la_code"), '\.0+$', '') || lpad(regexp_replace(trim("establishment_number"), '\.0+$', ''), 4, '0'))
         AS laestab,
       regexp_replace(trim("la_code"), '\.0+$', '') AS la_code, 'la_code' AS la_col, NULL AS la_name, NULL AS region_name,
       trim("establishment_name") AS name,
       CASE WHEN lower("type_of_establishment") LIKE '%pupil referral%' OR lower("type_of_establishment") LIKE '%alternative provision%' THEN 'pru'
            WHEN lower("type_of_establishment") LIKE '%special%' THEN 'special'
            WHEN lower("phase_of_education") LIKE '%nursery%' THEN 'nursery'
            WHEN lower("phase_of_education") LIKE '%secondary%' OR lower("phase_of_education") IN ('all-through', '16 plus')
              THEN 'secondary'
            WHEN lower("phase_of_education") LIKE '%primary%' THEN 'primary' ELSE 'other' END AS phase,
       trim("type_of_establishment") AS school_type,
       CASE WHEN lower("type_of_establishment") LIKE 'free school%' OR lower("establishment_type_group") LIKE 'free school%' THEN 'free school'
            WHEN lower("type_of_establishment") LIKE '%academy%' OR lower("establishment_type_group") LIKE 'academ%' THEN 'academy'
            WHEN lower("establishment_type_group") LIKE '%maintained%' THEN 'maintained' ELSE 'other' END AS governance,
       CASE WHEN lower("type_of_establishment") LIKE '%converter%' THEN 'converter'
            WHEN lower("type_of_establishment") LIKE '%sponsor%' THEN 'sponsor led' END AS academy_kind,
       nullif(trim("trust_name"), '') AS trust,
       'open_date' AS open_col, "open_date" AS open_text, school_date("open_date") AS open_date,
       'close_date' AS close_col, "close_date" AS close_text, school_date("close_date") AS close_date,
       CAST(school_number("number_of_pupils") AS INTEGER) AS pupils,
       coalesce(lower("establishment_type_group") NOT SIMILAR TO '.*(independent|online|universit|college|other types).*', TRUE)
         AS state_funded,
       NULL AS predecessor_urn, CAST($edition AS DATE) AS edition, FALSE AS listed, $file_id AS file_id
FROM school_raw;

INSERT INTO n_results BY NAME
SELECT $file AS _file, _row, 'URN' AS urn_col, "URN" AS urn_text, school_urn("URN") AS urn, 'ks4' AS stage,
       NULL AS year_col, NULL AS year_text, CAST($results_year AS INTEGER) AS year_end,
       CAST(school_number("ks4_total_pupils") AS INTEGER) AS pupils, NULL AS rwm_expected,
       NULL AS reading_progress, NULL AS writing_progress, NULL AS maths_progress,
       school_number("ks4_attainment8") AS attainment8, school_number("ks4_progress8") AS progress8,
       school_number("ks4_pct_grade5_eng_maths") AS eng_maths_5, $file_id AS file_id
FROM school_raw
WHERE $results_year IS NOT NULL
  AND (school_number("ks4_attainment8") IS NOT NULL OR school_number("ks4_progress8") IS NOT NULL)
