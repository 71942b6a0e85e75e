-- import-schools: Ofsted's outcomes file (official statistics or management information), one row per open
-- state-funded school: the register details, and up to three inspections as events: the latest graded, the
-- previous graded and the latest ungraded. An inspection that "does not relate to the URN of the current school"
-- belongs to the school it inspected (the predecessor of a converter), which becomes the school's predecessor.
INSERT INTO n_schools BY NAME
SELECT $file AS _file, _row, 'URN' AS urn_col, "URN" AS urn_text, school_urn("URN") AS urn,
       regexp_replace(trim("LAESTAB"), '\.0+$', '') AS laestab, left(trim("LAESTAB"), 3) AS la_code, 'LAESTAB' AS la_col,
       trim("Local authority") AS la_name, trim("Region") AS region_name,
       trim("School name") AS name,
       CASE lower(trim("Ofsted phase")) WHEN 'pru' THEN 'pru' WHEN 'pupil referral unit' THEN 'pru'
            WHEN 'primary' THEN 'primary' WHEN 'secondary' THEN 'secondary' WHEN 'special' THEN 'special'
            WHEN 'nursery' THEN 'nursery' ELSE 'other' END AS phase,
       trim("Type of education") AS school_type,
       CASE WHEN lower("Current school type used for chart C6") LIKE 'academy%' THEN 'academy'
            WHEN lower("Current school type used for chart C6") LIKE 'free school%' THEN 'free school'
            WHEN lower("Current school type used for chart C6") LIKE 'maintained%' THEN 'maintained'
            WHEN lower("Type of education") LIKE '%free school%' THEN 'free school'
            WHEN lower("Type of education") LIKE '%academy%' THEN 'academy'
            WHEN "Type of education" IS NOT NULL THEN 'maintained' END AS governance,
       CASE WHEN lower("Current school type used for chart C6") LIKE '%converter%'
              OR lower("Type of education") LIKE '%converter%' THEN 'converter'
            WHEN lower("Current school type used for chart C6") LIKE '%sponsor%'
              OR lower("Type of education") LIKE '%sponsor%' THEN 'sponsor led' END AS academy_kind,
       nullif(trim("Multi-academy trust name"), '') AS trust,
       'School open date' AS open_col, nullif(trim("School open date"), '01/01/1900') AS open_text,  -- Ofsted's "no date"
       nullif(school_date("School open date"), DATE '1900-01-01') AS open_date,
       NULL AS close_col, NULL AS close_text, NULL AS close_date,
       CAST(school_number("Total number of pupils") AS INTEGER) AS pupils, TRUE AS state_funded,
       coalesce(CASE WHEN lower(trim("Does the latest graded inspection relate to the URN of the current school?")) = 'no'
                     THEN school_urn("URN at time of latest graded inspection") END,
                CASE WHEN lower(trim("Does the previous graded inspection relate to the URN of the current school?")) = 'no'
                     THEN school_urn("URN at time of previous graded inspection") END) AS predecessor_urn,
       CAST($edition AS DATE) AS edition, TRUE AS listed, $file_id AS file_id
FROM school_raw;

INSERT INTO n_inspections BY NAME
SELECT $file AS _file, _row, 'URN' AS urn_col, "URN" AS urn_text,
       CASE WHEN lower(trim("Does the latest graded inspection relate to the URN of the current school?")) = 'no'
            THEN coalesce(school_urn("URN at time of latest graded inspection"), school_urn("URN"))
            ELSE school_urn("URN") END AS urn,
       'Inspection start date' AS start_col, "Inspection start date" AS start_text, school_date("Inspection start date") AS start_date,
       'Publication date' AS published_col, "Publication date" AS published_text, school_date("Publication date") AS published,
       TRUE AS graded, nullif(trim("Inspection number of latest graded inspection"), '') AS inspection_number,
       'Overall effectiveness' AS grade_col, "Overall effectiveness" AS grade_text,
       school_grade("Overall effectiveness") AS overall, school_not_judged("Overall effectiveness") AS not_judged,
       school_category("Category of concern") AS category, TRUE AS category_known,
       school_judgement("Quality of education") AS quality, school_judgement("Behaviour and attitudes") AS behaviour,
       school_judgement("Personal development") AS personal,
       school_judgement("Effectiveness of leadership and management") AS leadership,
       school_judgement("Early years provision (where applicable)") AS early_years,
       school_judgement("Sixth form provision (where applicable)") AS sixth_form,
       nullif(trim("Safeguarding is effective?"), '') AS safeguarding,
       nullif(trim("Inspection type"), '') AS inspection_type, NULL AS outcome, $file_id AS file_id
FROM school_raw WHERE NOT school_blank("Inspection start date");

INSERT INTO n_inspections BY NAME
SELECT $file AS _file, _row, 'URN' AS urn_col, "URN" AS urn_text,
       CASE WHEN lower(trim("Does the previous graded inspection relate to the URN of the current school?")) = 'no'
            THEN coalesce(school_urn("URN at time of previous graded inspection"), school_urn("URN"))
            ELSE school_urn("URN") END AS urn,
       'Previous inspection start date' AS start_col, "Previous inspection start date" AS start_text,
       school_date("Previous inspection start date") AS start_date,
       'Previous publication date' AS published_col, "Previous publication date" AS published_text,
       school_date("Previous publication date") AS published,
       TRUE AS graded, nullif(trim("Previous inspection number"), '') AS inspection_number,
       'Previous graded inspection overall effectiveness' AS grade_col,
       "Previous graded inspection overall effectiveness" AS grade_text,
       school_grade("Previous graded inspection overall effectiveness") AS overall,
       school_not_judged("Previous graded inspection overall effectiveness") AS not_judged,
       school_category("Previous category of concern") AS category, TRUE AS category_known,
       school_judgement("Previous quality of education") AS quality,
       school_judgement("Previous behaviour and attitudes") AS behaviour,
       school_judgement("Previous personal development") AS personal,
       school_judgement("Previous effectiveness of leadership and management") AS leadership,
       school_judgement("Previous early years provision (where applicable)") AS early_years,
       school_judgement("Previous sixth form provision (where applicable)") AS sixth_form,
       nullif(trim("Previous safeguarding is effective?"), '') AS safeguarding,
       NULL AS inspection_type, NULL AS outcome, $file_id AS file_id
FROM school_raw WHERE NOT school_blank("Previous inspection start date");

INSERT INTO n_inspections BY NAME
SELECT $file AS _file, _row, 'URN' AS urn_col, "URN" AS urn_text,
       coalesce(school_urn("URN at time of the ungraded inspection"), school_urn("URN")) AS urn,
       'Date of latest ungraded inspection' AS start_col, "Date of latest ungraded inspection" AS start_text,
       school_date("Date of latest ungraded inspection") AS start_date,
       'Ungraded inspection publication date' AS published_col, "Ungraded inspection publication date" AS published_text,
       school_date("Ungraded inspection publication date") AS published,
       FALSE AS graded, nullif(trim("Latest ungraded inspection number since last graded inspection"), '') AS inspection_number,
       NULL AS grade_col, NULL AS grade_text, NULL AS overall, FALSE AS not_judged, NULL AS category, FALSE AS category_known,
       NULL AS quality, NULL AS behaviour, NULL AS personal, NULL AS leadership, NULL AS early_years, NULL AS sixth_form,
       NULL AS safeguarding, 'Ungraded inspection' AS inspection_type,
       nullif(trim("Ungraded inspection overall outcome"), '') AS outcome, $file_id AS file_id
FROM school_raw WHERE NOT school_blank("Date of latest ungraded inspection")
