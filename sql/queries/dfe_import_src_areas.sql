-- import_dfe: the areas the LAIT file names, one row each.
CREATE TEMP TABLE dfe_src_areas AS
SELECT area_code, min(name) AS name, min(region) AS region,
       CASE WHEN area_code = '970' THEN 'england'
            WHEN TRY_CAST(area_code AS INTEGER) BETWEEN 980 AND 990 THEN 'region'
            ELSE 'la' END AS kind
FROM dfe_src GROUP BY area_code
