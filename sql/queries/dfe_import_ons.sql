-- import_dfe: ONS codes by DfE LA number from geography/las.csv, the live row where an
-- old number was reused.
CREATE TEMP TABLE dfe_ons AS
SELECT trim(old_la_code) AS area_code,
       arg_max(trim(new_la_code), (status = 'live', coalesce(date_of_termination, '') = '')) AS ons_code
FROM read_csv($path, all_varchar = true, header = true)
WHERE nullif(trim(old_la_code), '') IS NOT NULL
GROUP BY trim(old_la_code)
