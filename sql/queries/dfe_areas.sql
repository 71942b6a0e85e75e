-- Every LA, region and England with its name and region, for the Compare page's pickers and labels.
SELECT area_code, name, kind, region_code
FROM areas
WHERE kind IN ('la', 'region', 'england')
ORDER BY area_code
