-- import-schools: an inspection history, one graded inspection per row (URN, rating in words or 1-4, date).
-- It gives no publication date or category of concern; the register gives the LA (join on URN).
INSERT INTO n_inspections BY NAME
SELECT $file AS _file, _row, 'URN' AS urn_col, "URN" AS urn_text, school_urn("URN") AS urn,
       'Inspection Date' AS start_col, "Inspection Date" AS start_text, school_date("Inspection Date") AS start_date,
       NULL AS published_col, NULL AS published_text, NULL AS published, TRUE AS graded, NULL AS inspection_number,
       'Rating' AS grade_col, "Rating" AS grade_text, school_grade("Rating") AS overall,
       school_not_judged("Rating") AS not_judged, NULL AS category, FALSE AS category_known,
       NULL AS quality, NULL AS behaviour, NULL AS personal, NULL AS leadership, NULL AS early_years, NULL AS sixth_form,
       NULL AS safeguarding, NULL AS inspection_type, NULL AS outcome, $file_id AS file_id
FROM school_raw
