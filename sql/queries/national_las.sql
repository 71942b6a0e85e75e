-- Every LA in DfE's data with its region, for the authority chooser; $former lists the codes of
-- councils replaced by reorganisation (kept in the data for their history, not offered as home).
SELECT a.area_code, a.name, a.region_code, r.name AS region_name,
       list_contains($former, a.area_code) AS former
FROM areas a
LEFT JOIN areas r ON r.area_code = a.region_code
WHERE a.kind = 'la'
ORDER BY a.name
