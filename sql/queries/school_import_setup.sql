-- import-schools: helpers and the staging tables every file's rows are read into before any check or write.
-- Staging rows keep the text as published beside the parsed value, and the column it came from,
-- so every problem can name the file, row and column.
CREATE OR REPLACE TEMP MACRO school_urn(x) AS
    CASE WHEN regexp_full_match(trim(x), '[1-9][0-9]{4,6}(\.0+)?') THEN CAST(CAST(trim(x) AS DOUBLE) AS INTEGER) END;
CREATE OR REPLACE TEMP MACRO school_blank(x) AS nullif(trim(coalesce(x, '')), '') IS NULL;
CREATE OR REPLACE TEMP MACRO school_date(x) AS
    CAST(try_strptime(trim(x), ['%d/%m/%Y', '%Y-%m-%d', '%Y%m%d', '%Y-%m-%d %H:%M:%S', '%d-%m-%Y']) AS DATE);
-- Ofsted's grades as numbers or words (the history's "Satisfactory" was grade 3 before 2012).
CREATE OR REPLACE TEMP MACRO school_grade(x) AS
    CASE WHEN regexp_full_match(trim(x), '[1-4](\.0+)?') THEN CAST(CAST(trim(x) AS DOUBLE) AS INTEGER)
         WHEN lower(trim(x)) = 'outstanding' THEN 1
         WHEN lower(trim(x)) = 'good' THEN 2
         WHEN lower(trim(x)) IN ('requires improvement', 'satisfactory') THEN 3
         WHEN lower(trim(x)) = 'inadequate' THEN 4 END;
CREATE OR REPLACE TEMP MACRO school_not_judged(x) AS lower(trim(coalesce(x, ''))) IN ('not judged', 'not graded');
-- A sub-judgement: 1-4; Ofsted's 9 (not applicable under that framework) and blanks are none.
CREATE OR REPLACE TEMP MACRO school_judgement(x) AS
    CASE WHEN regexp_full_match(trim(x), '[1-4](\.0+)?') THEN CAST(CAST(trim(x) AS DOUBLE) AS INTEGER) END;
-- Results as published: 64, "64%", "1,234"; suppression codes (SUPP, NE, LOWCOV, x) are none, on purpose.
CREATE OR REPLACE TEMP MACRO school_number(x) AS TRY_CAST(replace(replace(trim(x), '%', ''), ',', '') AS DOUBLE);
CREATE OR REPLACE TEMP MACRO school_category(x) AS
    CASE upper(trim(coalesce(x, ''))) WHEN 'SM' THEN 'SM' WHEN 'SPECIAL MEASURES' THEN 'SM'
         WHEN 'SWK' THEN 'SWK' WHEN 'SERIOUS WEAKNESSES' THEN 'SWK' WHEN 'NTI' THEN 'NTI'
         WHEN 'NOTICE TO IMPROVE' THEN 'NTI' END;

CREATE OR REPLACE TEMP TABLE n_schools (
    _file VARCHAR, _row INTEGER, urn_col VARCHAR, urn_text VARCHAR, urn INTEGER,
    laestab VARCHAR, la_code VARCHAR, la_col VARCHAR, la_name VARCHAR, region_name VARCHAR,
    name VARCHAR, phase VARCHAR, school_type VARCHAR, governance VARCHAR, academy_kind VARCHAR, trust VARCHAR,
    open_col VARCHAR, open_text VARCHAR, open_date DATE, close_col VARCHAR, close_text VARCHAR, close_date DATE,
    pupils INTEGER, state_funded BOOLEAN, predecessor_urn INTEGER, edition DATE, listed BOOLEAN, file_id INTEGER);
CREATE OR REPLACE TEMP TABLE n_links (_file VARCHAR, _row INTEGER, urn INTEGER, predecessor_urn INTEGER);
CREATE OR REPLACE TEMP TABLE n_inspections (
    _file VARCHAR, _row INTEGER, urn_col VARCHAR, urn_text VARCHAR, urn INTEGER,
    start_col VARCHAR, start_text VARCHAR, start_date DATE, published_col VARCHAR, published_text VARCHAR, published DATE,
    graded BOOLEAN, inspection_number VARCHAR, grade_col VARCHAR, grade_text VARCHAR, overall INTEGER, not_judged BOOLEAN,
    category VARCHAR, category_known BOOLEAN, quality INTEGER, behaviour INTEGER, personal INTEGER, leadership INTEGER, early_years INTEGER,
    sixth_form INTEGER, safeguarding VARCHAR, inspection_type VARCHAR, outcome VARCHAR, file_id INTEGER);
CREATE OR REPLACE TEMP TABLE n_results (
    _file VARCHAR, _row INTEGER, urn_col VARCHAR, urn_text VARCHAR, urn INTEGER, stage VARCHAR,
    year_col VARCHAR, year_text VARCHAR, year_end INTEGER, pupils INTEGER, rwm_expected DOUBLE,
    reading_progress DOUBLE, writing_progress DOUBLE, maths_progress DOUBLE, attainment8 DOUBLE, progress8 DOUBLE,
    eng_maths_5 DOUBLE, file_id INTEGER)
