-- import-schools: DfE's performance-tables school information (england_spine): the register, open and closed
-- schools, independent schools and colleges included (they are kept but never counted: not state-funded).
-- OTHERURN links a school and the one it replaced: an open school's OTHERURN is its predecessor; a closed
-- school's is its successor.
INSERT INTO n_schools BY NAME
SELECT $file AS _file, _row, 'URN' AS urn_col, "URN" AS urn_text, school_urn("URN") AS urn,
       regexp_replace(trim("LAESTAB"), '\.0+$', '') AS laestab, regexp_replace(trim("LA"), '\.0+$', '') AS la_code,
       'LA' AS la_col, NULL AS la_name, NULL AS region_name, trim("SCHNAME") AS name,
       CASE WHEN lower("NFTYPE") LIKE '%pupil referral%' OR lower("NFTYPE") LIKE '%alternative provision%' THEN 'pru'
            WHEN lower("NFTYPE") LIKE '%special%' THEN 'special'
            WHEN lower("NFTYPE") LIKE '%nursery%' THEN 'nursery'
            WHEN trim("ISSECONDARY") IN ('1', '1.0') THEN 'secondary'
            WHEN trim("ISPRIMARY") IN ('1', '1.0') THEN 'primary' ELSE 'other' END AS phase,
       trim("NFTYPE") AS school_type,
       CASE WHEN lower("NFTYPE") LIKE 'free school%' THEN 'free school'
            WHEN lower("NFTYPE") LIKE '%academy%' OR lower("NFTYPE") LIKE '%technical college%'
              OR lower("NFTYPE") LIKE 'studio%' THEN 'academy'
            WHEN lower("MINORGROUP") IN ('maintained school', 'special school') THEN 'maintained' ELSE 'other' END AS governance,
       CASE WHEN lower("NFTYPE") LIKE '%converter%' THEN 'converter' WHEN lower("NFTYPE") LIKE '%sponsor%' THEN 'sponsor led'
       END AS academy_kind,
       NULL AS trust,
       'OPENDATE' AS open_col, "OPENDATE" AS open_text, school_date("OPENDATE") AS open_date,
       'CLOSEDATE' AS close_col, "CLOSEDATE" AS close_text, school_date("CLOSEDATE") AS close_date,
       NULL AS pupils,
       lower(trim("MINORGROUP")) IN ('maintained school', 'academy', 'special school')
         AND lower("NFTYPE") NOT LIKE '%independent%' AND lower("NFTYPE") NOT LIKE 'non-maintained%' AS state_funded,
       CASE WHEN school_blank("CLOSEDATE") THEN school_urn("OTHERURN") END AS predecessor_urn,
       CAST($edition AS DATE) AS edition, FALSE AS listed, $file_id AS file_id
FROM school_raw;

INSERT INTO n_links BY NAME
SELECT $file AS _file, _row, school_urn("OTHERURN") AS urn, school_urn("URN") AS predecessor_urn
FROM school_raw WHERE NOT school_blank("CLOSEDATE") AND school_urn("OTHERURN") IS NOT NULL
