-- One row per year of a DfE measure for $la: its value, its neighbours' mean, count and median
-- (neighbours with data only, as LAIT), its region and England; oldest first.
WITH la AS (SELECT region_code FROM areas WHERE area_code = $la),
sn AS (SELECT neighbour_code FROM area_neighbours WHERE model = $model AND area_code = $la)
SELECT y.period_key, y.label, p.end_date,
       max(v.value) FILTER (WHERE v.area_code = $la) AS value,
       avg(v.value) FILTER (WHERE v.area_code IN (SELECT neighbour_code FROM sn)) AS sn_average,
       count(v.value) FILTER (WHERE v.area_code IN (SELECT neighbour_code FROM sn)) AS sn_n,
       median(v.value) FILTER (WHERE v.area_code IN (SELECT neighbour_code FROM sn)) AS sn_median,
       max(v.value) FILTER (WHERE v.area_code = (SELECT region_code FROM la)) AS region,
       max(v.value) FILTER (WHERE v.area_code = '970') AS england
FROM dfe_years y
JOIN periods p ON p.period_key = y.period_key
LEFT JOIN dfe_values v ON v.measure = y.measure AND v.period_key = y.period_key
WHERE y.measure = $measure
GROUP BY y.period_key, y.label, p.end_date, p.start_date
ORDER BY p.end_date, p.start_date
