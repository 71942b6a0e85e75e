-- import_dfe: LAs, regions (980-990) and England (970) as the LAIT file names them, each LA
-- with its region (LAIT says "Inner London", the region row "London (Inner)") and its ONS
-- code from dfe_ons where known. Upserts, so areas other tables refer to are kept.
INSERT INTO areas (area_code, name, kind, ons_code, region_code, parent_code)
WITH src AS (SELECT * FROM dfe_src_areas),
keyed AS (
    SELECT *, CASE WHEN lower(region) IN ('inner london', 'outer london')
                   THEN 'london (' || split_part(lower(region), ' ', 1) || ')'
                   ELSE lower(region) END AS region_key
    FROM src
),
regions AS (SELECT area_code AS region_code, lower(name) AS region_key FROM src WHERE kind = 'region')
SELECT k.area_code, k.name, k.kind, o.ons_code,
       CASE WHEN k.kind = 'la' THEN r.region_code END,
       CASE k.kind WHEN 'la' THEN r.region_code WHEN 'region' THEN '970' END
FROM keyed k
LEFT JOIN regions r ON r.region_key = k.region_key
LEFT JOIN dfe_ons o ON o.area_code = k.area_code
ON CONFLICT (area_code) DO UPDATE SET
    name = excluded.name, kind = excluded.kind,
    ons_code = coalesce(excluded.ons_code, areas.ons_code),
    region_code = excluded.region_code, parent_code = excluded.parent_code
