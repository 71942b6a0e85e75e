-- import_dfe: LAIT's rows cleaned, as a view over dfe_file so each pass reads only the columns
-- it needs. "-" and other non-numbers -> NULL; thousands commas and % signs are stripped;
-- LA Number 886.0 -> 886 (la_number) and '886' (area_code).
CREATE TEMP VIEW dfe_src AS
SELECT trim("Short Desc") AS measure,
       trim(CAST("Years" AS VARCHAR)) AS label,
       CAST(TRY_CAST("LA Number" AS DOUBLE) AS INTEGER) AS la_number,
       CAST(CAST(TRY_CAST("LA Number" AS DOUBLE) AS INTEGER) AS VARCHAR) AS area_code,
       trim("LA and Regions") AS name,
       trim("Region") AS region,
       TRY_CAST(replace(replace(trim(CAST("Values" AS VARCHAR)), ',', ''), '%', '') AS DOUBLE) AS value
FROM dfe_file
WHERE nullif(trim("Short Desc"), '') IS NOT NULL AND TRY_CAST("LA Number" AS DOUBLE) IS NOT NULL
